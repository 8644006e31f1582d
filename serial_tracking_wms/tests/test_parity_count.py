# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The count by serial number leaves exactly the rows Odoo's own path leaves
(issue 16, point 5), on the real-world database (Inventory Valuation,
Expiration Dates...): see ``parity_common.py`` for what is compared.

The stock user counts Full Tracking serials at a location
(``stock.quant.wms_count_serials``): some found, some missing (written off),
some new (lots created); then counts again, finding serials written off the
first time, at the same location (their quant there is reused) and at another
one (their lot reused, a quant created)."""

from odoo.tests import tagged

from .test_parity import EXPIRY, SMALL_SET_SHARE, ParityFlowCase

# Serials on record at the location before the first count.
N = 150


@tagged("post_install", "-at_install", "wms_real")
class TestParityCount(ParityFlowCase):
    ROLES = {
        "counted": ("full", "fifo", "real_time", EXPIRY),
        "avco": ("full", "average", "manual_periodic", {}),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shelf = cls.env["stock.location"].create(
            {
                "name": "Count shelf",
                "usage": "internal",
                "location_id": cls.warehouse.view_location_id.id,
            }
        )

    def _count(self, run, role, serials, location=None, set_based=True):
        product = run.products[role]
        label = f"count {role} at {(location or self.stock_location).name}"
        with run.step(label, set_based):
            return run.user["stock.quant"].wms_count_serials(
                (location or self.stock_location).id, product.id, serials
            )

    def _work(self, run):
        for role in ("counted", "avco"):
            on_record = run.serials(role, N)
            self._receive(run, role, N, 12.0)
            new = run.serials(role, 40, start=N)
            # 110 found, 40 missing, 40 new.
            res = self._count(run, role, on_record[:110] + new)
            self.assertEqual(len(res["added"]), 40)
            self.assertEqual(len(res["written_off"]), 40)
            # Found again: ten written off at this location (their quant
            # here reused), ten at another (their lot reused there).
            res = self._count(run, role, on_record[:110] + new + on_record[110:120])
            self.assertEqual(res["added"], sorted(on_record[110:120]))
            # Ten serials: the fixed cost of the count weighs more.
            self._count(
                run,
                role,
                on_record[120:130],
                location=self.shelf,
                set_based=SMALL_SET_SHARE,
            )

    def test_count_found_missing_and_new(self):
        """Every stored column of the rows both paths leave, and ours shows it
        took its set-based path (a fraction of Odoo's statements on quants);
        ``wms_no_bulk`` (the native run) forces Odoo's path."""
        self._parity(self._work)
