# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Serial Valuation follows Inventory Valuation (``stock_account``) installed after
the addons and removed again, on a database of its own: the accountants' tests
(tagged ``wms_valuation``) run there, not in the main run, which has no
``stock_account``."""

import re

from conftest import ADDONS, free_port, problems_in_log

VIEW_READS_LAYERS = (
    "select position('stock_valuation_layer' in "
    "pg_get_viewdef('stock_serial_valuation'::regclass)) > 0"
)
# What report/stock_serial_valuation_account.xml loads.
ACCOUNT_NAMES = (
    "access_stock_serial_valuation_account_manager",
    "access_stock_serial_valuation_account_readonly",
    "menu_stock_serial_valuation",
    "menu_stock_serial_valuation_account",
)
ACCOUNT_RECORDS = (
    "select string_agg(name, ',' order by name) from ir_model_data "
    f"where module = 'serial_tracking_wms' and name in {ACCOUNT_NAMES}"
)


def test_serial_valuation_follows_stock_account(odoo_runner, scratch_db):
    res = odoo_runner.odoo(
        scratch_db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    assert odoo_runner.psql(scratch_db, VIEW_READS_LAYERS) == "f"
    assert odoo_runner.psql(scratch_db, ACCOUNT_RECORDS) == ""

    # Installed afterwards: the view reads the layers, the accountants get access.
    res = odoo_runner.odoo(
        scratch_db, "-i", "stock_account", "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    assert problems_in_log(res.stdout + res.stderr) == []
    assert odoo_runner.psql(scratch_db, VIEW_READS_LAYERS) == "t"
    assert odoo_runner.psql(scratch_db, ACCOUNT_RECORDS) == ",".join(ACCOUNT_NAMES)

    # The accountants' tests, on that database as it is (no module update).
    res = odoo_runner.odoo(
        scratch_db,
        "--test-enable",
        "--test-tags",
        "wms_valuation/serial_tracking_wms",
        "--stop-after-init",
        "--http-port",
        str(free_port()),
        "--log-level=test",
    )
    log = res.stdout + res.stderr
    summary = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", log)
    assert summary, log[-3000:]
    failed, errors, total = map(int, summary[-1])
    failures = [
        line for line in log.splitlines() if " FAIL: " in line or " ERROR: " in line
    ]
    assert (failed, errors) == (0, 0), "\n".join(failures) or log[-3000:]
    assert total >= 8, log[-3000:]
    assert ": skipped " not in log
    assert res.returncode == 0

    # Removed again: its table goes with our view (DROP ... CASCADE); the view
    # comes back without the layers, and the accountants' records go.
    out = odoo_runner.shell(
        scratch_db,
        "env['ir.module.module'].search([('name', '=', 'stock_account')])"
        ".button_immediate_uninstall()",
    )
    assert problems_in_log(out) == []
    assert odoo_runner.psql(scratch_db, VIEW_READS_LAYERS) == "f"
    assert odoo_runner.psql(scratch_db, ACCOUNT_RECORDS) == ""
    assert (
        int(odoo_runner.psql(scratch_db, "select count(*) from stock_serial_valuation"))
        > 0
    )
