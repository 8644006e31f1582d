# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .recall_common import RecallCase


@tagged("post_install", "-at_install")
class TestSerialWarranty(RecallCase):
    """A warranty period per product: each delivered serial's end, the answer
    a return gets and keeps, the period of a unit delivered again."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_full.product_tmpl_id.wms_warranty_months = 12
        cls._receive(cls.product_full, ["WY-001", "WY-002"], cls.vendor)
        cls.delivery = cls._deliver(["WY-001", "WY-002"], cls.customer)
        # The day of the validations in the time zone of the clerk who made
        # them (Odoo's context_today): not the administrator's, a day ahead
        # of UTC in the late evening.
        cls.today = fields.Date.context_today(
            cls.env["stock.lot"].with_user(cls.stock_user)
        )
        cls.lot = cls.env["stock.lot"].search([("name", "=", "WY-001")])

    def _filter(self, model, name):
        """``name``'s domain in ``model``'s search view, as the web client
        evaluates it (with ``context_today``)."""
        views = (
            self.env[model].with_user(self.stock_user).get_views([(False, "search")])
        )
        arch = etree.fromstring(views["views"]["search"]["arch"])
        (node,) = arch.xpath(f"//filter[@name='{name}']")
        return safe_eval(
            node.get("domain"),
            {"context_today": date.today},
        )

    def test_delivery_sets_the_end(self):
        self.assertEqual(
            self.lot.wms_warranty_end, self.today + relativedelta(months=12)
        )
        lookup = (
            self.env["stock.serial.lookup"]
            .with_user(self.stock_user)
            .create({"serial": "WY-001"})
        )
        self.assertEqual(lookup.wms_warranty_answer, "under")
        self.assertEqual(lookup.wms_warranty_end, self.lot.wms_warranty_end)
        Lot = self.env["stock.lot"].with_user(self.stock_user)
        domain = self._filter("stock.lot", "wms_in_warranty")
        self.assertIn(self.lot, Lot.search(domain))
        domain = self._filter("stock.lot", "wms_warranty_expired")
        self.assertNotIn(self.lot, Lot.search(domain))

    def test_return_says_under_warranty_and_keeps_it(self):
        back = self._return_serial(self.delivery, "WY-001")
        line = back.move_line_ids.filtered(lambda ml: ml.lot_id == self.lot)
        self.assertEqual(line.wms_warranty_answer, "under")
        self.assertEqual(line.wms_warranty_end, self.lot.wms_warranty_end)
        self.assertIn("Under Warranty", back.message_ids[0].body)
        self.assertIn("WY-001", back.message_ids[0].body)
        # Transactions and the Stock List filter on it.
        MoveLine = self.env["stock.move.line"].with_user(self.stock_user)
        domain = self._filter("stock.move.line", "wms_returned_under_warranty")
        self.assertIn(line, MoveLine.search(domain))
        Quant = self.env["stock.quant"].with_user(self.stock_user)
        quants = Quant.search(self._filter("stock.quant", "wms_in_warranty"))
        self.assertIn(self.lot, quants.lot_id)
        quants = Quant.search(self._filter("stock.quant", "wms_warranty_expired"))
        self.assertNotIn(self.lot, quants.lot_id)

    def test_scanning_a_return_says_it(self):
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=self.delivery.id, active_model="stock.picking")
            .create({"picking_id": self.delivery.id})
        )
        for line in wizard.product_return_moves:
            line.quantity = 1
        back = self.env["stock.picking"].browse(
            wizard.action_create_returns()["res_id"]
        )
        result = back.with_user(self.stock_user).wms_scan_serial(
            self.product_full.id, "WY-002"
        )
        self.assertTrue(result["ok"], result["message"])
        self.assertIn("WY-002: Under Warranty (until", result["message"])

    def test_return_after_the_end(self):
        lot2 = self.env["stock.lot"].search([("name", "=", "WY-002")])
        lot2.wms_warranty_end = self.today - timedelta(days=3)
        back = self._return_serial(self.delivery, "WY-002")
        line = back.move_line_ids.filtered(lambda ml: ml.lot_id == lot2)
        self.assertEqual(line.wms_warranty_answer, "expired")
        self.assertIn("Warranty Expired", back.message_ids[0].body)
        domain = self._filter("stock.lot", "wms_warranty_expired")
        self.assertIn(lot2, self.env["stock.lot"].search(domain))

    def test_redelivery_rest_of_the_old_period(self):
        self.product_full.product_tmpl_id.wms_warranty_redelivery = "rest"
        self.lot.wms_warranty_end = self.today + timedelta(days=40)
        self._return_serial(self.delivery, "WY-001")
        self.assertEqual(self.lot.wms_warranty_days_left, 40)
        self._deliver(["WY-001"], self.customer)
        self.assertEqual(self.lot.wms_warranty_end, self.today + timedelta(days=40))

    def test_redelivery_new_period(self):
        self.lot.wms_warranty_end = self.today + timedelta(days=40)
        self._return_serial(self.delivery, "WY-001")
        self._deliver(["WY-001"], self.customer)
        self.assertEqual(
            self.lot.wms_warranty_end, self.today + relativedelta(months=12)
        )

    def test_from_receipt(self):
        template = self.product_full.product_tmpl_id
        template.wms_warranty_start = "receipt"
        self._receive(self.product_full, ["WY-010"], self.vendor)
        lot = self.env["stock.lot"].search([("name", "=", "WY-010")])
        self.assertEqual(lot.wms_warranty_end, self.today + relativedelta(months=12))
        self._deliver(["WY-010"], self.customer)
        self.assertEqual(lot.wms_warranty_end, self.today + relativedelta(months=12))

    def test_replacement_gets_the_rest_of_the_recalled_units(self):
        template = self.product_full.product_tmpl_id
        template.wms_warranty_redelivery = "rest"
        self.lot.wms_warranty_end = self.today + timedelta(days=100)
        self._receive(self.product_full, ["WY-020"], self.vendor)
        campaign = (
            self.env["stock.serial.recall.campaign"]
            .with_user(self.stock_manager)
            .create({"reason": "Faulty", "serials_text": "WY-001"})
        )
        campaign.action_open()
        replacement = self.env["stock.lot"].search([("name", "=", "WY-020")])
        line = campaign.line_ids.with_user(self.stock_user)
        line.write({"replacement_lot_id": replacement.id})
        line.action_set_replaced()
        self._deliver(["WY-020"], self.customer)
        self.assertEqual(replacement.wms_warranty_end, self.today + timedelta(days=100))
        # A new period, by the product's other rule.
        template.wms_warranty_redelivery = "new"
        self._receive(self.product_full, ["WY-021"], self.vendor)
        other = self.env["stock.lot"].search([("name", "=", "WY-021")])
        self._deliver(["WY-021"], self.customer)
        self.assertEqual(other.wms_warranty_end, self.today + relativedelta(months=12))

    def test_one_validation_of_products_with_and_without_warranty(self):
        # After validation the done lines are read at once and only the
        # products with a warranty go on: each still gets its own rule.
        plain = self._create_product("Plain Charger", "full")
        kept = self._create_product(
            "Kept Unit", "full", wms_warranty_months=3, wms_warranty_start="receipt"
        )
        self._receive(self.product_full, ["WY-030"], self.vendor)
        self._receive(plain, ["PL-001"], self.vendor)
        self._receive(kept, ["WP-001"], self.vendor)
        Lot = self.env["stock.lot"]
        pick_lot = Lot.search([("name", "=", "WP-001")])
        self.assertEqual(
            pick_lot.wms_warranty_end, self.today + relativedelta(months=3)
        )
        self._deliver(
            ["WY-030"],
            self.customer,
            others=[(plain, ["PL-001"]), (kept, ["WP-001"])],
        )
        self.assertEqual(
            Lot.search([("name", "=", "WY-030")]).wms_warranty_end,
            self.today + relativedelta(months=12),
        )
        self.assertFalse(Lot.search([("name", "=", "PL-001")]).wms_warranty_end)
        # From receipt: the delivery leaves its end as it was.
        self.assertEqual(
            pick_lot.wms_warranty_end, self.today + relativedelta(months=3)
        )
        # A return of the one without warranty: its answer kept too.
        back = self._return_serial(self._last_delivery(), "PL-001", product=plain)
        line = back.move_line_ids.filtered(lambda ml: ml.lot_id.name == "PL-001")
        self.assertEqual(line.wms_warranty_answer, "none")

    def _last_delivery(self):
        return self.env["stock.picking"].search(
            [("picking_type_code", "=", "outgoing"), ("state", "=", "done")],
            order="id desc",
            limit=1,
        )
