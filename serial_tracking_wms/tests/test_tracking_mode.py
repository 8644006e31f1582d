# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import SerialTrackingCase


@tagged("post_install", "-at_install")
class TestTrackingMode(SerialTrackingCase):
    def test_selection_keys_and_labels(self):
        field = self.env["product.template"]._fields["serial_tracking_mode"]
        self.assertEqual(
            field.selection,
            [
                ("none", "No Tracking"),
                ("pick", "Track During Pick"),
                ("full", "Full Tracking"),
            ],
        )
        self.assertEqual(field.string, "Serial Number Tracking Setting")

    def test_modes_agree_with_odoo_tracking(self):
        self.assertEqual(self.product_full.tracking, "serial")
        self.assertEqual(self.product_pick.tracking, "serial")
        self.assertEqual(self.product_none.tracking, "none")
        self.assertTrue(self.product_pick.is_storable)
        # A No Tracking product may still use Odoo's lots.
        lot_product = self._create_product("Glue", "none", tracking="lot")
        self.assertEqual(lot_product.tracking, "lot")
        self.assertEqual(lot_product.serial_tracking_mode, "none")

    def test_native_serial_tracking_maps_to_full(self):
        """Products made serial-tracked the native way (or before install) are Full."""
        product = self._create_product("Legacy", "none")
        product.with_user(self.stock_manager).tracking = "serial"
        self.assertEqual(product.serial_tracking_mode, "full")
        product.with_user(self.stock_manager).tracking = "none"
        self.assertEqual(product.serial_tracking_mode, "none")
        # The stored mode is computed from tracking for existing rows (install).
        template = self.env["product.template"].create(
            {"name": "Old", "is_storable": True, "tracking": "serial"}
        )
        self.assertEqual(template.serial_tracking_mode, "full")

    def test_full_needs_every_unit_on_hand_serialized(self):
        product = self._create_product("Phone", "pick")
        self._put_in_stock(product, qty=3, serials=["PH-1", "PH-2"])
        with self.assertRefused(UserError, "3 units on hand have no serial number"):
            product.with_user(self.stock_manager).serial_tracking_mode = "full"
        self.assertEqual(product.serial_tracking_mode, "pick")

    def test_full_allowed_when_all_units_have_serials(self):
        product = self._create_product("Tablet", "pick")
        self._put_in_stock(product, serials=["TB-1", "TB-2"])
        product.with_user(self.stock_manager).serial_tracking_mode = "full"
        self.assertEqual(product.serial_tracking_mode, "full")

    def test_to_pick_or_none_keeps_serials_as_history(self):
        product = self._create_product("Monitor", "full")
        self._put_in_stock(product, serials=["MO-1", "MO-2"])
        product.with_user(self.stock_manager).serial_tracking_mode = "pick"
        self.assertEqual(product.tracking, "serial")
        product.with_user(self.stock_manager).serial_tracking_mode = "none"
        self.assertEqual(product.tracking, "none")
        self.assertOnHand(product, {"MO-1": 1, "MO-2": 1})
        self.assertEqual(
            self.env["stock.lot"]
            .search([("product_id", "=", product.id)])
            .mapped("name"),
            ["MO-1", "MO-2"],
        )

    def test_only_inventory_managers_change_the_mode(self):
        # A product manager who is not an Inventory manager may edit products...
        product_manager = new_test_user(
            self.env,
            login="wms_product_manager",
            groups="stock.group_stock_user,product.group_product_manager",
        )
        product = self.product_none.with_user(product_manager)
        product.name = "Cable (renamed)"
        # ...but not their serial tracking setting, by either field.
        with self.assertRefused(AccessError, "Only Inventory managers"):
            product.serial_tracking_mode = "pick"
        with self.assertRefused(AccessError, "Only Inventory managers"):
            product.tracking = "serial"
        self.assertEqual(self.product_none.serial_tracking_mode, "none")

    def test_product_form_shows_the_setting(self):
        with Form(self.env["product.template"].with_user(self.stock_manager)) as form:
            form.name = "Drone"
            form.is_storable = True
            form.serial_tracking_mode = "full"
        self.assertEqual(form.record.tracking, "serial")
        self.assertEqual(form.record.serial_tracking_mode, "full")

    def test_filters_and_group_by(self):
        templates = self.env["product.template"].search(
            [
                ("serial_tracking_mode", "=", "pick"),
                (
                    "id",
                    "in",
                    (
                        self.product_pick | self.product_full | self.product_none
                    ).product_tmpl_id.ids,
                ),
            ]
        )
        self.assertEqual(templates, self.product_pick.product_tmpl_id)
        groups = self.env["product.template"].read_group(
            [("id", "in", (self.product_pick | self.product_full).product_tmpl_id.ids)],
            ["serial_tracking_mode"],
            ["serial_tracking_mode"],
        )
        self.assertEqual(
            sorted(g["serial_tracking_mode"] for g in groups), ["full", "pick"]
        )
        search_view = self.env["product.template"].get_views([(False, "search")])
        arch = search_view["views"]["search"]["arch"]
        for name in (
            "serial_tracking_full",
            "serial_tracking_pick",
            "groupby_serial_tracking_mode",
        ):
            self.assertIn(name, arch)
