# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Path ``reservation``: reserving thousands of serials at once.

Odoo reserves a serial-tracked move by choosing the quants (one search, in the
removal strategy's order) and creating one line per serial; creating each line
then updates its quant's reserved quantity on its own (a search and a write per
serial). Here the choice and the lines' values stay Odoo's; only those per-line
quant updates are collected and done together, on the very quants Odoo chose,
with the values Odoo writes (``write`` set-based: ``rows.write_rows``). The
lines Odoo creates for them (one ``create`` call, whose overrides work line by
line) are made by ``rows.create_rows``, with what the verified overrides of
``create`` do for lines of an open move that reserves (stock: the move's company
and ``picked``, the quant reservation, the move's state; Inventory Valuation:
the moves' analytic entries; Manufacturing: nothing for such lines).

The interface (called by ``models/stock_move.py``, ``models/stock_move_line.py``
and ``models/stock_quant.py``): ``reserve``, ``creates_lines``,
``create_lines``, ``collect``, ``without_collector``, ``collector``,
``write_collected``.
"""

from collections import defaultdict

from . import guard
from .reading import fetch_missing
from .rows import (
    can_create_rows,
    creatable,
    create_rows,
    rows_of_one_shape,
    write_rows,
)

# Context key holding the per-line quant updates of the reservation at work.
COLLECTOR_KEY = "wms_reserve_batch"
# The fewest lines a reservation creates set-based.
RESERVATION_ROWS = 100


class _Collected(list):
    """The per-line quant updates of one reservation. Compared by identity: the
    context holding it must never match an earlier one's (environments are
    cached by context equality)."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__


def reserve(moves, need, lot, package, owner, odoo):
    """``stock.move._update_reserved_quantity`` of ``moves`` (one move): Odoo's
    ``odoo(moves)``, its per-line quant reservations collected and written
    together when the path runs (a serial product, two units or more, no lot,
    package or owner given)."""
    if (
        moves.product_id.tracking != "serial"
        or need < 2
        or lot
        or package
        or owner
        or not guard.enabled(moves.env, "reservation")
    ):
        return odoo(moves)
    batch = _Collected()
    collector_ = moves.env["stock.quant"].with_context(**{COLLECTOR_KEY: batch})
    # The batch is in both contexts: empty quant recordsets compare equal, and
    # environments are found again by context equality.
    taken = odoo(
        moves.with_context(reserved_quant=collector_, **{COLLECTOR_KEY: batch})
    )
    write_collected(moves.env, batch)
    return taken


def collector(records):
    """``records`` with a new collector of quant reservations in context, and
    the collector (``write_collected`` does what it holds)."""
    batch = _Collected()
    return records.with_context(**{COLLECTOR_KEY: batch}), batch


def collect(quants, product, location, quantity, lot, package, owner):
    """Keep a line's quant reservation for the reservation at work
    (``stock.quant._update_reserved_quantity`` of a serial without package or
    owner); whether it was kept."""
    batch = quants.env.context.get(COLLECTOR_KEY)
    if batch is None or not lot or package or owner:
        return False
    batch.append((product.id, location.id, lot.id, quantity))
    return True


def without_collector(quants):
    """``quants`` for Odoo's own reservation: nothing collected inside it."""
    if quants.env.context.get(COLLECTOR_KEY) is None:
        return quants
    return quants.with_context(**{COLLECTOR_KEY: None})


def write_collected(env, batch):
    """Reserve one quantity per (product, location, lot) on the single quant
    without package or owner that holds it, as Odoo would, in one search and
    one statement; anything unusual goes through Odoo one by one."""
    if not batch:
        return
    Quant = env["stock.quant"]
    wanted = defaultdict(float)
    for product_id, location_id, lot_id, quantity in batch:
        wanted[product_id, location_id, lot_id] += quantity
    quants = Quant.sudo().search_fetch(
        [
            ("product_id", "in", list({key[0] for key in wanted})),
            ("location_id", "in", list({key[1] for key in wanted})),
            ("lot_id", "in", list({key[2] for key in wanted})),
            ("package_id", "=", False),
            ("owner_id", "=", False),
        ],
        ["product_id", "location_id", "lot_id", "reserved_quantity"],
    )
    by_key = quants.grouped(lambda q: (q.product_id.id, q.location_id.id, q.lot_id.id))
    by_value = defaultdict(list)
    unusual = []
    for key, quantity in wanted.items():
        found = by_key.get(key)
        if found is None or len(found) != 1:
            unusual.append((key, quantity))
            continue
        by_value[max(0.0, found.reserved_quantity + quantity)].append(found.id)
    if env.context.get("inventory_mode"):
        # stock's ``write`` decides what inventory mode may write.
        for value, ids in by_value.items():
            Quant.sudo().browse(ids).write({"reserved_quantity": value})
    else:
        # Odoo's write, in one statement for all. Odoo's leaves the value
        # pending, written later with whatever else is pending on these
        # quants, by the user then at work (``write_uid``): what is pending is
        # written first, by this user, as Odoo would.
        rows = [(i, value) for value, ids in by_value.items() for i in ids]
        reserved = Quant.sudo().browse([i for i, _value in rows])
        reserved.flush_recordset()
        write_rows(reserved, [{"reserved_quantity": value} for _i, value in rows])
    for (product_id, location_id, lot_id), quantity in unusual:
        without_collector(Quant)._update_reserved_quantity(
            env["product.product"].browse(product_id),
            env["stock.location"].browse(location_id),
            quantity,
            lot_id=env["stock.lot"].browse(lot_id),
        )


def creates_lines(lines, vals_list):
    """Whether these are the lines of a reservation of many serials (see
    ``reserve``), to be made set-based."""
    return (
        lines.env.context.get(COLLECTOR_KEY) is not None
        and rows_of_one_shape(vals_list, RESERVATION_ROWS)
        and all(vals.get("move_id") for vals in vals_list)
        and not {"quant_id", "lot_name", "picked"} & vals_list[0].keys()
        and can_create_rows(lines, [*vals_list[0], "company_id", "picked"])
        and guard.enabled(lines.env, "reservation")
        and creatable(lines, {*vals_list[0], "company_id", "picked"})
    )


def create_lines(lines, vals_list):
    """``create(vals_list)`` for the lines of a reservation (``creates_lines``),
    set-based, with what the verified overrides of ``create`` do for them."""
    env = lines.env
    moves = env["stock.move"].browse({vals["move_id"] for vals in vals_list})
    for vals in vals_list:
        move = moves.browse(vals["move_id"])
        vals["company_id"] = move.company_id.id
        vals["picked"] = move.picked
    made = create_rows(lines, vals_list)
    # Read for all the lines at once (read a thousand at a time, each read
    # went through every line read before: Odoo's prefetch).
    fetch_missing(
        made,
        [
            "state",
            "move_id",
            "quantity_product_uom",
            "product_id",
            "location_id",
            "lot_id",
            "package_id",
            "owner_id",
        ],
    )
    # stock: each line not done reserves its quant (collected by the
    # reservation), and its move's state is recomputed.
    reserved_quant = env.context.get("reserved_quant", env["stock.quant"])
    to_recompute = set()
    for line in made:
        if line.state == "done":
            continue
        move = line.move_id
        if line.quantity_product_uom and not move._should_bypass_reservation():
            reserved_quant._update_reserved_quantity(
                line.product_id,
                line.location_id,
                line.quantity_product_uom,
                lot_id=line.lot_id,
                package_id=line.package_id,
                owner_id=line.owner_id,
            )
            to_recompute.add(move.id)
    env["stock.move"].browse(to_recompute)._recompute_state()
    # stock_account: the analytic entries of the moves.
    if hasattr(moves, "_account_analytic_entry_move"):
        moves._account_analytic_entry_move()
    return made
