# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    ref = fields.Char(tracking=True)
    wms_probe_grade = fields.Selection(
        [("new", "New"), ("refurbished", "Refurbished")],
        default="new",
        tracking=True,
    )
