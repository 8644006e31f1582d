# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PickCase


@tagged("post_install", "-at_install")
class TestAccess(PickCase):
    """Who may call the entry points, through the calls the screens make (RPC
    runs them as the session's user: ``with_user``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env, login="wms_portal", groups="base.group_portal"
        )
        cls.public_user = cls.env.ref("base.public_user")
        cls.receipt = cls._create_receipt(
            [(cls.product_full, 1), (cls.product_none, 2)]
        )
        cls._put_in_stock(cls.product_full, serials=["ACC-1"])
        cls.delivery = cls._create_delivery([(cls.product_full, 1)])

    def _entry_points(self, user):
        """Every entry point of the addon, as ``user`` would call it over RPC."""
        receipt = self.receipt.with_user(user)
        delivery = self.delivery.with_user(user)
        full, none = self.product_full.id, self.product_none.id
        return {
            "wms_set_expected_serials": lambda: receipt.wms_set_expected_serials(
                full, ["ACC-9"]
            ),
            "wms_scan_serial receipt": lambda: receipt.wms_scan_serial(full, "ACC-9"),
            "wms_scan_serial pick": lambda: delivery.wms_scan_serial(full, "ACC-1"),
            "wms_set_picked_serials": lambda: delivery.wms_set_picked_serials(
                full, ["ACC-1"]
            ),
            "wms_receive_expected_serials": lambda: (
                receipt.wms_receive_expected_serials(full)
            ),
            "wms_set_quantity": lambda: receipt.wms_set_quantity(none, 2),
            "button_validate": lambda: receipt.button_validate(),
            "action_wms_edit_expected_serials": lambda: (
                receipt.move_ids[:1].action_wms_edit_expected_serials()
            ),
            "expected serial wizard": lambda: self.env["stock.expected.serial.wizard"]
            .with_user(user)
            .create({"move_id": self.receipt.move_ids[:1].id}),
            "expected serial create": lambda: self.env["stock.expected.serial"]
            .with_user(user)
            .create({"move_id": self.receipt.move_ids[:1].id, "name": "ACC-9"}),
            "serial search": lambda: self.env["stock.lot"]
            .with_user(user)
            .search([("name", "=", "ACC-1")]),
        }

    def _state(self):
        self.env.flush_all()
        self.env.invalidate_all()
        return (
            self.receipt.move_line_ids.mapped(lambda ml: (ml.lot_name, ml.picked)),
            self.delivery.move_line_ids.mapped(lambda ml: (ml.lot_id.name, ml.picked)),
            self.receipt.move_ids.expected_serial_ids.mapped("name"),
            self.receipt.state,
        )

    def test_portal_and_public_users_reach_no_entry_point(self):
        before = self._state()
        for user in (self.portal_user, self.public_user):
            for name, call in self._entry_points(user).items():
                with self.subTest(user=user.login, entry_point=name):
                    with self.assertRaises(AccessError):
                        call()
                    self.assertEqual(self._state(), before)
        problems = (
            self.env["stock.serial.integrity"].with_user(self.portal_user).wms_check()
        )
        self.assertEqual([p["kind"] for p in problems], ["access"])

    def test_stock_users_scan_receive_and_pick(self):
        receipt = self.receipt.with_user(self.stock_user)
        self.assertScanOk(receipt.wms_scan_serial(self.product_full.id, "ACC-2"))
        receipt.wms_set_quantity(self.product_none.id, 2)
        self._validate(receipt)
        self.assertEqual(self.receipt.state, "done")
        delivery = self.delivery.with_user(self.stock_user)
        self.assertScanOk(delivery.wms_scan_serial(self.product_full.id, "ACC-1"))
        self._validate(delivery)
        self.assertEqual(self.delivery.state, "done")
        self.assertOnHand(self.product_full, {"ACC-2": 1})


@tagged("post_install", "-at_install")
class TestMultiCompany(PickCase):
    """A serial of company A is invisible and unusable from company B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "WMS Company B"})
        cls.warehouse_b = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_b.id)], limit=1
        )
        cls.user_b = new_test_user(
            cls.env,
            login="wms_user_b",
            groups="stock.group_stock_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls._put_in_stock(cls.product_full, serials=["MC-1"])

    def test_serial_of_company_a_is_invisible_in_company_b(self):
        Lot = self.env["stock.lot"].with_user(self.user_b)
        self.assertFalse(Lot.search([("name", "=", "MC-1")]))
        self.assertFalse(
            self.env["stock.quant"]
            .with_user(self.user_b)
            .search([("lot_id.name", "=", "MC-1")])
        )
        lot_a = self.env["stock.lot"].search([("name", "=", "MC-1")])
        with self.assertRaises(AccessError):
            lot_a.with_user(self.user_b).read(["name"])
        # Company A's documents are out of reach too.
        delivery_a = self._create_delivery([(self.product_full, 1)])
        with self.assertRaises(AccessError):
            delivery_a.with_user(self.user_b).wms_scan_serial(
                self.product_full.id, "MC-1"
            )
        self.assertFalse(delivery_a.move_line_ids.filtered("picked"))

    def test_serial_of_company_a_is_unusable_in_company_b(self):
        # Company B has its own stock of the product, without that serial.
        self.env["stock.quant"].with_company(self.company_b)._update_available_quantity(
            self.product_full, self.warehouse_b.lot_stock_id, 1
        )
        out_type = self.warehouse_b.out_type_id
        env_b = self.env(
            context=dict(self.env.context, allowed_company_ids=self.company_b.ids)
        )
        customers_b = env_b["stock.location"].create(
            {
                "name": "Customers B",
                "usage": "customer",
                "location_id": self.warehouse_b.view_location_id.id,
                "company_id": self.company_b.id,
            }
        )
        delivery_b = env_b["stock.picking"].create(
            {
                "picking_type_id": out_type.id,
                "location_id": out_type.default_location_src_id.id,
                "location_dest_id": customers_b.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": "Laptop",
                            "product_id": self.product_full.id,
                            "product_uom_qty": 1,
                            "location_id": out_type.default_location_src_id.id,
                            "location_dest_id": customers_b.id,
                        }
                    )
                ],
            }
        )
        delivery_b.action_confirm()
        delivery_b.action_assign()
        delivery_b = delivery_b.with_user(self.user_b)
        self.assertEqual(delivery_b.company_id, self.company_b)
        result = delivery_b.wms_scan_serial(self.product_full.id, "MC-1")
        self.assertScanRefused(result, "MC-1", "Full Tracking picks only serials")
        self.assertFalse(delivery_b.move_line_ids.filtered("picked"))
        # The serial stays company A's, on hand once, where it was.
        self.assertOnHand(self.product_full, {"MC-1": 1})
