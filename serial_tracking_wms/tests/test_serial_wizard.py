# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

from openpyxl import Workbook

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SerialTrackingCase


@tagged("post_install", "-at_install")
class TestSerialWizard(SerialTrackingCase):
    """Edit Serial Numbers: paste or scan, import CSV/XLSX, generate a range."""

    def setUp(self):
        super().setUp()
        self.receipt = self._create_receipt([(self.product_full, 3)])
        self.move = self.receipt.move_ids.with_user(self.stock_user)

    def _form(self):
        return Form.from_action(
            self.env(user=self.stock_user),
            self.move.action_wms_edit_expected_serials(),
        )

    def test_paste_a_list(self):
        form = self._form()
        form.serials_text = "P-1\n\nP-2\nP-3\n"
        self.assertEqual(form.serial_count, 3)
        self.assertFalse(form.has_errors)
        form.save().action_save()
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"), ["P-1", "P-2", "P-3"]
        )

    def test_errors_reported_line_by_line_before_saving(self):
        form = self._form()
        form.serials_text = "P-1\nP-1\nP-\x013\nP-4"
        self.assertTrue(form.has_errors)
        self.assertIn("Line 2: serial number P-1 is given twice", form.check_result)
        self.assertIn("Line 3: Serial number 'P-\\x013'", form.check_result)
        wizard = form.save()
        with self.assertRaises(UserError):
            wizard.action_save()
        self.assertFalse(self.move.expected_serial_ids)

    def test_count_must_match(self):
        form = self._form()
        form.serials_text = "P-1\nP-2"
        self.assertIn("2 serial numbers for 3 expected units", form.check_result)

    def test_import_csv_with_bom_header_and_semicolons(self):
        content = "\ufeffserial;note\nC-1;a\n\nC-2;b\nC-3;c\n".encode()
        form = self._form()
        form.input_method = "file"
        form.import_file = base64.b64encode(content)
        form.import_filename = "serials.csv"
        self.assertEqual(form.serial_count, 3, form.check_result)
        form.save().action_save()
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"), ["C-1", "C-2", "C-3"]
        )

    def test_import_xlsx(self):
        workbook = Workbook()
        sheet = workbook.active
        for value in ("Serial Number", "X-1", "X-2", None, "X-3"):
            sheet.append([value])
        buffer = io.BytesIO()
        workbook.save(buffer)
        form = self._form()
        form.input_method = "file"
        form.import_file = base64.b64encode(buffer.getvalue())
        form.import_filename = "serials.xlsx"
        self.assertEqual(form.serial_count, 3, form.check_result)
        form.save().action_save()
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"), ["X-1", "X-2", "X-3"]
        )

    def test_broken_xlsx_is_reported(self):
        form = self._form()
        form.input_method = "file"
        form.import_file = base64.b64encode(b"PK\x03\x04 not really a zip")
        form.import_filename = "serials.xlsx"
        self.assertTrue(form.has_errors)
        self.assertIn("cannot be read as XLSX", form.check_result)

    def test_generate_a_range(self):
        form = self._form()
        form.input_method = "range"
        form.range_first = "SN-0098"
        form.range_count = 3
        self.assertEqual(form.serial_count, 3)
        form.save().action_save()
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"),
            ["SN-0098", "SN-0099", "SN-0100"],
        )
        form = self._form()
        form.input_method = "range"
        form.range_first = "NODIGITS"
        form.range_count = 3
        self.assertIn("does not end with digits", form.check_result)

    def test_remove_all(self):
        self.receipt.wms_set_expected_serials(
            self.product_full.id, ["R-1", "R-2", "R-3"]
        )
        self._form().save().action_clear()
        self.assertFalse(self.move.expected_serial_ids)

    # --- What the user sees: lines as in the box, conflicts before Save ---
    def test_line_numbers_are_those_of_the_box(self):
        form = self._form()
        form.serials_text = "P-1\n\nP-2\nP-2\n\nP-\x016\n"
        self.assertTrue(form.has_errors)
        self.assertIn(
            "Line 4: serial number P-2 is given twice (first on line 3).",
            form.check_result,
        )
        self.assertIn("Line 6: Serial number 'P-\\x016'", form.check_result)
        self.assertIn("Empty lines skipped: 2, 5.", form.check_result)

    def test_empty_lines_are_reported_not_refused(self):
        form = self._form()
        form.serials_text = "\nP-1\n\nP-2\nP-3\n\n"
        self.assertFalse(form.has_errors, form.check_result)
        self.assertEqual(form.serial_count, 3)
        self.assertEqual(
            form.check_result,
            "3 serial numbers ready to save.\nEmpty lines skipped: 1, 3.",
        )
        form.save().action_save()
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"), ["P-1", "P-2", "P-3"]
        )

    def test_file_rows_numbered_as_in_the_file(self):
        form = self._form()
        form.input_method = "file"
        form.import_file = base64.b64encode(b"serial\nF-1\n\nF-2\nF-1\n")
        form.import_filename = "serials.csv"
        self.assertIn(
            "Line 5: serial number F-1 is given twice (first on line 2).",
            form.check_result,
        )

    def test_conflicts_shown_before_save(self):
        self._put_in_stock(self.product_full, serials=["IN-1"])
        other = self._create_receipt([(self.product_full, 1)])
        other.wms_set_expected_serials(self.product_full.id, ["EX-1"])
        form = self._form()
        form.serials_text = "IN-1\nEX-1\nOK-1"
        self.assertEqual(form.serial_count, 3)
        self.assertTrue(form.has_errors)
        self.assertIn(
            "Serial number IN-1 of Laptop is already in stock at STW/Stock.",
            form.check_result,
        )
        self.assertIn(
            f"Serial number EX-1 of Laptop is expected on {other.name}, not on "
            f"{self.receipt.name}.",
            form.check_result,
        )
        self.assertNotIn("ready to save", form.check_result)
        # Save is not offered; called anyway, the same rule refuses it.
        with self.assertRaises(UserError):
            form.save().action_save()
        self.assertFalse(self.move.expected_serial_ids)
