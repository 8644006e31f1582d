# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Paths ``lot_assignment`` and ``pick_serial_names``: many serials written on
move lines in one statement each.

``lot_assignment``: Odoo's ``stock.move.line._create_and_assign_production_lot``
makes one lot per line (``_prepare_new_lot_vals`` of every module gives each
its values) in one ``create`` call, then writes each lot on its line, one
``write`` each. For thousands of new serials on lines that reserve nothing
(receipts), the lots are made by ``lots.create_many`` and written on their
lines in one UPDATE, with what ``write`` does for such lines (the writer and
date of the change, what depends on ``lot_id`` recomputed, the constraints).

``pick_serial_names``: ``write({"lot_name": name, "picked": True})`` on many
open lines of a pick task, each its serial, in one UPDATE, with the ``date``
Odoo gives a line that becomes picked (``stock.move.line.write``).

The interface (called by ``models/stock_move_line.py``):
``assign_new_lots``, ``pick_serial_names``.
"""

from odoo import fields
from odoo.tools import SQL

from . import guard
from .lots import create_many


def assign_new_lots(lines):
    """Odoo's ``_create_and_assign_production_lot`` for ``lines``, set-based;
    whether it was done (else Odoo's own must run): serial numbers (one lot per
    line, names all different), on lines not done whose moves reserve nothing
    at their source."""
    if len(lines) < 2 or not guard.enabled(lines.env, "lot_assignment"):
        return False
    keys = {(line.product_id.id, line.lot_name) for line in lines}
    if len(keys) != len(lines) or any(
        line.tracking != "serial"
        or line.state == "done"
        or not line.move_id
        or not line.move_id._should_bypass_reservation(line.location_id)
        for line in lines
    ):
        return False
    lots = create_many(
        lines.env["stock.lot"], [line._prepare_new_lot_vals() for line in lines]
    )
    _set_lots(lines, dict(zip(lines.ids, lots.ids, strict=True)))
    return True


def _set_lots(lines, lot_by_line):
    """``write({"lot_id": lot})`` on many lines, each its lot, in one
    statement: the column, the writer and date of the change, what depends on
    it recomputed and the constraints on it checked (see ``assign_new_lots``
    for the lines where nothing else of ``write`` applies)."""
    lines.flush_recordset()
    lines.modified(["lot_id"], before=True)
    lines.env.cr.execute(
        SQL(
            """
            UPDATE stock_move_line ml
               SET lot_id = v.lot_id, write_uid = %s, write_date = %s
              FROM (SELECT UNNEST(%s::int[]) AS id, UNNEST(%s::int[]) AS lot_id) v
             WHERE ml.id = v.id
            """,
            lines.env.uid,
            lines.env.cr.now(),
            list(lot_by_line),
            list(lot_by_line.values()),
        )
    )
    lines.invalidate_recordset(["lot_id", "write_uid", "write_date"])
    lines.modified(["lot_id"])
    lines.browse(lot_by_line).lot_id.invalidate_recordset()
    lines._validate_fields(["lot_id"])


def pick_serial_names(lines, name_by_line):
    """``write({"lot_name": name, "picked": True})`` on many open lines
    (``lines``: a ``stock.move.line`` recordset), each its serial of
    ``name_by_line`` ({line id: name}), in one statement instead of one
    ``write`` and one UPDATE per line: the same columns, with the ``date`` Odoo
    gives a line that becomes picked. Neither touches a reservation or a quant;
    what depends on them is recomputed as after a ``write``. Odoo's ``write``
    runs instead, line by line, for one line or where the path is off."""
    lines = lines.browse(name_by_line)
    if not lines:
        return
    if len(lines) < 2 or not guard.enabled(lines.env, "pick_serial_names"):
        for line, name in zip(lines, name_by_line.values(), strict=True):
            line.write({"lot_name": name, "picked": True})
        return
    lines.check_access("write")
    env = lines.env
    fnames = ["lot_name", "picked", "date", "state", "write_uid", "write_date"]
    written = ["lot_name", "picked", "date"]
    lines.flush_recordset(fnames)
    # As ``write``: the editable computed fields written (``picked``) are
    # protected from recomputation, and a pending one is dropped.
    computed = [lines._fields[name] for name in written if lines._fields[name].compute]
    protected = [
        dependent
        for field in computed
        for dependent in lines.pool.field_computed.get(field, [field])
    ]
    with env.protecting(protected, lines):
        lines.modified(written, before=True)
        env.cr.execute(
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
                uid=env.uid,
                now=env.cr.now(),
                ids=list(name_by_line),
                names=list(name_by_line.values()),
            )
        )
        for field in computed:
            env.remove_to_compute(field, lines)
        lines.invalidate_recordset(fnames)
        lines.modified(written)
    lines._validate_fields(written)
