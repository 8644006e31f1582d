# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .views_common import SerialViewsCase


@tagged("post_install", "-at_install")
class TestSerialLookup(SerialViewsCase):
    """One serial's whole life, in order, from wherever it is looked up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shelf = cls.env["stock.location"].create(
            {"name": "Shelf LK", "location_id": cls.stock_location.id}
        )
        receipt = cls._create_receipt([(cls.product_full, 1)])
        receipt.with_user(cls.stock_user).wms_set_expected_serials(
            cls.product_full.id, ["LK-1"]
        )
        cls.receipt = cls._receive_serials_on(receipt, cls.product_full, ["LK-1"])
        cls.lot = cls.receipt.move_line_ids.lot_id
        # Put away to a shelf.
        cls.internal = cls.env["stock.picking"].create(
            {
                "picking_type_id": cls.warehouse.int_type_id.id,
                "location_id": cls.stock_location.id,
                "location_dest_id": cls.shelf.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": "put away",
                            "product_id": cls.product_full.id,
                            "product_uom_qty": 1,
                            "product_uom": cls.product_full.uom_id.id,
                            "location_id": cls.stock_location.id,
                            "location_dest_id": cls.shelf.id,
                        }
                    )
                ],
            }
        )
        cls.internal.action_confirm()
        cls.internal.action_assign()
        cls.internal.move_line_ids.write({"location_dest_id": cls.shelf.id})
        cls.internal.move_ids.picked = True
        assert cls.internal.with_user(cls.stock_user).button_validate() is True

    @classmethod
    def _receive_serials_on(cls, receipt, product, serials):
        ureceipt = receipt.with_user(cls.stock_user)
        for serial in serials:
            assert ureceipt.wms_scan_serial(product.id, serial)["ok"]
        assert ureceipt.button_validate() is True
        return receipt

    def _deliver_and_return(self):
        delivery = self._create_delivery([(self.product_full, 1)]).with_user(
            self.stock_user
        )
        self.assertScanOk(self._scan(delivery, self.product_full, "LK-1"))
        self._validate(delivery)
        back = self._return(delivery, self.product_full, 1).with_user(self.stock_user)
        self.assertScanOk(self._scan(back, self.product_full, "LK-1"))
        self._validate(back)
        return delivery, back

    def _lookup(self, serial, product=None):
        return (
            self.env["stock.serial.lookup"]
            .with_user(self.stock_user)
            .create({"serial": serial, "product_id": product and product.id})
        )

    def test_whole_life_in_order(self):
        delivery, back = self._deliver_and_return()
        lookup = self._lookup(" LK-1 ")
        self.assertFalse(lookup.message)
        self.assertEqual(lookup.lot_ids, self.lot)
        self.assertEqual(
            [
                (ml.wms_serial_step, ml.picking_id, ml.picking_partner_id)
                for ml in lookup.line_ids
            ],
            [
                ("received", self.receipt, self.vendor),
                ("internal", self.internal, self.env["res.partner"]),
                ("delivered", delivery, self.customer),
                ("returned", back, self.customer),
            ],
        )
        self.assertEqual(lookup.line_ids.mapped("lot_id"), self.lot)
        self.assertEqual(
            lookup.expected_serial_ids.mapped(lambda s: (s.picking_id, s.state)),
            [(self.receipt, "received")],
        )
        self.assertEqual(lookup.quant_ids.location_id, self.stock_location)
        self.assertEqual(lookup.quant_ids.wms_in_picking_id, back)

    def test_lookup_form(self):
        form = Form(self.env["stock.serial.lookup"].with_user(self.stock_user))
        self.assertTrue(form.message)
        form.serial = "LK-1"
        self.assertEqual(len(form.line_ids), 2)
        self.assertEqual(len(form.quant_ids), 1)
        self.assertFalse(form.message)
        form.serial = "NO-SUCH-SERIAL"
        self.assertEqual(len(form.line_ids), 0)
        self.assertIn("NO-SUCH-SERIAL is unknown", form.message)

    def test_product_narrows_the_lookup(self):
        other = self._create_product("Tablet", "full")
        self._put_in_stock(other, serials=["LK-1"])
        self.assertEqual(len(self._lookup("LK-1").lot_ids), 2)
        lookup = self._lookup("LK-1", self.product_full)
        self.assertEqual(lookup.lot_ids, self.lot)
        self.assertEqual(lookup.quant_ids.location_id, self.shelf)

    def test_reachable_from_lists_and_product(self):
        quant = (
            self.env["stock.quant"]
            .with_user(self.stock_user)
            .search([("lot_id", "=", self.lot.id), ("quantity", ">", 0)])
        )
        for record in (quant, self.receipt.move_line_ids.with_user(self.stock_user)):
            action = record.action_wms_serial_lookup()
            self.assertEqual(action["res_model"], "stock.serial.lookup")
            self.assertEqual(action["context"]["default_serial"], "LK-1")
            self.assertEqual(
                action["context"]["default_product_id"], self.product_full.id
            )
        action = self.env.ref("serial_tracking_wms.action_stock_serial_lookup")
        arch = (
            self.env["product.template"]
            .with_user(self.stock_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn(f'name="{action.id}"', arch)
        for xmlid in ("menu_stock_serial_lookup", "menu_stock_serial_lookup_report"):
            self.assertEqual(
                self.env.ref(f"serial_tracking_wms.{xmlid}").action.id, action.id
            )
        menu = self.env.ref("serial_tracking_wms.menu_stock_serial_lookup")
        self.assertTrue(self._menu_visible(menu, self.stock_user))

    def test_access(self):
        with self.assertRaises(AccessError):
            self.env["stock.serial.lookup"].with_user(self.plain_user).create(
                {"serial": "LK-1"}
            )
        menu = self.env.ref("serial_tracking_wms.menu_stock_serial_lookup")
        self.assertFalse(self._menu_visible(menu, self.plain_user))
