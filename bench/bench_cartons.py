# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time a carton's scan (issue 21): one scanner call for a whole carton.

Run through ``bench/cartons.sh``, which prepares a throw-away database with
``serial_tracking_wms_hhd``. For each carton size N, ``--reps`` times:

* receive: a pre-receipt of N Full Tracking units whose N expected serials are
  listed in one carton; timed: the scanner's call with the carton's label
  (``wms.hhd.receive.scan``: the N serials recorded, the package made, the
  screen's answer built);
* pick: that receipt validated (the carton in stock, a package of N serials),
  a delivery of N reserved; timed: the scanner's call with the carton's label
  (``wms.hhd.pick.scan``).

One carton of each size is scanned first, not counted (the first run of the
code paths). Each repetition is rolled back afterwards: every scan meets the
same database. Server time in this process, ORM flushed, caches emptied before
each timed call as a new request would find them; as the administrator (the
scanner runs the same code for a stock user).
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
    create_picking,
    log,
    machine_description,
    percentile,
)


def timed_call(env, call):
    env.flush_all()
    env.invalidate_all()
    start = time.perf_counter()
    result = call()
    env.flush_all()
    return time.perf_counter() - start, result


def one_carton(env, warehouse, product, n, carton):
    """(receive seconds, pick seconds) for a carton of ``n``."""
    serials = [f"{carton}-{i:04d}" for i in range(1, n + 1)]
    receipt = create_picking(env, warehouse, product, n, incoming=True)
    receipt.wms_set_expected_serials(product.id, [(s, carton) for s in serials])
    seconds_in, screen = timed_call(
        env, lambda: env["wms.hhd.receive"].scan(receipt.id, carton)
    )
    if not screen["ok"] or screen["document"]["done_qty"] != n:
        raise RuntimeError(f"carton {carton} not received: {screen['message']}")
    if receipt.button_validate() is not True:
        raise RuntimeError(f"{receipt.name} not validated")
    delivery = create_picking(env, warehouse, product, n, incoming=False)
    delivery.action_assign()
    seconds_out, screen = timed_call(
        env, lambda: env["wms.hhd.pick"].scan(delivery.id, carton)
    )
    if not screen["ok"] or screen["document"]["done_qty"] != n:
        raise RuntimeError(f"carton {carton} not picked: {screen['message']}")
    return seconds_in, seconds_out


def run(dbname, sizes, reps):
    registry = odoo.modules.registry.Registry(dbname)
    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, ADMIN_UID, {"tracking_disable": True})
        warehouse = env["stock.warehouse"].create(
            {"name": "Bench Cartons", "code": "BCTN"}
        )
        cr.commit()
        for n in sizes:
            product = env["product.product"].create(
                {
                    "name": f"Bench carton {n}",
                    "is_storable": True,
                    "serial_tracking_mode": "full",
                }
            )
            cr.commit()
            times = {"receive": [], "pick": []}
            # One carton first, not counted: the code paths' first run.
            one_carton(env, warehouse, product, n, f"CTN{n}-WARMUP")
            cr.rollback()
            env.invalidate_all()
            for rep in range(reps):
                seconds_in, seconds_out = one_carton(
                    env, warehouse, product, n, f"CTN{n}-{rep:03d}"
                )
                times["receive"].append(seconds_in)
                times["pick"].append(seconds_out)
                cr.rollback()
                env.invalidate_all()
                log(
                    f"carton of {n}, {rep + 1}/{reps}: {seconds_in * 1000:.0f} ms "
                    f"in, {seconds_out * 1000:.0f} ms out"
                )
            results[n] = times
    return results


def command_line():
    """``bench/cartons.sh`` and the arguments this run was given (without the
    database, the configuration and the note)."""
    args, skip = ["bench/cartons.sh"], False
    for arg in sys.argv[1:]:
        if skip:
            skip = False
        elif arg in ("--conf", "--db", "--note", "--out-dir"):
            skip = True
        elif not arg.startswith(("--conf=", "--db=", "--note=", "--out-dir=")):
            args.append(arg)
    return " ".join(args)


def report(results, reps, started, elapsed, note):
    lines = [
        "# A carton's scan: one scanner call for a whole carton",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC, {elapsed / 60:.1f} min in all. Server "
        "time in one process, ORM flushed, caches emptied before each call; each "
        f"figure over {reps} cartons, each scan rolled back after.",
        "",
        f"Command: `{command_line()}`",
        "",
    ]
    if note:
        lines += [f"**Note:** {note}", ""]
    lines += ["| Machine | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in machine_description()]
    lines += [
        "",
        "Receive: `wms.hhd.receive.scan` with the carton's label on a pre-receipt "
        "whose N expected serials are listed in that carton (all recorded, the "
        "package made, the screen's answer). Pick: `wms.hhd.pick.scan` with the "
        "label of the sealed carton of N in stock, on a delivery of N reserved.",
        "",
        "| Carton scan | serials | p50 | p95 | max | per serial (p50) |",
        "|---|---|---|---|---|---|",
    ]
    for n, times in results.items():
        for kind, title in (("receive", "Receive"), ("pick", "Pick")):
            values = times[kind]
            p50 = percentile(values, 50)
            lines.append(
                f"| {title} | {n:,} | {p50 * 1000:.0f} ms | "
                f"{percentile(values, 95) * 1000:.0f} ms | "
                f"{max(values) * 1000:.0f} ms | {p50 * 1000 / n:.2f} ms |"
            )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--sizes", default="50,500", help="carton sizes (50,500)")
    parser.add_argument("--reps", type=int, default=20, help="cartons per size (20)")
    parser.add_argument("--note", default="", help="a note printed in the report")
    parser.add_argument(
        "--out-dir", default=os.path.join(os.path.dirname(__file__), "results")
    )
    args = parser.parse_args()
    config.parse_config(["-c", args.conf, "--log-level=warn"])
    sizes = [int(n) for n in args.sizes.split(",") if n]
    started = datetime.datetime.now(datetime.timezone.utc)
    clock = time.perf_counter()
    results = run(args.db, sizes, args.reps)
    text = report(results, args.reps, started, time.perf_counter() - clock, args.note)
    print(text)
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(
        args.out_dir, f"{started:%Y-%m-%d}-{socket.gethostname()}-cartons.md"
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    log(f"written to {path}")


if __name__ == "__main__":
    main()
