# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading tens of thousands of serials' records in linear time.

When a field is read on a record not in cache, Odoo reads it for up to a
thousand records of the record's prefetch set (``_in_cache_without``), and to
find them it goes through the whole set. A container's 50,000 lines, lots,
quants or expected serials read field by field, in Odoo's code and ours, then
cost the square of their number. Path ``prefetch``: on those models a field is
read at once for an eighth of a large set: the same values, read in fewer,
larger queries. ``fetch_missing`` is the business rules' way of reading a field
of many records at once.
"""

from odoo.models import PREFETCH_MAX

from . import guard

# A field read on a record of a large set is read for this share of the set
# (``prefetch_limit``), up to ``PREFETCH_MOST`` records.
PREFETCH_SHARE = 8
PREFETCH_MOST = 20 * PREFETCH_MAX


def prefetch_limit(record, limit):
    """How many records of ``record``'s prefetch set to read a field for, where
    Odoo reads ``limit`` (``_in_cache_without``): at least an eighth of a large
    set (path ``prefetch``). Odoo reads a thousand at a time, and each read goes
    through the whole set to find the thousand not read yet: a set of tens of
    thousands of serials read field by field costs the square of its size. The
    values read are the same; only more are read at once."""
    if not limit:
        return limit
    ids = record._prefetch_ids
    # A set read from a relation is an iterable over the records holding it
    # (Odoo goes through it at each read too).
    size = len(ids) if isinstance(ids, tuple | list) else sum(1 for _id in ids)
    if size > limit * PREFETCH_SHARE and guard.enabled(record.env, "prefetch"):
        return min(size // PREFETCH_SHARE, PREFETCH_MOST)
    return limit


def fetch_missing(records, fnames):
    """``records.fetch(fnames)`` for those of ``records`` (stored, real records)
    that miss one of the fields in cache; nothing when all have them (``fetch``
    checks the access to every record again, in Python for records in cache:
    seconds for tens of thousands). Reads what Odoo would read, only sooner."""
    cache = records.env.cache
    missing = set()
    for fname in fnames:
        missing.update(cache.get_missing_ids(records, records._fields[fname]))
    if missing:
        records.browse(sorted(missing)).fetch(fnames)
