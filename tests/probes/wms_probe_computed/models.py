# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    wms_probe_key = fields.Char(compute="_compute_wms_probe_key", store=True)

    @api.depends("name", "product_id.default_code")
    def _compute_wms_probe_key(self):
        for lot in self:
            lot.wms_probe_key = f"{lot.product_id.default_code or '-'}:{lot.name}"


class StockQuant(models.Model):
    _inherit = "stock.quant"

    wms_probe_serial = fields.Char("Probe Serial", related="lot_id.name", store=True)
    wms_probe_key = fields.Char("Probe Key", related="lot_id.wms_probe_key", store=True)


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    wms_probe_serial = fields.Char(compute="_compute_wms_probe_serial", store=True)

    @api.depends("lot_id.name", "lot_name", "quantity")
    def _compute_wms_probe_serial(self):
        for line in self:
            serial = line.lot_id.name or line.lot_name
            line.wms_probe_serial = serial and f"{serial}x{line.quantity:g}"


class StockExpectedSerial(models.Model):
    _inherit = "stock.expected.serial"

    wms_probe_key = fields.Char(compute="_compute_wms_probe_key", store=True)

    @api.depends("name", "move_id.product_uom_qty")
    def _compute_wms_probe_key(self):
        for serial in self:
            serial.wms_probe_key = f"{serial.name}/{serial.move_id.product_uom_qty:g}"
