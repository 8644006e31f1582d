# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo import models

LOT_FLAGS = ("use_create_lots", "use_existing_lots")


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    @contextmanager
    def _wms_lots_optional(self):
        """Let native code treat these operation types as not asking for lots.

        Odoo decides per operation type (``use_create_lots``/``use_existing_lots``)
        whether a serial-tracked product needs a serial; this suite decides per
        product and step (Track During Pick products need none outside pick
        tasks). Inside this block, and only for the moves the caller passes to
        native code, the two flags read as off, the native way to let tracked
        products pass without serial. Nothing is written: the flags are set in
        the cache only and re-read from the database on exit.
        """
        cache = self.env.cache
        self.flush_recordset(list(LOT_FLAGS))
        try:
            for fname in LOT_FLAGS:
                cache.update(self, self._fields[fname], [False] * len(self))
            yield
        finally:
            self.invalidate_recordset(list(LOT_FLAGS))
