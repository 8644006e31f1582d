# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each scan recorded once: a scan sent again with the id the device gave it
gets its first answer, never a refusal as given twice."""

from datetime import timedelta
from unittest.mock import patch

import psycopg2.errors

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import ScannerFixtures


@tagged("post_install", "-at_install")
class TestScanOnce(ScannerFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls._setup_scanner_fixtures()
        cls._setup_scanner_flows()
        cls.other_user = new_test_user(
            cls.env, login="tour_stock_2", groups="stock.group_stock_user"
        )
        cls.Scan = cls.env["wms.hhd.scan"]

    def _handled(self, scan_id, user=None):
        return self.Scan.search(
            [("scan_id", "=", scan_id), ("user_id", "=", (user or self.stock_user).id)]
        )

    def _picked_serials(self, picking):
        return sorted(picking.move_line_ids.filtered("picked").mapped("lot_name"))

    def test_repeated_id_gets_the_first_answer_and_records_once(self):
        receipt = self._tour_receipt()
        first = self.receive.scan(receipt.id, "TL-1", self.laptop.id, False, "id-1")
        self.assertTrue(first["ok"], first["message"])
        # The answer was lost: the device sends the same scan again.
        again = self.receive.scan(receipt.id, "TL-1", self.laptop.id, False, "id-1")
        self.assertEqual(again, first)
        self.assertEqual(self._picked_serials(receipt), ["TL-1"])
        self.assertEqual(len(self._handled("id-1")), 1)
        self.assertEqual(self._handled("id-1").answer, first)
        # The same code as a new scan (another id) is a second scan: refused.
        other = self.receive.scan(receipt.id, "TL-1", self.laptop.id, False, "id-2")
        self.assertFalse(other["ok"])
        self.assertIn("TL-1", other["message"])
        self.assertEqual(self._picked_serials(receipt), ["TL-1"])

    def test_repeated_id_after_a_refusal_gets_the_same_refusal(self):
        receipt = self._tour_receipt()
        first = self.receive.scan(receipt.id, "NOPE", self.laptop.id, False, "id-r")
        self.assertFalse(first["ok"])
        self.assertIn("NOPE is not expected", first["message"])
        again = self.receive.scan(receipt.id, "NOPE", self.laptop.id, False, "id-r")
        self.assertEqual(again, first)
        self.assertFalse(receipt.move_line_ids.filtered("picked"))
        self.assertEqual(len(self._handled("id-r")), 1)

    def test_ids_are_per_user(self):
        receipt = self._tour_receipt()
        receive_2 = self.env["wms.hhd.receive"].with_user(self.other_user)
        first = self.receive.scan(receipt.id, "TL-1", self.laptop.id, False, "same")
        second = receive_2.scan(receipt.id, "TL-2", self.laptop.id, False, "same")
        self.assertTrue(first["ok"], first["message"])
        self.assertTrue(second["ok"], second["message"])
        self.assertEqual(self._picked_serials(receipt), ["TL-1", "TL-2"])
        self.assertEqual(len(self._handled("same")), 1)
        self.assertEqual(len(self._handled("same", self.other_user)), 1)

    def test_pick_scan_repeated(self):
        pick_list = self._tour_pick_list()
        self.pick.scan(pick_list.id, "2900000009974", False, False, "p-0")
        first = self.pick.scan(pick_list.id, "TF-1", self.tablet.id, False, "p-1")
        self.assertTrue(first["ok"], first["message"])
        again = self.pick.scan(pick_list.id, "TF-1", self.tablet.id, False, "p-1")
        self.assertEqual(again, first)
        tablet_lines = pick_list.move_line_ids.filtered(
            lambda ml: ml.product_id == self.tablet and ml.picked
        )
        self.assertEqual(tablet_lines.lot_id.mapped("name"), ["TF-1"])

    def test_without_id_every_scan_is_handled(self):
        receipt = self._tour_receipt()
        first = self.receive.scan(receipt.id, "TL-1", self.laptop.id)
        again = self.receive.scan(receipt.id, "TL-1", self.laptop.id)
        self.assertTrue(first["ok"], first["message"])
        self.assertFalse(again["ok"])
        self.assertFalse(self.Scan.search([("user_id", "=", self.stock_user.id)]))

    def test_concurrent_duplicate_is_started_again(self):
        """A request with the same id that committed after this one began: the
        unique index refuses the insert, and the request is started again
        (serialization failure, retried by Odoo's request layer), where it
        finds the first answer."""
        receipt = self._tour_receipt()
        self.Scan.create(
            {
                "scan_id": "race",
                "user_id": self.stock_user.id,
                "flow": "wms.hhd.receive",
                "answer": {"ok": True, "message": "first"},
            }
        )
        Scan = type(self.Scan)
        with (
            patch.object(Scan, "search_fetch", lambda *args, **kwargs: self.Scan),
            self.assertRaises(psycopg2.errors.SerializationFailure),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.receive.scan(receipt.id, "TL-1", self.laptop.id, False, "race")
        self.assertFalse(receipt.move_line_ids.filtered("picked"))
        # Started again: the first answer.
        answer = self.receive.scan(receipt.id, "TL-1", self.laptop.id, False, "race")
        self.assertEqual(answer, {"ok": True, "message": "first"})

    def test_old_scans_are_forgotten(self):
        receipt = self._tour_receipt()
        self.receive.scan(receipt.id, "TL-1", self.laptop.id, False, "old")
        self.receive.scan(receipt.id, "TL-2", self.laptop.id, False, "new")
        old = self._handled("old")
        self.env.cr.execute(
            "UPDATE wms_hhd_scan SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=8), old.id),
        )
        self.Scan._gc_handled_scans()
        self.assertFalse(old.exists())
        self.assertTrue(self._handled("new"))
