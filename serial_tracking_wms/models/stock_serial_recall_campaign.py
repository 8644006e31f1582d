# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from markupsafe import Markup, escape

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.labels import selection_labels
from ..wizard.stock_serial_input_mixin import INPUT_FIELDS

# The follow-up statuses of a line still open: the unit is in the field.
OPEN_STATUSES = ("to_notify", "notified")
# The statuses that settle a line.
SETTLED_STATUSES = ("returned", "replaced", "written_off")
# Where a recalled unit is, from the usage of the location holding it.
KIND_OF_USAGE = {
    "internal": "stock",
    "transit": "stock",
    "customer": "customer",
    "production": "consumed",
}
# The columns of a recall's export, in order.
CAMPAIGN_EXPORT_FIELDS = [
    "lot_id",
    "product_id",
    "location_kind",
    "partner_id",
    "email",
    "phone",
    "picking_id",
    "delivery_date",
    "status",
    "notified_date",
    "return_picking_id",
    "return_date",
    "note",
]
# The lines written per INSERT when a recall opens.
INSERT_BATCH = 50000
# The customers emailed in the request (the rest by the scheduled action), and
# by each run of the scheduled action: rendering an email takes 10-20 ms.
NOTIFY_BATCH = 100
NOTIFY_CRON_BATCH = 500


class StockSerialRecallCampaign(models.Model):
    """A recall that lasts: the serial numbers it covers (given as the Serial
    Number Recall wizard takes them), one line per affected unit saying where it
    is and how its follow-up stands, the customers told, the units coming back."""

    _name = "stock.serial.recall.campaign"
    _inherit = ["stock.serial.input.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Recall Campaign"
    _order = "id desc"
    # Stock users follow the recall up: they may comment on it.
    _mail_post_access = "read"

    # --- Fields ---
    name = fields.Char(
        "Reference", required=True, copy=False, readonly=True, default="/"
    )
    reason = fields.Text(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    # The wizard's ways of naming the serials.
    input_method = fields.Selection(
        selection_add=[
            ("range", "A range"),
            ("vendor", "Received from a vendor"),
            ("receipt", "Received on a pre-receipt"),
        ],
        string="Serials From",
        ondelete={"vendor": "cascade", "receipt": "cascade"},
    )
    vendor_id = fields.Many2one("res.partner", "Vendor")
    receipt_id = fields.Many2one(
        "stock.picking",
        "Pre-Receipt",
        domain="[('picking_type_code', '=', 'incoming'), ('state', '=', 'done')]",
    )
    product_id = fields.Many2one("product.product", "Product")
    block_picking = fields.Boolean(
        "Block Picking",
        default=True,
        help="While the recall is open, its serial numbers in stock cannot be picked.",
    )
    line_ids = fields.One2many(
        "stock.serial.recall.campaign.line", "campaign_id", string="Affected Units"
    )
    line_count = fields.Integer("Units", compute="_compute_counts")
    to_notify_count = fields.Integer("To Notify", compute="_compute_counts")
    notified_count = fields.Integer("Notified", compute="_compute_counts")
    returned_count = fields.Integer("Returned", compute="_compute_counts")
    replaced_count = fields.Integer("Replaced", compute="_compute_counts")
    written_off_count = fields.Integer("Written Off", compute="_compute_counts")
    in_stock_count = fields.Integer("In Stock", compute="_compute_counts")
    in_field_count = fields.Integer(
        "Still in the Field",
        compute="_compute_counts",
        help="Units at customers not yet returned, replaced or written off.",
    )
    progress = fields.Float(
        compute="_compute_counts",
        help="The share of the units to follow up that are settled.",
    )
    export_file = fields.Binary("Export", attachment=False, readonly=True)
    export_filename = fields.Char(readonly=True)
    notify_pending = fields.Boolean(
        "Emails Being Queued",
        readonly=True,
        copy=False,
        help="Customers are left to email: the scheduled action queues their "
        "emails in batches.",
    )
    customer_without_email_ids = fields.Many2many(
        "res.partner",
        string="Customers to Call or Write To",
        compute="_compute_customer_without_email_ids",
    )

    # --- CRUD ---
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("stock.serial.recall.campaign")
                    or "/"
                )
        return super().create(vals_list)

    # --- Compute methods ---
    @api.depends("line_ids.status", "line_ids.location_kind")
    def _compute_counts(self):
        groups = self.env["stock.serial.recall.campaign.line"]._read_group(
            [("campaign_id", "in", self.ids)],
            ["campaign_id", "status", "location_kind"],
            ["__count"],
        )
        counts = {}
        for campaign, status, kind, count in groups:
            counts.setdefault(campaign.id, []).append((status, kind, count))
        for campaign in self:
            rows = counts.get(campaign.id, [])

            def total(test, rows=rows):
                return sum(count for status, kind, count in rows if test(status, kind))

            campaign.line_count = total(lambda s, k: True)
            for status in ("to_notify", "notified", "returned", "replaced"):
                campaign[f"{status}_count"] = total(lambda s, k, st=status: s == st)
            campaign.written_off_count = total(lambda s, k: s == "written_off")
            campaign.in_stock_count = total(lambda s, k: k == "stock")
            campaign.in_field_count = total(
                lambda s, k: k == "customer" and s in OPEN_STATUSES
            )
            followed = total(lambda s, k: bool(s))
            settled = total(lambda s, k: s in SETTLED_STATUSES)
            campaign.progress = 100.0 * settled / followed if followed else 0.0

    @api.depends("line_ids.status", "line_ids.partner_id")
    def _compute_customer_without_email_ids(self):
        """The customers with units to tell that no email reaches (neither the
        contact nor its company has one): for a call or a letter."""
        Line = self.env["stock.serial.recall.campaign.line"]
        for campaign in self:
            groups = Line._read_group(
                campaign._wms_lines_to_tell_domain()
                + [("customer_id.email", "=", False), ("partner_id.email", "=", False)],
                ["partner_id"],
            )
            campaign.customer_without_email_ids = self.env["res.partner"].union(
                *(p for (p,) in groups)
            )

    # --- Action methods ---
    def action_open(self):
        """Find the affected units and open the recall."""
        self._wms_check_manager()
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(_("Recall %s is not a draft.", campaign.name))
            lots = campaign._wms_lots()
            if not lots:
                raise UserError(
                    _(
                        "Recall %(recall)s names no known serial number: %(check)s",
                        recall=campaign.name,
                        check=campaign._wms_check_message(),
                    )
                )
            campaign._wms_create_lines(lots)
            campaign.state = "open"
            campaign.message_post(
                body=_(
                    "Recall opened: %(count)s units, %(field)s at customers.",
                    count=campaign.line_count,
                    field=campaign.in_field_count,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_close(self):
        """Close the recall: its serials in stock can be picked again."""
        self._wms_check_manager()
        if self.filtered(lambda c: c.state != "open"):
            raise UserError(_("Only an open recall can be closed."))
        self.write({"state": "closed"})
        return True

    def action_notify(self):
        """Queue one email per customer reached by email, listing its units
        still to notify; logged on the customer and the recall. The first
        ``NOTIFY_BATCH`` customers now, the others in batches of
        ``NOTIFY_CRON_BATCH`` by the scheduled action."""
        self._wms_check_manager()
        template = self._wms_notify_template()
        for campaign in self:
            if campaign.state != "open":
                raise UserError(
                    _("Recall %s must be open to notify customers.", campaign.name)
                )
            if campaign._wms_notify(template, NOTIFY_BATCH):
                campaign.notify_pending = True
                self.env.ref(
                    "serial_tracking_wms.ir_cron_recall_notify"
                ).sudo()._trigger()
        return True

    @api.model
    def _cron_wms_notify(self):
        """The emails of the recalls still to notify, a batch of customers at a
        time (the scheduled action runs again while some are left)."""
        campaigns = self.search(
            [("notify_pending", "=", True), ("state", "=", "open")], limit=1
        )
        if not campaigns:
            return
        remaining = campaigns._wms_notify(
            self._wms_notify_template(), NOTIFY_CRON_BATCH
        )
        if not remaining:
            campaigns.notify_pending = False
        left = self.search_count(
            [("notify_pending", "=", True), ("state", "=", "open")]
        )
        self.env["ir.cron"]._notify_progress(done=1, remaining=left)

    def action_print_letters(self):
        self.ensure_one()
        return self.env.ref(
            "serial_tracking_wms.action_report_recall_letter"
        ).report_action(self)

    @api.readonly
    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "serial_tracking_wms.action_stock_serial_recall_campaign_line"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"create": False}
        action["name"] = _("Recall %s", self.name)
        return action

    @api.readonly
    def wms_find_deliveries(self, offset=0, limit=80):
        """The recall's search without writing anything (a read-only cursor,
        the database replica when there is one): the deliveries to customers of
        the serials this recall names, one page at a time, as the Serial Number
        Recall's ``wms_find_deliveries`` gives them; before the recall is
        opened, what Open would find."""
        self.ensure_one()
        return self._wms_search_wizard()._wms_deliveries_page(offset, limit)

    # --- Public helpers (called from the mail template and the letter) ---
    def wms_partner_lines(self, partner_id):
        """The lines of customer ``partner_id`` (or of its contacts) to tell."""
        self.ensure_one()
        partner = self.env["res.partner"].browse(partner_id)
        return self.env["stock.serial.recall.campaign.line"].search(
            self._wms_lines_to_tell_domain()
            + [("customer_id", "=", partner.commercial_partner_id.id)]
        )

    def wms_letter_partners(self):
        """The customers without email, to receive a letter."""
        self.ensure_one()
        return self.customer_without_email_ids

    # --- Private helpers ---
    def _wms_check_manager(self):
        if not self.env.user.has_group("stock.group_stock_manager"):
            raise AccessError(
                _("Only Inventory managers create, open, notify and close recalls.")
            )

    def _wms_search_wizard(self):
        """The Serial Number Recall wizard with this recall's input, whose search
        code finds the serials (never saved)."""
        self.ensure_one()
        values = {
            name: self[name]
            for name in (*INPUT_FIELDS, "vendor_id", "receipt_id", "product_id")
        }
        return self.env["stock.serial.recall"].new(
            {
                **values,
                "import_file": self.with_context(bin_size=False).import_file,
                "company_id": self.company_id.id,
            }
        )

    def _wms_lots(self):
        return self._wms_search_wizard()._wms_lots()

    def _wms_check_message(self):
        count, errors, message = self._wms_search_wizard()._wms_check()
        return "\n".join(errors) if errors else message

    def _wms_lines_to_tell_domain(self):
        return [
            ("campaign_id", "in", self.ids),
            ("location_kind", "=", "customer"),
            ("status", "=", "to_notify"),
            ("partner_id", "!=", False),
        ]

    def _wms_create_lines(self, lots):
        """One line per serial of ``lots``: where it is now, from its
        deliveries (one query) and its quants (one query); written by INSERTs of
        arrays, there can be a hundred thousand."""
        self.ensure_one()
        self.env["stock.serial.recall.campaign.line"].check_access("create")
        lot_ids = lots.ids
        deliveries = lots._wms_recall_deliveries()
        ml_ids = {ml_id for row in deliveries for ml_id in row[:2] if ml_id}
        move_lines = {}
        if ml_ids:
            for ml_id, lot_id, picking_id, date in self.env.execute_query(
                SQL(
                    "SELECT id, lot_id, picking_id, date FROM stock_move_line"
                    " WHERE id = ANY(%s::int[])",
                    "{" + ",".join(map(str, ml_ids)) + "}",
                )
            ):
                move_lines[ml_id] = (lot_id, picking_id, date)
        # The latest delivery of each serial (the query gives the oldest first).
        latest = {}
        for delivery_id, return_id, partner_id in deliveries:
            lot_id = move_lines[delivery_id][0]
            latest[lot_id] = (delivery_id, return_id, partner_id)
        self.env["stock.quant"].flush_model(["lot_id", "location_id", "quantity"])
        where = {
            lot_id: (location_id, usage, scrap)
            for lot_id, location_id, usage, scrap in self.env.execute_query(
                SQL(
                    """
                    SELECT DISTINCT ON (quant.lot_id) quant.lot_id,
                           quant.location_id, location.usage,
                           COALESCE(location.scrap_location, FALSE)
                      FROM stock_quant quant
                      JOIN stock_location location ON location.id = quant.location_id
                     WHERE quant.lot_id = ANY(%s::int[]) AND quant.quantity > 0
                     ORDER BY quant.lot_id, quant.quantity DESC, quant.id
                    """,
                    "{" + ",".join(map(str, lot_ids)) + "}",
                )
            )
        }
        rows = []
        for lot_id in lot_ids:
            location_id, usage, scrap = where.get(lot_id, (None, None, False))
            kind = "scrapped" if scrap else KIND_OF_USAGE.get(usage, "other")
            partner_id = picking_id = date = None
            return_picking_id = return_date = None
            delivery = latest.get(lot_id)
            if delivery:
                delivery_id, return_id, partner = delivery
                _lot, picking_id, date = move_lines[delivery_id]
                if return_id:
                    _lot, return_picking_id, return_date = move_lines[return_id]
                elif not scrap and usage in (None, "customer"):
                    kind, partner_id = "customer", partner
            status = "to_notify" if kind == "customer" else None
            rows.append(
                (
                    lot_id,
                    kind,
                    location_id,
                    partner_id,
                    picking_id,
                    date,
                    return_picking_id,
                    return_date,
                    status,
                )
            )
        self.env.flush_all()
        now = self.env.cr.now()
        for start in range(0, len(rows), INSERT_BATCH):
            batch = rows[start : start + INSERT_BATCH]
            columns = list(zip(*batch, strict=True))
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO stock_serial_recall_campaign_line (
                        campaign_id, company_id, lot_id, product_id, location_kind,
                        location_id, partner_id, customer_id, picking_id, delivery_date,
                        return_picking_id, return_date, status,
                        create_uid, create_date, write_uid, write_date)
                    SELECT %(campaign)s, %(company)s, unit.lot_id, lot.product_id,
                           unit.kind, unit.location_id, unit.partner_id,
                           COALESCE(partner.commercial_partner_id, partner.id),
                           unit.picking_id, unit.date, unit.return_picking_id,
                           unit.return_date, unit.status,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM unnest(%(lots)s::int[], %(kinds)s::varchar[],
                                  %(locations)s::int[], %(partners)s::int[],
                                  %(pickings)s::int[], %(dates)s::timestamp[],
                                  %(return_pickings)s::int[],
                                  %(return_dates)s::timestamp[],
                                  %(statuses)s::varchar[])
                           AS unit(lot_id, kind, location_id, partner_id,
                                   picking_id, date, return_picking_id,
                                   return_date, status)
                      JOIN stock_lot lot ON lot.id = unit.lot_id
                      LEFT JOIN res_partner partner ON partner.id = unit.partner_id
                    """,
                    campaign=self.id,
                    company=self.company_id.id,
                    uid=self.env.uid,
                    now=now,
                    lots=list(columns[0]),
                    kinds=list(columns[1]),
                    locations=list(columns[2]),
                    partners=list(columns[3]),
                    pickings=list(columns[4]),
                    dates=list(columns[5]),
                    return_pickings=list(columns[6]),
                    return_dates=list(columns[7]),
                    statuses=list(columns[8]),
                )
            )
        self.env["stock.serial.recall.campaign.line"].invalidate_model()
        self.invalidate_recordset()

    def _wms_notify_template(self):
        template = self.env.ref(
            "serial_tracking_wms.mail_template_recall_customer",
            raise_if_not_found=False,
        )
        if not template:
            raise UserError(_("The recall email template is missing."))
        return template

    def _wms_reachable_domain(self):
        """The lines to tell whose customer an email reaches."""
        return self._wms_lines_to_tell_domain() + [
            "|",
            ("customer_id.email", "!=", False),
            ("partner_id.email", "!=", False),
        ]

    def _wms_notify(self, template, limit=None):
        """Queue the emails of this open recall to ``limit`` customers (all by
        default): one ``mail.mail`` each, created together, sent by the mail
        queue (never in the request), its message on the customer.

        :return: how many customers reached by email are left to notify
        """
        self.ensure_one()
        Line = self.env["stock.serial.recall.campaign.line"]
        domain = self._wms_reachable_domain()
        groups = Line._read_group(domain, ["customer_id"], order="customer_id")
        customers = self.env["res.partner"].union(*(c for (c,) in groups))
        batch, left = customers[:limit], customers[limit:] if limit else []
        lines = Line.search(domain + [("customer_id", "in", batch.ids)])
        by_customer = {}
        for line in lines:
            by_customer.setdefault(line.customer_id, []).append(line)
        comment = self.env.ref("mail.mt_comment")
        author = self.env.user.partner_id
        email_from = self.company_id.email_formatted or author.email_formatted
        vals_list, names = [], []
        for customer, customer_lines in by_customer.items():
            recipient = (
                customer
                if customer.email
                else next(
                    line.partner_id for line in customer_lines if line.partner_id.email
                )
            )
            rendered = template.with_context(
                wms_partner_id=customer.id, lang=recipient.lang or self.env.lang
            )
            body = rendered._render_field("body_html", self.ids)[self.id]
            subject = rendered._render_field("subject", self.ids)[self.id]
            vals_list.append(
                {
                    "model": "res.partner",
                    "res_id": recipient.id,
                    "message_type": "email_outgoing",
                    "subtype_id": comment.id,
                    "author_id": author.id,
                    "email_from": email_from,
                    "subject": subject,
                    "body": body,
                    "body_html": body,
                    "recipient_ids": [Command.set(recipient.ids)],
                    "auto_delete": False,
                    "mail_server_id": template.mail_server_id.id,
                }
            )
            names.append(recipient.display_name)
        if vals_list:
            self.env["mail.mail"].sudo().create(vals_list)
            lines.write({"status": "notified", "notified_date": fields.Datetime.now()})
        body = escape(
            _(
                "%(count)s customers emailed (queued): %(customers)s.",
                count=len(names),
                customers=", ".join(names) or "-",
            )
        )
        if left:
            body += Markup("<br/>") + escape(
                _(
                    "%s more customers to email: the scheduled action queues them "
                    "in batches.",
                    len(left),
                )
            )
        else:
            missing = self.customer_without_email_ids
            if missing:
                body += Markup("<br/>") + escape(
                    _(
                        "Without email, to call or write to: %s.",
                        ", ".join(missing.mapped("display_name")),
                    )
                )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        return len(left)

    def _wms_register_returns(self, move_lines):
        """Mark returned the open lines of the serials ``move_lines`` (done,
        from customers) bring back; a message on each recall concerned."""
        lots = move_lines.lot_id
        if not lots:
            return
        Line = self.env["stock.serial.recall.campaign.line"].sudo()
        lines = Line.search(
            [
                ("lot_id", "in", lots.ids),
                ("campaign_id.state", "=", "open"),
                ("status", "in", OPEN_STATUSES),
            ]
        )
        if not lines:
            return
        back_by_lot = {ml.lot_id.id: ml for ml in move_lines if ml.lot_id}
        for campaign in lines.campaign_id:
            campaign_lines = lines.filtered(
                lambda line, c=campaign: line.campaign_id == c
            )
            for line in campaign_lines:
                back = back_by_lot[line.lot_id.id]
                line.write(
                    {
                        "status": "returned",
                        "location_kind": "stock"
                        if back.location_dest_id.usage in ("internal", "transit")
                        else "other",
                        "location_id": back.location_dest_id.id,
                        "return_picking_id": back.picking_id.id,
                        "return_date": back.date,
                    }
                )
            campaign.message_post(
                body=_(
                    "Returned: %(serials)s by %(returns)s; %(count)s units still "
                    "in the field.",
                    serials=", ".join(campaign_lines.lot_id.mapped("name")),
                    returns=", ".join(campaign_lines.return_picking_id.mapped("name")),
                    count=campaign.in_field_count,
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _wms_recalled_serials(self, product, names, company):
        """The open recalls blocking the picking of ``names`` of ``product``.

        :return: dict serial name -> recall reference
        """
        if not names:
            return {}
        lines = (
            self.env["stock.serial.recall.campaign.line"]
            .sudo()
            .search(
                [
                    ("product_id", "=", product.id),
                    ("lot_id.name", "in", list(names)),
                    ("campaign_id.state", "=", "open"),
                    ("campaign_id.block_picking", "=", True),
                    ("company_id", "=", company.id),
                ]
            )
        )
        return {line.lot_id.name: line.campaign_id.name for line in lines}


class StockSerialRecallCampaignLine(models.Model):
    """One unit a recall covers: where it is, and how its follow-up stands."""

    _name = "stock.serial.recall.campaign.line"
    _description = "Recall Campaign Line"
    _order = "campaign_id, partner_id, id"
    _rec_name = "lot_id"

    # --- Fields ---
    campaign_id = fields.Many2one(
        "stock.serial.recall.campaign",
        "Recall",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    campaign_state = fields.Selection(
        related="campaign_id.state", string="Recall State"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    lot_id = fields.Many2one(
        "stock.lot", "Serial Number", required=True, index=True, readonly=True
    )
    product_id = fields.Many2one("product.product", "Product", readonly=True)
    location_kind = fields.Selection(
        [
            ("stock", "In Stock"),
            ("customer", "At a Customer"),
            ("scrapped", "Scrapped"),
            ("consumed", "Consumed"),
            ("other", "Elsewhere"),
        ],
        "Where",
        readonly=True,
    )
    location_id = fields.Many2one("stock.location", "Location", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True, index=True)
    customer_id = fields.Many2one(
        "res.partner",
        "Customer Company",
        readonly=True,
        index=True,
        help="The customer's company (the contact itself when it has none): one "
        "email each.",
    )
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    picking_id = fields.Many2one("stock.picking", "Delivery", readonly=True)
    delivery_date = fields.Datetime("Delivered On", readonly=True)
    return_picking_id = fields.Many2one("stock.picking", "Return", readonly=True)
    return_date = fields.Datetime("Returned On", readonly=True)
    status = fields.Selection(
        [
            ("to_notify", "To Notify"),
            ("notified", "Notified"),
            ("returned", "Returned"),
            ("replaced", "Replaced"),
            ("written_off", "Written Off"),
        ],
        "Follow-up",
        index=True,
    )
    notified_date = fields.Datetime("Notified On", readonly=True)
    replacement_lot_id = fields.Many2one(
        "stock.lot",
        "Replaced By",
        domain="[('product_id', '=', product_id)]",
        help="The serial number sent instead: its warranty follows the product's "
        "rule for re-deliveries.",
    )
    note = fields.Char()

    # --- CRUD ---
    def write(self, vals):
        # Stock users follow the lines up (status, note); the rest is the recall's.
        if not self.env.su and set(vals) - {"status", "note", "replacement_lot_id"}:
            self.campaign_id._wms_check_manager()
        return super().write(vals)

    # --- Action methods ---
    def action_set_replaced(self):
        return self._wms_set_status("replaced")

    def action_set_written_off(self):
        return self._wms_set_status("written_off")

    def action_open_picking(self):
        self.ensure_one()
        return (self.return_picking_id or self.picking_id).get_formview_action()

    def action_wms_export_xlsx(self):
        return self._wms_export("xlsx")

    def action_wms_export_csv(self):
        return self._wms_export("csv")

    # --- Private helpers ---
    def _wms_export(self, file_format):
        """Download the selected lines, or, none selected, the lines the list
        shows, as the recall dialog's result does (its XLSX and CSV writers)."""
        lines = self or self.search(self.env.context.get("active_domain") or [])
        campaign = lines.campaign_id
        if not lines or len(campaign) != 1:
            raise UserError(_("Choose the lines of one recall to export."))
        descriptions = lines.fields_get(CAMPAIGN_EXPORT_FIELDS, ["string"])
        headers = [descriptions[name]["string"] for name in CAMPAIGN_EXPORT_FIELDS]
        rows = [line._wms_export_row() for line in lines]
        writer = self.env["stock.serial.recall.line"]
        if file_format == "xlsx":
            content = writer._wms_xlsx(headers, rows)
        else:
            content = writer._wms_csv(headers, rows)
        campaign.sudo().write(
            {
                "export_file": base64.b64encode(content),
                "export_filename": "{}.{}".format(
                    _("Recall %s", campaign.name).replace("/", "-"), file_format
                ),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content?model={campaign._name}&id={campaign.id}"
            "&field=export_file&filename_field=export_filename&download=true",
            "target": "download",
        }

    def _wms_export_row(self):
        """The line's values for the export: text, or local naive datetimes."""
        self.ensure_one()
        row = []
        for name in CAMPAIGN_EXPORT_FIELDS:
            value, field = self[name], self._fields[name]
            if field.type == "many2one":
                value = value.display_name or ""
            elif field.type == "datetime":
                value = (
                    fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)
                    if value
                    else ""
                )
            elif field.type == "selection":
                value = selection_labels(self, name).get(value, "")
            else:
                value = value or ""
            row.append(value)
        return row

    def _wms_set_status(self, status):
        if self.campaign_id.filtered(lambda c: c.state != "open"):
            raise UserError(_("Only the lines of an open recall can be followed up."))
        self.write({"status": status})
        labels = selection_labels(self, "status")
        for campaign in self.campaign_id:
            mine = self.filtered(lambda line, c=campaign: line.campaign_id == c)
            campaign.message_post(
                body=_(
                    "%(serials)s: %(status)s.",
                    serials=", ".join(mine.lot_id.mapped("name")),
                    status=labels[status],
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
