# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SerialTrackingCase


@tagged("post_install", "-at_install")
class TestExpectedSerials(SerialTrackingCase):
    """Pre-receipts carry the expected serials: all or none, locked once received."""

    def setUp(self):
        super().setUp()
        self.receipt = self._create_receipt(
            [(self.product_full, 3), (self.product_none, 5)]
        )
        self.move = self.receipt.move_ids.filtered(
            lambda m: m.product_id == self.product_full
        )
        self.ureceipt = self.receipt.with_user(self.stock_user)
        # Expected serials of a confirmed pre-receipt: Inventory managers only.
        self.mreceipt = self.receipt.with_user(self.stock_manager)

    def test_line_shows_tracking_type_and_serial_count(self):
        self.assertEqual(self.move.serial_tracking_mode, "full")
        self.assertEqual(self.move.expected_serial_summary, "0 / 3")
        self.assertTrue(self.move.wms_can_edit_expected_serials)
        self.mreceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2", "A3"])
        self.assertEqual(self.move.expected_serial_summary, "3 / 3")
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"), ["A1", "A2", "A3"]
        )
        self.assertEqual(
            set(self.move.expected_serial_ids.mapped("state")), {"expected"}
        )
        action = self.move.action_wms_edit_expected_serials()
        self.assertEqual(action["res_model"], "stock.expected.serial.wizard")
        self.assertEqual(action["context"]["default_serials_text"], "A1\nA2\nA3")

    def test_all_or_none(self):
        with self.assertRefused(UserError, "expects 3 units and 2 serial numbers"):
            self.mreceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2"])
        with self.assertRefused(UserError, "expects 3 units and 4 serial numbers"):
            self.mreceipt.wms_set_expected_serials(
                self.product_full.id, ["A1", "A2", "A3", "A4"]
            )
        self.assertFalse(self.move.expected_serial_ids)
        # One by one through the model is refused too: the first one alone is "some".
        with self.assertRefused(UserError, "expects 3 units and 1 serial numbers"):
            self.env["stock.expected.serial"].create(
                {"move_id": self.move.id, "name": "A1"}
            )
        self.mreceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2", "A3"])
        self.mreceipt.wms_set_expected_serials(self.product_full.id, [])
        self.assertFalse(self.move.expected_serial_ids)

    def test_setting_replaces_the_list(self):
        self.mreceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2", "A3"])
        self.mreceipt.wms_set_expected_serials(self.product_full.id, ["B1", "B2", "B3"])
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"), ["B1", "B2", "B3"]
        )

    def test_changing_the_quantity_is_refused_until_the_list_matches(self):
        self.mreceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2", "A3"])
        with self.assertRefused(UserError, "expects 4 units and 3 serial numbers"):
            self.move.with_user(self.stock_user).product_uom_qty = 4
        self.assertEqual(self.move.product_uom_qty, 3)
        # Without expected serials the quantity changes freely.
        self.mreceipt.wms_set_expected_serials(self.product_full.id, [])
        self.move.with_user(self.stock_user).product_uom_qty = 4
        self.assertEqual(self.move.product_uom_qty, 4)

    def test_only_full_tracking_lines_take_expected_serials(self):
        with self.assertRefused(UserError, "set to No Tracking"):
            self.mreceipt.wms_set_expected_serials(self.product_none.id, ["X1"] * 5)
        with self.assertRefused(UserError, "Earbuds is not on"):
            self.mreceipt.wms_set_expected_serials(self.product_pick.id, ["X1"])
        none_move = self.receipt.move_ids - self.move
        with self.assertRefused(UserError, "only be entered on pre-receipt lines"):
            self.env["stock.expected.serial"].create(
                [{"move_id": none_move.id, "name": f"X{i}"} for i in range(5)]
            )

    def test_only_on_incoming_transfers(self):
        self._put_in_stock(self.product_full, serials=["OUT-1"])
        delivery = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "location_id": self.stock_location.id,
                "location_dest_id": self.customer_location.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "out",
                            "product_id": self.product_full.id,
                            "product_uom_qty": 1,
                            "product_uom": self.product_full.uom_id.id,
                            "location_id": self.stock_location.id,
                            "location_dest_id": self.customer_location.id,
                        },
                    )
                ],
            }
        )
        with self.assertRefused(UserError, "is not a pre-receipt"):
            delivery.wms_set_expected_serials(self.product_full.id, ["OUT-1"])

    def test_serial_hygiene(self):
        self.mreceipt.wms_set_expected_serials(
            self.product_full.id, ["  A1 ", "A2\t", "A3"]
        )
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"), ["A1", "A2", "A3"]
        )
        cases = [
            (["A1", "", "A3"], "Line 2: A serial number cannot be empty"),
            (["A1", "   ", "A3"], "Line 2: A serial number cannot be empty"),
            (["A1", "A\x002", "A3"], "Line 2: Serial number 'A\\x002'"),
            (["A1", "B" * 129, "A3"], "Line 2: Serial number BBBB"),
            (
                ["A1", "A1", "A3"],
                "Line 2: serial number A1 is given twice (first on line 1)",
            ),
        ]
        for serials, message in cases:
            with self.subTest(serials=serials), self.assertRaises(UserError) as error:
                self.mreceipt.wms_set_expected_serials(self.product_full.id, serials)
            self.assertIn(message, error.exception.args[0])
        # Nothing of the refused lists was saved.
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"), ["A1", "A2", "A3"]
        )
        # 128 characters is the limit.
        long_serial = "C" * 128
        self.mreceipt.wms_set_expected_serials(
            self.product_full.id, [long_serial, "C2", "C3"]
        )
        self.assertIn(long_serial, self.move.expected_serial_ids.mapped("name"))

    def test_serial_in_stock_or_expected_elsewhere_is_refused(self):
        self._put_in_stock(self.product_full, serials=["STOCK-1"])
        with self.assertRaises(UserError) as error:
            self.mreceipt.wms_set_expected_serials(
                self.product_full.id, ["STOCK-1", "A2", "A3"]
            )
        self.assertIn("STOCK-1", error.exception.args[0])
        self.assertIn("already in stock at STW/Stock", error.exception.args[0])
        other = self._create_receipt([(self.product_full, 1)])
        other.wms_set_expected_serials(self.product_full.id, ["OTHER-1"])
        with self.assertRaises(UserError) as error:
            self.mreceipt.wms_set_expected_serials(
                self.product_full.id, ["OTHER-1", "A2", "A3"]
            )
        self.assertIn(
            f"OTHER-1 of Laptop is expected on {other.name}", error.exception.args[0]
        )
        # The same serial for another product is fine.
        laptop2 = self._create_product("Laptop 2", "full")
        receipt2 = self._create_receipt([(laptop2, 1)])
        receipt2.wms_set_expected_serials(laptop2.id, ["OTHER-1"])

    def test_locked_once_received(self):
        self.mreceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2", "A3"])
        for name in ("A1", "A2", "A3"):
            self.assertScanOk(self._scan(self.ureceipt, self.product_full, name))
        (self.receipt.move_ids - self.move).picked = True
        self._validate(self.ureceipt)
        self.assertEqual(self.receipt.state, "done")
        serials = self.move.expected_serial_ids
        self.assertEqual(set(serials.mapped("state")), {"received"})
        self.assertEqual(serials.lot_id.mapped("name"), ["A1", "A2", "A3"])
        locked = "can no longer be changed: it has been received"
        # Entry point, ORM write/unlink/create, as the user and even as superuser.
        with self.assertRefused(UserError, locked):
            self.ureceipt.wms_set_expected_serials(
                self.product_full.id, ["B1", "B2", "B3"]
            )
        for env in (self.uenv, self.env(su=True)):
            with self.assertRefused(UserError, locked):
                serials.with_env(env)[0].name = "CHANGED"
            with self.assertRefused(UserError, locked):
                serials.with_env(env).unlink()
            with self.assertRefused(UserError, locked):
                env["stock.expected.serial"].create(
                    {"move_id": self.move.id, "name": "NEW"}
                )
        # Import (base_import's load) goes through the same ORM calls.
        result = self.env["stock.expected.serial"].load(
            ["move_id/.id", "name"], [[str(self.move.id), "IMPORTED"]]
        )
        self.assertFalse(result["ids"])
        self.assertIn(locked, result["messages"][0]["message"])
        self.assertEqual(serials.exists().mapped("name"), ["A1", "A2", "A3"])


@tagged("post_install", "-at_install")
class TestExpectedSerialsManagers(SerialTrackingCase):
    """Once a pre-receipt is confirmed, only Inventory managers change its
    expected serials; stock users may while it is a draft."""

    def setUp(self):
        super().setUp()
        self.receipt = self._create_receipt([(self.product_full, 3)])
        self.move = self.receipt.move_ids
        self.receipt.with_user(self.stock_manager).wms_set_expected_serials(
            self.product_full.id, ["M1", "M2", "M3"]
        )
        self.only_managers = (
            f"Only Inventory managers can change the expected serial numbers of "
            f"{self.receipt.name} once it is confirmed"
        )

    def _names(self, move=None):
        self.env.invalidate_all()
        return (move or self.move).expected_serial_ids.mapped("name")

    def test_stock_user_refused_on_a_confirmed_pre_receipt(self):
        self.assertEqual(self.receipt.state, "assigned")
        ureceipt = self.receipt.with_user(self.stock_user)
        umove = self.move.with_user(self.stock_user)
        userials = umove.expected_serial_ids
        self.assertFalse(umove.wms_can_edit_expected_serials)
        calls = {
            "entry point": lambda: ureceipt.wms_set_expected_serials(
                self.product_full.id, ["U1", "U2", "U3"]
            ),
            "entry point clear": lambda: ureceipt.wms_set_expected_serials(
                self.product_full.id, []
            ),
            "open the dialog": lambda: umove.action_wms_edit_expected_serials(),
            "wizard save": lambda: self.env["stock.expected.serial.wizard"]
            .with_user(self.stock_user)
            .create({"move_id": self.move.id, "serials_text": "U1\nU2\nU3"})
            .action_save(),
            "wizard clear": lambda: self.env["stock.expected.serial.wizard"]
            .with_user(self.stock_user)
            .create({"move_id": self.move.id})
            .action_clear(),
            "ORM create": lambda: self.uenv["stock.expected.serial"].create(
                {"move_id": self.move.id, "name": "U4"}
            ),
            "ORM rename": lambda: userials[0].write({"name": "U1"}),
            "ORM unlink": lambda: userials.unlink(),
            # Pretending to be the backorder split from RPC: the context key of
            # the split skips nothing of the rule.
            "forged carry-over": lambda: userials.with_context(
                wms_expected_split=True
            ).write({"move_id": self.move.id}),
        }
        for name, call in calls.items():
            with self.subTest(call=name):
                with self.assertRefused(AccessError, self.only_managers):
                    call()
                # Nothing half-saved.
                self.assertEqual(self._names(), ["M1", "M2", "M3"])

    def test_manager_edits_a_confirmed_pre_receipt(self):
        mmove = self.move.with_user(self.stock_manager)
        self.assertTrue(mmove.wms_can_edit_expected_serials)
        mmove.expected_serial_ids[0].name = "M0"
        self.assertEqual(self._names(), ["M0", "M2", "M3"])
        form = Form.from_action(
            self.env(user=self.stock_manager),
            mmove.action_wms_edit_expected_serials(),
        )
        form.serials_text = "N1\nN2\nN3"
        form.save().action_save()
        self.assertEqual(self._names(), ["N1", "N2", "N3"])
        mmove.expected_serial_ids.unlink()
        self.assertEqual(self._names(), [])

    def test_stock_user_edits_a_draft_pre_receipt(self):
        draft = self._create_receipt([(self.product_full, 2)], confirm=False)
        self.assertEqual(draft.state, "draft")
        udraft = draft.with_user(self.stock_user)
        umove = udraft.move_ids
        self.assertTrue(umove.wms_can_edit_expected_serials)
        udraft.wms_set_expected_serials(self.product_full.id, ["D1", "D2"])
        self.assertEqual(self._names(draft.move_ids), ["D1", "D2"])
        umove.expected_serial_ids[1].name = "D3"
        form = Form.from_action(self.uenv, umove.action_wms_edit_expected_serials())
        form.serials_text = "E1\nE2"
        form.save().action_save()
        self.assertEqual(self._names(draft.move_ids), ["E1", "E2"])
        umove.expected_serial_ids.unlink()
        self.uenv["stock.expected.serial"].create(
            [{"move_id": draft.move_ids.id, "name": n} for n in ("F1", "F2")]
        )
        self.assertEqual(self._names(draft.move_ids), ["F1", "F2"])
        # Confirmed: locked for the stock user from then on.
        draft.action_confirm()
        umove.invalidate_recordset()
        self.assertFalse(umove.wms_can_edit_expected_serials)
        with self.assertRefused(AccessError, "Only Inventory managers"):
            udraft.wms_set_expected_serials(self.product_full.id, ["G1", "G2"])
        self.assertEqual(self._names(draft.move_ids), ["F1", "F2"])

    def test_stock_user_validating_a_partial_receipt_keeps_the_rest_expected(self):
        ureceipt = self.receipt.with_user(self.stock_user)
        self.assertScanOk(self._scan(ureceipt, self.product_full, "M2"))
        self._validate(ureceipt, backorder="create")
        self.assertEqual(self.receipt.state, "done")
        self.assertEqual(self._names(), ["M2"])
        self.assertEqual(self.move.expected_serial_ids.state, "received")
        backorder = self.receipt.backorder_ids
        self.assertEqual(len(backorder), 1)
        back_move = backorder.move_ids
        self.assertEqual(self._names(back_move), ["M1", "M3"])
        self.assertEqual(
            set(back_move.expected_serial_ids.mapped("state")), {"expected"}
        )
        # The carry-over served once: the backorder is confirmed, so the stock
        # user still cannot change its serials.
        with self.assertRefused(AccessError, "Only Inventory managers"):
            back_move.expected_serial_ids.with_user(self.stock_user).write(
                {"move_id": self.move.id}
            )
        with self.assertRefused(AccessError, "Only Inventory managers"):
            backorder.with_user(self.stock_user).wms_set_expected_serials(
                self.product_full.id, ["X1", "X2"]
            )
        self.assertEqual(self._names(back_move), ["M1", "M3"])
