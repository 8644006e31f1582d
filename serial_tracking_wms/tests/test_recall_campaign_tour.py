# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .recall_common import RecallCase
from .screenshots import ScreenshotsMixin

INVENTORY = "/odoo/action-stock.stock_picking_type_action"
TRANSFER = "/odoo/action-stock.action_picking_tree_all/{}"


@tagged("post_install", "-at_install")
class TestRecallCampaignTour(ScreenshotsMixin, RecallCase, HttpCase):
    """A stock user follows a recall an Inventory manager opened, from its
    units at the customer to one of them returned, in the real web client."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._enable_screenshots()
        cls.customer.write(
            {"name": "Contoso Retail", "email": "buyer@contoso.example.com"}
        )
        serials = ["SN-RC-0001", "SN-RC-0002", "SN-RC-0003"]
        cls._receive(cls.product_full, serials, cls.vendor)
        cls.delivery = cls._deliver(serials[:2], cls.customer)
        cls.campaign = (
            cls.env["stock.serial.recall.campaign"]
            .with_user(cls.stock_manager)
            .create(
                {"reason": "Battery may overheat", "serials_text": "\n".join(serials)}
            )
        )
        cls.campaign.action_open()

    def test_follow_a_recall_to_a_returned_unit(self):
        self.start_tour(
            INVENTORY,
            "serial_tracking_wms_recall_campaign",
            login=self.stock_user.login,
        )
        # The customer sends SN-RC-0001 back: its return, ready to validate.
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=self.delivery.id, active_model="stock.picking")
            .create({"picking_id": self.delivery.id})
        )
        wizard.product_return_moves.quantity = 1
        back = self.env["stock.picking"].browse(
            wizard.action_create_returns()["res_id"]
        )
        result = back.with_user(self.stock_user).wms_scan_serial(
            self.product_full.id, "SN-RC-0001"
        )
        self.assertTrue(result["ok"], result["message"])
        self.start_tour(
            TRANSFER.format(back.id),
            "serial_tracking_wms_recall_campaign_return",
            login=self.stock_user.login,
        )
        self.assertEqual(back.state, "done")
        line = self.campaign.line_ids.filtered(lambda x: x.lot_id.name == "SN-RC-0001")
        self.assertEqual(line.status, "returned")
