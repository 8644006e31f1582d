# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from unittest.mock import patch

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from ..models import stock_quant
from .views_common import SerialViewsCase


@tagged("post_install", "-at_install")
class TestStockList(SerialViewsCase):
    """Stock List: serial and tracking type per line, filters, groupings, and the
    Serial Numbers tab of a stock line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shelf = cls.env["stock.location"].create(
            {"name": "Shelf SL", "location_id": cls.stock_location.id}
        )
        cls.receipt = cls._receive_serials(
            cls.product_full,
            ["SL-F1", "SL-F2"],
            others=[(cls.product_none, 5), (cls.product_pick, 3)],
        )
        # Same product, another location: not on the stock line of WH/Stock.
        cls._put_in_stock(cls.product_full, serials=["SL-F3"], location=cls.shelf)
        cls.Quant = cls.env["stock.quant"].with_user(cls.stock_user)
        cls.domain = [
            ("location_id", "in", (cls.stock_location | cls.shelf).ids),
            ("quantity", ">", 0),
        ]
        cls.serial_quants = cls.Quant.search(
            [*cls.domain, ("product_id", "=", cls.product_full.id)]
        )

    def _quants(self, filter_name):
        domain = self._search_filter_domain("stock.quant", filter_name)
        return self.Quant.search(self.domain + domain)

    def test_lines_show_serial_and_tracking_type(self):
        quants = self.Quant.search(self.domain)
        self.assertEqual(
            {(q.product_id, q.lot_id.name, q.serial_tracking_mode) for q in quants},
            {
                (self.product_full, "SL-F1", "full"),
                (self.product_full, "SL-F2", "full"),
                (self.product_full, "SL-F3", "full"),
                (self.product_none, False, "none"),
                (self.product_pick, False, "pick"),
            },
        )

    def test_tracking_type_follows_the_product(self):
        quant = self.Quant.search(
            [*self.domain, ("product_id", "=", self.product_pick.id)]
        )
        self.product_pick.with_user(self.stock_manager).serial_tracking_mode = "none"
        self.assertEqual(quant.serial_tracking_mode, "none")
        self.assertIn(quant, self._quants("serial_tracking_none"))

    def test_filters(self):
        self.assertEqual(
            set(self._quants("with_serial").lot_id.mapped("name")),
            {"SL-F1", "SL-F2", "SL-F3"},
        )
        self.assertEqual(self._quants("with_serial"), self.serial_quants)
        self.assertEqual(self._quants("serial_tracking_full"), self.serial_quants)
        self.assertEqual(
            self._quants("serial_tracking_pick").product_id, self.product_pick
        )
        self.assertEqual(
            self._quants("serial_tracking_none").product_id, self.product_none
        )

    def test_group_by_tracking_type_product_location(self):
        groups = self.Quant.read_group(
            self.domain, ["quantity:sum"], ["serial_tracking_mode"]
        )
        self.assertEqual(
            {g["serial_tracking_mode"]: g["quantity"] for g in groups},
            {"full": 3, "pick": 3, "none": 5},
        )
        groups = self.Quant.read_group(
            [*self.domain, ("serial_tracking_mode", "=", "full")],
            ["quantity:sum"],
            ["product_id", "location_id"],
            lazy=False,
        )
        self.assertEqual(
            {(g["location_id"][0], g["quantity"]) for g in groups},
            {(self.stock_location.id, 2), (self.shelf.id, 1)},
        )
        # The search view offers the three groupings.
        views = self.Quant.get_views([(False, "search")])
        arch = views["views"]["search"]["arch"]
        for name in ("groupby_serial_tracking_mode", "productgroup", "locationgroup"):
            self.assertIn(f'name="{name}"', arch)

    def test_stock_list_action_and_views(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "serial_tracking_wms.action_stock_list"
        )
        self.assertEqual(action["res_model"], "stock.quant")
        list_view = self.env.ref("serial_tracking_wms.stock_quant_stock_list_view")
        form_view = self.env.ref(
            "serial_tracking_wms.stock_quant_serial_numbers_form_view"
        )
        self.assertEqual(
            action["views"], [(list_view.id, "list"), (form_view.id, "form")]
        )
        self.assertIn(
            self.env.ref("stock.group_stock_user"),
            self.env.ref("serial_tracking_wms.action_stock_list").groups_id,
        )
        menu = self.env.ref("serial_tracking_wms.menu_stock_list")
        self.assertEqual(menu.parent_id, self.env.ref("stock.menu_warehouse_report"))
        fields = self._view_fields(
            "stock.quant", "serial_tracking_wms.stock_quant_stock_list_view", "list"
        )
        self.assertTrue(
            {"product_id", "location_id", "lot_id", "serial_tracking_mode"} <= fields
        )
        # The action's domain keeps the internal stock only.
        quants = self.Quant.search([*safe_eval(action["domain"]), *self.domain])
        self.assertEqual(len(quants), 5)
        # Odoo's own stock lists show the tracking type too.
        for xmlid in (
            "stock.view_stock_quant_tree",
            "stock.view_stock_quant_tree_editable",
            "stock.view_stock_quant_tree_inventory_editable",
        ):
            self.assertIn(
                "serial_tracking_mode", self._view_fields("stock.quant", xmlid, "list")
            )

    def test_serial_numbers_tab(self):
        line = self.serial_quants.filtered(
            lambda q: q.location_id == self.stock_location
        )[:1]
        action = line.action_wms_serial_numbers()
        self.assertEqual(action["res_id"], line.id)
        form_fields = self._view_fields(
            "stock.quant",
            "serial_tracking_wms.stock_quant_serial_numbers_form_view",
            "form",
        )
        self.assertTrue(
            {
                "wms_serial_quant_ids",
                "wms_in_date",
                "wms_in_reference",
                "wms_in_partner_id",
            }
            <= form_fields
        )
        tab = line.wms_serial_quant_ids
        self.assertEqual(tab.lot_id.mapped("name"), ["SL-F1", "SL-F2"])
        receipt_lines = self.receipt.move_line_ids.filtered("lot_id")
        for serial in tab:
            self.assertEqual(serial.wms_in_reference, self.receipt.name)
            self.assertEqual(serial.wms_in_picking_id, self.receipt)
            self.assertEqual(serial.wms_in_partner_id, self.vendor)
            self.assertEqual(
                serial.wms_in_date,
                receipt_lines.filtered(lambda ml, s=serial: ml.lot_id == s.lot_id).date,
            )
        # The serial on the shelf came by a quantity update: no document, no partner.
        shelf_line = self.serial_quants.filtered(lambda q: q.location_id == self.shelf)
        self.assertEqual(shelf_line.wms_serial_quant_ids.lot_id.name, "SL-F3")
        self.assertFalse(shelf_line.wms_in_picking_id)
        self.assertFalse(shelf_line.wms_in_partner_id)
        # A line without serial still lists nothing for a product by quantity.
        none_line = self.Quant.search(
            [*self.domain, ("product_id", "=", self.product_none.id)]
        )
        self.assertFalse(none_line.wms_serial_quant_ids)

    def test_tab_shows_one_page_and_opens_all(self):
        """A stock line with more serials than a page: the tab shows the first
        ones and how many there are; all of them open as a list of their own."""
        line = self.serial_quants.filtered(
            lambda q: q.location_id == self.stock_location
        )[:1]
        self.assertEqual(line.wms_serial_count, 2)
        self.assertFalse(line.wms_serial_note)
        with patch.object(stock_quant, "SERIAL_TAB_SIZE", 1):
            line.invalidate_recordset()
            self.assertEqual(line.wms_serial_quant_ids.lot_id.name, "SL-F1")
            self.assertEqual(line.wms_serial_count, 2)
            self.assertEqual(
                line.wms_serial_note,
                "The first 1 of 2 serial numbers, by serial number.",
            )
        action = line.action_wms_serial_quants()
        self.assertEqual(action["res_model"], "stock.quant")
        self.assertEqual(
            self.Quant.search(action["domain"], order="lot_id").lot_id.mapped("name"),
            ["SL-F1", "SL-F2"],
        )
        list_view = "serial_tracking_wms.stock_quant_serial_numbers_list_view"
        self.assertEqual(action["views"], [(self.env.ref(list_view).id, "list")])
        self.assertTrue(
            {"lot_id", "wms_in_date", "wms_in_reference", "wms_in_partner_id"}
            <= self._view_fields("stock.quant", list_view, "list")
        )
        form_fields = self._view_fields(
            "stock.quant",
            "serial_tracking_wms.stock_quant_serial_numbers_form_view",
            "form",
        )
        self.assertTrue({"wms_serial_count", "wms_serial_note"} <= form_fields)

    def test_tab_is_by_serial_number_not_by_record(self):
        """The tab's page is the first serials by name, whatever order they
        were recorded in."""
        self._put_in_stock(self.product_full, serials=["SL-Z9", "SL-A1"])
        line = self.Quant.search(
            [
                ("product_id", "=", self.product_full.id),
                ("location_id", "=", self.stock_location.id),
                ("lot_id.name", "=", "SL-Z9"),
            ]
        )
        self.assertEqual(
            line.wms_serial_quant_ids.lot_id.mapped("name"),
            ["SL-A1", "SL-F1", "SL-F2", "SL-Z9"],
        )
        with patch.object(stock_quant, "SERIAL_TAB_SIZE", 2):
            line.invalidate_recordset()
            self.assertEqual(
                line.wms_serial_quant_ids.lot_id.mapped("name"), ["SL-A1", "SL-F1"]
            )
            self.assertEqual(line.wms_serial_count, 4)

    def _plan(self, query):
        """PostgreSQL's plan of ``query`` when it may neither read a whole table
        nor sort (but for an incremental sort): a full Sort node left in it
        means the order cannot come from an index (with a million serials,
        every row is read and sorted)."""
        self.env.flush_all()
        settings = ["enable_sort", "enable_seqscan"]
        for setting in settings:
            self.env.cr.execute(SQL("SET LOCAL %s TO off", SQL.identifier(setting)))
        try:
            self.env.cr.execute(SQL("EXPLAIN %s", query))
            plan = [row[0] for row in self.env.cr.fetchall()]
        finally:
            for setting in settings:
                self.env.cr.execute(SQL("RESET %s", SQL.identifier(setting)))
        sorts = [row for row in plan if re.match(r"\s*(->\s*)?Sort\s+\(", row)]
        return "\n".join(plan), sorts

    def test_stock_list_headers_are_whole(self):
        """The columns whose header is longer than their values get a width
        (at 1366 px the list cut "Serial Nu..."); the tracking column says
        "Tracking Setting"."""
        arch = self.Quant.get_views(
            [
                (
                    self.env.ref("serial_tracking_wms.stock_quant_stock_list_view").id,
                    "list",
                )
            ]
        )["views"]["list"]["arch"]
        columns = {
            node.get("name"): node for node in etree.fromstring(arch).iter("field")
        }
        self.assertEqual(
            columns["serial_tracking_mode"].get("string"), "Tracking Setting"
        )
        for name in (
            "lot_id",
            "serial_tracking_mode",
            "in_date",
            "quantity",
            "available_quantity",
        ):
            with self.subTest(column=name):
                self.assertTrue(columns[name].get("width"), name)

    def test_stock_list_order_comes_from_an_index(self):
        """The Stock List opens on its first page without sorting the stock:
        by product, location and serial, in the order they were recorded."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "serial_tracking_wms.action_stock_list"
        )
        arch = self.env.ref("serial_tracking_wms.stock_quant_stock_list_view").arch
        order = etree.fromstring(arch).get("default_order")
        domain = [*safe_eval(action["domain"]), ("quantity", ">", 0)]
        page = self.Quant._search(domain, order=order, limit=80)
        # The page is ordered by the quant's own columns, those of the index
        # of the stock on hand, in the index's order (the planner's choice is
        # not asserted: in the test's transaction it may not see an index made
        # during the installation).
        order_sql = self.env.cr.mogrify(page.order.code, page.order.params).decode()
        self.assertEqual(
            [term.strip() for term in order_sql.split(",")],
            [
                f'"stock_quant"."{column}"'
                for column in ("product_id", "location_id", "lot_id")
            ],
        )
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["stock_quant_wms_on_hand_index"],
        )
        self.assertRegex(
            self.env.cr.fetchone()[0],
            r"\(product_id, location_id, lot_id\) WHERE \(quantity > ",
        )
        quants = self.Quant.search(domain, order=order)
        self.assertEqual(
            [(q.product_id.id, q.location_id.id, q.lot_id.id) for q in quants],
            sorted((q.product_id.id, q.location_id.id, q.lot_id.id) for q in quants),
        )

    def test_tab_page_comes_from_indexes(self):
        """A stock line's tab reads its first serials along the serials' name
        index: no sort of the line's serials."""
        line = self.serial_quants.filtered(
            lambda q: q.location_id == self.stock_location
        )[:1]
        self.assertEqual(line.wms_serial_count, 2)
        query = self.Quant._wms_serial_tab_query(
            [line.product_id.id], [line.location_id.id]
        )
        plan, sorts = self._plan(query)
        self.assertIn("stock_lot_wms_name_product_index", plan)
        # At most an incremental sort of the serials of one name (by id).
        self.assertFalse(sorts, plan)

    def test_tab_is_computed_in_batch(self):
        self._put_in_stock(self.product_full, serials=["SL-F4", "SL-F5"])
        everything = self.Quant.search(
            [("product_id", "=", self.product_full.id), ("quantity", ">", 0)]
        )

        def queries(quants):
            self.env.flush_all()
            self.env.invalidate_all()
            # The quants' own columns are read by the list anyway.
            everything.mapped("lot_id.name")
            everything.mapped("location_id.usage")
            before = self.env.cr.sql_log_count
            quants.mapped("wms_in_partner_id")
            quants.mapped("wms_serial_quant_ids")
            return self.env.cr.sql_log_count - before

        one = everything.filtered(lambda q: q.lot_id.name == "SL-F1")
        self.assertEqual(len(everything), 5)
        queries(everything)  # warm the caches that do not depend on the records
        self.assertEqual(queries(one), queries(everything))

    def test_tab_of_a_serial_captured_at_pick(self):
        self._put_in_stock(
            self.product_pick, qty=2, location=self.warehouse_3steps.lot_stock_id
        )
        pick = self._create_chain(self.product_pick, 1).with_user(self.stock_user)
        self.assertScanOk(self._scan(pick, self.product_pick, "SL-P1"))
        self._validate(pick)
        line = self.Quant.search(
            [
                ("product_id", "=", self.product_pick.id),
                ("location_id", "=", pick.location_dest_id.id),
            ]
        )
        self.assertEqual(line.wms_serial_quant_ids.lot_id.name, "SL-P1")
        self.assertEqual(line.wms_serial_quant_ids.wms_in_picking_id, pick)
        self.assertFalse(line.wms_serial_quant_ids.wms_in_partner_id)

    def test_access(self):
        line = self.serial_quants[:1]
        self.assertTrue(line.wms_serial_quant_ids)
        self.assertTrue(self._quants("with_serial"))
        plain = line.with_user(self.plain_user)
        for field in (
            "serial_tracking_mode",
            "wms_serial_quant_ids",
            "wms_serial_count",
            "wms_in_date",
        ):
            with self.assertRaises(AccessError):
                plain.read([field])
        with self.assertRaises(AccessError):
            self.env["stock.quant"].with_user(self.plain_user).search(
                [("serial_tracking_mode", "=", "full")]
            )
        menu = self.env.ref("serial_tracking_wms.menu_stock_list")
        self.assertFalse(self._menu_visible(menu, self.plain_user))
        self.assertTrue(self._menu_visible(menu, self.stock_manager))
