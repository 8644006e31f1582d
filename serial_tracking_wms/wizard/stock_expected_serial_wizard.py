# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import io
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

HEADER_NAMES = {"serial", "serial number", "serial_number", "serials", "lot", "name"}


class StockExpectedSerialWizard(models.TransientModel):
    """Edit Serial Numbers: paste or scan a list, import a file, or generate a range."""

    _name = "stock.expected.serial.wizard"
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
    serials_text = fields.Text("Serial Numbers", help="One serial number per line.")
    import_file = fields.Binary("File")
    import_filename = fields.Char("File Name")
    range_first = fields.Char("First Serial Number", help="For example SN-000001")
    range_count = fields.Integer("How Many")
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
                raw = wizard._read_input()
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
        raw = self._read_input()
        self.picking_id.wms_set_expected_serials(self.product_id.id, raw)
        return {"type": "ir.actions.act_window_close"}

    def action_clear(self):
        self.ensure_one()
        self.picking_id.wms_set_expected_serials(self.product_id.id, [])
        return {"type": "ir.actions.act_window_close"}

    # --- Private helpers: reading the three kinds of input ---
    def _read_input(self):
        """The serials as given, one item per input line (blank lines skipped)."""
        self.ensure_one()
        if self.input_method == "file":
            return self._read_file()
        if self.input_method == "range":
            return self._generate_range()
        return [line for line in (self.serials_text or "").splitlines() if line.strip()]

    def _read_file(self):
        if not self.import_file:
            return []
        content = base64.b64decode(self.with_context(bin_size=False).import_file)
        filename = (self.import_filename or "").lower()
        if filename.endswith(".xlsx") or content[:2] == b"PK":
            rows = self._read_xlsx(content)
        else:
            rows = self._read_csv(content)
        values = [
            str(row[0]).strip() if row and row[0] is not None else "" for row in rows
        ]
        values = [value for value in values if value]
        if values and values[0].lower() in HEADER_NAMES:
            values = values[1:]
        return values

    @api.model
    def _read_csv(self, content):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UserError(_("The file is not UTF-8 text, CSV or XLSX.")) from error
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        return list(csv.reader(io.StringIO(text), dialect))

    @api.model
    def _read_xlsx(self, content):
        try:
            from openpyxl import load_workbook

            workbook = load_workbook(
                io.BytesIO(content), read_only=True, data_only=True
            )
            return [
                list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)
            ]
        except Exception as error:  # openpyxl raises many kinds on a broken file
            raise UserError(_("The file cannot be read as XLSX: %s", error)) from error

    def _generate_range(self):
        first, count = (self.range_first or "").strip(), self.range_count
        if not first or count <= 0:
            return []
        match = re.fullmatch(r"(.*?)(\d+)", first)
        if not match:
            raise UserError(
                _(
                    "The first serial number %(serial)s does not end with digits.",
                    serial=first,
                )
            )
        prefix, digits = match.groups()
        start = int(digits)
        return [f"{prefix}{start + i:0{len(digits)}d}" for i in range(count)]
