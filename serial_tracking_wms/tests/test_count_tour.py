# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import PickCase, create_picking
from .screenshots import ScreenshotsMixin

INVENTORY = "/odoo/action-stock.stock_picking_type_action"
PRODUCT = "/odoo/action-stock.product_template_action_product/{}"


@tagged("post_install", "-at_install")
class TestCountTour(ScreenshotsMixin, PickCase, HttpCase):
    """An Inventory manager counts, in the web client, a serial delivered to a
    customer as found in stock: the preview says where the books put it, and
    Apply brings it back as a return; then looks the serial up (typed in lower
    case): its story on the first tab. Screenshots: count-<n>-<step>.png,
    lookup-<n>-<step>.png."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._enable_screenshots()
        cls.product_full.name = "Laptop Counted"
        # Where Count Serial Numbers counts by default.
        cls.counted = cls.env["stock.serial.count.wizard"]._default_location_id()
        # Announced on a pre-receipt, received, delivered: a story to tell.
        receipt = create_picking(
            cls.env,
            cls.counted.warehouse_id.in_type_id,
            cls.supplier_location,
            cls.counted,
            cls.vendor,
            [(cls.product_full, 1)],
        )
        receipt.action_confirm()
        receipt.wms_set_expected_serials(cls.product_full.id, ["SN-CB-0001"])
        assert receipt.wms_scan_serial(cls.product_full.id, "SN-CB-0001")["ok"]
        assert receipt.button_validate() is True
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
            [("lot_id", "=", lot.id), ("quantity", ">", 0)]
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
        # Then looked up: announced, received, delivered, returned.
        self.start_tour(
            PRODUCT.format(self.product_full.product_tmpl_id.id),
            "serial_tracking_wms_lookup_story",
            login=self.stock_manager.login,
        )
