# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import PickCase


class TwoLinesCase(PickCase):
    """Transfers with two lines of one product, as two purchase-order lines at
    two prices make them (Odoo does not merge moves of different prices)."""

    @classmethod
    def _two_lines(cls, picking_type, src, dest, product, quantities, partner):
        """A transfer with one line of ``product`` per quantity, each at its own
        price. Not confirmed."""
        return cls.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": partner.id,
                "location_id": src.id,
                "location_dest_id": dest.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                            "price_unit": 10.0 * index,
                            "location_id": src.id,
                            "location_dest_id": dest.id,
                        }
                    )
                    for index, qty in enumerate(quantities, start=1)
                ],
            }
        )

    def _receipt_of_two_lines(self, product, quantities=(2, 3)):
        """A draft pre-receipt (stock users set its expected serials)."""
        receipt = self._two_lines(
            self.warehouse.in_type_id,
            self.supplier_location,
            self.stock_location,
            product,
            quantities,
            self.vendor,
        )
        self.assertEqual(len(receipt.move_ids), 2)
        return receipt.with_user(self.stock_user)

    def _delivery_of_two_lines(self, product, quantities=(1, 2)):
        delivery = self._two_lines(
            self.warehouse.out_type_id,
            self.stock_location,
            self.customer_location,
            product,
            quantities,
            self.customer,
        )
        delivery.action_confirm()
        delivery.action_assign()
        self.assertEqual(len(delivery.move_ids), 2)
        return delivery.with_user(self.stock_user)

    def _expected(self, move):
        return move.expected_serial_ids.filtered(
            lambda s: s.state != "cancelled"
        ).mapped("name")

    def _serials(self, move):
        self.env.flush_all()
        self.env.invalidate_all()
        return sorted(
            move.move_line_ids.filtered("picked").mapped(
                lambda ml: ml.lot_id.name or ml.lot_name
            )
        )

    def _edit(self, move, user, text):
        """Edit Serial Numbers on ``move``, as ``user`` types ``text``."""
        form = Form.from_action(
            self.env(user=user),
            move.with_user(user).action_wms_edit_expected_serials(),
        )
        form.serials_text = text
        self.assertFalse(form.has_errors, form.check_result)
        form.save().action_save()


@tagged("post_install", "-at_install")
class TestTwoLinesOfOneProduct(TwoLinesCase):
    """The entry points and Edit Serial Numbers act on the line they are given;
    with a product alone, on the line that can take the serial."""

    # --- Expected serials ---
    def test_edit_serial_numbers_saves_to_its_own_line(self):
        receipt = self._receipt_of_two_lines(self.product_full)
        line_1, line_2 = receipt.move_ids
        self._edit(line_2, self.stock_user, "B-1\nB-2\nB-3")
        self.assertEqual(self._expected(line_2), ["B-1", "B-2", "B-3"])
        self.assertEqual(self._expected(line_1), [])
        self._edit(line_1, self.stock_user, "A-1\nA-2")
        self.assertEqual(self._expected(line_1), ["A-1", "A-2"])
        self.assertEqual(self._expected(line_2), ["B-1", "B-2", "B-3"])
        action = line_2.with_user(self.stock_user).action_wms_edit_expected_serials()
        Form.from_action(self.uenv, action).save().action_clear()
        self.assertEqual(self._expected(line_2), [])
        self.assertEqual(self._expected(line_1), ["A-1", "A-2"])

    def test_expected_serials_set_by_line_stay_on_it(self):
        receipt = self._receipt_of_two_lines(self.product_full)
        line_1, line_2 = receipt.move_ids
        full = self.product_full.id
        receipt.wms_set_expected_serials(full, ["B-1", "B-2", "B-3"], move_id=line_2.id)
        self.assertEqual(self._expected(line_2), ["B-1", "B-2", "B-3"])
        self.assertEqual(self._expected(line_1), [])
        # A product alone: the list of the line that expects some of them...
        receipt.wms_set_expected_serials(full, ["B-1", "B-2", "B-4"])
        self.assertEqual(self._expected(line_2), ["B-1", "B-2", "B-4"])
        self.assertEqual(self._expected(line_1), [])
        # ... else a line without list, the one of that many units first.
        receipt.wms_set_expected_serials(full, ["A-1", "A-2"])
        self.assertEqual(self._expected(line_1), ["A-1", "A-2"])
        self.assertEqual(self._expected(line_2), ["B-1", "B-2", "B-4"])
        receipt.wms_set_expected_serials(full, [], move_id=line_2.id)
        self.assertEqual(self._expected(line_2), [])
        self.assertEqual(self._expected(line_1), ["A-1", "A-2"])

    def test_refusals_name_the_line(self):
        receipt = self._receipt_of_two_lines(self.product_full)
        line_1, line_2 = receipt.move_ids
        full = self.product_full.id
        receipt.wms_set_expected_serials(full, ["A-1", "A-2"], move_id=line_1.id)
        with self.assertRefused(
            UserError,
            f"Laptop on {receipt.name}, line 2 expects 3 units and 2 serial "
            "numbers are entered",
        ):
            receipt.wms_set_expected_serials(full, ["B-1", "B-2"], move_id=line_2.id)
        with self.assertRefused(
            UserError,
            f"Serial number A-1 of Laptop is expected on {receipt.name}, line 1, "
            f"not on {receipt.name}, line 2.",
        ):
            receipt.wms_set_expected_serials(
                full, ["A-1", "B-2", "B-3"], move_id=line_2.id
            )
        self.assertEqual(self._expected(line_2), [])
        receipt.wms_set_expected_serials(full, ["B-1", "B-2", "B-3"], move_id=line_2.id)
        receipt.action_confirm()
        result = receipt.wms_scan_serial(full, "Z-9", move_id=line_1.id)
        self.assertScanRefused(
            result,
            f"Serial number Z-9 is not expected for Laptop on {receipt.name}, line 1;",
        )
        result = receipt.wms_scan_serial(full, "A-1", move_id=line_2.id)
        self.assertScanRefused(
            result,
            f"A-1 of Laptop is expected on {receipt.name}, line 1, not on "
            f"{receipt.name}, line 2.",
        )
        other = self._create_receipt([(self.product_full, 1)])
        result = receipt.wms_scan_serial(full, "A-1", move_id=other.move_ids.id)
        self.assertScanRefused(
            result,
            f"Line {other.move_ids.id} is not a line of Laptop on {receipt.name}.",
        )
        self.assertFalse(receipt.move_line_ids.filtered("picked"))

    # --- Receiving ---
    def test_scans_and_receiving_leave_each_serial_on_its_line(self):
        receipt = self._receipt_of_two_lines(self.product_full)
        line_1, line_2 = receipt.move_ids
        full = self.product_full.id
        receipt.wms_set_expected_serials(full, ["A-1", "A-2"], move_id=line_1.id)
        receipt.wms_set_expected_serials(full, ["B-1", "B-2", "B-3"], move_id=line_2.id)
        receipt.action_confirm()
        # Serials expected on line 2 land on line 2, with the product alone.
        self.assertScanOk(receipt.wms_scan_serial(full, "B-2"), done_qty=1)
        self.assertEqual(self._serials(line_2), ["B-2"])
        self.assertScanOk(receipt.wms_scan_serial(full, "A-1"), done_qty=2)
        self.assertEqual(self._serials(line_1), ["A-1"])
        result = receipt.wms_receive_expected_serials(full)
        self.assertEqual(result["count"], 3)
        self.assertEqual(result["done_qty"], 5)
        self.assertEqual(self._serials(line_1), ["A-1", "A-2"])
        self.assertEqual(self._serials(line_2), ["B-1", "B-2", "B-3"])
        self._validate(receipt)
        self.assertEqual(receipt.state, "done")
        self.assertEqual(line_1.move_line_ids.lot_id.mapped("name"), ["A-1", "A-2"])
        self.assertEqual(
            sorted(line_2.move_line_ids.lot_id.mapped("name")), ["B-1", "B-2", "B-3"]
        )
        for line in (line_1, line_2):
            self.assertEqual(
                line.expected_serial_ids.mapped(lambda s: (s.name, s.state)),
                [(lot.name, "received") for lot in line.expected_serial_ids.lot_id],
            )
        self.assertOnHand(
            self.product_full, {"A-1": 1, "A-2": 1, "B-1": 1, "B-2": 1, "B-3": 1}
        )

    def test_receiving_one_line_only(self):
        receipt = self._receipt_of_two_lines(self.product_full)
        line_1, line_2 = receipt.move_ids
        full = self.product_full.id
        receipt.wms_set_expected_serials(full, ["A-1", "A-2"], move_id=line_1.id)
        receipt.wms_set_expected_serials(full, ["B-1", "B-2", "B-3"], move_id=line_2.id)
        receipt.action_confirm()
        result = receipt.wms_receive_expected_serials(full, move_id=line_2.id)
        self.assertEqual(result["count"], 3)
        self.assertEqual(self._serials(line_1), [])
        self.assertEqual(self._serials(line_2), ["B-1", "B-2", "B-3"])

    def test_scans_without_lists_fill_the_first_line_with_a_unit_left(self):
        receipt = self._receipt_of_two_lines(self.product_full, (1, 2))
        line_1, line_2 = receipt.move_ids
        receipt.action_confirm()
        full = self.product_full.id
        self.assertScanOk(receipt.wms_scan_serial(full, "N-1", move_id=line_2.id))
        self.assertScanOk(receipt.wms_scan_serial(full, "N-2"))
        self.assertScanOk(receipt.wms_scan_serial(full, "N-3"))
        self.assertEqual(self._serials(line_1), ["N-2"])
        self.assertEqual(self._serials(line_2), ["N-1", "N-3"])
        self._validate(receipt)
        self.assertEqual(line_2.move_line_ids.lot_id.mapped("name"), ["N-1", "N-3"])

    # --- Picking ---
    def test_pick_scans_fill_each_line(self):
        self._put_in_stock(self.product_pick, qty=5)
        delivery = self._delivery_of_two_lines(self.product_pick)
        line_1, line_2 = delivery.move_ids
        earbuds = self.product_pick.id
        self.assertScanOk(delivery.wms_scan_serial(earbuds, "P-1", move_id=line_2.id))
        self.assertScanOk(delivery.wms_scan_serial(earbuds, "P-2"))
        self.assertScanOk(delivery.wms_scan_serial(earbuds, "P-3"))
        self.assertEqual(self._serials(line_1), ["P-2"])
        self.assertEqual(self._serials(line_2), ["P-1", "P-3"])
        self.assertScanRefused(
            delivery.wms_scan_serial(earbuds, "P-4", move_id=line_2.id),
            f"All 2 units of Earbuds on {delivery.name}, line 2 are already picked.",
        )
        self._validate(delivery)
        self.assertEqual(line_1.move_line_ids.lot_id.mapped("name"), ["P-2"])
        self.assertEqual(line_2.move_line_ids.lot_id.mapped("name"), ["P-1", "P-3"])
        self.assertOnHand(self.product_pick, {False: 2})
        self.assertNoNegativeQuant(self.product_pick)

    def test_picked_serials_go_to_the_line_reserved_on_them(self):
        self._put_in_stock(self.product_full, serials=["F-1", "F-2", "F-3"])
        delivery = self._delivery_of_two_lines(self.product_full)
        line_1, line_2 = delivery.move_ids
        reserved_1 = line_1.move_line_ids.lot_id.mapped("name")
        reserved_2 = line_2.move_line_ids.lot_id.mapped("name")
        self.assertEqual(len(reserved_1 + reserved_2), 3)
        result = delivery.wms_set_picked_serials(
            self.product_full.id, reserved_2 + reserved_1
        )
        self.assertEqual(result["count"], 3)
        self.assertEqual(self._serials(line_1), sorted(reserved_1))
        self.assertEqual(self._serials(line_2), sorted(reserved_2))
        self._validate(delivery)
        self.assertEqual(
            sorted(line_2.move_line_ids.lot_id.mapped("name")), sorted(reserved_2)
        )

    def test_quantity_on_a_line_or_shared_out(self):
        self._put_in_stock(self.product_none, qty=10)
        delivery = self._delivery_of_two_lines(self.product_none, (2, 3))
        line_1, line_2 = delivery.move_ids
        delivery.wms_set_quantity(self.product_none.id, 3, move_id=line_2.id)
        self.assertEqual((line_1.quantity, line_2.quantity), (2, 3))
        self.assertTrue(line_2.picked)
        delivery.wms_set_quantity(self.product_none.id, 4)
        self.assertEqual((line_1.quantity, line_2.quantity), (2, 2))
        with self.assertRefused(UserError, "is not a line of Earbuds"):
            delivery.wms_set_quantity(self.product_pick.id, 1, move_id=line_1.id)

    def test_batch_scan_on_a_given_line(self):
        self._put_in_stock(self.product_pick, qty=10)
        first = self._delivery_of_two_lines(self.product_pick)
        second = self._delivery_of_two_lines(self.product_pick)
        batch = self.env["stock.picking.batch"].create(
            {"picking_ids": [Command.set((first | second).ids)]}
        )
        batch.action_confirm()
        batch = batch.with_user(self.stock_user)
        line = second.move_ids[1]
        result = batch.wms_scan_serial(self.product_pick.id, "BL-1", move_id=line.id)
        self.assertScanOk(result, done_qty=1)
        self.assertEqual(result["picking"], second.name)
        self.assertEqual(self._serials(line), ["BL-1"])
        other = self._create_receipt([(self.product_pick, 1)])
        result = batch.wms_scan_serial(
            self.product_pick.id, "BL-2", move_id=other.move_ids.id
        )
        self.assertScanRefused(result, f"is not a line of Earbuds on {batch.name}")
        self.assertEqual(result["done_qty"], 1)


@tagged("post_install", "-at_install", "wms_real")
class TestTwoPurchaseOrderLines(TwoLinesCase):
    """A purchase order with two lines of one product at two prices: its
    receipt has two lines, each keeping its serials from entry to stock."""

    def test_receipt_of_two_order_lines(self):
        order = self._create_purchase(
            [(self.product_full, 2, 100.0), (self.product_full, 3, 120.0)]
        )
        receipt = order.picking_ids.with_user(self.stock_user)
        self.assertEqual(receipt.state, "assigned")
        line_1, line_2 = receipt.move_ids.sorted(lambda m: m.purchase_line_id.id)
        self.assertEqual(line_2.sudo().purchase_line_id.price_unit, 120.0)
        # Confirmed at once by the order: the clerk keys in its expected serials.
        self._edit(line_2, self.stock_user, "PO-B-1\nPO-B-2\nPO-B-3")
        self._edit(line_1, self.stock_user, "PO-A-1\nPO-A-2")
        self.assertEqual(self._expected(line_2), ["PO-B-1", "PO-B-2", "PO-B-3"])
        self.assertEqual(self._expected(line_1), ["PO-A-1", "PO-A-2"])
        full = self.product_full.id
        self.assertScanOk(receipt.wms_scan_serial(full, "PO-B-3"))
        self.assertEqual(self._serials(line_2), ["PO-B-3"])
        self.assertScanRefused(
            receipt.wms_scan_serial(full, "PO-A-1", move_id=line_2.id),
            f"is expected on {receipt.name}, line",
        )
        receipt.wms_receive_expected_serials(full)
        self._validate(receipt)
        self.assertEqual(
            sorted(line_1.move_line_ids.lot_id.mapped("name")), ["PO-A-1", "PO-A-2"]
        )
        self.assertEqual(
            sorted(line_2.move_line_ids.lot_id.mapped("name")),
            ["PO-B-1", "PO-B-2", "PO-B-3"],
        )
        self.assertEqual(order.order_line.mapped("qty_received"), [2.0, 3.0])
