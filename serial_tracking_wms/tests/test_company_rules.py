# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import PickCase


@tagged("post_install", "-at_install")
class TestCompanyRules(PickCase):
    """Every record of the module that belongs to a company (expected serials,
    and the wizards that hold serials or customers of one) is out of reach
    from another company: a stock user of company B neither finds, reads nor
    changes company A's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "WMS Company B"})
        cls.user_b = new_test_user(
            cls.env,
            login="wms_rules_user_b",
            groups="stock.group_stock_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.user_ab = new_test_user(
            cls.env,
            login="wms_rules_user_ab",
            groups="stock.group_stock_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set((cls.company_b | cls.company).ids)],
        )
        # Company A's work, done by its stock user.
        uenv = cls.env(user=cls.stock_user)
        receipt = cls._create_receipt([(cls.product_full, 2)], confirm=False)
        cls.receipt = receipt.with_user(cls.stock_user)
        cls.receipt.wms_set_expected_serials(cls.product_full.id, ["CA-1", "CA-2"])
        cls.receipt.action_confirm()
        cls.expected = cls.receipt.move_ids.expected_serial_ids
        cls._put_in_stock(cls.product_full, serials=["CA-9"])
        delivery = cls._create_delivery([(cls.product_full, 1)]).with_user(
            cls.stock_user
        )
        assert delivery.wms_scan_serial(cls.product_full.id, "CA-9")["ok"]
        assert delivery.button_validate() is True
        recall = uenv["stock.serial.recall"].create({"serials_text": "CA-9"})
        recall.action_find()
        cls.wizards = {
            "stock.expected.serial.wizard": uenv["stock.expected.serial.wizard"].create(
                {"move_id": cls.receipt.move_ids.id, "serials_text": "CA-1\nCA-2"}
            ),
            "stock.serial.count.wizard": uenv["stock.serial.count.wizard"].create(
                {
                    "product_id": cls.product_full.id,
                    "location_id": cls.stock_location.id,
                    "serials_text": "CA-9",
                }
            ),
            "stock.account.transfer.wizard": uenv[
                "stock.account.transfer.wizard"
            ].create(
                {
                    "product_id": cls.product_full.id,
                    "location_id": cls.stock_location.id,
                    "serials_text": "CA-9",
                }
            ),
            "stock.serial.recall": recall,
            "stock.serial.recall.line": recall.line_ids,
        }
        assert len(recall.line_ids) == 1

    def _as(self, records, user, *companies):
        """``records`` as ``user`` would load them, working in ``companies``."""
        self.env.invalidate_all()
        env = self.env(user=user)
        if companies:
            env = env(context=dict(env.context, allowed_company_ids=companies))
        return records.with_env(env)

    def test_expected_serials_of_company_a_are_out_of_reach(self):
        Expected = self._as(self.env["stock.expected.serial"], self.user_b)
        self.assertFalse(Expected.search([("id", "in", self.expected.ids)]))
        self.assertFalse(Expected.search([("name", "in", ["CA-1", "CA-2"])]))
        self.assertEqual(Expected.search_count([("name", "=", "CA-1")]), 0)
        self.assertFalse(
            Expected.read_group([("name", "=", "CA-1")], ["name"], ["name"])
        )
        expected = self._as(self.expected, self.user_b)
        with self.assertRaises(AccessError):
            expected.read(["name"])
        with self.assertRaises(AccessError):
            self._as(self.expected[:1], self.user_b).name  # noqa: B018
        with self.assertRaises(AccessError):
            expected.write({"name": "CB-1"})
        with self.assertRaises(AccessError):
            expected.unlink()
        with self.assertRaises(AccessError):
            Expected.create({"move_id": self.receipt.move_ids.id, "name": "CB-1"})
        # Nothing changed, and company A sees its serials.
        mine = self._as(self.env["stock.expected.serial"], self.stock_user)
        self.assertEqual(
            mine.search([("id", "in", self.expected.ids)]).mapped("name"),
            ["CA-1", "CA-2"],
        )
        # A user of both companies sees them while working in company A only.
        both = self._as(self.env["stock.expected.serial"], self.user_ab)
        domain = [("id", "in", self.expected.ids)]
        self.assertFalse(
            both.with_context(allowed_company_ids=self.company_b.ids).search(domain)
        )
        self.assertEqual(
            len(
                both.with_context(
                    allowed_company_ids=(self.company_b | self.company).ids
                ).search(domain)
            ),
            2,
        )

    def test_entry_points_refuse_company_a_documents(self):
        receipt = self._as(self.receipt, self.user_b)
        full = self.product_full.id
        calls = {
            "wms_set_expected_serials": lambda: receipt.wms_set_expected_serials(
                full, ["CB-1", "CB-2"]
            ),
            "wms_receive_expected_serials": lambda: (
                receipt.wms_receive_expected_serials(full)
            ),
            "wms_scan_serial": lambda: receipt.wms_scan_serial(full, "CA-1"),
            "Edit Serial Numbers": lambda: (
                receipt.move_ids.action_wms_edit_expected_serials()
            ),
            "Edit Serial Numbers, created": lambda: self._as(
                self.env["stock.expected.serial.wizard"], self.user_b
            ).create({"move_id": self.receipt.move_ids.id, "serials_text": "CB-1"}),
        }
        for name, call in calls.items():
            with self.subTest(entry_point=name), self.assertRaises(AccessError):
                call()
        self.env.invalidate_all()
        self.assertEqual(self.expected.mapped("name"), ["CA-1", "CA-2"])
        self.assertFalse(self.receipt.move_line_ids.filtered("picked"))

    def test_wizards_of_company_a_are_out_of_reach(self):
        for model, records in self.wizards.items():
            with self.subTest(model=model):
                self.assertTrue(records)
                self.assertEqual(records.company_id, self.company)
                theirs = self._as(self.env[model], self.user_b)
                self.assertFalse(theirs.search([("id", "in", records.ids)]))
                with self.assertRaises(AccessError):
                    self._as(records, self.user_b).read(["company_id"])
                with self.assertRaises(AccessError):
                    self._as(records, self.user_b).write({})
                mine = self._as(self.env[model], self.stock_user)
                self.assertEqual(mine.search([("id", "in", records.ids)]), records)
        # What the recall found: the customer of company A, out of B's reach.
        lines = self._as(self.env["stock.serial.recall.line"], self.user_b)
        self.assertFalse(lines.search([("lot_id.name", "=", "CA-9")]))


@tagged("post_install", "-at_install")
class TestCompanyChecks(PickCase):
    """The company-bound fields of the suite's models refuse a value of another
    company, as Odoo's own do (``check_company``): a received serial, a counted
    product or place, a new owner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "WMS Check Company B"})
        cls.product_b = cls._create_product(
            "Company B Laptop", "full", company_id=cls.company_b.id
        )
        cls.lot_b = cls.env["stock.lot"].create(
            {
                "name": "CB-1",
                "product_id": cls.product_b.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.location_b = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.company_b.id)], limit=1)
            .lot_stock_id
        )

    def test_expected_serial_refuses_a_lot_of_another_company(self):
        receipt = self._create_receipt([(self.product_full, 1)])
        receipt.wms_set_expected_serials(self.product_full.id, ["CA-1"])
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            receipt.move_ids.expected_serial_ids.lot_id = self.lot_b

    def test_count_refuses_another_companys_product_and_place(self):
        Wizard = self.env["stock.serial.count.wizard"].with_user(self.stock_manager)
        for vals in (
            {"product_id": self.product_b.id, "location_id": self.stock_location.id},
            {"product_id": self.product_full.id, "location_id": self.location_b.id},
        ):
            with self.assertRaisesRegex(UserError, "Incompatible companies"):
                Wizard.create({**vals, "serials_text": "CA-1"})

    def test_account_transfer_refuses_another_companys_product(self):
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.env["stock.account.transfer.wizard"].with_user(
                self.stock_manager
            ).create(
                {"product_id": self.product_b.id, "location_id": self.stock_location.id}
            )
