# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Count what a pick scan and a delivery's validation cost: SQL queries and
Python function calls, on one database with serial_tracking_wms (issue 23).

Counts do not depend on the machine's load, unlike times: two versions of the
code (``bench/ab.sh``'s trees, or a database per version) are compared by them.

    python bench/profile_pick.py --conf C --db D [--on-hand 20000] [--scans 50]
        [--delivery 5000] [--profile-dir DIR]

* ``--scans`` pick scans (``wms_scan_serial``) of serials among ``--on-hand``
  on hand, each in an emptied cache, as a new request finds it: queries and
  calls per scan (median), server time p50/p95;
* a receipt and a delivery of ``--delivery`` serials (expected, received,
  validated; confirmed, picked, validated): queries and calls of the
  delivery's validation;
* ``--profile-dir``: the cProfile dumps (``pick-scans.prof``,
  ``delivery-validate.prof``) for ``python -m pstats``;
* ``PROFILE_QUERIES=1``: each query of one scan (with the code that made it
  and its time), the mean time per spot over ten scans, and the validation's
  queries by spot; ``PROFILE_TIMES_ONLY=1``: no profiler, times as the bench's.

The database: a copy of one with stock, serial_tracking_wms installed from
the tree the configuration's ``addons_path`` names (see ``bench/ab.sh``).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time

import odoo
from odoo import api
from odoo.tools import config

sys.path.insert(0, os.path.dirname(__file__))
import bench_serials as bench  # noqa: E402


def counted(env, func):
    """Run ``func`` with the cache emptied before and the ORM flushed after:
    (queries, calls, seconds, profile); with ``PROFILE_TIMES_ONLY`` set, no
    profiler (calls 0), the seconds as the bench measures them."""
    env.invalidate_all()
    profile = None if os.environ.get("PROFILE_TIMES_ONLY") else cProfile.Profile()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    if profile:
        profile.enable()
    func()
    env.flush_all()
    if profile:
        profile.disable()
    seconds = time.perf_counter() - start
    calls = pstats.Stats(profile).total_calls if profile else 0
    return env.cr.sql_log_count - before, calls, seconds, profile


def logged_queries(env, func):
    """Run ``func`` (cache emptied before, ORM flushed after) and return its
    queries, each with the innermost frame of the suite's code or of Odoo's
    addons that made it."""
    env.invalidate_all()
    queries = []
    execute = type(env.cr._obj).execute
    cursor = env.cr

    def where():
        frame = sys._getframe(2)
        first = None
        while frame:
            path = frame.f_code.co_filename
            here = f"{path.split('/')[-1]}:{frame.f_lineno} {frame.f_code.co_name}"
            if "serial_tracking_wms" in path:
                return f"{first} < {here}" if first else here
            if first is None and "/addons/" in path:
                first = here
            frame = frame.f_back
        return first or "?"

    original = cursor.execute

    def spy(query, params=None, log_exceptions=True):
        text = query.code if hasattr(query, "code") else str(query)
        start = time.perf_counter()
        try:
            return original(query, params, log_exceptions)
        finally:
            ms = (time.perf_counter() - start) * 1000
            queries.append(f"{ms:6.2f} ms {where()} | {' '.join(text.split())[:160]}")

    cursor.execute = spy
    try:
        func()
        env.flush_all()
    finally:
        del cursor.execute
    del execute
    return queries


def pick_scans(env, warehouse, on_hand, scans, prefix, profile_dir):
    product = bench.create_product(env, f"Profile scan {prefix}", ours=True)
    bench.put_on_hand_sql(env, warehouse, product, prefix, on_hand)
    serials = bench.serial_names(prefix, on_hand)
    env.cr.commit()
    step = max(1, (on_hand - 1) // scans)
    picked = serials[::step][:scans]
    delivery = bench.create_picking(env, warehouse, product, scans, incoming=False)
    delivery.action_assign()
    env.cr.commit()
    if os.environ.get("PROFILE_QUERIES"):
        # The queries of a scan, after two (the registry's caches warm): each
        # query of one scan, then the mean time of each spot over ten scans.
        for name in serials[2:4]:
            _scan(env, delivery.id, product.id, name)
        env.cr.rollback()
        spots = {}
        for rank, name in enumerate(serials[-step * 10 :: step]):
            lines = logged_queries(
                env, lambda name=name: _scan(env, delivery.id, product.id, name)
            )
            for line in lines:
                if not rank:
                    print(line)
                ms, spot = line.split(" ms ", 1)
                spot = " | ".join(part[:60] for part in spot.split(" | "))
                total = spots.setdefault(spot, [0, 0.0])
                total[0] += 1
                total[1] += float(ms)
        for spot, (count, ms) in sorted(spots.items(), key=lambda item: -item[1][1]):
            print(f"{ms / 10:6.2f} ms/scan {count / 10:4.1f} q/scan  {spot}")
        env.cr.rollback()
    queries, calls, times = [], [], []
    profiles = []
    for name in picked:
        n_queries, n_calls, seconds, profile = counted(
            env,
            lambda name=name: _scan(env, delivery.id, product.id, name),
        )
        queries.append(n_queries)
        calls.append(n_calls)
        times.append(seconds)
        profiles.append(profile)
    if profile_dir and all(profiles):
        pstats.Stats(*profiles).dump_stats(os.path.join(profile_dir, "pick-scans.prof"))
    env.cr.rollback()
    return {
        "scan queries (median, min, max)": (
            statistics.median(queries),
            min(queries),
            max(queries),
        ),
        "scan calls (median)": statistics.median(calls),
        "scan ms p50 / p95": (
            round(statistics.median(times) * 1000, 1),
            round(bench.percentile(times, 95) * 1000, 1),
        ),
    }


def _scan(env, picking_id, product_id, name):
    res = env["stock.picking"].browse(picking_id).wms_scan_serial(product_id, name)
    if not res["ok"]:
        raise RuntimeError(res["message"])


def delivery(env, warehouse, n, prefix, profile_dir):
    serials = bench.serial_names(prefix, n)
    product = bench.create_product(env, f"Profile delivery {prefix}", ours=True)
    receipt = bench.create_picking(env, warehouse, product, n, incoming=True)
    receipt.wms_set_expected_serials(product.id, serials)
    receipt.wms_receive_expected_serials(product.id)
    bench.validate(receipt)
    env.cr.commit()
    out = bench.create_picking(
        env, warehouse, product, n, incoming=False, confirm=False
    )
    confirm = counted(env, out.action_confirm)
    env.cr.commit()
    pick = counted(env, lambda: out.wms_set_picked_serials(product.id, serials))
    env.cr.commit()
    if os.environ.get("PROFILE_QUERIES"):
        # Where the validation's queries come from (then rolled back).
        spots = {}
        for line in logged_queries(env, lambda: bench.validate(out)):
            spot = line.split(" | ")[0].split(" ms ", 1)[1]
            spots[spot] = spots.get(spot, 0) + 1
        for spot, count in sorted(spots.items(), key=lambda item: -item[1]):
            print(f"{count:5d} {spot}")
        env.cr.rollback()
    validate = counted(env, lambda: bench.validate(out))
    bench.check_outcome(env, product, serials, "customer")
    if profile_dir and validate[3]:
        validate[3].dump_stats(os.path.join(profile_dir, "delivery-validate.prof"))
    env.cr.rollback()
    return {
        "delivery confirm: queries, calls, s": confirm[:2] + (round(confirm[2], 2),),
        "delivery pick: queries, calls, s": pick[:2] + (round(pick[2], 2),),
        "delivery validate: queries, calls, s": validate[:2] + (round(validate[2], 2),),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--on-hand", type=int, default=20000)
    parser.add_argument("--scans", type=int, default=50)
    parser.add_argument("--delivery", type=int, default=5000)
    parser.add_argument("--profile-dir")
    args = parser.parse_args()
    config.parse_config(["-c", args.conf, "--log-level=warn"])
    if args.profile_dir:
        os.makedirs(args.profile_dir, exist_ok=True)
    registry = odoo.modules.registry.Registry(args.db)
    prefix = f"P{os.getpid()}"
    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, bench.ADMIN_UID, {})
        warehouse = bench.bench_warehouse(env)
        cr.commit()
        if args.scans:
            results.update(
                pick_scans(
                    env,
                    warehouse,
                    args.on_hand,
                    args.scans,
                    f"{prefix}S",
                    args.profile_dir,
                )
            )
        if args.delivery:
            results.update(
                delivery(env, warehouse, args.delivery, f"{prefix}D", args.profile_dir)
            )
        cr.rollback()
    for key, value in results.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
