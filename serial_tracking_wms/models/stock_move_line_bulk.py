# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Validating thousands of serial lines: the move lines' side of the quant batch
(``stock_quant_batch.py``), and writing many serials on lines at once."""

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.set_based import check_company, unknown_overrides
from .stock_quant_batch import BATCH_KEY, QuantBatch

# What the set-based writes of move lines stand in for, and the modules whose
# definitions they reproduce (``None``: Odoo's ``BaseModel``): ``write`` of a
# new lot on lines not done whose moves reserve nothing at their source
# (receipts), and of serial names and ``picked`` on open lines: stock re-reserves
# on a change of lot (nothing to reserve there) and dates lines that become
# picked (done here too), stock_account corrects the valuation of done lines
# only, mrp logs changes of done lines only. Other modules declare theirs with
# ``stock.move.line._wms_set_based_known_overrides``.
SET_BASED_METHODS = {
    ("stock.move.line", "write"): {
        None,
        "stock",
        "stock_account",
        "mrp",
        "serial_tracking_wms",
    },
    ("stock.move.line", "_create_and_assign_production_lot"): {
        "stock",
        "serial_tracking_wms",
    },
    ("stock.move.line", "_prepare_new_lot_vals"): {
        "stock",
        "product_expiry",
        "serial_tracking_wms",
    },
}


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    # --- CRUD ---
    def write(self, vals):
        # The first write of lines in the loop's batch is Odoo's own
        # ``write({"date": ...})`` after its loop: the quants are done first.
        batch = self.env.context.get(BATCH_KEY)
        if batch is not None:
            batch.apply()
        return super().write(vals)

    def _check_company(self, fnames=None):
        """Odoo's check, set-based for the thousands of lines of one validation
        (``tools/set_based.py: check_company``): the same inconsistencies raise
        the same error."""
        if len(self) < 100:
            return super()._check_company(fnames)
        return check_company(
            self,
            fnames,
            lambda lines, names: super(StockMoveLine, lines)._check_company(names),
        )

    # --- Stock flow overrides ---
    def _create_and_assign_production_lot(self):
        """Odoo's: one lot per line, from ``_prepare_new_lot_vals``, created in
        one call, each written on its line. For thousands of new serials on
        lines that reserve nothing (receipts), the lots are created set-based
        (``stock.lot._wms_create_many``) and assigned in one statement, with
        what ``write`` does for such lines."""
        lines = self._wms_lines_to_assign_lots()
        if lines is None:
            return super()._create_and_assign_production_lot()
        lots = self.env["stock.lot"]._wms_create_many(
            [line._prepare_new_lot_vals() for line in lines]
        )
        lines._wms_set_lots(dict(zip(lines.ids, lots.ids, strict=True)))
        return None

    # --- Entry point, called by _action_done ---
    def _wms_quant_batch(self):
        """These lines in the context of a new quant batch, for Odoo's
        ``_action_done``; as they are when Odoo's path must run."""
        batch = QuantBatch.for_env(self.env)
        if batch is None:
            return self, None
        return self.with_context(**{BATCH_KEY: batch}), batch

    # --- Helpers ---
    @api.model
    def _wms_set_based_known_overrides(self):
        """{(model, method): modules} whose definitions of what the set-based
        writes of move lines stand in for they reproduce (see
        ``SET_BASED_METHODS``). A module overriding one of them without changing
        what it does for those lines adds itself here (``super()``, then add its
        name); otherwise, Odoo's own ``write`` runs, line by line."""
        return {key: set(modules) for key, modules in SET_BASED_METHODS.items()}

    @api.model
    def _wms_set_based_writes(self):
        """Whether the set-based writes of move lines may stand in for
        ``write`` (``wms_no_bulk`` in the context: never)."""
        return not self.env.context.get("wms_no_bulk") and not unknown_overrides(
            self.env, self._wms_set_based_known_overrides()
        )

    def _wms_lines_to_assign_lots(self):
        """These lines, when they take the set-based assignment of new lots:
        serial numbers (one lot per line, names all different), on lines not
        done whose moves reserve nothing at their source; else ``None``."""
        if len(self) < 2 or not self._wms_set_based_writes():
            return None
        keys = {(line.product_id.id, line.lot_name) for line in self}
        if len(keys) != len(self) or any(
            line.tracking != "serial"
            or line.state == "done"
            or not line.move_id
            or not line.move_id._should_bypass_reservation(line.location_id)
            for line in self
        ):
            return None
        return self

    def _wms_set_lots(self, lot_by_line):
        """``write({"lot_id": lot})`` on many lines, each its lot, in one
        statement: the column, the writer and date of the change, and what
        depends on it recomputed (see ``_wms_lines_to_assign_lots`` for the
        lines where nothing else of ``write`` applies)."""
        self.flush_recordset()
        self.modified(["lot_id"], before=True)
        self.env.cr.execute(
            SQL(
                """
                UPDATE stock_move_line ml
                   SET lot_id = v.lot_id, write_uid = %s, write_date = %s
                  FROM (SELECT UNNEST(%s::int[]) AS id, UNNEST(%s::int[]) AS lot_id) v
                 WHERE ml.id = v.id
                """,
                self.env.uid,
                self.env.cr.now(),
                list(lot_by_line),
                list(lot_by_line.values()),
            )
        )
        self.invalidate_recordset(["lot_id", "write_uid", "write_date"])
        self.modified(["lot_id"])
        self.browse(lot_by_line).lot_id.invalidate_recordset()

    def _wms_refresh_statistics(self):
        """ANALYZE the quant and move line tables when PostgreSQL's statistics
        say they hold fewer rows than the lines validated now, as right after
        thousands of serials were received: the planner then took the quants of
        a location for a handful and probed them one by one, and a delivery of
        5,000 serials took 20 s instead of 4. With sound statistics (what
        autovacuum keeps), nothing is done, so no lock is taken."""
        if len(self) < 100:
            return
        self.env.cr.execute(
            """
            SELECT relname FROM pg_class
             WHERE relname IN ('stock_quant', 'stock_move_line')
               AND relkind = 'r' AND reltuples < %s
            """,
            [len(self)],
        )
        for (table,) in self.env.cr.fetchall():
            self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))

    @api.model
    def _wms_pick_serial_names(self, name_by_line):
        """``write({"lot_name": name, "picked": True})`` on many open lines, each
        with its serial, in one statement instead of one ``write`` and one
        UPDATE per line: the same columns, with the ``date`` Odoo gives a line
        that becomes picked (``stock.move.line.write``). Neither touches a
        reservation or a quant; what depends on them is recomputed as after a
        ``write``. Odoo's ``write`` runs instead, line by line, for one line,
        with ``wms_no_bulk``, or when ``_wms_set_based_writes`` says so."""
        lines = self.browse(name_by_line)
        if not lines:
            return
        if len(lines) < 2 or not self._wms_set_based_writes():
            for line, name in zip(lines, name_by_line.values(), strict=True):
                line.write({"lot_name": name, "picked": True})
            return
        lines.check_access("write")
        fnames = ["lot_name", "picked", "date", "state", "write_uid", "write_date"]
        lines.flush_recordset(fnames)
        lines.modified(["lot_name", "picked", "date"], before=True)
        self.env.cr.execute(
            SQL(
                """
                UPDATE stock_move_line ml
                   SET lot_name = v.name,
                       picked = TRUE,
                       date = CASE WHEN NOT COALESCE(ml.picked, FALSE)
                                    AND ml.state NOT IN ('draft', 'cancel', 'done')
                                   THEN %(date)s ELSE ml.date END,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM (SELECT UNNEST(%(ids)s::int[]) AS id,
                               UNNEST(%(names)s::varchar[]) AS name) v
                 WHERE ml.id = v.id
                """,
                date=fields.Datetime.now(),
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=list(name_by_line),
                names=list(name_by_line.values()),
            )
        )
        lines.invalidate_recordset(fnames)
        lines.modified(["lot_name", "picked", "date"])
