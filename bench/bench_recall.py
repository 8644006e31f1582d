# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time a recall campaign of many serials over many customers (issue 22).

Run through ``bench/recall.sh``, which prepares a throw-away database with
``serial_tracking_wms`` installed. This script:

* builds the data by SQL as ``bench/views.sh`` does (``bench_views.prepare``):
  ``--delivered`` serials of one Full Tracking product received from one vendor
  and delivered, ``--per-delivery`` a delivery, to ``--customers`` customers (each
  with an email), and ``--on-hand`` more still in stock;
* as an Inventory manager would, creates the recall of every serial received
  from that vendor and opens it (its affected units found, where each is, one
  line each), flushed, then queues the customers' emails (one per customer: the
  first batch in the request, the others by the scheduled action, run here
  until none is left);
* repeats it ``--runs`` times (rolled back after each) and reports the median
  and max seconds of each step. There is no Odoo equivalent to compare with.

The markdown table goes to stdout and ``bench/results/<date>-<host>-recall.md``.
"""

import argparse
import cProfile
import datetime
import io
import os
import pstats
import socket
import statistics
import time

from bench_serials import ADMIN_UID, log, machine_description
from bench_views import prepare, vacuum

import odoo
from odoo import api
from odoo.tools import config

GOAL = 10.0  # seconds: created and opened, issue 22


def one_run(env, data, notify):
    """Create and open the recall; queue its emails. :return: seconds per step"""
    Campaign = env["stock.serial.recall.campaign"]
    times = {}
    clock = time.perf_counter()
    campaign = Campaign.create(
        {
            "reason": "Bench recall",
            "input_method": "vendor",
            "vendor_id": data["vendor"].id,
            "product_id": data["product"].id,
        }
    )
    campaign.action_open()
    env.flush_all()
    times["create and open"] = time.perf_counter() - clock
    counts = (campaign.line_count, campaign.in_field_count)
    if notify:
        clock = time.perf_counter()
        campaign.action_notify()
        env.flush_all()
        times["notify: the request (first batch)"] = time.perf_counter() - clock
        while campaign.notify_pending:
            Campaign._cron_wms_notify()
        env.flush_all()
        times["notify: every customer (request + scheduled batches)"] = (
            time.perf_counter() - clock
        )
        env.cr.execute("SELECT count(*) FROM mail_mail WHERE state = 'outgoing'")
        counts += (env.cr.fetchone()[0],)
    return times, counts


def run(dbname, args):
    registry = odoo.modules.registry.Registry(dbname)
    started = datetime.datetime.now(datetime.timezone.utc)
    prefix = f"R{started:%H%M%S}"
    with registry.cursor() as cr:
        env = api.Environment(cr, ADMIN_UID, {})
        data = prepare(env, args, prefix)
        cr.commit()
    vacuum(dbname)
    log(f"data ready in {data['seconds']:.0f} s: {data['total']:,} serials")
    data["load"] = os.getloadavg()
    steps, counts = {}, None
    with registry.cursor() as cr:
        env = api.Environment(cr, ADMIN_UID, {})
        data = {**data, "vendor": env["res.partner"].browse(data["vendor"].id)}
        data["product"] = env["product.product"].browse(data["product"].id)
        for index in range(args.runs + 1):
            env.invalidate_all()
            profiler = (
                cProfile.Profile() if args.profile and index == args.runs else None
            )
            if profiler:
                profiler.enable()
            times, counts = one_run(env, data, notify=not args.no_notify)
            if profiler:
                profiler.disable()
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(
                    40
                )
                log(out.getvalue())
            cr.rollback()
            log(", ".join(f"{k}: {v:.2f} s" for k, v in times.items()))
            if index:  # the first run warms the caches up
                for key, value in times.items():
                    steps.setdefault(key, []).append(value)
    return data, steps, counts


def report(data, steps, counts, args, started):
    lines = [
        f"# Recall campaign bench, {started:%Y-%m-%d %H:%M} UTC",
        "",
        "Machine: " + "; ".join(f"{k}: {v}" for k, v in machine_description()),
        "",
        "Load average when measured: "
        + ", ".join(f"{value:.1f}" for value in data["load"])
        + " (other jobs share the machine).",
        "",
        f"Data: {args.delivered:,} serials delivered ({args.per_delivery} a delivery)"
        f" to {args.customers:,} customers, {args.on_hand:,} more in stock; "
        "the recall names every serial received from the vendor.",
        "",
        f"Recall lines: {counts[0]:,}, at customers: {counts[1]:,}"
        + (f", emails queued: {counts[2]:,}" if len(counts) > 2 else "")
        + ".",
        "",
        "| Step | median (s) | max (s) | runs | goal |",
        "|---|---:|---:|---:|---|",
    ]
    for key, values in steps.items():
        goal = f"{GOAL:.0f} s" if key == "create and open" else "-"
        lines.append(
            f"| {key} | {statistics.median(values):.2f} | {max(values):.2f} "
            f"| {len(values)} | {goal} |"
        )
    lines += [
        "",
        "No native equivalent: Odoo has no recall campaign. Seconds of server "
        "time in one process, as the administrator, after one warm-up run.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--delivered", type=int, default=100000)
    parser.add_argument("--customers", type=int, default=20000)
    parser.add_argument("--per-delivery", type=int, default=5)
    parser.add_argument("--on-hand", type=int, default=1000)
    parser.add_argument("--per-receipt", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--no-notify", action="store_true", help="do not time the emails"
    )
    parser.add_argument(
        "--profile", action="store_true", help="log a cProfile of the last run"
    )
    parser.add_argument(
        "--out-dir", default=os.path.join(os.path.dirname(__file__), "results")
    )
    args = parser.parse_args()
    # What bench_views.prepare reads besides the sizes.
    args.valuation = False
    config.parse_config(["-c", args.conf, "--log-level=warn"])
    started = datetime.datetime.now(datetime.timezone.utc)
    data, steps, counts = run(args.db, args)
    text = report(data, steps, counts, args, started)
    print(text)
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(
        args.out_dir,
        f"{started:%Y-%m-%d}-{socket.gethostname()}-recall-{args.delivered}.md",
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    log(f"written to {path}")


if __name__ == "__main__":
    main()
