# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from .stock_serial_input_mixin import INPUT_FIELDS


class StockExpectedSerialWizard(models.TransientModel):
    """Edit Serial Numbers: paste or scan a list, import a file, or generate a range."""

    _name = "stock.expected.serial.wizard"
    _inherit = ["stock.serial.input.mixin"]
    _description = "Edit Expected Serial Numbers"
    _check_company_auto = True
    # A file's second column: the carton of each serial.
    _wms_second_column = True

    move_id = fields.Many2one(
        "stock.move", required=True, readonly=True, check_company=True
    )
    picking_id = fields.Many2one(related="move_id.picking_id")
    product_id = fields.Many2one(related="move_id.product_id")
    company_id = fields.Many2one(related="move_id.company_id", store=True)
    expected_qty = fields.Float(
        related="move_id.product_qty", string="Expected Quantity"
    )
    serial_count = fields.Integer(compute="_compute_check_result")
    check_result = fields.Text("Check", compute="_compute_check_result")
    has_errors = fields.Boolean(compute="_compute_check_result")

    # --- Compute methods ---
    @api.depends(
        *INPUT_FIELDS,
    )
    def _compute_check_result(self):
        for wizard in self:
            read = wizard._wms_read_serial_lines_or_errors()
            raw, cartons, carton_errors = self.env[
                "stock.expected.serial"
            ]._wms_split_cartons(read["raw"])
            names, errors = self.env["stock.lot"]._wms_parse_serial_list(
                raw, wizard.product_id, line_numbers=read["line_numbers"]
            )
            errors = read["errors"] + errors + carton_errors
            expected = wizard.expected_qty
            if not errors and names and len(names) != expected:
                errors.append(
                    _(
                        "%(count)s serial numbers for %(expected)s expected units: "
                        "enter all of them or none.",
                        count=len(names),
                        expected=format(expected, "g"),
                    )
                )
            move = wizard.move_id
            if move and move.state not in ("done", "cancel"):
                # What Save would refuse, shown before: serials in stock or
                # expected on another receipt, serials received here left out.
                errors += move._wms_expected_serials_conflicts(names)
            wizard.serial_count = len(names)
            wizard.has_errors = bool(errors)
            if errors:
                summary = errors
            elif names and any(cartons):
                summary = [
                    _(
                        "%(count)s serial numbers in %(cartons)s cartons ready to "
                        "save.",
                        count=len(names),
                        cartons=len({carton for carton in cartons if carton}),
                    )
                ]
            elif names:
                summary = [
                    _("%(count)s serial numbers ready to save.", count=len(names))
                ]
            else:
                summary = [_("No serial numbers: they will be captured at receipt.")]
            wizard.check_result = "\n".join(summary + read["warnings"])

    # --- Action methods ---
    def action_save(self):
        self.ensure_one()
        raw = self._wms_read_serial_input(self.input_method)
        self.picking_id.wms_set_expected_serials(
            self.product_id.id, raw, move_id=self.move_id.id
        )
        return {"type": "ir.actions.act_window_close"}

    def action_clear(self):
        self.ensure_one()
        self.picking_id.wms_set_expected_serials(
            self.product_id.id, [], move_id=self.move_id.id
        )
        return {"type": "ir.actions.act_window_close"}
