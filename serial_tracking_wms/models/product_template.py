# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_is_zero

from ..tools import serial_rules
from ..tools.labels import selection_labels

SERIAL_TRACKING_MODES = [
    ("none", "No Tracking"),
    ("pick", "Track During Pick"),
    ("full", "Full Tracking"),
]
SERIAL_MODES = ("pick", "full")
# The Serial Number Tracking Setting of new storable products (Inventory's
# settings); none (or No Tracking): Odoo's default, no tracking.
DEFAULT_MODE_PARAM = "serial_tracking_wms.default_serial_tracking_mode"
# The longest serial number (``stock_lot.SERIAL_MAX_LENGTH``).
SERIAL_RULE_MAX_LENGTH = 128
# The fields of what a product's serial numbers look like.
SERIAL_RULE_FIELDS = (
    "wms_serial_prefix",
    "wms_serial_min_length",
    "wms_serial_max_length",
    "wms_serial_charset",
    "wms_serial_custom_chars",
    "wms_serial_regex",
    "wms_serial_check_digit",
)


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
    # What a serial number of this product looks like (all optional): a new
    # serial that does not fit is refused wherever it comes in; the serials
    # already recorded are kept (``stock.lot._wms_serial_rule_errors``).
    wms_serial_prefix = fields.Char(
        "Serial Number Prefix",
        help="Every new serial number of this product starts with this text.",
    )
    wms_serial_min_length = fields.Integer(
        "Serial Number Minimum Length",
        help="The fewest characters a serial number has (0: no minimum).",
    )
    wms_serial_max_length = fields.Integer(
        "Serial Number Maximum Length",
        help="The most characters a serial number has (0: no maximum).",
    )
    wms_serial_charset = fields.Selection(
        [
            ("any", "Any characters"),
            ("digits", "Digits only"),
            ("alnum", "Letters and digits"),
            ("custom", "Custom set"),
        ],
        string="Serial Number Characters",
        default="any",
        help="The characters a serial number of this product may contain.",
    )
    wms_serial_custom_chars = fields.Char(
        "Allowed Characters",
        help="Every character a serial number may contain, for example "
        "0123456789ABCDEF.",
    )
    wms_serial_regex = fields.Char(
        "Serial Number Pattern",
        help="A regular expression the whole serial number matches, for example "
        "SN-[0-9]{8}.",
    )
    wms_serial_check_digit = fields.Selection(
        [
            ("none", "None"),
            ("gs1", "GS1 mod 10"),
            ("luhn", "Luhn"),
        ],
        string="Serial Number Check Digit",
        default="none",
        help="The last digit of a serial number (digits only) checks the ones "
        "before it.",
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

    # --- Onchange methods ---
    @api.onchange("serial_tracking_mode")
    def _onchange_serial_tracking_mode(self):
        """Keep Odoo's *Track Inventory* in step with the mode in the form, and
        say before Save what would refuse the change."""
        for template in self:
            vals = template._prepare_serial_tracking_vals(
                {"serial_tracking_mode": template.serial_tracking_mode}
            )
            if "tracking" in vals:
                template.tracking = vals["tracking"]
            if vals.get("is_storable"):
                template.is_storable = True
        return self._wms_mode_change_warning(self.serial_tracking_mode)

    @api.onchange("tracking")
    def _onchange_tracking(self):
        """Odoo's *Track Inventory* and the mode are one setting seen two ways:
        a product leaving serial numbers (for lots, or none) leaves its mode for
        No Tracking, and the form says so (instead of Odoo's warning about stock
        without serial numbers, which would be wrong for serial stock)."""
        if len(self) == 1 and self.tracking == "serial":
            # The mode follows (Full Tracking): its own onchange says what
            # Save would refuse; Odoo's warning would count serial stock too.
            return None
        if len(self) == 1:
            old_mode = self._origin.serial_tracking_mode
            if old_mode in SERIAL_MODES:
                warning = self._wms_mode_change_warning("none")
                if warning:
                    return warning
                return {
                    "warning": {
                        "title": _("Serial Number Tracking Setting"),
                        "message": _(
                            "%(product)s will no longer be tracked by serial "
                            "number: its Serial Number Tracking Setting changes "
                            "from %(old)s to No Tracking when you save.",
                            product=self._origin.display_name,
                            old=self._origin._wms_mode_label(),
                        ),
                    }
                }
        return super()._onchange_tracking()

    @api.onchange("is_storable")
    def _onchange_is_storable_default_mode(self):
        """A new product made storable in the form gets the default setting."""
        for template in self:
            if (
                template.is_storable
                and not template._origin.id
                and template.tracking == "none"
            ):
                mode = self._wms_default_mode()
                if mode:
                    template.serial_tracking_mode = mode
                    template.tracking = "serial"

    # --- Constraints ---
    @api.constrains(*SERIAL_RULE_FIELDS)
    def _check_wms_serial_rule(self):
        for template in self:
            errors = template._wms_serial_rule_setup_errors()
            if errors:
                raise ValidationError("\n".join(errors))

    # --- Onchange methods ---
    @api.onchange(*SERIAL_RULE_FIELDS)
    def _onchange_wms_serial_rule(self):
        """Changing the rule keeps the serials recorded: say how many on hand
        do not fit it."""
        if self.serial_tracking_mode not in SERIAL_MODES or (
            self._wms_serial_rule_setup_errors()
        ):
            return None
        misfits = self._wms_serials_on_hand_not_fitting()
        if not misfits:
            return None
        return {
            "warning": {
                "title": _("Serial numbers on hand"),
                "message": _(
                    "%(count)s serial numbers of %(product)s on hand do not fit this "
                    "rule (for example %(serials)s). They are kept as they are; only "
                    "new serial numbers must fit.",
                    count=len(misfits),
                    product=self.display_name,
                    serials=", ".join(misfits[:5]),
                ),
            }
        }

    # --- CRUD ---
    @api.model_create_multi
    def create(self, vals_list):
        default_mode = self._wms_default_mode()
        for vals in vals_list:
            if (
                default_mode
                and vals.get("is_storable")
                and vals.get("type", "consu") == "consu"
                and "serial_tracking_mode" not in vals
                and "tracking" not in vals
            ):
                vals["serial_tracking_mode"] = default_mode
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
    @api.model
    def _wms_default_mode(self):
        """Track During Pick or Full Tracking when Inventory's settings give new
        storable products one, else False."""
        mode = self.env["ir.config_parameter"].sudo().get_param(DEFAULT_MODE_PARAM)
        return mode if mode in SERIAL_MODES else False

    def _wms_mode_label(self):
        """The translated label of this product's mode, for messages."""
        self.ensure_one()
        return selection_labels(self, "serial_tracking_mode")[self.serial_tracking_mode]

    def _wms_serial_rule(self):
        """What a serial number of this product looks like
        (``tools/serial_rules.py``)."""
        self.ensure_one()
        return serial_rules.SerialRule(
            prefix=self.wms_serial_prefix or "",
            min_length=self.wms_serial_min_length or 0,
            max_length=self.wms_serial_max_length or 0,
            charset=self.wms_serial_charset or "any",
            custom_chars=self.wms_serial_custom_chars or "",
            regex=self.wms_serial_regex or "",
            check_digit=self.wms_serial_check_digit or "none",
        )

    def _wms_serial_rule_setup_errors(self):
        """Why this product's serial number rule cannot be used (empty when it
        can)."""
        self.ensure_one()
        errors = []
        low, high = self.wms_serial_min_length, self.wms_serial_max_length
        if low < 0 or high < 0 or max(low, high) > SERIAL_RULE_MAX_LENGTH:
            errors.append(
                _(
                    "The serial number lengths of %(product)s are between 0 and "
                    "%(max)s characters.",
                    product=self.display_name,
                    max=SERIAL_RULE_MAX_LENGTH,
                )
            )
        elif high and low > high:
            errors.append(
                _(
                    "The minimum serial number length of %(product)s (%(min)s) is "
                    "above its maximum (%(max)s).",
                    product=self.display_name,
                    min=low,
                    max=high,
                )
            )
        if self.wms_serial_charset == "custom" and not self.wms_serial_custom_chars:
            errors.append(
                _(
                    "Give the characters a serial number of %(product)s may contain.",
                    product=self.display_name,
                )
            )
        if self.wms_serial_regex:
            reason = serial_rules.regex_error(self.wms_serial_regex)
            if reason:
                errors.append(
                    _(
                        "The serial number pattern %(pattern)s of %(product)s is not "
                        "a valid regular expression: %(reason)s",
                        pattern=self.wms_serial_regex,
                        product=self.display_name,
                        reason=reason,
                    )
                )
        return errors

    def _wms_serials_on_hand_not_fitting(self):
        """The serials on hand (internal or transit) of this product that do
        not fit its rule as it stands (in the form too, before saving).

        :return: sorted list of serial names
        """
        self.ensure_one()
        products = self._origin.product_variant_ids
        if not products:
            return []
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("lot_id", "!=", False),
                    ("location_id.usage", "in", ("internal", "transit")),
                    ("quantity", ">", 0),
                ],
                ["lot_id"],
            )
        )
        names = {lot.name for (lot,) in groups}
        return sorted(serial_rules.mismatches(self._wms_serial_rule(), names))

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
        problems = self._wms_mode_change_problems(new_mode)
        if problems:
            raise UserError("\n\n".join(problems))

    def _wms_mode_change_warning(self, new_mode):
        """The onchange warning announcing that Save will be refused, if so."""
        if len(self) != 1 or not self._origin.id:
            return None
        origin = self._origin
        if origin.serial_tracking_mode == new_mode:
            return None
        problems = origin.sudo()._wms_mode_change_problems(new_mode)
        if not problems:
            return None
        return {
            "warning": {
                "title": _("This change will be refused"),
                "message": "\n\n".join(problems),
            }
        }

    def _wms_mode_change_problems(self, new_mode):
        """Why moving these products to ``new_mode`` would leave documents or
        stock inconsistent: the messages (naming the product, the documents with
        their counts, and what to do), empty when the change is allowed."""
        problems = []
        new_label = selection_labels(self, "serial_tracking_mode")[new_mode]
        variants = self.with_context(active_test=False).product_variant_ids
        if not variants:
            return problems
        leaving_full = self.filtered(lambda t: t.serial_tracking_mode == "full")
        if new_mode != "full" and leaving_full:
            problems += leaving_full._wms_open_expected_problems(new_label)
        if new_mode == "none":
            serial_templates = self.filtered(
                lambda t: t.serial_tracking_mode in SERIAL_MODES
            )
            problems += serial_templates._wms_serials_on_hand_problems(new_label)
            problems += serial_templates._wms_lines_in_progress_problems(new_label)
        elif new_mode == "pick" and leaving_full:
            # Track During Pick receives by quantity: serials already entered
            # on receipts in progress would be left on them.
            problems += leaving_full._wms_lines_in_progress_problems(
                new_label, [("picking_code", "=", "incoming")]
            )
        if new_mode == "full":
            problems += self._wms_unserialized_stock_problems()
        return problems

    @staticmethod
    def _wms_documents_text(counts):
        """ "WH/IN/00001 (4), WH/IN/00002 (1)": documents and their counts."""
        shown = [f"{name} ({count})" for name, count in list(counts.items())[:5]]
        if len(counts) > 5:
            shown.append("…")
        return ", ".join(shown)

    def _wms_counts_by_template(self, model, domain, place, aggregate="__count"):
        """``model``'s records of these templates' products matching ``domain``,
        counted (``aggregate``) per template and per ``place`` (a many2one:
        its display name, "(no transfer)" when empty).

        :return: dict template -> {place name: count}
        """
        groups = (
            self.env[model]
            .sudo()
            ._read_group(
                [("product_id.product_tmpl_id", "in", self.ids), *domain],
                ["product_id", place],
                [aggregate],
                order=f"product_id, {place}",
            )
        )
        by_template = {}
        for product, record, count in groups:
            docs = by_template.setdefault(product.product_tmpl_id, {})
            name = record.display_name or _("(no transfer)")
            docs[name] = docs.get(name, 0) + count
        return by_template

    def _wms_open_expected_problems(self, new_label):
        problems = []
        by_template = self._wms_counts_by_template(
            "stock.expected.serial", [("state", "=", "expected")], "picking_id"
        )
        for template, docs in by_template.items():
            problems.append(
                _(
                    "%(product)s cannot be set to %(mode)s: %(count)s expected "
                    "serial numbers are still open on pre-receipts %(documents)s. "
                    "Receive or cancel these pre-receipts, or remove their expected "
                    "serial numbers (Edit Serial Numbers), first.",
                    product=template.display_name,
                    mode=new_label,
                    count=sum(docs.values()),
                    documents=self._wms_documents_text(docs),
                )
            )
        return problems

    def _wms_serials_on_hand_problems(self, new_label):
        problems = []
        by_template = self._wms_counts_by_template(
            "stock.quant",
            [
                ("location_id.usage", "in", ("internal", "transit")),
                ("lot_id", "!=", False),
                ("quantity", ">", 0),
            ],
            "location_id",
            "lot_id:count_distinct",
        )
        for template, docs in by_template.items():
            problems.append(
                _(
                    "%(product)s cannot be set to %(mode)s: %(count)s serial numbers "
                    "are on hand in %(locations)s. Deliver them or take them out of "
                    "stock with an inventory adjustment first, or choose Track "
                    "During Pick, which keeps the serial numbers.",
                    product=template.display_name,
                    mode=new_label,
                    count=sum(docs.values()),
                    locations=self._wms_documents_text(docs),
                )
            )
        return problems

    def _wms_lines_in_progress_problems(self, new_label, domain=()):
        problems = []
        by_template = self._wms_counts_by_template(
            "stock.move.line",
            [
                ("state", "not in", ("done", "cancel")),
                "|",
                ("lot_id", "!=", False),
                ("lot_name", "not in", (False, "")),
                *domain,
            ],
            "picking_id",
        )
        for template, docs in by_template.items():
            problems.append(
                _(
                    "%(product)s cannot be set to %(mode)s: %(count)s lines of "
                    "transfers in progress carry serial numbers (%(documents)s). "
                    "Validate or cancel these transfers, or unreserve them, first.",
                    product=template.display_name,
                    mode=new_label,
                    count=sum(docs.values()),
                    documents=self._wms_documents_text(docs),
                )
            )
        return problems

    def _wms_unserialized_stock_problems(self):
        problems = []
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
                problems.append(
                    _(
                        "%(product)s cannot be set to Full Tracking: %(qty)s units on "
                        "hand have no serial number. Give them serial numbers (for "
                        "example with an inventory adjustment) first, or use Track "
                        "During Pick.",
                        product=product.display_name,
                        qty=format(quantity, "g"),
                    )
                )
        return problems
