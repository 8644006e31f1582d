# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PickCase


@tagged("post_install", "-at_install")
class TestPickedFirstSerialsLater(PickCase):
    """A clerk ticks a line as picked (or sets its quantity) without serials,
    then scans them: each scan fills one unit picked without serial, the rest
    stays picked without serial; validation refuses what still has none."""

    # --- Helpers ---
    def _lines(self, picking, product):
        """(serial, quantity, picked) of ``product``'s lines, serials first."""
        self.env.flush_all()
        self.env.invalidate_all()
        lines = picking.move_line_ids.filtered(lambda ml: ml.product_id == product)
        return sorted(
            (
                (ml.lot_id.name or ml.lot_name or False, ml.quantity, ml.picked)
                for ml in lines
            ),
            key=lambda row: (row[0] is False, row[0] or ""),
        )

    def _one_line_of(self, picking, product, quantity):
        """What a clerk makes in the detailed operations: one line holding
        ``quantity`` units, picked, without serial."""
        lines = picking.move_line_ids.filtered(lambda ml: ml.product_id == product)
        (lines - lines[0]).unlink()
        lines[0].write({"quantity": quantity, "picked": True})
        return lines[0]

    def _untracked_reserved(self, product):
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", product.id),
                ("location_id", "=", self.stock_location.id),
                ("lot_id", "=", False),
            ]
        )
        return sum(quants.mapped("reserved_quantity"))

    # --- Receipts (Full Tracking) ---
    def test_receipt_ticked_picked_then_scanned(self):
        receipt = self._create_receipt([(self.product_full, 2)]).with_user(
            self.stock_user
        )
        receipt.move_ids.picked = True
        self.assertEqual(
            self._lines(receipt, self.product_full),
            [(False, 1, True), (False, 1, True)],
        )
        with self.assertRefused(
            UserError,
            rf"Laptop is in Full Tracking: 2 units on {receipt.name} have no serial",
        ):
            receipt.button_validate()
        result = self._scan(receipt, self.product_full, "RP-1")
        self.assertScanOk(result, done_qty=2)
        self.assertEqual(result["message"], "RP-1 recorded for Laptop.")
        self.assertEqual(
            self._lines(receipt, self.product_full),
            [("RP-1", 1, True), (False, 1, True)],
        )
        with self.assertRefused(
            UserError,
            rf"Laptop is in Full Tracking: 1 units on {receipt.name} have no serial",
        ):
            receipt.button_validate()
        self.assertScanOk(self._scan(receipt, self.product_full, "RP-2"), done_qty=2)
        self._validate(receipt)
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.move_line_ids.lot_id.mapped("name"), ["RP-1", "RP-2"])
        self.assertOnHand(self.product_full, {"RP-1": 1, "RP-2": 1})

    def test_receipt_quantity_set_on_one_line_of_three(self):
        receipt = self._create_receipt([(self.product_full, 3)]).with_user(
            self.stock_user
        )
        self._one_line_of(receipt, self.product_full, 3)
        self.assertScanOk(self._scan(receipt, self.product_full, "RQ-1"), done_qty=3)
        self.assertEqual(
            self._lines(receipt, self.product_full),
            [("RQ-1", 1, True), (False, 2, True)],
        )
        self.assertScanOk(self._scan(receipt, self.product_full, "RQ-2"), done_qty=3)
        self.assertScanOk(self._scan(receipt, self.product_full, "RQ-3"), done_qty=3)
        self.assertEqual(
            self._lines(receipt, self.product_full),
            [("RQ-1", 1, True), ("RQ-2", 1, True), ("RQ-3", 1, True)],
        )
        # Every unit has its serial: a fourth is one more unit, on a line of its own.
        self.assertScanOk(self._scan(receipt, self.product_full, "RQ-4"), done_qty=4)
        self._validate(receipt)
        self.assertOnHand(
            self.product_full, {"RQ-1": 1, "RQ-2": 1, "RQ-3": 1, "RQ-4": 1}
        )

    def test_receipt_refused_scan_changes_nothing(self):
        self._put_in_stock(self.product_full, serials=["RR-HERE"])
        receipt = self._create_receipt([(self.product_full, 2)]).with_user(
            self.stock_user
        )
        self._one_line_of(receipt, self.product_full, 2)
        before = self._lines(receipt, self.product_full)
        result = self._scan(receipt, self.product_full, "RR-HERE")
        self.assertScanRefused(result, "RR-HERE", "already in stock")
        self.assertEqual(self._lines(receipt, self.product_full), before)
        self.assertEqual(before, [(False, 2, True)])

    def test_receipt_expected_serials_received_into_ticked_units(self):
        receipt = self._create_receipt(
            [(self.product_full, 2)], confirm=False
        ).with_user(self.stock_user)
        receipt.wms_set_expected_serials(self.product_full.id, ["RE-1", "RE-2"])
        receipt.action_confirm()
        receipt.move_ids.picked = True
        # A serial not listed is refused, and nothing changes.
        self.assertScanRefused(
            self._scan(receipt, self.product_full, "RE-9"), "RE-9", "not expected"
        )
        result = receipt.wms_receive_expected_serials(self.product_full.id)
        self.assertEqual(result["count"], 2)
        self.assertEqual(
            self._lines(receipt, self.product_full),
            [("RE-1", 1, True), ("RE-2", 1, True)],
        )
        self._validate(receipt)
        self.assertOnHand(self.product_full, {"RE-1": 1, "RE-2": 1})
        self.assertEqual(
            set(receipt.move_ids.expected_serial_ids.mapped("state")), {"received"}
        )

    # --- Pick tasks: Track During Pick ---
    def test_track_during_pick_ticked_then_scanned(self):
        self._put_in_stock(self.product_pick, qty=5)
        delivery = self._create_delivery([(self.product_pick, 2)]).with_user(
            self.stock_user
        )
        delivery.move_ids.picked = True
        with self.assertRefused(
            UserError,
            rf"Earbuds is in Track During Pick: 2 units on {delivery.name} have no",
        ):
            delivery.button_validate()
        # Today's dead end: "All 2 units of Earbuds ... are already picked."
        result = self._scan(delivery, self.product_pick, "TP-1")
        self.assertScanOk(result, done_qty=2)
        self.assertEqual(
            self._lines(delivery, self.product_pick),
            [("TP-1", 1, True), (False, 1, True)],
        )
        with self.assertRefused(
            UserError,
            rf"Earbuds is in Track During Pick: 1 units on {delivery.name} have no",
        ):
            delivery.button_validate()
        self.assertScanOk(self._scan(delivery, self.product_pick, "TP-2"))
        self.assertEqual(self._untracked_reserved(self.product_pick), 2)
        self._validate(delivery)
        self.assertEqual(delivery.state, "done")
        self.assertOnHand(self.product_pick, {False: 3})
        self.assertOnHand(
            self.product_pick, {"TP-1": 1, "TP-2": 1}, self.customer_location
        )
        self.assertEqual(self._untracked_reserved(self.product_pick), 0)
        self.assertNoNegativeQuant(self.product_pick)

    def test_track_during_pick_unpicked_line_before_ticked_unit(self):
        # A scan fills the lines not picked yet first, in their order, then
        # the units picked without serial (one query reads both).
        self._put_in_stock(self.product_pick, qty=5)
        delivery = self._create_delivery([(self.product_pick, 3)]).with_user(
            self.stock_user
        )
        first, second, third = delivery.move_line_ids.sorted("id")
        third.picked = True
        self.assertScanOk(self._scan(delivery, self.product_pick, "TO-1"), done_qty=2)
        self.env.invalidate_all()
        self.assertEqual((first.lot_name, first.picked), ("TO-1", True))
        self.assertEqual((second.lot_name, second.picked), (False, False))
        self.assertEqual((third.lot_name, third.picked), (False, True))
        self.assertScanOk(self._scan(delivery, self.product_pick, "TO-2"), done_qty=3)
        self.assertScanOk(self._scan(delivery, self.product_pick, "TO-3"), done_qty=3)
        self.env.invalidate_all()
        self.assertEqual(
            [(ml.lot_name, ml.picked) for ml in (first, second, third)],
            [("TO-1", True), ("TO-2", True), ("TO-3", True)],
        )
        self._validate(delivery)
        self.assertOnHand(
            self.product_pick,
            {"TO-1": 1, "TO-2": 1, "TO-3": 1},
            self.customer_location,
        )

    def test_track_during_pick_line_of_three_filled_in_one_call(self):
        self._put_in_stock(self.product_pick, qty=5)
        delivery = self._create_delivery([(self.product_pick, 3)]).with_user(
            self.stock_user
        )
        self._one_line_of(delivery, self.product_pick, 3)
        self.assertEqual(self._untracked_reserved(self.product_pick), 3)
        self.assertScanOk(self._scan(delivery, self.product_pick, "TQ-1"), done_qty=3)
        self.assertEqual(
            self._lines(delivery, self.product_pick),
            [("TQ-1", 1, True), (False, 2, True)],
        )
        result = delivery.wms_set_picked_serials(self.product_pick.id, ["TQ-2", "TQ-3"])
        self.assertEqual(result["count"], 2)
        self.assertEqual(
            self._lines(delivery, self.product_pick),
            [("TQ-1", 1, True), ("TQ-2", 1, True), ("TQ-3", 1, True)],
        )
        # The reservation is the same three units of untracked stock.
        self.assertEqual(self._untracked_reserved(self.product_pick), 3)
        self.assertScanRefused(
            self._scan(delivery, self.product_pick, "TQ-4"),
            "All 3 units of Earbuds",
            "already picked",
        )
        self._validate(delivery)
        self.assertOnHand(self.product_pick, {False: 2})
        self.assertOnHand(
            self.product_pick,
            {"TQ-1": 1, "TQ-2": 1, "TQ-3": 1},
            self.customer_location,
        )
        self.assertNoNegativeQuant(self.product_pick)

    def test_track_during_pick_refused_scan_changes_nothing(self):
        self._put_in_stock(self.product_pick, qty=5)
        self._put_in_stock(
            self.product_pick,
            serials=["TR-ELSE"],
            location=self.warehouse_3steps.lot_stock_id,
        )
        delivery = self._create_delivery([(self.product_pick, 2)]).with_user(
            self.stock_user
        )
        self._one_line_of(delivery, self.product_pick, 2)
        before = self._lines(delivery, self.product_pick)
        self.assertScanRefused(
            self._scan(delivery, self.product_pick, "TR-ELSE"), "TR-ELSE", "W3S/Stock"
        )
        # All or none: the second serial is refused, the first is not kept.
        with self.assertRefused(UserError, "TR-ELSE of Earbuds is at W3S/Stock"):
            delivery.wms_set_picked_serials(self.product_pick.id, ["TR-1", "TR-ELSE"])
        self.assertEqual(self._lines(delivery, self.product_pick), before)
        self.assertEqual(self._untracked_reserved(self.product_pick), 2)

    def test_batch_scans_fill_each_pick_list_ticked(self):
        self._put_in_stock(self.product_pick, qty=5)
        first = self._create_delivery([(self.product_pick, 1)])
        second = self._create_delivery([(self.product_pick, 1)])
        batch = self.env["stock.picking.batch"].create(
            {"picking_ids": [(6, 0, (first | second).ids)]}
        )
        batch.action_confirm()
        batch = batch.with_user(self.stock_user)
        (first | second).with_user(self.stock_user).move_ids.picked = True
        for serial, picking in (("BT-1", first), ("BT-2", second)):
            result = batch.wms_scan_serial(self.product_pick.id, serial)
            self.assertScanOk(result, done_qty=2)
            self.assertEqual(result["picking"], picking.name)
            self.assertEqual(
                self._lines(picking, self.product_pick), [(serial, 1, True)]
            )
        self.assertScanRefused(
            batch.wms_scan_serial(self.product_pick.id, "BT-3"), "already picked"
        )
        batch.action_done()
        self.assertEqual((first | second).mapped("state"), ["done", "done"])
        self.assertOnHand(self.product_pick, {False: 3})

    # --- Pick tasks: Full Tracking ---
    def test_full_tracking_quantity_set_then_scanned(self):
        """Nothing was reserved (the stock came later); the clerk sets the
        quantity, which makes lines without serial, then scans the serials."""
        delivery = self._create_delivery([(self.product_full, 2)], assign=False)
        self._put_in_stock(self.product_full, serials=["FP-1", "FP-2", "FP-3"])
        delivery = delivery.with_user(self.stock_user)
        move = delivery.move_ids
        move.quantity = 2
        move.picked = True
        self.assertEqual(
            self._lines(delivery, self.product_full),
            [(False, 1, True), (False, 1, True)],
        )
        with self.assertRefused(
            UserError,
            rf"Laptop is in Full Tracking: 2 units on {delivery.name} have no serial",
        ):
            delivery.button_validate()
        self.assertScanRefused(
            self._scan(delivery, self.product_full, "FP-NONE"), "FP-NONE", "unknown"
        )
        self.assertScanOk(self._scan(delivery, self.product_full, "FP-3"), done_qty=2)
        self.assertScanOk(self._scan(delivery, self.product_full, "FP-1"), done_qty=2)
        self.assertEqual(
            self._lines(delivery, self.product_full),
            [("FP-1", 1, True), ("FP-3", 1, True)],
        )
        # The reservation went to the serials scanned.
        reserved = self.env["stock.quant"].search(
            [("product_id", "=", self.product_full.id), ("reserved_quantity", ">", 0)]
        )
        self.assertEqual(
            sorted(reserved.mapped(lambda q: (q.lot_id.name, q.reserved_quantity))),
            [("FP-1", 1), ("FP-3", 1)],
        )
        self._validate(delivery)
        self.assertOnHand(self.product_full, {"FP-2": 1})
        self.assertOnHand(
            self.product_full, {"FP-1": 1, "FP-3": 1}, self.customer_location
        )
        self.assertNoNegativeQuant(self.product_full)
        self.assertEqual(self._untracked_reserved(self.product_full), 0)
