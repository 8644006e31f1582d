# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .views_common import SerialViewsCase


@tagged("post_install", "-at_install")
class TestSerialTransactions(SerialViewsCase):
    """Transactions with Serial Numbers: the saved filter, its menu and its list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receipt = cls._receive_serials(
            cls.product_full,
            ["TX-F1", "TX-F2"],
            others=[(cls.product_none, 4), (cls.product_pick, 3)],
        )
        # A pick list capturing a Track During Pick serial, validated.
        cls.delivery = cls._create_delivery([(cls.product_pick, 1)])
        udelivery = cls.delivery.with_user(cls.stock_user)
        assert udelivery.wms_scan_serial(cls.product_pick.id, "TX-P1")["ok"]
        assert udelivery.button_validate() is True
        # A pick list reserved on a serial, not done: not a transaction yet.
        cls.open_delivery = cls._create_delivery([(cls.product_full, 1)])
        cls.MoveLine = cls.env["stock.move.line"].with_user(cls.stock_user)
        cls.ours = [
            ("picking_id", "in", (cls.receipt | cls.delivery | cls.open_delivery).ids)
        ]

    def _lines(self, domain):
        return self.MoveLine.search(self.ours + domain)

    def test_filter_selects_done_serial_lines_only(self):
        domain = self._search_filter_domain("stock.move.line", "serial_transactions")
        lines = self._lines(domain)
        self.assertEqual(
            sorted(lines.lot_id.mapped("name")), ["TX-F1", "TX-F2", "TX-P1"]
        )
        self.assertEqual(set(lines.mapped("state")), {"done"})
        # What it leaves out: lines by quantity, and a serial reserved, not done.
        left_out = self._lines([]) - lines
        self.assertTrue(left_out)
        for line in left_out:
            self.assertTrue(line.state != "done" or not line.lot_id, line)
        self.assertIn(self.open_delivery.move_line_ids, left_out)
        self.assertTrue(self.open_delivery.move_line_ids.lot_id)

    def test_line_fields(self):
        domain = self._search_filter_domain("stock.move.line", "serial_transactions")
        lines = self._lines(domain)
        received = lines.filtered(lambda ml: ml.picking_id == self.receipt)
        self.assertEqual(set(received.mapped("wms_serial_step")), {"received"})
        self.assertEqual(set(received.mapped("serial_tracking_mode")), {"full"})
        self.assertEqual(received.picking_partner_id, self.vendor)
        self.assertEqual(received.location_id, self.supplier_location)
        self.assertEqual(received.location_dest_id, self.stock_location)
        self.assertEqual(set(received.mapped("reference")), {self.receipt.name})
        picked = lines - received
        self.assertEqual(picked.wms_serial_step, "delivered")
        self.assertEqual(picked.serial_tracking_mode, "pick")
        self.assertEqual(picked.picking_partner_id, self.customer)
        self.assertEqual(picked.location_dest_id, self.customer_location)
        self.assertEqual(picked.quantity, 1)
        fields = self._view_fields(
            "stock.move.line",
            "serial_tracking_wms.stock_move_line_serial_transactions_view",
            "list",
        )
        self.assertTrue(
            {
                "date",
                "reference",
                "lot_id",
                "serial_tracking_mode",
                "picking_partner_id",
                "location_id",
                "location_dest_id",
                "quantity",
            }
            <= fields
        )

    def test_tracking_type_filters(self):
        pick = self._search_filter_domain("stock.move.line", "serial_tracking_pick")
        full = self._search_filter_domain("stock.move.line", "serial_tracking_full")
        self.assertEqual(self._lines(pick).product_id, self.product_pick)
        self.assertEqual(self._lines(full).product_id, self.product_full)

    def test_saved_filter_action_and_menu(self):
        search_domain = self._search_filter_domain(
            "stock.move.line", "serial_transactions"
        )
        saved = self.env.ref("serial_tracking_wms.filter_serial_transactions")
        self.assertEqual(saved.name, "Transactions with Serial Numbers")
        self.assertEqual(saved.model_id, "stock.move.line")
        self.assertEqual(
            saved.action_id.id, self.env.ref("stock.stock_move_line_action").id
        )
        self.assertFalse(saved.user_id, "shared with every user")
        self.assertEqual(safe_eval(saved.domain), search_domain)
        # The stock user finds it among Moves History's favorites.
        favorites = (
            self.env["ir.filters"]
            .with_user(self.stock_user)
            .get_filters("stock.move.line", saved.action_id.id)
        )
        self.assertIn(saved.id, [f["id"] for f in favorites])

        action = self.env["ir.actions.act_window"]._for_xml_id(
            "serial_tracking_wms.action_serial_transactions"
        )
        self.assertEqual(action["res_model"], "stock.move.line")
        context = safe_eval(action["context"])
        self.assertEqual(context.get("search_default_serial_transactions"), 1)
        self.assertEqual(
            action["view_id"][0],
            self.env.ref(
                "serial_tracking_wms.stock_move_line_serial_transactions_view"
            ).id,
        )
        menu = self.env.ref("serial_tracking_wms.menu_serial_transactions")
        self.assertEqual(
            menu.action.id,
            self.env.ref("serial_tracking_wms.action_serial_transactions").id,
        )
        self.assertEqual(menu.parent_id, self.env.ref("stock.menu_warehouse_report"))

    def test_access(self):
        lines = self._lines(
            self._search_filter_domain("stock.move.line", "serial_transactions")
        )
        self.assertTrue(lines.mapped("wms_serial_step"))
        plain = lines.with_user(self.plain_user)
        for field in ("serial_tracking_mode", "wms_serial_step"):
            with self.assertRaises(AccessError):
                plain.read([field])
        with self.assertRaises(AccessError):
            plain.lot_id.read(["name"])
        menu = self.env.ref("serial_tracking_wms.menu_serial_transactions")
        self.assertFalse(self._menu_visible(menu, self.plain_user))
        self.assertTrue(self._menu_visible(menu, self.stock_manager))
