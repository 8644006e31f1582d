# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import SerialTrackingCase, create_picking


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
        """Serials no longer on hand (delivered) stay as history when the
        product stops being tracked."""
        product = self._create_product("Monitor", "full")
        self._put_in_stock(product, serials=["MO-1", "MO-2"])
        product.with_user(self.stock_manager).serial_tracking_mode = "pick"
        self.assertEqual(product.tracking, "serial")
        quants = self.env["stock.quant"].search([("product_id", "=", product.id)])
        for quant in quants:
            self.env["stock.quant"]._update_available_quantity(
                product, self.stock_location, -1, lot_id=quant.lot_id
            )
            self.env["stock.quant"]._update_available_quantity(
                product, self.customer_location, 1, lot_id=quant.lot_id
            )
        product.with_user(self.stock_manager).serial_tracking_mode = "none"
        self.assertEqual(product.tracking, "none")
        self.assertOnHand(product, {})
        self.assertOnHand(product, {"MO-1": 1, "MO-2": 1}, self.customer_location)
        self.assertEqual(
            self.env["stock.lot"]
            .search([("product_id", "=", product.id)])
            .mapped("name"),
            ["MO-1", "MO-2"],
        )

    # --- Mode changes that would leave documents or stock inconsistent ---
    def _receipt_expecting(self, product, serials):
        receipt = self._create_receipt([(product, len(serials))])
        receipt.wms_set_expected_serials(product.id, serials)
        return receipt

    def test_leaving_full_refused_with_open_expected_serials(self):
        product = self._create_product("Router", "full")
        receipt = self._receipt_expecting(product, ["RT-1", "RT-2", "RT-3", "RT-4"])
        manager_product = product.with_user(self.stock_manager)
        for mode in ("none", "pick"):
            label = {"none": "No Tracking", "pick": "Track During Pick"}[mode]
            with self.assertRefused(
                UserError,
                rf"Router cannot be set to {label}: 4 expected serial numbers are "
                rf"still open on pre-receipts {receipt.name} \(4\)\. Receive or "
                r"cancel these pre-receipts",
            ):
                manager_product.serial_tracking_mode = mode
        self.assertEqual(product.serial_tracking_mode, "full")
        self.assertEqual(product.tracking, "serial")
        self.assertEqual(
            set(receipt.move_ids.expected_serial_ids.mapped("state")), {"expected"}
        )
        # Once the pre-receipt is cancelled, the change goes through.
        receipt.action_cancel()
        manager_product.serial_tracking_mode = "pick"
        self.assertEqual(product.serial_tracking_mode, "pick")

    def test_to_none_refused_with_serials_on_hand(self):
        product = self._create_product("Scanner", "full")
        self._put_in_stock(product, serials=["SC-1", "SC-2"])
        with self.assertRefused(
            UserError,
            r"Scanner cannot be set to No Tracking: 2 serial numbers are on hand in "
            rf"{self.stock_location.display_name} \(2\)\. Deliver them .* or "
            r"choose Track During Pick",
        ):
            product.with_user(self.stock_manager).serial_tracking_mode = "none"
        self.assertEqual(product.serial_tracking_mode, "full")
        self.assertEqual(product.tracking, "serial")
        self.assertOnHand(product, {"SC-1": 1, "SC-2": 1})

    def test_to_none_refused_with_serials_on_lines_in_progress(self):
        product = self._create_product("Printer", "full")
        receipt = self._create_receipt([(product, 2)])
        receipt.move_ids.move_line_ids.unlink()
        self.env["stock.move.line"].create(
            [
                {
                    "move_id": receipt.move_ids.id,
                    "picking_id": receipt.id,
                    "product_id": product.id,
                    "lot_name": name,
                    "quantity": 1,
                    "location_id": self.supplier_location.id,
                    "location_dest_id": self.stock_location.id,
                }
                for name in ("PR-1", "PR-2")
            ]
        )
        with self.assertRefused(
            UserError,
            r"Printer cannot be set to No Tracking: 2 lines of transfers in "
            rf"progress carry serial numbers \({receipt.name} \(2\)\)\. "
            r"Validate or cancel these transfers",
        ):
            product.with_user(self.stock_manager).serial_tracking_mode = "none"
        self.assertEqual(product.serial_tracking_mode, "full")
        self.assertEqual(
            sorted(receipt.move_line_ids.mapped("lot_name")), ["PR-1", "PR-2"]
        )

    def test_to_pick_refused_with_serials_entered_on_receipts(self):
        """Track During Pick receives by quantity: serials typed on a receipt
        in progress would be left there; a delivery's serials are fine."""
        product = self._create_product("Dock", "full")
        receipt = self._create_receipt([(product, 1)])
        receipt.move_ids.move_line_ids.unlink()
        self.env["stock.move.line"].create(
            {
                "move_id": receipt.move_ids.id,
                "picking_id": receipt.id,
                "product_id": product.id,
                "lot_name": "DK-1",
                "quantity": 1,
                "location_id": self.supplier_location.id,
                "location_dest_id": self.stock_location.id,
            }
        )
        with self.assertRefused(
            UserError,
            rf"Dock cannot be set to Track During Pick: 1 lines of transfers in "
            rf"progress carry serial numbers \({receipt.name} \(1\)\)",
        ):
            product.with_user(self.stock_manager).serial_tracking_mode = "pick"
        receipt.action_cancel()
        self._put_in_stock(product, serials=["DK-2"])
        delivery = create_picking(
            self.env,
            self.warehouse.out_type_id,
            self.stock_location,
            self.customer_location,
            self.customer,
            [(product, 1)],
        )
        delivery.action_confirm()
        delivery.action_assign()
        self.assertEqual(delivery.move_line_ids.lot_id.name, "DK-2")
        product.with_user(self.stock_manager).serial_tracking_mode = "pick"
        self.assertEqual(product.serial_tracking_mode, "pick")

    def test_several_reasons_named_together(self):
        product = self._create_product("Camera", "full")
        self._put_in_stock(product, serials=["CA-1"])
        receipt = self._receipt_expecting(product, ["CA-2"])
        with self.assertRaises(UserError) as catcher:
            product.with_user(self.stock_manager).serial_tracking_mode = "none"
        message = str(catcher.exception.args[0])
        self.assertIn(f"{receipt.name} (1)", message)
        self.assertIn("1 serial numbers are on hand", message)

    def test_track_inventory_by_lots_is_the_same_setting(self):
        """Odoo's Track Inventory and the mode are one setting: By Lots on a
        serial product is refused for the same reasons, else turns the mode to
        No Tracking (recorded in the product's chatter by field tracking)."""
        product = self._create_product("Tripod", "full")
        self._put_in_stock(product, serials=["TR-1"])
        with self.assertRefused(
            UserError, "Tripod cannot be set to No Tracking: 1 serial numbers"
        ):
            product.with_user(self.stock_manager).tracking = "lot"
        self.assertEqual(product.tracking, "serial")
        self.assertEqual(product.serial_tracking_mode, "full")
        plain = self._create_product("Bag", "pick")
        plain.with_user(self.stock_manager).tracking = "lot"
        self.assertEqual(plain.tracking, "lot")
        self.assertEqual(plain.serial_tracking_mode, "none")

    def test_form_keeps_both_settings_in_step(self):
        template = self._create_product("Speaker", "full").product_tmpl_id
        with Form(template.with_user(self.stock_manager)) as form:
            form.serial_tracking_mode = "none"
            self.assertEqual(form.tracking, "none")
            form.serial_tracking_mode = "pick"
            self.assertEqual(form.tracking, "serial")
            with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
                form.tracking = "lot"
            self.assertEqual(form.serial_tracking_mode, "none")
            self.assertIn(
                "Speaker will no longer be tracked by serial number: its Serial "
                "Number Tracking Setting changes from Full Tracking to No Tracking",
                "\n".join(logs.output),
            )
        self.assertEqual(template.tracking, "lot")
        self.assertEqual(template.serial_tracking_mode, "none")

    def test_form_warns_before_save_when_the_change_will_be_refused(self):
        product = self._create_product("Headset", "full")
        receipt = self._receipt_expecting(product, ["HS-1", "HS-2"])
        form = Form(product.product_tmpl_id.with_user(self.stock_manager))
        with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
            form.serial_tracking_mode = "none"
        self.assertEqual(form.tracking, "none")
        output = "\n".join(logs.output)
        self.assertIn("This change will be refused", output)
        self.assertIn(
            f"2 expected serial numbers are still open on pre-receipts "
            f"{receipt.name} (2)",
            output,
        )
        with self.assertRefused(UserError, "Headset cannot be set to No Tracking"):
            form.save()
        self.assertEqual(product.serial_tracking_mode, "full")

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
