# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pre-Receipt Receive: open receipts -> lines -> scan product, then its serials
(Full Tracking) or a quantity -> finish with Odoo's backorder choice. A line
with expected serials shows how many are still to come, and the next few."""

from odoo import models
from odoo.tools import SQL

# How many of the expected serials still to come a line names.
NEXT_SERIALS = 3


class WmsHhdReceive(models.AbstractModel):
    _name = "wms.hhd.receive"
    _inherit = "wms.hhd.flow"
    _description = "Scanner flow: Pre-Receipt Receive"

    def _flow_domain(self):
        return [("picking_type_code", "=", "incoming")]

    def _more_line_values(self, moves):
        """``to_come``: the expected serials not recorded yet (see
        ``_expected_to_come``), ``False`` on a line without expected serials."""
        to_come = self._expected_to_come(moves)
        return {move.id: {"to_come": to_come.get(move.id, False)} for move in moves}

    def _expected_to_come(self, moves, limit=NEXT_SERIALS):
        """The expected serials of ``moves`` (pre-receipt lines) that no picked
        line records yet, in the order they were entered.

        Counted and chosen by the database in one query: a receipt of thousands
        of serials is not read into memory at each scan.

        :return: ``{move id: {"count": n, "next": [the first ``limit`` names]}}``
            for the moves that have expected serials (``count`` 0 when all are
            recorded)
        """
        if not moves:
            return {}
        Expected = self.env["stock.expected.serial"]
        self.env["stock.move.line"].flush_model(
            ["move_id", "picked", "lot_id", "lot_name"]
        )
        self.env["stock.lot"].flush_model(["name"])
        Expected.flush_model(["move_id", "name", "state"])
        # The expected serials this user may read (record rules applied).
        expected = Expected._search(
            [("move_id", "in", moves.ids), ("state", "=", "expected")]
        )
        # Expected and recorded names in one sorted stream, told apart by
        # window functions: no join whose plan could turn quadratic when the
        # table statistics lag behind a receipt of thousands of lines.
        self.env.cr.execute(
            SQL(
                """
                WITH names AS (
                    SELECT es.move_id, es.name, es.id
                      FROM stock_expected_serial es
                     WHERE es.id IN %(expected)s
                 UNION ALL
                    SELECT ml.move_id,
                           COALESCE(
                               (SELECT lot.name FROM stock_lot lot
                                 WHERE lot.id = ml.lot_id),
                               ml.lot_name
                           ),
                           NULL
                      FROM stock_move_line ml
                     WHERE ml.move_id = ANY(%(moves)s) AND ml.picked
                ), expected AS (
                    SELECT move_id, name, id,
                           NOT bool_or(id IS NULL)
                               OVER (PARTITION BY move_id, name) AS still_to_come
                      FROM names
                ), ranked AS (
                    SELECT move_id, name, still_to_come,
                           count(*) FILTER (WHERE still_to_come)
                               OVER (PARTITION BY move_id) AS to_come,
                           row_number() OVER (
                               PARTITION BY move_id, still_to_come ORDER BY id
                           ) AS position
                      FROM expected
                     WHERE id IS NOT NULL
                )
                SELECT move_id, to_come, still_to_come, name
                  FROM ranked
                 -- the first ones to come, and one row per move in any case
                 WHERE position <= %(limit)s AND still_to_come OR position = 1
              ORDER BY move_id, position
                """,
                moves=moves.ids,
                expected=expected.subselect(),
                limit=limit,
            )
        )
        result = {}
        for move_id, to_come, still_to_come, name in self.env.cr.fetchall():
            values = result.setdefault(move_id, {"count": to_come, "next": []})
            if still_to_come:
                values["next"].append(name)
        return result
