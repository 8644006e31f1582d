# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Serial Number Tracking (WMS)",
    "summary": "Per-product serial tracking modes: No Tracking, Track During Pick, "
    "Full Tracking with expected serials on pre-receipts",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "serial_tracking_wms contributors",
    "website": "https://github.com/serial-tracking-wms/serial_tracking_wms",
    "development_status": "Alpha",
    "depends": ["stock", "stock_picking_batch"],
    "data": [
        "security/ir.model.access.csv",
        "security/serial_tracking_wms_security.xml",
        "data/res_groups_data.xml",
        "data/ir_cron_data.xml",
        "data/ir_sequence_data.xml",
        "views/product_template_views.xml",
        "views/stock_expected_serial_views.xml",
        "views/stock_move_views.xml",
        "views/stock_picking_views.xml",
        "wizard/stock_expected_serial_wizard_views.xml",
        "views/stock_quant_views.xml",
        "views/stock_move_line_views.xml",
        "wizard/stock_serial_lookup_views.xml",
        "wizard/stock_serial_recall_views.xml",
        "wizard/stock_account_transfer_wizard_views.xml",
        "wizard/stock_serial_count_wizard_views.xml",
        "report/stock_serial_valuation_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/serial_tracking_wms_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "serial_tracking_wms/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "uninstall_hook": "uninstall_hook",
}
