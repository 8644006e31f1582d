# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Path ``count``: a count by serial number of thousands of serials.

The count's rules (``models/stock_quant_count.py``) decide what is added and
written off; Odoo's ``_apply_inventory`` and ``_action_done`` apply it (the moves,
their lines and values, valuation, the quant batch inside). Standing in, here:

* stock's inventory-mode ``stock.quant.create`` of a serial counted 1, for a
  serial with no quant at the location (``_gather``): the quant created by
  ``create`` (as superuser), then its counted quantity, counter and date written
  (``write``); here the rows Odoo leaves, in one ``rows.create_rows``;
* the per-line quant reservations of the write-off lines ``_apply_inventory``
  creates, collected and done together as a reservation of many serials does
  them (``reservation.py``);
* the inverse of the moves' ``picked`` (stock: each move writes it on its
  lines, one ``write`` per move), one ``write`` per value for all of them, and
  Inventory Valuation's part of it (the moves' analytic entries);
* the company check of the moves done (``company.py``).

The interface (called by ``models/stock_quant_count.py`` and
``models/stock_move.py``): ``enabled``, ``create_counted_quants``,
``COUNT_MOVES_KEY``, ``create_moves``, ``inverse_picked``.
"""

from odoo import fields

from . import guard, reservation
from .rows import can_create_rows, create_rows

# Context key: the adjustment moves of a set-based count are being created.
COUNT_MOVES_KEY = "wms_count_moves"
# The fields of a quant counted 1 by Odoo's inventory-mode ``create``.
COUNTED_QUANT_FIELDS = (
    "product_id",
    "location_id",
    "lot_id",
    "inventory_quantity",
    "inventory_quantity_set",
    "user_id",
    "inventory_date",
)


def enabled(quants):
    """Whether a count by serial is recorded and applied set-based."""
    return guard.enabled(quants.env, "count") and can_create_rows(
        quants, COUNTED_QUANT_FIELDS
    )


def create_counted_quants(quants, vals_list):
    """``with_context(inventory_mode=True).create(vals_list)`` for serials
    counted 1 (values of one product and location, a lot each, no package or
    owner), as Odoo's inventory-mode ``create`` leaves them: a serial with a
    quant at the location (``_gather``, strict) goes through that ``create``
    (its quant reused); for the others, the quant ``create`` makes as
    superuser, then writes its counted quantity (which sets
    ``inventory_quantity_set``), counter and date on, are rows made in one
    ``create_rows``.

    :return: the quants, in the order of ``vals_list``
    """
    Quant = quants.with_context(inventory_mode=True)
    if not vals_list or not Quant._is_inventory_mode():
        return Quant.create(vals_list)
    first = vals_list[0]
    existing = set(
        quants.sudo()
        .search(
            [
                ("product_id", "=", first["product_id"]),
                ("location_id", "=", first["location_id"]),
                ("lot_id", "in", [vals["lot_id"] for vals in vals_list]),
                ("package_id", "=", False),
                ("owner_id", "=", False),
            ]
        )
        .lot_id.ids
    )
    today = fields.Date.today()
    new = [
        {
            "product_id": vals["product_id"],
            "location_id": vals["location_id"],
            "lot_id": vals["lot_id"],
            "inventory_quantity": vals["inventory_quantity"],
            "inventory_quantity_set": True,
            "user_id": quants.env.uid,
            "inventory_date": today,
        }
        for vals in vals_list
        if vals["lot_id"] not in existing
    ]
    # Odoo creates the quants one by one in this order; those it reuses
    # create nothing: the new rows keep the same order.
    created = iter(create_rows(quants.sudo(), new))
    reused = iter(
        Quant.create([vals for vals in vals_list if vals["lot_id"] in existing])
    )
    return quants.concat(
        *(
            next(reused) if vals["lot_id"] in existing else next(created)
            for vals in vals_list
        )
    ).with_env(quants.env)


def create_moves(moves, vals_list, odoo_create):
    """The adjustment moves of a set-based count (``_apply_inventory`` creates
    them with their lines): ``odoo_create(moves, vals_list)``, the quant
    reservations of the write-off lines collected and done together, as a
    reservation of many serials does them; ``None`` when these are not such
    moves (the caller runs Odoo's ``create``)."""
    if not moves.env.context.get(COUNT_MOVES_KEY) or not all(
        vals.get("is_inventory") for vals in vals_list
    ):
        return None
    collecting, batch = reservation.collector(moves)
    made = odoo_create(collecting, vals_list)
    reservation.write_collected(moves.env, batch)
    return moves.browse(made.ids)


def inverse_picked(moves, modules_below, odoo_inverse):
    """Odoo writes each move's ``picked`` on its lines, one ``write`` per move;
    for the thousands of adjustment moves of a set-based count, one ``write``
    per value, on all their lines (the same values; every verified ``write``
    of lines treats them alike). ``modules_below``: the modules whose
    ``_inverse_picked`` Odoo's ``super()`` would reach from the caller: stock's
    part is this, Inventory Valuation's is the moves' analytic entries; any
    other, or not a count: ``odoo_inverse()``."""
    if (
        not moves.env.context.get(COUNT_MOVES_KEY)
        or len(moves) < 2
        or modules_below - {"stock", "stock_account"}
    ):
        return odoo_inverse()
    for picked, group in moves.grouped("picked").items():
        group.move_line_ids.picked = picked
    if "stock_account" in modules_below:
        moves._account_analytic_entry_move()
    return None
