# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import PickCase
from .screenshots import ScreenshotsMixin

INVENTORY = "/odoo/action-stock.stock_picking_type_action"


@tagged("post_install", "-at_install")
class TestCountTour(ScreenshotsMixin, PickCase, HttpCase):
    """An Inventory manager counts, in the web client, a serial delivered to a
    customer as found in stock: the preview says where the books put it, and
    Apply brings it back as a return. Screenshots: count-<n>-<step>.png."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._enable_screenshots()
        cls.product_full.name = "Laptop Counted"
        # Where Count Serial Numbers counts by default.
        cls.counted = cls.env["stock.serial.count.wizard"]._default_location_id()
        cls._put_in_stock(
            cls.product_full, serials=["SN-CB-0001"], location=cls.counted
        )
        delivery = cls._create_delivery(
            [(cls.product_full, 1)], warehouse=cls.counted.warehouse_id
        )
        assert delivery.wms_scan_serial(cls.product_full.id, "SN-CB-0001")["ok"]
        assert delivery.button_validate() is True
        cls.delivery = delivery

    def test_count_brings_a_delivered_serial_back(self):
        self.start_tour(
            INVENTORY,
            "serial_tracking_wms_count_brings_back",
            login=self.stock_manager.login,
        )
        lot = self.delivery.move_line_ids.lot_id
        quants = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("quantity", "!=", 0)]
        )
        self.assertEqual(
            [(q.location_id, q.quantity) for q in quants], [(self.counted, 1)]
        )
        back = self.env["stock.move.line"].search(
            [
                ("lot_id", "=", lot.id),
                ("location_id", "=", self.customer_location.id),
                ("state", "=", "done"),
            ]
        )
        self.assertEqual(back.location_dest_id, self.counted)
        self.assertEqual(back.wms_done_user_id, self.stock_manager)
