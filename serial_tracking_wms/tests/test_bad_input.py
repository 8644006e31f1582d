# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property-based tests: whatever text or file reaches the entry points, the
answer is a correct result or a clear refusal, and a refusal saves nothing."""

import base64
import io
import unicodedata
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SerialTrackingCase

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Texts a scanner or a file may bring: empty, blanks, very long, control
# characters, other scripts, SQL-like, and anything else.
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\t \n",
        "\u00a0",
        "A" * 129,
        "B" * 5000,
        "SN\x00-1",
        "SN\x1b[31m",
        "SN\u200b1",
        "SN\u2028X",
        "Серийный-序列-١٢٣-ß",
        "'; DROP TABLE stock_lot; --",
        "%s %(name)s {0}",
        "1' OR '1'='1",
        "SN-1\r\n",
    ]
)
ANY_TEXT = st.one_of(NASTY, st.text(max_size=300))
# Serials that are fine as they are (what a correct file holds).
CLEAN_SERIAL = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9\-/.]{0,30}", fullmatch=True)


@tagged("post_install", "-at_install")
class TestBadInput(SerialTrackingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receipt = cls._create_receipt([(cls.product_full, 3)])
        cls.big_receipt = cls._create_receipt([(cls.product_full, 500)])
        cls.move = cls.receipt.move_ids
        cls.Lot = cls.env["stock.lot"]

    @contextmanager
    def _rolled_back(self):
        """Each example starts from the same data, as each request would."""
        with self.env.cr.savepoint() as savepoint:
            yield
            self.env.flush_all()
            savepoint.rollback()
        self.env.invalidate_all()

    def _expected(self):
        self.env.invalidate_all()
        return self.move.expected_serial_ids.mapped("name")

    # --- Serial hygiene ---
    @SETTINGS
    @given(ANY_TEXT)
    def test_clean_serial(self, text):
        try:
            cleaned = self.Lot._wms_clean_serial(text, self.product_full)
        except UserError as error:
            self.assertTrue(error.args[0])
            return
        self.assertEqual(cleaned, text.strip())
        self.assertTrue(0 < len(cleaned) <= 128)
        self.assertFalse(
            [c for c in cleaned if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]
        )

    # --- Scans ---
    @SETTINGS
    @given(ANY_TEXT)
    def test_scan_any_text(self, text):
        receipt = self.big_receipt.with_user(self.stock_user)
        with self._rolled_back():
            before = len(receipt.move_line_ids.filtered("picked"))
            result = receipt.wms_scan_serial(self.product_full.id, text)
            picked = receipt.move_line_ids.filtered("picked")
            try:
                cleaned = self.Lot._wms_clean_serial(text, self.product_full)
            except UserError:
                self.assertScanRefused(result)
                self.assertTrue(result["message"])
                self.assertEqual(len(picked), before)
                return
            self.assertScanOk(result, done_qty=before + 1)
            self.assertIn(cleaned, picked.mapped("lot_name"))

    # --- Expected serials ---
    @SETTINGS
    @given(st.lists(ANY_TEXT | CLEAN_SERIAL, min_size=0, max_size=5))
    def test_set_expected_serials_any_list(self, serials):
        receipt = self.receipt.with_user(self.stock_user)
        with self._rolled_back():
            try:
                receipt.wms_set_expected_serials(self.product_full.id, serials)
            except UserError as error:
                self.assertTrue(error.args[0])
                self.assertEqual(self._expected(), [])
                return
            names = [text.strip() for text in serials]
            self.assertEqual(sorted(self._expected()), sorted(names))
            self.assertIn(len(names), (0, 3))
            self.assertEqual(len(set(names)), len(names))

    # --- Expected serial import (CSV / XLSX) ---
    def _import(self, content, filename):
        """Check then save a file in the wizard, as its buttons do.

        :return: (check had errors, saved names or None when refused)
        """
        wizard = (
            self.env["stock.expected.serial.wizard"]
            .with_user(self.stock_user)
            .create(
                {
                    "move_id": self.move.id,
                    "input_method": "file",
                    "import_file": base64.b64encode(content),
                    "import_filename": filename,
                }
            )
        )
        has_errors = wizard.has_errors
        try:
            wizard.action_save()
        except UserError as error:
            self.assertTrue(error.args[0])
            self.assertEqual(self._expected(), [])
            return has_errors, None
        return has_errors, self._expected()

    @SETTINGS
    @given(
        names=st.lists(CLEAN_SERIAL, min_size=3, max_size=3, unique=True),
        duplicate=st.booleans(),
        separator=st.sampled_from([",", ";", "\t", "|"]),
        bom=st.booleans(),
        header=st.booleans(),
        second_column=st.booleans(),
        blank_lines=st.integers(0, 3),
        newline=st.sampled_from(["\n", "\r\n"]),
        padding=st.sampled_from(["", " ", "  "]),
    )
    def test_csv_import(
        self,
        names,
        duplicate,
        separator,
        bom,
        header,
        second_column,
        blank_lines,
        newline,
        padding,
    ):
        rows = list(names) + ([names[0]] if duplicate else [])
        lines = [
            f"{padding}{name}{padding}" + (f"{separator}1" if second_column else "")
            for name in rows
        ]
        if header:
            lines.insert(
                0, "Serial Number" + (f"{separator}Qty" if second_column else "")
            )
        for _i in range(blank_lines):
            lines.insert(len(lines) // 2, "")
        content = newline.join(lines).encode("utf-8")
        if bom:
            content = b"\xef\xbb\xbf" + content
        with self._rolled_back():
            has_errors, saved = self._import(content, "serials.csv")
            if duplicate:
                self.assertTrue(has_errors)
                self.assertIsNone(saved)
            else:
                self.assertFalse(has_errors)
                self.assertEqual(sorted(saved or []), sorted(names))

    @SETTINGS
    @given(
        names=st.lists(CLEAN_SERIAL, min_size=3, max_size=3, unique=True),
        duplicate=st.booleans(),
        blank_rows=st.integers(0, 2),
        header=st.booleans(),
    )
    def test_xlsx_import(self, names, duplicate, blank_rows, header):
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        if header:
            sheet.append(["Serial"])
        for index, name in enumerate(names + ([names[0]] if duplicate else [])):
            if index == 1:
                for _i in range(blank_rows):
                    sheet.append([None])
            sheet.append([name, 1])
        buffer = io.BytesIO()
        workbook.save(buffer)
        with self._rolled_back():
            has_errors, saved = self._import(buffer.getvalue(), "serials.xlsx")
            if duplicate:
                self.assertTrue(has_errors)
                self.assertIsNone(saved)
            else:
                self.assertFalse(has_errors)
                self.assertEqual(sorted(saved or []), sorted(names))

    @SETTINGS
    @given(
        content=st.one_of(
            st.binary(max_size=400),
            st.binary(max_size=400).map(lambda data: b"PK\x03\x04" + data),
            st.lists(ANY_TEXT, max_size=5).map(
                lambda rows: "\n".join(rows).encode("utf-8", "surrogatepass")
            ),
        ),
        filename=st.sampled_from(["serials.csv", "serials.xlsx", "serials.txt", ""]),
    )
    def test_malformed_files(self, content, filename):
        """Garbage, truncated workbooks, odd texts: a refusal or a full list."""
        with self._rolled_back():
            has_errors, saved = self._import(content, filename)
            if saved is None:
                return
            self.assertIn(len(saved), (0, 3))
            if saved:
                self.assertFalse(has_errors)
