# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SerialTrackingCase, create_picking


@tagged("post_install", "-at_install")
class TestReceipt(SerialTrackingCase):
    """Goods in: receiving Full Tracking serials, with and without expected serials."""

    def _receipt(self, *lines):
        return self._create_receipt(list(lines)).with_user(self.stock_user)

    def _move(self, picking, product):
        return picking.move_ids.filtered(lambda m: m.product_id == product)

    # --- With expected serials ---
    def test_receive_listed_serials(self):
        receipt = self._receipt((self.product_full, 2))
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["L-1", "L-2"]
        )
        result = self._scan(receipt, self.product_full, "L-1")
        self.assertScanOk(result, done_qty=1)
        self.assertEqual(result["expected_qty"], 2)
        self.assertEqual(result["serial"], "L-1")
        self.assertIn("L-1 recorded", result["message"])
        self.assertScanOk(self._scan(receipt, self.product_full, "L-2"), done_qty=2)
        self._validate(receipt)
        self.assertEqual(receipt.state, "done")
        self.assertOnHand(self.product_full, {"L-1": 1, "L-2": 1})
        move = self._move(receipt, self.product_full)
        self.assertEqual(move.move_line_ids.lot_id.mapped("name"), ["L-1", "L-2"])

    def test_scans_keep_the_move_picked(self):
        # A scan does not recompute ``picked`` of a move picked already: it must
        # still be what Odoo computes, from the first scan to a refused one.
        receipt = self._receipt((self.product_full, 3))
        move = self._move(receipt, self.product_full)
        self.assertMovePicked(move, False)
        for done_qty, serial in enumerate(["R-1", "R-2"], start=1):
            self.assertScanOk(
                self._scan(receipt, self.product_full, serial), done_qty=done_qty
            )
            self.assertMovePicked(move, True)
        self.assertScanRefused(self._scan(receipt, self.product_full, "R-1"))
        self.assertMovePicked(move, True)
        self.assertEqual(len(move.move_line_ids.filtered("picked")), 2)

    def test_unlisted_serial_is_refused_and_nothing_changes(self):
        receipt = self._receipt((self.product_full, 2))
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["L-1", "L-2"]
        )
        lines_before = receipt.move_line_ids.read(["lot_name", "quantity", "picked"])
        result = self._scan(receipt, self.product_full, "NOT-LISTED")
        self.assertScanRefused(result, "NOT-LISTED", "not expected", receipt.name)
        self.assertEqual(result["done_qty"], 0)
        self.assertEqual(
            receipt.move_line_ids.read(["lot_name", "quantity", "picked"]), lines_before
        )

    def test_unlisted_serial_entered_by_hand_is_refused_at_validation(self):
        receipt = self._receipt((self.product_full, 1))
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["L-1"]
        )
        receipt.move_line_ids.write(
            {"lot_name": "TYPED-1", "quantity": 1, "picked": True}
        )
        with self.assertRefused(UserError, "TYPED-1 is not expected for Laptop"):
            receipt.button_validate()
        self.assertEqual(receipt.state, "assigned")

    def test_fewer_than_listed_with_backorder_keeps_the_rest_expected(self):
        receipt = self._receipt((self.product_full, 3))
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["L-1", "L-2", "L-3"]
        )
        self.assertScanOk(self._scan(receipt, self.product_full, "L-2"))
        self._validate(receipt, backorder="create")
        move = self._move(receipt, self.product_full)
        self.assertEqual(move.quantity, 1)
        self.assertEqual(move.expected_serial_ids.mapped("name"), ["L-2"])
        self.assertEqual(move.expected_serial_ids.state, "received")
        backorder = receipt.backorder_ids
        self.assertEqual(len(backorder), 1)
        back_move = self._move(backorder, self.product_full)
        self.assertEqual(back_move.product_uom_qty, 2)
        self.assertEqual(back_move.expected_serial_ids.mapped("name"), ["L-1", "L-3"])
        self.assertEqual(
            set(back_move.expected_serial_ids.mapped("state")), {"expected"}
        )
        # The backorder receives exactly those.
        backorder = backorder.with_user(self.stock_user)
        self.assertScanRefused(self._scan(backorder, self.product_full, "L-2"), "L-2")
        self.assertScanOk(self._scan(backorder, self.product_full, "L-1"))
        self.assertScanOk(self._scan(backorder, self.product_full, "L-3"))
        self._validate(backorder)
        self.assertOnHand(self.product_full, {"L-1": 1, "L-2": 1, "L-3": 1})

    def test_fewer_than_listed_without_backorder_cancels_the_rest(self):
        receipt = self._receipt((self.product_full, 3))
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["L-1", "L-2", "L-3"]
        )
        self.assertScanOk(self._scan(receipt, self.product_full, "L-3"))
        self._validate(receipt, backorder="cancel")
        self.assertFalse(receipt.backorder_ids)
        serials = self.env["stock.expected.serial"].search(
            [("picking_id", "=", receipt.id)]
        )
        states = {s.name: s.state for s in serials}
        self.assertEqual(
            states, {"L-1": "cancelled", "L-2": "cancelled", "L-3": "received"}
        )
        self.assertOnHand(self.product_full, {"L-3": 1})

    # --- Without expected serials ---
    def test_every_unit_needs_a_serial(self):
        receipt = self._receipt((self.product_full, 3))
        with self.assertRaises(UserError) as error:
            receipt.button_validate()
        self.assertIn("Laptop", error.exception.args[0])
        receipt.move_line_ids.picked = True
        with self.assertRefused(UserError, "3 units on .* have no serial number"):
            receipt.with_context(skip_sanity_check=True).button_validate()
        self.assertEqual(receipt.state, "assigned")
        self.assertOnHand(self.product_full, {})

    def test_count_captured_sets_the_received_quantity_more(self):
        receipt = self._receipt((self.product_full, 2))
        for i in range(1, 5):
            self.assertScanOk(
                self._scan(receipt, self.product_full, f"M-{i}"), done_qty=i
            )
        self._validate(receipt)
        move = self._move(receipt, self.product_full)
        self.assertEqual(move.quantity, 4)
        self.assertEqual(move.state, "done")
        self.assertOnHand(self.product_full, {"M-1": 1, "M-2": 1, "M-3": 1, "M-4": 1})

    def test_count_captured_sets_the_received_quantity_fewer(self):
        receipt = self._receipt((self.product_full, 5))
        for name in ("F-1", "F-2"):
            self.assertScanOk(self._scan(receipt, self.product_full, name))
        self._validate(receipt, backorder="create")
        self.assertEqual(self._move(receipt, self.product_full).quantity, 2)
        self.assertEqual(
            self._move(receipt.backorder_ids, self.product_full).product_uom_qty, 3
        )
        self.assertOnHand(self.product_full, {"F-1": 1, "F-2": 1})

    # --- Pick and none products on the same receipt ---
    def test_pick_and_none_products_are_received_by_quantity(self):
        receipt = self._receipt(
            (self.product_full, 1), (self.product_pick, 4), (self.product_none, 6)
        )
        pick_lines = self._move(receipt, self.product_pick).move_line_ids
        self.assertEqual(len(pick_lines), 1, "one line by quantity, not one per unit")
        self.assertEqual(pick_lines.quantity, 4)
        self.assertScanRefused(
            self._scan(receipt, self.product_pick, "E-1"),
            "Track During Pick",
            "no serial",
        )
        self.assertScanRefused(
            self._scan(receipt, self.product_none, "C-1"), "No Tracking", "no serial"
        )
        self.assertScanOk(self._scan(receipt, self.product_full, "LAP-1"))
        receipt.move_ids.picked = True
        self._validate(receipt)
        self.assertEqual(receipt.state, "done")
        self.assertOnHand(self.product_pick, {False: 4})
        self.assertOnHand(self.product_none, {False: 6})
        self.assertOnHand(self.product_full, {"LAP-1": 1})
        self.assertFalse(
            self.env["stock.lot"].search([("product_id", "=", self.product_pick.id)])
        )

    def test_pick_product_with_a_serial_on_receipt_is_refused(self):
        receipt = self._receipt((self.product_pick, 1))
        receipt.move_line_ids.write({"lot_name": "E-9", "picked": True})
        with self.assertRefused(UserError, "Track During Pick: it is received by"):
            receipt.button_validate()

    # --- Serial hygiene on scans ---
    def test_scan_hygiene(self):
        receipt = self._receipt((self.product_full, 3))
        self.assertScanOk(self._scan(receipt, self.product_full, "  S-1  "))
        self.assertEqual(receipt.move_line_ids.filtered("lot_name").lot_name, "S-1")
        self.assertScanRefused(
            self._scan(receipt, self.product_full, "   "), "cannot be empty"
        )
        self.assertScanRefused(
            self._scan(receipt, self.product_full, "S\x07"), "control characters"
        )
        self.assertScanRefused(
            self._scan(receipt, self.product_full, "X" * 129), "129 characters"
        )
        self.assertScanRefused(
            self._scan(receipt, self.product_full, "S-1"),
            "S-1",
            "given twice",
            receipt.name,
        )
        self._put_in_stock(self.product_full, serials=["S-STOCK"])
        self.assertScanRefused(
            self._scan(receipt, self.product_full, "S-STOCK"),
            "S-STOCK",
            "already in stock at STW/Stock",
        )
        self.assertEqual(len(receipt.move_line_ids.filtered("lot_name")), 1)

    def test_scan_refusals_for_wrong_documents(self):
        receipt = self._receipt((self.product_full, 1))
        self.assertScanRefused(
            self._scan(receipt, self.product_pick, "Z-1"), "Earbuds is not on"
        )
        self.assertScanRefused(
            receipt.wms_scan_serial(999999999, "Z-1"), "Unknown product"
        )
        self.assertScanOk(self._scan(receipt, self.product_full, "Z-1"))
        self._validate(receipt)
        self.assertScanRefused(
            self._scan(receipt, self.product_full, "Z-2"), "already done"
        )

    def test_serial_expected_on_another_receipt_is_refused_at_scan(self):
        other = self._receipt((self.product_full, 1))
        other.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["O-1"]
        )
        receipt = self._receipt((self.product_full, 1))
        self.assertScanRefused(
            self._scan(receipt, self.product_full, "O-1"), f"expected on {other.name}"
        )

    def test_received_serial_cannot_be_received_again(self):
        receipt = self._receipt((self.product_full, 1))
        self.assertScanOk(self._scan(receipt, self.product_full, "R-1"))
        self._validate(receipt)
        second = self._receipt((self.product_full, 1))
        self.assertScanRefused(
            self._scan(second, self.product_full, "R-1"), "already in stock"
        )
        # And by hand, validation refuses it as well.
        second.move_line_ids.write({"lot_name": "R-1", "picked": True})
        with self.assertRefused(UserError, "R-1 of Laptop is already in stock"):
            second.button_validate()

    def test_operation_type_taking_no_lots_needs_no_serial(self):
        """An operation type set to take no lots/serials (Odoo's "Create New" and
        "Use Existing" both off) is, as in Odoo, a step without serials: a Full
        Tracking product passes it by quantity; a serial given is still checked."""
        picking_type = self.warehouse.in_type_id.copy(
            {"name": "Receipts without serials", "sequence_code": "INNS"}
        )
        picking_type.write({"use_create_lots": False, "use_existing_lots": False})
        receipt = create_picking(
            self.env,
            picking_type,
            self.supplier_location,
            self.stock_location,
            self.vendor,
            [(self.product_full, 2)],
        )
        receipt.action_confirm()
        receipt = receipt.with_user(self.stock_user)
        receipt.move_ids.write({"quantity": 2, "picked": True})
        self._validate(receipt)
        self.assertEqual(receipt.state, "done")
        self.assertOnHand(self.product_full, {False: 2})
        # On the warehouse's own receipts, Full Tracking still asks one per unit.
        again = self._create_receipt([(self.product_full, 1)])
        again = again.with_user(self.stock_user)
        again.move_ids.write({"quantity": 1, "picked": True})
        with self.assertRaises(UserError):
            self._validate(again)
