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
import os
import socket
import statistics
import sys
import threading
import time
from datetime import date
from pathlib import Path

import requests

PASSWORD = "load-scanner-pw"


def tree_cpu_seconds(pid):
    """CPU seconds (user + system) of process ``pid`` and its descendants,
    reaped children included; 0 when it cannot be read."""
    if not pid:
        return 0.0
    parents, times = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        proc = int(stat.parent.name)
        parents[proc] = int(fields[1])
        # utime, stime, cutime, cstime (fields 14-17 of proc(5))
        times[proc] = sum(int(v) for v in fields[11:15])
    tree, todo = set(), [pid]
    while todo:
        proc = todo.pop()
        if proc in tree or proc not in times:
            continue
        tree.add(proc)
        todo += [child for child, parent in parents.items() if parent == proc]
    return sum(times[p] for p in tree) / os.sysconf("SC_CLK_TCK")


class Start:
    """Every scanner logs in first (which loads the registry in the servers'
    workers); the clock and the CPU count start when all have."""

    def __init__(self, scanners):
        self.barrier = threading.Barrier(scanners + 1)
        self.go = threading.Event()
        self.deadline = None


class Scanner(threading.Thread):
    def __init__(self, url, db, spec, deadline=None, pace=0.0, start=None):
        super().__init__(name=spec["login"])
        self.url, self.db, self.spec, self.deadline = url, db, spec, deadline
        self.start_line = start
        # One call every ``pace`` seconds at most, as a person scans.
        self.pace = pace
        self.next_call = 0.0
        self.http = requests.Session()
        # (method, seconds, outcome, bytes of the answer) outcome: ok|refused|error
        self.calls = []
        self.acked = []  # [picking_id, serial] of acknowledged serial scans
        self.errors = []
        self.refusals = []
        self.documents = 0
        self.ran_out = False

    # --- JSON-RPC ---
    def rpc(self, path, params, label):
        if self.pace:
            wait = self.next_call - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self.next_call = time.monotonic() + self.pace
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
        self.calls.append(
            (label, time.perf_counter() - start, outcome, len(response.content))
        )
        return result

    def _error(self, label, start, message):
        self.calls.append((label, time.perf_counter() - start, "error", 0))
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

    def login(self):
        """The scanner's session; its user id, or None."""
        result = self.rpc(
            "/web/session/authenticate",
            {"db": self.db, "login": self.spec["login"], "password": PASSWORD},
            "authenticate",
        )
        return result and result.get("uid")

    # --- The scanner's day ---
    def run(self):
        uid = self.login()
        if self.start_line:
            self.start_line.barrier.wait()
            self.start_line.go.wait()
            self.deadline = self.start_line.deadline
        if not uid:
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


def warm_up(urls, rounds=3, width=16):
    """Concurrent page loads on every server, so that each worker has loaded
    the database's registry before the clock and the CPU count start."""

    def load(url):
        try:
            requests.get(f"{url}/web/login", timeout=120)
        except requests.RequestException:
            pass

    for _ in range(rounds):
        threads = [
            threading.Thread(target=load, args=(url,))
            for url in urls
            for _ in range(width)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def drive(args):
    fixtures = json.loads(Path(args.fixtures).read_text())
    urls = [f"http://127.0.0.1:{port}" for port in args.ports.split(",")]
    warm_up(urls)
    server_pids = [int(pid) for pid in args.server_pids.split(",") if pid]
    start_line = Start(len(fixtures["scanners"]))
    # Scanner i on server i mod N, as a load balancer spreads sessions.
    scanners = [
        Scanner(urls[i % len(urls)], args.db, spec, pace=args.pace, start=start_line)
        for i, spec in enumerate(fixtures["scanners"])
    ]
    for scanner in scanners:
        scanner.start()
    start_line.barrier.wait(timeout=600)
    cpu_before = [tree_cpu_seconds(pid) for pid in (*server_pids, args.pg_pid)]
    start = time.monotonic()
    start_line.deadline = start + args.duration
    start_line.go.set()
    for scanner in scanners:
        scanner.join(args.duration + 600)
    elapsed = time.monotonic() - start
    cpu_after = [tree_cpu_seconds(pid) for pid in (*server_pids, args.pg_pid)]
    cpu = [after - before for before, after in zip(cpu_before, cpu_after, strict=True)]
    probe = probe_bytes(urls[0], args.db, fixtures["probe"])
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
                "probe": probe,
                "pace": args.pace,
                "servers": len(urls),
                "cpu_odoo": sum(cpu[:-1]),
                "cpu_postgres": cpu[-1] if args.pg_pid else None,
                "scans_by_server": [
                    sum(
                        1
                        for s in scanners[i :: len(urls)]
                        for c in s.calls
                        if c[0].endswith("scan(serial)")
                    )
                    for i in range(len(urls))
                ],
            }
        )
    )
    print(
        f"drive: {len(scanners)} scanners, {elapsed:.1f} s, "
        f"{sum(len(s.calls) for s in scanners)} calls",
        file=sys.stderr,
    )


def probe_bytes(url, db, probe):
    """Bytes of the answers on the pick list of 200 lines, after the run: the
    whole screen (opening it) and a scan's (the product, then a serial)."""
    spec = {"login": probe["login"], "receipts": [], "picks": []}
    scanner = Scanner(url, db, spec, deadline=time.monotonic() + 600)
    scanner.login()
    model = "wms.hhd.pick"
    scanner.call(model, "open_document", probe["id"])
    scanner.call(model, "scan", probe["id"], probe["barcode"])
    screen = scanner.call(
        model, "scan", probe["id"], probe["serial"], probe["product_id"]
    )
    sizes = [call[3] for call in scanner.calls[1:]]
    return {
        "open": sizes[0],
        "scan_product": sizes[1],
        "scan_serial": sizes[2],
        "serial_ok": bool(screen and screen.get("ok")),
        "errors": scanner.errors,
    }


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
    probe = run["probe"]
    scan_bytes = sorted(c[3] for c in scans)
    server_errors = len(errors) + check["server_log_errors"]
    lost = check["lost"]
    duplicates = check["duplicates"]
    cpu_odoo, cpu_pg = run.get("cpu_odoo"), run.get("cpu_postgres")
    per_scan = (lambda seconds: f"{1000 * seconds / len(scans):.1f}") if scans else str
    rows = [
        ("Scanners (threads, one HTTP session each)", run["scanners"]),
        (
            "Odoo servers (prefork, one process tree and port each)",
            run.get("servers", 1),
        ),
        (
            "Serial scans per server",
            " / ".join(str(n) for n in run.get("scans_by_server", [])),
        ),
        (
            "Pace (s between two calls of a scanner; 0: no pause)",
            f"{run.get('pace', 0):g}",
        ),
        ("Duration (s)", f"{run['elapsed']:.1f}"),
        ("Calls (all JSON-RPC methods)", len(run["calls"])),
        ("Serial scans", len(scans)),
        ("Serial scans per second", f"{len(scans) / run['elapsed']:.1f}"),
        ("Serial scan latency p50 (ms)", f"{_percentile(latencies, 0.50):.0f}"),
        ("Serial scan latency p95 (ms)", f"{_percentile(latencies, 0.95):.0f}"),
        ("Any call latency p95 (ms)", f"{_percentile(all_latencies, 0.95):.0f}"),
        (
            "CPU per serial scan, Odoo servers (ms; all calls' CPU / serial scans)",
            per_scan(cpu_odoo) if cpu_odoo is not None else "not measured",
        ),
        (
            "CPU per serial scan, PostgreSQL (ms; all calls' CPU / serial scans)",
            per_scan(cpu_pg) if cpu_pg is not None else "not measured",
        ),
        (
            "Bytes of a serial scan's answer, median (documents of one line)",
            f"{statistics.median(scan_bytes) if scan_bytes else 0:.0f}",
        ),
        (
            "Pick list of 200 lines, bytes of the answer: whole screen (open) / "
            "scan of a product / scan of a serial",
            f"{probe['open']:,} / {probe['scan_product']:,} / "
            f"{probe['scan_serial']:,}"
            + ("" if probe["serial_ok"] else " (serial refused)"),
        ),
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
    failed = (
        server_errors
        or duplicates
        or lost
        or check["problems"]
        or probe["errors"]
        or not probe["serial_ok"]
    )
    verdict = "FAIL" if failed else "PASS"
    lines = [
        f"# Load: {run['scanners']} simulated scanners over HTTP "
        f"({date.today().isoformat()}, {socket.gethostname()})",
        "",
        f"Odoo 18.0 prefork, {args.servers} server(s) of {args.workers} HTTP "
        "workers, loopback, "
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
    d.add_argument("--ports", required=True, help="the servers' ports, comma-separated")
    d.add_argument("--pace", type=float, default=0.0)
    d.add_argument("--server-pids", default="")
    d.add_argument("--pg-pid", type=int, default=0)
    d.add_argument("--db", required=True)
    d.add_argument("--fixtures", required=True)
    d.add_argument("--duration", type=float, default=120)
    d.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("--drive", required=True)
    r.add_argument("--check", required=True)
    r.add_argument("--results-dir", required=True)
    r.add_argument("--workers", type=int, default=4)
    r.add_argument("--servers", type=int, default=1)
    r.add_argument("--command", default="")
    r.add_argument("--tag", default="load")
    args = parser.parse_args()
    if args.action == "drive":
        drive(args)
        return 0
    return report(args)


if __name__ == "__main__":
    sys.exit(main())
