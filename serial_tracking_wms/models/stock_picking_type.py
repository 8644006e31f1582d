# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo import api, models

LOT_FLAGS = ("use_create_lots", "use_existing_lots")


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    def _wms_is_pick_task_type(self):
        """The one rule of what a pick task is: a transfer of the warehouse's
        pick step, or of its delivery step when delivery is one step."""
        self.ensure_one()
        warehouse = self.warehouse_id
        if not warehouse:
            return False
        if warehouse.delivery_steps == "ship_only":
            return self == warehouse.out_type_id
        return self == warehouse.pick_type_id

    @api.model
    def _wms_pick_task_types(self):
        """All operation types whose transfers are pick tasks (for searches)."""
        warehouses = self.env["stock.warehouse"].search([])
        types = warehouses.pick_type_id | warehouses.out_type_id
        return types.filtered(lambda t: t._wms_is_pick_task_type())

    def _wms_takes_no_lots(self):
        """Odoo's per operation type opt-out: neither "Create New" nor "Use
        Existing" lots/serials; tracked products then pass without serial."""
        return bool(self) and not self.use_create_lots and not self.use_existing_lots

    @contextmanager
    def _wms_lots_optional(self):
        """Let native code treat these operation types as not asking for lots.

        Odoo decides per operation type (``use_create_lots``/``use_existing_lots``)
        whether a serial-tracked product needs a serial; this suite decides per
        product and step (Track During Pick products need none outside pick
        tasks), and Odoo offers no hook to say so per line. Inside this block,
        and only for the lines the caller passes to native code, the two flags
        read as off, the native way to let tracked products pass without serial.
        Nothing is written: the flags are set in the cache only.

        What keeps it to those lines: everything pending (writes, fields to
        compute) is done before the flags change, so no other record computes
        anything from them inside; on exit, what was done inside is written and
        every field computed from the flags (a related field of a line, ...)
        is dropped from the cache, so that nothing read from them inside
        outlives the block. The rest of the cache stays: a user without access
        to some records (a buyer confirming a purchase) goes on reading what
        Odoo read for them.
        """
        cache = self.env.cache
        self.env.flush_all()
        try:
            for fname in LOT_FLAGS:
                cache.update(self, self._fields[fname], [False] * len(self))
            yield
        except BaseException:
            # The transaction is abandoned: only the false flags go.
            self.invalidate_recordset(list(LOT_FLAGS))
            raise
        self.invalidate_recordset(list(LOT_FLAGS))
        self.env.flush_all()
        for fname in LOT_FLAGS:
            for dependent in self.pool.get_dependent_fields(self._fields[fname]):
                self.env[dependent.model_name].invalidate_model([dependent.name])
