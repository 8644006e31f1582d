# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The speed layer switches itself off for whatever it has not verified
(``speed/guard.py``, ``speed/allowlist.py``), and gives defaults per row."""

import logging
import types
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..speed import guard, rows, verify
from ..speed.allowlist import ALLOW_LIST, SERIES
from .common import PickCase
from .speed_common import unverified

OWN_MODULES = ("serial_tracking_wms", "serial_tracking_wms_hhd")
FUNCTIONS = (types.FunctionType, classmethod, staticmethod)
GUARD_LOGGER = "odoo.addons.serial_tracking_wms.speed.guard"


def _sample(value):
    """A value."""
    # A comment.
    return value + 1


def _sample_documented(value):
    """Another docstring, the same code."""

    return value + 1  # another comment


def _sample_changed(value):
    """A value."""
    return value + 2


@tagged("post_install", "-at_install")
class TestSpeedGuard(PickCase):
    """The guard, on whatever database it runs (stock alone, or the real-world
    modules with the probes): every path verified there, and switched off with
    its reason for any definition, series, method or field it has not
    verified."""

    def setUp(self):
        super().setUp()
        guard.reset(self.env)
        self.addCleanup(guard.reset, self.env)

    def test_every_path_verified_here(self):
        self.assertEqual(guard.switched_off(self.env), {})
        verdicts = guard.verdicts(self.env)
        self.assertEqual(set(verdicts), set(ALLOW_LIST))
        for path, verdict in verdicts.items():
            self.assertTrue(verdict.on or not verdict.applicable, (path, verdict))
        self.assertEqual(
            verdicts["out_move_lines"].applicable,
            "stock.valuation.layer" in self.env,
        )

    def test_allow_list_is_the_code_run(self):
        """The committed fingerprints are those of the definitions this registry
        runs, and it runs no definition the allow-list does not declare."""
        self.assertEqual(guard.current_fingerprints(self.env)[1], [])
        self.assertEqual(verify.render(self.env), verify.ALLOW_LIST_FILE.read_text())
        self.assertEqual(SERIES, "18.0")

    def test_fingerprint_is_the_code_not_its_comments(self):
        self.assertEqual(
            guard.fingerprint(_sample), guard.fingerprint(_sample_documented)
        )
        self.assertNotEqual(
            guard.fingerprint(_sample), guard.fingerprint(_sample_changed)
        )
        self.assertIsNone(guard.fingerprint(len), "no source: nothing verified")

    def test_other_series_switches_every_path_off(self):
        with patch.object(guard.release, "serie", "18.2"):
            guard.reset(self.env)
            off = guard.switched_off(self.env)
        self.assertEqual(
            set(off),
            {path for path, v in guard.verdicts(self.env).items() if v.applicable},
        )
        self.assertIn("Odoo 18.2 runs; the path was verified on 18.0", off["new_lots"])

    def test_method_gone_switches_its_path_off(self):
        methods = ALLOW_LIST["quant_batch"]["methods"]
        with patch.dict(
            methods, {"stock.quant._wms_renamed": {"stock.StockQuant": ""}}
        ):
            guard.reset(self.env)
            off = guard.switched_off(self.env)
        self.assertEqual(list(off), ["quant_batch"])
        self.assertIn("stock.quant._wms_renamed is gone", off["quant_batch"])

    def test_unverified_definition_logged_once_and_listed(self):
        with (
            self.assertLogs(GUARD_LOGGER, logging.WARNING) as logs,
            unverified(
                self.env, "lot_assignment", "stock.move.line.write", "odoo.BaseModel"
            ),
        ):
            # Asked many times, verified and logged once.
            for _i in range(3):
                self.assertFalse(guard.enabled(self.env, "lot_assignment"))
            problems = (
                self.env["stock.serial.integrity"]
                .with_user(self.stock_manager)
                .wms_check()
            )
        self.assertEqual(len(logs.output), 1, logs.output)
        self.assertIn("Set-based path lot_assignment switched off", logs.output[0])
        self.assertIn(
            "stock.move.line.write is also defined by odoo.BaseModel, which the path "
            "has not verified",
            logs.output[0],
        )
        self.assertEqual(
            [(p["kind"], p["message"][:41]) for p in problems],
            [("speed_path_off", "Set-based path lot_assignment is switched")],
        )
        self.assertTrue(guard.enabled(self.env, "lot_assignment"), "verified again")

    def test_another_module_declares_its_definition(self):
        """The extension point (``stock.serial.speed._wms_declarations``): a
        definition declared there with its fingerprint keeps the path on; a
        changed one (another fingerprint) switches it off again."""
        method, key = "stock.move.line.write", "odoo.BaseModel"
        function = dict(guard.definitions(self.env, "stock.move.line", "write"))[key]
        Speed = type(self.env["stock.serial.speed"])

        def declaring(fingerprint):
            return patch.object(
                Speed,
                "_wms_declarations",
                lambda speed: {"lot_assignment": {method: {key: fingerprint}}},
            )

        with (
            mute_logger(GUARD_LOGGER),
            unverified(self.env, "lot_assignment", method, key),
        ):
            self.assertFalse(guard.enabled(self.env, "lot_assignment"))
            with declaring(guard.fingerprint(function)):
                guard.reset(self.env)
                self.assertTrue(guard.enabled(self.env, "lot_assignment"))
            with declaring("0" * 16):
                guard.reset(self.env)
                self.assertFalse(guard.enabled(self.env, "lot_assignment"))

    def test_wms_no_bulk_switches_every_path_off_for_the_call(self):
        env = self.env(context=dict(self.env.context, wms_no_bulk=True))
        for path, verdict in guard.verdicts(self.env).items():
            self.assertFalse(guard.enabled(env, path))
            self.assertEqual(guard.enabled(self.env, path), verdict.on)

    def test_default_a_row_cannot_take_switches_creating_paths_off(self):
        """A module giving a default to a field with an inverse (``create`` would
        call it) on quants: every path making quants is switched off."""
        field = self.env["stock.quant"]._fields["in_date"]
        with patch.object(field, "inverse", lambda quants: None):
            guard.reset(self.env)
            off = guard.switched_off(self.env)
        self.assertEqual(sorted(off), ["count", "quant_batch"])
        self.assertIn(
            "stock.quant.in_date has a default and an inverse method", off["count"]
        )

    def test_written_field_with_inverse_switches_writing_paths_off(self):
        field = self.env["stock.quant"]._fields["reserved_quantity"]
        with patch.object(field, "inverse", lambda quants: None):
            guard.reset(self.env)
            off = guard.switched_off(self.env)
        self.assertEqual(sorted(off), ["count", "quant_batch", "reservation"])
        self.assertIn(
            "the path writes stock.quant.reserved_quantity has an inverse method",
            off["reservation"],
        )

    def test_each_odoo_method_overridden_once_per_addon(self):
        """In each of this suite's addons, an Odoo method is overridden by one
        class at most (the order of imports never decides what runs)."""
        twice = []
        for name in self.env.registry:
            mro = type(self.env[name]).__mro__
            theirs = {
                method
                for cls in mro
                if getattr(cls, "_module", None) not in OWN_MODULES
                for method in vars(cls)
            }
            for module in OWN_MODULES:
                seen = {}
                for cls in mro:
                    if getattr(cls, "_module", None) != module or not _extends(
                        cls, name
                    ):
                        continue
                    for method, value in vars(cls).items():
                        if not isinstance(value, FUNCTIONS) or method not in theirs:
                            continue
                        if method in seen and seen[method] is not cls:
                            twice.append((module, name, method))
                        seen[method] = cls
        self.assertEqual(twice, [])


def _extends(cls, model):
    """Whether class ``cls`` defines or extends ``model`` itself (a mixin it
    inherits from is another model)."""
    inherit = cls._inherit
    inherit = [inherit] if isinstance(inherit, str) else list(inherit or ())
    return cls._name == model or model in inherit


@tagged("post_install", "-at_install")
class TestSpeedDefaultsPerRow(PickCase):
    """``rows.create_rows`` and ``rows.copy_rows`` give each row the default
    ``create`` gives it: a function's, once per row, in the rows' order (here
    the lot's name, from its sequence, as a per-record default of any module
    would be)."""

    def _names_by_odoo(self, count):
        lots = self.env["stock.lot"].create(
            [{"product_id": self.product_full.id}] * count
        )
        return lots.mapped("name")

    def _numbers(self, names):
        return [int("".join(c for c in name if c.isdigit())) for name in names]

    def test_create_rows_defaults_each_row(self):
        odoo = self._names_by_odoo(3)
        ours = rows.create_rows(
            self.env["stock.lot"], [{"product_id": self.product_full.id}] * 150
        ).mapped("name")
        self.assertEqual(len(set(ours)), 150)
        numbers = self._numbers(odoo + ours)
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 153)))

    def test_copy_rows_defaults_each_row(self):
        template = self.env["stock.lot"].create({"product_id": self.product_full.id})
        copies = rows.copy_rows(
            template, [{"product_id": self.product_full.id}] * 120
        ).mapped("name")
        self.assertEqual(len(set(copies + [template.name])), 121)
        numbers = self._numbers([template.name] + copies)
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 121)))

    def test_same_for_all_fields_are_copied(self):
        """A field the verified code gives every record of one call is copied
        from the template, not defaulted again (here the name, for lots of
        other products)."""
        products = [self._create_product(f"Same For All {i}", "full") for i in range(3)]
        template = self.env["stock.lot"].create({"product_id": self.product_full.id})
        copies = rows.copy_rows(
            template,
            [{"product_id": product.id} for product in products],
            same_for_all=("name",),
        )
        self.assertEqual(set(copies.mapped("name")), {template.name})
        self.assertEqual(
            copies.product_id, self.env["product.product"].concat(*products)
        )

    def test_constant_defaults_are_read_once(self):
        quant = self.env["stock.quant"]
        self.assertTrue(rows.is_constant_default(quant._fields["reserved_quantity"]))
        self.assertFalse(rows.is_constant_default(quant._fields["in_date"]))
        self.assertEqual(
            rows.per_row_defaults(quant, ["in_date", "reserved_quantity"]), ["in_date"]
        )

    def test_row_a_column_cannot_take_goes_through_odoo_create(self):
        created = []

        def odoo_create(vals_list):
            created.append(len(vals_list))
            return self.env["stock.lot"].create(vals_list)

        field = self.env["stock.lot"]._fields["ref"]
        with patch.object(field, "inverse", lambda lots: None):
            lots = rows.create_rows(
                self.env["stock.lot"],
                [{"product_id": self.product_full.id, "ref": "R"}] * 2,
                odoo_create,
            )
        self.assertEqual(created, [2])
        self.assertEqual(lots.mapped("ref"), ["R", "R"])
