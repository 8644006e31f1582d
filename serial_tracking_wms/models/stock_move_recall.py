# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class StockMove(models.Model):
    _inherit = "stock.move"

    # --- Private helpers: the rules ---
    def _wms_recalled_serial_errors(self, names):
        """The serials of ``names`` an open recall blocks from picking."""
        self.ensure_one()
        recalled = self.env["stock.serial.recall.campaign"]._wms_recalled_serials(
            self.product_id, names, self.company_id
        )
        return [
            _(
                "Serial number %(serial)s of %(product)s is recalled by %(recall)s: "
                "it cannot be picked while the recall is open.",
                serial=name,
                product=self.product_id.display_name,
                recall=recalled[name],
            )
            for name in names
            if name in recalled
        ]
