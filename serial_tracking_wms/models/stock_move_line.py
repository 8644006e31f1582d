# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.models import PREFETCH_MAX
from odoo.tools.sql import create_index

from ..speed import company as speed_company
from ..speed import confirmation as speed_confirmation
from ..speed import move_lines as speed_move_lines
from ..speed import quants as speed_quants
from ..speed import reservation as speed_reservation
from ..speed.reading import fetch_missing, prefetch_limit

# The lines with a serial or lot by source and by destination (``init``).
LOCATION_INDEXES = {
    column: f"stock_move_line_wms_lot_{column}_index"
    for column in ("location_id", "location_dest_id")
}


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def init(self):
        res = super().init()
        # The recall finds the serials' lines to and from customers by their
        # locations (``stock.lot._wms_recall_pairs``): a tenth of the history,
        # read by index, not the whole table. Only lines with a serial or lot.
        for column, index in LOCATION_INDEXES.items():
            create_index(
                self.env.cr,
                index,
                self._table,
                [column],
                where="lot_id IS NOT NULL",
            )
        return res

    # --- Fields ---
    # Serial lookups (where is it reserved, what happened to it) search lines by lot.
    lot_id = fields.Many2one(index="btree_not_null")
    serial_tracking_mode = fields.Selection(
        string="Serial Number Tracking Type",
        related="product_id.product_tmpl_id.serial_tracking_mode",
        groups="stock.group_stock_user",
    )
    wms_serial_step = fields.Selection(
        [
            ("received", "Received"),
            ("returned", "Returned"),
            ("internal", "Internal Move"),
            ("picked", "Picked"),
            ("delivered", "Delivered"),
            ("adjusted", "Inventory Adjustment"),
            ("other", "Other"),
        ],
        string="Step",
        compute="_compute_wms_serial_step",
        groups="stock.group_stock_user",
        help="What this line did to its serial number in the warehouse.",
    )
    wms_picking_user_id = fields.Many2one(
        related="picking_id.user_id",
        string="Responsible",
        groups="stock.group_stock_user",
    )
    # Who did what a done line did: the user who validated it. Validating
    # writes every line it moves (Odoo's ``_action_done`` sets their date, the
    # set-based layer its ``write_uid`` too) and a done line is not edited
    # after, so its last writer is that user. Not the transfer's Responsible
    # (whoever created it: OdooBot for a scheduled action or a sale; nobody on
    # an adjustment), nor the line's creator (whoever reserved it).
    wms_done_user_id = fields.Many2one(
        related="write_uid",
        string="Done By",
        groups="stock.group_stock_user",
        help="The user who validated the move of this line.",
    )

    # --- Compute methods ---
    @api.depends(
        "location_id.usage", "location_dest_id.usage", "move_id.picking_type_id"
    )
    def _compute_wms_serial_step(self):
        for line in self:
            line.wms_serial_step = line._wms_serial_step()

    # --- Onchange methods ---
    @api.onchange("lot_name", "lot_id")
    def _onchange_serial_number(self):
        """A serial typed on a Track During Pick line of a pick task: warn at once
        with the reasons a scan of it would be refused, instead of Odoo's receipt
        warnings (Odoo warns of a serial on hand, which is right at the source)."""
        res = super()._onchange_serial_number()
        move = self.move_id._origin
        name = self.lot_name or self.lot_id.name
        if name and not self.lot_id and self.product_id.tracking == "serial":
            # A new serial that is not one of this product (its rule, a barcode).
            refused = self.env["stock.lot"]._wms_serial_rule_errors(
                self.product_id, [name.strip()]
            )
            if refused:
                res = res or {}
                res["warning"] = {
                    "title": _("Serial number refused"),
                    "message": "\n".join(refused.values()),
                }
                return res
        if not name or not move or not move._wms_enters_pick_serials():
            return res
        errors = move._wms_entered_serial_errors(name)
        if errors:
            res["warning"] = {
                "title": _("Serial number refused"),
                "message": "\n".join(errors),
            }
        elif res.get("warning") and not self.lot_id:
            # Odoo's "already exists in location(s)": here the serial is on hand
            # at the source (the rule accepted it), where it is picked from.
            on_hand = self.env["stock.lot"]._wms_serial_quants(
                self.product_id, [name], move.company_id
            )
            if name in on_hand:
                res.pop("warning")
        return res

    # --- CRUD ---
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._wms_strip_lot_name(vals)
        self.env["stock.serial.job"]._wms_check_unlocked_vals(vals_list)
        if speed_reservation.creates_lines(self, vals_list):
            # The lines of a reservation of many serials, set-based.
            return speed_reservation.create_lines(self, vals_list)
        if speed_confirmation.creates_lines(self, vals_list):
            # The empty lines of a receipt of many serials, set-based.
            return speed_confirmation.create_lines(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self.env["stock.serial.job"]._wms_check_unlocked(self.picking_id)
        self._wms_strip_lot_name(vals)
        self._wms_check_account_transfer_edit(vals)
        # The first write of lines in a validation's quant batch is Odoo's own
        # ``write({"date": ...})`` after its loop: the quants are done first.
        speed_quants.apply_pending(self.env)
        return super().write(vals)

    def unlink(self):
        self.env["stock.serial.job"]._wms_check_unlocked(self.picking_id)
        return super().unlink()

    def _check_company(self, fnames=None):
        # Thousands of lines of one validation, set-based: the same
        # inconsistencies raise the same error.
        return speed_company.check_company(
            self,
            fnames,
            lambda lines, names: super(StockMoveLine, lines)._check_company(names),
        )

    def _in_cache_without(self, field, limit=PREFETCH_MAX):
        return super()._in_cache_without(field, prefetch_limit(self, limit))

    # --- Stock flow overrides ---
    def _action_done(self):
        self._wms_assign_captured_lots()
        # Odoo's own loop, its quant work done together (speed/quants.py).
        lines, batch = speed_quants.batch_lines(self)
        optional_moves = lines.move_id._wms_serial_optional()
        optional = lines.filtered(
            lambda ml: ml.move_id in optional_moves
            and not ml.lot_id
            and not ml.lot_name
        )
        if not optional:
            res = super(StockMoveLine, lines)._action_done()
        else:
            super(StockMoveLine, lines - optional)._action_done()
            with optional.move_id.picking_type_id._wms_lots_optional():
                res = super(StockMoveLine, optional)._action_done()
        if batch is not None:
            batch.apply()
        return res

    def _create_and_assign_production_lot(self):
        # A receipt's thousands of new serials, set-based (speed/move_lines.py).
        if speed_move_lines.assign_new_lots(self):
            return None
        return super()._create_and_assign_production_lot()

    # --- Action methods ---
    @api.readonly
    def action_wms_serial_lookup(self):
        """Open the serial lookup on this line's serial number."""
        self.ensure_one()
        return self.env["stock.serial.lookup"]._wms_open(
            self.lot_id.name or self.lot_name, self.product_id
        )

    # --- Private helpers ---
    def _wms_serial_names(self):
        """The serial of each of these lines (its lot's name, else its
        ``lot_name``; ``False`` without one), in their order. The fields are
        read for all the lines at once: read line by line, each read of a
        thousand went through every line read before it (Odoo's prefetch), a
        cost growing with the square of the lines."""
        stored = self._wms_stored()
        fetch_missing(stored, ["lot_id", "lot_name"])
        # The lots' product too (same query): whether a serial is recorded.
        fetch_missing(stored.lot_id, ["name", "product_id"])
        return [line.lot_id.name or line.lot_name for line in self]

    @api.model
    def _wms_prefetched_fields(self):
        """The fields Odoo's first read of a line fetches with the one asked
        (``BaseModel._fetch_field``: the default prefetch group, those the
        user may read), for a ``search_fetch`` that reads the lines whole."""
        return [
            name
            for name, field in self._fields.items()
            if field.prefetch is True and field.is_accessible(self.env)
        ]

    def _wms_stored(self):
        """These lines without those not in the database yet (a form's)."""
        return self.browse([id_ for id_ in self._ids if id_])

    def _wms_serial_step(self):
        """The step of a serial's life this line is, from where it goes."""
        self.ensure_one()
        src, dest = self.location_id.usage, self.location_dest_id.usage
        if src == "supplier":
            return "received"
        if src == "customer":
            return "returned"
        if dest == "customer":
            return "delivered"
        if "inventory" in (src, dest):
            return "adjusted"
        if self.move_id and self.move_id._wms_is_pick_task():
            return "picked"
        if src in ("internal", "transit") and dest in ("internal", "transit"):
            return "internal"
        return "other"

    def _wms_assign_captured_lots(self):
        """Serials captured on pick tasks (``lot_name``) become lots at validation,
        as Odoo does on operation types that create lots."""
        # The moves' conditions once per move, not once per line.
        pick_move_ids = set(
            self.move_id.filtered(
                lambda m: m.serial_tracking_mode in ("pick", "full")
                and m._wms_is_pick_task()
            ).ids
        )
        lines = self.filtered(
            lambda ml: ml.move_id.id in pick_move_ids and ml.lot_name and not ml.lot_id
        )
        for (product, company), group in lines.grouped(
            lambda ml: (ml.product_id, ml.company_id)
        ).items():
            Lot = self.env["stock.lot"]
            lots = Lot.search(
                [
                    ("product_id", "=", product.id),
                    ("name", "in", group.mapped("lot_name")),
                    ("company_id", "in", (False, company.id)),
                ]
            ).grouped("name")
            missing = sorted(set(group.mapped("lot_name")) - set(lots))
            for lot in Lot.create(
                [
                    {"name": name, "product_id": product.id, "company_id": company.id}
                    for name in missing
                ]
            ):
                lots[lot.name] = lot
            for line in group:
                line.lot_id = lots[line.lot_name][:1]

    @api.model
    def _wms_pick_serial_names(self, name_by_line):
        """``write({"lot_name": name, "picked": True})`` on many open lines, each
        with its serial ({line id: name}), set-based where it may
        (``speed/move_lines.py``)."""
        speed_move_lines.pick_serial_names(self, name_by_line)

    @api.model
    def _wms_strip_lot_name(self, vals):
        """Serial numbers never keep surrounding spaces."""
        if isinstance(vals.get("lot_name"), str):
            vals["lot_name"] = vals["lot_name"].strip()
