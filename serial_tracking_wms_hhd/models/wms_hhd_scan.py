# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each scan recorded once: the scans the server has handled, by the id the
device gave them, with the answer it gave.

A scanner that lost the answer to a scan (the connection dropped after the
server recorded it) sends the same scan again, with the same id; it gets the
first answer again instead of a refusal ("given twice"). The ids are kept in
the database, so that this holds across reloads, workers and servers: a unique
index on (scan id, user), and a concurrent request with the same id waits for
the first and is started again (PostgreSQL's serialization failure, which
Odoo's request layer retries), then gets its answer."""

from datetime import timedelta

import psycopg2.errors

from odoo import api, fields, models

# How long the handled scans are kept (a device offline longer sends its
# queued scans as new ones).
KEEP_DAYS = 7
# The longest scan id taken (the app's are UUIDs).
SCAN_ID_MAX_LENGTH = 64
SCAN_UNIQUE = "wms_hhd_scan_scan_user_uniq"


class WmsHhdScan(models.Model):
    _name = "wms.hhd.scan"
    _description = "Scanner: scan handled"
    _order = "id"

    # --- Fields ---
    scan_id = fields.Char("Scan ID", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", "User", required=True, readonly=True, ondelete="cascade"
    )
    flow = fields.Char(readonly=True)
    answer = fields.Json(readonly=True)

    _sql_constraints = [
        (
            "scan_user_uniq",
            "unique(scan_id, user_id)",
            "A scan is handled once.",
        ),
    ]

    # --- Private helpers ---
    @api.model
    def _wms_handle_once(self, scan_id, flow, handle):
        """The answer to scan ``scan_id`` of this user on ``flow``: what
        ``handle()`` returns the first time (recorded with the scan, in the
        same transaction), the same answer every later time.

        A request handling the same id at the same moment waits for the first
        one at the unique index, then fails with a serialization failure; the
        request layer starts it again, and it finds the first answer."""
        scan_id = str(scan_id)[:SCAN_ID_MAX_LENGTH]
        Scan = self.sudo()
        handled = Scan.search_fetch(
            [("scan_id", "=", scan_id), ("user_id", "=", self.env.uid)],
            ["answer"],
            limit=1,
        )
        if handled:
            return handled.answer
        try:
            with self.env.cr.savepoint():
                scan = Scan.create(
                    {"scan_id": scan_id, "user_id": self.env.uid, "flow": flow}
                )
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != SCAN_UNIQUE:
                raise
            # Handled by a request that committed after this one began.
            self.env["stock.lot"]._wms_raise_serialization_failure()
        answer = handle()
        scan.answer = answer
        return answer

    @api.autovacuum
    def _gc_handled_scans(self):
        """Forget the scans handled more than ``KEEP_DAYS`` ago."""
        limit = fields.Datetime.now() - timedelta(days=KEEP_DAYS)
        self.sudo().search([("create_date", "<", limit)]).unlink()
