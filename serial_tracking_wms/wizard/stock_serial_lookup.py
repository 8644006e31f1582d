# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import difflib

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import format_datetime

from ..tools.labels import selection_labels

# How many close serial numbers an unknown one offers, and how close they are.
SUGGESTIONS = 5
SUGGESTION_CUTOFF = 0.6
# How many candidates each part of the typed serial brings to be ranked.
SUGGESTION_CANDIDATES = 200


def _like_escape(value):
    """``value`` matched literally by a LIKE pattern (PostgreSQL's default
    escape character)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class StockSerialLookup(models.TransientModel):
    """Type or scan one serial number and see its whole life, oldest first."""

    _name = "stock.serial.lookup"
    _description = "Serial Number Lookup"

    # --- Fields ---
    serial = fields.Char("Serial Number", help="Type or scan a serial number.")
    product_id = fields.Many2one(
        "product.product",
        "Product",
        help="Only this product's serial number, when several products share it.",
    )
    lot_ids = fields.Many2many(
        "stock.lot", string="Serial Number Records", compute="_compute_history"
    )
    line_ids = fields.Many2many(
        "stock.move.line", string="History", compute="_compute_history"
    )
    quant_ids = fields.Many2many(
        "stock.quant", string="Where It Is", compute="_compute_history"
    )
    expected_serial_ids = fields.Many2many(
        "stock.expected.serial",
        string="Announced On",
        compute="_compute_history",
    )
    story = fields.Html(
        "Story",
        compute="_compute_history",
        help="Everything that happened to the serial number, oldest first: "
        "announced on a pre-receipt, received, moved, delivered, returned.",
    )
    banner = fields.Char(compute="_compute_history")
    message = fields.Char(compute="_compute_history")
    suggestion_ids = fields.Many2many(
        "stock.lot",
        "stock_serial_lookup_suggestion_rel",
        string="Closest Serial Numbers",
        compute="_compute_history",
    )

    # --- Compute methods ---
    @api.depends("serial", "product_id")
    def _compute_history(self):
        Lot = self.env["stock.lot"]
        for lookup in self:
            name = (lookup.serial or "").strip()
            lots, expected = Lot, self.env["stock.expected.serial"]
            if name:
                lots, expected = lookup._wms_find(name)
            lookup.lot_ids = lots
            lookup.line_ids = lots._wms_history_lines()
            lookup.quant_ids = self.env["stock.quant"].search(
                [("lot_id", "in", lots.ids), ("quantity", ">", 0)]
            )
            lookup.expected_serial_ids = expected
            lookup.suggestion_ids = Lot
            lookup.banner = lookup._wms_banner(expected)
            lookup.story = lookup._wms_story_html(
                lookup._wms_story(lookup.line_ids, expected)
            )
            if not name:
                lookup.message = _("Type or scan a serial number.")
            elif not lots and not expected:
                suggestions = lookup._wms_suggestions(name)
                lookup.suggestion_ids = suggestions
                if suggestions:
                    lookup.message = _(
                        "Serial number %(serial)s is unknown. Closest: "
                        "%(suggestions)s.",
                        serial=name,
                        suggestions=", ".join(suggestions.mapped("display_name")),
                    )
                else:
                    lookup.message = _("Serial number %s is unknown.", name)
            else:
                lookup.message = False

    # --- Read-only requests ---
    @api.readonly
    def onchange(self, values, field_names, fields_spec):
        """The lookup is never saved: typing a serial only reads (the history
        is computed on the form's new record), so the web client's onchange
        runs on a read-only cursor, on the database replica when there is
        one."""
        return super().onchange(values, field_names, fields_spec)

    # --- Private helpers ---
    @api.model
    def _wms_open(self, serial, product=None):
        """The action that opens the lookup on ``serial`` (of ``product``)."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Serial Number Lookup"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_serial": serial or False,
                "default_product_id": product.id if product else False,
            },
        }

    def _wms_find(self, name):
        """The serial numbers (lots) and the announced serials named ``name``:
        as typed when there are some, else whatever the case ("lap-0002"
        finds LAP-0002).

        :return: (stock.lot, stock.expected.serial)
        """
        self.ensure_one()
        result = []
        for model in ("stock.lot", "stock.expected.serial"):
            Model = self.env[model]
            scope = []
            if self.product_id:
                scope = [("product_id", "=", self.product_id.id)]
            records = Model.search([("name", "=", name), *scope])
            if not records:
                records = Model.search([("name", "=ilike", _like_escape(name)), *scope])
            result.append(records)
        return tuple(result)

    def _wms_suggestions(self, name):
        """The serial numbers closest to ``name`` (unknown): candidates that
        share its first or last half, whatever the case, ranked by likeness.

        :return: stock.lot recordset, closest first
        """
        self.ensure_one()
        Lot = self.env["stock.lot"]
        scope = [("product_id", "=", self.product_id.id)] if self.product_id else []
        half = max(len(name) // 2, 1)
        candidates = Lot
        for part in {name[:half], name[-half:]}:
            candidates |= Lot.search(
                [("name", "ilike", part), *scope], limit=SUGGESTION_CANDIDATES
            )
        by_name = candidates.grouped(lambda lot: lot.name.upper())
        close = difflib.get_close_matches(
            name.upper(), list(by_name), n=SUGGESTIONS, cutoff=SUGGESTION_CUTOFF
        )
        return Lot.concat(*(by_name[key] for key in close))

    def _wms_banner(self, expected):
        """A serial announced and not received: said first, with where it is
        expected."""
        waiting = expected.filtered(lambda serial: serial.state == "expected")
        if not waiting:
            return False
        # Each pre-receipt with its vendor, computed outside ``_()``: the
        # extraction of translatable terms reads the call's strings.
        pickings = set()
        for serial in waiting:
            name = serial.move_id._wms_document_name()
            if serial.partner_id:
                name = f"{name} ({serial.partner_id.display_name})"
            pickings.add(name)
        return _(
            "Serial number %(serial)s is announced on %(pickings)s and not "
            "received yet.",
            serial=", ".join(sorted(set(waiting.mapped("name")))),
            pickings=", ".join(sorted(pickings)),
        )

    @api.model
    def _wms_story(self, lines, expected):
        """The serial's life as one list, oldest first: announced on a
        pre-receipt, then each done move of it.

        Who did it: ``stock.move.line.wms_done_user_id`` (the user who
        validated the line, see there); who announced it: the expected
        serial's creator.

        :return: list of dicts ``{date, order, step, what, document, partner,
            source, destination, user, product}``
        """
        steps = selection_labels(self.env["stock.move.line"], "wms_serial_step")
        states = selection_labels(self.env["stock.expected.serial"], "state")
        story = []
        for serial in expected:
            picking = serial.move_id.picking_id
            # Announced before received on its line, whatever the clocks say
            # (a record's creation date is its transaction's start).
            received = lines.filtered(lambda ml, s=serial: ml.move_id == s.move_id)
            story.append(
                {
                    "date": serial.create_date,
                    "order": min([serial.create_date, *received.mapped("date")]),
                    "step": "announced",
                    "what": _("Announced (%(state)s)", state=states.get(serial.state)),
                    "document": serial.move_id._wms_document_name(),
                    "partner": serial.partner_id,
                    "source": picking.location_id,
                    "destination": picking.location_dest_id,
                    "user": serial.create_uid,
                    "product": serial.product_id,
                }
            )
        for line in lines:
            step = line.wms_serial_step
            story.append(
                {
                    "date": line.date,
                    "order": line.date,
                    "step": step,
                    "what": steps.get(step, step),
                    "document": line.reference or line.move_id.display_name,
                    "partner": line.picking_partner_id or line.move_id.partner_id,
                    "source": line.location_id,
                    "destination": line.location_dest_id,
                    "user": line.wms_done_user_id,
                    "product": line.product_id,
                }
            )
        # Stable: an announcement before the line received at the same time.
        story.sort(key=lambda event: event["order"])
        return story

    def _wms_story_html(self, story):
        if not story:
            return False
        several = len({event["product"] for event in story}) > 1
        headers = [
            _("Date"),
            _("What Happened"),
            *([_("Product")] if several else []),
            _("Document"),
            _("Partner"),
            _("From"),
            _("To"),
            _("Done By"),
        ]
        rows = []
        for event in story:
            cells = [
                format_datetime(self.env, event["date"]),
                event["what"],
                *([event["product"].display_name] if several else []),
                event["document"] or "",
                event["partner"].display_name or "",
                event["source"].display_name or "",
                event["destination"].display_name or "",
                event["user"].name or "",
            ]
            date, *others = cells
            rows.append(
                Markup('<tr><td class="text-nowrap">%s</td>%s</tr>')
                % (date, Markup().join(Markup("<td>%s</td>") % cell for cell in others))
            )
        return Markup(
            '<table class="table table-sm table-striped o_wms_serial_story">'
            "<thead><tr>%s</tr></thead><tbody>%s</tbody></table>"
        ) % (
            Markup().join(Markup("<th>%s</th>") % header for header in headers),
            Markup().join(rows),
        )
