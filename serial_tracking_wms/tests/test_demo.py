# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


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
