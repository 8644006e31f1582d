# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    # --- Fields ---
    serial_tracking_mode = fields.Selection(
        string="Serial Number Tracking Type",
        related="product_id.product_tmpl_id.serial_tracking_mode",
        # Stored to filter and group the stock list by tracking type.
        store=True,
        index=True,
        groups="stock.group_stock_user",
    )
    wms_serial_quant_ids = fields.Many2many(
        "stock.quant",
        string="Serial Numbers",
        compute="_compute_wms_serial_quant_ids",
        groups="stock.group_stock_user",
        help="The serial numbers of this product on hand at this location.",
    )
    wms_in_date = fields.Datetime(
        "Received On",
        compute="_compute_wms_in_info",
        groups="stock.group_stock_user",
        help="When this serial number came to this location: its receipt, or the "
        "pick task that captured it.",
    )
    wms_in_picking_id = fields.Many2one(
        "stock.picking",
        "Received By",
        compute="_compute_wms_in_info",
        groups="stock.group_stock_user",
    )
    wms_in_reference = fields.Char(
        "Document",
        compute="_compute_wms_in_info",
        groups="stock.group_stock_user",
        help="The transfer (or inventory adjustment) that brought this serial "
        "number to this location.",
    )
    wms_in_partner_id = fields.Many2one(
        "res.partner",
        "Received From",
        compute="_compute_wms_in_info",
        groups="stock.group_stock_user",
        help="The vendor (or returning customer) this serial number last came from.",
    )

    # --- Compute methods ---
    @api.depends("product_id", "location_id")
    def _compute_wms_serial_quant_ids(self):
        """One search for all the (product, location) pairs of ``self``."""
        Quant = self.env["stock.quant"]
        real = self.filtered(lambda q: q.id and q.product_id and q.location_id)
        serial_quants = Quant
        if real:
            serial_quants = Quant.search(
                [
                    ("product_id", "in", real.product_id.ids),
                    ("location_id", "in", real.location_id.ids),
                    ("lot_id", "!=", False),
                    ("quantity", ">", 0),
                ],
                order="lot_id",
            )
        by_key = serial_quants.grouped(lambda q: (q.product_id, q.location_id))
        for quant in self:
            quant.wms_serial_quant_ids = by_key.get(
                (quant.product_id, quant.location_id), Quant
            )

    @api.depends("lot_id", "location_id")
    def _compute_wms_in_info(self):
        """Where each serial came from, from one read of the serials' history."""
        history = self.lot_id._wms_history_lines()
        arrivals, origins = {}, {}
        # ``history`` is oldest first: the last line seen wins. A line that left
        # the serial where it was (an account transfer) brought it nowhere.
        for line in history:
            if line.location_id != line.location_dest_id:
                arrivals[(line.lot_id, line.location_dest_id)] = line
            if line.location_id.usage in ("supplier", "customer"):
                origins[line.lot_id] = line
        for quant in self:
            arrival = arrivals.get((quant.lot_id, quant.location_id))
            origin = origins.get(quant.lot_id)
            quant.wms_in_date = arrival.date if arrival else False
            quant.wms_in_picking_id = arrival.picking_id if arrival else False
            quant.wms_in_reference = arrival.reference if arrival else False
            quant.wms_in_partner_id = (
                origin.picking_partner_id or origin.move_id.partner_id
                if origin
                else False
            )

    # --- Action methods ---
    def action_wms_serial_numbers(self):
        """Open this stock line (product at location) on its Serial Numbers tab."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "%(product)s at %(location)s",
                product=self.product_id.display_name,
                location=self.location_id.display_name,
            ),
            "res_model": "stock.quant",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "serial_tracking_wms.stock_quant_serial_numbers_form_view"
                    ).id,
                    "form",
                )
            ],
            "target": "current",
        }

    def action_wms_serial_lookup(self):
        """Open the serial lookup on this line's serial number."""
        self.ensure_one()
        return self.env["stock.serial.lookup"]._wms_open(
            self.lot_id.name, self.product_id
        )
