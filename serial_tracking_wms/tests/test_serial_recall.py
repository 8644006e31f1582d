# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import io
from datetime import timedelta

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .recall_common import RecallCase


@tagged("post_install", "-at_install")
class TestSerialRecall(RecallCase):
    """Recall: from serial numbers (a list, a file, a range), a vendor or a
    pre-receipt, every customer and delivery that received them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write(
            {
                "email": "buyer@example.com",
                "phone": "+1 555 0100",
                "street": "1 Main Street",
                "city": "Springfield",
                "zip": "12345",
            }
        )
        cls.customer2 = cls.env["res.partner"].create(
            {"name": "Second Customer", "is_company": True, "email": "co@example.com"}
        )
        cls.ship_to = cls.env["res.partner"].create(
            {
                "name": "Second Customer Dock",
                "parent_id": cls.customer2.id,
                "type": "delivery",
                "city": "Shelbyville",
            }
        )
        cls.vendor2 = cls.env["res.partner"].create(
            {"name": "Other Vendor", "is_company": True}
        )
        cls.vendor2_contact = cls.env["res.partner"].create(
            {"name": "Other Vendor Sales", "parent_id": cls.vendor2.id}
        )
        # RC-001..RC-004 from the vendor; OV-001 from the other vendor's contact.
        cls.receipt = cls._receive(
            cls.product_full, ["RC-001", "RC-002", "RC-003", "RC-004"], cls.vendor
        )
        cls.receipt2 = cls._receive(cls.product_full, ["OV-001"], cls.vendor2_contact)
        # RC-001 and RC-002 to the customer; RC-003 and OV-001 to the second
        # customer's dock; RC-002 comes back; RC-004 stays in stock.
        cls.delivery = cls._deliver(["RC-001", "RC-002"], cls.customer)
        cls.delivery2 = cls._deliver(["RC-003", "OV-001"], cls.ship_to)
        cls.back = cls._return_serial(cls.delivery, "RC-002")
        cls.Recall = cls.env["stock.serial.recall"].with_user(cls.stock_user)

    # --- Helpers ---
    def _find(self, **vals):
        """Run a recall as the stock user; its result lines, as the list shows them."""
        recall = self.Recall.create(vals)
        action = recall.action_find()
        self.assertEqual(action["res_model"], "stock.serial.recall.line")
        return recall, self.env[action["res_model"]].with_user(self.stock_user).search(
            action["domain"]
        )

    def _summary(self, lines):
        return sorted(
            (line.lot_id.name, line.partner_id.name, line.reference, line.returned)
            for line in lines
        )

    # --- Tests ---
    def test_range(self):
        recall, lines = self._find(
            input_method="range", range_first="RC-001", range_count=5
        )
        self.assertEqual(recall.serial_count, 4)
        self.assertIn("1 unknown serial numbers: RC-005", recall.check_result)
        self.assertEqual(
            self._summary(lines),
            [
                ("RC-001", "Test Customer", self.delivery.name, False),
                ("RC-002", "Test Customer", self.delivery.name, True),
                ("RC-003", "Second Customer Dock", self.delivery2.name, False),
            ],
        )
        line = lines.filtered(lambda line: line.lot_id.name == "RC-001")
        self.assertEqual(line.product_id, self.product_full)
        self.assertEqual(line.picking_id, self.delivery)
        self.assertEqual(line.date, line.move_line_id.date)
        self.assertEqual(line.email, "buyer@example.com")
        self.assertEqual(line.phone, "+1 555 0100")
        self.assertIn("1 Main Street", line.address)
        self.assertIn("Springfield 12345", line.address)
        self.assertNotIn("\n", line.address)
        # A delivery address without its own email: the company's.
        dock = lines.filtered(lambda line: line.lot_id.name == "RC-003")
        self.assertEqual(dock.partner_id, self.ship_to)
        self.assertEqual(dock.email, "co@example.com")
        self.assertIn("Shelbyville", dock.address)

    def test_supplier(self):
        _recall, lines = self._find(input_method="vendor", vendor_id=self.vendor.id)
        self.assertEqual(
            self._summary(lines),
            [
                ("RC-001", "Test Customer", self.delivery.name, False),
                ("RC-002", "Test Customer", self.delivery.name, True),
                ("RC-003", "Second Customer Dock", self.delivery2.name, False),
            ],
        )
        # Received from the other vendor's contact person: the vendor's serial.
        _recall, lines = self._find(input_method="vendor", vendor_id=self.vendor2.id)
        self.assertEqual(
            self._summary(lines),
            [("OV-001", "Second Customer Dock", self.delivery2.name, False)],
        )

    def test_supplier_without_serials(self):
        recall = self.Recall.create(
            {"input_method": "vendor", "vendor_id": self.customer.id}
        )
        self.assertTrue(recall.has_errors)
        self.assertIn(
            "No serial number was received from Test Customer", recall.check_result
        )
        with self.assertRefused(UserError, "No serial number was received"):
            recall.action_find()
        recall = self.Recall.create(
            {
                "input_method": "receipt",
                "receipt_id": self.receipt.id,
                "product_id": self.product_pick.id,
            }
        )
        self.assertTrue(recall.has_errors)
        self.assertEqual(
            recall.check_result,
            f"No serial number of Earbuds was received from {self.receipt.name}.",
        )

    def test_pasted_list(self):
        form = Form(self.Recall)
        self.assertEqual(form.input_method, "list")
        self.assertFalse(form.serial_count)
        form.serials_text = " RC-003\n\nOV-001\nRC-003\nRC-004\nNO-SUCH-SERIAL\n"
        self.assertEqual(form.serial_count, 3)
        self.assertFalse(form.has_errors)
        self.assertIn("1 unknown serial numbers: NO-SUCH-SERIAL", form.check_result)
        recall = form.save()
        recall.action_find()
        self.assertEqual(
            self._summary(recall.line_ids),
            [
                ("OV-001", "Second Customer Dock", self.delivery2.name, False),
                ("RC-003", "Second Customer Dock", self.delivery2.name, False),
            ],
        )
        # Run again: the result is replaced, not added to.
        recall.serials_text = "RC-001"
        recall.action_find()
        self.assertEqual(recall.line_ids.lot_id.mapped("name"), ["RC-001"])

    def test_list_errors(self):
        recall = self.Recall.create({"serials_text": "NOPE-1\nNOPE-2"})
        self.assertTrue(recall.has_errors)
        self.assertIn("None of these serial numbers is known", recall.check_result)
        with self.assertRefused(UserError, "None of these serial numbers is known"):
            recall.action_find()
        recall = self.Recall.create({"input_method": "range", "range_first": "RC-A"})
        recall.range_count = 2
        self.assertIn("does not end with digits", recall.check_result)

    def test_lines_numbered_as_in_the_box(self):
        recall = self.Recall.create(
            {"serials_text": "RC-001\n\nRC-001\nRC-\x01X\nRC-002"}
        )
        self.assertTrue(recall.has_errors)
        self.assertIn("Line 4: Serial number 'RC-\\x01X'", recall.check_result)

    def test_file(self):
        content = b"Serial Number;Note\nRC-001;first\nOV-001;second\n"
        _recall, lines = self._find(
            input_method="file",
            import_file=base64.b64encode(content),
            import_filename="recall.csv",
        )
        self.assertEqual(sorted(lines.lot_id.mapped("name")), ["OV-001", "RC-001"])

    def test_pre_receipt(self):
        _recall, lines = self._find(input_method="receipt", receipt_id=self.receipt2.id)
        self.assertEqual(
            self._summary(lines),
            [("OV-001", "Second Customer Dock", self.delivery2.name, False)],
        )
        # Received in part, the rest on the backorder: both are the pre-receipt's.
        receipt = self._create_receipt([(self.product_full, 2)])
        ureceipt = receipt.with_user(self.stock_user)
        self.assertScanOk(self._scan(ureceipt, self.product_full, "BO-1"))
        self._validate(ureceipt, backorder="create")
        ubackorder = receipt.backorder_ids.with_user(self.stock_user)
        self.assertScanOk(self._scan(ubackorder, self.product_full, "BO-2"))
        self._validate(ubackorder)
        self._deliver(["BO-1", "BO-2"], self.customer)
        recall, lines = self._find(input_method="receipt", receipt_id=receipt.id)
        self.assertEqual(recall.serial_count, 2)
        self.assertEqual(sorted(lines.lot_id.mapped("name")), ["BO-1", "BO-2"])
        lines.action_wms_export_csv()
        self.assertEqual(
            recall.export_filename,
            f"Recall serial numbers of {receipt.name.replace('/', '-')}.csv",
        )

    def test_product_narrows(self):
        other = self._create_product("Tablet", "full")
        self._put_in_stock(other, serials=["RC-001"])
        self._deliver(["RC-001"], self.customer2, product=other)
        _recall, lines = self._find(serials_text="RC-001")
        self.assertEqual(lines.product_id, self.product_full | other)
        _recall, lines = self._find(serials_text="RC-001", product_id=other.id)
        self.assertEqual(
            self._summary(lines),
            [("RC-001", "Second Customer", lines.reference, False)],
        )
        self.assertEqual(lines.product_id, other)

    def test_returned_then_delivered_again(self):
        _recall, lines = self._find(serials_text="RC-002")
        self.assertTrue(lines.returned)
        self.assertEqual(lines.return_picking_id, self.back)
        self.assertEqual(lines.return_reference, self.back.name)
        self.assertTrue(lines.return_date >= lines.date)
        again = self._deliver(["RC-002"], self.customer2)
        _recall, lines = self._find(serials_text="RC-002")
        self.assertEqual(
            # Both deliveries may fall in the same second: the later one has
            # the higher id.
            [
                (line.picking_id, line.returned)
                for line in lines.sorted(lambda line: (line.date, line.picking_id.id))
            ],
            [(self.delivery, True), (again, False)],
        )
        still_there = self.env["stock.serial.recall.line"].search(
            [("id", "in", lines.ids)]
            + self._search_filter_domain("stock.serial.recall.line", "at_customer")
        )
        self.assertEqual(still_there.picking_id, again)

    def test_supplier_several_deliveries_and_returns(self):
        """Each delivery is a line, with the return that closed it, if any."""
        again = self._deliver(["RC-002"], self.ship_to)
        back_again = self._return_serial(again, "RC-002")
        third = self._deliver(["RC-002"], self.customer2)
        _recall, lines = self._find(input_method="vendor", vendor_id=self.vendor.id)
        self.assertEqual(
            sorted(
                (line.lot_id.name, line.picking_id.name, line.return_picking_id.name)
                for line in lines
            ),
            sorted(
                [
                    ("RC-001", self.delivery.name, False),
                    ("RC-002", self.delivery.name, self.back.name),
                    ("RC-002", again.name, back_again.name),
                    ("RC-002", third.name, False),
                    ("RC-003", self.delivery2.name, False),
                ]
            ),
        )
        returned = lines.filtered("returned")
        self.assertEqual(returned.return_picking_id, self.back | back_again)
        for line in returned:
            self.assertEqual(line.return_reference, line.return_picking_id.name)
            self.assertTrue(line.return_date >= line.date)
        # The delivery's partner, with the commercial company's email.
        third_line = lines.filtered(lambda line: line.picking_id == third)
        self.assertEqual(third_line.partner_id, self.customer2)
        self.assertEqual(third_line.email, "co@example.com")
        self.assertEqual(third_line.create_uid, self.stock_user)

    def test_deliveries_pair_with_returns_as_brackets(self):
        """Histories the scanner flows never write (imported, or corrected by
        hand): a return closes the latest delivery still open; a return with
        none open, and a move between customers, close nothing."""
        lot = self.env["stock.lot"].search(
            [("name", "=", "RC-004"), ("product_id", "=", self.product_full.id)]
        )
        stock = self.stock_location
        customers = self.env.ref("stock.stock_location_customers")
        other_customers = customers.copy({"name": "Other Customers"})
        template = self.receipt.move_line_ids.filtered(lambda ml: ml.lot_id == lot)
        moves = [
            ("early return", customers, stock),
            ("first delivery", stock, customers),
            ("second delivery", stock, customers),
            ("closes the second", customers, stock),
            ("between customers", customers, other_customers),
            ("closes the first", other_customers, stock),
            ("third delivery", stock, customers),
        ]
        ids = {}
        for day, (label, src, dest) in enumerate(moves, start=1):
            # The same timestamp twice: the history is ordered by id then.
            date = template.date.replace(microsecond=0) + timedelta(days=day // 2)
            self.env.cr.execute(
                """
                INSERT INTO stock_move_line (
                    move_id, picking_id, company_id, product_id, product_uom_id,
                    lot_id, location_id, location_dest_id, state, reference,
                    quantity, quantity_product_uom, picked, date)
                SELECT move_id, picking_id, company_id, product_id, product_uom_id,
                       lot_id, %s, %s, 'done', %s, 1, 1, true, %s
                  FROM stock_move_line WHERE id = %s
             RETURNING id
                """,
                [src.id, dest.id, label, date, template.id],
            )
            ids[label] = self.env.cr.fetchone()[0]
        self.env.invalidate_all()
        self.assertEqual(
            [
                (delivery, back)
                for delivery, back, _partner in lot._wms_recall_deliveries()
            ],
            [
                (ids["first delivery"], ids["closes the first"]),
                (ids["second delivery"], ids["closes the second"]),
                (ids["third delivery"], None),
            ],
        )

    # --- The recall by vendor from the received lines' query (issue 23) ---
    def _copy_line(self, template, **values):
        """A done move line written by SQL as a copy of ``template`` with
        ``values`` (histories the scanner flows never write)."""
        kept = [
            "move_id",
            "picking_id",
            "company_id",
            "product_id",
            "product_uom_id",
            "lot_id",
            "location_id",
            "location_dest_id",
            "reference",
            "date",
        ]
        kept = [name for name in kept if name not in values]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO stock_move_line (%s, state, quantity,
                       quantity_product_uom, picked)
                SELECT %s, 'done', 1, 1, true FROM stock_move_line WHERE id = %s
             RETURNING id
                """,
                SQL(", ").join(SQL.identifier(name) for name in [*kept, *values]),
                SQL(", ").join(
                    [
                        *(SQL.identifier(name) for name in kept),
                        *(SQL("%s", value) for value in values.values()),
                    ]
                ),
                template.id,
            )
        )
        line_id = self.env.cr.fetchone()[0]
        self.env.invalidate_all()
        return line_id

    def _line_rows(self, lines):
        """The result lines' values, as the list and the export show them, in
        the order of their ids (the order they were written in)."""
        return [
            (
                line.move_line_id.id,
                line.lot_id.id,
                line.product_id.id,
                line.partner_id.id,
                line.email,
                line.phone,
                line.address,
                line.picking_id.id,
                line.reference,
                line.date,
                line.returned,
                line.return_picking_id.id,
                line.return_reference,
                line.return_date,
                line.company_id.id,
            )
            for line in lines.sorted("id")
        ]

    def _page_rows(self, values):
        """Every row ``wms_find_deliveries`` gives for ``values``, a page of two
        at a time, checking each page's total."""
        rows, offset = [], 0
        while True:
            page = self.Recall.wms_find_deliveries(values, offset=offset, limit=2)
            rows += page["records"]
            offset += 2
            if offset >= page["length"]:
                self.assertEqual(len(rows), page["length"])
                return rows

    def test_supplier_same_rows_every_way(self):
        """The saved lines, the read-only pages and the id path agree, row by
        row, on a history with a return, a second delivery and a return closed
        again."""
        again = self._deliver(["RC-002"], self.ship_to)
        self._return_serial(again, "RC-002")
        self._deliver(["RC-002", "RC-004"], self.customer2)
        values = {"input_method": "vendor", "vendor_id": self.vendor.id}
        recall, lines = self._find(**values)
        lots = recall._wms_lots()
        self.assertEqual(
            sorted(lots.mapped("name")), ["RC-001", "RC-002", "RC-003", "RC-004"]
        )
        deliveries = lots._wms_recall_deliveries()
        self.assertEqual(len(deliveries), 6)
        # Written oldest delivery first, as the pairing gives them.
        by_id = lines.sorted("id")
        self.assertEqual(
            [
                (line.move_line_id.id, line.return_picking_id, line.partner_id.id)
                for line in by_id
            ],
            [
                (
                    delivery,
                    self.env["stock.move.line"].browse(back).picking_id,
                    partner,
                )
                for delivery, back, partner in deliveries
            ],
        )
        # The read-only search: the same rows, in the list's order.
        rows = self._page_rows(values)
        shown = lines.sorted(
            lambda line: (
                line.partner_id.complete_name,
                line.partner_id.id,
                line.date,
                line.move_line_id.id,
            )
        )
        self.assertEqual(
            [
                (
                    row["move_line_id"],
                    row["lot_id"][0],
                    row["partner_id"] and row["partner_id"][0],
                    row["email"],
                    row["address"],
                    row["picking_id"] and row["picking_id"][0],
                    row["reference"],
                    row["returned"],
                    row["return_picking_id"] and row["return_picking_id"][0],
                    row["return_reference"],
                )
                for row in rows
            ],
            [
                (
                    line.move_line_id.id,
                    line.lot_id.id,
                    line.partner_id.id,
                    line.email,
                    line.address or False,
                    line.picking_id.id,
                    line.reference,
                    line.returned,
                    line.return_picking_id.id,
                    line.return_reference,
                )
                for line in shown
            ],
        )
        # A page past the last: its total, no row.
        past = self.Recall.wms_find_deliveries(values, offset=10, limit=2)
        self.assertEqual(past, {"length": 6, "records": []})
        # By the serials' names: the same lines.
        _recall, named = self._find(serials_text="RC-001\nRC-002\nRC-003\nRC-004")
        self.assertEqual(self._line_rows(named), self._line_rows(lines))

    def test_supplier_never_delivered(self):
        vendor3 = self.env["res.partner"].create({"name": "Quiet Vendor"})
        self._receive(self.product_full, ["NV-001", "NV-002"], vendor3)
        values = {"input_method": "vendor", "vendor_id": vendor3.id}
        recall, lines = self._find(**values)
        self.assertEqual(recall.serial_count, 2)
        self.assertFalse(lines)
        self.assertEqual(
            self.Recall.wms_find_deliveries(values), {"length": 0, "records": []}
        )

    def test_serial_received_from_two_vendors(self):
        """RC-001 came from the vendor, went back and came again from the other
        vendor: both vendors' recalls name its delivery."""
        template = self.receipt.move_line_ids.filtered(
            lambda ml: ml.lot_id.name == "RC-001"
        )
        self._copy_line(template, picking_id=self.receipt2.id)
        values = {"input_method": "vendor", "vendor_id": self.vendor2.id}
        _recall, lines = self._find(**values)
        self.assertEqual(
            self._summary(lines),
            [
                ("OV-001", "Second Customer Dock", self.delivery2.name, False),
                ("RC-001", "Test Customer", self.delivery.name, False),
            ],
        )
        self.assertEqual(self.Recall.wms_find_deliveries(values)["length"], 2)
        _recall, lines = self._find(input_method="vendor", vendor_id=self.vendor.id)
        self.assertIn("RC-001", lines.lot_id.mapped("name"))

    def test_supplier_company_rules(self):
        """Only the move lines of the companies the user works in count, on
        both sides: a serial received in another company is not the vendor's
        there; a delivery made in another company is not shown."""
        company_b = self.env["res.company"].create({"name": "Recall Company B"})
        self.stock_user.company_ids |= company_b
        customers = self.env.ref("stock.stock_location_customers")
        rc4 = self.receipt.move_line_ids.filtered(lambda ml: ml.lot_id.name == "RC-004")
        # RC-004 delivered in company B.
        self._copy_line(
            rc4,
            company_id=company_b.id,
            location_id=self.stock_location.id,
            location_dest_id=customers.id,
            picking_id=None,
            move_id=None,
        )
        # OV-001 received from the vendor in company B (on the vendor's receipt).
        ov1 = self.receipt2.move_line_ids
        self._copy_line(ov1, company_id=company_b.id, picking_id=self.receipt.id)
        values = {"input_method": "vendor", "vendor_id": self.vendor.id}
        rows = {}
        for companies in (self.company, self.company | company_b):
            Recall = self.Recall.with_context(allowed_company_ids=companies.ids)
            recall = Recall.create(values)
            recall.action_find()
            rows[len(companies)] = sorted(recall.line_ids.lot_id.mapped("name"))
            page = Recall.wms_find_deliveries(values)
            self.assertEqual(
                sorted(row["lot_id"][1] for row in page["records"]),
                rows[len(companies)],
            )
        self.assertEqual(rows[1], ["RC-001", "RC-002", "RC-003"])
        self.assertEqual(rows[2], ["OV-001", "RC-001", "RC-002", "RC-003", "RC-004"])

    def test_set_based(self):
        """The query count does not grow with the number of serials."""

        def count(serials):
            recall = self.Recall.create({"serials_text": "\n".join(serials)})
            recall.invalidate_model()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            recall.action_find()
            return self.cr.sql_log_count - before

        one = count(["RC-001"])
        self.assertGreater(one, 3, "the query counter does not count")
        five = count(["RC-001", "RC-002", "RC-003", "RC-004", "OV-001"])
        self.assertLessEqual(five, one + 2, "a query per serial?")

    def test_export(self):
        recall, lines = self._find(
            input_method="range", range_first="RC-001", range_count=4
        )
        # The list's Export button, nothing selected: the lines the list shows.
        Line = self.env["stock.serial.recall.line"].with_user(self.stock_user)
        action = Line.with_context(
            active_domain=[("recall_id", "=", recall.id), ("returned", "=", False)]
        ).action_wms_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"id={recall.id}", action["url"])
        self.assertEqual(recall.export_filename, "Recall RC-001 to RC-004.xlsx")
        sheet = load_workbook(
            io.BytesIO(base64.b64decode(recall.export_file)), read_only=True
        ).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(
            rows[0][:6],
            ("Serial Number", "Product", "Customer", "Email", "Phone", "Address"),
        )
        # The times are the user's, and the headers say in which zone.
        zone = self.stock_user.tz or "UTC"
        self.assertIn(f"Delivered On ({zone})", rows[0])
        self.assertIn(f"Returned On ({zone})", rows[0])
        self.assertEqual(
            sorted((row[0], row[2], row[3], row[6], row[8]) for row in rows[1:]),
            [
                (
                    "RC-001",
                    "Test Customer",
                    "buyer@example.com",
                    self.delivery.name,
                    "No",
                ),
                (
                    "RC-003",
                    "Second Customer, Second Customer Dock",
                    "co@example.com",
                    self.delivery2.name,
                    "No",
                ),
            ],
        )
        # Selected lines, as CSV.
        returned = lines.filtered("returned").with_user(self.stock_user)
        returned.action_wms_export_csv()
        self.assertTrue(recall.export_filename.endswith(".csv"))
        text = base64.b64decode(recall.export_file).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        self.assertEqual(len(rows), 2)
        self.assertIn(f"Delivered On ({zone})", rows[0])
        self.assertEqual(rows[1][0], "RC-002")
        self.assertEqual(rows[1][8], "Yes")
        self.assertEqual(rows[1][9], self.back.name)
        with self.assertRefused(UserError, "no recall line to export"):
            Line.with_context(
                active_domain=[("recall_id", "=", recall.id), ("id", "=", 0)]
            ).action_wms_export_csv()

    def test_views_and_menus(self):
        fields = self._view_fields(
            "stock.serial.recall.line",
            "serial_tracking_wms.stock_serial_recall_line_view_list",
            "list",
        )
        self.assertTrue(
            {
                "lot_id",
                "product_id",
                "partner_id",
                "email",
                "phone",
                "address",
                "reference",
                "date",
                "returned",
            }
            <= fields
        )
        action = self.env.ref("serial_tracking_wms.action_stock_serial_recall")
        for xmlid in ("menu_stock_serial_recall", "menu_stock_serial_recall_report"):
            self.assertEqual(
                self.env.ref(f"serial_tracking_wms.{xmlid}").action.id, action.id
            )
        menu = self.env.ref("serial_tracking_wms.menu_stock_serial_recall")
        self.assertTrue(self._menu_visible(menu, self.stock_user))
        report_menu = self.env.ref(
            "serial_tracking_wms.menu_stock_serial_recall_report"
        )
        self.assertTrue(self._menu_visible(report_menu, self.stock_manager))

    def test_access(self):
        with self.assertRaises(AccessError):
            self.env["stock.serial.recall"].with_user(self.plain_user).create(
                {"serials_text": "RC-001"}
            )
        with self.assertRaises(AccessError):
            self.env["stock.serial.recall.line"].with_user(self.plain_user).search([])
        menu = self.env.ref("serial_tracking_wms.menu_stock_serial_recall")
        self.assertFalse(self._menu_visible(menu, self.plain_user))
        with self.assertRaises(AccessError):
            self.env["stock.lot"].with_user(self.plain_user).search(
                [("name", "=", "RC-001")]
            )._wms_recall_deliveries()
