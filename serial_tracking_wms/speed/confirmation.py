# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Path ``confirmation_lines``: the empty lines of a confirmed receipt of many
serials.

Confirming a move of a serial-tracked product whose reservation is bypassed (a
receipt from a supplier, an inventory or a production location), Odoo's
``stock.move._action_assign`` makes one empty line per unit
(``_prepare_move_line_vals(quantity=1)``), the lines of all such moves in one
``stock.move.line.create`` call, then applies the putaway strategy to them.
Here everything stays Odoo's (which moves, the values of each line, the putaway,
Batch Transfers' waves) but that one ``create`` call: its rows are made by the
``reservation`` path's set-based ``create`` (``reservation.create_lines``:
``rows.create_rows`` with what the verified overrides of ``create`` do for such
lines: the move's company and ``picked``; no quant reserved, the reservation
being bypassed; Inventory Valuation's analytic entries of the moves).

The interface (called by ``models/stock_move.py`` and
``models/stock_move_line.py``): ``assign``, ``creates_lines``,
``create_lines``.
"""

from . import guard
from .reservation import RESERVATION_ROWS
from .reservation import create_lines as _reservation_create_lines
from .rows import can_create_rows, creatable, rows_of_one_shape

# Context key holding the confirmation at work (``_Confirmation``).
CONFIRMATION_KEY = "wms_confirmation_lines"
# The values ``stock.move._prepare_move_line_vals(quantity=...)`` gives a line
# of a move without reserved quant: the only shape made set-based.
LINE_FIELDS = frozenset(
    {
        "move_id",
        "product_id",
        "product_uom_id",
        "location_id",
        "location_dest_id",
        "picking_id",
        "company_id",
        "quantity",
    }
)


class _Confirmation:
    """The moves of one ``_action_assign`` whose empty lines may be made
    set-based, until its one ``create`` of them (``taken``). Compared by
    identity: the context holding it must never match an earlier one's
    (environments are cached by context equality)."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __init__(self, move_ids):
        self.move_ids = frozenset(move_ids)
        self.taken = False


def _bypassed(move):
    """Whether Odoo's ``_action_assign`` makes the lines of ``move`` from its
    own values alone (``_prepare_move_line_vals(quantity=...)``): its
    reservation bypassed, no earlier move whose lines it would take."""
    return not move.move_orig_ids and move._should_bypass_reservation()


def _one_line_per_unit(move):
    """Whether Odoo gives ``move`` (``_bypassed``) one empty line per unit: a
    serial product, a type making or choosing lots."""
    picking_type = move.picking_type_id
    return move.product_id.tracking == "serial" and (
        picking_type.use_create_lots or picking_type.use_existing_lots
    )


def assign(moves, force_qty, odoo):
    """``stock.move._action_assign`` of ``moves``: Odoo's ``odoo(moves)``, with
    the empty lines of its moves of serials (at least ``RESERVATION_ROWS`` units
    in all) made set-based when the path runs."""
    if force_qty or not guard.enabled(moves.env, "confirmation_lines"):
        return odoo(moves)
    candidates = moves.filtered(
        lambda move: not move.picked
        and move.state in ("confirmed", "waiting", "partially_available")
        and _bypassed(move)
    )
    units = sum(candidates.filtered(_one_line_per_unit).mapped("product_qty"))
    if units < RESERVATION_ROWS:
        return odoo(moves)
    confirmation = _Confirmation(candidates.ids)
    return odoo(moves.with_context(**{CONFIRMATION_KEY: confirmation}))


def creates_lines(lines, vals_list):
    """Whether this ``create`` is the one of the empty lines of a confirmation
    at work (``assign``), to be made set-based."""
    confirmation = lines.env.context.get(CONFIRMATION_KEY)
    if (
        confirmation is None
        or confirmation.taken
        or not vals_list
        or any(vals.get("move_id") not in confirmation.move_ids for vals in vals_list)
    ):
        # Not its lines (those of moves that reserve quants are made before,
        # one call per move: the ``reservation`` path's).
        return False
    # Odoo's ``_action_assign`` makes the lines of its bypassed moves in one
    # call: whatever this one is, the next ones are not its.
    confirmation.taken = True
    return (
        rows_of_one_shape(vals_list, RESERVATION_ROWS)
        and vals_list[0].keys() == LINE_FIELDS
        and can_create_rows(lines, [*LINE_FIELDS, "picked"])
        and guard.enabled(lines.env, "confirmation_lines")
        and creatable(lines, {*LINE_FIELDS, "picked"})
    )


def create_lines(lines, vals_list):
    """``create(vals_list)`` for the empty lines of a confirmation
    (``creates_lines``), set-based, as the ``reservation`` path makes its
    lines."""
    return _reservation_create_lines(lines, vals_list)
