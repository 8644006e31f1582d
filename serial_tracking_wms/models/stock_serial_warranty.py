# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models

from ..tools.labels import selection_labels

WARRANTY_ANSWERS = [
    ("under", "Under Warranty"),
    ("expired", "Warranty Expired"),
    ("none", "No Warranty"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # --- Fields ---
    wms_warranty_months = fields.Integer(
        "Warranty (Months)",
        help="How long each serial number is under warranty; 0: no warranty.",
    )
    wms_warranty_start = fields.Selection(
        [
            ("delivery", "From Delivery to the Customer"),
            ("receipt", "From Receipt (Units Kept in Service)"),
        ],
        "Warranty Starts",
        default="delivery",
        required=True,
    )
    wms_warranty_redelivery = fields.Selection(
        [
            ("new", "A New Period"),
            ("rest", "The Rest of the Old Period"),
        ],
        "Warranty on Re-delivery",
        default="new",
        required=True,
        help="The warranty of a unit delivered again after a return.",
    )


class StockLot(models.Model):
    _inherit = "stock.lot"

    # --- Fields ---
    wms_warranty_end = fields.Date(
        "Warranty End",
        readonly=True,
        copy=False,
        help="Set when the unit is delivered to a customer (or received, for "
        "units kept in service).",
    )
    wms_warranty_days_left = fields.Integer(
        "Warranty Days Left at Return", readonly=True, copy=False
    )


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    # --- Fields ---
    wms_warranty_answer = fields.Selection(
        WARRANTY_ANSWERS,
        "Warranty at Return",
        readonly=True,
        copy=False,
        help="Whether the serial number was under warranty when it came back.",
    )
    wms_warranty_end = fields.Date("Warranty End at Return", readonly=True, copy=False)

    # --- Private helpers ---
    def _wms_start_warranty(self, start):
        """Warranty ends of the serials these done lines deliver (``start`` =
        "delivery") or receive ("receipt"), by the product's rules: one write
        per end date."""
        ends = {}
        # Read only where it is used: products giving the rest of a period.
        rest = self.filtered(
            lambda ml: ml.product_id.product_tmpl_id.wms_warranty_redelivery == "rest"
        )
        replaced = rest._wms_replaced_lots() if start == "delivery" and rest else {}
        for ml in self:
            template = ml.product_id.product_tmpl_id
            lot = ml.lot_id
            if not template.wms_warranty_months or template.wms_warranty_start != start:
                continue
            day = fields.Datetime.context_timestamp(ml, ml.date).date()
            if start == "receipt":
                if lot.wms_warranty_end:
                    continue
                end = day + relativedelta(months=template.wms_warranty_months)
            elif template.wms_warranty_redelivery == "rest" and lot.wms_warranty_end:
                # Delivered before and returned: what was left of it.
                end = day + relativedelta(days=lot.wms_warranty_days_left)
            elif template.wms_warranty_redelivery == "rest" and lot in replaced:
                # Sent instead of a recalled unit: what the unit had left.
                old = replaced[lot]
                end = (
                    day + relativedelta(days=old.wms_warranty_days_left)
                    if old.wms_warranty_days_left
                    else old.wms_warranty_end
                )
            else:
                end = day + relativedelta(months=template.wms_warranty_months)
            ends.setdefault(end, []).append(lot.id)
        Lot = self.env["stock.lot"]
        for end, lot_ids in ends.items():
            Lot.browse(lot_ids).write(
                {"wms_warranty_end": end, "wms_warranty_days_left": 0}
            )

    def _wms_replaced_lots(self):
        """The serials of these lines sent instead of recalled units with a
        warranty: {replacement lot: replaced lot}."""
        lines = (
            self.env["stock.serial.recall.campaign.line"]
            .sudo()
            .search(
                [
                    ("replacement_lot_id", "in", self.lot_id.ids),
                    ("lot_id.wms_warranty_end", "!=", False),
                ]
            )
        )
        return {line.replacement_lot_id: line.lot_id for line in lines}

    def _wms_answer_warranty(self):
        """Whether each serial these done lines bring back from a customer is
        under warranty: kept on the line (one write per answer), said on the
        return for the products with a warranty."""
        said, answers = {}, {}
        for ml in self:
            lot = ml.lot_id
            end = lot.wms_warranty_end
            day = fields.Datetime.context_timestamp(ml, ml.date).date()
            answer = ml._wms_warranty_answer(lot, day)
            if end:
                lot.wms_warranty_days_left = max(0, (end - day).days)
            answers.setdefault((answer, end), []).append(ml.id)
            if end or ml.product_id.wms_warranty_months:
                said.setdefault(ml.picking_id, []).append(
                    self._wms_warranty_sentence(lot, answer)
                )
        for (answer, end), ids in answers.items():
            self.browse(ids).write(
                {"wms_warranty_answer": answer, "wms_warranty_end": end}
            )
        for picking, texts in said.items():
            if picking:
                picking.message_post(
                    body=Markup("<br/>").join(texts), subtype_xmlid="mail.mt_note"
                )

    @api.model
    def _wms_warranty_answer(self, lot, day):
        """ "under", "expired" or "none": ``lot``'s warranty on ``day``."""
        end = lot.wms_warranty_end
        if not end:
            return "none"
        return "under" if end >= day else "expired"

    @api.model
    def _wms_warranty_sentence(self, lot, answer):
        labels = selection_labels(self, "wms_warranty_answer")
        if lot.wms_warranty_end:
            return _(
                "Serial number %(serial)s: %(answer)s (until %(end)s).",
                serial=lot.name,
                answer=labels[answer],
                end=fields.Date.to_string(lot.wms_warranty_end),
            )
        return _(
            "Serial number %(serial)s: %(answer)s.",
            serial=lot.name,
            answer=labels[answer],
        )


class StockMove(models.Model):
    _inherit = "stock.move"

    # --- Private helpers ---
    def _wms_after_done_recall_warranty(self):
        """After validation (``_action_done``): warranty periods of the serials
        delivered or received, the warranty answer of the ones returned, and the
        recalls' lines of the units returned. Set-based per validation: the
        lines' locations and products read for all at once; a line is looked at
        one by one only where it may change something (a line from a customer:
        a return; a product with a warranty: its period)."""
        # A line's state is its move's (a related field): the done moves' lines.
        lines = self.filtered(lambda move: move.state == "done").move_line_ids
        if not lines:
            return
        if any(location.usage == "customer" for location in lines.location_id):
            returns = lines.filtered(
                lambda ml: ml.lot_id
                and ml.location_id.usage == "customer"
                and ml.location_dest_id.usage != "customer"
            )
            if returns:
                returns.sudo()._wms_answer_warranty()
                self.env["stock.serial.recall.campaign"].sudo()._wms_register_returns(
                    returns
                )
        with_warranty = lines.product_id.filtered(
            lambda product: product.product_tmpl_id.wms_warranty_months
        )
        if not with_warranty:
            return
        lines = lines.filtered(lambda ml: ml.lot_id and ml.product_id in with_warranty)
        src = {ml: ml.location_id.usage for ml in lines}
        dest = {ml: ml.location_dest_id.usage for ml in lines}
        deliveries = lines.filtered(
            lambda ml: dest[ml] == "customer" and src[ml] != "customer"
        )
        receipts = lines.filtered(
            lambda ml: src[ml] == "supplier" and dest[ml] in ("internal", "transit")
        )
        deliveries.sudo()._wms_start_warranty("delivery")
        receipts.sudo()._wms_start_warranty("receipt")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # --- Private helpers ---
    def _wms_scan_warranty_note(self, line, message):
        """A serial scanned on a return from a customer: the scanner says
        whether it is under warranty."""
        self.ensure_one()
        lot = line.lot_id
        if (
            not lot
            or self.location_id.usage != "customer"
            or not (lot.wms_warranty_end or line.product_id.wms_warranty_months)
        ):
            return message
        Line = self.env["stock.move.line"]
        answer = Line._wms_warranty_answer(lot, fields.Date.context_today(self))
        return f"{message} {Line._wms_warranty_sentence(lot, answer)}"
