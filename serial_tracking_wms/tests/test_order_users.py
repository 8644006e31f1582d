# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from .common import SerialTrackingCase


@tagged("post_install", "-at_install", "wms_real")
class TestOrderUsers(SerialTrackingCase):
    """A buyer and a salesman, without Inventory rights, confirm their orders of
    serial-tracked products: the receipt or delivery Odoo creates and reserves
    for them goes through this suite's code without asking them for rights
    they do not have (Batch Transfers, installed here, reads its lines)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = new_test_user(
            cls.env, login="wms_buyer", groups="purchase.group_purchase_user"
        )
        cls.seller = new_test_user(
            cls.env, login="wms_seller", groups="sales_team.group_sale_salesman"
        )

    def test_buyer_confirms_a_purchase(self):
        order = self._create_purchase(
            [(product, 3, 10.0) for product in (self.product_pick, self.product_full)],
            env=self.env(user=self.buyer),
        )
        self.assertEqual(order.picking_ids.state, "assigned")
        self.assertEqual(
            order.picking_ids.move_ids.product_id, self.product_pick | self.product_full
        )

    def test_salesman_confirms_a_sale(self):
        self._put_in_stock(self.product_pick, qty=3)
        self._put_in_stock(self.product_full, serials=["OU-1", "OU-2", "OU-3"])
        order = self._create_sale(
            [(product, 3) for product in (self.product_pick, self.product_full)],
            env=self.env(user=self.seller),
        )
        self.assertEqual(order.picking_ids.state, "assigned")
        self.assertEqual(
            sorted(order.picking_ids.move_line_ids.lot_id.mapped("name")),
            ["OU-1", "OU-2", "OU-3"],
        )
