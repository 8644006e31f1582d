# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Path ``expected_serials``: a supplier's list of thousands of expected serials.

``create_many``: the list made by ``rows.create_rows`` (Odoo's ``create``,
set-based) instead of one record at a time. ``settle``: the outcome of a
received or cancelled pre-receipt line written on its serials still expected
(received, with its lot, or cancelled) in one UPDATE, with what ``write`` sets
besides (the writer and date of the change, what depends on them recomputed,
the constraints checked); where the path is off, through ``write``, one call per
outcome.

The interface (called by ``models/stock_expected_serial.py``): ``creates_many``,
``create_many``, ``settle``.
"""

from collections import defaultdict

from odoo.tools import SQL

from . import guard
from .rows import can_create_rows, create_rows, rows_of_one_shape

# The fewest expected serials made set-based at once.
SET_BASED_ROWS = 100


def creates_many(serials, vals_list):
    """Whether ``create_many`` makes these rows (many, of one shape)."""
    return (
        rows_of_one_shape(vals_list, SET_BASED_ROWS)
        and can_create_rows(serials, vals_list[0])
        and guard.enabled(serials.env, "expected_serials")
    )


def create_many(serials, vals_list, odoo_create):
    """``create(vals_list)``, set-based (``odoo_create``: Odoo's ``create``, for
    rows that cannot be made so)."""
    return create_rows(serials, vals_list, odoo_create)


def settle(serials, outcome, odoo_write):
    """Write ``outcome`` ({expected serial id: lot id, or ``None``: cancelled})
    on those expected serials: state and lot, as ``odoo_write(records, vals)``
    would (``odoo_write``: the ``write`` the receipt itself may do)."""
    settled = serials.browse(outcome)
    if not guard.enabled(serials.env, "expected_serials"):
        by_lot = defaultdict(list)
        for serial_id, lot_id in outcome.items():
            by_lot[lot_id].append(serial_id)
        for lot_id, ids in by_lot.items():
            vals = {"state": "received", "lot_id": lot_id} if lot_id else {}
            odoo_write(serials.browse(ids), vals or {"state": "cancelled"})
        return
    cr = serials.env.cr
    fnames = ["state", "lot_id"]
    settled.modified(fnames, before=True)
    cr.execute(
        SQL(
            """
            UPDATE stock_expected_serial es
               SET state = CASE WHEN v.lot_id IS NULL THEN 'cancelled'
                                ELSE 'received' END,
                   lot_id = COALESCE(v.lot_id, es.lot_id),
                   write_uid = %s,
                   write_date = %s
              FROM (SELECT UNNEST(%s::int[]) AS id,
                           UNNEST(%s::int[]) AS lot_id) v
             WHERE es.id = v.id
            """,
            serials.env.uid,
            cr.now(),
            list(outcome),
            list(outcome.values()),
        )
    )
    settled.invalidate_recordset([*fnames, "write_uid", "write_date"])
    settled.modified(fnames)
    settled._validate_fields(fnames)
