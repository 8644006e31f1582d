# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading tens of thousands of serials' records in linear time.

When a field is read on a record not in cache, Odoo reads it for up to a
thousand records of the record's prefetch set (``_in_cache_without``), and to
find them it goes through the whole set. A container's 50,000 lines, lots,
quants or expected serials read field by field, in Odoo's code and ours, then
cost the square of their number. On these models a field is read at once for
an eighth of a large set (``tools/set_based.py: prefetch_limit``): the same
values, read in fewer, larger queries.
"""

from odoo import models
from odoo.models import PREFETCH_MAX

from ..tools.set_based import prefetch_limit


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def _in_cache_without(self, field, limit=PREFETCH_MAX):
        return super()._in_cache_without(field, prefetch_limit(self, limit))


class StockLot(models.Model):
    _inherit = "stock.lot"

    def _in_cache_without(self, field, limit=PREFETCH_MAX):
        return super()._in_cache_without(field, prefetch_limit(self, limit))


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def _in_cache_without(self, field, limit=PREFETCH_MAX):
        return super()._in_cache_without(field, prefetch_limit(self, limit))


class StockExpectedSerial(models.Model):
    _inherit = "stock.expected.serial"

    def _in_cache_without(self, field, limit=PREFETCH_MAX):
        return super()._in_cache_without(field, prefetch_limit(self, limit))
