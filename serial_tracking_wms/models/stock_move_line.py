# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    # --- CRUD ---
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._wms_strip_lot_name(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._wms_strip_lot_name(vals)
        return super().write(vals)

    # --- Stock flow overrides ---
    def _action_done(self):
        self._wms_assign_captured_lots()
        optional_moves = self.move_id._wms_serial_optional()
        optional = self.filtered(
            lambda ml: ml.move_id in optional_moves
            and not ml.lot_id
            and not ml.lot_name
        )
        if not optional:
            return super()._action_done()
        super(StockMoveLine, self - optional)._action_done()
        with optional.move_id.picking_type_id._wms_lots_optional():
            super(StockMoveLine, optional)._action_done()

    # --- Private helpers ---
    def _wms_assign_captured_lots(self):
        """Serials captured on pick tasks (``lot_name``) become lots at validation,
        as Odoo does on operation types that create lots."""
        lines = self.filtered(
            lambda ml: ml.lot_name
            and not ml.lot_id
            and ml.move_id.serial_tracking_mode in ("pick", "full")
            and ml.move_id._wms_is_pick_task()
        )
        for (product, company), group in lines.grouped(
            lambda ml: (ml.product_id, ml.company_id)
        ).items():
            Lot = self.env["stock.lot"]
            lots = Lot.search(
                [
                    ("product_id", "=", product.id),
                    ("name", "in", group.mapped("lot_name")),
                    ("company_id", "in", (False, company.id)),
                ]
            ).grouped("name")
            missing = sorted(set(group.mapped("lot_name")) - set(lots))
            for lot in Lot.create(
                [
                    {"name": name, "product_id": product.id, "company_id": company.id}
                    for name in missing
                ]
            ):
                lots[lot.name] = lot
            for line in group:
                line.lot_id = lots[line.lot_name][:1]

    @api.model
    def _wms_strip_lot_name(self, vals):
        """Serial numbers never keep surrounding spaces."""
        if isinstance(vals.get("lot_name"), str):
            vals["lot_name"] = vals["lot_name"].strip()
