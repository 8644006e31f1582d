# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import PickCase

DETAILS = "stock.view_stock_move_operations"


@tagged("post_install", "-at_install")
class TestPickDetailedOperations(PickCase):
    """Track During Pick on the desktop: the detailed operations of a pick task
    (the line's Details dialog, from the transfer's operations) take a serial
    per unit, typed or scanned into the field or imported many at once, with the
    rules and refusals of a scan, shown when the lines are saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.elsewhere = cls.warehouse_3steps.lot_stock_id
        cls.shelf = cls.env["stock.location"].create(
            {"name": "Shelf DO", "location_id": cls.stock_location.id}
        )
        cls._put_in_stock(cls.product_pick, qty=6)
        # A serial delivered earlier and not returned, and one in another
        # warehouse.
        cls._put_in_stock(cls.product_pick, qty=1)
        old = cls._create_delivery([(cls.product_pick, 1)])
        old_line = old.move_line_ids
        old_line.write({"lot_name": "EB-GONE", "picked": True})
        old.button_validate()
        assert old.state == "done", old.state
        cls.old_delivery = old
        cls._put_in_stock(cls.product_pick, serials=["EB-ELSE"], location=cls.elsewhere)

    def _delivery(self, qty=2, product=None):
        delivery = self._create_delivery([(product or self.product_pick, qty)])
        return delivery.with_user(self.stock_user)

    def _details(self, delivery):
        """The Details dialog of the delivery's line, as the stock user opens it
        from the transfer's operations."""
        move = delivery.move_ids.with_context(
            default_picking_id=delivery.id,
            default_picking_type_id=delivery.picking_type_id.id,
        )
        return Form(move, view=DETAILS)

    def _type_serials(self, delivery, serials):
        form = self._details(delivery)
        for index, serial in enumerate(serials):
            with form.move_line_ids.edit(index) as line:
                line.lot_name = serial
        return form

    def _lines(self, delivery):
        self.env.invalidate_all()
        return delivery.move_line_ids.sorted("id").mapped(
            lambda ml: (ml.lot_name or ml.lot_id.name or False, ml.quantity)
        )

    def test_details_offer_a_serial_per_unit_like_a_receipt(self):
        delivery = self._delivery()
        move = delivery.move_ids
        self.assertEqual(len(delivery.move_line_ids), 2, "one line per unit")
        self.assertTrue(move.show_lots_text, "the Lot/Serial Number column")
        self.assertFalse(move.show_lots_m2o)
        self.assertTrue(move.show_quant, "Pick From stays")
        self.assertTrue(move.display_import_lot, "Import Serials")
        self.assertTrue(move.display_assign_serial, "Generate Serials")
        # Where receipts offer the same.
        receipt = self._create_receipt([(self.product_full, 2)]).move_ids
        self.assertTrue(receipt.show_lots_text)
        self.assertTrue(receipt.display_import_lot)
        # Not on a later step, nor for a Full Tracking line (chosen among the
        # serials on hand), nor on a receipt of a Track During Pick product.
        self._put_in_stock(self.product_full, serials=["LT-1"])
        full = self._delivery(1, self.product_full).move_ids
        self.assertFalse(full.show_lots_text)
        self.assertFalse(full.display_import_lot)
        self.assertTrue(full.show_quant)
        by_qty = self._create_receipt([(self.product_pick, 2)]).move_ids
        self.assertFalse(by_qty.display_import_lot)

    def test_typed_serials_then_validate(self):
        delivery = self._delivery()
        self._type_serials(delivery, ["EB-1", " EB-2 "]).save()
        self.assertEqual(self._lines(delivery), [("EB-1", 1), ("EB-2", 1)])
        self.assertFalse(
            self.env["stock.lot"].search([("name", "in", ("EB-1", "EB-2"))]),
            "lots are created at validation, as for a scan",
        )
        self._validate(delivery)
        self.assertEqual(delivery.state, "done")
        self.assertEqual(
            sorted(delivery.move_line_ids.lot_id.mapped("name")), ["EB-1", "EB-2"]
        )
        self.assertOnHand(self.product_pick, {False: 4})
        self.assertOnHand(
            self.product_pick,
            {"EB-1": 1, "EB-2": 1, "EB-GONE": 1},
            self.customer_location,
        )
        self.assertNoNegativeQuant(self.product_pick)

    def test_saved_with_the_transfer_form(self):
        """The transfer form saves the dialog's lines with the transfer."""
        delivery = self._delivery()
        move, lines = delivery.move_ids, delivery.move_line_ids.sorted("id")

        def save(serials):
            delivery.write(
                {
                    "move_ids_without_package": [
                        Command.update(
                            move.id,
                            {
                                "move_line_ids": [
                                    Command.update(line.id, {"lot_name": serial})
                                    for line, serial in zip(lines, serials, strict=True)
                                ]
                            },
                        )
                    ]
                }
            )

        with self.assertRefused(UserError, "EB-GONE of Earbuds was delivered by"):
            save(["EB-F1", "EB-GONE"])
        self.assertEqual(self._lines(delivery), [(False, 1), (False, 1)])
        save(["EB-F1", "EB-F2"])
        self.assertEqual(self._lines(delivery), [("EB-F1", 1), ("EB-F2", 1)])
        self._validate(delivery)
        self.assertEqual(delivery.state, "done")
        self.assertOnHand(self.product_pick, {False: 4})

    def test_import_and_generate_create_no_lot_before_validation(self):
        delivery = self._delivery(3)
        move = delivery.move_ids
        # The context the Import / Generate dialog sends (the line's own, with
        # the line's product and places).
        context = {
            "default_picking_id": delivery.id,
            "default_picking_type_id": delivery.picking_type_id.id,
            "default_company_id": delivery.company_id.id,
            "default_product_id": self.product_pick.id,
            "default_location_id": move.location_id.id,
            "default_location_dest_id": move.location_dest_id.id,
            "default_tracking": "serial",
            "default_quantity": 3,
        }
        Move = self.uenv["stock.move"]
        imported = Move.action_generate_lot_line_vals(
            context, "import", False, 0, "EB-I1\nEB-I2\nEB-I3"
        )
        self.assertEqual([v["lot_name"] for v in imported], ["EB-I1", "EB-I2", "EB-I3"])
        self.assertFalse(any(v.get("lot_id") for v in imported))
        generated = Move.action_generate_lot_line_vals(
            context, "generate", "EB-G01", 3, False
        )
        self.assertEqual(
            [v["lot_name"] for v in generated], ["EB-G01", "EB-G02", "EB-G03"]
        )
        self.assertFalse(
            self.env["stock.lot"]
            .search(
                [("name", "=like", "EB-_%"), ("product_id", "=", self.product_pick.id)]
            )
            .filtered(lambda lot: lot.name not in ("EB-GONE", "EB-ELSE")),
            "no lot created by importing or generating",
        )
        # The dialog replaces the lines with the imported ones, then saves.
        keys = ("lot_name", "quantity", "location_id", "location_dest_id")
        move.with_user(self.stock_user).write(
            {
                "move_line_ids": [Command.delete(ml.id) for ml in move.move_line_ids]
                + [
                    Command.create(
                        {
                            key: vals[key]["id"]
                            if isinstance(vals[key], dict)
                            else vals[key]
                            for key in keys
                        }
                        | {
                            "product_id": self.product_pick.id,
                            "picking_id": delivery.id,
                        }
                    )
                    for vals in imported
                ]
            }
        )
        self.assertEqual(
            self._lines(delivery), [("EB-I1", 1), ("EB-I2", 1), ("EB-I3", 1)]
        )
        self._validate(delivery)
        self.assertEqual(delivery.state, "done")
        self.assertOnHand(self.product_pick, {False: 3})
        self.assertNoNegativeQuant(self.product_pick)

    def test_refused_when_saved_with_the_reason(self):
        # Odoo reserves the serials on hand first: EB-RES goes to the first.
        self._put_in_stock(self.product_pick, serials=["EB-RES"])
        other = self._delivery(1)
        self.assertEqual(other.move_line_ids.lot_id.name, "EB-RES")
        delivery = self._delivery()
        self.assertFalse(delivery.move_line_ids.lot_id)
        name = delivery.name
        cases = [
            (
                ["EB-GONE", "EB-2"],
                f"Serial number EB-GONE of Earbuds was delivered by "
                f"{self.old_delivery.name} and has not been returned.",
            ),
            (
                ["EB-ELSE", "EB-2"],
                f"Serial number EB-ELSE of Earbuds is at "
                f"{self.elsewhere.display_name}, not at "
                f"{self.stock_location.display_name} where {name} picks.",
            ),
            (
                ["EB-2", "EB-2"],
                f"Serial number EB-2 of Earbuds is given twice on {name}.",
            ),
            (
                ["EB-RES", "EB-2"],
                f"Serial number EB-RES of Earbuds is reserved by {other.name}.",
            ),
            (["EB\x071", "EB-2"], r"Serial number 'EB\\x071' of Earbuds contains"),
        ]
        for serials, message in cases:
            with self.subTest(serials=serials):
                form = self._type_serials(delivery, serials)
                with self.assertRefused(UserError, message):
                    form.save()
                self.assertEqual(self._lines(delivery), [(False, 1), (False, 1)])
        # A serial for two units, as an integration could write it.
        line = delivery.move_line_ids[0]
        with self.assertRefused(
            UserError,
            f"Serial number EB-9 of Earbuds is given for 2 units on {name}; a serial "
            "number is for one unit.",
        ):
            delivery.move_ids.write(
                {
                    "move_line_ids": [
                        Command.update(line.id, {"lot_name": "EB-9", "quantity": 2})
                    ]
                }
            )
        self.assertEqual(self._lines(delivery), [(False, 1), (False, 1)])

    def test_typed_serial_warned_at_once(self):
        delivery = self._delivery()
        form = self._details(delivery)
        with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
            with form.move_line_ids.edit(0) as line:
                line.lot_name = "EB-GONE"
        self.assertIn("Serial number refused", logs.output[0])
        self.assertIn(
            f"EB-GONE of Earbuds was delivered by {self.old_delivery.name}",
            logs.output[0],
        )

    def test_typed_serial_on_hand_at_the_source_is_picked_from_its_place(self):
        delivery = self._delivery(1)
        self.assertFalse(delivery.move_line_ids.lot_id, "reserved untracked")
        # Back on hand after the line was reserved (a return put away).
        self._put_in_stock(self.product_pick, serials=["EB-BACK"], location=self.shelf)
        form = self._details(delivery)
        with self.assertNoLogs("odoo.tests.form.onchange", "WARNING"):
            with form.move_line_ids.edit(0) as line:
                line.lot_name = "EB-BACK"
        form.save()
        line = delivery.move_line_ids
        self.assertEqual(line.lot_id.name, "EB-BACK")
        self.assertEqual(line.location_id, self.shelf)
        self._validate(delivery)
        self.assertEqual(delivery.state, "done")
        self.assertOnHand(self.product_pick, {False: 6})
        self.assertOnHand(self.product_pick, {}, self.shelf)
        self.assertNoNegativeQuant(self.product_pick)
        untracked = self.env["stock.quant"].search(
            [
                ("product_id", "=", self.product_pick.id),
                ("location_id", "=", self.stock_location.id),
                ("lot_id", "=", False),
            ]
        )
        self.assertEqual(sum(untracked.mapped("reserved_quantity")), 0)

    def test_full_tracking_lines_keep_choosing_serials_on_hand(self):
        self._put_in_stock(self.product_full, serials=["LT-1", "LT-2"])
        delivery = self._delivery(1, self.product_full)
        other = self._delivery(1, self.product_full)
        reserved, free = (
            delivery.move_line_ids.lot_id,
            other.move_line_ids.lot_id,
        )
        self.assertEqual(sorted((reserved | free).mapped("name")), ["LT-1", "LT-2"])
        # Pick From another transfer's serial: refused when saved.
        quant = self.env["stock.quant"].search([("lot_id", "=", free.id)])
        form = self._details(delivery)
        with form.move_line_ids.edit(0) as line:
            line.quant_id = quant
        with self.assertRefused(
            UserError,
            f"Serial number {free.name} of Laptop is reserved by {other.name}",
        ):
            form.save()
        self.assertEqual(delivery.move_line_ids.lot_id, reserved)
        self._validate(delivery)
        self.assertEqual(delivery.state, "done")
        self.assertOnHand(self.product_full, {free.name: 1})
