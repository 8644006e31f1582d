# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo shows one product per mode and one pre-receipt of each kind.

    setup/test.sh installs the addons with demo data, so this checks what a new
    user sees after setup/run.sh.
    """

    def test_demo_data(self):
        ref = self.env.ref
        if (
            not self.env["ir.module.module"]
            .search([("name", "=", "serial_tracking_wms")])
            .demo
        ):
            self.fail("the test database was installed without demo data")
        modes = {
            ref(f"serial_tracking_wms.demo_product_{mode}").serial_tracking_mode
            for mode in ("none", "pick", "full")
        }
        self.assertEqual(modes, {"none", "pick", "full"})
        with_serials = ref("serial_tracking_wms.demo_receipt_with_serials")
        laptop = ref("serial_tracking_wms.demo_receipt_with_serials_laptop")
        self.assertEqual(with_serials.state, "assigned")
        self.assertEqual(len(laptop.expected_serial_ids), laptop.product_qty)
        without = ref("serial_tracking_wms.demo_receipt_without_serials")
        self.assertFalse(without.move_ids.expected_serial_ids)
        self.assertEqual(without.state, "assigned")
        pick_list = ref("serial_tracking_wms.demo_pick_list")
        self.assertEqual(pick_list.state, "assigned")
        for product in ("pick", "full"):
            self.assertGreater(
                ref(f"serial_tracking_wms.demo_product_{product}").qty_available, 0
            )

    def _serial_quants(self, product, usage):
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", product.id),
                ("location_id.usage", "=", usage),
                ("quantity", ">", 0),
            ]
        )
        return {q.lot_id.name: q.quantity for q in quants if q.lot_id}

    def _last_done_line(self, product, serial):
        return self.env["stock.move.line"].search(
            [
                ("product_id", "=", product.id),
                ("lot_id.name", "=", serial),
                ("state", "=", "done"),
            ],
            order="id desc",
            limit=1,
        )

    def test_demo_tells_a_serials_life(self):
        """LAP-0001..0006 announced by the vendor and received as announced;
        two delivered to Northwind Retail (one returned), one to Bluebird
        Offices with earbuds whose serials were taken at pick, one scrapped; a
        pre-receipt still expects LAP-1001..1004."""
        ref = self.env.ref
        laptop = ref("serial_tracking_wms.demo_product_full")
        earbuds = ref("serial_tracking_wms.demo_product_pick")
        northwind = ref("serial_tracking_wms.demo_customer")
        bluebird = ref("serial_tracking_wms.demo_customer_2")
        stock = ref("stock.warehouse0").lot_stock_id
        # Received through the expected list.
        receipt = ref("serial_tracking_wms.demo_receipt_received")
        self.assertEqual(receipt.state, "done")
        expected = receipt.move_ids.expected_serial_ids
        self.assertEqual(set(expected.mapped("state")), {"received"})
        self.assertEqual(
            sorted(expected.lot_id.mapped("name")),
            [f"LAP-000{i}" for i in range(1, 7)],
        )
        # On hand: the returned unit and the two never sold, in WH/Stock.
        self.assertEqual(
            self._serial_quants(laptop, "internal"),
            {"LAP-0002": 1, "LAP-0005": 1, "LAP-0006": 1},
        )
        self.assertEqual(
            set(
                self.env["stock.quant"]
                .search([("product_id", "=", laptop.id), ("quantity", ">", 0)])
                .filtered(lambda q: q.location_id.usage == "internal")
                .location_id.ids
            ),
            {stock.id},
        )
        # At the customers: one each, by their deliveries.
        self.assertEqual(
            self._serial_quants(laptop, "customer"), {"LAP-0001": 1, "LAP-0003": 1}
        )
        for serial, partner in (("LAP-0001", northwind), ("LAP-0003", bluebird)):
            line = self._last_done_line(laptop, serial)
            self.assertEqual(line.picking_id.picking_type_code, "outgoing")
            self.assertEqual(line.picking_id.partner_id, partner)
        # LAP-0002 went to Northwind Retail and came back on a return.
        returned = self._last_done_line(laptop, "LAP-0002")
        self.assertEqual(
            returned.picking_id, ref("serial_tracking_wms.demo_return_northwind")
        )
        self.assertEqual(
            returned.picking_id.return_id,
            ref("serial_tracking_wms.demo_delivery_northwind"),
        )
        self.assertEqual(
            returned.move_id.origin_returned_move_id,
            ref("serial_tracking_wms.demo_delivery_northwind_laptop"),
        )
        # LAP-0004 was scrapped.
        scrap = ref("serial_tracking_wms.demo_scrap_laptop")
        self.assertEqual(scrap.state, "done")
        self.assertEqual(scrap.lot_id.name, "LAP-0004")
        self.assertEqual(self._serial_quants(laptop, "inventory"), {"LAP-0004": 1})
        # Track During Pick: earbuds in stock without serials, the two delivered
        # with the serials taken at pick.
        bluebird_delivery = ref("serial_tracking_wms.demo_delivery_bluebird")
        self.assertEqual(bluebird_delivery.state, "done")
        self.assertEqual(
            sorted(
                bluebird_delivery.move_line_ids.filtered(
                    lambda ml: ml.product_id == earbuds
                ).lot_id.mapped("name")
            ),
            ["EB-0001", "EB-0002"],
        )
        self.assertEqual(
            self._serial_quants(earbuds, "customer"), {"EB-0001": 1, "EB-0002": 1}
        )
        self.assertEqual(self._serial_quants(earbuds, "internal"), {})
        # The pre-receipt still expected.
        pending = ref("serial_tracking_wms.demo_receipt_with_serials")
        self.assertEqual(pending.state, "assigned")
        self.assertEqual(
            sorted(pending.move_ids.expected_serial_ids.mapped("name")),
            ["LAP-1001", "LAP-1002", "LAP-1003", "LAP-1004"],
        )
        self.assertEqual(
            set(pending.move_ids.expected_serial_ids.mapped("state")), {"expected"}
        )
        # Costs, for Serial Valuation when Valuation is installed.
        for product in (laptop, earbuds, ref("serial_tracking_wms.demo_product_none")):
            self.assertGreater(product.standard_price, 0, product.display_name)

    def test_demo_recall_finds_both_customers_and_the_returned_unit(self):
        manager = new_test_user(
            self.env, login="wms_demo_manager", groups="stock.group_stock_manager"
        )
        recall = (
            self.env["stock.serial.recall"]
            .with_user(manager)
            .create(
                {
                    "input_method": "list",
                    "serials_text": "LAP-0001\nLAP-0002\nLAP-0003",
                }
            )
        )
        recall.action_find()
        lines = {
            (line.lot_id.name, line.partner_id.name, line.returned)
            for line in recall.line_ids
        }
        self.assertEqual(
            lines,
            {
                ("LAP-0001", "Northwind Retail", False),
                ("LAP-0002", "Northwind Retail", True),
                ("LAP-0003", "Bluebird Offices", False),
            },
        )

    def test_demo_laptop_mode_change_refused(self):
        """The demo's Laptop 14" cannot leave serial tracking: LAP-1001..1004
        are expected on a pre-receipt and three serials are on hand."""
        manager = new_test_user(
            self.env, login="wms_demo_manager2", groups="stock.group_stock_manager"
        )
        laptop = self.env.ref("serial_tracking_wms.demo_product_full")
        pending = self.env.ref("serial_tracking_wms.demo_receipt_with_serials")
        with self.assertRaises(UserError) as catcher:
            laptop.product_tmpl_id.with_user(manager).serial_tracking_mode = "none"
        message = str(catcher.exception.args[0])
        self.assertIn(
            f"4 expected serial numbers are still open on pre-receipts "
            f"{pending.name} (4)",
            message,
        )
        self.assertIn("3 serial numbers are on hand", message)
        self.assertEqual(laptop.serial_tracking_mode, "full")

    def test_demo_stock_has_no_count_pending(self):
        """The demo puts its stock in place with inventory counts: once applied,
        none is left pending, or Physical Inventory's "Apply All" (and Odoo's
        own tour test_inventory_adjustment_apply_all) would count the demo
        stock again, to 0."""
        products = self.env["product.product"]
        for mode in ("none", "pick", "full"):
            products |= self.env.ref(f"serial_tracking_wms.demo_product_{mode}")
        pending = self.env["stock.quant"].search(
            [("product_id", "in", products.ids), ("inventory_quantity_set", "=", True)]
        )
        self.assertFalse(
            pending,
            [(q.product_id.display_name, q.lot_id.name, q.quantity) for q in pending],
        )
