# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


def _next(code):
    """A default drawing the next reference of sequence ``code``: one per
    record created, in the order ``create`` makes them."""

    def default(model):
        return model.env["ir.sequence"].sudo().next_by_code(code)

    return default


class StockLot(models.Model):
    _inherit = "stock.lot"

    wms_probe_ref = fields.Char(default=_next("wms.probe.lot"), copy=False)


class StockQuant(models.Model):
    _inherit = "stock.quant"

    wms_probe_ref = fields.Char(default=_next("wms.probe.quant"), copy=False)


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    wms_probe_ref = fields.Char(default=_next("wms.probe.move.line"), copy=False)
