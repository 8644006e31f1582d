# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The database check: what must never be, whatever wrote it (a race, an import,
SQL by hand, a module installed later)."""

import logging

from odoo import api, models
from odoo.tools import SQL

from ..speed import guard

_logger = logging.getLogger(__name__)


class StockSerialIntegrity(models.AbstractModel):
    _name = "stock.serial.integrity"
    _description = "Serial Number Integrity Check"

    # --- Entry points ---
    @api.model
    def wms_check(self):
        """Every problem found, as a list of dicts ``{kind, message}``; empty
        when the serial data is sound. Needs Inventory manager rights."""
        if not self.env.su and not self.env.user.has_group("stock.group_stock_manager"):
            return [
                {
                    "kind": "access",
                    "message": self.env._("Only Inventory managers run this check."),
                }
            ]
        self.env.flush_all()
        return (
            self._serials_on_hand_twice()
            + self._serial_lines_without_serial()
            + self._expected_serials_breaking_all_or_none()
            + self._speed_paths_switched_off()
        )

    @api.model
    def _cron_check(self):
        problems = self.sudo().wms_check()
        for problem in problems:
            _logger.warning("Serial integrity: %s", problem["message"])
        if not problems:
            _logger.info("Serial integrity: no problem found")
        return problems

    # --- The checks ---
    def _speed_paths_switched_off(self):
        """The set-based paths switched off here (``speed/guard.py``): Odoo's own
        code runs instead, exact and slower. Not a data problem: kind
        ``speed_path_off``."""
        return [
            {
                "kind": "speed_path_off",
                "message": self.env._(
                    "Set-based path %(path)s is switched off (Odoo's own code runs, "
                    "slower): %(reason)s",
                    path=path,
                    reason=reason,
                ),
            }
            for path, reason in guard.switched_off(self.env).items()
        ]

    def _serials_on_hand_twice(self):
        """A serial on hand in more than one place, or with a quantity other than 1
        (also when defined twice for the same product and company)."""
        self.env.cr.execute(
            SQL(
                """
            SELECT lot.name, pt.name->>'en_US', SUM(q.quantity),
                   ARRAY_AGG(DISTINCT loc.complete_name)
              FROM stock_quant q
              JOIN stock_location loc ON loc.id = q.location_id
              JOIN stock_lot lot ON lot.id = q.lot_id
              JOIN product_product pp ON pp.id = q.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE pt.tracking = 'serial'
               AND loc.usage IN ('internal', 'transit')
               AND q.quantity != 0
          GROUP BY q.product_id, lot.company_id, lot.name, pt.name
            HAVING SUM(q.quantity) != 1 OR COUNT(*) > 1
          ORDER BY lot.name
                """
            )
        )
        return [
            {
                "kind": "serial_on_hand",
                "message": self.env._(
                    "Serial number %(serial)s of %(product)s: %(qty)s on hand at "
                    "%(locations)s.",
                    serial=serial,
                    product=product,
                    qty=format(qty, "g"),
                    locations=", ".join(locations),
                ),
            }
            for serial, product, qty, locations in self.env.cr.fetchall()
        ]

    def _serial_lines_without_serial(self):
        """A done line without serial where one was required: Full Tracking
        goods in and goods out, Track During Pick pick tasks."""
        self.env.cr.execute(
            SQL(
                """
            SELECT ml.reference, pt.name->>'en_US', pt.serial_tracking_mode,
                   SUM(ml.quantity)
              FROM stock_move_line ml
              JOIN stock_move m ON m.id = ml.move_id
              JOIN product_product pp ON pp.id = ml.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN stock_location src ON src.id = ml.location_id
              JOIN stock_location dest ON dest.id = ml.location_dest_id
         LEFT JOIN stock_picking_type spt ON spt.id = m.picking_type_id
         LEFT JOIN stock_warehouse wh ON wh.id = spt.warehouse_id
             WHERE ml.state = 'done'
               AND ml.lot_id IS NULL
               AND pt.tracking = 'serial'
               AND (
                    (pt.serial_tracking_mode = 'full'
                     AND (src.usage = 'supplier' OR dest.usage = 'customer'))
                 OR (pt.serial_tracking_mode = 'pick'
                     AND ((spt.id = wh.pick_type_id
                           AND wh.delivery_steps != 'ship_only')
                       OR (spt.id = wh.out_type_id
                           AND wh.delivery_steps = 'ship_only')))
               )
          GROUP BY ml.reference, pt.name, pt.serial_tracking_mode
          ORDER BY ml.reference
                """
            )
        )
        return [
            {
                "kind": "line_without_serial",
                "message": self.env._(
                    "%(document)s: %(qty)s units of %(product)s (%(mode)s) were done "
                    "without serial number.",
                    document=reference,
                    qty=format(qty, "g"),
                    product=product,
                    mode=mode,
                ),
            }
            for reference, product, mode, qty in self.env.cr.fetchall()
        ]

    def _expected_serials_breaking_all_or_none(self):
        """An open pre-receipt line with some, but not all, expected serials."""
        self.env.cr.execute(
            SQL(
                """
            SELECT p.name, pt.name->>'en_US', m.product_qty, COUNT(es.id)
              FROM stock_expected_serial es
              JOIN stock_move m ON m.id = es.move_id
              JOIN stock_picking p ON p.id = m.picking_id
              JOIN product_product pp ON pp.id = m.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE es.state != 'cancelled'
               AND m.state NOT IN ('done', 'cancel')
          GROUP BY m.id, p.name, pt.name, m.product_qty
            HAVING COUNT(es.id) != m.product_qty
          ORDER BY p.name
                """
            )
        )
        return [
            {
                "kind": "expected_serials",
                "message": self.env._(
                    "%(picking)s: %(count)s expected serial numbers for %(qty)s units "
                    "of %(product)s.",
                    picking=picking,
                    count=count,
                    qty=format(qty, "g"),
                    product=product,
                ),
            }
            for picking, product, qty, count in self.env.cr.fetchall()
        ]
