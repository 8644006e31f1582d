# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What both scanner flows share: who may use them, the screen data of a
document, scanning a code, setting a quantity, finishing. The rules themselves
are `serial_tracking_wms`'s entry points; nothing here decides what is valid."""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_compare

from odoo.addons.serial_tracking_wms.tools.labels import selection_labels

# How many of a line's recorded serials its screen names (the latest ones).
RECENT_SERIALS = 10


class WmsHhdFlow(models.AbstractModel):
    _name = "wms.hhd.flow"
    _description = "Scanner flow (shared steps)"

    # --- Entry points called by the screens ---
    @api.model
    def list_documents(self, search=""):
        """Open documents of this flow, newest need first; ``search`` matches the
        reference or the partner."""
        self._check_user()
        domain = self._flow_domain() + [("state", "in", ("confirmed", "assigned"))]
        search = (search or "").replace("\x00", "")
        if search:
            domain += [
                "|",
                ("name", "ilike", search),
                ("partner_id.name", "ilike", search),
            ]
        pickings = self.env["stock.picking"].search(
            domain, order="scheduled_date, id", limit=80
        )
        # Batches first: a batch is the work a picker was handed.
        documents = self._more_documents(search)
        documents += list(self._filter_documents(pickings))
        done = self._done_quantities(
            self.env["stock.move"].union(*(d.move_ids for d in documents))
        )
        return [self._document_summary(document, done) for document in documents]

    @api.model
    def open_document(self, picking_id, tote_id=False):
        """The screen of a document (``picking_id``: a transfer id, or a key
        from ``list_documents`` such as a batch's), with tote ``tote_id``
        selected when given."""
        self._check_user()
        document = self._get_document(picking_id)
        return self._screen(document, tote=self._get_tote(tote_id))

    @api.model
    def scan(self, picking_id, code, product_id=False, tote_id=False, scan_id=False):
        """One scan on the document: a product selects it; a carton's label
        records all its serials at once (``_scan_carton``); a tote selects it
        (later serials go into it) or, where the document takes stock out of
        it, picks all it holds; a GS1 code records product and serial at once;
        anything else is a serial of the selected product. Every serial goes
        through the document's ``wms_scan_serial``.

        :param scan_id: the id the device gave this scan (kept when it sends
            it again): a scan handled already gets its first answer again
            (``wms.hhd.scan``), never a refusal as given twice
        """
        self._check_user()
        if scan_id:
            return self.env["wms.hhd.scan"]._wms_handle_once(
                scan_id,
                self._name,
                lambda: self._scan(picking_id, code, product_id, tote_id),
            )
        return self._scan(picking_id, code, product_id, tote_id)

    def _scan(self, picking_id, code, product_id=False, tote_id=False):
        """``scan`` (see there), handled."""
        document = self._get_document(picking_id)
        parsed = self.env["wms.hhd.scan.parser"].parse(code)
        product = self.env["product.product"].browse(product_id or []).exists()
        tote = self._get_tote(tote_id)
        if parsed.get("unreadable"):
            return self._screen(
                document,
                product,
                ok=False,
                message=_(
                    "%r contains control characters: scan it again.", parsed["code"]
                ),
                tote=tote,
                changed=self.env["stock.move"],
            )
        if "serial" in parsed:
            if not parsed["product"]:
                return self._screen(
                    document,
                    product,
                    ok=False,
                    message=_("No product has the GTIN %s.", parsed["gtin"]),
                    tote=tote,
                    changed=self.env["stock.move"],
                )
            return self._scan_serial(
                document, parsed["product"], parsed["serial"], tote
            )
        if parsed.get("product"):
            return self._select_product(document, parsed["product"], tote)
        if not parsed["code"]:
            return self._screen(
                document,
                product,
                ok=False,
                message=_("Nothing was scanned."),
                tote=tote,
                changed=self.env["stock.move"],
            )
        carton = self._scan_carton(document, product, parsed["code"], tote)
        if carton is not None:
            return carton
        company = document.company_id
        if self.env["stock.quant.package"]._wms_find_tote(parsed["code"], company):
            return self._scan_tote(document, product, parsed["code"])
        if not product:
            return self._screen(
                document,
                ok=False,
                message=_(
                    "%s is not a product of this document: scan a product first.",
                    parsed["code"],
                ),
                tote=tote,
                changed=self.env["stock.move"],
            )
        return self._scan_serial(document, product, parsed["code"], tote)

    @api.model
    def select_product(self, picking_id, product_id, tote_id=False):
        """Select a line by tapping it (same as scanning its product)."""
        self._check_user()
        document = self._get_document(picking_id)
        return self._select_product(
            document,
            self.env["product.product"].browse(product_id),
            self._get_tote(tote_id),
        )

    @api.model
    def set_quantity(self, picking_id, product_id, quantity):
        """Record a quantity for a product handled by quantity on this step."""
        self._check_user()
        document = self._get_document(picking_id)
        product = self.env["product.product"].browse(product_id).exists()
        try:
            with self.env.cr.savepoint():
                document.wms_set_quantity(product.id, quantity)
        except UserError as error:
            return self._screen(
                document,
                product,
                ok=False,
                message=error.args[0],
                changed=self._moves_of(document, product),
            )
        return self._screen(
            document,
            product,
            ok=True,
            message=_(
                "%(qty)s × %(product)s recorded.",
                qty=quantity,
                product=product.display_name,
            ),
            changed=self._moves_of(document, product),
        )

    @api.model
    def finish(self, picking_id, backorder=None):
        """Validate the document. When quantities differ from what was asked,
        Odoo's backorder choice is returned first (``need_backorder``); call again
        with ``backorder`` = "create" or "cancel"."""
        self._check_user()
        document = self._get_document(picking_id)
        pickings = self._pickings(document)
        self._lock_stock(pickings)
        try:
            with self.env.cr.savepoint():
                if pickings._check_backorder() and backorder not in (
                    "create",
                    "cancel",
                ):
                    screen = self._screen(document)
                    screen["need_backorder"] = True
                    return screen
                ctx = {"skip_backorder": True}
                if backorder == "cancel":
                    ctx["picking_ids_not_to_backorder"] = pickings.ids
                res = self._validate(document.with_context(**ctx))
                queued = isinstance(res, dict) and (res.get("params") or {}).get(
                    "wms_job_ids"
                )
                if isinstance(res, dict) and not queued:
                    # another wizard (e.g. immediate transfer)
                    raise UserError(
                        _(
                            "%s needs a decision the scanner cannot take: finish it "
                            "in Odoo.",
                            document.name,
                        )
                    )
        except UserError as error:
            return self._screen(document, ok=False, message=error.args[0])
        if queued:
            # Too big for one request: validated in the background
            # (stock.serial.job), the document locked until then.
            screen = self._screen(document, ok=True, message=res["params"]["message"])
            screen["queued"] = True
            pickings.invalidate_recordset(["wms_job_state", "wms_job_progress"])
            screen["job"] = {
                "state": pickings[:1].wms_job_state,
                "progress": pickings[:1].wms_job_progress,
            }
        else:
            screen = self._screen(
                document, ok=True, message=_("%s is done.", document.name)
            )
        screen["finished"] = True
        return screen

    # --- Hooks of each flow ---
    def _flow_domain(self):
        """The transfers this flow works on (any state)."""
        raise NotImplementedError

    def _filter_documents(self, pickings):
        """The transfers the list offers (any of the flow's can be opened)."""
        return pickings

    def _more_documents(self, search):
        """Documents other than transfers this flow offers (list of records)."""
        return []

    def _get_other_document(self, key):
        """The document of a ``list_documents`` key that is not a transfer id
        (an empty recordset when there is none)."""
        return self.env["stock.picking"]

    def _line_order(self, move, location):
        """Sort key of ``move``'s line on the screen; ``location``: where its
        units are taken (see ``_line_locations``)."""
        return (move.product_id.display_name, move.id)

    def _more_line_values(self, moves):
        """Values this flow adds to the screen's lines: ``{move id: dict}``."""
        return {}

    # --- Private helpers ---
    def _check_user(self):
        if not self.env.user.has_group("stock.group_stock_user"):
            raise AccessError(_("The scanner app is for Inventory users."))

    def _get_document(self, picking_id):
        """The transfer (or other document, see ``_get_other_document``) of a
        ``list_documents`` key, if this flow works on it."""
        if not isinstance(picking_id, int):
            document = self._get_other_document(picking_id)
            if not document:
                raise UserError(_("This document is not open in this workflow."))
            return document
        picking = self.env["stock.picking"].browse(picking_id).exists()
        picking = picking.filtered_domain(self._flow_domain())
        if not picking:
            raise UserError(_("This document is not open in this workflow."))
        return picking

    def _lock_stock(self, pickings):
        """Take the stock rows the validation of ``pickings`` updates before
        anything else (``stock.picking._wms_lock_source_quants``), so that
        pickers finishing at once on the same stock queue. When the lock comes
        too late for this transaction (another validation changed those rows
        since it began), PostgreSQL's "could not serialize access" goes to the
        caller: the scanner's endpoint (``controllers/main.py``) or Odoo's RPC
        layer starts the request again."""
        self.env.flush_all()
        pickings._wms_lock_source_quants()

    def _get_tote(self, tote_id):
        if not isinstance(tote_id, int) or not tote_id:
            return self.env["stock.quant.package"]
        return self.env["stock.quant.package"].browse(tote_id).exists()

    def _pickings(self, document):
        """The transfers of a document."""
        return document if document._name == "stock.picking" else document.picking_ids

    def _document_key(self, document):
        return document.id

    def _validate(self, document):
        return document.button_validate()

    def _select_product(self, document, product, tote=None):
        if product not in document.move_ids.product_id:
            return self._screen(
                document,
                ok=False,
                message=_(
                    "%(product)s is not on %(picking)s.",
                    product=product.display_name,
                    picking=document.name,
                ),
                tote=tote,
                changed=self.env["stock.move"],
            )
        takes_serials = self._takes_serials(document, product)
        message = (
            _("Scan the serial numbers of %s, one per unit.", product.display_name)
            if takes_serials
            else _("Enter the quantity of %s.", product.display_name)
        )
        return self._screen(
            document,
            product,
            ok=True,
            message=message,
            tote=tote,
            changed=self._moves_of(document, product),
        )

    def _moves_of(self, document, product):
        """The lines of ``product`` on ``document``: all a scan or a quantity
        of that product can change."""
        return document.move_ids.filtered(lambda m: m.product_id == product)

    def _takes_serials(self, document, product):
        move = document.move_ids.filtered(lambda m: m.product_id == product)[:1]
        return move._wms_scan_takes_serial()

    def _scan_serial(self, document, product, serial, tote=None):
        """A serial of ``product``: the document's ``wms_scan_serial`` picks
        the line that takes it."""
        result = document.wms_scan_serial(
            product.id,
            serial,
            package_id=(tote or self.env["stock.quant.package"]).id,
        )
        return self._screen(
            document,
            product,
            ok=result["ok"],
            message=result["message"],
            tote=tote,
            # A refusal changes nothing (``wms_scan_serial``): no line to send.
            changed=self._moves_of(document, product)
            if result["ok"]
            else self.env["stock.move"],
        )

    def _scan_carton(self, document, product, code, tote=None):
        """A carton's label: all its serials recorded at once (see the
        document's ``wms_scan_carton``); ``None`` when ``code`` is no carton
        of the document."""
        result = document.wms_scan_carton(code)
        if not result["carton"]:
            return None
        products = self.env["product.product"].browse(result["product_ids"])
        return self._screen(
            document,
            products[:1] or product,
            ok=result["ok"],
            message=result["message"],
            tote=tote,
            changed=document.move_ids.filtered(lambda m: m.product_id in products)
            if result["ok"]
            else self.env["stock.move"],
        )

    def _scan_tote(self, document, product, code):
        """A tote scanned: listed and selected, or picked whole (see the
        document's ``wms_scan_package``)."""
        result = document.wms_scan_package(code)
        tote = self.env["stock.quant.package"].browse(result["package_id"] or [])
        return self._screen(
            document,
            product,
            ok=result["ok"],
            message=result["message"],
            tote=tote if result["ok"] and not result["moved"] else None,
        )

    def _document_summary(self, document, done=None):
        """The document's figures for the screens; ``done``: the quantities
        picked (see ``_done_quantities``), read when not given."""
        moves = document.move_ids.filtered(lambda m: m.state != "cancel")
        if done is None:
            done = self._done_quantities(moves)
        pickings = self._pickings(document)
        return {
            "id": self._document_key(document),
            "name": document.name,
            "partner": ", ".join(
                dict.fromkeys(pickings.partner_id.mapped("display_name"))
            ),
            "origin": ", ".join(p for p in pickings.mapped("origin") if p)
            if document._name == "stock.picking"
            else ", ".join(pickings.mapped("name")),
            "is_batch": document._name != "stock.picking",
            "scheduled_date": str(min(pickings.mapped("scheduled_date") or [""])),
            "done_qty": sum(done.get(move.id, 0.0) for move in moves),
            "expected_qty": sum(moves.mapped("product_qty")),
        }

    def _screen(
        self, document, product=None, ok=None, message="", tote=None, changed=None
    ):
        """Everything the screen shows for ``document``; ``product`` is the one
        selected, ``tote`` the one picked into, ``ok``/``message`` the feedback
        of the last action.

        With ``changed`` (moves of the document), the answer to an action that
        can only have changed those lines: their lines alone and the document's
        counters, marked ``partial`` (the screen keeps its other lines; the
        counters' ``line_count`` tells it when it must open the document
        again). A scan on a pick list of hundreds of lines answers with one."""
        moves = document.move_ids.filtered(lambda m: m.state != "cancel")
        modes = selection_labels(self.env["product.template"], "serial_tracking_mode")
        # Sums, the first line and the latest serials of each move, read by
        # the database: not every line of a transfer of thousands, at each scan.
        done_by_move = self._done_quantities(moves)
        shown = moves if changed is None else changed & moves
        locations = self._line_locations(shown)
        serials = self._recent_serials(shown)
        more_values = self._more_line_values(shown)
        lines = []
        for move in shown.sorted(lambda m: self._line_order(m, locations[m.id])):
            done = done_by_move.get(move.id, 0.0)
            recorded = serials.get(move.id, {"count": 0, "names": []})
            lines.append(
                {
                    "move_id": move.id,
                    "product_id": move.product_id.id,
                    "product": move.product_id.display_name,
                    "barcode": move.product_id.barcode or "",
                    "tracking": move.serial_tracking_mode,
                    "tracking_label": modes[move.serial_tracking_mode],
                    "takes_serials": self._takes_serials(document, move.product_id),
                    "picking": move.picking_id.name,
                    "location": locations[move.id].display_name,
                    "done_qty": done,
                    "expected_qty": move.product_qty,
                    "complete": float_compare(
                        done,
                        move.product_qty,
                        precision_rounding=move.product_uom.rounding,
                    )
                    >= 0,
                    "serials": recorded["names"],
                    "serial_count": recorded["count"],
                    **more_values.get(move.id, {}),
                }
            )
        summary = self._document_summary(document, done_by_move)
        summary["line_count"] = len(moves)
        return {
            "document": summary,
            "state": document.state,
            "lines": lines,
            "partial": changed is not None,
            "product_id": product.id if product else False,
            "tote": tote
            and {
                "id": tote.id,
                "name": tote.name,
                "serials": tote._wms_tote_serials(self._pickings(document)),
            }
            or False,
            "ok": ok,
            "message": message,
        }

    def _done_quantities(self, moves):
        """``{move id: quantity picked}`` (product unit), summed by the
        database."""
        groups = self.env["stock.move.line"]._read_group(
            [("move_id", "in", moves.ids), ("picked", "=", True)],
            ["move_id"],
            ["quantity_product_uom:sum"],
        )
        return {move.id: quantity for move, quantity in groups}

    def _line_locations(self, moves):
        """``{move id: location}`` where each move's units are taken: the
        source of its first line, else of the move."""
        Line = self.env["stock.move.line"]
        first_ids = [
            line_id
            for _move, line_id in Line._read_group(
                [("move_id", "in", moves.ids)], ["move_id"], ["id:min"]
            )
        ]
        locations = {move.id: move.location_id for move in moves}
        for line in Line.browse(first_ids):
            locations[line.move_id.id] = line.location_id
        return locations

    def _recent_serials(self, moves, limit=RECENT_SERIALS):
        """The serials recorded on the picked lines of ``moves``: ``{move id:
        {"count": how many, "names": the latest ``limit``, oldest first}}``,
        counted and chosen by the database (not every line of a big
        transfer read at each scan)."""
        if not moves:
            return {}
        Line = self.env["stock.move.line"]
        Line.flush_model(["move_id", "picked", "lot_id", "lot_name"])
        self.env["stock.lot"].flush_model(["name"])
        # The lines this user may read (record rules applied).
        lines = Line._search([("move_id", "in", moves.ids), ("picked", "=", True)])
        self.env.cr.execute(
            SQL(
                """
                SELECT move_id, total, name
                  FROM (SELECT ml.id, ml.move_id, serial.name,
                               count(*) OVER (PARTITION BY ml.move_id) AS total,
                               row_number() OVER (
                                   PARTITION BY ml.move_id ORDER BY ml.id DESC
                               ) AS position
                          FROM stock_move_line ml,
                               LATERAL (SELECT COALESCE(
                                   (SELECT lot.name FROM stock_lot lot
                                     WHERE lot.id = ml.lot_id),
                                   NULLIF(ml.lot_name, '')
                               ) AS name) serial
                         WHERE ml.id IN %(lines)s AND serial.name IS NOT NULL
                       ) serials
                 WHERE position <= %(limit)s
              ORDER BY move_id, id
                """,
                lines=lines.subselect(),
                limit=limit,
            )
        )
        result = {}
        for move_id, total, name in self.env.cr.fetchall():
            result.setdefault(move_id, {"count": total, "names": []})["names"].append(
                name
            )
        return result
