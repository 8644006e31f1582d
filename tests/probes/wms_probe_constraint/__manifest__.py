# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "WMS probe: a constraint on lots",
    "summary": "Test only: a Python constraint refusing serials marked REFUSED",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "serial_tracking_wms contributors",
    "website": "https://github.com/serial-tracking-wms/serial_tracking_wms",
    "depends": ["stock"],
    "installable": True,
}
