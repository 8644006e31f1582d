# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Path ``out_move_lines``: moves of thousands of serials with Inventory
Valuation (``stock_account``). Its ``stock.move._get_out_move_lines`` gathers a
move's outgoing lines with one recordset union per line, which costs the square
of their number (twice per move at validation). Here the same lines, in the same
order, gathered as its ``_get_in_move_lines`` gathers the incoming ones.

The interface (called by ``models/stock_move.py``): ``out_move_lines``.
"""

from odoo.tools import OrderedSet

from . import guard

# The fewest lines of a move gathered here.
OUT_LINES_ROWS = 100


def out_move_lines(moves):
    """``moves._get_out_move_lines()`` as Inventory Valuation computes it;
    ``None`` when Odoo's own must run (few lines, or the path off)."""
    if len(moves.move_line_ids) < OUT_LINES_ROWS or not guard.enabled(
        moves.env, "out_move_lines"
    ):
        return None
    res = OrderedSet()
    for move_line in moves.move_line_ids:
        if not move_line.picked:
            continue
        if move_line._should_exclude_for_valuation():
            continue
        if (
            move_line.location_id._should_be_valued()
            and not move_line.location_dest_id._should_be_valued()
        ):
            res.add(move_line.id)
    return moves.env["stock.move.line"].browse(res)
