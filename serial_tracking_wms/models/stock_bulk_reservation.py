# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reserving thousands of serials at once.

Odoo reserves a serial-tracked move by choosing the quants (one search, in the
removal strategy's order) and creating one line per serial; creating each line
then updates its quant's reserved quantity on its own (a search and a write per
serial). Here the choice and the lines stay Odoo's; only those per-line quant
updates are collected and done together, on the very quants Odoo chose, with
the values Odoo writes (``write``, one per resulting value). The lines Odoo
creates for them (one ``create`` call, whose overrides work line by line) are
created set-based, with what those overrides do for lines of a reservation (see
``RESERVATION_LINE_METHODS``). When another module overrides the methods
involved (``stock.quant._wms_batch_known_overrides``,
``stock.move.line._wms_reservation_known_overrides``), Odoo's own path runs.
"""

from collections import defaultdict

from odoo import api, models

from ..tools.set_based import (
    can_create_rows,
    can_write_rows,
    create_rows,
    fetch_missing,
    foreign_overrides,
    rows_of_one_shape,
    unknown_overrides,
    write_rows,
)

# What creating the lines of a reservation runs, and the modules whose definitions
# ``stock.move.line._wms_create_reservation_lines`` reproduces for them (lines of
# an open move, reserving): stock gives each line its move's company and
# ``picked``, then reserves its quant and recomputes its move's state;
# stock_account then recomputes the analytic entries of the moves and corrects
# the valuation of done lines only; mrp links done lines of productions only.
# Other modules declare theirs with
# ``stock.move.line._wms_reservation_known_overrides``.
RESERVATION_LINE_METHODS = {
    ("stock.move.line", "create"): {
        None,
        "stock",
        "stock_account",
        "mrp",
        "serial_tracking_wms",
    },
}
# The fewest lines a reservation creates set-based.
RESERVATION_ROWS = 100


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


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        if self._wms_creates_reservation_lines(vals_list):
            return self._wms_create_reservation_lines(vals_list)
        return super().create(vals_list)

    @api.model
    def _wms_reservation_known_overrides(self):
        """{(model, method): modules} whose definitions of what creating the
        lines of a reservation runs ``_wms_create_reservation_lines``
        reproduces. A module overriding one of them without changing what it
        does for such lines adds itself here (``super()``, then add its name);
        otherwise, Odoo's own ``create`` runs."""
        return {key: set(modules) for key, modules in RESERVATION_LINE_METHODS.items()}

    @api.model
    def _wms_creates_reservation_lines(self, vals_list):
        """Whether these are the lines of a reservation of many serials (see
        ``StockMove._update_reserved_quantity``), to be created set-based."""
        return (
            self.env.context.get("wms_reserve_batch") is not None
            and rows_of_one_shape(vals_list, RESERVATION_ROWS)
            and all(vals.get("move_id") for vals in vals_list)
            and not {"quant_id", "lot_name", "picked"} & vals_list[0].keys()
            and can_create_rows(self, [*vals_list[0], "company_id", "picked"])
            and not unknown_overrides(self.env, self._wms_reservation_known_overrides())
        )

    @api.model
    def _wms_create_reservation_lines(self, vals_list):
        """``create(vals_list)`` for the lines of a reservation, set-based
        (``create_rows``), with what the overrides of ``create`` listed in
        ``RESERVATION_LINE_METHODS`` do for them."""
        moves = self.env["stock.move"].browse({vals["move_id"] for vals in vals_list})
        for vals in vals_list:
            move = moves.browse(vals["move_id"])
            vals["company_id"] = move.company_id.id
            vals["picked"] = move.picked
        lines = create_rows(self, vals_list)
        # Read for all the lines at once (read a thousand at a time, each read
        # went through every line read before: Odoo's prefetch).
        fetch_missing(
            lines,
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
        reserved_quant = self.env.context.get("reserved_quant", self.env["stock.quant"])
        to_recompute = set()
        for line in lines:
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
        self.env["stock.move"].browse(to_recompute)._recompute_state()
        # stock_account: the analytic entries of the moves.
        if hasattr(moves, "_account_analytic_entry_move"):
            moves._account_analytic_entry_move()
        return lines


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
        quants = self.sudo().search_fetch(
            [
                ("product_id", "in", list({key[0] for key in wanted})),
                ("location_id", "in", list({key[1] for key in wanted})),
                ("lot_id", "in", list({key[2] for key in wanted})),
                ("package_id", "=", False),
                ("owner_id", "=", False),
            ],
            ["product_id", "location_id", "lot_id", "reserved_quantity"],
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
        if self._wms_reserve_writes_set_based():
            # Odoo's write, in one statement for all (``write_rows``). Odoo's
            # leaves the value pending, written later with whatever else is
            # pending on these quants, by the user then at work (``write_uid``):
            # what is pending is written first, by this user, as Odoo would.
            rows = [(i, value) for value, ids in by_value.items() for i in ids]
            reserved = self.sudo().browse([i for i, _value in rows])
            reserved.flush_recordset()
            write_rows(reserved, [{"reserved_quantity": value} for _i, value in rows])
        else:
            for value, ids in by_value.items():
                self.sudo().browse(ids).write({"reserved_quantity": value})
        for (product_id, location_id, lot_id), quantity in unusual:
            self.with_context(wms_reserve_batch=None)._update_reserved_quantity(
                self.env["product.product"].browse(product_id),
                self.env["stock.location"].browse(location_id),
                quantity,
                lot_id=self.env["stock.lot"].browse(lot_id),
            )

    @api.model
    def _wms_reserve_writes_set_based(self):
        """Whether the reserved quantities of a reservation are written in one
        statement (``write_rows``): not in inventory mode (where stock's
        ``write`` refuses them), and only while no other module overrides
        ``stock.quant.write`` (stock's only checks inventory mode)."""
        return (
            not self.env.context.get("inventory_mode")
            and can_write_rows(self, ["reserved_quantity"])
            and not foreign_overrides(
                self, "write", {None, "stock", "serial_tracking_wms"}
            )
        )
