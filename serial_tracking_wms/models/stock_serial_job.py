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
        [("validate", "Validate")], required=True, default="validate", readonly=True
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
        string="Serial Lines", readonly=True, help="Serial lines on the transfers."
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
                action=dict(self._fields["action"]._description_selection(self.env))[
                    job.action
                ],
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

    # --- Private helpers: the transfer's banner ---
    def _wms_banner_text(self):
        """What the transfer's form says of this job."""
        self.ensure_one()
        tz_self = self.with_user(self.env.user)
        if self.state == "queued":
            return _(
                "Validation in the background: queued, started by %(user)s at "
                "%(date)s. The transfer is locked until it is done.",
                user=self.user_id.name,
                date=fields.Datetime.context_timestamp(tz_self, self.date_queued),
            )
        if self.state == "running":
            return _(
                "Validation in the background: %(progress)s%% — started by %(user)s "
                "at %(date)s. The transfer is locked until it is done.",
                progress=int(self.progress),
                user=self.user_id.name,
                date=fields.Datetime.context_timestamp(
                    tz_self, self.date_started or self.date_queued
                ),
            )
        if self.state == "done":
            return _(
                "Validated in the background at %(date)s (started by %(user)s).",
                user=self.user_id.name,
                date=fields.Datetime.context_timestamp(tz_self, self.date_done),
            )
        return self.message

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
    def _wms_serial_units(self, pickings):
        """Open move lines of serial-tracked products on ``pickings``."""
        return self.env["stock.move.line"].search_count(
            [
                ("picking_id", "in", pickings.ids),
                ("product_id.tracking", "=", "serial"),
                ("state", "not in", ("done", "cancel")),
            ]
        )

    @api.model
    def _wms_defer_validation(self, pickings):
        """Record a job validating ``pickings`` (``_action_done`` with the current
        context) when they are over the threshold and this is not the job itself;
        return the job, or an empty recordset (then the caller validates)."""
        job = self.browse()
        context = self.env.context
        if (
            not pickings
            or isinstance(context.get(JOB_CONTEXT_KEY), JobToken)
            or context.get("wms_no_background")
            or "button_validate_picking_ids" not in context
        ):
            return job
        threshold = self._wms_threshold()
        if threshold <= 0:
            return job
        units = self._wms_serial_units(pickings)
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
        for picking in pickings:
            picking.message_post(
                body=_(
                    "Validation of %(picking)s queued in the background "
                    "(%(units)s serial lines), started by %(user)s.",
                    picking=picking.display_name,
                    units=units,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.env.ref("serial_tracking_wms.ir_cron_serial_job")._trigger()
        return job

    @api.model
    def _wms_pop_queued(self):
        """The jobs recorded since the last call, in this transaction."""
        return self.browse(self.env.cr.cache.pop(QUEUED_KEY, []))

    @api.model
    def _wms_queued_action(self, jobs):
        """What button_validate answers when it queued ``jobs``."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": _("Validation in the background"),
                "message": _(
                    "%(pickings)s: %(units)s serial lines are validated in the "
                    "background. The transfer is locked until it is done; you "
                    "will be notified.",
                    pickings=", ".join(jobs.picking_ids.mapped("display_name")),
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
                    "%(pickings)s is being validated in the background (%(state)s, "
                    "%(progress)s%%, started by %(user)s): it cannot be changed "
                    "until the validation ends.",
                    pickings=", ".join(
                        (job.picking_ids & pickings).mapped("display_name")
                    ),
                    state=dict(job._fields["state"]._description_selection(self.env))[
                        job.state
                    ],
                    progress=int(job.progress),
                    user=job.user_id.name,
                )
            )

    def _wms_unlocked_ids(self):
        """Transfers this transaction found without a job queued or running
        (a scan checks its transfer at each write: one query per transaction).
        Exact under Odoo's repeatable-read transactions: a job another
        transaction records later is not seen by this one anyway; one this
        transaction records or changes forgets them (``_wms_forget_unlocked``);
        the transaction's end too."""
        cr = self.env.cr
        unlocked = cr.cache.get(UNLOCKED_KEY)
        if unlocked is None:
            unlocked = cr.cache[UNLOCKED_KEY] = set()

            def forget():
                cr.cache.pop(UNLOCKED_KEY, None)

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
        elif job.runner != _runner_key():
            # Its worker ended without an outcome: killed by the server's limits
            # (its transaction rolled back, nothing changed).
            job._wms_fail(
                _(
                    "The validation of %(pickings)s was stopped by the server's "
                    "limits before it ended (limit_time_real_cron): nothing was "
                    "changed.",
                    pickings=", ".join(job.picking_ids.mapped("display_name")),
                )
            )
        else:
            job._wms_run()
        cron._notify_progress(done=1, remaining=len(jobs) - (job.state != "running"))

    def _wms_run(self):
        """Validate the job's transfers as its user would: Odoo's
        ``button_validate`` again, with the user's context and the answers given
        in the request (the backorder question answered: ``skip_backorder``);
        all or nothing."""
        self.ensure_one()
        context = json.loads(self.context_json or "{}")
        context.pop("cancel_backorder", None)
        context.update({JOB_CONTEXT_KEY: JobToken(self.id), "skip_backorder": True})
        pickings = self.picking_ids.with_user(self.user_id).with_context(**context)
        try:
            with self.env.cr.savepoint():
                open_pickings = pickings.filtered(
                    lambda p: p.state not in ("done", "cancel")
                )
                if open_pickings:
                    open_pickings.button_validate()
                if open_pickings.filtered(lambda p: p.state != "done"):
                    # Another question Odoo would ask (a wizard): the user's.
                    raise UserError(
                        _(
                            "%s needs a decision: validate it again in Odoo.",
                            ", ".join(open_pickings.mapped("display_name")),
                        )
                    )
                self.env.flush_all()
        except Exception as error:  # noqa: BLE001 - reported on the job
            _logger.info("Background validation %s failed: %s", self.id, error)
            self._wms_fail(self._wms_error_text(error))
            return
        self.write(
            {
                "state": "done",
                "progress": 100.0,
                "date_done": fields.Datetime.now(),
                "message": _("Done."),
            }
        )
        for picking in self.picking_ids:
            picking.message_post(
                body=_(
                    "%(picking)s validated in the background (%(units)s serial "
                    "lines, started by %(user)s).",
                    picking=picking.display_name,
                    units=self.units,
                    user=self.user_id.name,
                ),
                partner_ids=self.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        self._wms_notify_user(
            "success",
            _(
                "%s validated.",
                ", ".join(self.picking_ids.mapped("display_name")),
            ),
        )

    def _wms_error_text(self, error):
        text = error.args[0] if isinstance(error, UserError) and error.args else None
        return _(
            "The validation of %(pickings)s failed; nothing was changed: %(error)s",
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
        for picking in self.picking_ids:
            picking.message_post(
                body=message,
                partner_ids=self.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        self._wms_notify_user("danger", message)

    def _wms_notify_user(self, kind, message):
        """A notification on the screen of the user who started the job."""
        self.user_id._bus_send(
            "simple_notification",
            {
                "type": kind,
                "title": _("Validation in the background"),
                "message": message,
                "sticky": kind == "danger",
            },
        )
