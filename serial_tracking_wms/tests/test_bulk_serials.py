# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PickCase


@tagged("post_install", "-at_install")
class TestBulkSerials(PickCase):
    """The one-call paths (receive the expected serials, set the picked serials)
    leave what one scan each would, and refuse what a scan would refuse."""

    def test_receive_expected_serials_in_one_call(self):
        receipt = self._create_receipt([(self.product_full, 3)])
        ureceipt = receipt.with_user(self.stock_user)
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["R1", "R2", "R3"]
        )
        self.assertScanOk(self._scan(ureceipt, self.product_full, "R2"), done_qty=1)
        result = ureceipt.wms_receive_expected_serials(self.product_full.id)
        self.assertScanOk(result, done_qty=3)
        self.assertEqual(result["count"], 2)
        lines = receipt.move_line_ids
        self.assertEqual(sorted(lines.mapped("lot_name")), ["R1", "R2", "R3"])
        self.assertEqual(set(lines.mapped("quantity")), {1})
        self.assertTrue(all(lines.mapped("picked")))
        # Nothing left to receive: a second call records nothing.
        self.assertEqual(
            ureceipt.wms_receive_expected_serials(self.product_full.id)["count"], 0
        )
        self._validate(receipt)
        self.assertOnHand(self.product_full, {"R1": 1, "R2": 1, "R3": 1})
        self.assertEqual(
            set(receipt.move_ids.expected_serial_ids.mapped("state")), {"received"}
        )

    def test_receive_expected_serials_refusals(self):
        receipt = self._create_receipt([(self.product_full, 2)])
        ureceipt = receipt.with_user(self.stock_user)
        with self.assertRefused(UserError, "no expected serial numbers"):
            ureceipt.wms_receive_expected_serials(self.product_full.id)
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["S1", "S2"]
        )
        # S2 arrived by another way meanwhile: all or none.
        self._put_in_stock(self.product_full, serials=["S2"])
        with self.assertRefused(UserError, "S2 .* already in stock"):
            ureceipt.wms_receive_expected_serials(self.product_full.id)
        self.assertFalse(receipt.move_line_ids.filtered("picked"))

    def test_set_picked_serials_takes_over_reservations(self):
        self._put_in_stock(self.product_full, serials=["P1", "P2", "P3", "P4"])
        delivery = self._create_delivery([(self.product_full, 2)])
        reserved = set(delivery.move_line_ids.lot_id.mapped("name"))
        others = sorted({"P1", "P2", "P3", "P4"} - reserved)
        self.assertEqual(len(others), 2)
        result = delivery.with_user(self.stock_user).wms_set_picked_serials(
            self.product_full.id, others
        )
        self.assertScanOk(result, done_qty=2)
        self.assertEqual(result["count"], 2)
        lines = delivery.move_line_ids
        self.assertEqual(sorted(lines.lot_id.mapped("name")), others)
        self.assertEqual(set(lines.mapped("quantity")), {1})
        self.assertTrue(all(lines.mapped("picked")))
        self._validate(delivery)
        self.assertOnHand(self.product_full, dict.fromkeys(reserved, 1))
        self.assertOnHand(
            self.product_full,
            dict.fromkeys(others, 1),
            location=self.customer_location,
        )
        self.assertNoNegativeQuant(self.product_full)
        quants = self.env["stock.quant"].search(
            [("product_id", "=", self.product_full.id), ("reserved_quantity", "!=", 0)]
        )
        self.assertFalse(quants)
