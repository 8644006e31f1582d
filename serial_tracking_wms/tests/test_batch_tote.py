# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PickCase, create_picking


@tagged("post_install", "-at_install")
class TestBatchPick(PickCase):
    """Pick tasks gathered in a batch (or a wave) take serials exactly as single
    pick lists do."""

    def _batch(self, pickings, **vals):
        batch = self.env["stock.picking.batch"].create(
            {"picking_ids": [(6, 0, pickings.ids)], **vals}
        )
        batch.action_confirm()
        return batch.with_user(self.stock_user)

    def test_batch_routes_each_serial_to_its_pick_list(self):
        self._put_in_stock(self.product_full, serials=["FT-1", "FT-2"])
        self._put_in_stock(self.product_pick, qty=3)
        first = self._create_delivery([(self.product_full, 1), (self.product_pick, 2)])
        second = self._create_delivery([(self.product_full, 1), (self.product_pick, 1)])
        batch = self._batch(first | second)
        reserved_on_second = second.move_line_ids.lot_id.name
        result = batch.wms_scan_serial(self.product_full.id, reserved_on_second)
        self.assertScanOk(result, done_qty=1)
        self.assertEqual(result["expected_qty"], 2)
        self.assertEqual(result["picking"], second.name)
        other = ({"FT-1", "FT-2"} - {reserved_on_second}).pop()
        self.assertEqual(
            batch.wms_scan_serial(self.product_full.id, other)["picking"], first.name
        )
        # Track During Pick: new serials fill the first pick list, then the next.
        for serial, picking in (("EB-1", first), ("EB-2", first), ("EB-3", second)):
            result = batch.wms_scan_serial(self.product_pick.id, serial)
            self.assertScanOk(result)
            self.assertEqual(result["picking"], picking.name)
        self.assertScanRefused(
            batch.wms_scan_serial(self.product_pick.id, "EB-4"), "already picked"
        )
        batch.action_done()
        self.assertEqual((first | second).mapped("state"), ["done", "done"])
        self.assertEqual(
            set(first.move_line_ids.lot_id.mapped("name")), {other, "EB-1", "EB-2"}
        )
        self.assertEqual(
            set(second.move_line_ids.lot_id.mapped("name")),
            {reserved_on_second, "EB-3"},
        )
        self.assertOnHand(self.product_pick, {})
        self.assertNoNegativeQuant(self.product_pick)

    def test_batch_refusals_are_the_pick_lists(self):
        self._put_in_stock(self.product_full, serials=["FT-1"])
        self._put_in_stock(
            self.product_full,
            serials=["FT-ELSE"],
            location=self.warehouse_3steps.lot_stock_id,
        )
        self._put_in_stock(self.product_pick, qty=2)
        delivery = self._create_delivery(
            [(self.product_full, 1), (self.product_pick, 2)]
        )
        batch = self._batch(delivery)
        self.assertScanRefused(
            batch.wms_scan_serial(self.product_full.id, "FT-ELSE"),
            "FT-ELSE",
            "is at W3S/Stock",
        )
        self.assertScanRefused(
            batch.wms_scan_serial(self.product_full.id, "FT-NONE"), "is unknown"
        )
        self.assertScanRefused(
            batch.wms_scan_serial(self.product_none.id, "X"), "Cable is not on"
        )
        self.assertScanOk(batch.wms_scan_serial(self.product_pick.id, "EB-1"))
        self.assertScanRefused(
            batch.wms_scan_serial(self.product_pick.id, "EB-1"), "given twice"
        )
        # Validation of the batch needs a serial per unit, as a single pick does.
        delivery.move_ids.picked = True
        with self.assertRefused(UserError, r"Earbuds is in Track During Pick: 1 units"):
            batch.action_done()
        self.assertEqual(delivery.state, "assigned")

    def test_wave_transfer(self):
        self._put_in_stock(self.product_pick, qty=4)
        first = self._create_delivery([(self.product_pick, 2)])
        second = self._create_delivery([(self.product_pick, 2)])
        lines = first.move_line_ids | second.move_line_ids[:1]
        lines.with_context(active_owner_id=self.stock_user.id)._add_to_wave()
        wave = lines.batch_id.with_user(self.stock_user)
        self.assertTrue(wave.is_wave)
        self.assertEqual(
            sum(wave.picking_ids.move_ids.mapped("product_uom_qty")),
            3,
            "the wave takes three of the four units",
        )
        for serial in ("W-1", "W-2", "W-3"):
            self.assertScanOk(wave.wms_scan_serial(self.product_pick.id, serial))
        self.assertScanRefused(
            wave.wms_scan_serial(self.product_pick.id, "W-4"), "already picked"
        )
        wave.action_done()
        self.assertEqual(set(wave.picking_ids.mapped("state")), {"done"})
        self.assertOnHand(
            self.product_pick,
            {"W-1": 1, "W-2": 1, "W-3": 1},
            self.customer_location,
        )
        self.assertOnHand(self.product_pick, {False: 1})

    def test_batch_quantity_is_shared_out(self):
        self._put_in_stock(self.product_none, qty=5)
        first = self._create_delivery([(self.product_none, 2)])
        second = self._create_delivery([(self.product_none, 3)])
        batch = self._batch(first | second)
        batch.wms_set_quantity(self.product_none.id, 5)
        self.assertEqual(first.move_ids.quantity, 2)
        self.assertEqual(second.move_ids.quantity, 3)
        batch.action_done()
        self.assertOnHand(self.product_none, {})


@tagged("post_install", "-at_install")
class TestTotes(PickCase):
    """Picking into totes (Odoo packages): each serial is recorded against its
    tote; scanning a tote lists or moves what it holds; the pack step empties it
    without rescanning."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tote = cls.env["stock.quant.package"].create({"name": "TOTE-01"})

    def _pick_into_tote(self, product, serials, qty=None):
        pick = self._create_chain(product, qty or len(serials)).with_user(
            self.stock_user
        )
        for serial in serials:
            result = pick.wms_scan_serial(product.id, serial, self.tote.id)
            self.assertScanOk(result)
            self.assertIn("TOTE-01", result["message"])
        return pick

    def _check_tote_to_pack(self, product, serials):
        pick = self._pick_into_tote(product, serials)
        self.assertEqual(pick.move_line_ids.result_package_id, self.tote)
        listed = pick.wms_scan_package("TOTE-01")
        self.assertTrue(listed["ok"])
        self.assertEqual(sorted(listed["serials"]), sorted(serials))
        self.assertEqual(listed["moved"], 0)
        self._validate(pick)
        output = pick.location_dest_id
        quants = self.env["stock.quant"].search(
            [("product_id", "=", product.id), ("location_id", "=", output.id)]
        )
        self.assertEqual(quants.package_id, self.tote)
        self.assertEqual(sorted(quants.lot_id.mapped("name")), sorted(serials))
        # The pack step: one scan of the tote picks every serial in it.
        pack = self._next_step(pick.group_id, self.warehouse_3steps.pack_type_id)
        upack = pack.with_user(self.stock_user)
        result = upack.wms_scan_package(" TOTE-01 ")
        self.assertTrue(result["ok"], result["message"])
        self.assertEqual(result["moved"], len(serials))
        self.assertIn("emptied", result["message"])
        self.assertTrue(all(pack.move_line_ids.mapped("picked")))
        self._validate(upack)
        self.assertOnHand(product, dict.fromkeys(serials, 1), pack.location_dest_id)
        packed = self.env["stock.quant"].search(
            [
                ("product_id", "=", product.id),
                ("location_id", "=", pack.location_dest_id.id),
            ]
        )
        self.assertFalse(packed.package_id, "the tote is emptied at the pack step")
        self.assertFalse(self.tote.quant_ids.filtered("quantity"))
        self.assertNoNegativeQuant(product)

    def test_full_tracking_tote_to_pack(self):
        self._put_in_stock(
            self.product_full,
            serials=["FT-1", "FT-2"],
            location=self.warehouse_3steps.lot_stock_id,
        )
        self._check_tote_to_pack(self.product_full, ["FT-1", "FT-2"])

    def test_track_during_pick_tote_to_pack(self):
        self._put_in_stock(
            self.product_pick, qty=3, location=self.warehouse_3steps.lot_stock_id
        )
        self._check_tote_to_pack(self.product_pick, ["EB-1", "EB-2"])

    def test_internal_transfer_moves_the_tote_whole(self):
        shelf = self.env["stock.location"].create(
            {"name": "Shelf T", "location_id": self.stock_location.id}
        )
        for name in ("FT-1", "FT-2"):
            lot = self.env["stock.lot"].create(
                {"name": name, "product_id": self.product_full.id}
            )
            self.env["stock.quant"]._update_available_quantity(
                self.product_full,
                self.stock_location,
                1,
                lot_id=lot,
                package_id=self.tote,
            )
        transfer = create_picking(
            self.env,
            self.warehouse.int_type_id,
            self.stock_location,
            shelf,
            self.env["res.partner"],
            [(self.product_full, 2)],
        )
        transfer.action_confirm()
        transfer.action_assign()
        utransfer = transfer.with_user(self.stock_user)
        result = utransfer.wms_scan_package("TOTE-01")
        self.assertEqual(result["moved"], 2)
        self.assertEqual(sorted(result["serials"]), ["FT-1", "FT-2"])
        self._validate(utransfer)
        quants = self.env["stock.quant"].search(
            [("product_id", "=", self.product_full.id), ("location_id", "=", shelf.id)]
        )
        self.assertEqual(quants.package_id, self.tote)
        self.assertEqual(sorted(quants.lot_id.mapped("name")), ["FT-1", "FT-2"])

    def test_tote_refusals(self):
        wh = self.warehouse_3steps
        self._put_in_stock(
            self.product_full, serials=["FT-1"], location=wh.lot_stock_id
        )
        busy = self.env["stock.quant.package"].create({"name": "TOTE-BUSY"})
        lot = self.env["stock.lot"].create(
            {"name": "FT-IN-TOTE", "product_id": self.product_full.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product_full, self.stock_location, 1, lot_id=lot, package_id=busy
        )
        pick = self._create_chain(self.product_full, 1).with_user(self.stock_user)
        self.assertScanRefused(
            pick.wms_scan_serial(self.product_full.id, "FT-1", busy.id),
            "Tote TOTE-BUSY holds stock at STW/Stock",
        )
        self.assertFalse(pick.move_line_ids.filtered("picked"))
        self.assertScanRefused(
            pick.wms_scan_serial(self.product_full.id, "FT-1", 999999), "Unknown tote"
        )
        unknown = pick.wms_scan_package("NO-SUCH-TOTE")
        self.assertFalse(unknown["ok"])
        self.assertIn("NO-SUCH-TOTE is not a known tote", unknown["message"])

    def test_batch_of_pack_steps_empties_the_tote_once(self):
        wh = self.warehouse_3steps
        self._put_in_stock(
            self.product_full, serials=["FT-1", "FT-2"], location=wh.lot_stock_id
        )
        picks = self._pick_into_tote(self.product_full, ["FT-1"])
        picks |= self._pick_into_tote(self.product_full, ["FT-2"])
        for pick in picks:
            self._validate(pick)
        packs = self.env["stock.picking"]
        for pick in picks:
            packs |= self._next_step(pick.group_id, wh.pack_type_id)
        batch = self.env["stock.picking.batch"].create(
            {"picking_ids": [(6, 0, packs.ids)]}
        )
        batch.action_confirm()
        result = batch.with_user(self.stock_user).wms_scan_package("TOTE-01")
        self.assertTrue(result["ok"], result["message"])
        self.assertEqual(result["moved"], 2)
        self.assertEqual(sorted(result["serials"]), ["FT-1", "FT-2"])
        self.assertIn("2 units picked on", result["message"])
        batch.with_user(self.stock_user).action_done()
        self.assertEqual(set(packs.mapped("state")), {"done"})
        self.assertFalse(self.tote.quant_ids.filtered("quantity"))
