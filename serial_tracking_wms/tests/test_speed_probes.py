# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The set-based paths with an integrator's code installed (the probe modules,
``tests/probes/``, installed in the real-world test database): Odoo's rows, row
by row, or the path switches itself off.

* per-record defaults (a reference from a sequence on lots, quants and lines):
  one value per row, in Odoo's order;
* stored fields computed from the serial: computed for each row;
* a constraint on lots: a refused serial refuses the whole call, nothing left;
* tracked fields on lots: the lots' messages Odoo leaves;
* an override of each method a path stands in for (``wms_probe_overrides``,
  loaded here with odoo-test-helper's ``FakeModelLoader``): every path off;
* one line of Odoo's ``_update_available_quantity`` changed, as an update of
  Odoo 18.0 would: its path off, the rows those of the changed code.
"""

import inspect
import linecache
import os
import textwrap
from unittest.mock import patch

from odoo_test_helper import FakeModelLoader

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.stock.models import stock_quant as stock_quant_module

from ..speed import guard, rows
from ..speed.allowlist import ALLOW_LIST
from .test_parity import ParityFlowCase

# Serials of the per-record defaults' receipt and delivery (the count measured
# when the defaults were found copied: 300).
COUNT = 300


class ProbeCase(ParityFlowCase):
    ROLES = {"laptop": ("full", "fifo", "real_time")}

    def _receive_and_deliver(self, count, set_based=True):
        """The work of one run: ``count`` serials received through the expected
        list (purchase order), validated; sold, picked, validated. Keeps the
        run's transfers in ``self.done``."""

        def work(run):
            receipt = run.purchase([("laptop", count, 15.0)])
            serials = run.serials("laptop", count)
            product = run.products["laptop"]
            receipt.wms_set_expected_serials(product.id, serials)
            with run.step("receipt: receive expected serials"):
                run.check(receipt.wms_receive_expected_serials(product.id))
            with run.step("receipt: validate", set_based=set_based):
                run.validate(receipt)
            delivery = run.sell([("laptop", count)], set_based=set_based)
            self._pick(run, delivery, "laptop", serials)
            with run.step("delivery: validate", set_based=set_based):
                run.validate(delivery)
            self.done[run.name] = (receipt, delivery)

        self.done = {}
        return work


@tagged("post_install", "-at_install", "wms_real")
class TestSpeedProbes(ProbeCase):
    def _distinct(self, records, fname):
        values = records.mapped(fname)
        return len(values), len(set(values))

    def test_per_record_defaults_one_per_row(self):
        self._parity(self._receive_and_deliver(COUNT))
        for run in ("native", "ours"):
            receipt, delivery = self.done[run]
            lots = receipt.move_line_ids.lot_id
            quants = self.env["stock.quant"].search(
                [("product_id", "=", lots.product_id.id)]
            )
            lines = receipt.move_line_ids | delivery.move_line_ids
            self.assertEqual(self._distinct(lots, "wms_probe_ref"), (COUNT, COUNT))
            # Each serial at the vendor's (negative), in stock, at the customer's.
            count, distinct = self._distinct(quants, "wms_probe_ref")
            self.assertGreaterEqual(count, 2 * COUNT)
            self.assertEqual(distinct, count, run)
            self.assertEqual(
                self._distinct(lines, "wms_probe_ref"), (2 * COUNT, 2 * COUNT)
            )

    def test_defaults_read_once_would_be_caught(self):
        """Defaults read once for all rows (the set-based paths before), the
        parity test fails, naming the references."""
        with patch.object(rows, "per_row_defaults", lambda model, names: []):
            report = self._parity_report(self._receive_and_deliver(120))
        text = "\n".join(report)
        self.assertIn("wms_probe_ref", text)
        self.assertIn("stock_lot:", text)
        self.assertIn("stock_quant:", text)

    def test_computed_fields_computed_for_each_row(self):
        self._parity(self._receive_and_deliver(120))
        receipt, delivery = self.done["ours"]
        for line in receipt.move_line_ids | delivery.move_line_ids:
            self.assertEqual(line.wms_probe_serial, f"{line.lot_id.name}x1")
        quants = self.env["stock.quant"].search(
            [("lot_id", "in", receipt.move_line_ids.lot_id.ids)]
        )
        for quant in quants:
            self.assertEqual(quant.wms_probe_serial, quant.lot_id.name)
            self.assertEqual(quant.wms_probe_key, f"-:{quant.lot_id.name}")
        expected = receipt.move_ids.expected_serial_ids
        self.assertEqual(
            sorted(expected.mapped("wms_probe_key")),
            sorted(f"{name}/120" for name in expected.mapped("name")),
        )

    def test_tracked_fields_leave_odoos_messages(self):
        self._parity(self._receive_and_deliver(120))
        for run in ("native", "ours"):
            lots = self.done[run][0].move_line_ids.lot_id
            self.assertEqual(set(lots.mapped("wms_probe_grade")), {"new"})
            self.assertEqual(
                {len(lot.message_ids) for lot in lots}, {1}, f"{run}: one each"
            )

    def test_refused_serial_refuses_the_whole_call(self):
        """The probe's constraint refuses one serial of 150 at validation: on
        both paths the same refusal, and no lot, quant or done line left."""
        messages = []
        for bulk in (False, True):
            prefix = f"CR{int(bulk)}"
            names = [f"{prefix}-{i:03d}" for i in range(150)]
            names[120] = f"{prefix}-REFUSED"
            receipt = self._create_receipt([(self.product_full, 150)])
            user_receipt = receipt.with_user(self.stock_user)
            user_receipt.wms_set_expected_serials(self.product_full.id, names)
            user_receipt.wms_receive_expected_serials(self.product_full.id)
            with self.assertRaises(ValidationError) as caught:
                self._validate(user_receipt.with_context(wms_no_bulk=not bulk))
            messages.append(caught.exception.args[0].replace(prefix, "X"))
            self.assertIn(f"{prefix}-REFUSED", caught.exception.args[0])
            self.assertEqual(receipt.state, "assigned")
            self.assertFalse(
                self.env["stock.lot"].search([("name", "in", names)]), "no lot"
            )
            self.assertFalse(
                self.env["stock.quant"].search(
                    [("product_id", "=", self.product_full.id)]
                )
            )
            self.assertEqual(set(receipt.move_line_ids.mapped("state")), {"assigned"})
        self.assertEqual(messages[0], messages[1])


@tagged("post_install", "-at_install", "wms_real")
class TestSpeedGuardProbes(ProbeCase):
    """An integrator's override of each method a path stands in for, loaded
    into the registry (``tests/probes/wms_probe_overrides``): every path is
    switched off, each method's override named, and the work leaves Odoo's
    rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, "odoo.addons.wms_probe_overrides.models")
        cls.loader.backup_registry()
        from odoo.addons.wms_probe_overrides import models as probe_models

        cls.loader.update_registry(
            [
                value
                for value in vars(probe_models).values()
                if isinstance(value, type) and getattr(value, "_inherit", None)
            ]
        )
        guard.reset(cls.env)

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        guard.reset(cls.env)
        super().tearDownClass()

    def test_every_method_overridden_switches_its_path_off(self):
        verdicts = guard.verdicts(self.env)
        for path, spec in ALLOW_LIST.items():
            self.assertFalse(verdicts[path].on, path)
            for method, declared in spec["methods"].items():
                verdict = guard._verify(self.env, {"methods": {method: declared}})
                self.assertFalse(verdict.on, (path, method))
                self.assertIn("wms_probe_overrides.", verdict.reason, (path, method))
        self.assertEqual(
            set(guard.switched_off(self.env)),
            {path for path, verdict in verdicts.items() if verdict.applicable},
        )

    def test_work_leaves_odoos_rows(self):
        self._parity(self._receive_and_deliver(40, set_based=False))


@tagged("post_install", "-at_install", "wms_real")
class TestSpeedChangedOdoo(ProbeCase):
    """One line of Odoo's ``stock.quant._update_available_quantity`` changed
    (a new quant dated a day earlier), as an update of Odoo 18.0 would change a
    method a path restates: the quant batch switches itself off and both paths
    leave the changed code's rows; with the guard bypassed, the parity test
    catches the old behaviour."""

    ORIGINAL = "in_date = fields.Datetime.now()"
    CHANGED = "in_date = fields.Datetime.subtract(fields.Datetime.now(), days=1)"

    def _changed_method(self):
        Quant = stock_quant_module.StockQuant
        source = textwrap.dedent(inspect.getsource(Quant._update_available_quantity))
        self.assertEqual(source.count(self.ORIGINAL), 1)
        changed = source.replace(self.ORIGINAL, self.CHANGED)
        filename = "<Odoo 18.0 update: stock.quant._update_available_quantity>"
        linecache.cache[filename] = (
            len(changed),
            None,
            changed.splitlines(True),
            filename,
        )
        self.addCleanup(linecache.cache.pop, filename, None)
        namespace = {}
        code = compile(changed, filename, "exec")
        exec(code, vars(stock_quant_module), namespace)
        return patch.object(
            Quant, "_update_available_quantity", namespace["_update_available_quantity"]
        )

    def test_changed_method_switches_its_path_off(self):
        with self._changed_method():
            guard.reset(self.env)
            self.addCleanup(guard.reset, self.env)
            off = guard.switched_off(self.env)
            self.assertEqual(list(off), ["quant_batch"])
            self.assertIn(
                "the source of stock.quant._update_available_quantity in "
                "stock.StockQuant is not the one verified",
                off["quant_batch"],
            )
            # The receipt's and delivery's other paths still run.
            self._parity(self._receive_and_deliver(40, set_based=False))
            receipt = self.done["ours"][0]
            quants = self.env["stock.quant"].search(
                [("lot_id", "in", receipt.move_line_ids.lot_id.ids)]
            )
            now = self.env.cr.now().replace(tzinfo=None)
            self.assertTrue(quants)
            for quant in quants:
                self.assertGreater((now - quant.in_date).total_seconds(), 20 * 3600)

    def test_without_the_guard_the_old_behaviour_is_caught(self):
        with (
            self._changed_method(),
            patch.dict(os.environ, {guard.UNVERIFIED_ENV: "1"}),
        ):
            guard.reset(self.env)
            self.addCleanup(guard.reset, self.env)
            self.assertTrue(guard.enabled(self.env, "quant_batch"))
            report = "\n".join(self._parity_report(self._receive_and_deliver(40)))
        self.assertIn("stock_quant:", report)
        self.assertIn("in_date", report)
