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

    # --- The story, the banner, the search, who did it ---
    def test_story_on_the_first_tab(self):
        delivery, back = self._deliver_and_return()
        lookup = self._lookup("LK-1")
        story = lookup._wms_story(lookup.line_ids, lookup.expected_serial_ids)
        self.assertEqual(
            [(event["step"], event["document"]) for event in story],
            [
                ("announced", self.receipt.name),
                ("received", self.receipt.name),
                ("internal", self.internal.name),
                ("delivered", delivery.name),
                ("returned", back.name),
            ],
        )
        self.assertEqual(story[3]["partner"], self.customer)
        self.assertEqual(story[3]["destination"], self.customer_location)
        html = str(lookup.story)
        for fragment in (
            "Announced (Received)",
            "Received",
            "Internal Move",
            "Delivered",
            "Returned",
            delivery.name,
            self.customer.name,
            "Done By",
        ):
            self.assertIn(fragment, html)
        self.assertLess(html.index("Announced"), html.index(delivery.name))
        self.assertLess(html.index(delivery.name), html.index(back.name))
        self.assertFalse(lookup.banner)
        arch = (
            self.env["stock.serial.lookup"]
            .with_user(self.stock_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertLess(arch.index('name="story"'), arch.index('name="history"'))
        self.assertLess(arch.index('name="story"'), arch.index('name="where"'))
        # Where It Is: a serial at a customer is not "received" there.
        self.assertIn('string="There Since"', arch)

    def test_announced_not_received_has_a_banner(self):
        receipt = self._create_receipt([(self.product_full, 1)])
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["LK-ANN"]
        )
        lookup = self._lookup("LK-ANN")
        self.assertFalse(lookup.message)
        self.assertFalse(lookup.line_ids)
        self.assertEqual(
            lookup.banner,
            f"Serial number LK-ANN is announced on {receipt.name} "
            f"({self.vendor.name}) and not received yet.",
        )
        self.assertIn("Announced (Expected)", str(lookup.story))
        self.assertIn(receipt.name, str(lookup.story))

    def test_search_ignores_case_and_offers_the_closest(self):
        lookup = self._lookup("lk-1")
        self.assertEqual(lookup.lot_ids, self.lot)
        self.assertFalse(lookup.message)
        self.assertEqual(len(lookup.line_ids), 2)
        self._put_in_stock(self.product_full, serials=["SUG-0002", "SUG-0020"])
        self._put_in_stock(self.product_full, serials=["OTHER-77"])
        lookup = self._lookup("sug-002")
        self.assertFalse(lookup.lot_ids)
        self.assertEqual(
            set(lookup.suggestion_ids.mapped("name")), {"SUG-0002", "SUG-0020"}
        )
        self.assertIn("Serial number sug-002 is unknown. Closest: ", lookup.message)
        self.assertIn("SUG-0002", lookup.message)
        action = lookup.suggestion_ids[0].action_wms_serial_lookup()
        self.assertEqual(action["res_model"], "stock.serial.lookup")
        self.assertIn(action["context"]["default_serial"], ("SUG-0002", "SUG-0020"))
        # Nothing close: said plainly. A pattern character is no wildcard.
        self.assertEqual(
            self._lookup("QQQQ-9").message, "Serial number QQQQ-9 is unknown."
        )
        self.assertFalse(self._lookup("lk_1").lot_ids)

    def test_done_by_is_who_validated(self):
        delivery, _back = self._deliver_and_return()
        # The delivery was created by OdooBot (its Responsible), validated by
        # the stock user.
        self.assertNotEqual(delivery.user_id, self.stock_user)
        lookup = self._lookup("LK-1")
        line = lookup.line_ids.filtered(lambda ml: ml.picking_id == delivery)
        self.assertEqual(line.wms_serial_step, "delivered")
        self.assertEqual(line.wms_done_user_id, self.stock_user)
        story = lookup._wms_story(lookup.line_ids, lookup.expected_serial_ids)
        delivered = next(e for e in story if e["step"] == "delivered")
        self.assertEqual(delivered["user"], self.stock_user)
        self.assertEqual(delivered["what"], "Delivered")
        self.assertIn(self.stock_user.name, str(lookup.story))
