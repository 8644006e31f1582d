# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The empty lines of a confirmed receipt of many serials (issue 23, point 1):
the set-based path ``confirmation_lines`` (``speed/confirmation.py``) leaves
exactly the rows Odoo's own path leaves (see ``parity_common.py`` for what is
compared), on the stock-only database and on the real-world one (Purchase,
Sales, Inventory Valuation, Expiration Dates, Manufacturing, Batch Transfers
and the probe modules: per-record defaults, computed fields).

Confirmed by the stock user (Mark as To Do): a receipt with putaway rules (one
product sent to a sub-location, one to a sub-location of it, one to the bins of a
storage category with a capacity of 50 each), a product without serials on
the same receipt, a Track During Pick product (no line per unit: Odoo's path),
the receipts' operation type batching and waving (Batch Transfers) and, on the
real-world database, a product with Expiration Dates; a receipt in two
steps (input, then stock), received and validated; and the path's fallbacks: a
receipt below its threshold, and a definition of ``_action_assign`` it has not
verified (as another module's override would be): Odoo's own path."""

from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from ..speed import confirmation, guard
from .common import create_picking
from .parity_common import ParityCase
from .speed_common import unverified
from .test_parity import CHAINED_SET_SHARE, EXPIRY

# Units of the main product: above the path's threshold (100 lines).
N = 120


@tagged("post_install", "-at_install")
class TestParityConfirmation(ParityCase):
    ROLES = {
        "laptop": ("full", "fifo", "real_time"),
        "phone": ("full", "average", "manual_periodic"),
        "tablet": ("full", "fifo", "manual_periodic"),
        "cable": ("none", "fifo", "manual_periodic"),
        "earbuds": ("pick", "fifo", "manual_periodic"),
    }
    COMPARED_TABLES = (
        "stock_picking",
        "stock_move",
        "stock_move_line",
        "stock_picking_batch",
        "stock_lot",
        "stock_quant",
        "stock_valuation_layer",
        "account_move_line",
        "mail_message",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expiry = "use_expiration_date" in cls.env["product.product"]._fields
        if cls.expiry:
            for run, products in cls.parity_products.items():
                products["expiry"] = cls._parity_product(
                    "expiry", "full", "fifo", "real_time", EXPIRY
                )
                cls.parity_products[run] = products
        Location = cls.env["stock.location"]
        cls.shelf = Location.create(
            {"name": "Shelf A", "location_id": cls.stock_location.id}
        )
        cls.bin = Location.create({"name": "Bin 7", "location_id": cls.shelf.id})
        # A rack of two bins taking 50 tablets each (a storage category's
        # product capacity, for each run's tablet).
        cls.small_bins = cls.env["stock.storage.category"].create(
            {
                "name": "Small bins",
                "product_capacity_ids": [
                    Command.create(
                        {"product_id": products["tablet"].id, "quantity": 50}
                    )
                    for products in cls.parity_products.values()
                ],
            }
        )
        cls.rack = Location.create(
            {"name": "Rack", "location_id": cls.stock_location.id}
        )
        cls.rack_bins = Location.concat(
            *(
                Location.create(
                    {
                        "name": f"Rack bin {i}",
                        "location_id": cls.rack.id,
                        "storage_category_id": cls.small_bins.id,
                    }
                )
                for i in (1, 2)
            )
        )
        cls.warehouse_2steps = cls.env["stock.warehouse"].create(
            {
                "name": "Two Step Receipts",
                "code": "W2R",
                "company_id": cls.company.id,
                "reception_steps": "two_steps",
            }
        )
        in_type = cls.warehouse.in_type_id
        cls.batching = "auto_batch" in in_type._fields
        if cls.batching:  # Batch Transfers: receipts batched and waved
            in_type.write(
                {
                    "auto_batch": True,
                    "batch_group_by_partner": True,
                    "wave_group_by_product": True,
                }
            )

    # --- The work ---
    def _putaway_rules(self, run):
        """The manager's rules: the laptops to Shelf A, the phones to Bin 7 (a
        sub-location of Shelf A)."""
        Rule = run.manager["stock.putaway.rule"]
        Rule.create(
            {
                "location_in_id": self.stock_location.id,
                "location_out_id": self.shelf.id,
                "product_id": run.products["laptop"].id,
            }
        )
        Rule.create(
            {
                "location_in_id": self.stock_location.id,
                "location_out_id": self.bin.id,
                "product_id": run.products["phone"].id,
            }
        )

    def _capacity_rule(self, run):
        """The tablets to the rack's bins (a storage category, 50 each)."""
        run.env["stock.putaway.rule"].create(
            {
                "location_in_id": self.stock_location.id,
                "location_out_id": self.rack.id,
                "product_id": run.products["tablet"].id,
                "storage_category_id": self.small_bins.id,
            }
        )

    def _receipt(self, run, lines, warehouse=None):
        warehouse = warehouse or self.warehouse
        in_type = warehouse.in_type_id
        return create_picking(
            run.user,
            in_type,
            self.supplier_location,
            in_type.default_location_dest_id,
            self.vendor,
            [(run.products[role], qty) for role, qty in lines],
        )

    def _confirm(self, run, picking, label):
        with run.step(label):
            picking.action_confirm()
        self.assertEqual(picking.state, "assigned")

    @contextmanager
    def _counting(self):
        """Count the lines ``confirmation_lines`` makes (``self.made``)."""
        self.made = {}
        create_lines = confirmation.create_lines

        def spy(lines, vals_list):
            made = create_lines(lines, vals_list)
            self.made[self.current] = self.made.get(self.current, 0) + len(made)
            return made

        with patch.object(confirmation, "create_lines", spy):
            yield

    def _work(self, run):
        self.current = run.name
        self._putaway_rules(run)
        self._capacity_rule(run)
        lines = [
            ("laptop", N),
            ("phone", 110),
            ("tablet", N),
            ("cable", 5),
            ("earbuds", 3),
        ]
        if self.expiry:
            lines.append(("expiry", 100))
        receipt = self._receipt(run, lines)
        self._confirm(run, receipt, "confirm the receipt")
        # Batch Transfers' waves may move lines to pickings of their own.
        made = run.env["stock.move.line"].search(
            [("product_id", "in", [run.products[role].id for role, _qty in lines])]
        )
        for role, qty in lines:
            of_role = made.filtered(
                lambda ml, role=role: ml.product_id == run.products[role]
            )
            self.assertEqual(
                len(of_role), 1 if role in ("cable", "earbuds") else qty, role
            )
            if role in ("laptop", "phone"):
                self.assertEqual(
                    of_role.location_dest_id,
                    self.shelf if role == "laptop" else self.bin,
                    role,
                )
        # Odoo puts them all in the first bin here (the open lines it counts
        # against the capacity do not include those being put away): the
        # same rows on both paths is what counts.
        tablets = made.filtered(lambda ml: ml.product_id == run.products["tablet"])
        self.assertEqual(len(tablets), N)
        self.assertLessEqual(tablets.location_dest_id, self.rack_bins)
        # Two steps: received at the input, validated, then to stock.
        receipt = self._receipt(run, [("laptop", N)], self.warehouse_2steps)
        # A group of its own: the input-to-stock step of the other run's
        # receipt, still open, must not take this one's moves.
        receipt.move_ids.group_id = run.env["procurement.group"].create(
            {"name": f"{run.prefix}2R"}
        )
        self._confirm(run, receipt, "two steps: confirm the receipt")
        product = run.products["laptop"]
        serials = run.serials("laptop", N)
        receipt.wms_set_expected_serials(product.id, serials)
        with run.step("two steps: receive expected serials"):
            run.check(receipt.wms_receive_expected_serials(product.id))
        # The validation also reserves the input-to-stock step's serials.
        with run.step("two steps: validate", set_based=CHAINED_SET_SHARE):
            run.validate(receipt)
        internal = receipt.move_ids.move_dest_ids.picking_id
        self.assertEqual(len(internal.move_line_ids), N)
        # Below the threshold: Odoo's path in both runs.
        small = self._receipt(run, [("phone", 20)])
        self._confirm(run, small, "confirm a small receipt")

    def test_confirmed_receipts_leave_odoos_rows(self):
        with self._counting():
            self._parity(
                self._work,
                without_rows=(
                    *(() if self.batching else ("stock_picking_batch",)),
                    # Periodic valuation alone without Expiration Dates'.
                    *(() if self.expiry else ("account_move_line",)),
                ),
            )
        units = N + 110 + N + 1 + (100 if self.expiry else 0)
        # Ours made the lines of the first receipt (the cable's line with
        # them: one call) and of the two-step receipt; the native run none.
        self.assertEqual(self.made, {"ours": units + N})

    def test_unverified_override_falls_back_to_odoo(self):
        """A definition of ``_action_assign`` the path has not verified (as
        another module's override would be): the path is off, Odoo makes the
        lines, the rows are the same."""
        with (
            unverified(
                self.env,
                "confirmation_lines",
                "stock.move._action_assign",
                "stock.StockMove",
            ),
            self._counting(),
        ):
            self.assertIn("confirmation_lines", guard.switched_off(self.env))

            def work(run):
                self.current = run.name
                self._putaway_rules(run)
                receipt = self._receipt(run, [("laptop", N), ("phone", 110)])
                self._confirm(run, receipt, "confirm the receipt")

            self._parity(
                work,
                without_rows=(
                    "stock_picking_batch",
                    "stock_lot",
                    "stock_quant",
                    "stock_valuation_layer",
                    "account_move_line",
                ),
            )
        self.assertEqual(self.made, {})
