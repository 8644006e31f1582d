# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Moves of thousands of serials, when Inventory Valuation (``stock_account``) is
installed: its ``_get_out_move_lines`` gathers a move's outgoing lines with one
recordset union per line, which costs the square of their number (twice per
move at validation). The same lines, in the same order, gathered as its
``_get_in_move_lines`` gathers the incoming ones. Without ``stock_account``
nothing calls it."""

from odoo import models
from odoo.tools import OrderedSet

from ..tools.set_based import foreign_overrides


class StockMove(models.Model):
    _inherit = "stock.move"

    def _get_out_move_lines(self):
        if (
            len(self.move_line_ids) < 100
            or self.env.context.get("wms_no_bulk")
            or foreign_overrides(
                self, "_get_out_move_lines", {"stock_account", "serial_tracking_wms"}
            )
        ):
            return super()._get_out_move_lines()
        res = OrderedSet()
        for move_line in self.move_line_ids:
            if not move_line.picked:
                continue
            if move_line._should_exclude_for_valuation():
                continue
            if (
                move_line.location_id._should_be_valued()
                and not move_line.location_dest_id._should_be_valued()
            ):
                res.add(move_line.id)
        return self.env["stock.move.line"].browse(res)
