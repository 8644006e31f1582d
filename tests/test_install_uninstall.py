# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Both addons install on a database that has only ``stock`` and uninstall again,
without warnings or errors; existing serial-tracked products map to Full Tracking."""

from conftest import ADDONS, problems_in_log

# The indexes made by the addon's models (``init``), not by its fields.
INDEXES = [
    "stock_lot_wms_name_product_index",
    "stock_lot_wms_serial_uniq",
    "stock_move_line_wms_lot_location_dest_id_index",
    "stock_move_line_wms_lot_location_id_index",
    "stock_quant_wms_on_hand_index",
]
OUR_INDEXES = (
    "select indexname from pg_indexes where indexname in ({}) order by indexname"
).format(", ".join(f"'{name}'" for name in INDEXES))


def test_install_maps_existing_serial_products_then_uninstall(odoo_runner, scratch_db):
    odoo_runner.shell(
        scratch_db,
        """
env['product.product'].create([
    {'name': 'Legacy serial product', 'default_code': 'LEGACY-SN',
     'is_storable': True, 'tracking': 'serial'},
    {'name': 'Legacy lot product', 'default_code': 'LEGACY-LOT',
     'is_storable': True, 'tracking': 'lot'},
])
""",
    )
    res = odoo_runner.odoo(
        scratch_db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    assert problems_in_log(res.stdout + res.stderr) == []
    modes = odoo_runner.psql(
        scratch_db,
        "select default_code, serial_tracking_mode, tracking from product_template "
        "where default_code like 'LEGACY-%' order by default_code",
    )
    assert modes.splitlines() == ["LEGACY-LOT|none|lot", "LEGACY-SN|full|serial"]
    assert odoo_runner.psql(scratch_db, OUR_INDEXES).splitlines() == INDEXES

    out = odoo_runner.shell(
        scratch_db,
        f"""
mods = env['ir.module.module'].search([('name', 'in', {ADDONS.split(",")!r})])
mods.button_immediate_uninstall()
""",
    )
    assert problems_in_log(out) == []
    states = odoo_runner.psql(
        scratch_db,
        "select name || ':' || state from ir_module_module "
        "where name like 'serial_tracking_wms%' order by name",
    )
    assert states.splitlines() == [
        "serial_tracking_wms:uninstalled",
        "serial_tracking_wms_hhd:uninstalled",
    ]
    # The indexes the addon's models made go with it.
    assert odoo_runner.psql(scratch_db, OUR_INDEXES) == ""
    # The products and their native tracking are untouched by the uninstall.
    assert (
        odoo_runner.psql(
            scratch_db,
            "select tracking from product_template where default_code = 'LEGACY-SN'",
        )
        == "serial"
    )
    assert (
        odoo_runner.psql(
            scratch_db,
            "select count(*) from information_schema.tables "
            "where table_name = 'stock_expected_serial'",
        )
        == "0"
    )
