# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two versions of the suite's code on the same flows, turn by turn (``bench/ab.sh``).

Each run is one ``odoo-bin shell`` on its version's database (the two versions
cannot share a process), running ``bench_serials.ours_flow``: N serials through
the expected list, received, validated; a delivery confirmed (reserved), picked,
validated; server time of each step, ORM flushed, caches emptied before each.
Round i runs A then B when i is even, B then A when odd: a load that drifts
during the run weighs on both alike. Medians per step and version, and B / A.
"""

import argparse
import datetime
import json
import os
import socket
import statistics
import subprocess
import sys

from bench_serials import machine_description

STEPS = (
    "receipt_set",
    "receipt_receive",
    "receipt_validate",
    "delivery_confirm",
    "delivery_pick",
    "delivery_validate",
    "receipt",
    "delivery",
)
FLOW = """
import json, sys
sys.path.insert(0, {bench!r})
from bench_serials import bench_warehouse, ours_flow
figures = ours_flow(env, bench_warehouse(env), {size}, {prefix!r})
env.cr.commit()
print("AB-FIGURES " + json.dumps(figures))
"""


def run_flow(args, conf, db, size, prefix):
    script = FLOW.format(
        bench=os.path.dirname(os.path.abspath(__file__)), size=size, prefix=prefix
    )
    res = subprocess.run(
        [args.python, args.odoo_bin, "shell", "-c", conf, "-d", db, "--no-http"],
        input=script,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in res.stdout.splitlines():
        if line.startswith("AB-FIGURES "):
            return json.loads(line.removeprefix("AB-FIGURES "))
    raise RuntimeError(
        f"no figures from {db}:\n{res.stdout[-2000:]}{res.stderr[-4000:]}"
    )


def main():
    parser = argparse.ArgumentParser()
    for side in ("a", "b"):
        parser.add_argument(f"--conf-{side}", required=True)
        parser.add_argument(f"--db-{side}", required=True)
        parser.add_argument(f"--label-{side}", required=True)
    parser.add_argument("--odoo-bin", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--out-dir", default=os.path.join(os.path.dirname(__file__), "results")
    )
    args = parser.parse_args()
    sides = {
        "a": (args.conf_a, args.db_a, args.label_a),
        "b": (args.conf_b, args.db_b, args.label_b),
    }
    figures = {"a": [], "b": []}
    loads = []
    started = datetime.datetime.now(datetime.timezone.utc)
    for index in range(args.rounds):
        order = ("a", "b") if index % 2 == 0 else ("b", "a")
        for side in order:
            conf, db, label = sides[side]
            loads.append(os.getloadavg()[0])
            result = run_flow(args, conf, db, args.size, f"AB{index}{side.upper()}")
            figures[side].append(result)
            print(
                f"[bench] round {index + 1} {label}: "
                + ", ".join(f"{k} {result[k]:.2f}s" for k in STEPS),
                file=sys.stderr,
                flush=True,
            )
    lines = [
        "# Two versions of the code, turn by turn (bench/ab.sh)",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC: `bench/ab.sh {args.label_a} --sizes "
        f"{args.size} --rounds {args.rounds}`. A: `{args.label_a}`; B: "
        f"{args.label_b}. Server time of each step (median of {args.rounds} "
        "rounds, A and B alternating first), ORM flushed, caches emptied before "
        f"each. Load average at each run's start: "
        f"{', '.join(f'{load:.1f}' for load in loads)}.",
        "",
        "| Machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine_description()),
        "",
        f"| step (N = {args.size:,}) | A | B | B / A |",
        "|---|---|---|---|",
    ]
    for step in STEPS:
        a = statistics.median(run[step] for run in figures["a"])
        b = statistics.median(run[step] for run in figures["b"])
        lines.append(f"| {step} | {a:.2f} s | {b:.2f} s | {b / a:.2f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(
        args.out_dir, f"{started:%Y-%m-%d}-{socket.gethostname()}-ab.md"
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    print(f"[bench] written to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
