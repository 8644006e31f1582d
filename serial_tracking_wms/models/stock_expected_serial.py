# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class StockExpectedSerial(models.Model):
    """A serial number announced on a pre-receipt line before the goods arrive."""

    _name = "stock.expected.serial"
    _description = "Expected Serial Number"
    _order = "move_id, id"

    # --- Fields ---
    name = fields.Char("Serial Number", required=True, index=True)
    move_id = fields.Many2one(
        "stock.move", "Pre-Receipt Line", required=True, index=True, ondelete="cascade"
    )
    picking_id = fields.Many2one(
        related="move_id.picking_id", store=True, index=True, string="Pre-Receipt"
    )
    product_id = fields.Many2one(related="move_id.product_id", store=True, index=True)
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="picking_id.partner_id", string="Vendor")
    state = fields.Selection(
        [
            ("expected", "Expected"),
            ("received", "Received"),
            ("cancelled", "Cancelled"),
        ],
        default="expected",
        required=True,
        readonly=True,
        index=True,
    )
    lot_id = fields.Many2one(
        "stock.lot", "Received Serial", readonly=True, index="btree_not_null"
    )

    _sql_constraints = [
        (
            "name_move_uniq",
            "unique(move_id, name)",
            "A serial number can be expected only once on a pre-receipt line.",
        ),
    ]

    # --- CRUD ---
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._wms_strip_name(vals)
        moves = self.env["stock.move"].browse(
            {vals["move_id"] for vals in vals_list if vals.get("move_id")}
        )
        moves._wms_check_expected_serials_editable()
        records = super().create(vals_list)
        records.move_id._wms_check_expected_serials()
        return records

    def write(self, vals):
        self._wms_strip_name(vals)
        old_moves = self.move_id
        # The backorder split moving the serials still expected to its new move
        # is the system carrying them over, not an edit: it passes whoever
        # validates. Told apart on the server only (see ``CARRY_OVER_KEY``).
        carried_over = (
            set(vals) == {"move_id"}
            and bool(vals["move_id"])
            and self.env["stock.move"]
            .browse(vals["move_id"])
            ._wms_expected_serials_carried_over(self)
        )
        if not carried_over:
            old_moves._wms_check_expected_serials_editable()
            if vals.get("move_id"):
                self.env["stock.move"].browse(
                    vals["move_id"]
                )._wms_check_expected_serials_editable()
        res = super().write(vals)
        if {"move_id", "name"} & set(vals):
            (old_moves | self.move_id)._wms_check_expected_serials()
        return res

    def unlink(self):
        moves = self.move_id
        moves._wms_check_expected_serials_editable()
        res = super().unlink()
        moves.exists()._wms_check_expected_serials()
        return res

    # --- Private helpers ---
    @api.model
    def _wms_strip_name(self, vals):
        if isinstance(vals.get("name"), str):
            vals["name"] = vals["name"].strip()

    def _wms_set_state(self, state, lots=None):
        """Record the outcome of a receipt (received / cancelled), and the lot
        each received serial became.

        Goes around ``write`` on purpose: the lines are locked for everybody once
        their pre-receipt is received, and this is the receipt itself writing.
        One statement for all, whatever their number.
        """
        if not self:
            return True
        super().write({"state": state})
        if lots:
            self.flush_recordset(["state"])
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE stock_expected_serial es
                       SET lot_id = lot.id
                      FROM stock_lot lot
                     WHERE es.id IN %s
                       AND lot.id IN %s
                       AND lot.name = es.name
                       AND lot.product_id = es.product_id
                    """,
                    tuple(self.ids),
                    tuple(lots.ids),
                )
            )
            self.invalidate_recordset(["lot_id"])
        return True
