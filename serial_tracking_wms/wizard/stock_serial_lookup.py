# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class StockSerialLookup(models.TransientModel):
    """Type or scan one serial number and see its whole life, oldest first."""

    _name = "stock.serial.lookup"
    _description = "Serial Number Lookup"

    # --- Fields ---
    serial = fields.Char("Serial Number", help="Type or scan a serial number.")
    product_id = fields.Many2one(
        "product.product",
        "Product",
        help="Only this product's serial number, when several products share it.",
    )
    lot_ids = fields.Many2many(
        "stock.lot", string="Serial Number Records", compute="_compute_history"
    )
    line_ids = fields.Many2many(
        "stock.move.line", string="History", compute="_compute_history"
    )
    quant_ids = fields.Many2many(
        "stock.quant", string="Where It Is", compute="_compute_history"
    )
    expected_serial_ids = fields.Many2many(
        "stock.expected.serial",
        string="Announced On",
        compute="_compute_history",
    )
    message = fields.Char(compute="_compute_history")

    # --- Compute methods ---
    @api.depends("serial", "product_id")
    def _compute_history(self):
        Lot = self.env["stock.lot"]
        for lookup in self:
            name = (lookup.serial or "").strip()
            lots, expected = Lot, self.env["stock.expected.serial"]
            if name:
                domain = [("name", "=", name)]
                if lookup.product_id:
                    domain.append(("product_id", "=", lookup.product_id.id))
                lots = Lot.search(domain)
                expected = expected.search(domain)
            lookup.lot_ids = lots
            lookup.line_ids = lots._wms_history_lines()
            lookup.quant_ids = self.env["stock.quant"].search(
                [("lot_id", "in", lots.ids), ("quantity", ">", 0)]
            )
            lookup.expected_serial_ids = expected
            if not name:
                lookup.message = _("Type or scan a serial number.")
            elif not lots and not expected:
                lookup.message = _("Serial number %s is unknown.", name)
            else:
                lookup.message = False

    # --- Private helpers ---
    @api.model
    def _wms_open(self, serial, product=None):
        """The action that opens the lookup on ``serial`` (of ``product``)."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Serial Number Lookup"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_serial": serial or False,
                "default_product_id": product.id if product else False,
            },
        }
