# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
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

    def test_line_shows_tracking_type_and_serial_count(self):
        self.assertEqual(self.move.serial_tracking_mode, "full")
        self.assertEqual(self.move.expected_serial_summary, "0 / 3")
        self.assertTrue(
            self.move.with_user(self.stock_user).wms_can_edit_expected_serials
        )
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2", "A3"])
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
            self.ureceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2"])
        with self.assertRefused(UserError, "expects 3 units and 4 serial numbers"):
            self.ureceipt.wms_set_expected_serials(
                self.product_full.id, ["A1", "A2", "A3", "A4"]
            )
        self.assertFalse(self.move.expected_serial_ids)
        # One by one through the model is refused too: the first one alone is "some".
        with self.assertRefused(UserError, "expects 3 units and 1 serial numbers"):
            self.env["stock.expected.serial"].create(
                {"move_id": self.move.id, "name": "A1"}
            )
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2", "A3"])
        self.ureceipt.wms_set_expected_serials(self.product_full.id, [])
        self.assertFalse(self.move.expected_serial_ids)

    def test_setting_replaces_the_list(self):
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2", "A3"])
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["B1", "B2", "B3"])
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"), ["B1", "B2", "B3"]
        )

    def test_changing_the_quantity_is_refused_until_the_list_matches(self):
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2", "A3"])
        with self.assertRefused(UserError, "expects 4 units and 3 serial numbers"):
            self.move.with_user(self.stock_user).product_uom_qty = 4
        self.assertEqual(self.move.product_uom_qty, 3)
        # Without expected serials the quantity changes freely.
        self.ureceipt.wms_set_expected_serials(self.product_full.id, [])
        self.move.with_user(self.stock_user).product_uom_qty = 4
        self.assertEqual(self.move.product_uom_qty, 4)

    def test_only_full_tracking_lines_take_expected_serials(self):
        with self.assertRefused(UserError, "set to No Tracking"):
            self.ureceipt.wms_set_expected_serials(self.product_none.id, ["X1"] * 5)
        with self.assertRefused(UserError, "Earbuds is not on"):
            self.ureceipt.wms_set_expected_serials(self.product_pick.id, ["X1"])
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
        self.ureceipt.wms_set_expected_serials(
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
                self.ureceipt.wms_set_expected_serials(self.product_full.id, serials)
            self.assertIn(message, error.exception.args[0])
        # Nothing of the refused lists was saved.
        self.assertEqual(
            self.move.expected_serial_ids.mapped("name"), ["A1", "A2", "A3"]
        )
        # 128 characters is the limit.
        long_serial = "C" * 128
        self.ureceipt.wms_set_expected_serials(
            self.product_full.id, [long_serial, "C2", "C3"]
        )
        self.assertIn(long_serial, self.move.expected_serial_ids.mapped("name"))

    def test_serial_in_stock_or_expected_elsewhere_is_refused(self):
        self._put_in_stock(self.product_full, serials=["STOCK-1"])
        with self.assertRaises(UserError) as error:
            self.ureceipt.wms_set_expected_serials(
                self.product_full.id, ["STOCK-1", "A2", "A3"]
            )
        self.assertIn("STOCK-1", error.exception.args[0])
        self.assertIn("already in stock at STW/Stock", error.exception.args[0])
        other = self._create_receipt([(self.product_full, 1)])
        other.wms_set_expected_serials(self.product_full.id, ["OTHER-1"])
        with self.assertRaises(UserError) as error:
            self.ureceipt.wms_set_expected_serials(
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
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["A1", "A2", "A3"])
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
class TestExpectedSerialsUntilReceived(SerialTrackingCase):
    """Stock users set, change and clear the expected serials of a pre-receipt
    until it is received, whatever its state; the serials received on it so far
    stay on its list; once it is received nobody changes them."""

    def setUp(self):
        super().setUp()
        self.receipt = self._create_receipt([(self.product_full, 3)])
        self.move = self.receipt.move_ids
        self.ureceipt = self.receipt.with_user(self.stock_user)
        self.umove = self.move.with_user(self.stock_user)
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["M1", "M2", "M3"])

    def _names(self, move=None):
        self.env.invalidate_all()
        return (move or self.move).expected_serial_ids.mapped("name")

    def _wizard(self, **vals):
        return (
            self.env["stock.expected.serial.wizard"]
            .with_user(self.stock_user)
            .create({"move_id": self.move.id, **vals})
        )

    def test_stock_user_edits_a_confirmed_pre_receipt(self):
        self.assertEqual(self.receipt.state, "assigned")
        self.assertTrue(self.umove.wms_can_edit_expected_serials)
        # The entry point: change, clear, set again.
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["M1", "N2", "N3"])
        self.assertEqual(self._names(), ["M1", "N2", "N3"])
        self.ureceipt.wms_set_expected_serials(self.product_full.id, [])
        self.assertEqual(self._names(), [])
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["P1", "P2", "P3"])
        # Edit Serial Numbers, as the form's button opens it.
        form = Form.from_action(
            self.uenv, self.umove.action_wms_edit_expected_serials()
        )
        form.serials_text = "Q1\nQ2\nQ3"
        form.save().action_save()
        self.assertEqual(self._names(), ["Q1", "Q2", "Q3"])
        self._wizard().action_clear()
        self.assertEqual(self._names(), [])
        # The ORM, as an import or an integration would.
        serials = self.uenv["stock.expected.serial"].create(
            [{"move_id": self.move.id, "name": n} for n in ("R1", "R2", "R3")]
        )
        serials[0].name = "R0"
        self.assertEqual(self._names(), ["R0", "R2", "R3"])
        serials.unlink()
        self.assertEqual(self._names(), [])

    def test_edit_button_shown_until_received(self):
        self.assertTrue(self.umove.wms_can_edit_expected_serials)
        arch = self.uenv["stock.picking"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertIn('name="action_wms_edit_expected_serials"', arch)
        self.assertIn('invisible="not wms_can_edit_expected_serials"', arch)
        for name in ("M1", "M2", "M3"):
            self.assertScanOk(self._scan(self.ureceipt, self.product_full, name))
        self._validate(self.ureceipt)
        self.umove.invalidate_recordset()
        self.assertFalse(self.umove.wms_can_edit_expected_serials)

    def test_received_serials_stay_on_the_list(self):
        self.assertScanOk(self._scan(self.ureceipt, self.product_full, "M2"))
        kept = self.move.expected_serial_ids.filtered(lambda s: s.name == "M2")
        message = (
            f"Serial number M2 of Laptop is received on {self.receipt.name} "
            "already: its expected serial numbers must include it."
        )
        userials = self.umove.expected_serial_ids
        m2 = userials.filtered(lambda s: s.name == "M2")
        calls = {
            "entry point without it": lambda: self.ureceipt.wms_set_expected_serials(
                self.product_full.id, ["M1", "X2", "M3"]
            ),
            "entry point clear": lambda: self.ureceipt.wms_set_expected_serials(
                self.product_full.id, []
            ),
            "wizard save without it": lambda: self._wizard(
                serials_text="M1\nX2\nM3"
            ).action_save(),
            "wizard clear": lambda: self._wizard().action_clear(),
            "ORM rename": lambda: m2.write({"name": "X2"}),
            "ORM unlink": lambda: userials.unlink(),
        }
        for name, call in calls.items():
            with self.subTest(call=name):
                with self.assertRefused(UserError, message):
                    call()
                self.assertEqual(self._names(), ["M1", "M2", "M3"])
        # The others change around it; the received one keeps its record.
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["Y1", "M2", "Y3"])
        self.assertEqual(sorted(self._names()), ["M2", "Y1", "Y3"])
        self.assertIn(kept, self.move.expected_serial_ids)
        # Receiving the rest and validating: each received with its lot.
        for name in ("Y1", "Y3"):
            self.assertScanOk(self._scan(self.ureceipt, self.product_full, name))
        self._validate(self.ureceipt)
        self.assertEqual(
            sorted(self.move.expected_serial_ids.mapped(lambda s: (s.name, s.state))),
            [("M2", "received"), ("Y1", "received"), ("Y3", "received")],
        )
        self.assertOnHand(self.product_full, {"M2": 1, "Y1": 1, "Y3": 1})

    def test_received_serials_without_a_list_need_a_place_on_a_new_one(self):
        self.ureceipt.wms_set_expected_serials(self.product_full.id, [])
        self.assertScanOk(self._scan(self.ureceipt, self.product_full, "C1"))
        # A list entered now must hold what was received without one.
        with self.assertRefused(
            UserError,
            f"Serial number C1 of Laptop is received on {self.receipt.name} "
            "already: its expected serial numbers must include it.",
        ):
            self.ureceipt.wms_set_expected_serials(
                self.product_full.id, ["Z1", "Z2", "Z3"]
            )
        self.assertEqual(self._names(), [])
        self.ureceipt.wms_set_expected_serials(self.product_full.id, ["C1", "Z2", "Z3"])
        self.assertEqual(self._names(), ["C1", "Z2", "Z3"])

    def test_stock_user_validating_a_partial_receipt_keeps_the_rest_expected(self):
        self.assertScanOk(self._scan(self.ureceipt, self.product_full, "M2"))
        self._validate(self.ureceipt, backorder="create")
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
        # Nothing goes back to the received receipt, whatever the call says.
        with self.assertRefused(UserError, "it has been received"):
            back_move.expected_serial_ids.with_user(self.stock_user).with_context(
                wms_expected_split=True
            ).write({"move_id": self.move.id})
        self.assertEqual(self._names(back_move), ["M1", "M3"])
        # The backorder is not received: the stock user changes its list.
        backorder.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["M1", "X3"]
        )
        self.assertEqual(self._names(back_move), ["M1", "X3"])
        self.assertEqual(self._names(), ["M2"])


@tagged("post_install", "-at_install", "wms_real")
class TestExpectedSerialsPurchase(SerialTrackingCase):
    """A receipt made from a purchase order is confirmed at once: the stock user
    still enters, changes and clears its expected serials until it is received.
    Needs Purchase: the real-world run only."""

    def _purchase(self, qty):
        return self._create_purchase([(self.product_full, qty, 900.0)])

    def test_stock_user_keys_in_the_vendors_list(self):
        order = self._purchase(3)
        receipt = order.picking_ids
        self.assertEqual(receipt.state, "assigned")
        umove = receipt.move_ids.with_user(self.stock_user)
        self.assertTrue(umove.wms_can_edit_expected_serials)
        form = Form.from_action(self.uenv, umove.action_wms_edit_expected_serials())
        form.serials_text = "PO-1\nPO-2\nPO-X"
        form.save().action_save()
        self.assertEqual(umove.expected_serial_summary, "3 / 3")
        ureceipt = receipt.with_user(self.stock_user)
        self.assertScanOk(self._scan(ureceipt, self.product_full, "PO-1"))
        # The vendor corrects its list: the one received stays.
        ureceipt.wms_set_expected_serials(
            self.product_full.id, ["PO-1", "PO-2", "PO-3"]
        )
        with self.assertRefused(UserError, "PO-1 of Laptop is received on"):
            ureceipt.wms_set_expected_serials(self.product_full.id, [])
        for name in ("PO-2", "PO-3"):
            self.assertScanOk(self._scan(ureceipt, self.product_full, name))
        self._validate(ureceipt)
        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            sorted(
                receipt.move_ids.expected_serial_ids.mapped(lambda s: (s.name, s.state))
            ),
            [("PO-1", "received"), ("PO-2", "received"), ("PO-3", "received")],
        )
        self.assertOnHand(self.product_full, {"PO-1": 1, "PO-2": 1, "PO-3": 1})
        self.assertEqual(order.order_line.qty_received, 3)
        with self.assertRefused(UserError, "it has been received"):
            ureceipt.wms_set_expected_serials(self.product_full.id, [])
