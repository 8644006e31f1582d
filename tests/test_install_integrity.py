# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Installing on a database that already holds serial-tracked stock, and
uninstalling, leave the stock as it was and the integrity check clean."""

import json

from conftest import ADDONS, problems_in_log

QUANTS_SQL = (
    "select pt.default_code, coalesce(lot.name, ''), loc.complete_name, q.quantity "
    "from stock_quant q join product_product pp on pp.id = q.product_id "
    "join product_template pt on pt.id = pp.product_tmpl_id "
    "left join stock_lot lot on lot.id = q.lot_id "
    "join stock_location loc on loc.id = q.location_id "
    "where pt.default_code like 'PRE-%' order by 1, 2, 3"
)

INTEGRITY = """
import json
print('INTEGRITY ' + json.dumps(env['stock.serial.integrity'].sudo().wms_check()))
"""


def _integrity(odoo_runner, db):
    out = odoo_runner.shell(db, INTEGRITY)
    [line] = [line for line in out.splitlines() if line.startswith("INTEGRITY ")]
    return json.loads(line.removeprefix("INTEGRITY "))


def test_install_on_serial_stock_then_uninstall(odoo_runner, scratch_db):
    odoo_runner.shell(
        scratch_db,
        """
stock = env.ref('stock.warehouse0').lot_stock_id
Quant = env['stock.quant']
sn = env['product.product'].create({'name': 'Pre-existing serial product',
    'default_code': 'PRE-SN', 'is_storable': True, 'tracking': 'serial'})
plain = env['product.product'].create({'name': 'Pre-existing plain product',
    'default_code': 'PRE-PLAIN', 'is_storable': True})
for name in ('PRE-1', 'PRE-2', 'PRE-3'):
    lot = env['stock.lot'].create({'name': name, 'product_id': sn.id,
                                   'company_id': env.company.id})
    Quant._update_available_quantity(sn, stock, 1, lot_id=lot)
Quant._update_available_quantity(plain, stock, 7)
""",
    )
    quants_before = odoo_runner.psql(scratch_db, QUANTS_SQL)
    assert len(quants_before.splitlines()) == 4

    res = odoo_runner.odoo(
        scratch_db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    assert problems_in_log(res.stdout + res.stderr) == []
    assert _integrity(odoo_runner, scratch_db) == []
    assert odoo_runner.psql(scratch_db, QUANTS_SQL) == quants_before
    # The serials now live under the database's uniqueness guarantee.
    assert (
        odoo_runner.psql(
            scratch_db,
            "select count(*) from pg_indexes "
            "where indexname = 'stock_lot_wms_serial_uniq'",
        )
        == "1"
    )

    out = odoo_runner.shell(
        scratch_db,
        f"""
mods = env['ir.module.module'].search([('name', 'in', {ADDONS.split(",")!r})])
mods.button_immediate_uninstall()
""",
    )
    assert problems_in_log(out) == []
    assert odoo_runner.psql(scratch_db, QUANTS_SQL) == quants_before
    assert (
        odoo_runner.psql(
            scratch_db,
            "select count(*) from pg_indexes "
            "where indexname = 'stock_lot_wms_serial_uniq'",
        )
        == "0"
    )


def test_install_tolerates_and_reports_existing_duplicate_serials(
    odoo_runner, scratch_db
):
    """A serial defined twice by earlier data (here plain SQL): the install
    succeeds, says why the unique index is not created, and the integrity
    check reports the serial on hand twice."""
    odoo_runner.shell(
        scratch_db,
        """
stock = env.ref('stock.warehouse0').lot_stock_id
sn = env['product.product'].create({'name': 'Dup serial product',
    'default_code': 'PRE-DUP', 'is_storable': True, 'tracking': 'serial'})
lot = env['stock.lot'].create({'name': 'DUP-1', 'product_id': sn.id,
                               'company_id': env.company.id})
env['stock.quant']._update_available_quantity(sn, stock, 1, lot_id=lot)
env.flush_all()
env.cr.execute(
    "INSERT INTO stock_lot (name, product_id, company_id) "
    "SELECT name, product_id, company_id FROM stock_lot WHERE id = %s RETURNING id",
    (lot.id,))
[dup_id] = env.cr.fetchone()
env['stock.quant']._update_available_quantity(
    sn, stock, 1, lot_id=env['stock.lot'].browse(dup_id))
""",
    )
    res = odoo_runner.odoo(
        scratch_db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    problems = problems_in_log(res.stdout + res.stderr)
    assert len(problems) == 1, problems
    assert "stock_lot_wms_serial_uniq not created" in problems[0]
    assert "DUP-1" in problems[0]
    found = _integrity(odoo_runner, scratch_db)
    assert [p["kind"] for p in found] == ["serial_on_hand"], found
    assert "DUP-1" in found[0]["message"]
