# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A container through a real server's limits, over HTTP (issue 23, point 1).

Run through ``bench/http.sh``, which makes the two databases and starts, for each,
a prefork Odoo server with Odoo's default limits. ``drive`` plays the clerk of one
database through the web client's JSON-RPC calls (``/web/session/authenticate`` as a
stock user, then ``/web/dataset/call_kw/<model>/<method>``, the calls the buttons
make), one receipt and one delivery of N serials, and times each request (client
wall time; the server's own time and query count from its log line) and each flow
from the first click; ``report`` writes the markdown table, native beside.

Receipt: create the transfer (one line of N units of a serial product, the form's
Save: ``web_save``), Mark as To Do (``action_confirm``), the form reloaded; then
ours: Edit Serial Numbers opened on the line, the supplier's file uploaded (the
dialog's check read), Save, Receive the expected serials, Validate; native: the
line's detailed operations opened and saved with a serial on each of the lines
Odoo made (``lot_name``, quantity 1, picked), Validate. Delivery: create, Mark as
To Do, Check Availability (only when the delivery is not reserved by then, as the
button shows), all serials picked (ours ``wms_set_picked_serials``; native: the
line's Picked box, as ``bench_serials.py`` does), Validate.

A request the server's limits stop (the worker killed on the real-time limit:
connection reset or HTTP 502; the CPU or memory limit: an error body; the log says
which) is reported as killed, with the document's state after it. When Validate
returns with the transfer not done and the transfer has ``wms_job_state`` (a
validation run as a background job), the transfer is read every second until the
job is done or failed. Each native flow is stopped at ``--native-cap`` minutes.
"""

import argparse
import base64
import datetime
import json
import os
import re
import socket
import sys
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

CLERK_LOGIN = "bench_http_clerk"
CLERK_PASSWORD = "bench-http-clerk-pw"
# Seconds a background job is polled before the flow gives up on it.
JOB_TIMEOUT = 30 * 60
KILL_PATTERNS = (
    ("CPU time limit", "CPU time limit"),
    ("virtual memory limit", "memory limit"),
    ("MemoryError", "memory limit (hard)"),
    ("timeout after", "real-time limit (worker killed)"),
    ("virtual real time limit", "real-time limit (thread)"),
)
# Steps of each flow, in order: (key, what the clerk does).
RECEIPT_STEPS = [
    ("create", "Create the receipt (form Save: web_save)"),
    ("confirm", "Mark as To Do (action_confirm)"),
    ("reload", "Form reloaded (web_read, the line)"),
    ("open", "Open: ours Edit Serial Numbers / native detailed operations"),
    ("upload", "Ours: upload the supplier's file (dialog's check)"),
    ("save", "Save: ours expected serials / native the lines' serials"),
    ("receive", "Ours: receive the expected serials"),
    ("validate", "Validate (button_validate)"),
    ("job", "Background validation job (polled), if any"),
]
DELIVERY_STEPS = [
    ("create", "Create the delivery (web_save)"),
    ("confirm", "Mark as To Do (action_confirm)"),
    ("assign", "Check Availability (action_assign), if not reserved"),
    ("pick", "Pick all serials: ours wms_set_picked_serials / native Picked"),
    ("validate", "Validate (button_validate)"),
    ("job", "Background validation job (polled), if any"),
]


def log(message):
    print(f"[bench-http] {message}", file=sys.stderr, flush=True)


class FlowStopped(Exception):
    """A request of the flow failed (killed, error) or the cap was reached."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class Client:
    """The web client of one clerk: a session, JSON-RPC calls, each recorded."""

    def __init__(self, url, db, server_log, tag):
        self.url, self.db, self.server_log, self.tag = url, db, server_log, tag
        self.http = requests.Session()
        self.records = []
        self.deadline = None
        self.count = 0
        self.kill_wait = 0.0
        self.job = None

    def _log_size(self):
        try:
            return os.path.getsize(self.server_log)
        except OSError:
            return 0

    def _log_since(self, offset):
        try:
            with open(self.server_log, encoding="utf-8", errors="replace") as f:
                f.seek(offset)
                return f.read()
        except OSError:
            return ""

    def rpc(self, path, params, step, label):
        self.count += 1
        tag = f"{self.tag}-{self.count:03d}"
        timeout = 3600
        if self.deadline:
            timeout = self.deadline - time.monotonic()
            if timeout <= 0:
                raise FlowStopped("cap", "cap reached before the request")
        offset = self._log_size()
        record = {"step": step, "label": label, "tag": tag, "status": "ok"}
        self.records.append(record)
        start = time.perf_counter()
        record["start"] = time.time()
        try:
            response = self.http.post(
                f"{self.url}{path}?bench={tag}",
                json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
                timeout=timeout,
            )
            record["client_s"] = time.perf_counter() - start
            record["bytes"] = len(response.content)
            if response.status_code != 200:
                raise FlowStopped("killed", f"HTTP {response.status_code}")
            body = response.json()
        except requests.Timeout:
            record["client_s"] = time.perf_counter() - start
            record["status"] = "cap"
            raise FlowStopped("cap", "cap reached during the request") from None
        except (requests.ConnectionError, ValueError) as error:
            record["client_s"] = time.perf_counter() - start
            record["status"] = "killed"
            record["message"] = f"{type(error).__name__}: {error}"[:300]
            self._kill_reason(record, offset)
            raise FlowStopped("killed", record["message"]) from None
        except FlowStopped as stop:
            record["status"] = stop.status
            record["message"] = stop.message
            self._kill_reason(record, offset)
            raise
        if "error" in body:
            data = body["error"].get("data") or {}
            message = data.get("message") or str(body["error"])
            record["status"] = "error"
            record["message"] = message[:500]
            self._kill_reason(record, offset)
            if record.get("limit"):
                record["status"] = "killed"
            raise FlowStopped(record["status"], message)
        return body["result"]

    def _kill_reason(self, record, offset):
        """The limit the server's log names for this request, if any."""
        time.sleep(1.5)  # the log lines of a kill come after the reset
        self.kill_wait += 1.5
        # The cron worker's own timeouts are not this request's.
        text = "\n".join(
            line
            for line in self._log_since(offset).splitlines()
            if "WorkerCron" not in line
        )
        reasons = [reason for pattern, reason in KILL_PATTERNS if pattern in text]
        if reasons:
            record["limit"] = ", ".join(reasons)
        if "CPU time limit exceeded" in record.get("message", ""):
            record["limit"] = "CPU time limit"

    def login(self):
        result = self.rpc(
            "/web/session/authenticate",
            {"db": self.db, "login": CLERK_LOGIN, "password": CLERK_PASSWORD},
            "login",
            "authenticate",
        )
        self.records.pop()  # not part of a flow
        return result["uid"]

    def call(self, step, model, method, args, kwargs=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            step,
            f"{model}.{method}",
        )


def server_times(server_log, records):
    """Server time (query time + the rest) and query count of each request, from the
    werkzeug line Odoo logs with its perf info (tagged ``?bench=<tag>``)."""
    pattern = re.compile(
        r'"POST [^"]*\?bench=(\S+) HTTP/[\d.]+" (\d+) \S+ (\d+) ([\d.]+) ([\d.]+)'
    )
    found = {}
    try:
        with open(server_log, encoding="utf-8", errors="replace") as f:
            for line in f:
                match = pattern.search(line)
                if match:
                    tag, status, count, qtime, rest = match.groups()
                    found[tag] = (int(status), int(count), float(qtime), float(rest))
    except OSError:
        return
    for record in records:
        if record["tag"] in found:
            status, count, qtime, rest = found[record["tag"]]
            record["server_s"] = qtime + rest
            record["sql_s"] = qtime
            record["queries"] = count


# --- The flows (each request one click of the web client) ---
def move_vals(product, qty, src, dest):
    return {
        "name": product["name"],
        "product_id": product["id"],
        "product_uom_qty": qty,
        "product_uom": product["uom_id"],
        "location_id": src,
        "location_dest_id": dest,
    }


def create_transfer(client, fx, product, n, incoming):
    if incoming:
        ptype, src, dest = fx["in_type"], fx["supplier"], fx["stock"]
    else:
        ptype, src, dest = fx["out_type"], fx["stock"], fx["customer"]
    result = client.call(
        "create",
        "stock.picking",
        "web_save",
        [
            [],
            {
                "picking_type_id": ptype,
                "location_id": src,
                "location_dest_id": dest,
                "move_ids": [[0, 0, move_vals(product, n, src, dest)]],
            },
        ],
        {"specification": {"name": {}, "state": {}}},
    )
    return result[0]["id"]


def read_picking(client, step, picking_id, fields=("state",)):
    spec = {name: {} for name in fields}
    spec["move_ids"] = {"fields": {"product_uom_qty": {}, "quantity": {}}}
    return client.call(
        step, "stock.picking", "web_read", [[picking_id]], {"specification": spec}
    )[0]


def validate_and_wait(client, picking_id, job_fields):
    """Validate; when the transfer is left to a background job, poll it each
    second until the job is done or failed. Returns the job's facts, if any."""
    result = client.call("validate", "stock.picking", "button_validate", [[picking_id]])
    if isinstance(result, dict) and result.get("res_model"):
        raise FlowStopped("error", f"Validate opened {result['res_model']}")
    state = state_of(client, picking_id, job_fields)
    if state["state"] == "done":
        return None
    if "wms_job_state" not in job_fields:
        raise FlowStopped("error", f"not done after Validate: {state['state']}")
    job = {"polls": 0, "states": [], "progress": []}
    start = time.perf_counter()
    offset = client._log_size()
    give_up = time.monotonic() + JOB_TIMEOUT
    while True:
        job["polls"] += 1
        job["states"].append(state.get("wms_job_state"))
        job["progress"].append(state.get("wms_job_progress"))
        if state["state"] == "done" or state.get("wms_job_state") in (
            "done",
            "failed",
        ):
            break
        if client.deadline and time.monotonic() > client.deadline:
            raise FlowStopped("cap", "cap reached while the job ran")
        if time.monotonic() > give_up:
            break
        time.sleep(1)
        state = state_of(client, picking_id, job_fields)
    job["duration_s"] = time.perf_counter() - start
    job["final"] = state
    # The cron worker has the same limits: what its log says meanwhile.
    job["cron_limits"] = [
        line.split(": ", 1)[-1].strip()
        for line in client._log_since(offset).splitlines()
        if "WorkerCron" in line
        or "time limit" in line
        or "memory limit" in line
        or "timeout after" in line
    ][:10]
    client.records.append(
        {
            "step": "job",
            "label": "job (polled)",
            "tag": "",
            "status": "ok" if state["state"] == "done" else "error",
            "client_s": job["duration_s"],
            "message": f"job {state.get('wms_job_state')}, {job['polls']} polls",
        }
    )
    if state["state"] != "done":
        client.job = job
        raise FlowStopped(
            "error",
            f"job {state.get('wms_job_state')} after {job['duration_s']:.0f} s; "
            f"the cron worker's log: {job['cron_limits'] or 'nothing'}",
        )
    return job


def state_of(client, picking_id, job_fields):
    """The transfer's state (and its job's), read as the form's reload does; not
    recorded as a step."""
    fields = {name: {} for name in ("state", *job_fields)}
    result = client.call(
        "poll", "stock.picking", "web_read", [[picking_id]], {"specification": fields}
    )[0]
    client.records.pop()
    return result


def receipt_flow(client, fx, product, serials, ours, job_fields):
    n = len(serials)
    picking_id = create_transfer(client, fx, product, n, incoming=True)
    client.picking_id = picking_id
    client.call("confirm", "stock.picking", "action_confirm", [[picking_id]])
    form = read_picking(client, "reload", picking_id)
    move_id = form["move_ids"][0]["id"]
    if ours:
        action = client.call(
            "open", "stock.move", "action_wms_edit_expected_serials", [[move_id]]
        )
        context = action["context"]
        content = "serial\n" + "\n".join(serials) + "\n"
        wizard = client.call(
            "upload",
            action["res_model"],
            "web_save",
            [
                [],
                {
                    "input_method": "file",
                    "import_file": base64.b64encode(content.encode()).decode(),
                    "import_filename": "container.csv",
                },
            ],
            {
                "specification": {
                    "serial_count": {},
                    "has_errors": {},
                    "check_result": {},
                },
                "context": context,
            },
        )[0]
        if wizard["has_errors"] or wizard["serial_count"] != n:
            raise FlowStopped("error", f"the dialog's check: {wizard['check_result']}")
        client.call(
            "save",
            action["res_model"],
            "action_save",
            [[wizard["id"]]],
            {"context": context},
        )
        res = client.call(
            "receive",
            "stock.picking",
            "wms_receive_expected_serials",
            [[picking_id], product["id"]],
        )
        if not res.get("ok") or res.get("count") != n:
            raise FlowStopped("error", f"receive: {res.get('message')}")
    else:
        move = client.call(
            "open",
            "stock.move",
            "web_read",
            [[move_id]],
            {
                "specification": {
                    "move_line_ids": {"fields": {"lot_name": {}, "quantity": {}}}
                }
            },
        )[0]
        line_ids = [line["id"] for line in move["move_line_ids"]]
        commands = [
            [1, line_id, {"lot_name": name, "quantity": 1, "picked": True}]
            for line_id, name in zip(line_ids, serials, strict=False)
        ] + [
            [0, 0, {"lot_name": name, "quantity": 1, "picked": True}]
            for name in serials[len(line_ids) :]
        ]
        client.call(
            "save",
            "stock.move",
            "web_save",
            [[move_id], {"move_line_ids": commands}],
            {"specification": {"quantity": {}}},
        )
    return validate_and_wait(client, picking_id, job_fields)


def delivery_flow(client, fx, product, serials, ours, job_fields):
    n = len(serials)
    picking_id = create_transfer(client, fx, product, n, incoming=False)
    client.picking_id = picking_id
    client.call("confirm", "stock.picking", "action_confirm", [[picking_id]])
    form = state_of(client, picking_id, ())
    if form["state"] != "assigned":
        client.call("assign", "stock.picking", "action_assign", [[picking_id]])
    move_id = read_picking(client, "poll", picking_id)["move_ids"][0]["id"]
    client.records.pop()
    if ours:
        res = client.call(
            "pick",
            "stock.picking",
            "wms_set_picked_serials",
            [[picking_id], product["id"], serials],
        )
        if not res.get("ok") or res.get("count") != n:
            raise FlowStopped("error", f"pick: {res.get('message')}")
    else:
        client.call(
            "pick",
            "stock.picking",
            "web_save",
            [[picking_id], {"move_ids": [[1, move_id, {"picked": True}]]}],
            {"specification": {"state": {}}},
        )
    return validate_and_wait(client, picking_id, job_fields)


# --- Fixtures and checks, in the database directly (not timed) ---
def open_env(conf, db):
    import odoo
    from odoo.tools import config

    config.parse_config(["-c", conf, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(db)
    return registry


def fixtures(registry, ours, sizes, run_id):
    from odoo import Command, api

    with registry.cursor() as cr:
        env = api.Environment(cr, 2, {})
        user = env["res.users"].search([("login", "=", CLERK_LOGIN)])
        if not user:
            user = env["res.users"].create(
                {
                    "name": "Bench HTTP Clerk",
                    "login": CLERK_LOGIN,
                    # A clerk's messages (on validations) need a sender.
                    "email": "bench.http.clerk@example.com",
                    "password": CLERK_PASSWORD,
                    "groups_id": [Command.set([env.ref("stock.group_stock_user").id])],
                }
            )
        from bench_serials import bench_warehouse, create_product

        warehouse = bench_warehouse(env)
        products = {}
        for n in sizes:
            product = create_product(env, f"Bench HTTP {run_id} N{n}", ours=ours)
            products[n] = {
                "id": product.id,
                "name": product.name,
                "uom_id": product.uom_id.id,
            }
        fx = {
            "in_type": warehouse.in_type_id.id,
            "out_type": warehouse.out_type_id.id,
            "stock": warehouse.lot_stock_id.id,
            "supplier": env.ref("stock.stock_location_suppliers").id,
            "customer": env.ref("stock.stock_location_customers").id,
            "products": products,
        }
        cr.commit()
    return fx


def db_check(registry, product_id, serials, usage, picking_id=None):
    """The stock the flow should leave (``bench_serials.check_outcome``), and the
    transfer's state."""
    from bench_serials import check_outcome

    from odoo import api

    with registry.cursor() as cr:
        env = api.Environment(cr, 2, {})
        state = env["stock.picking"].browse(picking_id).state if picking_id else None
        try:
            check_outcome(
                env, env["product.product"].browse(product_id), serials, usage
            )
            return True, state
        except RuntimeError as error:
            return str(error), state


def put_on_hand(registry, product_id, prefix, n):
    from bench_serials import bench_warehouse, put_on_hand_sql

    from odoo import api

    with registry.cursor() as cr:
        env = api.Environment(cr, 2, {})
        put_on_hand_sql(
            env,
            bench_warehouse(env),
            env["product.product"].browse(product_id),
            prefix,
            n,
        )
        cr.commit()


def wait_request_end(server_log, tag, limit=180):
    """After the cap, wait until the server is done with the request (its log line
    or a kill), so that the state read next is final."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        with open(server_log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if f"bench={tag} " in text or "timeout after" in text[-20000:]:
            return
        time.sleep(2)


def run_flow(client, registry, name, flow, fx, product, serials, ours, job_fields, cap):
    started = time.perf_counter()
    load_before = os.getloadavg()
    client.deadline = time.monotonic() + cap * 60 if cap else None
    client.picking_id = None
    first = len(client.records)
    outcome = {"status": "done"}
    try:
        job = flow(client, fx, product, serials, ours, job_fields)
        if job:
            outcome["job"] = job
    except FlowStopped as stop:
        outcome = {"status": stop.status, "message": stop.message}
        if getattr(client, "job", None):
            outcome["job"] = client.job
        if stop.status == "cap" and client.records:
            wait_request_end(client.server_log, client.records[-1]["tag"])
    client.job = None
    outcome["total_s"] = time.perf_counter() - started - client.kill_wait
    client.kill_wait = 0.0
    outcome["load"] = [load_before, os.getloadavg()]
    client.deadline = None
    usage = "internal" if name == "receipt" else "customer"
    check, state = db_check(registry, product["id"], serials, usage, client.picking_id)
    outcome["state_after"] = state
    outcome["stock_ok"] = check
    outcome["records"] = client.records[first:]
    log(
        f"{name} of {len(serials)}: {outcome['status']} in {outcome['total_s']:.1f} s, "
        f"transfer {state}, stock {'as expected' if check is True else check}"
    )
    return outcome


def drive(args):
    registry = open_env(args.conf, args.db)
    sizes = [int(n) for n in args.sizes.split(",") if n]
    ours = args.side == "ours"
    fx = fixtures(registry, ours, sizes, args.run_id)
    url = f"http://127.0.0.1:{args.port}"
    results = {"side": args.side, "sizes": {}}
    for n in sizes:
        product = fx["products"][n]
        prefix = f"H{args.run_id}N{n}"
        from bench_serials import serial_names

        serials = serial_names(prefix, n)
        client = Client(url, args.db, args.server_log, f"{args.side}-{n}")
        client.login()
        fields = client.call(
            "fields", "stock.picking", "fields_get", [], {"attributes": ["type"]}
        )
        client.records.pop()
        job_fields = tuple(
            f for f in ("wms_job_state", "wms_job_progress") if f in fields
        )
        cap = args.native_cap if not ours else 0
        log(f"{args.side}: receipt of {n} serials (job fields: {job_fields or 'none'})")
        receipt = run_flow(
            client,
            registry,
            "receipt",
            receipt_flow,
            fx,
            product,
            serials,
            ours,
            job_fields,
            cap,
        )
        if receipt["stock_ok"] is not True:
            log(f"{args.side}: the {n} serials put on hand by SQL for the delivery")
            put_on_hand(registry, product["id"], prefix, n)
        log(f"{args.side}: delivery of {n} serials")
        delivery = run_flow(
            client,
            registry,
            "delivery",
            delivery_flow,
            fx,
            product,
            serials,
            ours,
            job_fields,
            cap,
        )
        server_times(args.server_log, receipt["records"] + delivery["records"])
        if receipt["stock_ok"] is not True:
            delivery["stock_by_sql"] = True
        results["sizes"][n] = {
            "receipt": receipt,
            "delivery": delivery,
            "job_fields": list(job_fields),
        }
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump(results, out, default=str, indent=1)
    log(f"written to {args.out}")


# --- Report ---
def fmt_s(value):
    return "—" if value is None else f"{value:.2f}"


def step_figure(outcome, step):
    """Client seconds, server seconds, queries and status of a flow's step (summed
    when the step made several requests)."""
    records = [r for r in outcome.get("records", []) if r["step"] == step]
    if not records:
        return None
    return {
        "client": sum(r.get("client_s", 0) for r in records),
        "server": (
            sum(r["server_s"] for r in records)
            if all("server_s" in r for r in records)
            else None
        ),
        "queries": sum(r.get("queries", 0) for r in records),
        "status": next((r["status"] for r in records if r["status"] != "ok"), "ok"),
        "limit": next((r["limit"] for r in records if r.get("limit")), None),
        "max_client": max(r.get("client_s", 0) for r in records),
    }


def cell(fig):
    if fig is None:
        return "—"
    text = f"{fig['client']:.2f}"
    if fig["server"] is not None:
        text += f" ({fig['server']:.2f}, {fig['queries']:,} q)"
    if fig["status"] == "killed":
        text += f" **killed** ({fig['limit'] or 'connection lost'})"
    elif fig["status"] == "cap":
        text += " **stopped at the cap**"
    elif fig["status"] == "error":
        text += " **error**"
    return text


def total_cell(outcome, cap):
    if not outcome:
        return "—"
    if outcome["status"] == "cap":
        return f"did not finish in {cap:g} min"
    text = f"{outcome['total_s']:.2f}"
    if outcome["status"] != "done":
        text += f" **{outcome['status']}**, transfer {outcome.get('state_after')}"
    return text


def ratio(native, ours):
    if not native or not ours or not ours["client"] or not native["client"]:
        return "—"
    value = native["client"] / ours["client"]
    return f"{value:.1f}x" if value >= 1 else f"{value:.2f}x"


def machine_lines():
    from bench_serials import machine_description

    return [f"| {k} | {v} |" for k, v in machine_description()]


def load_runs(args):
    runs = {}
    for side, path in (("native", args.native), ("ours", args.ours)):
        runs[side] = {}
        if path and os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                runs[side] = {int(k): v for k, v in json.load(f)["sizes"].items()}
    return runs["native"], runs["ours"]


def header_lines(args):
    cpu, real = args.limits.split(",")
    limits = (
        "(Odoo's defaults)"
        if (cpu, real) == ("60", "120")
        else "(**lowered time limits**: Odoo's defaults are 60 and 120 s)"
    )
    return [
        "# A container through a real server's limits, over HTTP (issue 23)",
        "",
        f"Run {args.started} UTC, {args.elapsed_min:.0f} min in all. Command: "
        f"`{args.command}`",
        "",
        *([f"**Shared machine**: {args.note}", ""] if args.note else []),
        "| Machine | |",
        "|---|---|",
        *machine_lines(),
        f"| Load average (1, 5, 15 min) at the start / end | {args.load_start} / "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} |",
        "",
        "Each database has its own prefork Odoo server, run one after the other: "
        f"`--workers 2 --max-cron-threads 1 --limit-time-cpu {cpu} --limit-time-real "
        f"{real} --limit-memory-soft {2 << 30} --limit-memory-hard {5 << 29}` "
        f"{limits}, under `nice -n 19`. Native: `stock`; ours: `stock`, "
        f"{args.modules}. The clerk is a stock user (Inventory / User), logged in "
        "through `/web/session/authenticate`; each step is the JSON-RPC call its "
        "button makes (`/web/dataset/call_kw`), over loopback HTTP. Native is "
        f"stopped at {args.native_cap:g} min per flow.",
        "",
        "Each cell: client wall time in s (the server's time for the request and "
        "its query count, from the server's log line). A flow's total is from the "
        "first click (create) to the transfer done, client wall time, including "
        "the form reloads and any background job.",
    ]


def outcome_note(side, outcome):
    """One line under a flow's table: how it ended, its job, the load."""
    extra = []
    if outcome["status"] != "done":
        extra.append(
            f"stopped: {outcome['status']} ({outcome.get('message', '')[:200]}); "
            f"the transfer after it: {outcome.get('state_after')} (the request's "
            "work rolled back)"
        )
    elif outcome.get("stock_ok") is not True:
        extra.append(f"stock check: {outcome.get('stock_ok')}")
    if outcome.get("stock_by_sql"):
        extra.append(
            "the receipt not done, the delivery ships the N serials put on hand by SQL"
        )
    job = outcome.get("job")
    if job:
        extra.append(
            f"background job: {job['duration_s']:.1f} s after Validate returned, "
            f"{job['polls']} polls, last states {job['states'][-3:]}, progress "
            f"{job['progress'][-3:]}"
            + (
                f"; the cron worker's log meanwhile: {job['cron_limits']}"
                if job.get("cron_limits")
                else ""
            )
        )
    load = outcome.get("load")
    if load:
        extra.append(
            "load average (1 min) at the start / end: "
            f"{load[0][0]:.2f} / {load[1][0]:.2f}"
        )
    return f"{side}: " + "; ".join(extra) + "."


def total_ratio(nat, our, cap):
    if not nat or not our or our["status"] != "done":
        return "—"
    if nat["status"] == "cap":
        return f"> {cap * 60 / our['total_s']:.0f}x"
    if nat["status"] == "done":
        return f"{nat['total_s'] / our['total_s']:.1f}x"
    return "—"


def flow_section(n, flow, steps, nat, our, cap):
    lines = [
        "",
        f"## {flow.capitalize()} of {n:,} serials",
        "",
        "| Step | native | ours | native / ours |",
        "|---|---|---|---|",
    ]
    for key, title in steps:
        fn = step_figure(nat, key) if nat else None
        fo = step_figure(our, key) if our else None
        if fn is not None or fo is not None:
            lines.append(f"| {title} | {cell(fn)} | {cell(fo)} | {ratio(fn, fo)} |")
    lines.append(
        f"| **Whole {flow}, from the first click** | {total_cell(nat, cap)} "
        f"| {total_cell(our, cap)} | {total_ratio(nat, our, cap)} |"
    )
    for side, outcome in (("native", nat), ("ours", our)):
        if outcome:
            lines += ["", outcome_note(side, outcome)]
    return lines


def requests_of(outcome):
    return [r for r in (outcome or {}).get("records", []) if r["step"] != "job"]


def limits_section(native, ours, sizes, real):
    """The longest request of each flow against the real-time limit, and every
    request over 60 s, killed or stopped."""
    lines = [
        "",
        "## The limits: longest request of each flow",
        "",
        f"| Side | Flow | N | longest request | s | share of limit_time_real "
        f"({real} s) | every request survived the limits |",
        "|---|---|---|---|---|---|---|",
    ]
    flagged = []
    for side, results in (("native", native), ("ours", ours)):
        for n in sizes:
            for flow in ("receipt", "delivery"):
                records = requests_of(results.get(n, {}).get(flow))
                if not records:
                    continue
                worst = max(records, key=lambda r: r.get("client_s", 0))
                survived = all(r["status"] in ("ok", "error") for r in records)
                lines.append(
                    f"| {side} | {flow} | {n:,} | {worst['label']} ({worst['step']}) "
                    f"| {worst.get('client_s', 0):.2f} "
                    f"| {worst.get('client_s', 0) / float(real):.0%} "
                    f"| {'yes' if survived else '**no**'} |"
                )
                flagged += [
                    f"- {side}, {flow} of {n:,}: {r['label']} ({r['step']}): "
                    f"{r.get('client_s', 0):.1f} s, {r['status']}"
                    + (f", {r['limit']}" if r.get("limit") else "")
                    + (f": {r['message'][:200]}" if r.get("message") else "")
                    for r in records
                    if r.get("client_s", 0) > 60 or r["status"] != "ok"
                ]
    lines += ["", "## Requests over 60 s, killed or stopped", ""]
    return lines + (flagged or ["None: every request answered in under 60 s."])


def goals_section(ours, sizes, cap):
    lines = [
        "",
        "## Goals (issue 23, point 1), ours",
        "",
        "| Goal | N | ours | met |",
        "|---|---|---|---|",
    ]
    for n in sizes:
        records = requests_of(ours.get(n, {}).get("receipt")) + requests_of(
            ours.get(n, {}).get("delivery")
        )
        if records:
            worst = max(records, key=lambda r: r.get("client_s", 0))
            ok = all(r["status"] == "ok" for r in records) and worst["client_s"] <= 60
            lines.append(
                f"| No request over 60 s (longest: {worst['label']}, {worst['step']}) "
                f"| {n:,} | {worst['client_s']:.2f} s | {'yes' if ok else '**no**'} |"
            )
        for flow in ("receipt", "delivery"):
            outcome = ours.get(n, {}).get(flow)
            if outcome:
                met = outcome["status"] == "done" and outcome["total_s"] <= 60
                unit = " s" if outcome["status"] == "done" else ""
                lines.append(
                    f"| Whole {flow} from the first click under 60 s | {n:,} "
                    f"| {total_cell(outcome, cap)}{unit} "
                    f"| {'yes' if met else '**no**'} |"
                )
    return lines


def report(args):
    native, ours = load_runs(args)
    sizes = sorted(set(native) | set(ours))
    cap = args.native_cap
    lines = header_lines(args)
    for n in sizes:
        for flow, steps in (("receipt", RECEIPT_STEPS), ("delivery", DELIVERY_STEPS)):
            lines += flow_section(
                n,
                flow,
                steps,
                native.get(n, {}).get(flow),
                ours.get(n, {}).get(flow),
                cap,
            )
    lines += limits_section(native, ours, sizes, args.limits.split(",")[1])
    lines += goals_section(ours, sizes, cap)
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(args.out_dir, exist_ok=True)
    date = datetime.datetime.now(datetime.timezone.utc)
    path = os.path.join(
        args.out_dir, f"{date:%Y-%m-%d}-{socket.gethostname()}-http{args.suffix}.md"
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    log(f"written to {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("drive")
    d.add_argument("--conf", required=True)
    d.add_argument("--db", required=True)
    d.add_argument("--side", choices=("native", "ours"), required=True)
    d.add_argument("--port", type=int, required=True)
    d.add_argument("--server-log", required=True)
    d.add_argument("--sizes", default="5000,50000")
    d.add_argument("--native-cap", type=float, default=20)
    d.add_argument("--run-id", default=time.strftime("%H%M%S"))
    d.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("--native")
    r.add_argument("--ours")
    r.add_argument("--native-cap", type=float, default=20)
    r.add_argument("--command", default="bench/http.sh")
    r.add_argument("--started", default="")
    r.add_argument("--elapsed-min", type=float, default=0)
    r.add_argument("--load-start", default="")
    r.add_argument("--modules", default="serial_tracking_wms, serial_tracking_wms_hhd")
    r.add_argument("--note", default="")
    r.add_argument("--suffix", default="")
    r.add_argument("--limits", default="60,120")
    r.add_argument(
        "--out-dir", default=os.path.join(os.path.dirname(__file__), "results")
    )
    args = parser.parse_args()
    if args.cmd == "drive":
        drive(args)
    else:
        report(args)


if __name__ == "__main__":
    main()
