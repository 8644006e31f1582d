# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time native Odoo against serial_tracking_wms on the same work (issue 8).

Run through ``bench/run.sh``, which prepares the two throw-away databases:
``--native-db`` has only ``stock``; ``--ours-db`` has ``stock`` and
``serial_tracking_wms``. For each N, on each database, with the same serial names:

* native: a receipt of N serial-tracked units, one move line per serial
  (``lot_name``), validated; then a delivery of the N units, reserved, picked,
  validated;
* ours: a pre-receipt of N Full Tracking units, ``wms_set_expected_serials``,
  ``wms_receive_expected_serials``, validated; then a pick list of the N units,
  ``wms_set_picked_serials`` with the N serials, validated;
* one scan: 500 ``wms_scan_serial`` calls on a receipt and on a pick list (ours),
  500 native serial lines (check on hand, create the line, flush) on a receipt.

``--container`` (issue 16: a container in one receipt): N = 5,000 and 50,000, ours
imports the supplier's file (a CSV of the N serials) through the Edit Serial Numbers
dialog (``stock.expected.serial.wizard``, driven as the web client does) instead of
calling ``wms_set_expected_serials``; no per-scan figures. Each native flow (receipt,
delivery) is stopped at ``--native-cap`` minutes (default 20) and reported as "did not
finish in N min"; a native delivery after a receipt that did not finish delivers the
N serials put on hand by SQL.

The per-scan figures are taken again with ``--on-hand`` serials (100,000) of the
product already in stock, inserted by SQL. Every figure is server time, inside this
process, with the ORM flushed; caches are emptied before each timed step, as a new
request would find them.
"""

import argparse
import base64
import cProfile
import datetime
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager

import odoo
from odoo import Command, api
from odoo.tools import SQL, config

ADMIN_UID = 2
DID_NOT_FINISH = "dnf"


class NativeCapReached(BaseException):
    """A native flow ran past ``--native-cap`` minutes (a ``BaseException``: no
    ``except Exception`` on the way swallows it)."""


@contextmanager
def capped(minutes):
    """Raise ``NativeCapReached`` inside the block after ``minutes`` (SIGALRM)."""
    if not minutes:
        yield
        return

    def stop(signum, frame):
        raise NativeCapReached()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, minutes * 60)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- Timing helpers ---
@contextmanager
def timed(env, figures, key):
    env.invalidate_all()
    profile_dir = os.environ.get("BENCH_PROFILE")
    profiler = cProfile.Profile() if profile_dir else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    yield
    env.flush_all()
    figures[key] = figures.get(key, 0.0) + time.perf_counter() - start
    if profiler:
        profiler.disable()
        profiler.dump_stats(os.path.join(profile_dir, f"{env.cr.dbname}-{key}.prof"))


def percentile(values, pct):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- Fixtures (the same on both databases) ---
def bench_warehouse(env):
    warehouse = env["stock.warehouse"].search([("code", "=", "BNCH")], limit=1)
    if not warehouse:
        warehouse = env["stock.warehouse"].create(
            {"name": "Bench Warehouse", "code": "BNCH"}
        )
    return warehouse


def create_product(env, name, ours):
    vals = {"name": name, "type": "consu", "is_storable": True}
    if ours:
        vals["serial_tracking_mode"] = "full"
    else:
        vals["tracking"] = "serial"
    return env["product.product"].create(vals)


def create_picking(env, warehouse, product, qty, incoming, confirm=True):
    if incoming:
        picking_type = warehouse.in_type_id
        src = env.ref("stock.stock_location_suppliers")
        dest = warehouse.lot_stock_id
    else:
        picking_type = warehouse.out_type_id
        src = warehouse.lot_stock_id
        dest = env.ref("stock.stock_location_customers")
    picking = env["stock.picking"].create(
        {
            "picking_type_id": picking_type.id,
            "location_id": src.id,
            "location_dest_id": dest.id,
            "move_ids": [
                Command.create(
                    {
                        "name": product.name,
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "product_uom": product.uom_id.id,
                        "location_id": src.id,
                        "location_dest_id": dest.id,
                    }
                )
            ],
        }
    )
    if confirm:
        picking.action_confirm()
    return picking


def validate(picking):
    res = picking.button_validate()
    if res is not True:
        raise RuntimeError(f"{picking.name} not validated: {res}")


def serial_names(prefix, count):
    return [f"{prefix}-{index:07d}" for index in range(1, count + 1)]


def check_outcome(env, product, serials, location_usage):
    """Every serial is one lot with one unit at a location of ``location_usage``,
    and none of the product is left in stock elsewhere."""
    env.invalidate_all()
    lots = env["stock.lot"].search([("product_id", "=", product.id)])
    quants = env["stock.quant"].search(
        [
            ("product_id", "=", product.id),
            ("quantity", "!=", 0),
            ("location_id.usage", "in", ("internal", "transit", "customer")),
        ]
    )
    ok = (
        sorted(lots.mapped("name")) == sorted(serials)
        and len(quants) == len(serials)
        and all(
            q.quantity == 1 and q.location_id.usage == location_usage for q in quants
        )
        and sorted(quants.lot_id.mapped("name")) == sorted(serials)
    )
    if not ok:
        raise RuntimeError(f"unexpected stock for {product.display_name}")


# --- Flows ---
def native_flow(env, warehouse, n, prefix, cap=0):
    """Native receipt then delivery; each stopped after ``cap`` minutes (0: no cap),
    its figure then ``DID_NOT_FINISH`` and its work rolled back."""
    figures = {}
    serials = serial_names(prefix, n)
    product = create_product(env, f"Bench native {prefix}", ours=False)
    receipt = create_picking(env, warehouse, product, n, incoming=True)
    env.cr.commit()
    try:
        with capped(cap):
            with timed(env, figures, "receipt_prepare"):
                move = receipt.move_ids
                move.move_line_ids.unlink()
                env["stock.move.line"].create(
                    [
                        {
                            **move._prepare_move_line_vals(quantity=1),
                            "lot_name": name,
                            "quantity": 1,
                            "picked": True,
                        }
                        for name in serials
                    ]
                )
            with timed(env, figures, "receipt_validate"):
                validate(receipt)
        env.cr.commit()
        check_outcome(env, product, serials, "internal")
        figures["receipt"] = figures["receipt_prepare"] + figures["receipt_validate"]
    except NativeCapReached:
        env.cr.rollback()
        env.invalidate_all()
        log(f"native: receipt of {n} stopped at {cap} min")
        figures = {"receipt": DID_NOT_FINISH}
        # The delivery is timed on the same serials, put on hand by SQL.
        put_on_hand_sql(env, warehouse, product, prefix, n)
        env.cr.commit()
    delivery = create_picking(env, warehouse, product, n, incoming=False, confirm=False)
    env.cr.commit()
    try:
        with capped(cap):
            with timed(env, figures, "delivery_reserve"):
                delivery.action_confirm()
                delivery.action_assign()
            with timed(env, figures, "delivery_validate"):
                delivery.move_ids.picked = True
                validate(delivery)
        env.cr.commit()
        check_outcome(env, product, serials, "customer")
        figures["delivery"] = figures["delivery_reserve"] + figures["delivery_validate"]
    except NativeCapReached:
        env.cr.rollback()
        env.invalidate_all()
        log(f"native: delivery of {n} stopped at {cap} min")
        figures.pop("delivery_reserve", None)
        figures.pop("delivery_validate", None)
        figures["delivery"] = DID_NOT_FINISH
    return figures


def import_expected_serials(env, receipt, product, serials):
    """The supplier's file (CSV, one serial a line under a header) imported on the
    receipt's line through Edit Serial Numbers, as the web client does: the dialog
    opened from the line (its action's context), the file saved on it, its check
    read (what the dialog shows), Save pressed."""
    content = "serial\n" + "\n".join(serials) + "\n"
    move = receipt.move_ids.filtered(lambda m: m.product_id == product)
    action = move.action_wms_edit_expected_serials()
    wizard = (
        env[action["res_model"]]
        .with_context(**action["context"])
        .create(
            {
                "input_method": "file",
                "import_file": base64.b64encode(content.encode()),
                "import_filename": "container.csv",
            }
        )
    )
    if wizard.has_errors or wizard.serial_count != len(serials):
        raise RuntimeError(wizard.check_result)
    wizard.action_save()


def ours_flow(env, warehouse, n, prefix, container=False):
    figures = {}
    serials = serial_names(prefix, n)
    product = create_product(env, f"Bench ours {prefix}", ours=True)
    receipt = create_picking(env, warehouse, product, n, incoming=True)
    env.cr.commit()
    with timed(env, figures, "receipt_set"):
        if container:
            import_expected_serials(env, receipt, product, serials)
        else:
            receipt.wms_set_expected_serials(product.id, serials)
    env.cr.commit()
    with timed(env, figures, "receipt_receive"):
        res = receipt.wms_receive_expected_serials(product.id)
        if not res["ok"] or res["count"] != n:
            raise RuntimeError(res["message"])
    env.cr.commit()
    with timed(env, figures, "receipt_validate"):
        validate(receipt)
    env.cr.commit()
    check_outcome(env, product, serials, "internal")
    delivery = create_picking(env, warehouse, product, n, incoming=False, confirm=False)
    env.cr.commit()
    with timed(env, figures, "delivery_confirm"):
        delivery.action_confirm()
    env.cr.commit()
    with timed(env, figures, "delivery_pick"):
        res = delivery.wms_set_picked_serials(product.id, serials)
        if not res["ok"] or res["count"] != n:
            raise RuntimeError(res["message"])
    env.cr.commit()
    with timed(env, figures, "delivery_validate"):
        validate(delivery)
    env.cr.commit()
    check_outcome(env, product, serials, "customer")
    figures["receipt"] = (
        figures["receipt_set"]
        + figures["receipt_receive"]
        + figures["receipt_validate"]
    )
    figures["delivery"] = (
        figures["delivery_confirm"]
        + figures["delivery_pick"]
        + figures["delivery_validate"]
    )
    return figures


def put_on_hand_sql(env, warehouse, product, prefix, count):
    """``count`` serials of ``product`` in stock, by SQL (the ORM takes minutes)."""
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO stock_lot (name, product_id, company_id, location_id,
                               create_uid, write_uid, create_date, write_date)
        SELECT %(prefix)s || '-' || lpad(i::text, 7, '0'), %(product)s, %(company)s,
               %(location)s, %(uid)s, %(uid)s, now() at time zone 'UTC',
               now() at time zone 'UTC'
          FROM generate_series(1, %(count)s) AS i;
        INSERT INTO stock_quant (product_id, company_id, location_id, lot_id,
                                 quantity, reserved_quantity, in_date,
                                 create_uid, write_uid, create_date, write_date)
        SELECT product_id, company_id, location_id, id, 1, 0,
               now() at time zone 'UTC', %(uid)s, %(uid)s,
               now() at time zone 'UTC', now() at time zone 'UTC'
          FROM stock_lot WHERE product_id = %(product)s;
        """,
        {
            "prefix": prefix,
            "product": product.id,
            "company": warehouse.company_id.id,
            "location": warehouse.lot_stock_id.id,
            "uid": env.uid,
            "count": count,
        },
    )
    # Stored fields that modules add to quants and derive from the product
    # (``related`` is a dotted path: "product_id.product_tmpl_id.x").
    for fname, field in env["stock.quant"]._fields.items():
        path = field.related.split(".") if field.store and field.related else []
        if path[:1] == ["product_id"]:
            env.cr.execute(
                SQL(
                    "UPDATE stock_quant SET %s = %s WHERE product_id = %s",
                    SQL.identifier(fname),
                    product.mapped(".".join(path[1:]))[0] or None,
                    product.id,
                )
            )
    env.cr.execute("ANALYZE stock_lot; ANALYZE stock_quant")
    env.invalidate_all()
    env.registry.clear_cache()


def scan_figures(env, warehouse, product, on_hand_serials, scans, prefix, ours):
    """Per-scan server times (seconds): receipt of ``scans`` new serials, and (ours)
    pick of ``scans`` serials among ``on_hand_serials``."""
    times = {"scan_receipt": [], "scan_pick": []}
    if not scans:
        return {}
    new_serials = serial_names(f"{prefix}-NEW", scans)
    receipt = create_picking(env, warehouse, product, scans, incoming=True)
    if ours:
        receipt.wms_set_expected_serials(product.id, new_serials)
    else:
        receipt.move_ids.move_line_ids.unlink()
    env.cr.commit()
    move_id = receipt.move_ids.id
    for name in new_serials:
        env.invalidate_all()
        start = time.perf_counter()
        if ours:
            res = (
                env["stock.picking"]
                .browse(receipt.id)
                .wms_scan_serial(product.id, name)
            )
            if not res["ok"]:
                raise RuntimeError(res["message"])
        else:
            # Native: check the serial is not on hand, create the line, flush.
            move = env["stock.move"].browse(move_id)
            on_hand = env["stock.quant"].search_count(
                [
                    ("product_id", "=", product.id),
                    ("lot_id.name", "=", name),
                    ("location_id.usage", "in", ("internal", "transit")),
                    ("quantity", ">", 0),
                ]
            )
            if on_hand:
                raise RuntimeError(f"{name} already on hand")
            env["stock.move.line"].create(
                {
                    **move._prepare_move_line_vals(quantity=1),
                    "lot_name": name,
                    "quantity": 1,
                    "picked": True,
                }
            )
        env.flush_all()
        times["scan_receipt"].append(time.perf_counter() - start)
    env.cr.commit()
    receipt.action_cancel()
    env.cr.commit()
    if ours and len(on_hand_serials) >= scans:
        step = len(on_hand_serials) // scans
        picked = on_hand_serials[::step][:scans]
        delivery = create_picking(env, warehouse, product, scans, incoming=False)
        delivery.action_assign()
        env.cr.commit()
        for name in picked:
            env.invalidate_all()
            start = time.perf_counter()
            res = (
                env["stock.picking"]
                .browse(delivery.id)
                .wms_scan_serial(product.id, name)
            )
            if not res["ok"]:
                raise RuntimeError(res["message"])
            env.flush_all()
            times["scan_pick"].append(time.perf_counter() - start)
        env.cr.commit()
        delivery.action_cancel()
        env.cr.commit()
    return {
        f"{key}_{stat}": func(values) * 1000
        for key, values in times.items()
        if values
        for stat, func in (
            ("p50", statistics.median),
            ("p95", lambda v: percentile(v, 95)),
        )
    }


def run_database(
    dbname, ours, sizes, scans, on_hand, run_id, container=False, native_cap=0
):
    registry = odoo.modules.registry.Registry(dbname)
    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, ADMIN_UID, {})
        warehouse = bench_warehouse(env)
        cr.commit()
        label = "ours" if ours else "native"
        for n in sizes:
            prefix = f"B{run_id}N{n}"
            log(f"{label}: receipt and delivery of {n} serials")
            if ours:
                figures = ours_flow(env, warehouse, n, prefix, container=container)
            else:
                figures = native_flow(env, warehouse, n, prefix, cap=native_cap)
            log(
                f"{label}: {n}: "
                + ", ".join(
                    f"{k} {v:.2f}s" if v != DID_NOT_FINISH else f"{k} did not finish"
                    for k, v in figures.items()
                )
            )
            results[n] = figures
            if not scans:
                continue
            # Per-scan figures with the N serials of this run on hand.
            product = create_product(env, f"Bench scan {prefix}", ours=ours)
            put_on_hand_sql(env, warehouse, product, f"{prefix}S", n)
            cr.commit()
            log(f"{label}: {scans} scans with {n} serials on hand")
            figures.update(
                scan_figures(
                    env,
                    warehouse,
                    product,
                    serial_names(f"{prefix}S", n),
                    scans,
                    prefix,
                    ours,
                )
            )
            results[n] = figures
        if on_hand:
            prefix = f"B{run_id}H{on_hand}"
            product = create_product(env, f"Bench on hand {prefix}", ours=ours)
            log(f"{label}: putting {on_hand} serials on hand by SQL")
            put_on_hand_sql(env, warehouse, product, prefix, on_hand)
            cr.commit()
            log(f"{label}: {scans} scans with {on_hand} serials on hand")
            results[f"onhand{on_hand}"] = scan_figures(
                env,
                warehouse,
                product,
                serial_names(prefix, on_hand),
                scans,
                prefix,
                ours,
            )
    return results


# --- Report ---
def machine_description():
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        cpu = platform.processor()
    ram = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            kib = int(meminfo.readline().split()[1])
            ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    try:
        postgres = subprocess.run(
            ["psql", "-d", "postgres", "-Atc", "show server_version"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        postgres = "?"
    return [
        ("Host", socket.gethostname()),
        ("CPUs (nproc)", str(os.cpu_count())),
        ("CPU model", cpu),
        ("RAM", ram),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("PostgreSQL", postgres),
        ("Odoo", odoo.release.version),
    ]


def command_line():
    """``bench/run.sh`` and the arguments this run was given (without the
    databases and configuration ``run.sh`` adds)."""
    args, option = ["bench/run.sh"], None
    for arg in sys.argv[1:]:
        if option:
            if option == "--modules" and arg:
                args += [option, arg]
            option = None
        elif arg in ("--conf", "--native-db", "--ours-db", "--modules"):
            option = arg
        else:
            args.append(arg)
    return " ".join(args)


def ratio(native, ours, cap=0):
    if native == DID_NOT_FINISH and ours:
        return f"> {cap * 60 / ours:.0f}x"
    if native is None or ours is None or not ours:
        return "—"
    return f"{native / ours:.1f}x"


def fmt(value, unit, cap=0):
    if value is None:
        return "—"
    if value == DID_NOT_FINISH:
        return f"did not finish in {cap:g} min"
    return f"{value:.2f} {unit}" if unit == "s" else f"{value:.1f} {unit}"


def report(
    native,
    ours,
    sizes,
    on_hand,
    scans,
    started,
    elapsed,
    modules="",
    container=False,
    native_cap=0,
):
    lines = [
        "# Serial tracking benchmark: native Odoo 18.0 vs serial_tracking_wms",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC, {elapsed / 60:.1f} min in all. "
        "Server time in one process, ORM flushed, caches emptied before each step.",
        "",
        f"Command: `{command_line()}`",
        "",
        *(
            [
                "Container run (`--container`): ours imports the supplier's file "
                "(CSV of the N serials) through Edit Serial Numbers; "
                + (
                    "native not run (`--skip-native`)"
                    if not native
                    else f"each native flow stopped at {native_cap:g} min"
                    if native_cap
                    else "each native flow runs to its end"
                )
                + ".",
                "",
            ]
            if container
            else []
        ),
        "| Machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine_description()),
        "",
        "Modules on both databases: stock"
        + (f", {modules.replace(',', ', ')}" if modules else "")
        + " (ours: and serial_tracking_wms).",
        "",
        "## Whole flows",
        "",
        "| Flow | N | native | ours | native / ours |",
        "|---|---|---|---|---|",
    ]
    rows = [
        (
            "Receipt: native prepare (lines) / ours "
            + ("import the file" if container else "set expected"),
            "receipt_prepare",
        ),
        ("Receipt: ours receive expected (one call)", "receipt_receive"),
        ("Receipt: validate", "receipt_validate"),
        (
            "**Receipt total** (native prepare+validate, ours set+receive+validate)",
            "receipt",
        ),
        ("Delivery: confirm and reserve (native: + action_assign)", "delivery_reserve"),
        ("Delivery: ours set picked serials (one call)", "delivery_pick"),
        ("Delivery: validate", "delivery_validate"),
        (
            "**Delivery total** (native confirm+reserve+validate, "
            "ours confirm+pick+validate)",
            "delivery",
        ),
    ]
    ours_keys = {
        "receipt_prepare": "receipt_set",
        "delivery_reserve": "delivery_confirm",
    }
    native_only_missing = {"receipt_receive", "delivery_pick"}
    for n in sizes:
        for title, key in rows:
            nat = None if key in native_only_missing else native.get(n, {}).get(key)
            our = ours.get(n, {}).get(ours_keys.get(key, key))
            if nat is None and our is None:
                continue
            lines.append(
                f"| {title} | {n:,} | {fmt(nat, 's', native_cap)} | {fmt(our, 's')} "
                f"| {ratio(nat, our, native_cap)} |"
            )
    if scans:
        lines += scans_section(native, ours, sizes, on_hand, scans)
    else:
        lines += ["", "No per-scan figures in this run (`--scans 0`)."]
    if len(sizes) > 1:
        small, big = min(sizes), max(sizes)
        lines += [
            "",
            f"## Growth: time at {big:,} / time at {small:,} "
            f"(linear = {big / small:g})",
            "",
            "| Flow | native | ours |",
            "|---|---|---|",
        ]
        for title, key in (
            ("Receipt total", "receipt"),
            ("Delivery total", "delivery"),
        ):

            def growth(results, key=key):
                low = results.get(small, {}).get(key)
                high = results.get(big, {}).get(key)
                if high == DID_NOT_FINISH and low not in (None, DID_NOT_FINISH):
                    return f"> {native_cap * 60 / low:.0f}"
                if low in (None, DID_NOT_FINISH) or high in (None, DID_NOT_FINISH):
                    return "—"
                return f"{high / low:.2f}"

            lines.append(f"| {title} | {growth(native)} | {growth(ours)} |")
    if container:
        lines += goals_section(ours, sizes)
    return "\n".join(lines) + "\n"


def scans_section(native, ours, sizes, on_hand, scans):
    """The per-scan figures as report lines."""
    lines = [
        "",
        "## One scan (ms of server time)",
        "",
        f"{scans} scans each. Native equivalent on a receipt: check the serial is not "
        "on hand, create the move line with `lot_name`, flush. Native has no pick "
        "scan to compare with.",
        "",
        "| Scan | serials on hand | native p50 | ours p50 | ratio | native p95 "
        "| ours p95 | ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    contexts = [(n, f"{n:,}") for n in sizes]
    if on_hand:
        contexts.append((f"onhand{on_hand}", f"{on_hand:,}"))
    for kind, title in (("scan_receipt", "Receipt"), ("scan_pick", "Pick list")):
        for key, label in contexts:
            nat, our = native.get(key, {}), ours.get(key, {})
            if f"{kind}_p50" not in our:
                continue
            n50, o50 = nat.get(f"{kind}_p50"), our.get(f"{kind}_p50")
            n95, o95 = nat.get(f"{kind}_p95"), our.get(f"{kind}_p95")
            lines.append(
                f"| {title} | {label} | {fmt(n50, 'ms')} | {fmt(o50, 'ms')} | "
                f"{ratio(n50, o50)} | {fmt(n95, 'ms')} | {fmt(o95, 'ms')} | "
                f"{ratio(n95, o95)} |"
            )
    return lines


def goals_section(ours, sizes):
    """Issue 16's container goals, met or not, as report lines."""
    big = max(sizes)
    lines = [
        "",
        f"## Issue 16's goals at {big:,} serials (ours)",
        "",
        "| Goal | ours | met |",
        "|---|---|---|",
    ]
    for title, key in (
        ("Receipt (file imported, received, validated) under 60 s", "receipt"),
        (
            "Delivery (pick list confirmed, picked, validated) under 60 s",
            "delivery",
        ),
    ):
        value = ours.get(big, {}).get(key)
        met = "—" if value is None else ("yes" if value < 60 else "**no**")
        lines.append(f"| {title} | {fmt(value, 's')} | {met} |")
    if len(sizes) > 1:
        small = min(sizes)
        for title, key in (("Receipt", "receipt"), ("Delivery", "delivery")):
            low = ours.get(small, {}).get(key)
            high = ours.get(big, {}).get(key)
            if low and high:
                growth = high / low
                met = "yes" if growth <= 11 else "**no**"
                lines.append(
                    f"| {title}: time at {big:,} / at {small:,} at most 11 "
                    f"| {growth:.2f} | {met} |"
                )
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True)
    parser.add_argument("--native-db", required=True)
    parser.add_argument("--ours-db", required=True)
    parser.add_argument("--sizes", help="N values, comma-separated (1000,5000)")
    parser.add_argument("--scans", type=int, help="scans per context (500)")
    parser.add_argument(
        "--on-hand", type=int, help="serials on hand for the scans (100000)"
    )
    parser.add_argument("--skip-native", action="store_true")
    parser.add_argument(
        "--container",
        action="store_true",
        help="issue 16's container: N=5,000 and 50,000 (unless --sizes), the "
        "supplier's file imported through the wizard, no scans, nothing on hand",
    )
    parser.add_argument(
        "--native-cap",
        type=float,
        default=20,
        help="minutes after which a native flow is stopped (0: no cap)",
    )
    parser.add_argument(
        "--modules", default="", help="modules both databases run besides stock"
    )
    parser.add_argument(
        "--quick", action="store_true", help="N=200, 50 scans, 2,000 on hand"
    )
    parser.add_argument(
        "--out-dir", default=os.path.join(os.path.dirname(__file__), "results")
    )
    args = parser.parse_args()
    if args.quick:
        defaults = ("200", 50, 2000)
    elif args.container:
        defaults = ("5000,50000", 0, 0)
    else:
        defaults = ("1000,5000", 500, 100000)
    args.sizes = args.sizes if args.sizes is not None else defaults[0]
    args.scans = args.scans if args.scans is not None else defaults[1]
    args.on_hand = args.on_hand if args.on_hand is not None else defaults[2]
    sizes = [int(n) for n in args.sizes.split(",") if n]
    config.parse_config(["-c", args.conf, "--log-level=warn"])
    started = datetime.datetime.now(datetime.timezone.utc)
    clock = time.perf_counter()
    run_id = started.strftime("%H%M%S")
    native = {}
    if not args.skip_native:
        native = run_database(
            args.native_db,
            False,
            sizes,
            args.scans,
            args.on_hand,
            run_id,
            native_cap=args.native_cap,
        )
    ours = run_database(
        args.ours_db,
        True,
        sizes,
        args.scans,
        args.on_hand,
        run_id,
        container=args.container,
    )
    text = report(
        native,
        ours,
        sizes,
        args.on_hand,
        args.scans,
        started,
        time.perf_counter() - clock,
        args.modules,
        container=args.container,
        native_cap=args.native_cap,
    )
    print(text)
    os.makedirs(args.out_dir, exist_ok=True)
    suffix = (
        ("-modules" if args.modules else "")
        + ("-container" if args.container else "")
        + ("-quick" if args.quick else "")
    )
    path = os.path.join(
        args.out_dir, f"{started:%Y-%m-%d}-{socket.gethostname()}{suffix}.md"
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    log(f"written to {path}")


if __name__ == "__main__":
    main()
