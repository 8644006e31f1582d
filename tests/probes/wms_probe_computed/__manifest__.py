# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "WMS probe: stored fields computed from the serial",
    "summary": "Test only: stored computed and related fields depending on the "
    "serial on lots, quants, move lines and expected serials",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "serial_tracking_wms contributors",
    "website": "https://github.com/serial-tracking-wms/serial_tracking_wms",
    "depends": ["stock", "serial_tracking_wms"],
    "installable": True,
}
