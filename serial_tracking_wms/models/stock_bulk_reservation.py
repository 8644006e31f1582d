# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reserving thousands of serials at once.

Odoo reserves a serial-tracked move by choosing the quants (one search, in the
removal strategy's order) and creating one line per serial; creating each line
then updates its quant's reserved quantity on its own (a search and a write per
serial). Here the choice and the lines stay Odoo's; only those per-line quant
updates are collected and done together, on the very quants Odoo chose, with
the values Odoo writes (``write``, one per resulting value). When another module
overrides the quant methods involved (``stock.quant._wms_batch_known_overrides``),
Odoo's own path runs.
"""

from collections import defaultdict

from odoo import models

from ..tools.set_based import unknown_overrides


class _Collected(list):
    """The per-line quant updates of one reservation. Compared by identity: the
    context holding it must never match an earlier one's (environments are
    cached by context equality)."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__


class StockMove(models.Model):
    _inherit = "stock.move"

    def _update_reserved_quantity(
        self,
        need,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=True,
    ):
        if (
            self.env.context.get("wms_no_bulk")
            or self.product_id.tracking != "serial"
            or unknown_overrides(
                self.env, self.env["stock.quant"]._wms_batch_known_overrides()
            )
            or need < 2
            or lot_id
            or package_id
            or owner_id
        ):
            return super()._update_reserved_quantity(
                need, location_id, lot_id, package_id, owner_id, strict
            )
        batch = _Collected()
        collector = self.env["stock.quant"].with_context(wms_reserve_batch=batch)
        # The batch is in both contexts: empty quant recordsets compare equal, and
        # environments are found again by context equality.
        moves = self.with_context(reserved_quant=collector, wms_reserve_batch=batch)
        taken = super(StockMove, moves)._update_reserved_quantity(
            need, location_id, lot_id, package_id, owner_id, strict
        )
        self.env["stock.quant"]._wms_reserve_collected(batch)
        return taken


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def _update_reserved_quantity(
        self,
        product_id,
        location_id,
        quantity,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=True,
    ):
        batch = self.env.context.get("wms_reserve_batch")
        if batch is None or not lot_id or package_id or owner_id:
            return super(
                StockQuant, self.with_context(wms_reserve_batch=None)
            )._update_reserved_quantity(
                product_id, location_id, quantity, lot_id, package_id, owner_id, strict
            )
        batch.append((product_id.id, location_id.id, lot_id.id, quantity))
        return None  # Odoo's returns nothing either

    def _wms_reserve_collected(self, batch):
        """Reserve one quantity per (product, location, lot) on the single quant
        without package or owner that holds it, as Odoo would, in one search and
        one write per resulting value; anything unusual goes through Odoo one by
        one."""
        if not batch:
            return
        wanted = defaultdict(float)
        for product_id, location_id, lot_id, quantity in batch:
            wanted[product_id, location_id, lot_id] += quantity
        quants = self.sudo().search(
            [
                ("product_id", "in", list({key[0] for key in wanted})),
                ("location_id", "in", list({key[1] for key in wanted})),
                ("lot_id", "in", list({key[2] for key in wanted})),
                ("package_id", "=", False),
                ("owner_id", "=", False),
            ]
        )
        by_key = quants.grouped(
            lambda q: (q.product_id.id, q.location_id.id, q.lot_id.id)
        )
        by_value = defaultdict(list)
        unusual = []
        for key, quantity in wanted.items():
            found = by_key.get(key)
            if found is None or len(found) != 1:
                unusual.append((key, quantity))
                continue
            by_value[max(0.0, found.reserved_quantity + quantity)].append(found.id)
        for value, ids in by_value.items():
            self.sudo().browse(ids).write({"reserved_quantity": value})
        for (product_id, location_id, lot_id), quantity in unusual:
            self.with_context(wms_reserve_batch=None)._update_reserved_quantity(
                self.env["product.product"].browse(product_id),
                self.env["stock.location"].browse(location_id),
                quantity,
                lot_id=self.env["stock.lot"].browse(lot_id),
            )
