# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time a count by serial number: native Odoo against serial_tracking_wms
(issue 16, point 5).

Run through ``bench/count.sh``, which prepares the two throw-away databases
(``--native-db``: ``stock``; ``--ours-db``: ``stock`` and
``serial_tracking_wms``). For each N, on each database, with the same serial
names: N serials of one product on hand at one location (by SQL); then a count
at that location finds 70% of them, misses 30% and finds 30% N serials that were
not on record there (new lots):

* native: Odoo's Physical Inventory by serial, as its list does it: the new
  serials' lots created, their quants created in inventory mode with a counted
  quantity of 1, the missing ones counted 0, then *Apply* (``action_apply_inventory``
  on the quants counted);
* ours: ``stock.quant.wms_count_serials(location, product, serials found)``.

Server time inside this process, the ORM flushed, caches emptied before the
step (``bench_serials.timed``); ``BENCH_PROFILE=<dir>`` writes a cProfile of
each step there.
"""

import argparse
import datetime
import os
import socket
import sys
import time

import odoo
from odoo import api
from odoo.tools import config

sys.path.insert(0, os.path.dirname(__file__))
from bench_serials import (  # noqa: E402
    ADMIN_UID,
    bench_warehouse,
    create_product,
    log,
    machine_description,
    put_on_hand_sql,
    ratio,
    serial_names,
    timed,
)


def count_plan(prefix, n):
    """The serials on record (N), found (70%), missing (30%) and new (30%)."""
    on_record = serial_names(prefix, n)
    kept = n * 7 // 10
    new = serial_names(f"{prefix}X", n - kept)
    return on_record, on_record[:kept] + new, on_record[kept:], new


def native_count(env, location, product, found, missing, new):
    """Odoo's Physical Inventory by serial: what its list and *Apply* do."""
    Quant = env["stock.quant"].with_context(inventory_mode=True)
    lots = env["stock.lot"].create(
        [
            {
                "name": name,
                "product_id": product.id,
                "company_id": location.company_id.id,
            }
            for name in new
        ]
    )
    counted = Quant.create(
        [
            {
                "product_id": product.id,
                "location_id": location.id,
                "lot_id": lot.id,
                "inventory_quantity": 1,
            }
            for lot in lots
        ]
    )
    gone = Quant.search(
        [
            ("product_id", "=", product.id),
            ("location_id", "=", location.id),
            ("lot_id.name", "in", missing),
        ]
    )
    gone.write({"inventory_quantity": 0, "inventory_quantity_set": True})
    res = (counted | gone).action_apply_inventory()
    if res:
        raise RuntimeError(f"native count not applied: {res}")


def check_count(env, location, product, found):
    env.invalidate_all()
    quants = env["stock.quant"].search(
        [
            ("product_id", "=", product.id),
            ("location_id", "=", location.id),
            ("quantity", ">", 0),
        ]
    )
    if sorted(quants.lot_id.mapped("name")) != sorted(found) or any(
        q.quantity != 1 for q in quants
    ):
        raise RuntimeError(f"unexpected stock after the count of {product.name}")


def run_database(dbname, ours, sizes, run_id):
    registry = odoo.modules.registry.Registry(dbname)
    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, ADMIN_UID, {})
        warehouse = bench_warehouse(env)
        location = warehouse.lot_stock_id
        cr.commit()
        label = "ours" if ours else "native"
        for n in sizes:
            prefix = f"C{run_id}N{n}"
            product = create_product(env, f"Bench count {prefix}", ours=ours)
            put_on_hand_sql(env, warehouse, product, prefix, n)
            cr.commit()
            _on_record, found, missing, new = count_plan(prefix, n)
            log(
                f"{label}: count of {n} serials on record: {len(found) - len(new)} "
                f"found, {len(missing)} missing, {len(new)} new"
            )
            figures = {}
            with timed(env, figures, f"count{n}"):
                if ours:
                    res = env["stock.quant"].wms_count_serials(
                        location.id, product.id, found
                    )
                    if len(res["added"]) != len(new) or len(res["written_off"]) != len(
                        missing
                    ):
                        raise RuntimeError(f"unexpected count result {res}")
                else:
                    native_count(env, location, product, found, missing, new)
            cr.commit()
            check_count(env, location, product, found)
            log(f"{label}: {n}: {figures[f'count{n}']:.2f}s")
            results[n] = figures[f"count{n}"]
    return results


def report(native, ours, sizes, started, elapsed, modules):
    lines = [
        "# Count by serial number: native Odoo 18.0 vs serial_tracking_wms",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC, {elapsed / 60:.1f} min in all "
        f"(`bench/count.sh --sizes {','.join(map(str, sizes))}"
        + (f" --modules {modules}" if modules else "")
        + "`). Server time in one process, ORM flushed, caches emptied before "
        "each count.",
        "",
        "| Machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine_description()),
        "",
        "Modules on both databases: stock"
        + (f", {modules.replace(',', ', ')}" if modules else "")
        + " (ours: and serial_tracking_wms).",
        "",
        "N serials on hand at one location; the count finds 70% of them, misses "
        "30% (written off) and finds 30% N serials new there (lots created, "
        "added). Native: Physical Inventory by serial (lots created, quants "
        "created in inventory mode counted 1, missing ones counted 0, "
        "`action_apply_inventory`). Ours: `stock.quant.wms_count_serials`.",
        "",
        "| N on record | found / missing / new | native | ours | native / ours |",
        "|---|---|---|---|---|",
    ]
    for n in sizes:
        kept = n * 7 // 10
        nat, our = native.get(n), ours.get(n)
        lines.append(
            f"| {n:,} | {kept:,} / {n - kept:,} / {n - kept:,} | "
            + (f"{nat:.2f} s" if nat is not None else "—")
            + " | "
            + (f"{our:.2f} s" if our is not None else "—")
            + f" | {ratio(nat, our)} |"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True)
    parser.add_argument("--native-db", required=True)
    parser.add_argument("--ours-db", required=True)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--skip-native", action="store_true")
    parser.add_argument("--modules", default="")
    parser.add_argument(
        "--out-dir", default=os.path.join(os.path.dirname(__file__), "results")
    )
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",") if n]
    config.parse_config(["-c", args.conf, "--log-level=warn"])
    started = datetime.datetime.now(datetime.timezone.utc)
    clock = time.perf_counter()
    run_id = started.strftime("%H%M%S")
    native = {}
    if not args.skip_native:
        native = run_database(args.native_db, False, sizes, run_id)
    ours = run_database(args.ours_db, True, sizes, run_id)
    text = report(
        native, ours, sizes, started, time.perf_counter() - clock, args.modules
    )
    print(text)
    if args.no_write:
        return
    os.makedirs(args.out_dir, exist_ok=True)
    suffix = "-count" + ("-modules" if args.modules else "")
    path = os.path.join(
        args.out_dir, f"{started:%Y-%m-%d}-{socket.gethostname()}{suffix}.md"
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    log(f"written to {path}")


if __name__ == "__main__":
    main()
