# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import io
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.serial_tracking_wms.models import (
    stock_serial_recall_campaign as campaign_module,
)

from .recall_common import RecallCase


@tagged("post_install", "-at_install")
class TestRecallCampaign(RecallCase):
    """A recall that lasts: its units and where they are, the customers told
    through the mail queue, the units returned, the pick rule's block."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "buyer@example.com"
        cls.customer_letter = cls.env["res.partner"].create(
            {"name": "Letter Customer", "street": "2 Old Road", "city": "Ogdenville"}
        )
        cls._receive(
            cls.product_full,
            ["RK-001", "RK-002", "RK-003", "RK-004", "RK-005"],
            cls.vendor,
        )
        cls.delivery = cls._deliver(["RK-001", "RK-002"], cls.customer)
        cls.delivery2 = cls._deliver(["RK-003"], cls.customer_letter)
        # RK-004 stays in stock; RK-005 is not recalled.
        cls.Campaign = cls.env["stock.serial.recall.campaign"]

    # --- Helpers ---
    def _open(self, serials=("RK-001", "RK-002", "RK-003", "RK-004"), **vals):
        campaign = self.Campaign.with_user(self.stock_manager).create(
            {
                "reason": "Battery may overheat",
                "serials_text": "\n".join(serials),
                **vals,
            }
        )
        campaign.action_open()
        return campaign

    def _lines(self, campaign):
        return {
            line.lot_id.name: (
                line.location_kind,
                line.partner_id.name or False,
                line.picking_id.name or False,
                line.status or False,
            )
            for line in campaign.line_ids
        }

    # --- Tests ---
    def test_open_finds_where_each_unit_is(self):
        campaign = self._open()
        self.assertEqual(campaign.state, "open")
        self.assertTrue(campaign.name.startswith("RECALL/"))
        self.assertEqual(
            self._lines(campaign),
            {
                "RK-001": (
                    "customer",
                    "Test Customer",
                    self.delivery.name,
                    "to_notify",
                ),
                "RK-002": (
                    "customer",
                    "Test Customer",
                    self.delivery.name,
                    "to_notify",
                ),
                "RK-003": (
                    "customer",
                    "Letter Customer",
                    self.delivery2.name,
                    "to_notify",
                ),
                "RK-004": ("stock", False, False, False),
            },
        )
        mine = campaign.with_user(self.stock_user)
        self.assertEqual(mine.line_count, 4)
        self.assertEqual(mine.to_notify_count, 3)
        self.assertEqual(mine.in_field_count, 3)
        self.assertEqual(mine.in_stock_count, 1)
        self.assertEqual(mine.progress, 0.0)
        # Grouped by customer and by status, as the stock user's list does.
        Line = self.env["stock.serial.recall.campaign.line"].with_user(self.stock_user)
        groups = Line.read_group(
            [("campaign_id", "=", campaign.id)], ["status"], ["partner_id"]
        )
        self.assertEqual(
            sorted(
                (g["partner_id"] and g["partner_id"][1] or "", g["partner_id_count"])
                for g in groups
            ),
            sorted([("", 1), ("Test Customer", 2), ("Letter Customer", 1)]),
        )
        by_status = Line.read_group(
            [("campaign_id", "=", campaign.id)], ["status"], ["status"]
        )
        self.assertEqual(
            {g["status"]: g["status_count"] for g in by_status},
            {"to_notify": 3, False: 1},
        )

    def test_vendor_input(self):
        campaign = self.Campaign.with_user(self.stock_manager).create(
            {
                "reason": "Faulty batch",
                "input_method": "vendor",
                "vendor_id": self.vendor.id,
                "product_id": self.product_full.id,
            }
        )
        campaign.action_open()
        self.assertEqual(
            set(campaign.line_ids.lot_id.mapped("name")),
            {"RK-001", "RK-002", "RK-003", "RK-004", "RK-005"},
        )

    def test_rights(self):
        Campaign = self.Campaign.with_user(self.stock_user)
        with self.assertRaises(AccessError):
            Campaign.create({"reason": "No", "serials_text": "RK-001"})
        campaign = self._open()
        mine = campaign.with_user(self.stock_user)
        for method in ("action_notify", "action_close"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(mine, method)()
        with self.assertRaises(AccessError):
            mine.write({"reason": "Changed"})
        line = mine.line_ids.filtered(lambda x: x.lot_id.name == "RK-003")
        # Stock users follow the lines up, nothing more.
        line.action_set_replaced()
        self.assertEqual(line.status, "replaced")
        line.note = "Replaced by courier"
        with self.assertRaises(AccessError):
            line.write({"partner_id": self.customer.id})
        self.assertEqual(mine.replaced_count, 1)
        self.assertAlmostEqual(mine.progress, 100.0 / 3, places=2)
        self.assertIn("Replaced", campaign.message_ids[0].body)
        with self.assertRaises(AccessError):
            self.env["stock.serial.recall.campaign"].with_user(self.plain_user).search(
                []
            )

    def test_other_company_cannot_see_it(self):
        company_b = self.env["res.company"].create({"name": "WMS Recall Company B"})
        user_b = new_test_user(
            self.env,
            login="wms_recall_user_b",
            groups="stock.group_stock_user",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        campaign = self._open()
        self.assertFalse(
            self.Campaign.with_user(user_b).search([("id", "=", campaign.id)])
        )
        self.assertFalse(
            self.env["stock.serial.recall.campaign.line"]
            .with_user(user_b)
            .search([("campaign_id", "=", campaign.id)])
        )
        with self.assertRaises(AccessError):
            campaign.with_user(user_b).read(["reason"])

    def test_notify_queues_one_email_per_customer(self):
        campaign = self._open()
        Mail = self.env["mail.mail"]
        before = Mail.search([])
        campaign.with_user(self.stock_manager).action_notify()
        mails = Mail.search([]) - before
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.state, "outgoing")
        self.assertEqual(mails.recipient_ids, self.customer)
        self.assertIn("RK-001", mails.body_html)
        self.assertIn("RK-002", mails.body_html)
        self.assertIn(self.delivery.name, mails.body_html)
        self.assertNotIn("RK-003", mails.body_html)
        self.assertIn(campaign.name, mails.subject)
        # Logged on the customer, and on the recall.
        self.assertIn("RK-001", self.customer.message_ids.filtered("subject")[0].body)
        self.assertIn("Letter Customer", campaign.message_ids[0].body)
        self.assertEqual(self._lines(campaign)["RK-001"][3], "notified")
        self.assertEqual(self._lines(campaign)["RK-003"][3], "to_notify")
        self.assertEqual(campaign.customer_without_email_ids, self.customer_letter)
        # The letter of the customer without email.
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.stock_manager)
            ._render_qweb_html(
                "serial_tracking_wms.action_report_recall_letter", campaign.ids
            )
        )
        html = html.decode()
        self.assertIn("Letter Customer", html)
        self.assertIn("RK-003", html)
        self.assertNotIn("RK-001", html)

    def test_large_recalls_are_emailed_in_batches(self):
        self.customer_letter.email = "letters@example.com"
        campaign = self._open()
        Mail = self.env["mail.mail"]
        before = Mail.search([])
        with patch.object(campaign_module, "NOTIFY_BATCH", 1):
            campaign.with_user(self.stock_manager).action_notify()
            self.assertEqual(len(Mail.search([]) - before), 1)
            self.assertTrue(campaign.notify_pending)
            self.assertIn("1 more customers to email", campaign.message_ids[0].body)
            self.env["stock.serial.recall.campaign"]._cron_wms_notify()
        mails = Mail.search([]) - before
        self.assertEqual(mails.recipient_ids, self.customer | self.customer_letter)
        self.assertFalse(campaign.notify_pending)
        self.assertEqual(campaign.notified_count, 3)
        self.assertFalse(campaign.customer_without_email_ids)

    def test_template_is_editable(self):
        template = self.env.ref("serial_tracking_wms.mail_template_recall_customer")
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "serial_tracking_wms"),
                ("name", "=", "mail_template_recall_customer"),
            ]
        )
        self.assertTrue(data.noupdate)
        template.body_html = '<p>Custom <t t-out="object.name"/></p>'
        campaign = self._open()
        campaign.with_user(self.stock_manager).action_notify()
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.customer.ids)], order="id desc", limit=1
        )
        self.assertIn("Custom " + campaign.name, mail.body_html)

    def test_blocks_picking_while_open(self):
        campaign = self._open()
        delivery = self._create_delivery([(self.product_full, 1)])
        result = delivery.with_user(self.stock_user).wms_scan_serial(
            self.product_full.id, "RK-004"
        )
        self.assertFalse(result["ok"])
        self.assertIn(campaign.name, result["message"])
        self.assertIn("RK-004", result["message"])
        campaign.with_user(self.stock_manager).action_close()
        self.assertEqual(campaign.state, "closed")
        result = delivery.with_user(self.stock_user).wms_scan_serial(
            self.product_full.id, "RK-004"
        )
        self.assertTrue(result["ok"], result["message"])

    def test_block_from_the_first_campaign_on(self):
        # Picked freely while no recall exists; a recall opened afterwards
        # blocks the next scan and the validation of a line picked before.
        delivery = self._create_delivery([(self.product_full, 2)])
        udelivery = delivery.with_user(self.stock_user)
        result = udelivery.wms_scan_serial(self.product_full.id, "RK-004")
        self.assertTrue(result["ok"], result["message"])
        campaign = self._open(serials=("RK-004", "RK-005"))
        result = udelivery.wms_scan_serial(self.product_full.id, "RK-005")
        self.assertFalse(result["ok"])
        self.assertIn(campaign.name, result["message"])
        with self.assertRefused(UserError, f"RK-004 .*recalled by {campaign.name}"):
            udelivery.button_validate()

    def test_no_block_when_not_asked(self):
        self._open(block_picking=False)
        delivery = self._create_delivery([(self.product_full, 1)])
        result = delivery.with_user(self.stock_user).wms_scan_serial(
            self.product_full.id, "RK-004"
        )
        self.assertTrue(result["ok"], result["message"])

    def test_return_marks_the_line_returned(self):
        campaign = self._open()
        campaign.with_user(self.stock_manager).action_notify()
        self.assertEqual(campaign.in_field_count, 3)
        back = self._return_serial(self.delivery, "RK-001")
        campaign.invalidate_recordset()
        line = campaign.line_ids.filtered(lambda x: x.lot_id.name == "RK-001")
        self.assertEqual(line.status, "returned")
        self.assertEqual(line.return_picking_id, back)
        self.assertEqual(line.location_kind, "stock")
        # Without a warranty on the product: the answer kept, nothing said.
        self.assertEqual(back.move_line_ids.wms_warranty_answer, "none")
        self.assertFalse(
            back.message_ids.filtered(lambda m: "Warranty" in (m.body or ""))
        )
        self.assertEqual(campaign.in_field_count, 2)
        self.assertEqual(campaign.returned_count, 1)
        message = campaign.message_ids[0].body
        self.assertIn("RK-001", message)
        self.assertIn(back.name, message)
        # Another recall, closed, is left alone.
        other = self._open(serials=("RK-002",))
        other.with_user(self.stock_manager).action_close()
        self._return_serial(self.delivery, "RK-002")
        self.assertEqual(other.line_ids.status, "to_notify")
        self.assertEqual(
            campaign.line_ids.filtered(lambda x: x.lot_id.name == "RK-002").status,
            "returned",
        )

    def test_from_the_recall_wizard(self):
        wizard = (
            self.env["stock.serial.recall"]
            .with_user(self.stock_manager)
            .create(
                {"input_method": "range", "range_first": "RK-001", "range_count": 3}
            )
        )
        action = wizard.action_create_campaign()
        campaign = self.Campaign.browse(action["res_id"])
        self.assertEqual(campaign.state, "draft")
        self.assertEqual(campaign.input_method, "range")
        campaign.with_user(self.stock_manager).action_open()
        self.assertEqual(
            sorted(campaign.line_ids.lot_id.mapped("name")),
            ["RK-001", "RK-002", "RK-003"],
        )
        stock_wizard = (
            self.env["stock.serial.recall"]
            .with_user(self.stock_user)
            .create({"serials_text": "RK-001"})
        )
        with self.assertRaises(AccessError):
            stock_wizard.action_create_campaign()

    def test_scrapped_and_consumed_units(self):
        lot = self.env["stock.lot"].search([("name", "=", "RK-004")])
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.product_full.id,
                "lot_id": lot.id,
                "scrap_qty": 1,
                "location_id": self.stock_location.id,
            }
        )
        scrap.action_validate()
        production = self.env["stock.location"].search(
            [("usage", "=", "production")], limit=1
        )
        lot5 = self.env["stock.lot"].search([("name", "=", "RK-005")])
        self.env["stock.quant"]._update_available_quantity(
            self.product_full, self.stock_location, -1, lot_id=lot5
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product_full, production, 1, lot_id=lot5
        )
        campaign = self._open(serials=("RK-004", "RK-005"))
        self.assertEqual(
            {line.lot_id.name: line.location_kind for line in campaign.line_ids},
            {"RK-004": "scrapped", "RK-005": "consumed"},
        )
        self.assertEqual(campaign.to_notify_count, 0)

    def test_export(self):
        campaign = self._open()
        lines = (
            self.env["stock.serial.recall.campaign.line"]
            .with_user(self.stock_user)
            .with_context(active_domain=[("campaign_id", "=", campaign.id)])
        )
        action = lines.action_wms_export_csv()
        self.assertIn(f"id={campaign.id}", action["url"])
        self.assertEqual(
            campaign.export_filename, f"Recall {campaign.name.replace('/', '-')}.csv"
        )
        rows = list(
            csv.reader(
                io.StringIO(base64.b64decode(campaign.export_file).decode("utf-8-sig"))
            )
        )
        self.assertEqual(rows[0][:4], ["Serial Number", "Product", "Where", "Customer"])
        by_serial = {row[0]: row for row in rows[1:]}
        self.assertEqual(sorted(by_serial), ["RK-001", "RK-002", "RK-003", "RK-004"])
        self.assertEqual(by_serial["RK-001"][3], "Test Customer")
        self.assertEqual(by_serial["RK-001"][8], "To Notify")
        self.assertEqual(by_serial["RK-004"][2], "In Stock")
        lines.action_wms_export_xlsx()
        self.assertTrue(campaign.export_filename.endswith(".xlsx"))
