# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PickCase
from .recall_common import RecallCase
from .screenshots import ScreenshotsMixin

INVENTORY = "/odoo/action-stock.stock_picking_type_action"
TRANSFER = "/odoo/action-stock.action_picking_tree_all/{}"


@tagged("post_install", "-at_install")
class TestViewsTours(ScreenshotsMixin, RecallCase, HttpCase):
    """The stock list, a stock line's Serial Numbers tab, the transactions and a
    recall, opened by a stock user from the Inventory menus in the real web client
    at desktop size. With $WMS_SCREENSHOTS_DIR set, each is saved there as
    views-<n>-<view>.png."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._enable_screenshots()
        cls.vendor.name = "Contoso Supply"
        cls.customer.write(
            {
                "name": "Contoso Retail",
                "email": "buyer@contoso.example.com",
                "phone": "+1 555 0100",
                "street": "1 Main Street",
                "city": "Springfield",
                "zip": "12345",
            }
        )
        laptops = [f"SN-LT-{n:04d}" for n in range(1, 6)]
        cls._receive(
            cls.product_full,
            laptops,
            cls.vendor,
            others=[(cls.product_none, 40), (cls.product_pick, 12)],
        )
        cls.delivery = cls._deliver(
            laptops[:2], cls.customer, others=[(cls.product_pick, ["SN-EB-0001"])]
        )
        cls._return_serial(cls.delivery, laptops[1])

    def test_stock_list_and_serial_tab(self):
        self.start_tour(
            INVENTORY, "serial_tracking_wms_stock_list", login=self.stock_user.login
        )

    def test_transactions(self):
        self.start_tour(
            INVENTORY,
            "serial_tracking_wms_transactions",
            login=self.stock_user.login,
        )

    def test_recall(self):
        self.start_tour(
            INVENTORY, "serial_tracking_wms_recall", login=self.stock_user.login
        )
        recall = self.env["stock.serial.recall"].search(
            [("create_uid", "=", self.stock_user.id)]
        )
        self.assertEqual(
            sorted((line.lot_id.name, line.returned) for line in recall.line_ids),
            [("SN-LT-0001", False), ("SN-LT-0002", True)],
        )


@tagged("post_install", "-at_install")
class TestDesktopPickTour(ScreenshotsMixin, PickCase, HttpCase):
    """A stock user picks a Track During Pick line on the desktop: a serial typed
    per unit in the line's detailed operations, then validates. Screenshots:
    desktop-<n>-<step>.png."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._enable_screenshots()
        cls._put_in_stock(cls.product_pick, qty=6)
        # A serial delivered earlier, and not returned.
        gone = cls._create_delivery([(cls.product_pick, 1)])
        gone.move_line_ids.write({"lot_name": "SN-EB-GONE", "picked": True})
        gone.button_validate()
        assert gone.state == "done", gone.state

    def test_pick_by_typing_serials(self):
        delivery = self._create_delivery([(self.product_pick, 2)])
        self.assertEqual(delivery.state, "assigned")
        self.start_tour(
            TRANSFER.format(delivery.id),
            "serial_tracking_wms_pick_typed_serials",
            login=self.stock_user.login,
        )
        self.assertEqual(delivery.state, "done")
        self.assertEqual(
            sorted(delivery.move_line_ids.lot_id.mapped("name")),
            ["SN-EB-0101", "SN-EB-0102"],
        )
        self.assertOnHand(self.product_pick, {False: 3})
        self.assertOnHand(
            self.product_pick,
            {"SN-EB-GONE": 1, "SN-EB-0101": 1, "SN-EB-0102": 1},
            self.customer_location,
        )
        self.assertNoNegativeQuant(self.product_pick)


@tagged("post_install", "-at_install", "wms_real")
class TestDesktopPurchaseTour(ScreenshotsMixin, PickCase, HttpCase):
    """A receipt made from a purchase order is confirmed at once: a stock user
    enters the vendor's serial list on it (Edit Serial Numbers), receives the
    goods (Odoo's Import Serials in the line's detailed operations) and
    validates. Needs Purchase: the real-world run only."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._enable_screenshots()

    def test_purchase_receipt_with_expected_serials(self):
        order = self._create_purchase([(self.product_full, 3, 900.0)])
        receipt = order.picking_ids
        self.assertEqual(receipt.state, "assigned", "confirmed at once")
        self.start_tour(
            TRANSFER.format(receipt.id),
            "serial_tracking_wms_purchase_receipt",
            login=self.stock_user.login,
        )
        self.assertEqual(receipt.state, "done")
        serials = ["SN-PO-0001", "SN-PO-0002", "SN-PO-0003"]
        self.assertEqual(
            sorted(
                receipt.move_ids.expected_serial_ids.mapped(lambda s: (s.name, s.state))
            ),
            [(name, "received") for name in serials],
        )
        self.assertEqual(
            sorted(receipt.move_ids.expected_serial_ids.lot_id.mapped("name")), serials
        )
        self.assertOnHand(self.product_full, dict.fromkeys(serials, 1))
        self.assertEqual(order.order_line.qty_received, 3)


@tagged("post_install", "-at_install")
class TestDemoTour(ScreenshotsMixin, HttpCase):
    """An Inventory manager walks the demo (setup/test.sh installs it): the
    Lookup of a returned serial, a recall finding the two customers and the
    returned unit, a mode change refused. Screenshots: demo-<n>-<step>.png."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._enable_screenshots()
        cls.manager = new_test_user(
            cls.env,
            login="wms_demo_tour_manager",
            groups="stock.group_stock_manager,base.group_user",
        )

    def test_demo_story(self):
        laptop = self.env.ref("serial_tracking_wms.demo_product_full")
        self.start_tour(
            INVENTORY, "serial_tracking_wms_demo_story", login=self.manager.login
        )
        recall = self.env["stock.serial.recall"].search(
            [("create_uid", "=", self.manager.id)]
        )
        self.assertEqual(
            sorted(
                (line.lot_id.name, line.partner_id.name, line.returned)
                for line in recall.line_ids
            ),
            [
                ("LAP-0001", "Northwind Retail", False),
                ("LAP-0002", "Northwind Retail", True),
                ("LAP-0003", "Bluebird Offices", False),
            ],
        )
        self.start_tour(
            f"/odoo/action-stock.product_template_action_product/"
            f"{laptop.product_tmpl_id.id}",
            "serial_tracking_wms_demo_mode_refused",
            login=self.manager.login,
        )
        self.assertEqual(laptop.serial_tracking_mode, "full")
        self.assertEqual(laptop.tracking, "serial")

    def test_settings_block(self):
        self.start_tour(
            "/odoo/action-stock.action_stock_config_settings",
            "serial_tracking_wms_settings",
            login="admin",
        )
