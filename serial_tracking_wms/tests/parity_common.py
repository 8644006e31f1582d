# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Parity of the set-based paths with Odoo's own (issue 14).

A ``ParityCase`` test runs the same warehouse work twice in one transaction:
first with ``wms_no_bulk`` in the context (Odoo's own path everywhere this suite
would work set-based), then without (ours), each run on products of its own
(same names and settings, one set per run: valuation and reservations must not
see the other run's stock) and serials of its own (``NATIVE-``/``OURS-`` prefix).
It then reads, from the database, every row each run created in the compared
tables, every stored column (the columns are read from PostgreSQL's catalog, so
that a column another module adds is compared too), and compares them row by row
after normalising what must differ between two runs:

- ids: a row the run created is named by a natural key (the picking's operation
  type and place in the flow, the product's role, the serial without its run
  prefix, ...); a row both runs share (location, account, user) keeps its id;
- names embedding a sequence (pickings, batches, orders, journal entries,
  procurement groups) are replaced by their row's key, in any text column;
- times of the run: the transaction's time (``create_date``...) reads ``NOW``,
  a time taken during the run ``RUN``, shifted by whole days ``RUN+Nd``;
- ``write_uid``: the superuser or a user of the run reads the same; Odoo takes it
  from the environment that flushes a pending write, and in a test, where the
  superuser's environment and the step's user's share one transaction, when the
  ORM flushes decides which (``create_uid`` is compared as it is);
- values unique on purpose (``mail_message.message_id``) read as the key of the
  first row carrying them (rows sharing one still share it); reconciliation
  numbers (``account_move_line.matching_number``) as their reconciliation's key;
  references drawn from a sequence by a per-record default (the probe modules'
  ``wms_probe_ref``) as their rank in the run.

Each step of the work is one request of its user (``ParityRun.step``): it ends as
a commit would, with the precommit hooks run (the chatter's tracking messages).
A step that moves or reserves serials set-based in "ours" must show it: it sends
a fraction of the statements on ``stock_quant`` Odoo's path sends for it, so that
a silent fallback to Odoo's path cannot pass for parity.

A failure names the table, how many rows differ or exist in one run only, the
columns that differ (and in how many rows), then the first rows with their
differing values.
"""

import datetime
import json
import logging
import re
from collections import defaultdict
from contextlib import contextmanager
from decimal import Decimal
from unittest.mock import patch

from odoo import SUPERUSER_ID, fields
from odoo.sql_db import Cursor
from odoo.tests import new_test_user
from odoo.tools import SQL
from odoo.tools.sql import table_exists

from .common import PickCase

_logger = logging.getLogger(__name__)

COMPARED_TABLES = (
    "stock_lot",
    "stock_quant",
    "stock_move_line",
    "stock_move",
    "stock_valuation_layer",
    "account_move_line",
    "mail_message",
)
RUNS = ("native", "ours")
PREFIX = {"native": "NATIVE-", "ours": "OURS-"}
# How far from the run a time may be and still be one Odoo took from it.
MOMENT_DAYS = 1000
PREFIX_RE = re.compile(r"\b(?:NATIVE|OURS)-")
# Columns whose natural values name a row the run created (besides the label).
KEY_COLUMNS = {
    "stock_picking": ("picking_type_id", "backorder_id", "return_id"),
    "stock_move": ("picking_id", "product_id", "location_id", "location_dest_id"),
    "stock_move_line": ("move_id", "lot_id", "lot_name", "package_id"),
    "stock_lot": ("product_id", "name"),
    "stock_quant": ("product_id", "location_id", "lot_id", "package_id", "owner_id"),
    "stock_valuation_layer": ("stock_move_id", "lot_id", "product_id"),
    "account_move": ("stock_move_id", "journal_id"),
    "account_move_line": ("move_id", "account_id", "product_id"),
    "mail_message": ("model", "res_id", "message_type", "subtype_id"),
}
# Tables whose ``name`` embeds a sequence: replaced by the row's key in texts.
NAMED_TABLES = (
    "stock_picking",
    "stock_picking_batch",
    "account_move",
    "procurement_group",
    "purchase_order",
    "sale_order",
    "mrp_production",
)
# Values unique on purpose: named after the first row that carries them.
TOKEN_COLUMNS = {("mail_message", "message_id")}
# Columns (of any table) drawn from a sequence, one value per row created (the
# probe modules' references, tests/probes/wms_probe_defaults): read as their rank
# among the run's values of that column, so that both runs, which draw them in
# the same order from one sequence, compare row by row.
RANKED_COLUMNS = {"wms_probe_ref"}
# How many differing rows a failure shows per table.
SHOWN_ROWS = 5
# Statements that read or write quants: Odoo's path moves and reserves each
# serial on its own (its quants searched, then written: statements per line), a
# set-based path a few per group of lines. A set-based step of "ours" sends at
# most this share of Odoo's count.
QUANT_STATEMENT = re.compile(r"\bstock_quant\b")
SET_BASED_SHARE = 0.25


class ParityRun:
    """One of the two runs: its users' environments (with ``wms_no_bulk`` for
    Odoo's path, no ``tracking_disable``: the chatter is written as for a real
    user), its products, its serial names, and the statements on quants of its
    steps."""

    def __init__(self, case, name, set_based):
        self.case = case
        self.name = name
        self.prefix = PREFIX[name]
        context = {} if set_based else {"wms_no_bulk": True}
        env = case.env(context=context)
        self.env = env
        self.user = env(user=case.stock_user)
        self.manager = env(user=case.stock_manager)
        self.buyer = env(user=case.buyer)
        self.seller = env(user=case.seller)
        self.products = {
            role: product.with_env(env)
            for role, product in case.parity_products[name].items()
        }
        self.quant_statements = {}
        self.bulk_steps = {}

    def serials(self, role, count, start=0):
        code = role.upper().replace("_", "")
        return [f"{self.prefix}{code}-{i:04d}" for i in range(start, start + count)]

    @contextmanager
    def step(self, label, set_based=False):
        """One request of a user. Counts its statements on quants.

        :param set_based: in the "ours" run, the step moves or reserves its
            serials set-based: it sends at most ``SET_BASED_SHARE`` of the
            statements on quants Odoo's path sends, or this share (a float) when
            a part of the step is serial by serial in both paths.
        """
        statements = []
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            statements.append(query.code if isinstance(query, SQL) else str(query))
            return execute(cr, query, params, log_exceptions)

        with patch.object(Cursor, "execute", spy):
            yield
            # The end of the request: what is pending is written, and the
            # precommit hooks (the chatter's tracking messages) run, as at commit.
            self.case.env.cr.flush()
        self.quant_statements[label] = self.quant_statements.get(label, 0) + sum(
            1 for query in statements if QUANT_STATEMENT.search(query)
        )
        if set_based:
            self.bulk_steps[label] = (
                SET_BASED_SHARE if set_based is True else float(set_based)
            )

    # --- The work, as its users do it ---
    def purchase(self, lines, warehouse=None):
        """A purchase order confirmed by the buyer; its receipt, for the stock
        user. ``lines``: [(role, qty, unit price)]."""
        warehouse = warehouse or self.case.warehouse
        with self.step("purchase: confirm"):
            order = self.case._create_purchase(
                [(self.products[role], qty, price) for role, qty, price in lines],
                env=self.buyer,
                warehouse=warehouse,
            )
        return order.picking_ids.with_env(self.user)

    def sell(self, lines, warehouse=None, label="sale: confirm", set_based=True):
        """A sale order confirmed by the salesman; Odoo reserves its first step
        at once (``set_based``: serials on hand, reserved set-based in "ours").
        Returns its first transfer, for the stock user. ``lines``: [(role,
        qty)]."""
        warehouse = warehouse or self.case.warehouse
        with self.step(label, set_based=set_based):
            order = self.case._create_sale(
                [(self.products[role], qty) for role, qty in lines],
                env=self.seller,
                warehouse=warehouse,
            )
        return order.picking_ids.with_env(self.user)

    def validate(self, picking, backorder=None):
        """Validate as its user would (the case's ``_validate``, which answers the
        backorder question); the validation must finish."""
        self.case._validate(picking, backorder)
        assert picking.state == "done", (
            f"validation of {picking.name} did not finish: {picking.state}"
        )
        return picking.backorder_ids

    def check(self, result):
        assert result["ok"], result["message"]
        return result


class ParityCase(PickCase):
    """Fixtures: a buyer and a salesman besides the stock users, and per run one
    product per role (``ROLES``: role -> (tracking mode, cost method,
    valuation, more product values)); ``_parity(work)`` runs and compares."""

    ROLES = {}
    # The tables compared (those of another module: compared where installed).
    COMPARED_TABLES = COMPARED_TABLES

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = new_test_user(
            cls.env,
            login="wms_parity_buyer",
            groups=cls._parity_group("purchase.group_purchase_user"),
        )
        cls.seller = new_test_user(
            cls.env,
            login="wms_parity_seller",
            groups=cls._parity_group("sales_team.group_sale_salesman"),
        )
        cls.parity_products = {
            run: {
                role: cls._parity_product(role, *spec)
                for role, spec in cls.ROLES.items()
            }
            for run in RUNS
        }

    @classmethod
    def _parity_group(cls, xmlid):
        """``xmlid``, or an internal user's group where its module is not
        installed (the stock-only database: no buying or selling there)."""
        if cls.env.ref(xmlid, raise_if_not_found=False):
            return xmlid
        return "base.group_user"

    @classmethod
    def _parity_product(cls, role, mode, cost_method, valuation, vals=None):
        category = cls._parity_category(cost_method, valuation)
        return cls._create_product(
            f"Parity {role}",
            mode,
            categ_id=category.id,
            standard_price=10.0,
            **(vals or {}),
        )

    @classmethod
    def _parity_category(cls, cost_method, valuation):
        name = f"WMS parity {cost_method} {valuation}"
        Category = cls.env["product.category"]
        vals = {"name": name}
        if "property_cost_method" in Category._fields:  # Inventory Valuation
            vals.update(property_cost_method=cost_method, property_valuation=valuation)
        return Category.search([("name", "=", name)]) or Category.create(vals)

    # --- Running both paths ---
    def _parity(self, work, without_rows=()):
        """Run ``work(run)`` on Odoo's path, then on ours; fail unless ours took
        its set-based paths and both left the same rows. Each compared table
        must hold rows of the work but ``without_rows`` (no journal items
        without real-time valuation): a comparison of nothing proves nothing."""
        report = self._parity_report(work, without_rows=without_rows)
        if report:
            self.fail("\n".join(report))

    def _parity_report(self, work, ours_set_based=True, without_rows=()):
        """The lines of ``_parity``'s report (none: parity). Without
        ``ours_set_based``, the "ours" run takes Odoo's path too."""
        marks = [self._id_marks()]
        windows, runs = [], []
        for name in RUNS:
            run = ParityRun(self, name, set_based=ours_set_based and name == "ours")
            start = fields.Datetime.now()
            work(run)
            self.env.flush_all()
            windows.append((start, fields.Datetime.now()))
            marks.append(self._id_marks())
            runs.append(run)
        snapshots = [
            _Snapshot(self.env, marks[i], marks[i + 1], windows[i], runs[i])
            for i in range(2)
        ]
        return (
            self._set_based_problems(*runs)
            + self._row_differences(*snapshots)
            + [
                f"{table}: the work left no row to compare"
                for table in self._compared_tables()
                if table not in without_rows
                and not (snapshots[0].created(table) or snapshots[1].created(table))
            ]
        )

    def _compared_tables(self):
        """``COMPARED_TABLES`` but those of modules not installed here."""
        return [
            table for table in self.COMPARED_TABLES if table_exists(self.env.cr, table)
        ]

    def _id_marks(self):
        """The last id given in each table (sequences are not transactional:
        the rows a run created are those between two marks)."""
        self.env.cr.flush()
        self.env.cr.execute(
            """
            SELECT sequencename, COALESCE(last_value, 0) FROM pg_sequences
             WHERE schemaname = current_schema() AND sequencename LIKE '%%\\_id\\_seq'
            """
        )
        return {
            name[: -len("_id_seq")]: value for name, value in self.env.cr.fetchall()
        }

    def _set_based_problems(self, native, ours):
        """Each step that has a set-based path took it in "ours" (a silent
        fallback to Odoo's path would read and write quants line by line)."""
        problems = [
            f"  {label}: {ours.quant_statements[label]} statements on quants, "
            f"Odoo's path {native.quant_statements[label]} (at most {share:.0%} "
            "expected)"
            for label, share in sorted(ours.bulk_steps.items())
            if ours.quant_statements[label] > native.quant_statements[label] * share
        ]
        for label in sorted(ours.bulk_steps):
            _logger.info(
                "%s: statements on quants: native %s, ours %s",
                label,
                native.quant_statements[label],
                ours.quant_statements[label],
            )
        if problems:
            problems.insert(0, "The set-based path was not taken:")
        return problems

    def _row_differences(self, native, ours):
        report = []
        for table in self._compared_tables():
            native_rows, ours_rows = native.rows(table), ours.rows(table)
            _logger.info(
                "%s: %s rows native, %s ours", table, len(native_rows), len(ours_rows)
            )
            report.extend(_table_differences(table, native_rows, ours_rows))
        if report:
            report.insert(
                0,
                "Odoo's path (native) and the set-based path (ours) left different "
                "rows:",
            )
        return report


def _table_differences(table, native_rows, ours_rows):
    """Lines of a readable report of the differences between two runs' rows of
    ``table`` ({key: {column: value}}); none when they are the same."""
    only_native = sorted(set(native_rows) - set(ours_rows))
    only_ours = sorted(set(ours_rows) - set(native_rows))
    differing = {}
    columns = defaultdict(int)
    for key in sorted(set(native_rows) & set(ours_rows)):
        native_row, ours_row = native_rows[key], ours_rows[key]
        diff = [
            column
            for column in sorted(set(native_row) | set(ours_row))
            if native_row.get(column) != ours_row.get(column)
        ]
        if diff:
            differing[key] = diff
            for column in diff:
                columns[column] += 1
    if not (only_native or only_ours or differing):
        return []
    lines = [
        f"{table}: {len(native_rows)} rows native, {len(ours_rows)} ours; "
        f"{len(differing)} differ, {len(only_native)} only native, "
        f"{len(only_ours)} only ours"
    ]
    if columns:
        lines.append(
            "  differing columns: "
            + ", ".join(
                f"{column} ({count} rows)" for column, count in sorted(columns.items())
            )
        )
    for key, diff in list(differing.items())[:SHOWN_ROWS]:
        lines.append(f"  {key}:")
        for column in diff:
            lines.append(
                f"    {column}: native {native_rows[key].get(column)!r}, "
                f"ours {ours_rows[key].get(column)!r}"
            )
    for label, keys, rows in (
        ("only native", only_native, native_rows),
        ("only ours", only_ours, ours_rows),
    ):
        for key in keys[:SHOWN_ROWS]:
            lines.append(f"  {label}: {key}: {rows[key]!r}"[:1000])
    return lines


class _Snapshot:
    """The rows one run created, normalised so that two runs compare."""

    def __init__(self, env, low, high, window, run):
        self.env = env
        self.cr = env.cr
        self.low, self.high = low, high
        self.start, self.end = window
        self.now = env.cr.now().replace(tzinfo=None)
        self.products = {}
        for role, product in run.products.items():
            self.products["product_product", product.id] = role
            self.products["product_template", product.product_tmpl_id.id] = role
        self._tables = {}
        self._created = {}
        self._keys = {}
        self._keyed = set()
        self._tokens = defaultdict(dict)
        self._names = None
        self._pattern = None
        self._locations = {}
        # Who wrote a row last, as ``write_uid`` says it: Odoo takes it from
        # the environment that flushes a pending write, which in a test mixing
        # the superuser's environment with a step's user depends on when the
        # ORM flushes, not on what the path does (one request has one user).
        self.writers = {SUPERUSER_ID} | {
            uenv.uid for uenv in (run.user, run.manager, run.buyer, run.seller)
        }

    # --- Catalog ---
    def table(self, table):
        """(columns {name: data type}, foreign keys {column: table})"""
        if table not in self._tables:
            self.cr.execute(
                """
                SELECT column_name, data_type FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = %s
                """,
                [table],
            )
            columns = dict(self.cr.fetchall())
            self.cr.execute(
                """
                SELECT a.attname, c.confrelid::regclass::text
                  FROM pg_constraint c
                  JOIN pg_attribute a
                    ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                 WHERE c.contype = 'f' AND c.conrelid = %s::regclass
                   AND array_length(c.conkey, 1) = 1
                """,
                [table],
            )
            foreign = {
                column: target.strip('"') for column, target in self.cr.fetchall()
            }
            # Many2one columns without a constraint (the ORM knows their table).
            model = next(
                (
                    m
                    for m in self.env.registry.values()
                    if m._table == table and not m._abstract
                ),
                None,
            )
            if model is not None:
                for name, field in model._fields.items():
                    if (
                        name in columns
                        and name not in foreign
                        and field.type == "many2one"
                        and field.store
                    ):
                        foreign[name] = self.env[field.comodel_name]._table
            self._tables[table] = (columns, foreign)
        return self._tables[table]

    def created(self, table):
        """The rows of ``table`` the run created, by id, in id order."""
        if table not in self._created:
            low, high = self.low.get(table, 0), self.high.get(table, 0)
            rows = {}
            if high > low:
                self.cr.execute(
                    SQL(
                        "SELECT * FROM %s WHERE id > %s AND id <= %s ORDER BY id",
                        SQL.identifier(table),
                        low,
                        high,
                    )
                )
                names = [column.name for column in self.cr.description]
                rows = {
                    row[0]: dict(zip(names, row, strict=True))
                    for row in self.cr.fetchall()
                }
            self._created[table] = rows
        return self._created[table]

    # --- Natural keys ---
    def ref(self, table, record_id):
        """How a reference to ``table``'s row ``record_id`` reads in this run."""
        if record_id is None:
            return None
        if (table, record_id) in self.products:
            return self.products[table, record_id]
        if self.low.get(table, 0) < record_id <= self.high.get(table, 0):
            return self.key(table, record_id)
        if table == "stock_location":
            return self._location(record_id)
        return f"{table}:{record_id}"

    def key(self, table, record_id):
        if table not in self._keyed:
            self._keyed.add(table)
            self._key_table(table)
        # A row referring to a later row of its own table (none in Odoo's
        # stock flows) would read its id.
        return self._keys.get((table, record_id), f"{table}@{record_id}")

    def _key_table(self, table):
        """Keys of every row of ``table`` the run created: its label and key
        columns, numbered when several rows share them (in id order)."""
        rows = self.created(table)
        seen = defaultdict(int)
        label = {"stock_picking": "picking", "stock_move": "move"}.get(table, table)
        for record_id, row in rows.items():
            parts = [
                str(self.value(table, column, row[column], row))
                for column in KEY_COLUMNS.get(table, ())
                if column in row and row[column] is not None
            ]
            if table == "stock_picking":
                parts = [self._picking_type_code(row["picking_type_id"])] + parts[1:]
            base = f"{label}[{', '.join(parts)}]"
            seen[base] += 1
            self._keys[table, record_id] = (
                base if seen[base] == 1 else f"{base}#{seen[base]}"
            )

    def _picking_type_code(self, type_id):
        picking_type = self.env["stock.picking.type"].browse(type_id)
        return f"{picking_type.warehouse_id.code}/{picking_type.sequence_code}"

    def _location(self, location_id):
        if location_id not in self._locations:
            self._locations[location_id] = (
                self.env["stock.location"].browse(location_id).complete_name
            )
        return self._locations[location_id]

    # --- Values ---
    def rows(self, table):
        """{key: {column: normalised value}} of the rows the run created."""
        columns, _foreign = self.table(table)
        return {
            self.key(table, record_id): {
                column: self.value(table, column, row[column], row)
                for column in columns
                if column != "id"
            }
            for record_id, row in self.created(table).items()
        }

    def value(self, table, column, value, row):
        if value is None:
            return None
        if column == "write_uid" and value in self.writers:
            return "<the step's user or the superuser>"
        _columns, foreign = self.table(table)
        if column in foreign:
            return self.ref(foreign[column], value)
        model = row.get("model") or row.get("res_model")
        if column == "res_id" and model in self.env:
            return self.ref(self.env[model]._table, value)
        if (table, column) in TOKEN_COLUMNS:
            return self._token(table, column, value)
        if column in RANKED_COLUMNS:
            return self._rank(table, column, value)
        if (table, column) == ("account_move_line", "matching_number"):
            return self._matching_number(value)
        if isinstance(value, datetime.datetime):
            return self.moment(value)
        if isinstance(value, datetime.date):
            return (
                "TODAY"
                if value in (self.start.date(), self.end.date())
                else value.isoformat()
            )
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict | list):
            return self.text(json.dumps(value, sort_keys=True, default=str))
        if isinstance(value, float | Decimal):
            return round(float(value), 9)
        return value

    def _token(self, table, column, value):
        """A value unique on purpose reads as the key of the first row (in id
        order) that carries it: rows sharing one still share it."""
        tokens = self._tokens[table, column]
        if not tokens:
            for record_id, row in self.created(table).items():
                if row[column] is not None and row[column] not in tokens:
                    tokens[row[column]] = f"<{column} of {self.key(table, record_id)}>"
        return tokens.get(value, "<not created by the run>")

    def _rank(self, table, column, value):
        """A value drawn from a sequence reads as its rank among those of the
        rows of ``table`` the run created ("#1" the first drawn)."""
        ranks = self._tokens[table, column]
        if not ranks:
            drawn = sorted(
                {row[column] for row in self.created(table).values() if row[column]}
            )
            ranks.update(
                (drawn_value, f"#{i}") for i, drawn_value in enumerate(drawn, 1)
            )
        return ranks.get(value, "<not drawn by the run>")

    def _matching_number(self, value):
        """An id: "P<partial reconcile>" or "<full reconcile>" ("I..." is a
        temporary number given by the user)."""
        if value.startswith("P") and value[1:].isdecimal():
            return f"P{self.ref('account_partial_reconcile', int(value[1:]))}"
        if value.isdecimal():
            return self.ref("account_full_reconcile", int(value))
        return self.text(value)

    def moment(self, value):
        if value == self.now:
            return "NOW"
        slack = datetime.timedelta(seconds=1)
        days = round((value - self.start).total_seconds() / 86400)
        shift = datetime.timedelta(days=days)
        # Times Odoo derives from the run's (expiration, removal... dates) lie
        # within MOMENT_DAYS of it; a date given by the test years away is a
        # value, even when its time of day falls in the run's window.
        if abs(days) <= MOMENT_DAYS and (
            self.start + shift - slack <= value <= self.end + shift + slack
        ):
            return f"RUN{days:+d}d" if days else "RUN"
        return value.isoformat(sep=" ")

    def text(self, value):
        value = PREFIX_RE.sub("", value)
        names = self._name_pattern()
        if names is not None:
            value = names.sub(lambda match: self._names[match.group(0)], value)
        # Links to records in the chatter: their ids.
        value = re.sub(
            r'data-oe-model="([\w.]+)" data-oe-id="(\d+)"', self._oe_link, value
        )
        return re.sub(r'href="([^"]*)"', self._href, value)

    def _oe_link(self, match):
        model, record_id = match.groups()
        return (
            f'data-oe-model="{model}" data-oe-id="{self._model_ref(model, record_id)}"'
        )

    def _href(self, match):
        url = match.group(1)
        params = dict(re.findall(r"[#?&;](\w+)=([\w.]+)", url))
        if params.get("id", "").isdigit() and params.get("model"):
            url = re.sub(
                r"\bid=\d+",
                f"id={self._model_ref(params['model'], params['id'])}",
                url,
            )
        return f'href="{url}"'

    def _model_ref(self, model, record_id):
        if model not in self.env:
            return record_id
        return self.ref(self.env[model]._table, int(record_id))

    def _name_pattern(self):
        """A pattern of the names of the rows of ``NAMED_TABLES`` the run
        created (their keys, in ``self._names``)."""
        if self._names is None:
            self._names = {}  # texts read meanwhile (key columns) keep names
            names = {}
            for table in NAMED_TABLES:
                for record_id, row in self.created(table).items():
                    name = row.get("name")
                    if isinstance(name, str) and name not in ("/", ""):
                        names[name] = f"<{self.key(table, record_id)}>"
            if names:
                self._pattern = re.compile(
                    r"(?<![\w/])(?:"
                    + "|".join(
                        re.escape(name) for name in sorted(names, key=len, reverse=True)
                    )
                    + r")(?![\w])"
                )
            self._names = names
        return self._pattern
