# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Serial Valuation, the accountants' view of serial-linked stock moves.

``TestSerialValuationReport`` runs where Inventory Valuation (``stock_account``) is
not installed, as in the main test run. The classes tagged ``wms_valuation`` need
``stock_account``: ``tests/test_valuation.py`` installs it after the addons on a
database of its own and runs them there.
"""

from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import create_picking
from .recall_common import RecallCase
from .screenshots import ScreenshotsMixin

ACCOUNT_DATA_XMLIDS = (
    "serial_tracking_wms.access_stock_serial_valuation_account_readonly",
    "serial_tracking_wms.access_stock_serial_valuation_account_manager",
    "serial_tracking_wms.menu_stock_serial_valuation",
    "serial_tracking_wms.menu_stock_serial_valuation_account",
)
ACTION = "/odoo/action-serial_tracking_wms.action_stock_serial_valuation"


class SerialValuationCase(RecallCase):
    """Serials received from the vendor, one delivered, one still reserved on an
    open pick list; and helpers to read the report as a given user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receipt = cls._receive(
            cls.product_full,
            ["VAL-1", "VAL-2"],
            cls.vendor,
            others=[(cls.product_none, 3)],
        )
        cls.delivery = cls._deliver(["VAL-1"], cls.customer)
        cls.open_delivery = cls._create_delivery([(cls.product_full, 1)])
        assert cls.open_delivery.move_line_ids.lot_id.name == "VAL-2"
        cls.ours = [
            ("picking_id", "in", (cls.receipt | cls.delivery | cls.open_delivery).ids)
        ]

    def _report(self, user, domain=()):
        return (
            self.env["stock.serial.valuation"]
            .with_user(user)
            .search(self.ours + list(domain))
        )

    def _by_serial_and_picking(self, lines):
        return {(line.serial_name, line.picking_id): line for line in lines}


@tagged("post_install", "-at_install")
class TestSerialValuationGroups(SerialValuationCase):
    """Grouped by a many2one, the report's groups come in the comodel's order,
    as Odoo's own grouping gives them (it is computed another way: by ids,
    then ordered)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Made after the first product and named to come before it.
        cls.product_first = cls._create_product("AAA Grouped First", "full")
        cls.second_receipt = cls._receive(cls.product_first, ["VALG-1"], cls.vendor)
        cls.ours.append(("picking_id", "in", cls.second_receipt.ids))
        cls.ours = ["|", *cls.ours]

    def _groups(self, groupby, **kwargs):
        return (
            self.env["stock.serial.valuation"]
            .with_user(self.stock_manager)
            ._read_group(self.ours, [groupby], ["__count", "quantity:sum"], **kwargs)
        )

    def test_groups_in_the_comodels_order(self):
        for groupby in ("product_id", "partner_id", "lot_id", "location_dest_id"):
            # Odoo's own query: an order this model does not take over.
            odoo_groups = self._groups(groupby, order=f"{groupby} ASC NULLS LAST")
            self.assertEqual(self._groups(groupby), odoo_groups, groupby)
            self.assertEqual(
                self._groups(groupby, order=f"{groupby} asc"), odoo_groups, groupby
            )
            self.assertEqual(
                self._groups(groupby, offset=1, limit=1), odoo_groups[1:2], groupby
            )
        products = [group[0] for group in self._groups("product_id")]
        self.assertEqual(products, [self.product_first, self.product_full])
        self.assertGreater(self.product_first.id, self.product_full.id)
        self.assertEqual(
            [count for _product, count, _qty in self._groups("product_id")], [1, 3]
        )

    def test_web_client_grouping(self):
        groups = (
            self.env["stock.serial.valuation"]
            .with_user(self.stock_manager)
            .web_read_group(self.ours, ["quantity:sum"], ["product_id"], limit=1)
        )
        self.assertEqual(groups["length"], 2)
        self.assertEqual(
            [group["product_id"][0] for group in groups["groups"]],
            [self.product_first.id],
        )


@tagged("post_install", "-at_install", "wms_stock_only")
class TestSerialValuationReport(SerialValuationCase):
    """Without Inventory Valuation: the serial moves are there, with no value, for
    Inventory managers only; the accountants' menus and access are not loaded."""

    def setUp(self):
        super().setUp()
        if "stock.valuation.layer" in self.env:
            self.skipTest("Inventory Valuation is installed: see TestSerialValuation")

    def test_lines_are_done_serial_moves(self):
        lines = self._report(self.stock_manager)
        by_key = self._by_serial_and_picking(lines)
        self.assertEqual(
            set(by_key),
            {
                ("VAL-1", self.receipt),
                ("VAL-2", self.receipt),
                ("VAL-1", self.delivery),
            },
        )
        # Left out: the lines by quantity, and VAL-2 reserved on the open pick list.
        self.assertEqual(lines.move_line_id.product_id, self.product_full)
        self.assertNotIn(self.open_delivery.move_line_ids, lines.move_line_id)
        self.assertEqual(
            lines.move_line_id,
            (self.receipt | self.delivery).move_line_ids.filtered("lot_id"),
        )
        received = by_key[("VAL-2", self.receipt)]
        move_line = received.move_line_id
        self.assertEqual(received.id, move_line.id)
        self.assertEqual(received.lot_id, move_line.lot_id)
        self.assertEqual(received.date, move_line.date)
        self.assertEqual(received.reference, self.receipt.name)
        self.assertEqual(received.partner_id, self.vendor)
        self.assertEqual(received.location_id, self.supplier_location)
        self.assertEqual(received.location_dest_id, self.stock_location)
        self.assertEqual(received.quantity, 1)
        self.assertEqual(received.product_uom_id, self.product_full.uom_id)
        self.assertEqual(received.serial_tracking_mode, "full")
        self.assertEqual(received.currency_id, self.company.currency_id)
        delivered = by_key[("VAL-1", self.delivery)]
        self.assertEqual(delivered.partner_id, self.customer)
        self.assertEqual(delivered.location_dest_id, self.customer_location)
        # No Inventory Valuation, no value.
        self.assertEqual(set(lines.mapped("valuation")), {False})
        self.assertEqual(set(lines.mapped("valued_by")), {False})
        self.assertEqual(set(lines.mapped("value")), {0})

    def test_search_by_serial_text(self):
        lines = self._report(self.stock_manager, [("serial_name", "ilike", "val-2")])
        self.assertEqual(lines.lot_id.mapped("name"), ["VAL-2"])

    def test_access_inventory_managers_only_read_only(self):
        self.assertEqual(len(self._report(self.stock_manager)), 3)
        for user in (self.stock_user, self.plain_user):
            with self.assertRaises(AccessError, msg=user.login):
                self._report(user)
        line = self._report(self.stock_manager)[:1]
        with self.assertRaises(AccessError):
            line.write({"reference": "changed"})
        with self.assertRaises(AccessError):
            line.unlink()

    def test_other_companies_lines_are_hidden(self):
        company_b = self.env["res.company"].create({"name": "WMS Other Company"})
        warehouse_b = self.env["stock.warehouse"].search(
            [("company_id", "=", company_b.id)], limit=1
        )
        env_b = self.env(
            context=dict(self.env.context, allowed_company_ids=[company_b.id])
        )
        receipt = create_picking(
            env_b,
            warehouse_b.in_type_id,
            self.supplier_location,
            warehouse_b.lot_stock_id,
            self.vendor,
            [(self.product_full, 1)],
        )
        receipt.action_confirm()
        self.assertScanOk(self._scan(receipt, self.product_full, "VAL-B1"))
        self.assertIs(receipt.button_validate(), True)
        self.stock_manager.company_ids |= company_b
        Report = self.env["stock.serial.valuation"].with_user(self.stock_manager)
        domain = [("serial_name", "=", "VAL-B1")]
        in_a = Report.with_context(allowed_company_ids=[self.company.id])
        self.assertFalse(in_a.search(domain))
        self.assertEqual(len(in_a.search(self.ours)), 3)
        in_b = Report.with_context(allowed_company_ids=[company_b.id]).search(domain)
        self.assertEqual(in_b.company_id, company_b)
        self.assertEqual(in_b.move_line_id, receipt.move_line_ids)

    def test_hook_failure_does_not_stop_odoo(self):
        """The hook runs at every registry load: if it fails, Odoo logs it and
        starts anyway, with what the hook had written rolled back."""
        Report = self.env["stock.serial.valuation"]

        def fail(report):
            report.env.cr.execute("DROP VIEW stock_serial_valuation")
            raise ValueError("no luck")

        with (
            patch.object(type(Report), "_wms_follow_stock_account", fail),
            self.assertLogs(
                "odoo.addons.serial_tracking_wms.report.stock_serial_valuation",
                "ERROR",
            ) as logs,
        ):
            Report._register_hook()
        self.assertIn("could not follow stock_account", logs.output[0])
        self.assertEqual(len(self._report(self.stock_manager)), 3)

    def test_accountants_data_not_loaded(self):
        for xmlid in ACCOUNT_DATA_XMLIDS:
            self.assertFalse(self.env.ref(xmlid, raise_if_not_found=False), xmlid)
        self.assertTrue(
            self.env.ref("serial_tracking_wms.action_stock_serial_valuation")
        )


class ValuedCase(SerialValuationCase):
    """With Inventory Valuation: the Laptop valued at a standard cost of 10, and a
    Server valued per serial number at the average of its own receipts."""

    @classmethod
    def _create_product(cls, name, mode, **vals):
        if "categ_id" not in vals:
            vals["categ_id"] = cls._cost_category("standard").id
        vals.setdefault("standard_price", 10.0)
        return super()._create_product(name, mode, **vals)

    @classmethod
    def _cost_category(cls, cost_method):
        assert "stock.valuation.layer" in cls.env, (
            "these tests need stock_account: run them through tests/test_valuation.py"
        )
        name = f"WMS {cost_method} cost"
        Category = cls.env["product.category"]
        return Category.search([("name", "=", name)]) or Category.create(
            {"name": name, "property_cost_method": cost_method}
        )

    @classmethod
    def _deliver_valued_per_serial(cls, serials, product):
        """Deliver serials of a product valued per serial number. As an Inventory
        manager: at the Odoo 18.0 commit used here, a stock user's validation of
        such a delivery fails in stock_account on reading the valuation layers
        (fixed upstream by odoo/odoo#204676)."""
        return cls._deliver(
            serials, cls.customer, product=product, user=cls.stock_manager
        )

    @classmethod
    def _new_user(cls, login, groups):
        return new_test_user(cls.env, login=login, groups=f"base.group_user,{groups}")


@tagged("post_install", "-at_install", "-standard", "wms_valuation")
class TestSerialValuation(ValuedCase):
    """Values, access and menus with Inventory Valuation installed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._new_user(
            "wms_accountant", "account.group_account_readonly,base.group_allow_export"
        )
        cls.billing_admin = cls._new_user(
            "wms_billing_admin", "account.group_account_manager"
        )
        cls.billing_user = cls._new_user(
            "wms_billing_user", "account.group_account_invoice"
        )
        # A Server valued per serial: two received at 100, one at 160, that one
        # delivered. The product's average cost is then 120.
        cls.server = cls._create_product(
            "Server",
            "full",
            categ_id=cls._cost_category("average").id,
            lot_valuated=True,
        )
        cls.server_receipts = cls._receive_serials(
            cls.server, ["SRV-1", "SRV-2"], price_unit=100.0
        ) | cls._receive_serials(cls.server, ["SRV-3"], price_unit=160.0)
        cls.server_delivery = cls._deliver_valued_per_serial(["SRV-3"], cls.server)
        cls.ours = [
            (
                "picking_id",
                "in",
                (
                    cls.receipt
                    | cls.delivery
                    | cls.open_delivery
                    | cls.server_receipts
                    | cls.server_delivery
                ).ids,
            )
        ]

    def test_value_per_move_at_standard_cost(self):
        lines = self._report(
            self.accountant, [("product_id", "=", self.product_full.id)]
        )
        by_key = self._by_serial_and_picking(lines)
        self.assertEqual(len(lines), 3)
        for serial in ("VAL-1", "VAL-2"):
            line = by_key[(serial, self.receipt)]
            self.assertEqual(
                (line.valuation, line.valued_by, line.unit_value, line.value),
                ("in", "move", 10.0, 10.0),
                serial,
            )
        line = by_key[("VAL-1", self.delivery)]
        self.assertEqual(
            (line.valuation, line.valued_by, line.unit_value, line.value),
            ("out", "move", 10.0, -10.0),
        )
        # What the lines add up to is what Odoo values the stock at.
        self.assertAlmostEqual(sum(lines.mapped("value")), self.product_full.value_svl)
        self.assertAlmostEqual(sum(lines.mapped("value")), 10.0)

    def test_value_per_serial_with_lot_valuation(self):
        lines = self._report(self.accountant, [("product_id", "=", self.server.id)])
        values = {
            (line.serial_name, line.valuation): (line.valued_by, line.value)
            for line in lines
        }
        self.assertEqual(
            values,
            {
                ("SRV-1", "in"): ("serial", 100.0),
                ("SRV-2", "in"): ("serial", 100.0),
                ("SRV-3", "in"): ("serial", 160.0),
                # Out at its own value, not at the product's average of 120.
                ("SRV-3", "out"): ("serial", -160.0),
            },
        )
        lots = self.env["stock.lot"].search([("product_id", "=", self.server.id)])
        self.assertEqual(
            {lot.name: lot.standard_price for lot in lots},
            {"SRV-1": 100.0, "SRV-2": 100.0, "SRV-3": 160.0},
        )
        self.assertAlmostEqual(sum(lines.mapped("value")), self.server.value_svl)

    def test_internal_move_is_not_valued(self):
        shelf = self.env["stock.location"].create(
            {"name": "Shelf V", "location_id": self.stock_location.id}
        )
        transfer = self._create_transfer_of_serial("VAL-2", shelf)
        line = (
            self.env["stock.serial.valuation"]
            .with_user(self.accountant)
            .search([("picking_id", "=", transfer.id)])
        )
        self.assertEqual(line.serial_name, "VAL-2")
        self.assertEqual(
            (line.valuation, line.valued_by, line.value), (False, False, 0.0)
        )

    def _create_transfer_of_serial(self, serial, destination):
        self.open_delivery.do_unreserve()
        transfer = create_picking(
            self.env,
            self.warehouse.int_type_id,
            self.stock_location,
            destination,
            self.env["res.partner"],
            [(self.product_full, 1)],
        )
        transfer.action_confirm()
        utransfer = transfer.with_user(self.stock_user)
        self.assertScanOk(utransfer.wms_scan_serial(self.product_full.id, serial))
        self.assertIs(utransfer.button_validate(), True)
        return transfer

    def test_access_accounting_groups_read_only(self):
        for user in (self.accountant, self.billing_admin, self.stock_manager):
            self.assertEqual(len(self._report(user)), 7, user.login)
        for user in (self.billing_user, self.stock_user, self.plain_user):
            with self.assertRaises(AccessError, msg=user.login):
                self._report(user)
        line = self._report(self.accountant)[:1]
        with self.assertRaises(AccessError):
            line.write({"reference": "changed"})
        with self.assertRaises(AccessError):
            line.unlink()
        with self.assertRaises(AccessError):
            self.env["stock.serial.valuation"].with_user(self.accountant).create({})

    def test_accountant_sees_serials_through_the_report_only(self):
        """The warehouse's own serial views stay the warehouse's: an accountant
        reads the serial moves here, not the serials, the lookup or the recall.
        (Odoo itself lets every internal user read stock.quant and
        stock.move.line; their menus are for stock users.)"""
        self.assertTrue(self._report(self.accountant))
        for model in (
            "stock.lot",
            "stock.serial.lookup",
            "stock.serial.recall",
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.accountant).search([], limit=1)

    def test_menus(self):
        account_menu = self.env.ref(
            "serial_tracking_wms.menu_stock_serial_valuation_account"
        )
        stock_menu = self.env.ref("serial_tracking_wms.menu_stock_serial_valuation")
        self.assertEqual(
            account_menu.parent_id,
            self.env.ref("account.account_reports_management_menu"),
        )
        self.assertEqual(
            stock_menu.parent_id, self.env.ref("stock.menu_warehouse_report")
        )
        self.assertTrue(self._menu_visible(account_menu, self.accountant))
        self.assertTrue(self._menu_visible(account_menu, self.billing_admin))
        self.assertTrue(self._menu_visible(stock_menu, self.stock_manager))
        for user in (self.stock_user, self.billing_user, self.plain_user):
            self.assertFalse(self._menu_visible(account_menu, user), user.login)
            self.assertFalse(self._menu_visible(stock_menu, user), user.login)

    def test_accountant_searches_groups_and_exports(self):
        Report = self.env["stock.serial.valuation"].with_user(self.accountant)
        groups = Report.read_group(
            self.ours,
            ["value:sum", "quantity:sum"],
            ["product_id", "valuation"],
            lazy=False,
        )
        totals = {
            (group["product_id"][0], group["valuation"]): (
                group["quantity"],
                group["value"],
            )
            for group in groups
        }
        self.assertEqual(totals[(self.server.id, "in")], (3.0, 360.0))
        self.assertEqual(totals[(self.server.id, "out")], (1.0, -160.0))
        lines = self._report(self.accountant, [("serial_name", "ilike", "srv-3")])
        self.assertEqual(sorted(lines.mapped("valuation")), ["in", "out"])
        exported = lines.export_data(
            ["lot_id", "reference", "partner_id", "location_id", "value"]
        )["datas"]
        self.assertEqual(
            sorted((row[0], row[2], row[3], row[4]) for row in exported),
            [
                ("SRV-3", "Test Customer", "STW/Stock", -160.0),
                ("SRV-3", "Test Vendor", "Partners/Vendors", 160.0),
            ],
        )
        # A path into the serial's own record keeps the accountant's rights.
        with self.assertRaises(AccessError):
            lines.export_data(["lot_id/note"])
        # Without the export right, no export.
        with self.assertRaises(UserError):
            lines.with_user(self.billing_admin).export_data(["lot_id"])

    def test_view_comes_back_with_values(self):
        """Removing stock_account drops the view with its table: the next registry
        load builds it again, reading the layers while they are there."""
        Report = self.env["stock.serial.valuation"]
        self.env.cr.execute("DROP VIEW stock_serial_valuation")
        Report._wms_follow_stock_account()
        self.env.invalidate_all()
        lines = self._report(self.accountant, [("serial_name", "=", "SRV-1")])
        self.assertEqual(lines.value, 100.0)


@tagged("post_install", "-at_install", "-standard", "wms_valuation")
class TestSerialValuationTour(ScreenshotsMixin, ValuedCase, HttpCase):
    """An accountant opens Invoicing > Reporting > Serial Valuation in the web
    client; saved as docs/screenshots/views-5-serial-valuation.png on request."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._enable_screenshots()
        cls.accountant = cls._new_user(
            "wms_accountant", "account.group_account_readonly"
        )
        cls.vendor.name = "Contoso Supply"
        cls.customer.name = "Contoso Retail"
        cls.server = cls._create_product(
            "Server",
            "full",
            categ_id=cls._cost_category("average").id,
            lot_valuated=True,
        )
        cls._receive_serials(
            cls.server, ["SN-SRV-0001", "SN-SRV-0002"], price_unit=1200.0
        )
        cls._receive_serials(cls.server, ["SN-SRV-0003"], price_unit=1500.0)
        cls._deliver_valued_per_serial(["SN-SRV-0003"], cls.server)

    def test_accountant_opens_serial_valuation(self):
        self.start_tour(
            ACTION, "serial_tracking_wms_serial_valuation", login=self.accountant.login
        )
