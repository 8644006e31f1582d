# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_is_zero

SERIAL_TRACKING_MODES = [
    ("none", "No Tracking"),
    ("pick", "Track During Pick"),
    ("full", "Full Tracking"),
]
SERIAL_MODES = ("pick", "full")


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # --- Fields ---
    serial_tracking_mode = fields.Selection(
        SERIAL_TRACKING_MODES,
        string="Serial Number Tracking Setting",
        compute="_compute_serial_tracking_mode",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
        help="No Tracking: serial numbers are not required at any stage.\n"
        "Track During Pick: serial numbers are required only when a pick task is "
        "completed; goods in works as usual.\n"
        "Full Tracking: serial numbers are required at goods in and goods out.",
    )

    # --- Compute methods ---
    @api.depends("tracking")
    def _compute_serial_tracking_mode(self):
        """Keep the mode in agreement with Odoo's own ``tracking``.

        A product tracked by serial number natively (or before this module was
        installed) is in Full Tracking; one that is no longer serial-tracked falls
        back to No Tracking. Track During Pick is kept while the product stays
        serial-tracked.
        """
        for template in self:
            if template.tracking == "serial":
                if template.serial_tracking_mode not in SERIAL_MODES:
                    template.serial_tracking_mode = "full"
            else:
                template.serial_tracking_mode = "none"

    # --- CRUD ---
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._prepare_serial_tracking_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        vals = self._prepare_serial_tracking_vals(dict(vals))
        if "serial_tracking_mode" in vals:
            changed = self.filtered(
                lambda t: t.serial_tracking_mode != vals["serial_tracking_mode"]
            )
            if changed:
                changed._check_serial_tracking_mode_change(vals["serial_tracking_mode"])
        elif "tracking" in vals:
            # A native change of tracking that moves products in or out of the
            # serial modes is a change of the setting too.
            goes_serial = vals["tracking"] == "serial"
            changed = self.filtered(
                lambda t: (t.serial_tracking_mode in SERIAL_MODES) != goes_serial
            )
            if changed:
                changed._check_serial_tracking_mode_change(
                    "full" if goes_serial else "none"
                )
        return super().write(vals)

    # --- Private helpers ---
    def _wms_mode_label(self):
        """The translated label of this product's mode, for messages."""
        self.ensure_one()
        labels = dict(
            self._fields["serial_tracking_mode"]._description_selection(self.env)
        )
        return labels[self.serial_tracking_mode]

    @api.model
    def _prepare_serial_tracking_vals(self, vals):
        """Derive Odoo's ``tracking`` (and ``is_storable``) from the mode."""
        mode = vals.get("serial_tracking_mode")
        if mode in SERIAL_MODES:
            vals.update(tracking="serial", is_storable=True)
        elif mode == "none" and vals.get("tracking") == "serial":
            vals["tracking"] = "none"
        elif mode == "none" and "tracking" not in vals:
            serial_templates = self.filtered(lambda t: t.tracking == "serial")
            if serial_templates:
                vals["tracking"] = "none"
        return vals

    def _check_serial_tracking_mode_change(self, new_mode):
        """Who may change the mode, and when stock on hand allows it."""
        if not self.env.su and not self.env.user.has_group("stock.group_stock_manager"):
            raise AccessError(
                _(
                    "Only Inventory managers can change the Serial Number Tracking "
                    "Setting (products: %(products)s).",
                    products=", ".join(self.mapped("display_name")),
                )
            )
        if new_mode != "full":
            return
        quants = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id.product_tmpl_id", "in", self.ids),
                    ("location_id.usage", "in", ("internal", "transit")),
                    ("lot_id", "=", False),
                ],
                ["product_id"],
                ["quantity:sum"],
            )
        )
        for product, quantity in quants:
            if not float_is_zero(quantity, precision_rounding=product.uom_id.rounding):
                raise UserError(
                    _(
                        "%(product)s cannot be set to Full Tracking: %(qty)s units on "
                        "hand have no serial number. Give them serial numbers (for "
                        "example with an inventory adjustment) first, or use Track "
                        "During Pick.",
                        product=product.display_name,
                        qty=format(quantity, "g"),
                    )
                )
