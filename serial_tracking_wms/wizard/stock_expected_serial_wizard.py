# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class StockExpectedSerialWizard(models.TransientModel):
    """Edit Serial Numbers: paste or scan a list, import a file, or generate a range."""

    _name = "stock.expected.serial.wizard"
    _inherit = ["stock.serial.input.mixin"]
    _description = "Edit Expected Serial Numbers"

    move_id = fields.Many2one("stock.move", required=True, readonly=True)
    picking_id = fields.Many2one(related="move_id.picking_id")
    product_id = fields.Many2one(related="move_id.product_id")
    expected_qty = fields.Float(
        related="move_id.product_qty", string="Expected Quantity"
    )
    input_method = fields.Selection(
        [
            ("list", "Paste or scan"),
            ("file", "Import a file (CSV or XLSX)"),
            ("range", "Generate a range"),
        ],
        default="list",
        required=True,
    )
    serial_count = fields.Integer(compute="_compute_check_result")
    check_result = fields.Text("Check", compute="_compute_check_result")
    has_errors = fields.Boolean(compute="_compute_check_result")

    # --- Compute methods ---
    @api.depends(
        "input_method",
        "serials_text",
        "import_file",
        "import_filename",
        "range_first",
        "range_count",
    )
    def _compute_check_result(self):
        for wizard in self:
            try:
                raw = wizard._wms_read_serial_input(wizard.input_method)
            except UserError as error:
                raw, read_errors = [], [error.args[0]]
            else:
                read_errors = []
            names, errors = self.env["stock.lot"]._wms_parse_serial_list(
                raw, wizard.product_id
            )
            errors = read_errors + errors
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
            wizard.serial_count = len(names)
            wizard.has_errors = bool(errors)
            if errors:
                wizard.check_result = "\n".join(errors)
            elif names:
                wizard.check_result = _(
                    "%(count)s serial numbers ready to save.", count=len(names)
                )
            else:
                wizard.check_result = _(
                    "No serial numbers: they will be captured at receipt."
                )

    # --- Action methods ---
    def action_save(self):
        self.ensure_one()
        raw = self._wms_read_serial_input(self.input_method)
        self.picking_id.wms_set_expected_serials(self.product_id.id, raw)
        return {"type": "ir.actions.act_window_close"}

    def action_clear(self):
        self.ensure_one()
        self.picking_id.wms_set_expected_serials(self.product_id.id, [])
        return {"type": "ir.actions.act_window_close"}
