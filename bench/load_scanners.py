# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Simulated hand-held scanners for bench/load.sh (issue 9).

``drive``: N threads, one HTTP session each, log in and call the scanner screens'
JSON-RPC methods (``wms.hhd.receive`` / ``wms.hhd.pick`` through
``/web/dataset/call_kw``) for a given duration: open the scanner's next receipt,
scan the product then each serial, finish; open its next pick list, the same. Every
call's latency and outcome is recorded, and every acknowledged serial scan.

``report``: the table of the run from the drive and the final database check;
exits 1 on any server error, duplicate serial or lost acknowledged scan.
"""

import argparse
import json
import socket
import statistics
import sys
import threading
import time
from datetime import date
from pathlib import Path

import requests

PASSWORD = "load-scanner-pw"


class Scanner(threading.Thread):
    def __init__(self, url, db, spec, deadline):
        super().__init__(name=spec["login"])
        self.url, self.db, self.spec, self.deadline = url, db, spec, deadline
        self.http = requests.Session()
        self.calls = []  # (method, seconds, outcome) outcome: ok|refused|error
        self.acked = []  # [picking_id, serial] of acknowledged serial scans
        self.errors = []
        self.refusals = []
        self.documents = 0
        self.ran_out = False

    # --- JSON-RPC ---
    def rpc(self, path, params, label):
        start = time.perf_counter()
        try:
            response = self.http.post(
                self.url + path,
                json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
                timeout=120,
            )
            body = response.json() if response.status_code == 200 else None
        except (requests.RequestException, ValueError) as error:
            self._error(label, start, repr(error))
            return None
        if response.status_code != 200:
            self._error(label, start, f"HTTP {response.status_code}")
            return None
        if "error" in body:
            error = body["error"].get("data", {}).get("message") or body["error"]
            self._error(label, start, f"JSON-RPC error: {error}")
            return None
        result = body["result"]
        ok = result.get("ok", True) if isinstance(result, dict) else True
        outcome = "ok" if ok is not False else "refused"
        if outcome == "refused":
            self.refusals.append(f"{self.name} {label}: {result.get('message')}"[:300])
        self.calls.append((label, time.perf_counter() - start, outcome))
        return result

    def _error(self, label, start, message):
        self.calls.append((label, time.perf_counter() - start, "error"))
        self.errors.append(f"{self.name} {label}: {message}".strip()[:500])

    def call(self, model, method, *args):
        label = f"{model.removeprefix('wms.hhd.')}.{method}"
        if method == "scan" and len(args) == 3:
            label += "(serial)"
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": {}},
            label,
        )

    # --- The scanner's day ---
    def run(self):
        result = self.rpc(
            "/web/session/authenticate",
            {"db": self.db, "login": self.spec["login"], "password": PASSWORD},
            "authenticate",
        )
        if not result or not result.get("uid"):
            return
        for receipt, pick in zip(
            self.spec["receipts"], self.spec["picks"], strict=True
        ):
            for model, doc in (("wms.hhd.receive", receipt), ("wms.hhd.pick", pick)):
                if not self.document(model, doc):
                    return
        self.ran_out = True

    def document(self, model, doc):
        """One document from opening to finishing; False when time is up."""
        if time.monotonic() >= self.deadline:
            return False
        if not self.call(model, "open_document", doc["id"]):
            return True
        if not self.call(model, "scan", doc["id"], doc["barcode"]):
            return True
        for serial in doc["serials"]:
            if time.monotonic() >= self.deadline:
                return False
            screen = self.call(model, "scan", doc["id"], serial, doc["product_id"])
            if screen and screen["ok"]:
                self.acked.append([doc["id"], serial])
        if time.monotonic() >= self.deadline:
            return False
        # As the screens do: through the scanner's endpoint.
        self.rpc(
            "/serial_tracking_wms_hhd/finish",
            {"flow": model, "picking_id": doc["id"]},
            f"{model.removeprefix('wms.hhd.')}.finish",
        )
        self.documents += 1
        return True


def drive(args):
    fixtures = json.loads(Path(args.fixtures).read_text())
    url = f"http://127.0.0.1:{args.port}"
    start = time.monotonic()
    scanners = [
        Scanner(url, args.db, spec, start + args.duration)
        for spec in fixtures["scanners"]
    ]
    for scanner in scanners:
        scanner.start()
    for scanner in scanners:
        scanner.join(args.duration + 600)
    elapsed = time.monotonic() - start
    Path(args.out).write_text(
        json.dumps(
            {
                "elapsed": elapsed,
                "duration": args.duration,
                "scanners": len(scanners),
                "fights": fixtures["fights"],
                "calls": [c for s in scanners for c in s.calls],
                "acked": [a for s in scanners for a in s.acked],
                "errors": [e for s in scanners for e in s.errors],
                "refusals": [r for s in scanners for r in s.refusals],
                "documents": sum(s.documents for s in scanners),
                "ran_out": sum(s.ran_out for s in scanners),
            }
        )
    )
    print(
        f"drive: {len(scanners)} scanners, {elapsed:.1f} s, "
        f"{sum(len(s.calls) for s in scanners)} calls",
        file=sys.stderr,
    )


def _percentile(values, fraction):
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[
        round(fraction * 100) - 1
    ]


def report(args):
    run = json.loads(Path(args.drive).read_text())
    check = json.loads(Path(args.check).read_text())
    scans = [c for c in run["calls"] if c[0].endswith("scan(serial)")]
    latencies = sorted(c[1] * 1000 for c in scans)
    all_latencies = sorted(c[1] * 1000 for c in run["calls"])
    refused = [c for c in run["calls"] if c[2] == "refused"]
    refused_finish = [c for c in refused if c[0].endswith("finish")]
    errors = [c for c in run["calls"] if c[2] == "error"]
    server_errors = len(errors) + check["server_log_errors"]
    lost = check["lost"]
    duplicates = check["duplicates"]
    rows = [
        ("Scanners (threads, one HTTP session each)", run["scanners"]),
        ("Duration (s)", f"{run['elapsed']:.1f}"),
        ("Calls (all JSON-RPC methods)", len(run["calls"])),
        ("Serial scans", len(scans)),
        ("Serial scans per second", f"{len(scans) / run['elapsed']:.1f}"),
        ("Serial scan latency p50 (ms)", f"{_percentile(latencies, 0.50):.0f}"),
        ("Serial scan latency p95 (ms)", f"{_percentile(latencies, 0.95):.0f}"),
        ("Any call latency p95 (ms)", f"{_percentile(all_latencies, 0.95):.0f}"),
        ("Documents finished or refused", run["documents"]),
        ("Documents done in the database", check["done"]),
        (
            "Refusals (ok: false), of which finish",
            f"{len(refused)}, {len(refused_finish)}",
        ),
        ("Fights (serial pairs scanned on two receipts)", run["fights"]),
        ("Server errors: HTTP 5xx / JSON-RPC error / no answer", len(errors)),
        (
            "Server errors: other ERROR lines in the server log",
            check["server_log_errors"],
        ),
        ("Serialization conflicts retried by Odoo (not errors)", check["conflicts"]),
        (
            "Finishes started again after another validation of the same stock",
            check.get("waits", 0),
        ),
        ("Duplicate serials (on hand twice, lot twice)", duplicates),
        ("Acknowledged serial scans", len(run["acked"])),
        ("Lost acknowledged scans", lost),
        ("Integrity check problems", len(check["problems"])),
        ("Scanners that ran out of documents", run["ran_out"]),
    ]
    failed = server_errors or duplicates or lost or check["problems"]
    verdict = "FAIL" if failed else "PASS"
    lines = [
        f"# Load: {run['scanners']} simulated scanners over HTTP "
        f"({date.today().isoformat()}, {socket.gethostname()})",
        "",
        f"Odoo 18.0 prefork, {args.workers} HTTP workers, loopback, "
        f"{run['duration']:g} s requested. Command: "
        f"`{' '.join(['bench/load.sh', *args.command.split()])}`.",
        "",
        "| Measure | Value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in rows),
        "",
        f"Verdict: **{verdict}** (zero server errors, zero duplicates, "
        "nothing lost, integrity check clean).",
    ]
    if run["errors"]:
        lines += ["", "First errors:", "", *(f"- {e}" for e in run["errors"][:10])]
    if run["refusals"]:
        lines += ["", "Refusals (first 10):", ""]
        lines += [f"- {r}" for r in run["refusals"][:10]]
    if check["problems"]:
        lines += ["", "Integrity problems:", ""]
        lines += [f"- {p['kind']}: {p['message']}" for p in check["problems"][:10]]
    if check["lost_examples"]:
        lines += ["", "Lost scans:", "", *(f"- {e}" for e in check["lost_examples"])]
    text = "\n".join(lines) + "\n"
    print(text)
    results = Path(args.results_dir)
    results.mkdir(parents=True, exist_ok=True)
    path = results / f"{date.today().isoformat()}-{socket.gethostname()}-{args.tag}.md"
    path.write_text(text)
    print(f"Written to {path}", file=sys.stderr)
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="action", required=True)
    d = sub.add_parser("drive")
    d.add_argument("--port", type=int, required=True)
    d.add_argument("--db", required=True)
    d.add_argument("--fixtures", required=True)
    d.add_argument("--duration", type=float, default=120)
    d.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("--drive", required=True)
    r.add_argument("--check", required=True)
    r.add_argument("--results-dir", required=True)
    r.add_argument("--workers", type=int, default=4)
    r.add_argument("--command", default="")
    r.add_argument("--tag", default="load")
    args = parser.parse_args()
    if args.action == "drive":
        drive(args)
        return 0
    return report(args)


if __name__ == "__main__":
    sys.exit(main())
