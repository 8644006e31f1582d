# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from contextlib import ExitStack
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from ..speed import count as speed_count
from ..speed.rows import create_rows
from .common import PickCase, SerialTrackingCase
from .speed_common import unverified


class InventoryCountCase(SerialTrackingCase):
    """Adds a second internal location of the test warehouse, Odoo's inventory
    adjustment location, and helpers to count the native way and by serial."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shelf = cls.env["stock.location"].create(
            {
                "name": "Shelf 2",
                "usage": "internal",
                "location_id": cls.warehouse.view_location_id.id,
            }
        )
        cls.inventory_location = cls.product_full.with_company(
            cls.company
        ).property_stock_inventory
        cls.integrity = cls.env["stock.serial.integrity"].with_user(cls.stock_manager)

    # --- Helpers ---
    def _count_serials(self, serials, product=None, location=None, user=None):
        """``stock.quant.wms_count_serials`` as ``user`` (the stock user) calls
        it over RPC."""
        return (
            self.env["stock.quant"]
            .with_user(user or self.stock_user)
            .wms_count_serials(
                (location or self.stock_location).id,
                (product or self.product_full).id,
                serials,
            )
        )

    def _native_count(self, product, qty, location=None, serial=None, user=None):
        """A count entered in Physical Inventory (a line created in inventory
        mode), not applied yet."""
        vals = {
            "product_id": product.id,
            "location_id": (location or self.stock_location).id,
            "inventory_quantity": qty,
        }
        if serial:
            vals["lot_id"] = self._lot(product, serial).id
        quant = (
            self.env["stock.quant"]
            .with_user(user or self.stock_user)
            .with_context(inventory_mode=True)
            .create(vals)
        )
        return quant.with_user(user or self.stock_user).with_context(
            inventory_mode=True
        )

    def _lot(self, product, name):
        lot = self.env["stock.lot"].search(
            [("product_id", "=", product.id), ("name", "=", name)]
        )
        return lot or self.env["stock.lot"].create(
            {"name": name, "product_id": product.id, "company_id": self.company.id}
        )

    def _adjustment_lines(self, product=None):
        """The done inventory adjustment lines of ``product``."""
        return self.env["stock.move.line"].search(
            [
                ("product_id", "=", (product or self.product_full).id),
                ("move_id.is_inventory", "=", True),
                ("state", "=", "done"),
            ],
            order="id",
        )

    def assertRefusedBeforeWriting(self, call, *fragments):
        """The call raises ``UserError`` naming ``fragments``. No savepoint rolls
        back what it wrote: the test's checks see everything it left behind."""
        try:
            call()
        except UserError as error:
            message = str(error.args[0])
        else:
            self.fail("the call should have been refused")
        for fragment in fragments:
            self.assertIn(fragment, message)
        return message

    def assertNoIntegrityProblem(self):
        self.assertEqual(self.integrity.wms_check(), [])


@tagged("post_install", "-at_install")
class TestCountSerials(InventoryCountCase):
    """Full Tracking counted by serial number: ``wms_count_serials``."""

    def test_count_adds_writes_off_and_keeps(self):
        self._put_in_stock(self.product_full, serials=["CNT-1", "CNT-2", "CNT-3"])
        result = self._count_serials(["CNT-2", " CNT-3 ", "CNT-4"])
        self.assertEqual(
            result,
            {
                "added": ["CNT-4"],
                "returned": [],
                "written_off": ["CNT-1"],
                "unchanged": ["CNT-2", "CNT-3"],
            },
        )
        self.assertOnHand(self.product_full, {"CNT-2": 1, "CNT-3": 1, "CNT-4": 1})
        # One adjustment line per serial changed, from or to Odoo's inventory
        # adjustment location, none for the serials found where they were.
        lines = self._adjustment_lines()
        self.assertEqual(len(lines), 2)
        by_serial = {line.lot_id.name: line for line in lines}
        self.assertEqual(set(by_serial), {"CNT-1", "CNT-4"})
        added, written_off = by_serial["CNT-4"], by_serial["CNT-1"]
        self.assertEqual(
            (added.location_id, added.location_dest_id, added.quantity),
            (self.inventory_location, self.stock_location, 1),
        )
        self.assertEqual(
            (written_off.location_id, written_off.location_dest_id),
            (self.stock_location, self.inventory_location),
        )
        self.assertEqual(written_off.quantity, 1)
        self.assertEqual(len(lines.move_id), 2)
        self.assertTrue(all(move.is_inventory for move in lines.move_id))
        self.assertIn("Serial Number Count", added.move_id.name)
        self.assertEqual(added.move_id.state, "done")
        # The new serial's lot belongs to the company; the written-off one sits
        # at the inventory adjustment location, as Odoo leaves it.
        self.assertEqual(added.lot_id.company_id, self.company)
        self.assertOnHand(
            self.product_full, {"CNT-1": 1, "CNT-4": -1}, self.inventory_location
        )
        # The counts are applied: no count left pending.
        self.assertFalse(
            self.env["stock.quant"].search(
                [
                    ("product_id", "=", self.product_full.id),
                    ("inventory_quantity_set", "=", True),
                ]
            )
        )
        self.assertNoIntegrityProblem()

    def test_lot_history_shows_the_adjustment(self):
        self._put_in_stock(self.product_full, serials=["HIS-1"])
        self._count_serials(["HIS-2"])
        for serial, step_from, step_to in (
            ("HIS-2", self.inventory_location, self.stock_location),
            ("HIS-1", self.stock_location, self.inventory_location),
        ):
            lot = self._lot(self.product_full, serial)
            last = lot._wms_history_lines()[-1]
            self.assertTrue(last.move_id.is_inventory)
            self.assertEqual(last.wms_serial_step, "adjusted")
            self.assertEqual(
                (last.location_id, last.location_dest_id), (step_from, step_to)
            )
            # The Serial Number Lookup, as a stock user opens it.
            lookup = self.uenv["stock.serial.lookup"].create({"serial": serial})
            self.assertEqual(lookup.line_ids[-1], last)
            self.assertEqual(lookup.quant_ids.location_id, step_to)
        self.assertEqual(
            len(self._lot(self.product_full, "HIS-2")._wms_history_lines()), 1
        )

    def test_serial_written_off_then_found_again_reuses_its_lot(self):
        self._put_in_stock(self.product_full, serials=["RE-1"])
        lot = self._lot(self.product_full, "RE-1")
        self.assertEqual(self._count_serials([])["written_off"], ["RE-1"])
        self.assertOnHand(self.product_full, {})
        self.assertEqual(self._count_serials(["RE-1"])["added"], ["RE-1"])
        self.assertOnHand(self.product_full, {"RE-1": 1})
        self.assertEqual(
            self.env["stock.lot"].search([("name", "=", "RE-1")]), lot, "lot reused"
        )
        self.assertEqual(len(lot._wms_history_lines()), 2)
        self.assertNoIntegrityProblem()

    def test_count_at_another_location_leaves_this_one(self):
        self._put_in_stock(self.product_full, serials=["LOC-1"])
        self._put_in_stock(self.product_full, serials=["LOC-2"], location=self.shelf)
        result = self._count_serials(["LOC-3"], location=self.shelf)
        self.assertEqual(result["written_off"], ["LOC-2"])
        self.assertOnHand(self.product_full, {"LOC-1": 1})
        self.assertOnHand(self.product_full, {"LOC-3": 1}, self.shelf)
        self.assertNoIntegrityProblem()

    def test_nothing_changed(self):
        self._put_in_stock(self.product_full, serials=["SAME-1"])
        result = self._count_serials(["SAME-1"])
        self.assertEqual(
            result,
            {"added": [], "returned": [], "written_off": [], "unchanged": ["SAME-1"]},
        )
        self.assertFalse(self._adjustment_lines())

    # --- Refusals: before anything is written ---
    def assertNothingWritten(self, serials_on_hand, new_serials):
        self.assertOnHand(self.product_full, serials_on_hand)
        self.assertFalse(self._adjustment_lines())
        self.assertFalse(
            self.env["stock.lot"].search([("name", "in", new_serials)]),
            "no lot created",
        )
        self.assertFalse(
            self.env["stock.quant"].search(
                [
                    ("product_id", "=", self.product_full.id),
                    ("inventory_quantity_set", "=", True),
                ]
            ),
            "no count recorded",
        )

    def test_found_serial_on_hand_elsewhere_is_refused(self):
        self._put_in_stock(self.product_full, serials=["EL-1"])
        self._put_in_stock(self.product_full, serials=["EL-9"], location=self.shelf)
        self.assertRefusedBeforeWriting(
            lambda: self._count_serials(["EL-NEW", "EL-9"]),
            "EL-9",
            "on hand at STW/Shelf 2",
            "cannot be counted as found at STW/Stock",
        )
        self.assertNothingWritten({"EL-1": 1}, ["EL-NEW"])
        self.assertOnHand(self.product_full, {"EL-9": 1}, self.shelf)

    def test_serial_given_twice_is_refused(self):
        self._put_in_stock(self.product_full, serials=["TW-1"])
        self.assertRefusedBeforeWriting(
            lambda: self._count_serials(["TW-NEW", "TW-2", "TW-2"]),
            "Line 3",
            "TW-2 is given twice",
        )
        self.assertNothingWritten({"TW-1": 1}, ["TW-NEW", "TW-2"])

    def test_malformed_serial_is_refused(self):
        self._put_in_stock(self.product_full, serials=["BAD-1"])
        for bad, fragment in (
            ("   ", "cannot be empty"),
            ("BAD\x00X", "control characters"),
            ("X" * 200, "at most 128"),
        ):
            self.assertRefusedBeforeWriting(
                lambda bad=bad: self._count_serials(["BAD-NEW", bad]), fragment
            )
            self.assertNothingWritten({"BAD-1": 1}, ["BAD-NEW"])

    def test_product_counted_by_quantity_is_refused(self):
        for product, mode in (
            (self.product_pick, "Track During Pick"),
            (self.product_none, "No Tracking"),
        ):
            self.assertRefusedBeforeWriting(
                lambda product=product: self._count_serials(["Q-1"], product=product),
                f"{product.display_name} is in {mode}: it is counted by quantity",
            )
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "Q-1")]))

    def test_serials_come_as_a_list(self):
        self.assertRefusedBeforeWriting(
            lambda: self._count_serials("LIST-1"), "given as a list"
        )
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "LIST-1")]))

    def test_location_must_be_internal(self):
        self.assertRefusedBeforeWriting(
            lambda: self._count_serials(["IN-1"], location=self.inventory_location),
            "is not one",
        )


@tagged("post_install", "-at_install")
class TestCountSerialsSetBased(InventoryCountCase):
    """The count records its serials set-based (``speed/count.py``): the
    quants of serials found without one made together, not by an
    inventory-mode ``create`` each; Odoo's path, with the same outcome, under
    ``wms_no_bulk`` or when the registry runs a definition of a method the
    count stands in for that it has not verified (here: Odoo's own, once the
    allow-list no longer declares it)."""

    def _count_spying(self, prefix, context=None, unverified_key=None):
        """Count 6 of 8 serials on hand and 4 new ones; the number of counted
        quants made set-based (``create_rows``), none on Odoo's path."""
        on_hand = [f"{prefix}-{i}" for i in range(8)]
        self._put_in_stock(self.product_full, serials=on_hand)
        made = []

        def spy(model, vals_list):
            made.extend(vals_list)
            return create_rows(model, vals_list)

        new = [f"{prefix}-N{i}" for i in range(4)]
        with ExitStack() as stack:
            stack.enter_context(patch.object(speed_count, "create_rows", spy))
            if unverified_key:
                stack.enter_context(unverified(self.env, "count", *unverified_key))
            result = (
                self.env["stock.quant"]
                .with_user(self.stock_user)
                .with_context(**(context or {}))
                .wms_count_serials(
                    self.stock_location.id, self.product_full.id, on_hand[:6] + new
                )
            )
        self.assertEqual(result["added"], sorted(new))
        self.assertEqual(result["written_off"], on_hand[6:])
        self.assertOnHand(self.product_full, dict.fromkeys(on_hand[:6] + new, 1))
        self.assertEqual(len(self._adjustment_lines()), 6)
        self.assertNoIntegrityProblem()
        return len(made)

    def test_count_is_set_based(self):
        self.assertEqual(self._count_spying("SB"), 4)

    def test_wms_no_bulk_takes_odoo_path(self):
        self.assertEqual(self._count_spying("NB", context={"wms_no_bulk": True}), 0)

    def test_unverified_definition_takes_odoo_path(self):
        self.assertEqual(
            self._count_spying(
                "UO", unverified_key=("stock.quant.create", "stock.StockQuant")
            ),
            0,
        )


@tagged("post_install", "-at_install")
class TestPhysicalInventory(InventoryCountCase):
    """Odoo's Physical Inventory (quants in inventory mode), with the rules of
    each tracking mode applied when counts are applied."""

    def test_full_tracking_count_without_serial_is_refused(self):
        quant = self._native_count(self.product_full, 2)
        self.assertRefusedBeforeWriting(
            quant.action_apply_inventory,
            "Laptop is in Full Tracking: it is counted by serial number",
            "2 units without serial number at STW/Stock",
        )
        # Odoo's "tracked products without serial" confirmation, the quantity
        # update of the product form, and deleting a quant all apply through
        # ``_apply_inventory``: refused there too.
        self.assertRefusedBeforeWriting(quant._apply_inventory, "Full Tracking")
        wizard = (
            self.env["stock.change.product.qty"]
            .with_user(self.stock_manager)
            .create(
                {
                    "product_id": self.product_full.id,
                    "product_tmpl_id": self.product_full.product_tmpl_id.id,
                    "new_quantity": 3,
                }
            )
        )
        self.assertRefusedBeforeWriting(wizard.change_product_qty, "Full Tracking")
        self.assertOnHand(self.product_full, {})
        self.assertFalse(self._adjustment_lines())

    def test_full_tracking_serial_counted_natively(self):
        self._put_in_stock(self.product_full, serials=["NAT-1"])
        found = self._native_count(self.product_full, 1, serial="NAT-2")
        missing = self.env["stock.quant"].search([("lot_id.name", "=", "NAT-1")])
        missing = missing.with_user(self.stock_user).with_context(inventory_mode=True)
        missing.inventory_quantity = 0
        self.assertFalse((found | missing).action_apply_inventory())
        self.assertOnHand(self.product_full, {"NAT-2": 1})
        lines = self._adjustment_lines()
        self.assertEqual(sorted(lines.lot_id.mapped("name")), ["NAT-1", "NAT-2"])
        self.assertNoIntegrityProblem()

    def test_serial_counted_two_is_refused(self):
        self._put_in_stock(self.product_full, serials=["TWO-1"])
        quant = self.env["stock.quant"].search([("lot_id.name", "=", "TWO-1")])
        quant = quant.with_user(self.stock_user).with_context(inventory_mode=True)
        quant.inventory_quantity = 2
        self.assertRefusedBeforeWriting(
            quant.action_apply_inventory,
            "Serial number TWO-1 of Laptop is counted 2 at STW/Stock",
            "counts 0 (not found) or 1 (found)",
        )
        self.assertOnHand(self.product_full, {"TWO-1": 1})
        self.assertFalse(self._adjustment_lines())

    def test_serial_found_while_on_hand_elsewhere_is_refused(self):
        self._put_in_stock(self.product_full, serials=["ELS-1"], location=self.shelf)
        quant = self._native_count(self.product_full, 1, serial="ELS-1")
        self.assertRefusedBeforeWriting(
            quant.action_apply_inventory,
            "Serial number ELS-1 of Laptop is on hand at STW/Shelf 2",
        )
        self.assertOnHand(self.product_full, {})
        self.assertOnHand(self.product_full, {"ELS-1": 1}, self.shelf)
        # Counted as not found at the shelf in the same application: it moved.
        on_shelf = self.env["stock.quant"].search(
            [("lot_id.name", "=", "ELS-1"), ("location_id", "=", self.shelf.id)]
        )
        on_shelf = on_shelf.with_user(self.stock_user).with_context(inventory_mode=True)
        on_shelf.inventory_quantity = 0
        self.assertFalse((quant | on_shelf).action_apply_inventory())
        self.assertOnHand(self.product_full, {"ELS-1": 1})
        self.assertOnHand(self.product_full, {}, self.shelf)
        self.assertNoIntegrityProblem()

    def test_serial_found_at_two_places_is_refused(self):
        quants = self._native_count(
            self.product_full, 1, serial="TWO-PL"
        ) | self._native_count(
            self.product_full, 1, serial="TWO-PL", location=self.shelf
        )
        self.assertRefusedBeforeWriting(
            quants.action_apply_inventory,
            "Serial number TWO-PL of Laptop is counted as found at both",
        )
        self.assertFalse(self._adjustment_lines())

    def test_units_without_serial_can_be_written_off(self):
        """Units of a Full Tracking product without serial (stock from before
        the mode was set) are counted 0: that count agrees with the mode."""
        self.env["stock.quant"]._update_available_quantity(
            self.product_full, self.stock_location, 2
        )
        quant = self._native_count(self.product_full, 0)
        self.assertFalse(quant.action_apply_inventory())
        self.assertOnHand(self.product_full, {})
        self.assertEqual(self._adjustment_lines().quantity, 2)

    def test_track_during_pick_counted_by_quantity(self):
        self._put_in_stock(self.product_pick, qty=3)
        quant = self._native_count(self.product_pick, 5)
        self.assertFalse(quant.action_apply_inventory())
        self.assertOnHand(self.product_pick, {False: 5})
        # No stock yet at the shelf: Odoo would ask about "tracked products
        # without serial number"; Track During Pick asks for no serial.
        on_shelf = self._native_count(self.product_pick, 4, location=self.shelf)
        self.assertFalse(on_shelf.action_apply_inventory())
        self.assertOnHand(self.product_pick, {False: 4}, self.shelf)
        lines = self._adjustment_lines(self.product_pick)
        self.assertEqual(lines.mapped("quantity"), [2, 4])
        self.assertFalse(lines.lot_id)
        self.assertEqual(
            lines.location_dest_id, self.stock_location | self.shelf, lines
        )
        self.assertFalse(
            self.env["stock.lot"].search([("product_id", "=", self.product_pick.id)])
        )
        self.assertNoIntegrityProblem()

    def test_no_tracking_unchanged(self):
        quant = self._native_count(self.product_none, 7)
        self.assertFalse(quant.action_apply_inventory())
        self.assertOnHand(self.product_none, {False: 7})

    def test_nothing_half_applied(self):
        """One wrong count among right ones: none of them is applied."""
        self._put_in_stock(self.product_pick, qty=3)
        right = self._native_count(self.product_pick, 1) | self._native_count(
            self.product_none, 4
        )
        wrong = self._native_count(self.product_full, 1)
        self.assertRefusedBeforeWriting(
            (right | wrong).action_apply_inventory, "Full Tracking"
        )
        self.assertOnHand(self.product_pick, {False: 3})
        self.assertOnHand(self.product_none, {})
        self.assertFalse(self._adjustment_lines(self.product_pick))


@tagged("post_install", "-at_install")
class TestInventoryCountAccess(InventoryCountCase):
    """Odoo 18 lets stock users and Inventory managers apply counts (Physical
    Inventory); only managers edit the on-hand quantity directly. The counts
    by serial follow the same rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal_user = new_test_user(
            cls.env, login="wms_internal_user", groups="base.group_user"
        )

    def test_stock_user_and_manager_count(self):
        self._put_in_stock(self.product_full, serials=["AC-1"])
        self.assertEqual(self._count_serials(["AC-1", "AC-2"])["added"], ["AC-2"])
        result = self._count_serials(["AC-2"], user=self.stock_manager)
        self.assertEqual(result["written_off"], ["AC-1"])
        self.assertOnHand(self.product_full, {"AC-2": 1})
        self.assertEqual(
            set(self._adjustment_lines().move_id.mapped("create_uid")),
            {self.stock_user, self.stock_manager},
        )
        # Physical Inventory alike, for both.
        for user, qty in ((self.stock_user, 2), (self.stock_manager, 6)):
            quant = self._native_count(self.product_pick, qty, user=user)
            self.assertFalse(quant.action_apply_inventory())
            self.assertOnHand(self.product_pick, {False: qty})

    def test_without_stock_rights_nothing_is_counted(self):
        with self.assertRaises(AccessError):
            self._count_serials(["NR-1"], user=self.internal_user)
        with self.assertRaises(AccessError):
            self._native_count(self.product_pick, 1, user=self.internal_user)
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "NR-1")]))

    def test_only_managers_set_the_on_hand_quantity(self):
        """The on-hand quantity edited directly applies at once: managers only,
        as in Odoo, and with the same rules."""
        quant = self.env["stock.quant"].create(
            {"product_id": self.product_pick.id, "location_id": self.stock_location.id}
        )
        with self.assertRaises(AccessError):
            quant.with_user(self.stock_user).with_context(
                inventory_mode=True
            ).inventory_quantity_auto_apply = 3
        quant.with_user(self.stock_manager).with_context(
            inventory_mode=True
        ).inventory_quantity_auto_apply = 3
        self.assertOnHand(self.product_pick, {False: 3})
        full = (
            self.env["stock.quant"]
            .with_user(self.stock_manager)
            .with_context(inventory_mode=True)
        )
        self.assertRefusedBeforeWriting(
            lambda: full.create(
                {
                    "product_id": self.product_full.id,
                    "location_id": self.stock_location.id,
                    "inventory_quantity_auto_apply": 2,
                }
            ),
            "Full Tracking",
        )
        self.assertOnHand(self.product_full, {})

    def test_serial_of_another_company_is_not_used(self):
        company_b = self.env["res.company"].create({"name": "WMS Count Company B"})
        warehouse_b = self.env["stock.warehouse"].search(
            [("company_id", "=", company_b.id)], limit=1
        )
        lot_b = self.env["stock.lot"].create(
            {
                "name": "MCC-1",
                "product_id": self.product_full.id,
                "company_id": company_b.id,
            }
        )
        self.env["stock.quant"].with_company(company_b)._update_available_quantity(
            self.product_full, warehouse_b.lot_stock_id, 1, lot_id=lot_b
        )
        # Company A counts a serial of the same name: not "on hand elsewhere",
        # and company B's lot is not used.
        self.assertEqual(self._count_serials(["MCC-1"])["added"], ["MCC-1"])
        lots = self.env["stock.lot"].search([("name", "=", "MCC-1")])
        self.assertEqual(len(lots), 2)
        lot_a = lots - lot_b
        self.assertEqual(lot_a.company_id, self.company)
        self.assertOnHand(self.product_full, {"MCC-1": 1})
        self.assertEqual(
            self.env["stock.quant"]
            .search([("lot_id", "=", lot_b.id), ("quantity", ">", 0)])
            .location_id,
            warehouse_b.lot_stock_id,
        )
        # Company B's user counts company B's stock; company A's location and
        # serials are out of reach.
        user_b = new_test_user(
            self.env,
            login="wms_count_user_b",
            groups="stock.group_stock_user",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        with self.assertRaises(AccessError):
            self._count_serials(["MCC-1"], user=user_b)
        result = self._count_serials(
            ["MCC-1", "MCC-2"], location=warehouse_b.lot_stock_id, user=user_b
        )
        self.assertEqual(
            result,
            {
                "added": ["MCC-2"],
                "returned": [],
                "written_off": [],
                "unchanged": ["MCC-1"],
            },
        )
        self.assertEqual(
            self.env["stock.lot"].search([("name", "=", "MCC-2")]).company_id, company_b
        )
        self.assertNoIntegrityProblem()


@tagged("post_install", "-at_install")
class TestCountSerialsWizard(InventoryCountCase):
    """Count Serial Numbers, as a stock user opens it from the product."""

    def _wizard(self, **context):
        return Form(
            self.uenv["stock.serial.count.wizard"].with_context(
                default_product_id=self.product_full.id,
                default_location_id=self.stock_location.id,
                **context,
            )
        )

    def test_preview_then_apply(self):
        self._put_in_stock(self.product_full, serials=["WZ-1", "WZ-2"])
        form = self._wizard()
        form.serials_text = "WZ-2\nWZ-3\n\nWZ-4\n"
        self.assertEqual(
            (form.found_count, form.added_count, form.written_off_count),
            (3, 2, 1),
        )
        self.assertEqual(form.unchanged_count, 1)
        self.assertFalse(form.has_errors)
        self.assertIn("To add: WZ-3, WZ-4", form.check_result)
        self.assertIn("To write off: WZ-1", form.check_result)
        wizard = form.save()
        action = wizard.action_apply()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(
            "2 added, 1 written off, 1 unchanged", action["params"]["message"]
        )
        self.assertOnHand(self.product_full, {"WZ-2": 1, "WZ-3": 1, "WZ-4": 1})
        self.assertEqual(len(self._adjustment_lines()), 3)

    def test_file_and_range_input(self):
        form = self._wizard()
        form.input_method = "range"
        form.range_first = "RG-001"
        form.range_count = 3
        self.assertEqual(form.added_count, 3)
        form.save().action_apply()
        self.assertOnHand(self.product_full, {"RG-001": 1, "RG-002": 1, "RG-003": 1})
        form = self._wizard()
        form.input_method = "file"
        form.import_file = base64.b64encode(b"serial\nRG-002\nRG-009\n")
        form.import_filename = "count.csv"
        self.assertEqual(
            (form.added_count, form.written_off_count, form.unchanged_count), (1, 2, 1)
        )
        form.save().action_apply()
        self.assertOnHand(self.product_full, {"RG-002": 1, "RG-009": 1})

    def test_refusals_are_shown_before_applying(self):
        self._put_in_stock(self.product_full, serials=["WR-1"], location=self.shelf)
        form = self._wizard()
        form.serials_text = "WR-1\nWR-2\nWR-2"
        self.assertTrue(form.has_errors)
        self.assertIn("WR-2 is given twice", form.check_result)
        self.assertIn("WR-1 of Laptop is on hand at STW/Shelf 2", form.check_result)
        wizard = form.save()
        self.assertRefusedBeforeWriting(wizard.action_apply, "WR-1")
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "WR-2")]))

    def test_lines_numbered_as_in_the_box(self):
        form = self._wizard()
        form.serials_text = "WL-1\n\nWL-1\nWL-2"
        self.assertTrue(form.has_errors)
        self.assertIn(
            "Line 3: serial number WL-1 is given twice (first on line 1).",
            form.check_result,
        )
        self.assertIn("Empty lines skipped: 2.", form.check_result)
        form.serials_text = "WL-1\n\nWL-2"
        self.assertFalse(form.has_errors)
        self.assertIn("Empty lines skipped: 2.", form.check_result)
        self.assertEqual(form.added_count, 2)

    def test_reachable_from_product_and_physical_inventory(self):
        action = self.env.ref("serial_tracking_wms.action_stock_serial_count_wizard")
        self.assertIn(self.env.ref("stock.group_stock_user"), action.groups_id)
        menu = self.env.ref("serial_tracking_wms.menu_stock_serial_count")
        self.assertEqual(menu.parent_id, self.env.ref("stock.menu_stock_adjustments"))
        template_form = (
            self.env["product.template"]
            .with_user(self.stock_user)
            .get_view(self.env.ref("product.product_template_only_form_view").id)[
                "arch"
            ]
        )
        self.assertIn("Count Serial Numbers", template_form)
        variant_form = (
            self.env["product.product"]
            .with_user(self.stock_user)
            .get_view(self.env.ref("product.product_normal_form_view").id)["arch"]
        )
        self.assertIn("Count Serial Numbers", variant_form)
        inventory_list = (
            self.env["stock.quant"]
            .with_user(self.stock_user)
            .get_view(
                self.env.ref("stock.view_stock_quant_tree_inventory_editable").id
            )["arch"]
        )
        self.assertIn("Count Serial Numbers", inventory_list)


@tagged("post_install", "-at_install")
class TestCountBringsBack(InventoryCountCase, PickCase):
    """A serial the books put outside the warehouse (delivered to a customer)
    and counted as found in stock comes back as a return from where it was,
    never as a second copy."""

    def _deliver(self, serial):
        """Receive ``serial`` into stock and deliver it to the customer, as
        the stock user does."""
        self._put_in_stock(self.product_full, serials=[serial])
        delivery = self._create_delivery([(self.product_full, 1)]).with_user(
            self.stock_user
        )
        self.assertScanOk(self._scan(delivery, self.product_full, serial))
        self._validate(delivery)
        self.assertOnHand(self.product_full, {serial: 1}, self.customer_location)
        return delivery

    def assertBackInStock(self, serial):
        """One positive quant of ``serial``, in stock; a done move brought it
        from the customer; nothing left at the customer."""
        lot = self._lot(self.product_full, serial)
        quants = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("quantity", ">", 0)]
        )
        self.assertEqual(
            [(q.location_id, q.quantity) for q in quants], [(self.stock_location, 1)]
        )
        self.assertFalse(
            self.env["stock.quant"].search(
                [
                    ("lot_id", "=", lot.id),
                    ("location_id", "=", self.customer_location.id),
                    ("quantity", "!=", 0),
                ]
            )
        )
        back = self.env["stock.move.line"].search(
            [
                ("lot_id", "=", lot.id),
                ("location_id", "=", self.customer_location.id),
                ("location_dest_id", "=", self.stock_location.id),
                ("state", "=", "done"),
            ]
        )
        self.assertEqual(len(back), 1)
        self.assertFalse(back.move_id.is_inventory)
        self.assertEqual(back.move_id.state, "done")
        self.assertEqual(lot._wms_history_lines()[-1], back)
        self.assertEqual(back.wms_serial_step, "returned")
        # No adjustment created the serial from nothing.
        self.assertFalse(
            self._adjustment_lines().filtered(lambda line: line.lot_id == lot)
        )
        return back

    def test_preview_names_where_the_books_put_it_then_apply(self):
        delivery = self._deliver("BB-1")
        self._put_in_stock(self.product_full, serials=["BB-2"])
        form = Form(
            self.uenv["stock.serial.count.wizard"].with_context(
                default_product_id=self.product_full.id,
                default_location_id=self.stock_location.id,
            )
        )
        form.serials_text = "BB-2\nBB-1\nBB-3"
        self.assertFalse(form.has_errors, form.check_result)
        self.assertEqual(
            (
                form.found_count,
                form.added_count,
                form.returned_count,
                form.unchanged_count,
            ),
            (3, 1, 1, 1),
        )
        self.assertIn("To add: BB-3\n", form.check_result)
        self.assertIn(
            f"BB-1: the books put it at {self.customer_location.display_name} "
            f"({delivery.name}, {self.customer.display_name}, ",
            form.check_result,
        )
        self.assertIn(
            f"it comes back from there to {self.stock_location.display_name} as a "
            "return",
            form.check_result,
        )
        action = form.save().action_apply()
        self.assertIn(
            "1 added, 1 brought back, 0 written off, 1 unchanged",
            action["params"]["message"],
        )
        back = self.assertBackInStock("BB-1")
        self.assertEqual(back.move_id.origin, "Serial Number Count")
        self.assertOnHand(self.product_full, {"BB-1": 1, "BB-2": 1, "BB-3": 1})
        self.assertNoIntegrityProblem()

    def test_api_brings_back_a_delivered_serial(self):
        self._deliver("BB-9")
        result = self._count_serials(["BB-9"], user=self.stock_manager)
        self.assertEqual(
            result,
            {"added": [], "returned": ["BB-9"], "written_off": [], "unchanged": []},
        )
        self.assertBackInStock("BB-9")
        self.assertNoIntegrityProblem()
        # Counted again: found where it is, nothing moves.
        self.assertEqual(self._count_serials(["BB-9"])["unchanged"], ["BB-9"])

    def test_scrapped_serial_found_comes_back_from_the_scrap(self):
        self._put_in_stock(self.product_full, serials=["BB-7"])
        lot = self._lot(self.product_full, "BB-7")
        scrap = (
            self.env["stock.scrap"]
            .with_user(self.stock_user)
            .create(
                {
                    "product_id": self.product_full.id,
                    "lot_id": lot.id,
                    "scrap_qty": 1,
                    "location_id": self.stock_location.id,
                }
            )
        )
        scrap.action_validate()
        scrapped_at = scrap.scrap_location_id
        self.assertOnHand(self.product_full, {"BB-7": 1}, scrapped_at)
        self.assertEqual(self._count_serials(["BB-7"])["returned"], ["BB-7"])
        self.assertOnHand(self.product_full, {"BB-7": 1})
        self.assertOnHand(self.product_full, {}, scrapped_at)
        self.assertFalse(
            self._adjustment_lines().filtered(lambda line: line.lot_id == lot)
        )

    def test_serial_in_another_warehouse_comes_back(self):
        """The books put the serial in another warehouse of the company: found
        here, it comes back from there (one done move, its quant there
        leaves), as from a customer."""
        other_stock = self.warehouse_3steps.lot_stock_id
        self._put_in_stock(self.product_full, serials=["BB-4"], location=other_stock)
        form = Form(
            self.uenv["stock.serial.count.wizard"].with_context(
                default_product_id=self.product_full.id,
                default_location_id=self.stock_location.id,
            )
        )
        form.serials_text = "BB-4"
        self.assertFalse(form.has_errors, form.check_result)
        self.assertEqual((form.added_count, form.returned_count), (0, 1))
        self.assertIn(
            f"BB-4: the books put it at {other_stock.display_name}", form.check_result
        )
        form.save().action_apply()
        self.assertOnHand(self.product_full, {"BB-4": 1})
        self.assertOnHand(self.product_full, {}, other_stock)
        lot = self._lot(self.product_full, "BB-4")
        moved = self.env["stock.move.line"].search(
            [("lot_id", "=", lot.id), ("state", "=", "done")]
        )
        self.assertEqual(
            [(line.location_id, line.location_dest_id) for line in moved],
            [(other_stock, self.stock_location)],
        )
        self.assertFalse(
            self._adjustment_lines().filtered(lambda line: line.lot_id == lot)
        )
        self.assertNoIntegrityProblem()

    def test_serial_reserved_in_another_warehouse_stays_refused(self):
        """Reserved by a transfer of the other warehouse, the serial stays
        there: the count refuses it, naming where it is."""
        other = self.warehouse_3steps
        self._put_in_stock(
            self.product_full, serials=["BB-6"], location=other.lot_stock_id
        )
        delivery = self._create_delivery([(self.product_full, 1)], warehouse=other)
        self.assertEqual(delivery.move_ids.move_line_ids.lot_id.name, "BB-6")
        self.assertRefusedBeforeWriting(
            lambda: self._count_serials(["BB-6"]),
            "BB-6",
            f"on hand at {other.lot_stock_id.display_name}",
        )

    def test_serial_on_hand_elsewhere_in_the_warehouse_stays_refused(self):
        # Inside the company, the serial is on hand: a transfer moves it, the
        # count does not (the rule of test_found_serial_on_hand_elsewhere).
        self._put_in_stock(self.product_full, serials=["BB-5"], location=self.shelf)
        self.assertRefusedBeforeWriting(
            lambda: self._count_serials(["BB-5"]), "BB-5", "on hand at STW/Shelf 2"
        )
