# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What both scanner flows share: who may use them, the screen data of a
document, scanning a code, setting a quantity, finishing. The rules themselves
are `serial_tracking_wms`'s entry points; nothing here decides what is valid."""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare


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
        if search:
            domain += [
                "|",
                ("name", "ilike", search),
                ("partner_id.name", "ilike", search),
            ]
        pickings = self.env["stock.picking"].search(
            domain, order="scheduled_date, id", limit=80
        )
        pickings = self._filter_documents(pickings)
        return [self._document_summary(picking) for picking in pickings]

    @api.model
    def open_document(self, picking_id):
        self._check_user()
        return self._screen(self._get_document(picking_id))

    @api.model
    def scan(self, picking_id, code, product_id=False):
        """One scan on the document: a product selects it; a GS1 code records
        product and serial at once; anything else is a serial of the selected
        product. Every serial goes through ``stock.picking.wms_scan_serial``."""
        self._check_user()
        picking = self._get_document(picking_id)
        parsed = self.env["wms.hhd.scan.parser"].parse(code)
        product = self.env["product.product"].browse(product_id or []).exists()
        if "serial" in parsed:
            if not parsed["product"]:
                return self._screen(
                    picking,
                    product,
                    ok=False,
                    message=_("No product has the GTIN %s.", parsed["gtin"]),
                )
            return self._scan_serial(picking, parsed["product"], parsed["serial"])
        if parsed.get("product"):
            return self._select_product(picking, parsed["product"])
        if not parsed["code"]:
            return self._screen(
                picking, product, ok=False, message=_("Nothing was scanned.")
            )
        if not product:
            return self._screen(
                picking,
                ok=False,
                message=_(
                    "%s is not a product of this document: scan a product first.",
                    parsed["code"],
                ),
            )
        return self._scan_serial(picking, product, parsed["code"])

    @api.model
    def select_product(self, picking_id, product_id):
        """Select a line by tapping it (same as scanning its product)."""
        self._check_user()
        picking = self._get_document(picking_id)
        return self._select_product(
            picking, self.env["product.product"].browse(product_id)
        )

    @api.model
    def set_quantity(self, picking_id, product_id, quantity):
        """Record a quantity for a product handled by quantity on this step."""
        self._check_user()
        picking = self._get_document(picking_id)
        product = self.env["product.product"].browse(product_id).exists()
        try:
            with self.env.cr.savepoint():
                picking.wms_set_quantity(product.id, quantity)
        except UserError as error:
            return self._screen(picking, product, ok=False, message=error.args[0])
        return self._screen(
            picking,
            product,
            ok=True,
            message=_(
                "%(qty)s × %(product)s recorded.",
                qty=quantity,
                product=product.display_name,
            ),
        )

    @api.model
    def finish(self, picking_id, backorder=None):
        """Validate the document. When quantities differ from what was asked,
        Odoo's backorder choice is returned first (``need_backorder``); call again
        with ``backorder`` = "create" or "cancel"."""
        self._check_user()
        picking = self._get_document(picking_id)
        try:
            with self.env.cr.savepoint():
                if picking._check_backorder() and backorder not in ("create", "cancel"):
                    screen = self._screen(picking)
                    screen["need_backorder"] = True
                    return screen
                ctx = {"skip_backorder": True}
                if backorder == "cancel":
                    ctx["picking_ids_not_to_backorder"] = picking.ids
                res = picking.with_context(**ctx).button_validate()
                if isinstance(res, dict):  # another wizard (e.g. immediate transfer)
                    raise UserError(
                        _(
                            "%s needs a decision the scanner cannot take: finish it "
                            "in Odoo.",
                            picking.name,
                        )
                    )
        except UserError as error:
            return self._screen(picking, ok=False, message=error.args[0])
        screen = self._screen(picking, ok=True, message=_("%s is done.", picking.name))
        screen["finished"] = True
        return screen

    # --- Hooks of each flow ---
    def _flow_domain(self):
        """The transfers this flow works on (any state)."""
        raise NotImplementedError

    def _filter_documents(self, pickings):
        return pickings

    def _line_order(self, move):
        return (move.product_id.display_name, move.id)

    # --- Private helpers ---
    def _check_user(self):
        if not self.env.user.has_group("stock.group_stock_user"):
            raise AccessError(_("The scanner app is for Inventory users."))

    def _get_document(self, picking_id):
        picking = self.env["stock.picking"].browse(picking_id).exists()
        picking = self._filter_documents(picking.filtered_domain(self._flow_domain()))
        if not picking:
            raise UserError(_("This document is not open in this workflow."))
        return picking

    def _select_product(self, picking, product):
        if product not in picking.move_ids.product_id:
            return self._screen(
                picking,
                ok=False,
                message=_(
                    "%(product)s is not on %(picking)s.",
                    product=product.display_name,
                    picking=picking.name,
                ),
            )
        takes_serials = self._takes_serials(picking, product)
        message = (
            _("Scan the serial numbers of %s, one per unit.", product.display_name)
            if takes_serials
            else _("Enter the quantity of %s.", product.display_name)
        )
        return self._screen(picking, product, ok=True, message=message)

    def _takes_serials(self, picking, product):
        move = picking.move_ids.filtered(lambda m: m.product_id == product)[:1]
        return move._wms_scan_takes_serial()

    def _scan_serial(self, picking, product, serial):
        result = picking.wms_scan_serial(product.id, serial)
        return self._screen(
            picking, product, ok=result["ok"], message=result["message"]
        )

    def _document_summary(self, picking):
        moves = picking.move_ids.filtered(lambda m: m.state != "cancel")
        return {
            "id": picking.id,
            "name": picking.name,
            "partner": picking.partner_id.display_name or "",
            "origin": picking.origin or "",
            "scheduled_date": str(picking.scheduled_date or ""),
            "done_qty": sum(
                moves.move_line_ids.filtered("picked").mapped("quantity_product_uom")
            ),
            "expected_qty": sum(moves.mapped("product_qty")),
        }

    def _screen(self, picking, product=None, ok=None, message=""):
        """Everything the screen shows for ``picking``; ``product`` is the one
        selected, ``ok``/``message`` the feedback of the last action."""
        moves = picking.move_ids.filtered(lambda m: m.state != "cancel")
        modes = dict(
            self.env["product.template"]
            ._fields["serial_tracking_mode"]
            ._description_selection(self.env)
        )
        lines = []
        for move in moves.sorted(self._line_order):
            picked = move.move_line_ids.filtered("picked")
            done = sum(picked.mapped("quantity_product_uom"))
            lines.append(
                {
                    "move_id": move.id,
                    "product_id": move.product_id.id,
                    "product": move.product_id.display_name,
                    "barcode": move.product_id.barcode or "",
                    "tracking": move.serial_tracking_mode,
                    "tracking_label": modes[move.serial_tracking_mode],
                    "takes_serials": self._takes_serials(picking, move.product_id),
                    "location": move.move_line_ids[:1].location_id.display_name
                    or move.location_id.display_name,
                    "done_qty": done,
                    "expected_qty": move.product_qty,
                    "complete": float_compare(
                        done,
                        move.product_qty,
                        precision_rounding=move.product_uom.rounding,
                    )
                    >= 0,
                    "serials": [
                        name
                        for name in picked.mapped(
                            lambda ml: ml.lot_id.name or ml.lot_name
                        )
                        if name
                    ],
                }
            )
        summary = self._document_summary(picking)
        return {
            "document": summary,
            "state": picking.state,
            "lines": lines,
            "product_id": product.id if product else False,
            "ok": ok,
            "message": message,
        }
