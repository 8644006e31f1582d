# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The serial views on a PostgreSQL streaming replica (issue 23), for
``bench/replica.sh``.

``prepare``: in process, the data of ``bench/views.sh`` (``bench_views.prepare``:
serials on hand with their history, by SQL), VACUUM ANALYZE, and a user of the
Inventory manager group (the Serial Valuation report is theirs) to open the views;
writes what the views need as JSON.

``views``: over HTTP, as the web client does (``/web/action/load``, then
``/web/dataset/call_kw`` / ``call_button`` with the calls ``bench_views.py``
replays in process), the serial views opened again and again for a given time:
Stock List (filters, group-bys), a stock line's Serial Numbers tab and its Show
all, Transactions with Serial Numbers, Serial Valuation, the Lookup, the recall
by range and by supplier (its check, then the read-only search
``wms_find_deliveries``, first page). Every call the web client makes for them is
read-only, so an Odoo started with ``db_replica_host`` serves them from the
replica. Meanwhile the replication lag is sampled every second from the
primary's ``pg_stat_replication``. Writes every user action's time and the lag
samples as JSON.

``report``: the markdown table from the three phases of ``replica.sh``.
"""

import argparse
import datetime
import json
import os
import socket
import statistics
import sys
import threading
import time
import types
from pathlib import Path

import psycopg2
import requests
from bench_serials import log, machine_description
from bench_views import (
    COUNT_LIMIT,
    LIST_LIMIT,
    RANGE_SIZE,
    action_context,
    action_views,
    default_domain,
    filter_domain,
    group_call_args,
    order_string,
    prepare,
    vacuum,
    view_spec,
)

PASSWORD = "replica-viewer-pw"
LOGIN = "replica_viewer"


# --- prepare ---
def cmd_prepare(args):
    import odoo
    from odoo import Command, api
    from odoo.tools import config

    config.parse_config(["-c", args.conf, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.db)
    started = datetime.datetime.now(datetime.timezone.utc)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        data = prepare(env, args, f"R{started:%H%M%S}")
        manager = env.ref("stock.group_stock_manager")
        user = env["res.users"].create(
            {
                "name": "Replica Viewer",
                "login": LOGIN,
                "password": PASSWORD,
                "groups_id": [Command.set([manager.id])],
                "company_id": data["company"].id,
                "company_ids": [Command.set([data["company"].id])],
            }
        )
        quant = env["stock.quant"].search(
            [
                ("product_id", "=", data["product"].id),
                ("location_id", "=", data["stock"].id),
                ("quantity", ">", 0),
            ],
            limit=1,
        )
        out = {
            "uid": user.id,
            "company": data["company"].id,
            "product": data["product"].id,
            "vendor": data["vendor"].id,
            "quant": quant.id,
            "lookup_serial": data["lookup_serial"],
            "range_first": data["range_first"],
            "on_hand": args.on_hand,
            "delivered": args.delivered,
            "total": data["total"],
            "seconds": data["seconds"],
        }
        cr.commit()
    vacuum(args.db)
    Path(args.out).write_text(json.dumps(out))
    log(f"data ready in {out['seconds']:.0f} s: {out['total']:,} serials")


# --- views over HTTP ---
class Client:
    """One web client session; ``begin`` starts a user action, every call is
    timed into it (client side: HTTP included)."""

    def __init__(self, url, db, data):
        self.url, self.db, self.data = url, db, data
        self.http = requests.Session()
        self.ctx = {}
        self.steps = {}  # (view, step) -> [seconds]
        self.current = None
        self.calls = 0

    def login(self):
        response = self.http.post(
            f"{self.url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": self.db, "login": LOGIN, "password": PASSWORD},
            },
            timeout=120,
        )
        result = response.json()["result"]
        self.ctx = dict(
            result["user_context"], allowed_company_ids=[self.data["company"]]
        )

    def rpc(self, path, params):
        start = time.perf_counter()
        response = self.http.post(
            f"{self.url}{path}",
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=600,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RuntimeError(f"{path}: {body['error']['data']['message']}")
        if self.current:
            self.steps[self.current][-1] += time.perf_counter() - start
        self.calls += 1
        return body["result"]

    def call(self, model, method, *args, ctx=None, button=False, **kwargs):
        route = "call_button" if button else "call_kw"
        return self.rpc(
            f"/web/dataset/{route}/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": {**kwargs, "context": dict(self.ctx, **(ctx or {}))},
            },
        )

    def begin(self, view, step):
        self.current = (view, step)
        self.steps.setdefault(self.current, []).append(0.0)

    # The web client's sequences.
    def env_like(self):
        """What ``bench_views``' domain helpers read: the user and context."""
        return types.SimpleNamespace(uid=self.data["uid"], context=self.ctx)

    def load_action_views(self, xmlid):
        action = self.rpc("/web/action/load", {"action_id": xmlid})
        model = action["res_model"]
        actx = action_context(self.env_like(), action)
        views = self.call(
            model,
            "get_views",
            action_views(action),
            options={"action_id": action["id"], "load_filters": True, "toolbar": True},
            ctx=actx,
        )
        return action, model, actx, views

    def open_list(self, xmlid):
        action, model, actx, views = self.load_action_views(xmlid)
        arch, spec = view_spec(views, "list", model)
        domain = default_domain(
            self.env_like(), action, views["views"]["search"]["arch"]
        )
        order = ", ".join(
            f"{f} {d}" for f, d in order_string(arch.get("default_order"))
        )
        result = self.call(
            model,
            "web_search_read",
            domain,
            spec,
            offset=0,
            limit=LIST_LIMIT,
            order=order,
            count_limit=COUNT_LIMIT + 1,
            ctx=actx,
        )
        return {
            "views": views,
            "arch": arch,
            "spec": spec,
            "domain": domain,
            "order": order,
            "ctx": actx,
            "model": model,
            "result": result,
        }

    def group_list(self, opened, groupby):
        aggregates, orderby = group_call_args(
            opened["views"], opened["model"], opened["arch"], opened["spec"], groupby
        )
        return self.call(
            opened["model"],
            "web_read_group",
            opened["domain"],
            aggregates,
            [groupby],
            limit=LIST_LIMIT,
            offset=0,
            orderby=orderby,
            lazy=True,
            ctx=opened["ctx"],
        )

    def search_list(self, opened, domain):
        return self.call(
            opened["model"],
            "web_search_read",
            ["&", *opened["domain"], *domain] if domain else opened["domain"],
            opened["spec"],
            offset=0,
            limit=LIST_LIMIT,
            order=opened["order"],
            count_limit=COUNT_LIMIT + 1,
            ctx=opened["ctx"],
        )

    def open_wizard(self, xmlid):
        action, model, actx, views = self.load_action_views(xmlid)
        _arch, spec = view_spec(views, "form", model)
        res = self.call(model, "onchange", [], {}, [], spec, ctx=actx)
        values = {
            name: value["id"] if isinstance(value, dict) and "id" in value else value
            for name, value in res["value"].items()
        }
        return {"model": model, "spec": spec, "ctx": actx, "values": values}

    def change(self, wizard, name, value):
        wizard["values"][name] = value
        return self.call(
            wizard["model"],
            "onchange",
            [],
            dict(wizard["values"]),
            [name],
            wizard["spec"],
            ctx=wizard["ctx"],
        )


def flows(data):
    """(view, flow) pairs: the user actions of ``bench_views.scenarios``, over
    HTTP; the recall's Find Customers as its read-only search."""
    env = types.SimpleNamespace(uid=data["uid"], context={})

    def stock_list(c, view):
        c.begin(view, "Open (menu Stock List)")
        opened = c.open_list("serial_tracking_wms.action_stock_list")
        assert opened["result"]["length"] >= min(data["on_hand"], COUNT_LIMIT + 1)
        search = opened["views"]["views"]["search"]["arch"]
        for name, label in (
            ("with_serial", "Filter With Serial"),
            ("serial_tracking_full", "Filter Full Tracking"),
        ):
            c.begin(view, label)
            c.search_list(opened, filter_domain(env, search, name))
        for groupby, label in (
            ("serial_tracking_mode", "Group by Tracking Type"),
            ("product_id", "Group by Product"),
            ("location_id", "Group by Location"),
        ):
            c.begin(view, label)
            assert c.group_list(opened, groupby)["length"] >= 1

    def serial_tab(c, view):
        c.begin(view, "Open a stock line's Serial Numbers")
        action = c.call(
            "stock.quant", "action_wms_serial_numbers", [data["quant"]], button=True
        )
        views = c.call(
            "stock.quant",
            "get_views",
            [list(v) for v in action["views"]] + [[False, "search"]],
            options={"load_filters": True, "toolbar": True},
        )
        _arch, spec = view_spec(views, "form", "stock.quant")
        spec.setdefault("display_name", {})
        records = c.call("stock.quant", "web_read", [data["quant"]], spec)
        assert records[0]["wms_serial_count"] == data["on_hand"], records[0]
        c.begin(view, "Show all its serial numbers (list)")
        action = c.call(
            "stock.quant", "action_wms_serial_quants", [data["quant"]], button=True
        )
        views = c.call(
            "stock.quant",
            "get_views",
            [list(v) for v in action["views"]] + [[False, "search"]],
            options={"load_filters": True, "toolbar": True},
        )
        arch, spec = view_spec(views, "list", "stock.quant")
        order = ", ".join(
            f"{f} {d}" for f, d in order_string(arch.get("default_order"))
        )
        result = c.call(
            "stock.quant",
            "web_search_read",
            action["domain"],
            spec,
            offset=0,
            limit=LIST_LIMIT,
            order=order,
            count_limit=COUNT_LIMIT + 1,
        )
        assert result["length"] >= min(data["on_hand"], COUNT_LIMIT + 1)

    def transactions(c, view):
        c.begin(view, "Open (menu Transactions with Serial Numbers)")
        opened = c.open_list("serial_tracking_wms.action_serial_transactions")
        assert opened["result"]["length"] >= 1
        for groupby, label in (
            ("product_id", "Group by Product"),
            ("location_id", "Group by Location"),
        ):
            c.begin(view, label)
            c.group_list(opened, groupby)

    def valuation(c, view):
        c.begin(view, "Open (menu Serial Valuation)")
        opened = c.open_list("serial_tracking_wms.action_stock_serial_valuation")
        assert opened["result"]["length"] >= 1
        for groupby, label in (
            ("product_id", "Group by Product (with totals)"),
            ("valuation", "Group by Valuation (with totals)"),
        ):
            c.begin(view, label)
            c.group_list(opened, groupby)

    def lookup(c, view):
        c.begin(view, "Open (menu Serial Number Lookup)")
        wizard = c.open_wizard("serial_tracking_wms.action_stock_serial_lookup")
        c.begin(view, "Type a serial (delivered one)")
        res = c.change(wizard, "serial", data["lookup_serial"])
        assert len(res["value"]["line_ids"]) == 2, res["value"]["line_ids"]

    def recall(method):
        def flow(c, view):
            c.begin(view, "Open (menu Serial Number Recall)")
            wizard = c.open_wizard("serial_tracking_wms.action_stock_serial_recall")
            c.begin(view, f"Choose '{method}'")
            c.change(wizard, "input_method", method)
            if method == "range":
                c.begin(view, "Type the first serial")
                c.change(wizard, "range_first", data["range_first"])
                c.begin(view, f"Type how many: {RANGE_SIZE:,} (check)")
                res = c.change(wizard, "range_count", RANGE_SIZE)
                expected = RANGE_SIZE
            else:
                c.begin(view, "Choose the vendor (check)")
                res = c.change(wizard, "vendor_id", data["vendor"])
                expected = data["total"]
            count = res["value"].get("serial_count")
            assert count == expected, (count, expected)
            c.begin(view, "Find Customers, read-only (first page)")
            values = {
                k: v
                for k, v in wizard["values"].items()
                if k
                in (
                    "input_method",
                    "serials_text",
                    "range_first",
                    "range_count",
                    "vendor_id",
                    "receipt_id",
                    "product_id",
                    "company_id",
                )
            }
            found = c.call(
                wizard["model"],
                "wms_find_deliveries",
                values,
                limit=LIST_LIMIT,
                ctx=wizard["ctx"],
            )
            assert found["length"] > 0 and found["records"], found["length"]

        return flow

    return [
        ("Stock List", stock_list),
        ("Stock line, Serial Numbers tab", serial_tab),
        ("Transactions with Serial Numbers", transactions),
        ("Serial Valuation", valuation),
        ("Serial Number Lookup", lookup),
        (f"Recall by range ({RANGE_SIZE:,} serials)", recall("range")),
        ("Recall by supplier (all serials)", recall("vendor")),
    ]


class LagSampler(threading.Thread):
    """The primary's view of its standby, every second: bytes not yet replayed
    and ``replay_lag``."""

    def __init__(self, dsn):
        super().__init__(daemon=True)
        self.dsn, self.samples, self.stop = dsn, [], threading.Event()

    def run(self):
        cnx = psycopg2.connect(self.dsn)
        cnx.autocommit = True
        with cnx.cursor() as cr:
            while not self.stop.wait(1.0):
                cr.execute(
                    """
                    SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn),
                           EXTRACT(EPOCH FROM replay_lag), state
                      FROM pg_stat_replication
                    """
                )
                row = cr.fetchone()
                if row:
                    self.samples.append(
                        (float(row[0] or 0), float(row[1] or 0), row[2])
                    )
        cnx.close()


def database_reads(dsn, db):
    """Transactions and rows read in ``db`` on the cluster of ``dsn``."""
    cnx = psycopg2.connect(dsn)
    try:
        with cnx.cursor() as cr:
            cr.execute(
                "SELECT xact_commit + xact_rollback, tup_returned + tup_fetched"
                " FROM pg_stat_database WHERE datname = %s",
                [db],
            )
            return cr.fetchone()
    finally:
        cnx.close()


def cmd_views(args):
    data = json.loads(Path(args.data).read_text())
    client = Client(args.url, args.db, data)
    client.login()
    lag = LagSampler(args.lag_dsn) if args.lag_dsn else None
    if lag:
        lag.start()
    stats = {}
    for name, dsn in (("primary", args.primary_dsn), ("replica", args.replica_dsn)):
        if dsn:
            stats[name] = database_reads(dsn, args.db)
    rounds = 0
    deadline = time.monotonic() + args.duration
    if args.start_after:
        time.sleep(args.start_after)
    while True:
        for view, flow in flows(data):
            flow(client, view)
        rounds += 1
        log(f"views: round {rounds} done ({client.calls} calls)")
        if time.monotonic() >= deadline:
            break
    if lag:
        lag.stop.set()
        lag.join()
    after = {}
    for name, dsn in (("primary", args.primary_dsn), ("replica", args.replica_dsn)):
        if dsn:
            after[name] = database_reads(dsn, args.db)
    Path(args.out).write_text(
        json.dumps(
            {
                "rounds": rounds,
                "calls": client.calls,
                "steps": [[v, s, t] for (v, s), t in client.steps.items()],
                "lag": lag.samples if lag else [],
                "reads": {
                    name: [a - b for a, b in zip(after[name], stats[name], strict=True)]
                    for name in after
                },
            }
        )
    )


# --- report ---
def _p95(values):
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def _scan_figures(drive):
    scans = [c for c in drive["calls"] if c[0].endswith("scan(serial)")]
    ok = [c[1] for c in scans if c[2] == "ok"]
    n = len(scans) or 1
    p95 = _p95(ok) if ok else 0.0
    return {
        "scans": len(scans),
        "rate": len(scans) / drive["elapsed"],
        "p50": statistics.median(ok) if ok else 0.0,
        "p95": p95,
        "pg_cpu": drive["cpu_postgres"] / n if drive.get("cpu_postgres") else None,
        "odoo_cpu": drive["cpu_odoo"] / n,
        "errors": len(drive["errors"]),
    }


def cmd_report(args):
    data = json.loads(Path(args.data).read_text())
    phases = [
        ("Scanners alone", args.alone, None),
        ("Scanners + views on the replica", args.replica_drive, args.replica_views),
        ("Scanners + views on the primary", args.primary_drive, args.primary_views),
    ]
    loaded = [
        (
            label,
            json.loads(Path(d).read_text()),
            json.loads(Path(v).read_text()) if v else None,
        )
        for label, d, v in phases
    ]
    now = datetime.datetime.now(datetime.timezone.utc)
    lines = [
        "# Serial views on a PostgreSQL streaming replica while 40 scanners work "
        "(issue 23)",
        "",
        f"Command: `bench/replica.sh {args.command}`".rstrip() + "",
        "",
        f"Run {now:%Y-%m-%d %H:%M} UTC by `bench/replica.sh`: the bench's private "
        "PostgreSQL 15 cluster (the primary) and a second cluster made from it by "
        "`pg_basebackup -R`, streaming from it on its own socket "
        "(`hot_standby_feedback = on`); Odoo servers (prefork, the same workers): "
        "S for the scanners and R for the views, both started with "
        "`db_replica_host`/`db_replica_port` pointing at the replica, P without "
        "replica for the views on the primary (the views have a server of their "
        "own in both phases: what differs is the database they read). The "
        "views are opened over HTTP as the web "
        "client does, by one user of the Inventory manager group (Serial Valuation "
        "is theirs), in a loop for the phase's time; each user action's time is "
        "measured by the client (HTTP included). The recall's Find Customers is "
        "its read-only search (`wms_find_deliveries`, first page of "
        f"{LIST_LIMIT}), not the button that saves result lines.",
        "",
        "| Machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine_description()),
        f"| Load average (1/5/15 min) at the end | "
        f"{' / '.join(f'{v:.2f}' for v in os.getloadavg())} (the machine is shared "
        "with other work: timings are indications) |",
        "",
        "| Data | |",
        "|---|---|",
        f"| Full Tracking serials on hand | {data['on_hand']:,} |",
        f"| Serials delivered to customers | {data['delivered']:,} |",
        f"| Scanners, phase length | {args.scanners}, {args.duration} s each phase |",
        "",
        "## Scanners on the primary",
        "",
        "| Phase | serial scans | scans/s | p50 | p95 | PostgreSQL primary CPU "
        "per scan | Odoo CPU per scan | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, drive, _views in loaded:
        f = _scan_figures(drive)
        pg = f"{f['pg_cpu'] * 1000:.2f} ms" if f["pg_cpu"] is not None else "n/a"
        lines.append(
            f"| {label} | {f['scans']:,} | {f['rate']:.1f} | "
            f"{f['p50'] * 1000:.0f} ms | {f['p95'] * 1000:.0f} ms | {pg} | "
            f"{f['odoo_cpu'] * 1000:.1f} ms | {f['errors']} |"
        )
    lines += [
        "",
        "CPU per scan: the PostgreSQL primary's processes (walsender included) and "
        "the scanners' Odoo server S, over the phase, divided by its serial scans; "
        "the primary's column is the one that must not move when the views read "
        "on the replica.",
        "",
        "## Views: medians (client side, HTTP included)",
        "",
        "| View | User action | on the replica | on the primary | runs |",
        "|---|---|---|---|---|",
    ]
    replica_steps = {(v, s): t for v, s, t in loaded[1][2]["steps"]}
    primary_steps = {(v, s): t for v, s, t in loaded[2][2]["steps"]}
    for key, times in replica_steps.items():
        other = primary_steps.get(key, [])
        lines.append(
            f"| {key[0]} | {key[1]} | {statistics.median(times):.3f} s | "
            + (f"{statistics.median(other):.3f} s" if other else "–")
            + f" | {len(times)} / {len(other)} |"
        )
    lag = loaded[1][2]["lag"]
    lines += ["", "## Replication lag (sampled every second on the primary)", ""]
    if lag:
        behind = [s[0] for s in lag]
        delay = [s[1] for s in lag]
        lines += [
            "| | median | p95 | max |",
            "|---|---|---|---|",
            f"| bytes not yet replayed | {statistics.median(behind):,.0f} | "
            f"{_p95(behind):,.0f} | {max(behind):,.0f} |",
            f"| replay_lag | {statistics.median(delay) * 1000:.1f} ms | "
            f"{_p95(delay) * 1000:.1f} ms | {max(delay) * 1000:.1f} ms |",
            "",
            f"{len(lag)} samples; standby state: "
            f"{', '.join(sorted({s[2] for s in lag}))}.",
        ]
    else:
        lines.append("No sample (no standby seen in pg_stat_replication).")
    for label, _drive, views in loaded[1:]:
        reads = views.get("reads", {})
        if reads:
            lines += [
                "",
                f"{label}: database activity meanwhile (pg_stat_database of the "
                "bench database): "
                + "; ".join(
                    f"{name} {tx:,} transactions, {rows:,} rows read"
                    for name, (tx, rows) in reads.items()
                )
                + f"; views: {views['rounds']} round(s), {views['calls']:,} calls.",
            ]
    lines += [
        "",
        f'Server log: {args.retries} "retrying with a read/write cursor" '
        "warnings (a read-only call that wrote) during the run.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    out = Path(args.results_dir) / f"{now:%Y-%m-%d}-{socket.gethostname()}-replica.md"
    if args.name:
        out = Path(args.results_dir) / args.name
    out.write_text(text)
    log(f"written to {out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--conf", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--on-hand", dest="on_hand", type=int, default=100000)
    p.add_argument("--delivered", type=int, default=10000)
    p.add_argument("--per-receipt", type=int, default=1000)
    p.add_argument("--per-delivery", type=int, default=100)
    p.add_argument("--customers", type=int, default=200)
    p.add_argument("--valuation", action="store_true")
    v = sub.add_parser("views")
    v.add_argument("--url", required=True)
    v.add_argument("--db", required=True)
    v.add_argument("--data", required=True)
    v.add_argument("--duration", type=float, default=120)
    v.add_argument("--start-after", type=float, default=0)
    v.add_argument("--lag-dsn", default="")
    v.add_argument("--primary-dsn", default="")
    v.add_argument("--replica-dsn", default="")
    v.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("--data", required=True)
    r.add_argument("--alone", required=True)
    r.add_argument("--replica-drive", required=True)
    r.add_argument("--replica-views", required=True)
    r.add_argument("--primary-drive", required=True)
    r.add_argument("--primary-views", required=True)
    r.add_argument("--scanners", type=int, default=40)
    r.add_argument("--duration", type=int, default=120)
    r.add_argument("--retries", type=int, default=0)
    r.add_argument("--command", default="")
    r.add_argument("--results-dir", required=True)
    r.add_argument("--name", default="")
    args = parser.parse_args()
    {"prepare": cmd_prepare, "views": cmd_views, "report": cmd_report}[args.action](
        args
    )


if __name__ == "__main__":
    sys.exit(main())
