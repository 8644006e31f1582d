# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import io
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

HEADER_NAMES = {"serial", "serial number", "serial_number", "serials", "lot", "name"}
# The fields a check of the input depends on (``@api.depends(*INPUT_FIELDS, ...)``).
INPUT_FIELDS = (
    "input_method",
    "serials_text",
    "import_file",
    "import_filename",
    "range_first",
    "range_count",
)


class StockSerialInputMixin(models.AbstractModel):
    """A list of serial numbers given three ways: pasted or scanned, read from a
    CSV or XLSX file (first column; the second too where the wizard reads it),
    or generated as a range. The one reader the wizards that take serial lists
    share."""

    _name = "stock.serial.input.mixin"
    _description = "Serial Number List Input"
    # Whether a file's second column is read too: a row with a value there
    # gives the pair (first column, second column) instead of the first alone.
    _wms_second_column = False

    # --- Fields ---
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

    # --- Private helpers ---
    def _wms_read_serial_input(self, input_method):
        """The serials as given, one item per input line (blank lines skipped),
        from the input ``input_method`` names ("list", "file" or "range")."""
        return self._wms_read_serial_lines(input_method)[0]

    def _wms_read_serial_lines(self, input_method):
        """``_wms_read_serial_input`` with where each serial was given: its line
        as the user sees it (in the box, blank lines counted; in the file, its
        row), and the blank lines of the box between serials.

        :return: (serials as given, their line numbers, blank line numbers)
        """
        self.ensure_one()
        if input_method == "file":
            numbered = self._wms_read_serial_file_rows()
            return [v for _n, v in numbered], [n for n, _v in numbered], []
        if input_method == "range":
            serials = self._wms_serial_range()
            return serials, list(range(1, len(serials) + 1)), []
        if input_method == "list":
            lines = (self.serials_text or "").splitlines()
            numbered = [
                (number, line)
                for number, line in enumerate(lines, start=1)
                if line.strip()
            ]
            last = numbered[-1][0] if numbered else 0
            # Blank lines after the last serial are the end of the box, not
            # a gap in the list.
            blank = [
                number
                for number, line in enumerate(lines[:last], start=1)
                if not line.strip()
            ]
            return [v for _n, v in numbered], [n for n, _v in numbered], blank
        return [], [], []

    def _wms_read_serial_input_or_errors(self):
        """``_wms_read_serial_input`` for a check shown before saving: the serials
        as given and, instead of raising, the reason they cannot be read.

        :return: (serials as given, error messages)
        """
        try:
            return self._wms_read_serial_input(self.input_method), []
        except UserError as error:
            return [], [error.args[0]]

    def _wms_read_serial_lines_or_errors(self):
        """``_wms_read_serial_lines`` for a check shown before saving: instead
        of raising, the reason the input cannot be read; the blank lines as a
        warning.

        :return: dict ``{raw, line_numbers, errors, warnings}``
        """
        try:
            raw, numbers, blank = self._wms_read_serial_lines(self.input_method)
        except UserError as error:
            return {
                "raw": [],
                "line_numbers": [],
                "errors": [error.args[0]],
                "warnings": [],
            }
        warnings = []
        if blank:
            warnings.append(
                _(
                    "Empty lines skipped: %(lines)s.",
                    lines=", ".join(str(number) for number in blank),
                )
            )
        return {"raw": raw, "line_numbers": numbers, "errors": [], "warnings": warnings}

    def _wms_read_serial_file_rows(self):
        """The first column of the file (and the second, see
        ``_wms_second_column``), without a header row nor empty first cells,
        each value with its row number in the file.

        :return: list of (row number, value)
        """
        if not self.import_file:
            return []
        content = base64.b64decode(self.with_context(bin_size=False).import_file)
        filename = (self.import_filename or "").lower()
        if filename.endswith(".xlsx") or content[:2] == b"PK":
            rows = self._wms_read_xlsx(content)
        else:
            rows = self._wms_read_csv(content)

        def cell(row, column):
            value = row[column] if len(row) > column else None
            return "" if value is None else str(value).strip()

        values = [
            (number, (cell(row, 0), cell(row, 1)))
            for number, row in enumerate(rows, start=1)
        ]
        values = [(number, value) for number, value in values if value[0]]
        if values and values[0][1][0].lower() in HEADER_NAMES:
            values = values[1:]
        if self._wms_second_column:
            return [
                (number, value if value[1] else value[0]) for number, value in values
            ]
        return [(number, value[0]) for number, value in values]

    @api.model
    def _wms_read_csv(self, content):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UserError(_("The file is not UTF-8 text, CSV or XLSX.")) from error
        # The separator is the one found the same number of times on every
        # non-blank line (csv.Sniffer guesses wrong on short numeric files);
        # none such: one column, whatever the line holds.
        lines = [line for line in text.splitlines() if line.strip()]
        delimiter = next(
            (
                sep
                for sep in "\t;,|"
                if lines
                and lines[0].count(sep)
                and len({line.count(sep) for line in lines}) == 1
            ),
            "\x1f",
        )
        try:
            return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:
            raise UserError(_("The file cannot be read as CSV: %s", error)) from error

    @api.model
    def _wms_read_xlsx(self, content):
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

    def _wms_serial_range(self):
        """``range_count`` serials from ``range_first`` on, its digits counting up."""
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
