# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scanner's endpoint for finishing a document.

Finishing takes the stock rows its validation updates first
(``stock.picking._wms_lock_source_quants``): two pickers finishing at once on the
same stock queue. When the lock comes after another validation changed those
rows since the transaction began, PostgreSQL refuses it ("could not serialize
access"): the finish starts again, in a new transaction, here, where the request
is handled; no model method rolls back or sleeps in its caller's transaction.
"""

import logging
import random
import time

from psycopg2.errors import SerializationFailure

from odoo import api, http
from odoo.http import request

_logger = logging.getLogger(__name__)

# How long a finish keeps starting again while other validations of the same
# stock go first.
RETRY_SECONDS = 30
FLOWS = ("wms.hhd.receive", "wms.hhd.pick")


def finish_retrying(env, model, picking_id, backorder=None):
    """``env[model].finish(picking_id, backorder)``, each attempt in a
    transaction of its own (committed when it succeeds), started again when it
    met another validation of the same stock, for up to ``RETRY_SECONDS``.
    ``env``'s own transaction is left untouched."""
    deadline = time.monotonic() + RETRY_SECONDS
    while True:
        try:
            with env.registry.cursor() as cr:
                attempt = api.Environment(cr, env.uid, env.context)
                return attempt[model].finish(picking_id, backorder)
        except SerializationFailure:
            if time.monotonic() > deadline:
                raise
        _logger.info(
            "%s %s waits for another validation of the same stock: starting again",
            model,
            picking_id,
        )
        time.sleep(random.uniform(0.01, 0.2))


class SerialScannerController(http.Controller):
    @http.route("/serial_tracking_wms_hhd/finish", type="json", auth="user")
    def finish(self, flow, picking_id, backorder=None):
        if flow not in FLOWS:
            raise request.not_found()
        return finish_retrying(request.env, flow, picking_id, backorder)
