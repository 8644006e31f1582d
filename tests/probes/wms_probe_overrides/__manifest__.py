# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "WMS probe: overrides of what the speed layer stands in for",
    "summary": "Test only, never installed: loaded inside a test (odoo-test-helper's "
    "FakeModelLoader), an override of each method a set-based path stands in for",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "serial_tracking_wms contributors",
    "website": "https://github.com/serial-tracking-wms/serial_tracking_wms",
    "depends": ["stock", "serial_tracking_wms"],
    "installable": False,
}
