# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Validations too big for one request, run by Odoo's cron in the background.

``stock.picking.button_validate`` decides in the request what Odoo would ask (the
backorder, every pre-validation wizard), then, when the transfers carry more
serial lines than the threshold (``serial_tracking_wms.background_threshold``),
records a job with the user's context instead of calling ``_action_done``. The
cron ``ir_cron_serial_job`` runs it in its own transaction: Odoo's
``button_validate`` with the same context and answers, in a savepoint (all or
nothing), so that what other modules do after it (Batch Transfers' detaching
and auto-batching) is done too. While a
job is queued or running its transfers are locked
(``stock.serial.job._wms_check_unlocked``)."""

import json
import logging
import os
import uuid

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config

from ..tools.labels import selection_labels

_logger = logging.getLogger(__name__)

THRESHOLD_PARAM = "serial_tracking_wms.background_threshold"
DEFAULT_THRESHOLD = 10000
ACTIVE_STATES = ("queued", "running")
# Key, in the context, of the job running: only a ``JobToken`` (a Python object no
# RPC call can send) lets a write through the lock.
JOB_CONTEXT_KEY = "wms_serial_job"
# Key, in the cursor's cache, of the jobs recorded by the current button_validate.
QUEUED_KEY = "wms_serial_jobs_queued"
# Key, in the cursor's cache, of the transfers found unlocked in this transaction.
UNLOCKED_KEY = "wms_serial_jobs_unlocked"
# Seconds per serial a job is estimated to take when no job of its kind has ended
# yet (a validation of 50,000 serials: about 100 s on 2 cores).
DEFAULT_SECONDS_PER_UNIT = 0.002
# This process: a job left running by another process (killed by the server's
# limits, its work rolled back) is failed, not run again.
_PROCESS_KEY = uuid.uuid4().hex[:12]


class JobToken:
    """The job running, in the context (hashable, not JSON: not forgeable)."""

    __slots__ = ("job_id",)

    def __init__(self, job_id):
        self.job_id = job_id

    def __eq__(self, other):
        return isinstance(other, JobToken) and other.job_id == self.job_id

    def __hash__(self):
        return hash(("wms_serial_job", self.job_id))

    def __repr__(self):
        return f"JobToken({self.job_id})"


def _runner_key():
    return f"{os.getpid()}-{_PROCESS_KEY}"


class StockSerialJob(models.Model):
    _name = "stock.serial.job"
    _description = "Background validation of serial numbers"
    _order = "id desc"

    # --- Fields ---
    name = fields.Char(compute="_compute_name")
    picking_ids = fields.Many2many(
        "stock.picking",
        "stock_serial_job_picking_rel",
        "job_id",
        "picking_id",
        string="Transfers",
        readonly=True,
    )
    action = fields.Selection(
        [
            ("validate", "Validation"),
            ("confirm", "Confirmation"),
            ("assign", "Reservation"),
        ],
        required=True,
        default="validate",
        readonly=True,
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        required=True,
        default="queued",
        index=True,
        readonly=True,
    )
    progress = fields.Float(readonly=True, help="Per cent done.")
    units = fields.Integer(
        string="Serial Numbers",
        readonly=True,
        help="Serial lines (validation) or units (confirmation, reservation) of "
        "serial-tracked products on the transfers.",
    )
    message = fields.Text(readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Started by", required=True, readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    context_json = fields.Text(readonly=True)
    date_queued = fields.Datetime(string="Queued on", readonly=True)
    date_started = fields.Datetime(string="Started on", readonly=True)
    date_done = fields.Datetime(string="Ended on", readonly=True)
    runner = fields.Char(readonly=True)

    # --- Compute methods ---
    @api.depends("picking_ids", "action")
    def _compute_name(self):
        for job in self:
            job.name = _(
                "%(action)s %(pickings)s",
                action=job._wms_action_label(),
                pickings=", ".join(job.picking_ids.mapped("name")),
            )

    # --- CRUD ---
    @api.model_create_multi
    def create(self, vals_list):
        self._wms_forget_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        self._wms_forget_unlocked()
        return super().write(vals)

    # --- Action methods ---
    def action_wms_cancel(self):
        """An Inventory manager withdraws a job not started yet (the cron
        switched off, say): its transfers are unlocked, unchanged."""
        if not self.env.user.has_group("stock.group_stock_manager"):
            raise UserError(_("Only Inventory managers withdraw a background job."))
        for job in self:
            if job.state != "queued":
                raise UserError(
                    _(
                        "%(job)s is %(state)s: only a queued job can be withdrawn.",
                        job=job.name,
                        state=job._wms_state_label(),
                    )
                )
            job.sudo()._wms_fail(
                _(
                    "%(action)s of %(pickings)s withdrawn by %(user)s before it "
                    "started; nothing was changed.",
                    action=job._wms_action_label(),
                    pickings=", ".join(job.picking_ids.mapped("display_name")),
                    user=self.env.user.name,
                )
            )
        return True

    # --- Private helpers: the transfer's banner ---
    def _wms_banner_text(self):
        """What the transfer's form says of this job."""
        self.ensure_one()
        tz_self = self.with_user(self.env.user)
        if self.state == "queued":
            return _(
                "%(action)s in the background: queued, started by %(user)s at "
                "%(date)s. The transfer is locked until it is done.",
                action=self._wms_action_label(),
                user=self.user_id.name,
                date=fields.Datetime.context_timestamp(tz_self, self.date_queued),
            )
        if self.state == "running":
            return _(
                "%(action)s in the background: %(progress)s%% — started by "
                "%(user)s at %(date)s. The transfer is locked until it is done.",
                action=self._wms_action_label(),
                progress=int(self._wms_live_progress()),
                user=self.user_id.name,
                date=fields.Datetime.context_timestamp(
                    tz_self, self.date_started or self.date_queued
                ),
            )
        if self.state == "done":
            return _(
                "%(action)s done in the background at %(date)s (started by %(user)s).",
                action=self._wms_action_label(),
                user=self.user_id.name,
                date=fields.Datetime.context_timestamp(tz_self, self.date_done),
            )
        return self.message

    def _wms_live_progress(self):
        """Per cent done: 0 queued, 100 ended; while running, estimated from the
        time the last jobs of the same kind took per serial (Odoo's
        ``_action_done`` is one call: nothing partial can be committed), from
        10 up to 95."""
        self.ensure_one()
        if self.state != "running":
            return self.progress
        ended = self.sudo().search(
            [
                ("action", "=", self.action),
                ("state", "=", "done"),
                ("date_started", "!=", False),
                ("units", ">", 0),
            ],
            order="id desc",
            limit=5,
        )
        seconds = sum((j.date_done - j.date_started).total_seconds() for j in ended)
        units = sum(ended.mapped("units"))
        per_unit = (
            seconds / units if seconds > 0 and units else DEFAULT_SECONDS_PER_UNIT
        )
        estimate = max(per_unit * self.units, 1.0)
        elapsed = (
            fields.Datetime.now() - (self.date_started or self.date_queued)
        ).total_seconds()
        return round(10.0 + 85.0 * min(1.0, max(0.0, elapsed) / estimate), 1)

    def _wms_action_label(self):
        return self._wms_selection_label("action")

    def _wms_state_label(self):
        return self._wms_selection_label("state")

    def _wms_selection_label(self, fname):
        """The label of this job's selection field ``fname``, translated."""
        self.ensure_one()
        return selection_labels(self, fname)[self[fname]]

    # --- Private helpers: queuing ---
    @api.model
    def _wms_threshold(self):
        """Serial lines over which a validation runs in the background (0: never)."""
        value = self.env["ir.config_parameter"].sudo().get_param(THRESHOLD_PARAM)
        try:
            return int(value) if value not in (None, False, "") else DEFAULT_THRESHOLD
        except ValueError:
            return DEFAULT_THRESHOLD

    @api.model
    def _wms_serial_units(self, pickings, action):
        """What ``action`` on ``pickings`` weighs: their open move lines of
        serial-tracked products (validation), or the units of their open moves
        of serial-tracked products (confirmation and reservation make a line
        per unit)."""
        domain = [
            ("picking_id", "in", pickings.ids),
            ("product_id.tracking", "=", "serial"),
            ("state", "not in", ("done", "cancel")),
        ]
        if action == "validate":
            return self.env["stock.move.line"].search_count(domain)
        [(units,)] = self.env["stock.move"]._read_group(
            domain, aggregates=["product_uom_qty:sum"]
        )
        return int(units or 0)

    @api.model
    def _wms_defer(self, pickings, action):
        """Record a job doing ``action`` on ``pickings`` (with the current
        context) when they are over the threshold and this is not the job itself;
        return the job, or an empty recordset (then the caller does it).

        A validation is deferred where Odoo's ``button_validate`` (its questions
        answered) calls ``_action_done``; a confirmation or a reservation only
        when asked by the transfer's button (``wms_background_button`` in the
        button's context): code that confirms or reserves goes on as before."""
        job = self.browse()
        context = self.env.context
        asked = (
            "button_validate_picking_ids" in context
            if action == "validate"
            else context.get("wms_background_button")
        )
        if (
            not pickings
            or not asked
            or isinstance(context.get(JOB_CONTEXT_KEY), JobToken)
            or context.get("wms_no_background")
        ):
            return job
        threshold = self._wms_threshold()
        if threshold <= 0:
            return job
        units = self._wms_serial_units(pickings, action)
        if units < threshold:
            return job
        self._wms_check_unlocked(pickings)
        saved = {
            key: value
            for key, value in context.items()
            if isinstance(value, str | int | float | bool | list | tuple)
            or value is None
        }
        job = (
            self.sudo()
            .create(
                {
                    "picking_ids": [fields.Command.set(pickings.ids)],
                    "action": action,
                    "user_id": self.env.uid,
                    "company_id": self.env.company.id,
                    "units": units,
                    "context_json": json.dumps(saved, default=list),
                    "date_queued": fields.Datetime.now(),
                }
            )
            .sudo(False)
        )
        self.env.cr.cache.setdefault(QUEUED_KEY, []).append(job.id)
        job._wms_post_notes(
            lambda picking: _(
                "%(action)s of %(picking)s queued in the background "
                "(%(units)s serial numbers), started by %(user)s.",
                action=job._wms_action_label(),
                picking=picking.display_name,
                units=units,
                user=self.env.user.name,
            )
        )
        self.env.ref("serial_tracking_wms.ir_cron_serial_job")._trigger()
        return job

    @api.model
    def _wms_pop_queued(self):
        """The jobs recorded since the last call, in this transaction."""
        return self.browse(self.env.cr.cache.pop(QUEUED_KEY, []))

    @api.model
    def _wms_queued_action(self, jobs):
        """What the button answers when it queued ``jobs``."""
        label = jobs[:1]._wms_action_label()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": _("%s in the background", label),
                "message": _(
                    "%(pickings)s: %(action)s of %(units)s serial numbers runs in "
                    "the background. The transfer is locked until it is done; you "
                    "will be notified.",
                    pickings=", ".join(jobs.picking_ids.mapped("display_name")),
                    action=label,
                    units=sum(jobs.mapped("units")),
                ),
                "sticky": False,
                "wms_job_ids": jobs.ids,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # --- Private helpers: the lock ---
    @api.model
    def _wms_check_unlocked(self, pickings):
        """Refuse any change of ``pickings`` while a job validates them, except
        by the job itself."""
        if isinstance(self.env.context.get(JOB_CONTEXT_KEY), JobToken):
            return
        unlocked = self._wms_unlocked_ids()
        pickings = pickings.filtered(lambda p: p.id and p.id not in unlocked)
        if not pickings:
            return
        job = self.sudo().search(
            [("picking_ids", "in", pickings.ids), ("state", "in", ACTIVE_STATES)],
            limit=1,
        )
        if not job:
            unlocked.update(pickings.ids)
        else:
            raise UserError(
                _(
                    "%(pickings)s is locked: %(action)s in the background "
                    "(%(state)s, %(progress)s%%, started by %(user)s). It cannot "
                    "be changed until it ends.",
                    action=job._wms_action_label(),
                    pickings=", ".join(
                        (job.picking_ids & pickings).mapped("display_name")
                    ),
                    state=job._wms_state_label(),
                    progress=int(job.progress),
                    user=job.user_id.name,
                )
            )

    @api.model
    def _wms_check_unlocked_vals(self, vals_list):
        """Refuse new records (moves, move lines) on a locked transfer: the
        transfers their values name, directly or through their move."""
        pickings = self.env["stock.picking"].browse(
            {vals["picking_id"] for vals in vals_list if vals.get("picking_id")}
        )
        move_ids = {vals["move_id"] for vals in vals_list if vals.get("move_id")}
        if move_ids:
            pickings |= self.env["stock.move"].browse(move_ids).picking_id
        self._wms_check_unlocked(pickings)

    def _wms_unlocked_ids(self):
        """Transfers this transaction found without a job queued or running
        (a scan checks its transfer at each write: one query per transaction).
        Exact under Odoo's repeatable-read transactions: a job another
        transaction records later is not seen by this one anyway; one this
        transaction records or changes forgets them (``_wms_forget_unlocked``);
        the transaction's end too."""
        cr = self.env.cr
        cache = cr.cache
        unlocked = cache.get(UNLOCKED_KEY)
        if unlocked is None:
            unlocked = cache[UNLOCKED_KEY] = set()

            def forget():
                # The dict itself: a closing cursor has dropped its attribute.
                cache.pop(UNLOCKED_KEY, None)

            cr.postcommit.add(forget)
            cr.postrollback.add(forget)
        return unlocked

    def _wms_forget_unlocked(self):
        self.env.cr.cache.pop(UNLOCKED_KEY, None)

    # --- Private helpers: running ---
    @api.model
    def _cron_run_jobs(self):
        """One step of the oldest job: a queued job is marked running (the cron
        commits it, so the transfer shows it), a running one is done; the cron is
        told what remains (Odoo runs it again at once)."""
        jobs = self.search([("state", "in", ACTIVE_STATES)], order="id")
        cron = self.env["ir.cron"]
        if not jobs:
            cron._notify_progress(done=0, remaining=0)
            return
        job = jobs[0]
        if job.state == "queued":
            job.write(
                {
                    "state": "running",
                    "date_started": fields.Datetime.now(),
                    "progress": 10.0,
                    "runner": _runner_key(),
                }
            )
        elif job.runner != _runner_key() and job._wms_past_time_limit():
            # Started by another worker longer ago than a worker may run: it
            # was stopped (its transaction rolled back, nothing changed). A job
            # started more recently by another worker (the cron's loop ended
            # between its two steps, a restart) is run here.
            job._wms_fail(
                _(
                    "%(action)s of %(pickings)s: stopped before it ended (the "
                    "server's time limit for scheduled actions, "
                    "limit_time_real_cron, or a restart); nothing was changed.",
                    action=job._wms_action_label(),
                    pickings=", ".join(job.picking_ids.mapped("display_name")),
                )
            )
        else:
            job._wms_run()
        cron._notify_progress(done=1, remaining=len(jobs) - (job.state != "running"))

    def _wms_past_time_limit(self):
        """Whether the job started longer ago than a cron worker may run
        (``limit_time_real_cron``, else ``limit_time_real``; none: never)."""
        self.ensure_one()
        limit = config.get("limit_time_real_cron")
        if limit is None or limit < 0:
            limit = config.get("limit_time_real") or 0
        if not limit or not self.date_started:
            return False
        elapsed = (fields.Datetime.now() - self.date_started).total_seconds()
        return elapsed > limit

    def _wms_run(self):
        """Do the job's action on its transfers as its user would, with the
        user's context, all or nothing: a validation is Odoo's
        ``button_validate`` again (the backorder question answered in the
        request: ``skip_backorder``), so that what other modules do after it
        (Batch Transfers' detaching and auto-batching) is done too; a
        confirmation ``action_confirm``, a reservation ``action_assign``."""
        self.ensure_one()
        context = json.loads(self.context_json or "{}")
        context.pop("cancel_backorder", None)
        context[JOB_CONTEXT_KEY] = JobToken(self.id)
        if self.action == "validate":
            context["skip_backorder"] = True
        pickings = self.picking_ids.with_user(self.user_id).with_context(**context)
        if not self._wms_left_to_do(pickings):
            # Done meanwhile (by a job recorded at the same time, say).
            self._wms_mark_done(_("Nothing left to do: done meanwhile."))
            return
        try:
            with self.env.cr.savepoint():
                self._wms_do(pickings)
                self.env.flush_all()
        except Exception as error:  # noqa: BLE001 - reported on the job
            _logger.info("Background job %s failed: %s", self.id, error)
            self._wms_fail(self._wms_error_text(error))
            return
        self._wms_mark_done(_("Done."))
        label = self._wms_action_label()
        self._wms_post_notes(
            lambda picking: _(
                "%(action)s of %(picking)s done in the background "
                "(%(units)s serial numbers, started by %(user)s).",
                action=label,
                picking=picking.display_name,
                units=self.units,
                user=self.user_id.name,
            ),
            notify=True,
        )
        self._wms_notify_user(
            "success",
            _(
                "%(action)s of %(pickings)s done.",
                action=label,
                pickings=", ".join(self.picking_ids.mapped("display_name")),
            ),
        )

    def _wms_mark_done(self, message):
        self.write(
            {
                "state": "done",
                "progress": 100.0,
                "date_done": fields.Datetime.now(),
                "message": message,
            }
        )

    def _wms_do(self, pickings):
        """The job's action, Odoo's own method, on ``pickings`` (in the user's
        environment); raise when Odoo would still ask the user something."""
        self.ensure_one()
        open_pickings = self._wms_left_to_do(pickings)
        if not open_pickings:
            return
        if self.action == "confirm":
            open_pickings.action_confirm()
            return
        if self.action == "assign":
            open_pickings.action_assign()
            return
        open_pickings.button_validate()
        if open_pickings.filtered(lambda p: p.state != "done"):
            # Another question Odoo would ask (a wizard): the user's.
            raise UserError(
                _(
                    "%s needs a decision: validate it again in Odoo.",
                    ", ".join(open_pickings.mapped("display_name")),
                )
            )

    def _wms_left_to_do(self, pickings):
        """The transfers the job's action still applies to."""
        self.ensure_one()
        if self.action == "confirm":
            return pickings.filtered(lambda p: p.state == "draft")
        return pickings.filtered(lambda p: p.state not in ("done", "cancel"))

    def _wms_error_text(self, error):
        text = error.args[0] if isinstance(error, UserError) and error.args else None
        return _(
            "%(action)s of %(pickings)s failed; nothing was changed: %(error)s",
            action=self._wms_action_label(),
            pickings=", ".join(self.picking_ids.mapped("display_name")),
            error=text or str(error) or type(error).__name__,
        )

    def _wms_fail(self, message):
        self.ensure_one()
        self.write(
            {
                "state": "failed",
                "date_done": fields.Datetime.now(),
                "message": message,
            }
        )
        self._wms_post_notes(lambda picking: message, notify=True)
        self._wms_notify_user("danger", message)

    def _wms_post_notes(self, body, notify=False):
        """A note ``body(picking)`` on the chatter of each of the job's
        transfers, addressed to the user who started it when ``notify``. As
        superuser: a user without an email address may queue and be told (Odoo
        refuses a note whose author has no email); the author stays the user."""
        self.ensure_one()
        partners = self.user_id.partner_id.ids if notify else []
        for picking in self.picking_ids:
            picking.sudo().message_post(
                body=body(picking), partner_ids=partners, subtype_xmlid="mail.mt_note"
            )

    def _wms_notify_user(self, kind, message):
        """A notification on the screen of the user who started the job."""
        self.user_id._bus_send(
            "simple_notification",
            {
                "type": kind,
                "title": _("%s in the background", self._wms_action_label()),
                "message": message,
                "sticky": kind == "danger",
            },
        )
