# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from .common import ScannerFixtures


@tagged("post_install", "-at_install")
class TestExpectedToCome(ScannerFixtures, TransactionCase):
    """The Pre-Receipt Receive screen's expected serials still to come, as a
    stock user sees them through the screen's calls."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls._setup_scanner_fixtures()
        cls._setup_scanner_flows()
        cls.serials = [f"S-{i}" for i in range(1, 6)]

    def _line(self, screen, product=None):
        return next(
            line
            for line in screen["lines"]
            if line["product_id"] == (product or self.laptop).id
        )

    def _to_come(self, screen, product=None):
        return self._line(screen, product)["to_come"]

    def _scan(self, receipt, code):
        return self.receive.scan(receipt.id, code, self.laptop.id)

    def test_count_and_next_after_scans_and_refusals(self):
        receipt = self._receipt_expecting("TC-1", self.serials, [(self.cable, 2)])
        screen = self.receive.open_document(receipt.id)
        self.assertEqual(
            self._to_come(screen), {"count": 5, "next": ["S-1", "S-2", "S-3"]}
        )
        self.assertIs(self._to_come(screen, self.cable), False)
        # Out of the list's order: the next ones are the first not recorded.
        screen = self._scan(receipt, "S-2")
        self.assertTrue(screen["ok"], screen["message"])
        self.assertEqual(
            self._to_come(screen), {"count": 4, "next": ["S-1", "S-3", "S-4"]}
        )
        screen = self._scan(receipt, "S-1")
        self.assertEqual(
            self._to_come(screen), {"count": 3, "next": ["S-3", "S-4", "S-5"]}
        )
        # Refusals change nothing: an unlisted serial, one given twice.
        for code, reason in (("NOT-LISTED", "is not expected"), ("S-1", "S-1")):
            screen = self._scan(receipt, code)
            self.assertFalse(screen["ok"], code)
            self.assertIn(reason, screen["message"])
            self.assertEqual(screen["lines"], [], "no line changed")
            self.assertEqual(
                self._to_come(self.receive.open_document(receipt.id)),
                {"count": 3, "next": ["S-3", "S-4", "S-5"]},
            )
        self.assertEqual(
            receipt.move_line_ids.filtered("picked").mapped("lot_name"), ["S-2", "S-1"]
        )
        for serial in ("S-5", "S-3"):
            screen = self._scan(receipt, serial)
        self.assertEqual(self._to_come(screen), {"count": 1, "next": ["S-4"]})
        screen = self._scan(receipt, "S-4")
        self.assertEqual(self._to_come(screen), {"count": 0, "next": []})
        self.assertEqual(
            self._line(screen)["done_qty"], 5, "every expected serial is in"
        )

    def test_serial_given_by_its_lot_counts_as_recorded(self):
        """A line given the serial's lot rather than its typed name (a returned
        unit's lot chosen in the desktop's detailed operations) records it."""
        lot = self.env["stock.lot"].create(
            {"name": "S-3", "product_id": self.laptop.id}
        )
        receipt = self._receipt_expecting("TC-2", self.serials)
        receipt.move_line_ids[:1].with_user(self.stock_user).write(
            {"lot_id": lot.id, "lot_name": False, "quantity": 1, "picked": True}
        )
        screen = self.receive.open_document(receipt.id)
        self.assertEqual(
            self._to_come(screen), {"count": 4, "next": ["S-1", "S-2", "S-4"]}
        )

    def test_all_received_at_once(self):
        receipt = self._receipt_expecting("TC-3", self.serials)
        receipt.with_user(self.stock_user).wms_receive_expected_serials(self.laptop.id)
        screen = self.receive.open_document(receipt.id)
        self.assertEqual(self._to_come(screen), {"count": 0, "next": []})

    def test_lines_without_expected_serials(self):
        """Nothing to come on a Full Tracking line without expected serials, on
        a quantity line, nor on the pick screen."""
        receipt = self._picking(
            "TC-4",
            self.warehouse.in_type_id,
            self.env.ref("stock.stock_location_suppliers"),
            self.stock_location,
            self.vendor,
            [(self.laptop, 2), (self.cable, 1)],
        )
        screen = self.receive.open_document(receipt.id)
        self.assertEqual([line["to_come"] for line in screen["lines"]], [False] * 2)
        pick_list = self._tour_pick_list()
        screen = (
            self.env["wms.hhd.pick"]
            .with_user(self.stock_user)
            .open_document(pick_list.id)
        )
        self.assertFalse([line for line in screen["lines"] if "to_come" in line])

    def test_big_receipt_is_not_read_into_memory(self):
        """Thousands of expected serials and lines: the screen counts them and
        names the next ones without loading them (nor the lines) into
        memory."""
        serials = [f"BIG-{i:04d}" for i in range(1, 1501)]
        receipt = self._receipt_expecting("TC-5", serials)
        for serial in ("BIG-0002", "BIG-0001"):
            self.assertTrue(self._scan(receipt, serial)["ok"])
        self.env.invalidate_all()
        screen = self.receive.open_document(receipt.id)
        self.assertEqual(
            self._to_come(screen),
            {"count": 1498, "next": ["BIG-0003", "BIG-0004", "BIG-0005"]},
        )
        line = self._line(screen)
        self.assertEqual(
            (line["done_qty"], line["serial_count"], line["serials"]),
            (2, 2, ["BIG-0002", "BIG-0001"]),
        )
        self.assertEqual(screen["document"]["done_qty"], 2)
        Expected = self.env["stock.expected.serial"]
        read = self.env.cache.get_records(Expected, Expected._fields["name"])
        self.assertEqual(len(read), 0, "expected serials read into memory")
        Line = self.env["stock.move.line"]
        read = self.env.cache.get_records(Line, Line._fields["lot_name"])
        self.assertLessEqual(len(read), 1, "lines read into memory")
