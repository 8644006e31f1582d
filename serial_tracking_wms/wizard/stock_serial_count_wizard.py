# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from .stock_serial_input_mixin import INPUT_FIELDS


class StockSerialCountWizard(models.TransientModel):
    """Count Serial Numbers: the serials found of a Full Tracking product at a
    location, pasted or scanned, from a file or a range; the stock is adjusted
    to them (``stock.quant.wms_count_serials``)."""

    _name = "stock.serial.count.wizard"
    _inherit = ["stock.serial.input.mixin"]
    _description = "Count Serial Numbers"
    _check_company_auto = True

    # --- Fields ---
    product_id = fields.Many2one(
        "product.product",
        "Product",
        required=True,
        domain="[('serial_tracking_mode', '=', 'full')]",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    location_id = fields.Many2one(
        "stock.location",
        "Location",
        required=True,
        default=lambda self: self._default_location_id(),
        domain="[('usage', 'in', ('internal', 'transit')), "
        "('company_id', 'in', (False, company_id))]",
        check_company=True,
        help="Where the serial numbers were counted.",
    )
    reason = fields.Char(
        "Inventory Reason",
        default=lambda self: _("Serial Number Count"),
        help="The reference of the inventory adjustment lines.",
    )
    found_count = fields.Integer("Serial Numbers Found", compute="_compute_plan")
    added_count = fields.Integer("To Add", compute="_compute_plan")
    returned_count = fields.Integer(
        "To Bring Back",
        compute="_compute_plan",
        help="Serial numbers found here that the books put outside the warehouse "
        "(at a customer, a supplier...): they come back from there as a return.",
    )
    written_off_count = fields.Integer("To Write Off", compute="_compute_plan")
    unchanged_count = fields.Integer("Unchanged", compute="_compute_plan")
    check_result = fields.Text("Check", compute="_compute_plan")
    has_errors = fields.Boolean(compute="_compute_plan")

    # --- Compute methods ---
    @api.depends(
        "product_id",
        "location_id",
        *INPUT_FIELDS,
    )
    def _compute_plan(self):
        Quant = self.env["stock.quant"]
        for wizard in self:
            read = wizard._wms_read_serial_lines_or_errors()
            plan = Quant._wms_serial_count_plan(
                wizard.location_id,
                wizard.product_id,
                read["raw"],
                line_numbers=read["line_numbers"],
            )
            errors = read["errors"] + plan["errors"]
            added = plan["added"]
            returned = plan["returned"]
            written_off = plan["written_off"].lot_id.mapped("name")
            wizard.found_count = len(added) + len(returned) + len(plan["unchanged"])
            wizard.added_count = len(added)
            wizard.returned_count = len(returned)
            wizard.written_off_count = len(written_off)
            wizard.unchanged_count = len(plan["unchanged"])
            wizard.has_errors = bool(errors)
            if errors:
                wizard.check_result = "\n".join(errors + read["warnings"])
                continue
            parts = [
                _(
                    "To add: %(added)s\nTo write off: %(written_off)s\n"
                    "Unchanged: %(unchanged)s",
                    added=", ".join(added) or "-",
                    written_off=", ".join(sorted(written_off)) or "-",
                    unchanged=len(plan["unchanged"]),
                )
            ]
            if returned:
                parts.append(
                    _("To bring back from where the books put them:")
                    + "\n"
                    + "\n".join(
                        Quant._wms_serials_outside_messages(
                            returned, wizard.location_id
                        )
                    )
                )
            wizard.check_result = "\n".join(parts + read["warnings"])

    # --- Action methods ---
    def action_apply(self):
        self.ensure_one()
        raw = self._wms_read_serial_input(self.input_method)
        result = self.env["stock.quant"].wms_count_serials(
            self.location_id.id, self.product_id.id, raw, reason=self.reason
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": _(
                    "%(product)s at %(location)s counted",
                    product=self.product_id.display_name,
                    location=self.location_id.display_name,
                ),
                "message": _(
                    "%(added)s added, %(returned)s brought back, %(written_off)s "
                    "written off, %(unchanged)s unchanged.",
                    added=len(result["added"]),
                    returned=len(result["returned"]),
                    written_off=len(result["written_off"]),
                    unchanged=len(result["unchanged"]),
                )
                if result["returned"]
                else _(
                    "%(added)s added, %(written_off)s written off, %(unchanged)s "
                    "unchanged.",
                    added=len(result["added"]),
                    written_off=len(result["written_off"]),
                    unchanged=len(result["unchanged"]),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # --- Private helpers ---
    @api.model
    def _default_location_id(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        return warehouse.lot_stock_id
