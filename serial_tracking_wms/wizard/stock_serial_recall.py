# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

UNKNOWN_SHOWN = 10


class StockSerialRecall(models.TransientModel):
    """Recall: which customers received these serial numbers, and by which
    delivery. The serials come as a list (pasted, a file or a range), or are the
    ones received from a vendor or on a pre-receipt."""

    _name = "stock.serial.recall"
    _inherit = ["stock.serial.input.mixin"]
    _description = "Serial Number Recall"

    # --- Fields ---
    input_method = fields.Selection(
        [
            ("list", "Paste or scan"),
            ("file", "Import a file (CSV or XLSX)"),
            ("range", "A range"),
            ("vendor", "Received from a vendor"),
            ("receipt", "Received on a pre-receipt"),
        ],
        string="Serials From",
        default="list",
        required=True,
    )
    vendor_id = fields.Many2one("res.partner", "Vendor")
    receipt_id = fields.Many2one(
        "stock.picking",
        "Pre-Receipt",
        domain="[('picking_type_code', '=', 'incoming'), ('state', '=', 'done')]",
        help="Its serial numbers received, its backorders' included.",
    )
    product_id = fields.Many2one(
        "product.product",
        "Product",
        help="Only this product's serial numbers, when several products share them.",
    )
    lot_ids = fields.Many2many(
        "stock.lot", string="Serial Number Records", compute="_compute_lot_ids"
    )
    serial_count = fields.Integer("Serial Numbers Found", compute="_compute_lot_ids")
    check_result = fields.Text("Check", compute="_compute_lot_ids")
    has_errors = fields.Boolean(compute="_compute_lot_ids")
    line_ids = fields.One2many(
        "stock.serial.recall.line", "recall_id", string="Deliveries"
    )
    export_file = fields.Binary("Export", attachment=False, readonly=True)
    export_filename = fields.Char(readonly=True)

    # --- Compute methods ---
    @api.depends(
        "input_method",
        "serials_text",
        "import_file",
        "import_filename",
        "range_first",
        "range_count",
        "vendor_id",
        "receipt_id",
        "product_id",
    )
    def _compute_lot_ids(self):
        for recall in self:
            lots, errors, message = recall._wms_find_lots()
            recall.lot_ids = lots
            recall.serial_count = len(lots)
            recall.has_errors = bool(errors)
            recall.check_result = "\n".join(errors) if errors else message

    # --- Action methods ---
    def action_find(self):
        """Write the deliveries of the serials as result lines and show them."""
        self.ensure_one()
        lots, errors, _message = self._wms_find_lots()
        if errors:
            raise UserError("\n".join(errors))
        self.line_ids.unlink()
        self.env["stock.serial.recall.line"].create(self._wms_prepare_line_vals(lots))
        return self.action_open_lines()

    def action_open_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Recall %s", self._wms_describe()),
            "res_model": "stock.serial.recall.line",
            "view_mode": "list",
            "views": [
                (
                    self.env.ref(
                        "serial_tracking_wms.stock_serial_recall_line_view_list"
                    ).id,
                    "list",
                )
            ],
            "search_view_id": [
                self.env.ref(
                    "serial_tracking_wms.stock_serial_recall_line_view_search"
                ).id
            ],
            "domain": [("recall_id", "=", self.id)],
            "context": {"create": False},
            "target": "current",
        }

    # --- Private helpers ---
    def _wms_find_lots(self):
        """The serial records this recall is about.

        :return: (stock.lot recordset, error messages, summary message)
        """
        self.ensure_one()
        Lot = self.env["stock.lot"]
        method = self.input_method
        if method == "vendor":
            if not self.vendor_id:
                return Lot, [], _("Choose the vendor.")
            lots = Lot._wms_received_lots(partner=self.vendor_id)
            lots = self._wms_filter_product(lots)
            if not lots:
                return lots, [self._wms_none_received()], ""
            return lots, [], self._wms_found_message(lots)
        if method == "receipt":
            if not self.receipt_id:
                return Lot, [], _("Choose the pre-receipt.")
            lots = Lot._wms_received_lots(pickings=self._wms_receipt_pickings())
            lots = self._wms_filter_product(lots)
            if not lots:
                return lots, [self._wms_none_received()], ""
            return lots, [], self._wms_found_message(lots)
        try:
            raw = self._wms_read_serial_input(method)
        except UserError as error:
            return Lot, [error.args[0]], ""
        # A serial given twice is recalled once: no reason to refuse the list.
        raw = list(dict.fromkeys(str(value).strip() for value in raw))
        names, errors = Lot._wms_parse_serial_list(raw, self.product_id)
        if errors:
            return Lot, errors, ""
        if not names:
            return Lot, [], _("Give the serial numbers to recall.")
        domain = [("name", "in", names)]
        if self.product_id:
            domain.append(("product_id", "=", self.product_id.id))
        lots = Lot.search(domain)
        found = set(lots.mapped("name"))
        unknown = [name for name in names if name not in found]
        if not lots:
            return lots, [_("None of these serial numbers is known.")], ""
        message = self._wms_found_message(lots)
        if unknown:
            shown = ", ".join(unknown[:UNKNOWN_SHOWN])
            if len(unknown) > UNKNOWN_SHOWN:
                shown += ", …"
            message += "\n" + _(
                "%(count)s unknown serial numbers: %(serials)s",
                count=len(unknown),
                serials=shown,
            )
        return lots, [], message

    def _wms_filter_product(self, lots):
        if not self.product_id:
            return lots
        return lots.filtered(lambda lot: lot.product_id == self.product_id)

    def _wms_receipt_pickings(self):
        """The pre-receipt and its backorders, of every generation."""
        pickings = todo = self.receipt_id
        while todo:
            todo = todo.backorder_ids - pickings
            pickings |= todo
        return pickings

    def _wms_found_message(self, lots):
        return _(
            "%(count)s serial numbers of %(products)s.",
            count=len(lots),
            products=", ".join(lots.product_id.mapped("display_name")),
        )

    def _wms_none_received(self):
        origin = (
            self.vendor_id.display_name
            if self.input_method == "vendor"
            else self.receipt_id.display_name
        )
        if self.product_id:
            return _(
                "No serial number of %(product)s was received from %(origin)s.",
                product=self.product_id.display_name,
                origin=origin,
            )
        return _("No serial number was received from %s.", origin)

    def _wms_describe(self):
        """What was recalled, for the result's title and file name."""
        if self.input_method == "vendor":
            return _("serial numbers from %s", self.vendor_id.display_name)
        if self.input_method == "receipt":
            return _("serial numbers of %s", self.receipt_id.display_name)
        if self.input_method == "range":
            serials = self._wms_serial_range()
            return _("%(first)s to %(last)s", first=serials[0], last=serials[-1])
        if self.input_method == "file" and self.import_filename:
            return self.import_filename.rsplit(".", 1)[0]
        return _("%s serial numbers", len(self.lot_ids))

    def _wms_prepare_line_vals(self, lots):
        """One result line per delivery of ``lots`` to a customer."""
        self.ensure_one()
        vals_list = []
        for delivery, back in lots._wms_recall_deliveries():
            partner = delivery.picking_partner_id or delivery.move_id.partner_id
            company = partner.commercial_partner_id
            address = partner._display_address(without_company=True) if partner else ""
            vals_list.append(
                {
                    "recall_id": self.id,
                    "lot_id": delivery.lot_id.id,
                    "product_id": delivery.product_id.id,
                    "partner_id": partner.id,
                    "email": partner.email or company.email,
                    "phone": partner.phone
                    or partner.mobile
                    or company.phone
                    or company.mobile,
                    "address": ", ".join(
                        " ".join(part.split())
                        for part in address.splitlines()
                        if part.strip()
                    ),
                    "move_line_id": delivery.id,
                    "picking_id": delivery.picking_id.id,
                    "reference": delivery.reference,
                    "date": delivery.date,
                    "returned": bool(back),
                    "return_picking_id": back.picking_id.id,
                    "return_reference": back.reference,
                    "return_date": back.date,
                }
            )
        return vals_list
