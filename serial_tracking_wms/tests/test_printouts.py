# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import html

from odoo.tests import tagged

from .common import PickCase


@tagged("post_install", "-at_install")
class TestPrintouts(PickCase):
    """Odoo's own printouts, printed by a stock user, list the serial of each
    line: the delivery slip (the addon turns on Odoo's setting *Display Lots &
    Serial Numbers on Delivery Slips*) and the receipt's Picking Operations
    (*Lots & Serial Numbers*)."""

    def _render(self, report, picking):
        content, _format = (
            self.env["ir.actions.report"]
            .with_user(self.stock_user)
            ._render_qweb_html(report, picking.ids)
        )
        return html.fromstring(content)

    @staticmethod
    def _text(element):
        return " ".join(element.text_content().split())

    def _slip_rows(self, picking):
        """(product, serial) of each line of the delivery slip's table."""
        page = self._render("stock.report_deliveryslip", picking)
        [table] = page.xpath("//table[@name='stock_move_line_table']")
        header = [self._text(th) for th in table.xpath("./thead/tr/th")]
        self.assertEqual(header, ["Product", "Lot/Serial Number", "Delivered"])
        return sorted(
            (self._text(tds[0]), self._text(tds[1]))
            for tds in (tr.xpath("./td") for tr in table.xpath("./tbody/tr"))
            if len(tds) == 3
        )

    def _operations_rows(self, picking):
        """(product, serial) of each line of the Picking Operations printout;
        the serial is printed as a barcode, named by its ``alt``."""
        page = self._render("stock.report_picking", picking)
        return sorted(
            (
                self._text(tr.xpath("./td")[0]),
                [
                    img.get("alt").removeprefix("Barcode ")
                    for img in tr.xpath(".//img[starts-with(@alt, 'Barcode ')]")
                ],
            )
            for tr in page.xpath("//table[.//th[@name='th_serial_number']]/tbody/tr")
        )

    def test_the_setting_is_on_for_internal_and_portal_users(self):
        self.assertTrue(self.stock_user.has_group("stock.group_lot_on_delivery_slip"))
        self.assertTrue(self.stock_user.has_group("stock.group_production_lot"))
        implied = self.env.ref("base.group_portal").implied_ids
        self.assertIn(self.env.ref("stock.group_lot_on_delivery_slip"), implied)

    def test_delivery_slip_lists_the_serial_of_each_line(self):
        self._put_in_stock(self.product_full, serials=["DS-1", "DS-2", "DS-3"])
        self._put_in_stock(self.product_pick, qty=5)
        self._put_in_stock(self.product_none, qty=5)
        delivery = self._create_delivery(
            [(self.product_full, 2), (self.product_pick, 1), (self.product_none, 3)]
        ).with_user(self.stock_user)
        self.assertScanOk(self._scan(delivery, self.product_full, "DS-3"))
        self.assertScanOk(self._scan(delivery, self.product_full, "DS-1"))
        self.assertScanOk(self._scan(delivery, self.product_pick, "DS-P1"))
        delivery.wms_set_quantity(self.product_none.id, 3)
        self._validate(delivery)
        self.assertEqual(
            self._slip_rows(delivery),
            [
                ("Cable", ""),
                ("Earbuds", "DS-P1"),
                ("Laptop", "DS-1"),
                ("Laptop", "DS-3"),
            ],
        )

    def test_delivery_slip_of_the_ship_step(self):
        """Three steps: the serials picked at the pick step are on the slip of
        the ship step, which the customer gets."""
        self._put_in_stock(
            self.product_pick, qty=2, location=self.warehouse_3steps.lot_stock_id
        )
        pick = self._create_chain(self.product_pick, 2)
        upick = pick.with_user(self.stock_user)
        self.assertScanOk(self._scan(upick, self.product_pick, "DS-31"))
        self.assertScanOk(self._scan(upick, self.product_pick, "DS-32"))
        self._validate(upick)
        wh = self.warehouse_3steps
        self._validate(
            self._next_step(pick.group_id, wh.pack_type_id).with_user(self.stock_user)
        )
        ship = self._next_step(pick.group_id, wh.out_type_id)
        self._validate(ship.with_user(self.stock_user))
        self.assertEqual(
            self._slip_rows(ship), [("Earbuds", "DS-31"), ("Earbuds", "DS-32")]
        )

    def test_receipt_printout_lists_the_serial_of_each_line(self):
        receipt = self._create_receipt(
            [(self.product_full, 2), (self.product_pick, 3)]
        ).with_user(self.stock_user)
        self.assertScanOk(self._scan(receipt, self.product_full, "RP-2"))
        # Printed while receiving: the serials recorded so far.
        rows = self._operations_rows(receipt)
        self.assertEqual(
            [row for row in rows if row[0] == "Laptop"],
            [("Laptop", []), ("Laptop", ["RP-2"])],
        )
        self.assertEqual({row[1] == [] for row in rows if row[0] == "Earbuds"}, {True})
        self.assertScanOk(self._scan(receipt, self.product_full, "RP-1"))
        receipt.wms_set_quantity(self.product_pick.id, 3)
        self._validate(receipt)
        rows = self._operations_rows(receipt)
        self.assertEqual(
            [row for row in rows if row[0] == "Laptop"],
            [("Laptop", ["RP-1"]), ("Laptop", ["RP-2"])],
        )
        self.assertEqual({row[1] == [] for row in rows if row[0] == "Earbuds"}, {True})
