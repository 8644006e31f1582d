# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "WMS probe: per-record defaults",
    "summary": "Test only: a reference from a sequence on each new lot, quant and "
    "move line, as an integrator's module gives one",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "serial_tracking_wms contributors",
    "website": "https://github.com/serial-tracking-wms/serial_tracking_wms",
    "depends": ["stock"],
    "data": ["data/ir_sequence_data.xml"],
    "installable": True,
}
