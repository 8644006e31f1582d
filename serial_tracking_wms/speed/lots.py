# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Path ``new_lots``: thousands of new serials at once.

Odoo creates the lots of a receipt in one ``create`` call: every lot is a row
with its defaults and computed fields, and each gets a "created" message, logged
for the batch (``_message_log_batch``: same author, body and ``message_id``).
Here the first lot of each product goes through that ``create`` (one call: every
override runs on them, and their messages are one batch), and the others are
rows like their product's first (``rows.copy_rows``: their own values, their
defaults per row, their computed fields computed, the rest as ``create`` gave
that lot), each with a copy of its "created" message (its date defaulted per
row, the rest as ``_message_log_batch`` gives every message of a batch).

The interface (called by ``models/stock_lot.py``, ``move_lines.py`` and
``count.py``): ``create_many``.
"""

from odoo.tools import SQL, clean_context

from . import guard
from .allowlist import ALLOW_LIST
from .rows import can_copy_rows, copy_rows, per_row_defaults


def create_many(lots, vals_list):
    """``lots.create(vals_list)`` (``lots``: an empty ``stock.lot`` recordset)
    for thousands of serials, values giving the same fields, with the rows it
    leaves; the lots, in the order of ``vals_list``."""
    if len(vals_list) < 2 or not _can_create_many(lots, vals_list):
        return lots.create(vals_list)
    first_of = {}
    for index, vals in enumerate(vals_list):
        first_of.setdefault(vals.get("product_id"), index)
    firsts = lots.create([vals_list[index] for index in first_of.values()])
    template = dict(zip(first_of, firsts, strict=True))
    rest = [i for i in range(len(vals_list)) if i not in set(first_of.values())]
    if not all(_is_copyable(lot) for lot in firsts):
        made = lots.create([vals_list[i] for i in rest])
        by_index = dict(zip(first_of.values(), firsts, strict=True))
        by_index.update(zip(rest, made, strict=True))
        return lots.concat(*(by_index[i] for i in range(len(vals_list))))
    by_index = dict(zip(first_of.values(), firsts, strict=True))
    with lots._wms_serials_recorded_once(vals_list):
        for product_id, first in template.items():
            indexes = [i for i in rest if vals_list[i].get("product_id") == product_id]
            copies = copy_rows(first, [vals_list[i] for i in indexes])
            by_index.update(zip(indexes, copies, strict=True))
    others = lots.concat(*(by_index[i] for i in rest))
    _copy_messages(firsts[0], others)
    others._track_discard()
    return lots.concat(*(by_index[i] for i in range(len(vals_list))))


def _can_create_many(lots, vals_list):
    keys = set(vals_list[0])
    if any(set(vals) != keys for vals in vals_list):
        return False
    if (
        not guard.enabled(lots.env, "new_lots")
        or not can_copy_rows(lots, keys)
        or not can_copy_rows(lots.env["mail.message"], {"res_id"})
        or lots._track_get_fields() & keys
    ):
        return False
    # Lots of several products copy their own product's first lot: Odoo's
    # order of the per-row defaults (a sequence, say) is kept with one product.
    products = {vals.get("product_id") for vals in vals_list}
    return len(products) == 1 or not per_row_defaults(
        lots, [name for name in lots._fields if name not in keys]
    )


def _is_copyable(lot):
    """Whether what ``create`` left for ``lot``, just created, can be copied for
    other serials: one plain message at most (no follower, tracking value,
    recipient, attachment, notification or email)."""
    lot.env.flush_all()
    lot.env.cr.execute(
        SQL(
            """
            SELECT (SELECT COUNT(*) FROM mail_followers
                     WHERE res_model = %(model)s AND res_id = %(id)s),
                   (SELECT COUNT(*) FROM mail_message
                     WHERE model = %(model)s AND res_id = %(id)s),
                   (SELECT COUNT(*) FROM mail_message m
                     WHERE m.model = %(model)s AND m.res_id = %(id)s
                       AND (m.parent_id IS NOT NULL
                         OR EXISTS (SELECT 1 FROM mail_tracking_value v
                                     WHERE v.mail_message_id = m.id)
                         OR EXISTS (SELECT 1 FROM mail_notification n
                                     WHERE n.mail_message_id = m.id)
                         OR EXISTS (SELECT 1 FROM mail_message_res_partner_rel r
                                     WHERE r.mail_message_id = m.id)
                         OR EXISTS (SELECT 1 FROM message_attachment_rel a
                                     WHERE a.message_id = m.id)
                         OR EXISTS (SELECT 1 FROM mail_mail mm
                                     WHERE mm.mail_message_id = m.id)))
            """,
            model=lot._name,
            id=lot.id,
        )
    )
    followers, messages, linked = lot.env.cr.fetchone()
    return not followers and messages <= 1 and not linked


def _copy_messages(first, others):
    """The "created" message of ``first``, for each of ``others``: the values
    ``_message_log_batch`` gives every message of its batch, the date defaulted
    per row (as ``create`` does in the messages' clean context)."""
    messages = (
        first.env["mail.message"]
        .sudo()
        .search([("model", "=", first._name), ("res_id", "=", first.id)])
    )
    if not messages:
        return
    messages = messages.with_context(clean_context(messages.env.context))
    copy_rows(
        messages,
        [{"res_id": lot.id} for lot in others],
        same_for_all=ALLOW_LIST["new_lots"]["same_for_all"]["mail.message"],
    )
