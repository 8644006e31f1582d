# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The translated labels of a selection field, as the user reads them."""


def selection_labels(model, fname):
    """``{value: label}`` of ``model``'s selection field ``fname``, in the
    language of ``model``'s environment (the field's selection translated, as
    Odoo shows it in lists and forms)."""
    return dict(model._fields[fname]._description_selection(model.env))
