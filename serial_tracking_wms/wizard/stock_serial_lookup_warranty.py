# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.stock_serial_warranty import WARRANTY_ANSWERS


class StockSerialLookup(models.TransientModel):
    _inherit = "stock.serial.lookup"

    # --- Fields ---
    wms_warranty_end = fields.Date("Warranty End", compute="_compute_wms_warranty")
    wms_warranty_answer = fields.Selection(
        WARRANTY_ANSWERS, "Warranty", compute="_compute_wms_warranty"
    )

    # --- Compute methods ---
    @api.depends("lot_ids")
    def _compute_wms_warranty(self):
        today = fields.Date.context_today(self)
        for lookup in self:
            ends = [end for end in lookup.lot_ids.mapped("wms_warranty_end") if end]
            end = max(ends) if ends else False
            lookup.wms_warranty_end = end
            if not lookup.lot_ids:
                lookup.wms_warranty_answer = False
            elif not end:
                lookup.wms_warranty_answer = "none"
            else:
                lookup.wms_warranty_answer = "under" if end >= today else "expired"
