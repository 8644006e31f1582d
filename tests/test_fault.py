# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A scan is committed when it is acknowledged (issue 9).

A real Odoo server process receives scans over HTTP exactly as the scanner screens
send them (``/web/session/authenticate``, then ``wms.hhd.receive.scan`` through
``/web/dataset/call_kw``). While a thread keeps scanning, the server is killed with
SIGKILL, in the middle of the receipt. Afterwards every acknowledged serial is on
the receipt, nothing is half-written, the integrity check is clean and the receipt
can still be finished.
"""

import json
import os
import signal
import subprocess
import threading
import time

import pytest
import requests
from conftest import ADDONS, HANG_GUARD, free_port

LOGIN, PASSWORD = "fault_scanner", "fault-scanner-pw"
# Scans acknowledged before the kill; the receipt asks for more than can be scanned.
KILL_AFTER = 25
RECEIPT_QTY = 500

FIXTURES = """
from odoo import Command
env = env(context=dict(env.context, tracking_disable=True))
user = env['res.users'].create({
    'name': 'Fault Scanner', 'login': %(login)r, 'password': %(password)r,
    'groups_id': [Command.set([env.ref('stock.group_stock_user').id])],
})
product = env['product.product'].create(
    {'name': 'Fault Laptop', 'is_storable': True, 'serial_tracking_mode': 'full'})
wh = env['stock.warehouse'].search([('company_id', '=', env.company.id)], limit=1)
supplier = env.ref('stock.stock_location_suppliers')
receipt = env['stock.picking'].create({
    'picking_type_id': wh.in_type_id.id,
    'location_id': supplier.id, 'location_dest_id': wh.lot_stock_id.id,
    'move_ids': [Command.create({
        'name': product.name, 'product_id': product.id,
        'product_uom_qty': %(qty)d, 'product_uom': product.uom_id.id,
        'location_id': supplier.id, 'location_dest_id': wh.lot_stock_id.id})],
})
receipt.action_confirm()
print('FAULT-FIXTURES ' + json.dumps(
    {'receipt': receipt.id, 'product': product.id, 'user': user.id}))
"""

CHECK = """
from odoo import api
receipt = env['stock.picking'].browse(%(receipt)d)
lines = receipt.move_ids.move_line_ids
report = {
    'lines': [{'lot_name': ml.lot_name or ml.lot_id.name or False,
               'quantity': ml.quantity, 'picked': ml.picked} for ml in lines],
    'problems': env['stock.serial.integrity'].sudo().wms_check(),
}
flow = env['wms.hhd.receive'].with_user(%(user)d)
finish = flow.finish(receipt.id, 'cancel')
report['finish'] = [finish['ok'], finish['message']]
report['state'] = receipt.state
quants = env['stock.quant'].search([
    ('product_id', '=', %(product)d), ('location_id.usage', '=', 'internal'),
    ('quantity', '>', 0)])
report['on_hand'] = sorted(
    q.lot_id.name for q in quants for _ in range(int(q.quantity)))
report['problems_after'] = env['stock.serial.integrity'].sudo().wms_check()
print('FAULT-CHECK ' + json.dumps(report))
"""


def _marked(out, mark):
    [line] = [line for line in out.splitlines() if line.startswith(mark + " ")]
    return json.loads(line.removeprefix(mark + " "))


class Scanner:
    """One scanner's HTTP session, speaking JSON-RPC as the screens do."""

    def __init__(self, base_url, db):
        self.url = base_url
        self.db = db
        self.http = requests.Session()

    def rpc(self, path, params, timeout=HANG_GUARD):
        response = self.http.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            timeout=timeout,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RuntimeError(json.dumps(body["error"])[:2000])
        return body["result"]

    def login(self):
        return self.rpc(
            "/web/session/authenticate",
            {"db": self.db, "login": LOGIN, "password": PASSWORD},
        )

    def call(self, model, method, *args):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": {}},
        )


def _start_server(odoo_runner, db, port, log_path):
    log = open(log_path, "w")  # noqa: SIM115 - closed by the caller through the proc
    proc = subprocess.Popen(
        [
            odoo_runner.python,
            odoo_runner.odoo_bin,
            "-c",
            odoo_runner.conf,
            "-d",
            db,
            "--db-filter",
            f"^{db}$",
            "--http-interface",
            "127.0.0.1",
            "--http-port",
            str(port),
            "--max-cron-threads",
            "0",
            "--log-level",
            "warn",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    proc.log_file = log
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if requests.get(url + "/web/login", timeout=HANG_GUARD).status_code == 200:
                return proc, url
        except requests.RequestException:
            pass
        time.sleep(0.3)
    proc.kill()
    proc.wait()
    log.close()
    pytest.fail(f"the Odoo server did not answer on {url}: {log_path.read_text()}")


def test_kill_during_a_receipt_loses_no_acknowledged_scan(
    odoo_runner, scratch_db, tmp_path
):
    res = odoo_runner.odoo(
        scratch_db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    fixtures = _marked(
        odoo_runner.shell(
            scratch_db,
            "import json\n"
            + FIXTURES % {"login": LOGIN, "password": PASSWORD, "qty": RECEIPT_QTY},
        ),
        "FAULT-FIXTURES",
    )
    receipt, product = fixtures["receipt"], fixtures["product"]

    port = free_port()
    proc, url = _start_server(odoo_runner, scratch_db, port, tmp_path / "odoo.log")
    acknowledged, refused, attempted = [], [], []
    failure = {}
    try:
        scanner = Scanner(url, scratch_db)
        assert scanner.login()["uid"] == fixtures["user"]
        opened = scanner.call("wms.hhd.receive", "open_document", receipt)
        assert opened["document"]["id"] == receipt
        enough = threading.Event()

        def keep_scanning():
            for number in range(1, RECEIPT_QTY + 1):
                serial = f"FAULT-{number:04d}"
                attempted.append(serial)
                try:
                    screen = scanner.call(
                        "wms.hhd.receive", "scan", receipt, serial, product
                    )
                except (requests.RequestException, RuntimeError) as error:
                    failure["serial"], failure["error"] = serial, repr(error)
                    return
                (acknowledged if screen["ok"] else refused).append(serial)
                if len(acknowledged) >= KILL_AFTER:
                    enough.set()
            enough.set()

        thread = threading.Thread(target=keep_scanning)
        thread.start()
        assert enough.wait(60), "the scans never reached the kill point"
        # Mid-stream: a scan is being sent, handled or answered right now.
        os.kill(proc.pid, signal.SIGKILL)
        thread.join(60)
        assert not thread.is_alive()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
        proc.log_file.close()

    assert not refused, refused
    assert failure, "the scanning never noticed the server had gone"
    assert len(acknowledged) >= KILL_AFTER
    # Only the scan in flight at the kill has no answer.
    in_flight = failure["serial"]
    assert attempted == acknowledged + [in_flight]

    report = _marked(
        odoo_runner.shell(
            scratch_db,
            "import json\n"
            + CHECK
            % {"receipt": receipt, "product": product, "user": fixtures["user"]},
        ),
        "FAULT-CHECK",
    )
    recorded = [line for line in report["lines"] if line["lot_name"]]
    names = [line["lot_name"] for line in recorded]
    # Every acknowledged scan is there, once; nothing else but maybe the one in flight.
    assert sorted(set(names)) == sorted(names), names
    assert set(acknowledged) <= set(names), set(acknowledged) - set(names)
    assert set(names) - set(acknowledged) <= {in_flight}, names
    # Every recorded line is whole: one unit, picked, with its serial.
    for line in recorded:
        assert line["quantity"] == 1 and line["picked"], line
    # Lines without a serial are only Odoo's unpicked reservation, never a scan.
    assert not [
        line for line in report["lines"] if not line["lot_name"] and line["picked"]
    ]
    assert report["problems"] == []
    # The receipt can still be finished, with exactly the recorded serials.
    assert report["finish"][0], report["finish"]
    assert report["state"] == "done"
    assert report["on_hand"] == sorted(names)
    assert report["problems_after"] == []
