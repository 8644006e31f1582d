# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import PickCase

# Installed by setup/test.sh in the test databases, owned by a superuser:
# PostgreSQL lets only a superuser set the language of its messages.
SET_LC_MESSAGES = "wms_test_set_lc_messages"


@tagged("post_install", "-at_install")
class TestDuplicateSerials(PickCase):
    """A serial given twice in one transaction is refused as Odoo refuses it
    (``ValidationError``, which Odoo's own tests expect: stock's
    test_lot_uniqueness and test_validate_multiple_pickings_with_same_lot_names),
    naming the serial and the product; it is not "recorded by another user",
    which is what the unique index means only for a concurrent transaction."""

    def assertDuplicateRefused(self, catcher, serial):
        message = str(catcher.exception.args[0])
        self.assertIn(serial, message)
        self.assertIn(self.product_full.display_name, message)
        self.assertNotIn("another user", message)

    def test_serial_created_twice(self):
        Lot = self.env["stock.lot"].with_user(self.stock_user)
        vals = {"name": "DUP-1", "product_id": self.product_full.id}
        Lot.create(vals)
        with self.assertRaises(ValidationError) as catcher:
            Lot.create(vals)
        self.assertDuplicateRefused(catcher, "DUP-1")

    def test_two_receipts_validated_together_with_the_same_serials(self):
        """Serials typed on two receipts' lines (the detailed operations), both
        validated at once: the set-based receipt path copies the lots."""
        receipts = self.env["stock.picking"]
        for names in (["DUP-A", "DUP-B"], ["DUP-B", "DUP-A"]):
            receipt = self._create_receipt([(self.product_full, 2)])
            for line, name in zip(receipt.move_ids.move_line_ids, names, strict=True):
                line.write({"lot_name": name, "picked": True})
            receipts |= receipt
        with self.assertRaises(ValidationError) as catcher:
            receipts.with_user(self.stock_user).button_validate()
        self.assertDuplicateRefused(catcher, "DUP-")


@tagged("post_install", "-at_install")
class TestDuplicateSerialsServerInGerman(TestDuplicateSerials):
    """The same refusals with the database server speaking German
    (``lc_messages``): a duplicate is told by the unique index's name and the
    values at hand, never by the text of the database's message."""

    # Odoo's loader runs a class's own test methods only: these run the
    # refusals of TestDuplicateSerials again, with the server in German.
    allow_inherited_tests_method = True

    def setUp(self):
        super().setUp()
        cr = self.env.cr
        cr.execute(SQL("SELECT to_regprocedure(%s)", f"{SET_LC_MESSAGES}(text)"))
        if not cr.fetchone()[0]:
            self.fail(
                f"{SET_LC_MESSAGES} is missing: setup/test.sh installs it with a "
                "superuser of the test database's server"
            )
        cr.execute(SQL("SELECT %s(%s)", SQL.identifier(SET_LC_MESSAGES), "de_DE.UTF-8"))
        self.addCleanup(
            cr.execute, SQL("SELECT %s(%s)", SQL.identifier(SET_LC_MESSAGES), "C")
        )

    def test_server_speaks_german(self):
        Lot = self.env["stock.lot"]
        Lot.create({"name": "DUP-DE", "product_id": self.product_full.id})
        self.env.flush_all()
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation) as caught,
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                SQL(
                    "INSERT INTO stock_lot (name, product_id, company_id) "
                    "SELECT name, product_id, company_id FROM stock_lot "
                    "WHERE name = 'DUP-DE'"
                )
            )
        self.assertIn("doppelter Schl", str(caught.exception))
