# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import ValidationError

# A serial holding this mark is refused (an integrator's rule on serials).
REFUSED_MARK = "REFUSED"


class StockLot(models.Model):
    _inherit = "stock.lot"

    @api.constrains("name")
    def _check_wms_probe_name(self):
        for lot in self:
            if REFUSED_MARK in (lot.name or ""):
                raise ValidationError(
                    f"Probe constraint: serial number {lot.name} is refused."
                )
