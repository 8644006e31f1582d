# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an integrator found on a database that also runs Expiration Dates
(``product_expiry``): the set-based validation must leave each serial its own
dates. Runs on the real-world database of ``setup/test.sh`` (tag ``wms_real``)."""

import datetime

from odoo import fields
from odoo.tests import tagged

from .common import PickCase
from .test_bulk_done import counting_batched_calls


@tagged("post_install", "-at_install", "wms_real")
class TestExpirationDates(PickCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fefo = cls.env.ref("product_expiry.removal_fefo")
        category = cls.env["product.category"].create(
            {"name": "Perishable electronics", "removal_strategy_id": cls.fefo.id}
        )
        cls.medicine = cls._create_product(
            "Insulin pump",
            "full",
            categ_id=category.id,
            use_expiration_date=True,
            expiration_time=365,
            use_time=300,
            removal_time=330,
            alert_time=350,
        )
        cls.today = fields.Datetime.now().replace(hour=12, minute=0, second=0)

    def _expiry(self, index):
        """A date per serial, not in the order of the serials: the last
        serial expires first."""
        return self.today + datetime.timedelta(days=400 - index)

    def _receive_with_dates(self, names):
        receipt = self._create_receipt([(self.medicine, len(names))])
        receipt = receipt.with_user(self.stock_user)
        receipt.wms_set_expected_serials(self.medicine.id, names)
        receipt.wms_receive_expected_serials(self.medicine.id)
        # The clerk enters each serial's expiration date on its line.
        for line in receipt.move_line_ids:
            line.expiration_date = self._expiry(names.index(line.lot_name))
        with counting_batched_calls() as counted:
            self._validate(receipt)
        self.assertTrue(counted and all(counted), "the set-based path was taken")
        return receipt

    def assertOwnDates(self, quants):
        for quant in quants:
            lot = quant.lot_id
            self.assertEqual(
                (quant.expiration_date, quant.removal_date),
                (lot.expiration_date, lot.removal_date),
                f"{lot.name} at {quant.location_id.display_name}",
            )

    def test_each_serial_keeps_its_own_dates_in_and_out(self):
        names = [f"PUMP-{i:03d}" for i in range(150)]
        receipt = self._receive_with_dates(names)
        self.assertEqual(receipt.state, "done")
        lots = receipt.move_line_ids.lot_id
        self.assertEqual(len(lots), 150)
        for lot in lots:
            expected = self._expiry(names.index(lot.name))
            self.assertEqual(lot.expiration_date, expected, lot.name)
            # Expiration Dates: removal 330 days before the expiration date.
            self.assertEqual(
                lot.removal_date, expected - datetime.timedelta(days=330), lot.name
            )
        in_stock = self.env["stock.quant"].search(
            [("lot_id", "in", lots.ids), ("location_id", "=", self.stock_location.id)]
        )
        self.assertEqual(len(in_stock), 150)
        self.assertOwnDates(in_stock)
        # 140 of them delivered, all at once.
        delivered = names[:140]
        delivery = self._create_delivery([(self.medicine, 140)], assign=False)
        delivery = delivery.with_user(self.stock_user)
        delivery.wms_set_picked_serials(self.medicine.id, delivered)
        with counting_batched_calls() as counted:
            self._validate(delivery)
        self.assertTrue(counted and all(counted))
        at_customer = self.env["stock.quant"].search(
            [
                ("lot_id", "in", lots.ids),
                ("location_id", "=", self.customer_location.id),
            ]
        )
        self.assertEqual(sorted(at_customer.lot_id.mapped("name")), sorted(delivered))
        self.assertOwnDates(at_customer)
        self.assertOwnDates(
            self.env["stock.quant"].search([("lot_id", "in", lots.ids)])
        )

    def test_fefo_reserves_the_serials_expiring_first(self):
        names = [f"FEFO-{i:03d}" for i in range(120)]
        self._receive_with_dates(names)
        delivery = self._create_delivery([(self.medicine, 5)])
        # The last five serials expire first (see ``_expiry``).
        self.assertEqual(
            sorted(delivery.move_line_ids.lot_id.mapped("name")),
            sorted(names[-5:]),
        )


@tagged("post_install", "-at_install", "wms_real")
class TestLotsOptionalBlock(PickCase):
    """Track During Pick lines pass Odoo's lot check on receipts because, for
    them only, the operation type's lot flags read as off in the cache during
    Odoo's ``_action_done`` (``stock.picking.type._wms_lots_optional``). In the
    same validation, Full Tracking lines of the same operation type run
    Expiration Dates' code, which reads those flags: it must see them on."""

    def test_full_tracking_lines_beside_track_during_pick_lines(self):
        medicine = self._create_product(
            "Glucose meter", "full", use_expiration_date=True, expiration_time=100
        )
        names = [f"GM-{i:03d}" for i in range(120)]
        receipt = self._create_receipt([(medicine, 120), (self.product_pick, 7)])
        receipt = receipt.with_user(self.stock_user)
        receipt.wms_set_expected_serials(medicine.id, names)
        receipt.wms_receive_expected_serials(medicine.id)
        receipt.wms_set_quantity(self.product_pick.id, 7)
        scheduled = receipt.scheduled_date
        self._validate(receipt)
        self.assertEqual(receipt.state, "done")
        lines = receipt.move_line_ids.filtered(lambda ml: ml.product_id == medicine)
        self.assertEqual(len(lines.lot_id), 120)
        expected = scheduled + datetime.timedelta(days=100)
        for line in lines:
            self.assertEqual(line.expiration_date, expected, line.lot_id.name)
            self.assertEqual(line.lot_id.expiration_date, expected)
        self.assertOnHand(self.product_pick, {False: 7})
        # The flags read as they are, in the cache as in the database.
        picking_type = receipt.picking_type_id
        self.assertTrue(picking_type.use_create_lots)
        self.assertTrue(
            all(receipt.move_line_ids.mapped("picking_type_use_create_lots"))
        )
        self.env.invalidate_all()
        self.assertTrue(picking_type.use_create_lots)
        # The next receipt of that type still takes serials per unit.
        again = self._create_receipt([(medicine, 3)])
        self.assertEqual(len(again.move_line_ids), 3)
