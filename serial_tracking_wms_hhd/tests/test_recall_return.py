# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import ScannerFixtures


@tagged("post_install", "-at_install")
class TestScannerRecallReturn(ScannerFixtures, TransactionCase):
    """A recalled laptop returned on the scanner: the scan says whether it is
    under warranty, the return's validation marks its recall line returned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_scanner_fixtures()
        cls.laptop.product_tmpl_id.wms_warranty_months = 24
        cls.manager = new_test_user(
            cls.env, login="tour_recall_manager", groups="stock.group_stock_manager"
        )
        cls._setup_scanner_flows()
        receipt = cls._receipt_expecting("RECALL-IN", ["RR-1", "RR-2"])
        for serial in ("RR-1", "RR-2"):
            screen = cls.receive.scan(receipt.id, serial, cls.laptop.id)
            assert screen["ok"], screen["message"]
        assert cls.receive.finish(receipt.id).get("finished")
        cls.delivery = cls._picking(
            "RECALL-OUT",
            cls.warehouse.out_type_id,
            cls.stock_location,
            cls.env.ref("stock.stock_location_customers"),
            cls.customer,
            [(cls.laptop, 2)],
        )
        for serial in ("RR-1", "RR-2"):
            screen = cls.pick.scan(cls.delivery.id, serial, cls.laptop.id)
            assert screen["ok"], screen["message"]
        assert cls.pick.finish(cls.delivery.id).get("finished")
        cls.campaign = (
            cls.env["stock.serial.recall.campaign"]
            .with_user(cls.manager)
            .create({"reason": "Hinge may break", "serials_text": "RR-1\nRR-2"})
        )
        cls.campaign.action_open()

    def test_return_on_the_scanner(self):
        self.assertEqual(self.campaign.in_field_count, 2)
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=self.delivery.id, active_model="stock.picking")
            .create({"picking_id": self.delivery.id})
        )
        wizard.product_return_moves.quantity = 1
        back = self.env["stock.picking"].browse(
            wizard.action_create_returns()["res_id"]
        )
        screen = self.receive.scan(back.id, "RR-1", self.laptop.id)
        self.assertTrue(screen["ok"], screen["message"])
        self.assertIn("Under Warranty", screen["message"])
        self.assertTrue(self.receive.finish(back.id).get("finished"))
        self.assertEqual(back.state, "done")
        line = self.campaign.line_ids.filtered(lambda x: x.lot_id.name == "RR-1")
        self.assertEqual(line.status, "returned")
        self.assertEqual(line.return_picking_id, back)
        self.assertEqual(self.campaign.in_field_count, 1)
        move_line = back.move_line_ids.filtered(lambda ml: ml.lot_id.name == "RR-1")
        self.assertEqual(move_line.wms_warranty_answer, "under")
