# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pre-Receipt Receive: open receipts -> lines -> scan product, then its serials
(Full Tracking) or a quantity -> finish with Odoo's backorder choice."""

from odoo import models


class WmsHhdReceive(models.AbstractModel):
    _name = "wms.hhd.receive"
    _inherit = "wms.hhd.flow"
    _description = "Scanner flow: Pre-Receipt Receive"

    def _flow_domain(self):
        return [("picking_type_code", "=", "incoming")]
