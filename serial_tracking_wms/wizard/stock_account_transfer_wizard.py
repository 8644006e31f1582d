# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from .stock_serial_input_mixin import INPUT_FIELDS


class StockAccountTransferWizard(models.TransientModel):
    """Account Transfer: the serials (pasted, scanned, from a file or a range) and
    the units without serial of a product at a location change owner."""

    _name = "stock.account.transfer.wizard"
    _inherit = ["stock.serial.input.mixin"]
    _description = "Account Transfer"
    _check_company_auto = True

    # --- Fields ---
    product_id = fields.Many2one(
        "product.product",
        "Product",
        required=True,
        domain=[("is_storable", "=", True)],
        check_company=True,
    )
    serial_tracking_mode = fields.Selection(
        related="product_id.product_tmpl_id.serial_tracking_mode"
    )
    location_id = fields.Many2one(
        "stock.location",
        "Location",
        required=True,
        domain=[("usage", "=", "internal")],
    )
    company_id = fields.Many2one(related="location_id.company_id", store=True)
    new_owner_id = fields.Many2one(
        "res.partner",
        "New Owner",
        check_company=True,
        help="Who owns the stock from now on: the partner whose stock it becomes "
        "(consignment), or your company to take the stock back.",
    )
    quantity = fields.Float(
        "Units Without Serial",
        digits="Product Unit of Measure",
        help="Units of the product with no serial number yet (Track During Pick "
        "stock not picked yet) whose owner changes.",
    )
    owner_id = fields.Many2one(
        "res.partner",
        "Owned By",
        check_company=True,
        help="Who owns those units without serial now; empty: the company.",
    )
    serial_count = fields.Integer(compute="_compute_check_result")
    check_result = fields.Text("Check", compute="_compute_check_result")
    has_errors = fields.Boolean(compute="_compute_check_result")

    # --- Compute methods ---
    @api.depends(
        "product_id",
        "location_id",
        "new_owner_id",
        "owner_id",
        "quantity",
        *INPUT_FIELDS,
    )
    def _compute_check_result(self):
        """What the transfer would do, or why it is refused, before it is made."""
        Quant = self.env["stock.quant"]
        for wizard in self:
            if not wizard.new_owner_id:
                # Nothing is judged before the new owner is chosen: the stock
                # given (from the Stock List) belongs to the company already.
                wizard.serial_count = 0
                wizard.has_errors = False
                wizard.check_result = _(
                    "Choose the new owner: the partner whose stock it becomes, or "
                    "%(company)s to take the stock back.",
                    company=(
                        wizard.location_id.company_id or self.env.company
                    ).partner_id.display_name,
                )
                continue
            raw, errors = wizard._wms_read_serial_input_or_errors()
            plan = {"quants": Quant, "errors": []}
            if wizard.product_id and wizard.location_id:
                plan = Quant._wms_account_transfer_plan(
                    wizard.product_id.id,
                    wizard.location_id.id,
                    raw,
                    wizard._wms_new_owner_value(),
                    wizard.quantity,
                    wizard.owner_id.id,
                )
            errors += plan["errors"]
            wizard.serial_count = len(plan["quants"])
            wizard.has_errors = bool(errors)
            if errors:
                wizard.check_result = "\n".join(errors)
            elif wizard.product_id and wizard.location_id:
                wizard.check_result = _(
                    "%(count)s serial numbers and %(qty)s units without serial number "
                    "will belong to %(owner)s.",
                    count=len(plan["quants"]),
                    qty=format(wizard.quantity, "g"),
                    owner=wizard.new_owner_id.display_name
                    or plan["company"].display_name,
                )
            else:
                wizard.check_result = _("Choose the product and the location.")

    # --- Action methods ---
    def action_confirm(self):
        """Make the account transfer; show its lines in the moves history."""
        self.ensure_one()
        result = self.env["stock.quant"].wms_transfer_account(
            self.product_id.id,
            self.location_id.id,
            self._wms_read_serial_input(self.input_method),
            self._wms_new_owner_value(),
            self.quantity,
            self.owner_id.id,
        )
        return {
            "type": "ir.actions.act_window",
            "name": result["reference"],
            "res_model": "stock.move.line",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("move_id", "in", result["move_ids"])],
            "context": {"create": False},
            "target": "current",
        }

    # --- Private helpers ---
    def _wms_new_owner_value(self):
        """The new owner as the server takes it: the company's own partner is
        the company (no owner)."""
        self.ensure_one()
        company = self.location_id.company_id or self.env.company
        if self.new_owner_id == company.partner_id:
            return False
        return self.new_owner_id.id
