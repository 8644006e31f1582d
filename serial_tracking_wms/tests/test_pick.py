# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PickCase


@tagged("post_install", "-at_install")
class TestPickTrackDuringPick(PickCase):
    """Track During Pick: goods in by quantity, one serial per unit at the pick."""

    def test_one_step_pick_captures_new_serials(self):
        self._put_in_stock(self.product_pick, qty=5)
        delivery = self._create_delivery([(self.product_pick, 3)])
        self.assertEqual(delivery.state, "assigned")
        udelivery = delivery.with_user(self.stock_user)
        for i, serial in enumerate(("EB-1", "EB-2", "EB-3"), start=1):
            result = self._scan(udelivery, self.product_pick, serial)
            self.assertScanOk(result, done_qty=i)
            self.assertEqual(result["expected_qty"], 3)
        self._validate(udelivery)
        self.assertEqual(delivery.state, "done")
        self.assertEqual(
            delivery.move_line_ids.lot_id.mapped("name"), ["EB-1", "EB-2", "EB-3"]
        )
        self.assertOnHand(self.product_pick, {False: 2})
        self.assertOnHand(
            self.product_pick, {"EB-1": 1, "EB-2": 1, "EB-3": 1}, self.customer_location
        )
        self.assertNoNegativeQuant(self.product_pick)

    def test_scan_leaves_the_shared_untracked_quant_alone(self):
        """Every picker of a Track During Pick product draws on the same row of
        untracked stock; a scan must not rewrite it (only validation does), or
        concurrent scanners collide on that row."""
        self._put_in_stock(self.product_pick, qty=5)
        delivery = self._create_delivery([(self.product_pick, 2)])
        untracked = self.env["stock.quant"].search(
            [
                ("product_id", "=", self.product_pick.id),
                ("location_id", "=", self.warehouse.lot_stock_id.id),
                ("lot_id", "=", False),
            ]
        )
        self.assertEqual(untracked.reserved_quantity, 2)

        def row_version():
            # An UPDATE writes a new row version, so its ctid changes.
            self.env.flush_all()
            self.env.cr.execute(
                "SELECT ctid::text FROM stock_quant WHERE id = %s", [untracked.id]
            )
            return self.env.cr.fetchone()[0]

        before = row_version()
        self.assertScanOk(
            self._scan(delivery.with_user(self.stock_user), self.product_pick, "EB-1")
        )
        self.assertEqual(row_version(), before)
        self._validate(delivery.with_user(self.stock_user), backorder="create")
        self.assertNotEqual(row_version(), before)
        self.assertOnHand(self.product_pick, {False: 4})

    def test_validation_needs_a_serial_per_unit(self):
        self._put_in_stock(self.product_pick, qty=2)
        delivery = self._create_delivery([(self.product_pick, 2)]).with_user(
            self.stock_user
        )
        with self.assertRefused(UserError, r"Earbuds is in Track During Pick: 2 units"):
            delivery.button_validate()
        self.assertScanOk(self._scan(delivery, self.product_pick, "EB-1"))
        delivery.move_ids.picked = True
        with self.assertRefused(UserError, r"Earbuds is in Track During Pick: 1 units"):
            delivery.button_validate()
        self.assertOnHand(self.product_pick, {False: 2})

    def test_short_pick_with_backorder(self):
        self._put_in_stock(self.product_pick, qty=3)
        delivery = self._create_delivery([(self.product_pick, 3)]).with_user(
            self.stock_user
        )
        self.assertScanOk(self._scan(delivery, self.product_pick, "EB-7"))
        self._validate(delivery, backorder="create")
        self.assertEqual(delivery.move_line_ids.lot_id.mapped("name"), ["EB-7"])
        self.assertEqual(delivery.backorder_ids.move_ids.product_uom_qty, 2)
        self.assertOnHand(self.product_pick, {False: 2})
        self.assertNoNegativeQuant(self.product_pick)

    def test_serial_on_hand_elsewhere_is_refused(self):
        self._put_in_stock(self.product_pick, qty=2)
        self._put_in_stock(
            self.product_pick,
            serials=["EB-ELSE"],
            location=self.warehouse_3steps.lot_stock_id,
        )
        delivery = self._create_delivery([(self.product_pick, 1)]).with_user(
            self.stock_user
        )
        self.assertScanRefused(
            self._scan(delivery, self.product_pick, "EB-ELSE"),
            "EB-ELSE",
            "is at W3S/Stock",
        )
        self.assertFalse(delivery.move_line_ids.filtered("picked"))

    def test_delivered_serial_is_refused_until_returned(self):
        self._put_in_stock(self.product_pick, qty=3)
        first = self._create_delivery([(self.product_pick, 1)]).with_user(
            self.stock_user
        )
        self.assertScanOk(self._scan(first, self.product_pick, "EB-SOLD"))
        self._validate(first)
        second = self._create_delivery([(self.product_pick, 1)]).with_user(
            self.stock_user
        )
        self.assertScanRefused(
            self._scan(second, self.product_pick, "EB-SOLD"), "delivered by", first.name
        )
        # The customer returns it: that very serial is back on hand.
        back = self._return(first, self.product_pick, 1).with_user(self.stock_user)
        self.assertScanOk(self._scan(back, self.product_pick, "EB-SOLD"))
        self._validate(back)
        self.assertOnHand(self.product_pick, {False: 2, "EB-SOLD": 1})
        # From then on it is picked like any serial on hand.
        self.assertScanOk(self._scan(second, self.product_pick, "EB-SOLD"))
        self._validate(second)
        self.assertOnHand(self.product_pick, {False: 2})
        self.assertNoNegativeQuant(self.product_pick)

    def test_same_serial_twice_on_a_pick_is_refused(self):
        self._put_in_stock(self.product_pick, qty=2)
        delivery = self._create_delivery([(self.product_pick, 2)]).with_user(
            self.stock_user
        )
        self.assertScanOk(self._scan(delivery, self.product_pick, "EB-1"))
        self.assertScanRefused(
            self._scan(delivery, self.product_pick, "EB-1"),
            "EB-1",
            "given twice",
            delivery.name,
        )

    def test_over_pick_is_refused(self):
        self._put_in_stock(self.product_pick, qty=2)
        delivery = self._create_delivery([(self.product_pick, 1)]).with_user(
            self.stock_user
        )
        self.assertScanOk(self._scan(delivery, self.product_pick, "EB-1"))
        self.assertScanRefused(
            self._scan(delivery, self.product_pick, "EB-2"), "already picked"
        )

    def test_three_steps_serial_follows_without_new_scan(self):
        self._put_in_stock(
            self.product_pick, qty=4, location=self.warehouse_3steps.lot_stock_id
        )
        pick = self._create_chain(self.product_pick, 2)
        upick = pick.with_user(self.stock_user)
        self.assertScanOk(self._scan(upick, self.product_pick, "EB-31"))
        self.assertScanOk(self._scan(upick, self.product_pick, "EB-32"))
        self._validate(upick)
        wh = self.warehouse_3steps
        self.assertOnHand(self.product_pick, {False: 2}, wh.lot_stock_id)
        self.assertOnHand(
            self.product_pick, {"EB-31": 1, "EB-32": 1}, pick.location_dest_id
        )
        # Pack: the serials come with the reservation, no scan.
        pack = self._next_step(pick.group_id, wh.pack_type_id)
        self.assertEqual(pack.state, "assigned")
        self.assertEqual(pack.move_line_ids.lot_id.mapped("name"), ["EB-31", "EB-32"])
        self.assertScanRefused(
            self._scan(pack.with_user(self.stock_user), self.product_pick, "EB-31"),
            "captured on pick lists only",
        )
        self._validate(pack.with_user(self.stock_user))
        ship = self._next_step(pick.group_id, wh.out_type_id)
        self.assertEqual(ship.move_line_ids.lot_id.mapped("name"), ["EB-31", "EB-32"])
        self._validate(ship.with_user(self.stock_user))
        self.assertOnHand(
            self.product_pick, {"EB-31": 1, "EB-32": 1}, self.customer_location
        )
        self.assertNoNegativeQuant(self.product_pick)


@tagged("post_install", "-at_install")
class TestPickFullTracking(PickCase):
    """Full Tracking on the way out: only serials on hand at the pick's source."""

    def test_reserved_serials_and_swap(self):
        self._put_in_stock(self.product_full, serials=["FT-1", "FT-2", "FT-3"])
        delivery = self._create_delivery([(self.product_full, 2)]).with_user(
            self.stock_user
        )
        reserved = set(delivery.move_line_ids.lot_id.mapped("name"))
        self.assertEqual(len(reserved), 2)
        free = ({"FT-1", "FT-2", "FT-3"} - reserved).pop()
        # Scanning the free serial takes over a reservation.
        self.assertScanOk(self._scan(delivery, self.product_full, free), done_qty=1)
        kept = sorted(reserved)[0]
        self.assertScanOk(self._scan(delivery, self.product_full, kept), done_qty=2)
        self.assertEqual(
            set(delivery.move_line_ids.lot_id.mapped("name")), {free, kept}
        )
        self._validate(delivery)
        left = ({"FT-1", "FT-2", "FT-3"} - {free, kept}).pop()
        self.assertOnHand(self.product_full, {left: 1})
        self.assertOnHand(self.product_full, {free: 1, kept: 1}, self.customer_location)
        quants = self.env["stock.quant"].search(
            [("product_id", "=", self.product_full.id)]
        )
        self.assertEqual(sum(quants.mapped("reserved_quantity")), 0)
        self.assertNoNegativeQuant(self.product_full)

    def test_scan_answer_names_the_product_as_odoo_does(self):
        # The answer's product name is Odoo's display name (read without
        # Odoo's second check of the product's company rule); the product is
        # found by id, archived too; an unknown id changes nothing.
        product = self._create_product("Laptop Pro", "full", default_code="LP-9")
        self._put_in_stock(product, serials=["NP-1", "NP-2", "NP-3"])
        delivery = self._create_delivery([(product, 2)]).with_user(self.stock_user)
        free = (
            {"NP-1", "NP-2", "NP-3"} - set(delivery.move_line_ids.lot_id.mapped("name"))
        ).pop()
        result = self._scan(delivery, product, free)
        self.assertScanOk(result, done_qty=1)
        self.assertEqual(result["message"], f"{free} recorded for [LP-9] Laptop Pro.")
        self.assertEqual(
            result["message"],
            f"{free} recorded for {product.with_user(self.stock_user).display_name}.",
        )
        unknown = self.env["product.product"].search([], order="id desc", limit=1).id
        unknown += 1000
        result = delivery.wms_scan_serial(unknown, "NP-9")
        self.assertScanRefused(result, f"Unknown product (id {unknown})")
        self.assertEqual(result["done_qty"], 0.0)
        self.assertEqual(len(delivery.move_line_ids.filtered("picked")), 1)
        product.active = False
        other = sorted({"NP-1", "NP-2", "NP-3"} - {free} - {"NP-9"})[0]
        self.assertScanOk(self._scan(delivery, product, other), done_qty=2)

    def test_scans_keep_the_move_picked(self):
        # A scan does not recompute ``picked`` of a move picked already: it must
        # still be what Odoo computes, from the first scan to a refused one.
        self._put_in_stock(self.product_full, serials=["FT-1", "FT-2", "FT-3"])
        delivery = self._create_delivery([(self.product_full, 3)]).with_user(
            self.stock_user
        )
        move = delivery.move_ids
        self.assertMovePicked(move, False)
        for done_qty, serial in enumerate(["FT-3", "FT-1"], start=1):
            self.assertScanOk(
                self._scan(delivery, self.product_full, serial), done_qty=done_qty
            )
            self.assertMovePicked(move, True)
        self.assertScanRefused(self._scan(delivery, self.product_full, "FT-1"))
        self.assertMovePicked(move, True)
        self.assertEqual(len(move.move_line_ids.filtered("picked")), 2)

    def test_refusals(self):
        self._put_in_stock(self.product_full, serials=["FT-1", "FT-2"])
        self._put_in_stock(
            self.product_full,
            serials=["FT-AWAY"],
            location=self.warehouse_3steps.lot_stock_id,
        )
        first = self._create_delivery([(self.product_full, 1)])
        reserved_by_first = first.move_line_ids.lot_id.name
        other = "FT-2" if reserved_by_first == "FT-1" else "FT-1"
        second = self._create_delivery([(self.product_full, 1)]).with_user(
            self.stock_user
        )
        self.assertEqual(second.move_line_ids.lot_id.name, other)
        # A serial known, but on hand nowhere.
        self.env["stock.lot"].create(
            {
                "name": "FT-GONE",
                "product_id": self.product_full.id,
                "company_id": self.company.id,
            }
        )
        cases = [
            ("FT-NEW", "is unknown"),
            ("FT-GONE", f"is not in stock at {self.stock_location.display_name}"),
            ("FT-AWAY", "is at W3S/Stock"),
            (reserved_by_first, f"is reserved by {first.name}"),
        ]
        for serial, reason in cases:
            with self.subTest(serial=serial):
                self.assertScanRefused(
                    self._scan(second, self.product_full, serial), serial, reason
                )
        self.assertFalse(second.move_line_ids.filtered("picked"))
        self.assertScanOk(self._scan(second, self.product_full, other))
        self._validate(second)
        # Delivered, not returned.
        third = self._create_delivery([(self.product_full, 1)]).with_user(
            self.stock_user
        )
        self.assertScanRefused(
            self._scan(third, self.product_full, other), "delivered by", second.name
        )

    def test_validation_refuses_missing_or_foreign_serials(self):
        self._put_in_stock(self.product_full, serials=["FT-1"])
        self._put_in_stock(self.product_pick, qty=1)
        delivery = self._create_delivery(
            [(self.product_full, 1), (self.product_pick, 1), (self.product_none, 1)]
        )
        delivery.move_line_ids.filtered(
            lambda ml: ml.product_id == self.product_full
        ).lot_id = False
        with self.assertRefused(
            UserError, r"Laptop is in Full Tracking: 1 units"
        ) as error:
            delivery.with_user(self.stock_user).button_validate()
        self.assertIn(
            "Earbuds is in Track During Pick: 1 units", error.exception.args[0]
        )

    def test_three_steps(self):
        wh = self.warehouse_3steps
        self._put_in_stock(
            self.product_full, serials=["F3-1", "F3-2"], location=wh.lot_stock_id
        )
        pick = self._create_chain(self.product_full, 1)
        upick = pick.with_user(self.stock_user)
        self.assertScanOk(self._scan(upick, self.product_full, "F3-2"))
        self._validate(upick)
        self.assertOnHand(self.product_full, {"F3-1": 1}, wh.lot_stock_id)
        self.assertOnHand(self.product_full, {"F3-2": 1}, pick.location_dest_id)
        pack = self._next_step(pick.group_id, wh.pack_type_id)
        self.assertEqual(pack.move_line_ids.lot_id.name, "F3-2")
        self._validate(pack.with_user(self.stock_user))
        self._validate(
            self._next_step(pick.group_id, wh.out_type_id).with_user(self.stock_user)
        )
        self.assertOnHand(self.product_full, {"F3-2": 1}, self.customer_location)
        self.assertNoNegativeQuant(self.product_full)

    def test_return_brings_the_serial_back(self):
        self._put_in_stock(self.product_full, serials=["FR-1"])
        delivery = self._create_delivery([(self.product_full, 1)]).with_user(
            self.stock_user
        )
        self.assertScanOk(self._scan(delivery, self.product_full, "FR-1"))
        self._validate(delivery)
        back = self._return(delivery, self.product_full, 1).with_user(self.stock_user)
        self.assertScanOk(self._scan(back, self.product_full, "FR-1"))
        self._validate(back)
        self.assertOnHand(self.product_full, {"FR-1": 1})

    def test_none_products_work_as_standard(self):
        self._put_in_stock(self.product_none, qty=4)
        delivery = self._create_delivery([(self.product_none, 3)]).with_user(
            self.stock_user
        )
        self.assertScanRefused(
            self._scan(delivery, self.product_none, "X"), "No Tracking"
        )
        self._validate(delivery)
        self.assertOnHand(self.product_none, {False: 1})


@tagged("post_install", "-at_install")
class TestBulkPick(PickCase):
    """``wms_set_picked_serials``: many serials in one call, same rules, all or none."""

    def test_bulk_pick_track_during_pick(self):
        self._put_in_stock(self.product_pick, qty=4)
        delivery = self._create_delivery([(self.product_pick, 3)]).with_user(
            self.stock_user
        )
        result = delivery.wms_set_picked_serials(
            self.product_pick.id, ["B-1", " B-2 ", "B-3"]
        )
        self.assertTrue(result["ok"])
        self.assertEqual((result["count"], result["done_qty"]), (3, 3))
        self._validate(delivery)
        self.assertOnHand(self.product_pick, {False: 1})
        self.assertOnHand(
            self.product_pick, {"B-1": 1, "B-2": 1, "B-3": 1}, self.customer_location
        )
        self.assertNoNegativeQuant(self.product_pick)

    def test_bulk_pick_full_tracking_swaps(self):
        self._put_in_stock(self.product_full, serials=["BF-1", "BF-2", "BF-3", "BF-4"])
        delivery = self._create_delivery([(self.product_full, 2)]).with_user(
            self.stock_user
        )
        delivery.wms_set_picked_serials(self.product_full.id, ["BF-4", "BF-3"])
        self.assertEqual(
            sorted(delivery.move_line_ids.filtered("picked").lot_id.mapped("name")),
            ["BF-3", "BF-4"],
        )
        self._validate(delivery)
        self.assertOnHand(self.product_full, {"BF-1": 1, "BF-2": 1})

    def test_bulk_pick_keeps_one_reservation_and_swaps_another(self):
        # The serial reserved on the first line is given with one not reserved:
        # the latter takes over the other line, never the first one.
        self._put_in_stock(self.product_full, serials=["BK-1", "BK-2", "BK-3"])
        delivery = self._create_delivery([(self.product_full, 2)]).with_user(
            self.stock_user
        )
        first, second = delivery.move_line_ids.sorted("id")
        kept, released = first.lot_id.name, second.lot_id.name
        free = ({"BK-1", "BK-2", "BK-3"} - {kept, released}).pop()
        delivery.wms_set_picked_serials(self.product_full.id, [free, kept])
        self.assertEqual(first.lot_id.name, kept)
        self.assertEqual(second.lot_id.name, free)
        self.assertTrue(first.picked and second.picked)
        self._validate(delivery)
        self.assertOnHand(self.product_full, {released: 1})

    def test_bulk_refusal_records_nothing(self):
        self._put_in_stock(self.product_pick, qty=3)
        self._put_in_stock(
            self.product_pick,
            serials=["B-AWAY"],
            location=self.warehouse_3steps.lot_stock_id,
        )
        delivery = self._create_delivery([(self.product_pick, 3)]).with_user(
            self.stock_user
        )
        cases = [
            (["B-1", "B-AWAY", "B-3"], "B-AWAY"),
            (["B-1", "B-1", "B-3"], "given twice"),
            (["B-1", "", "B-3"], "Line 2"),
            (["B-1", "B-2", "B-3", "B-4"], "already picked"),
        ]
        for serials, reason in cases:
            with self.subTest(serials=serials):
                with self.assertRefused(UserError, reason):
                    delivery.wms_set_picked_serials(self.product_pick.id, serials)
                self.assertFalse(delivery.move_line_ids.filtered("picked"))
                self.assertFalse(delivery.move_line_ids.filtered("lot_name"))
