# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Serial Number Tracking (WMS): Handheld Scanner",
    "summary": "Handheld scanner screens for serial tracking: Pre-Receipt Receive and "
    "Pick Tasks by Pick List",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "serial_tracking_wms contributors",
    "website": "https://github.com/serial-tracking-wms/serial_tracking_wms",
    "development_status": "Alpha",
    "depends": ["serial_tracking_wms", "barcodes", "barcodes_gs1_nomenclature", "web"],
    "data": [
        "security/ir.model.access.csv",
        "views/serial_scanner_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "serial_tracking_wms_hhd/static/src/**/*",
        ],
        "web.assets_tests": [
            "serial_tracking_wms_hhd/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "serial_tracking_wms_hhd/static/tests/*.test.js",
        ],
    },
    "installable": True,
    "application": True,
}
