# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Path ``company_check``: Odoo's company check of thousands of records at once.

Odoo checks, record by record and field by field, that a value's company fits
its record's (``BaseModel._check_company``: ``_check_company_domain`` of the
value's model, which depends on the companies only). Here each company's
records are checked together: the values of a field, once, with one
``filtered_domain``. The records found inconsistent, if any, go through Odoo's
own check, which raises its own error on them.
"""

from . import guard

# The fewest records checked set-based.
COMPANY_CHECK_ROWS = 100


def check_company(records, fnames=None, odoo_check=None):
    """``records._check_company(fnames)``, set-based. ``odoo_check(records,
    fnames)`` is Odoo's own check (by default ``_check_company``): it runs
    instead on a small set, where the path is off, for company-dependent
    fields, for models without ``company_id``, and on the records found
    inconsistent, to raise its own error."""
    if odoo_check is None:

        def odoo_check(recs, names):
            return recs._check_company(names)

    model = records.browse()
    if (
        len(records) < COMPANY_CHECK_ROWS
        or model._name == "res.company"
        or "company_id" not in model
        or not guard.enabled(records.env, "company_check")
    ):
        return odoo_check(records, fnames)
    names = model._fields if fnames is None else fnames
    regular, special = [], []
    for name in names:
        field = model._fields[name]
        if field.relational and field.check_company:
            (special if field.company_dependent else regular).append(name)
    # Fields holding no value on any record need no check (nor the records'
    # companies read: a related company not computed yet stays so).
    regular = [name for name in regular if records.sudo()[name]]
    inconsistent = model
    for company, group in (records.grouped("company_id") if regular else {}).items():
        for name in regular:
            values = group.sudo()[name]
            if not values:
                continue
            domain = values._check_company_domain(company)
            if not domain:
                continue
            wrong = values - values.with_context(active_test=False).filtered_domain(
                domain
            )
            if wrong:
                inconsistent |= group.filtered(
                    lambda rec, n=name, w=wrong: rec.sudo()[n] & w
                )
    if inconsistent:
        odoo_check(inconsistent, regular)
    if special:
        odoo_check(records, special)
    return None
