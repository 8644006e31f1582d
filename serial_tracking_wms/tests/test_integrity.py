# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import PickCase


@tagged("post_install", "-at_install")
class TestIntegrityCheck(PickCase):
    """The database check finds what must never be, and nothing on sound data."""

    def _problems(self, kind=None):
        problems = (
            self.env["stock.serial.integrity"].with_user(self.stock_manager).wms_check()
        )
        return [p["message"] for p in problems if kind in (None, p["kind"])]

    def test_sound_data_has_no_problem(self):
        """Demo data plus a full cycle through the suite's own flows."""
        self.assertEqual(self._problems(), [])
        receipt = self._create_receipt([(self.product_full, 2), (self.product_pick, 3)])
        receipt.wms_set_expected_serials(self.product_full.id, ["IC-1", "IC-2"])
        for serial in ("IC-1", "IC-2"):
            self._scan(receipt, self.product_full, serial)
        receipt.move_ids.picked = True
        self._validate(receipt)
        delivery = self._create_delivery(
            [(self.product_full, 1), (self.product_pick, 2)]
        )
        delivery.wms_set_picked_serials(self.product_full.id, ["IC-2"])
        delivery.wms_set_picked_serials(self.product_pick.id, ["ICP-1", "ICP-2"])
        self._validate(delivery)
        self.assertEqual(self._problems(), [])

    def test_serial_on_hand_twice(self):
        self._put_in_stock(self.product_full, serials=["TWICE"])
        quant = self.env["stock.quant"].search([("lot_id.name", "=", "TWICE")])
        self.env.cr.execute(
            "INSERT INTO stock_quant (product_id, location_id, lot_id, company_id, "
            "quantity, reserved_quantity, in_date) "
            "SELECT product_id, %s, lot_id, company_id, 1, 0, in_date "
            "FROM stock_quant WHERE id = %s",
            (self.warehouse_3steps.lot_stock_id.id, quant.id),
        )
        problems = self._problems("serial_on_hand")
        self.assertEqual(len(problems), 1)
        self.assertIn("TWICE of Laptop: 2 on hand at", problems[0])
        self.assertIn("W3S/Stock", problems[0])

    def test_done_line_without_serial(self):
        self._put_in_stock(self.product_pick, qty=1)
        delivery = self._create_delivery([(self.product_pick, 1)])
        delivery.wms_set_picked_serials(self.product_pick.id, ["NS-1"])
        self._validate(delivery)
        self.env.cr.execute(
            "UPDATE stock_move_line SET lot_id = NULL WHERE picking_id = %s",
            (delivery.id,),
        )
        problems = self._problems("line_without_serial")
        self.assertEqual(len(problems), 1)
        self.assertIn(f"{delivery.name}: 1 units of Earbuds", problems[0])

    def test_expected_serials_breaking_all_or_none(self):
        receipt = self._create_receipt([(self.product_full, 2)])
        receipt.wms_set_expected_serials(self.product_full.id, ["AN-1", "AN-2"])
        self.env.cr.execute(
            "DELETE FROM stock_expected_serial WHERE name = 'AN-2' AND picking_id = %s",
            (receipt.id,),
        )
        problems = self._problems("expected_serials")
        self.assertEqual(
            problems,
            [f"{receipt.name}: 1 expected serial numbers for 2 units of Laptop."],
        )

    def test_only_managers_and_the_scheduled_action(self):
        denied = (
            self.env["stock.serial.integrity"].with_user(self.stock_user).wms_check()
        )
        self.assertEqual([p["kind"] for p in denied], ["access"])
        cron = self.env.ref("serial_tracking_wms.ir_cron_serial_integrity")
        self.assertTrue(cron.active)
        self.assertEqual(self.env["stock.serial.integrity"]._cron_check(), [])
