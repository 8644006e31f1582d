# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PickCase, create_picking


@tagged("post_install", "-at_install")
class TestWarehouseTransfer(PickCase):
    """Internal transfers, within and between warehouses: Full Tracking moves the
    serials chosen by scan among those on hand at the source; Track During Pick
    and No Tracking stock moves by quantity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shelf = cls.env["stock.location"].create(
            {"name": "Shelf 1", "location_id": cls.stock_location.id}
        )
        cls.transit = cls.company.internal_transit_location_id

    def _internal(self, lines, src=None, dest=None, warehouse=None):
        warehouse = warehouse or self.warehouse
        picking = create_picking(
            self.env,
            warehouse.int_type_id,
            src or warehouse.lot_stock_id,
            dest or self.shelf,
            self.env["res.partner"],
            lines,
        )
        picking.action_confirm()
        picking.action_assign()
        return picking.with_user(self.stock_user)

    def test_full_tracking_moves_the_scanned_serials(self):
        self._put_in_stock(self.product_full, serials=["LT-1", "LT-2", "LT-3"])
        transfer = self._internal([(self.product_full, 2)])
        self.assertEqual(len(transfer.move_line_ids.lot_id), 2)
        # LT-3 is not reserved: it takes over a line reserved on another serial.
        self.assertScanOk(self._scan(transfer, self.product_full, "LT-3"), done_qty=1)
        self.assertScanOk(self._scan(transfer, self.product_full, "LT-1"), done_qty=2)
        self._validate(transfer)
        self.assertEqual(transfer.state, "done")
        self.assertOnHand(self.product_full, {"LT-1": 1, "LT-3": 1}, self.shelf)
        self.assertOnHand(self.product_full, {"LT-2": 1})

    def test_full_tracking_between_warehouses_in_two_steps(self):
        self._put_in_stock(self.product_full, serials=["LT-A", "LT-B"])
        out = self._internal([(self.product_full, 1)], dest=self.transit)
        self.assertScanOk(self._scan(out, self.product_full, "LT-B"))
        self._validate(out, backorder=None)
        self.assertOnHand(self.product_full, {"LT-B": 1}, self.transit)
        self.assertOnHand(self.product_full, {"LT-A": 1})
        # The second step takes the serial in transit without a new scan.
        arrival = self._internal(
            [(self.product_full, 1)],
            src=self.transit,
            dest=self.warehouse_3steps.lot_stock_id,
            warehouse=self.warehouse_3steps,
        )
        self.assertEqual(arrival.move_line_ids.lot_id.name, "LT-B")
        arrival.move_ids.picked = True
        self._validate(arrival)
        self.assertOnHand(
            self.product_full, {"LT-B": 1}, self.warehouse_3steps.lot_stock_id
        )
        self.assertOnHand(self.product_full, {}, self.transit)
        history = self.env["stock.move.line"].search(
            [("lot_id.name", "=", "LT-B"), ("state", "=", "done")], order="id"
        )
        self.assertEqual(
            [ml.location_dest_id for ml in history],
            [self.transit, self.warehouse_3steps.lot_stock_id],
        )

    def test_full_tracking_refusals(self):
        self._put_in_stock(self.product_full, serials=["LT-1", "LT-2"])
        self._put_in_stock(
            self.product_full,
            serials=["LT-ELSE"],
            location=self.warehouse_3steps.lot_stock_id,
        )
        other = self._internal([(self.product_full, 1)])
        self.assertScanOk(self._scan(other, self.product_full, "LT-2"))
        transfer = self._internal([(self.product_full, 1)])
        self.assertScanRefused(
            self._scan(transfer, self.product_full, "LT-ELSE"),
            "LT-ELSE",
            "is at W3S/Stock",
            "not at STW/Stock",
        )
        self.assertScanRefused(
            self._scan(transfer, self.product_full, "LT-NEW"), "LT-NEW", "is unknown"
        )
        self.assertScanRefused(
            self._scan(transfer, self.product_full, "LT-2"),
            "LT-2",
            f"is reserved by {other.name}",
        )
        self.assertFalse(transfer.move_line_ids.filtered("picked"))
        self.assertScanOk(self._scan(transfer, self.product_full, "LT-1"))
        self.assertScanRefused(
            self._scan(transfer, self.product_full, "LT-1"), "already picked"
        )

    def test_full_tracking_validation_needs_serials_on_hand(self):
        self._put_in_stock(self.product_full, serials=["LT-1", "LT-2"])
        transfer = self._internal([(self.product_full, 2)])
        line = transfer.move_line_ids[0]
        line.lot_id = False
        transfer.move_ids.picked = True
        with self.assertRefused(UserError, r"Laptop is in Full Tracking: 1 units"):
            transfer.button_validate()
        # A serial typed on the line that is not at the source is refused too.
        line.lot_name = "LT-GHOST"
        with self.assertRefused(UserError, r"LT-GHOST of Laptop is unknown"):
            transfer.button_validate()
        self.assertOnHand(self.product_full, {"LT-1": 1, "LT-2": 1})

    def test_track_during_pick_and_no_tracking_move_by_quantity(self):
        self._put_in_stock(self.product_pick, qty=5)
        self._put_in_stock(self.product_none, qty=5)
        transfer = self._internal([(self.product_pick, 3), (self.product_none, 2)])
        self.assertScanRefused(
            self._scan(transfer, self.product_pick, "EB-1"),
            "Earbuds is set to Track During Pick",
            "captured on pick lists only",
        )
        self.assertScanRefused(
            self._scan(transfer, self.product_none, "CB-1"), "No Tracking"
        )
        transfer.wms_set_quantity(self.product_pick.id, 3)
        transfer.wms_set_quantity(self.product_none.id, 2)
        self._validate(transfer)
        self.assertEqual(transfer.state, "done")
        self.assertOnHand(self.product_pick, {False: 3}, self.shelf)
        self.assertOnHand(self.product_pick, {False: 2})
        self.assertOnHand(self.product_none, {False: 2}, self.shelf)
        self.assertFalse(
            self.env["stock.lot"].search([("product_id", "=", self.product_pick.id)])
        )

    def test_two_step_receipt_stores_the_received_serials(self):
        """A receipt in two steps (Input, then storage, an internal transfer): the
        serials received come along to stock without a new scan."""
        wh = self.env["stock.warehouse"].create(
            {"name": "Two Step In", "code": "W2I", "reception_steps": "two_steps"}
        )
        receipt = create_picking(
            self.env,
            wh.in_type_id,
            self.supplier_location,
            wh.wh_input_stock_loc_id,
            self.vendor,
            [(self.product_full, 2), (self.product_pick, 3)],
        )
        receipt.action_confirm()
        ureceipt = receipt.with_user(self.stock_user)
        self.assertScanOk(self._scan(ureceipt, self.product_full, "IN-1"))
        self.assertScanOk(self._scan(ureceipt, self.product_full, "IN-2"))
        ureceipt.wms_set_quantity(self.product_pick.id, 3)
        self._validate(ureceipt)
        storage = receipt.move_ids.move_dest_ids.picking_id
        self.assertEqual(storage.picking_type_id, wh.store_type_id)
        storage.action_assign()
        self.assertEqual(
            sorted(storage.move_line_ids.lot_id.mapped("name")), ["IN-1", "IN-2"]
        )
        storage.move_ids.picked = True
        self._validate(storage.with_user(self.stock_user))
        self.assertOnHand(self.product_full, {"IN-1": 1, "IN-2": 1}, wh.lot_stock_id)
        self.assertOnHand(self.product_pick, {False: 3}, wh.lot_stock_id)
        self.assertOnHand(self.product_full, {}, wh.wh_input_stock_loc_id)
