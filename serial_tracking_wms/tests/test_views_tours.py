# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .recall_common import RecallCase
from .screenshots import ScreenshotsMixin

STOCK_LIST = "/odoo/action-serial_tracking_wms.action_stock_list"
TRANSACTIONS = "/odoo/action-serial_tracking_wms.action_serial_transactions"
INVENTORY = "/odoo/action-stock.stock_picking_type_action"


@tagged("post_install", "-at_install")
class TestViewsTours(ScreenshotsMixin, RecallCase, HttpCase):
    """The stock list, a stock line's Serial Numbers tab, the transactions and a
    recall, opened by a stock user in the real web client at desktop size. With
    $WMS_SCREENSHOTS_DIR set, each is saved there as views-<n>-<view>.png."""

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
            STOCK_LIST, "serial_tracking_wms_stock_list", login=self.stock_user.login
        )

    def test_transactions(self):
        self.start_tour(
            TRANSACTIONS,
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
