# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Goods out: the rules a pick task must satisfy for Track During Pick and Full
Tracking products, for a scan and at validation alike, and the account rule that
Odoo's own reservation honours too: stock owned by an account (consigned stock,
Odoo's ``owner_id``) is picked only for that account's orders."""

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..speed import reservation as speed_reservation

# Context key holding, while a pick task reserves, the account whose stock it may
# take (a res.partner id; False: the company's own stock).
RESERVE_OWNER_KEY = "wms_reserve_owner_id"


class StockMove(models.Model):
    _inherit = "stock.move"

    # --- Compute methods: the detailed operations ---
    @api.depends("product_id.product_tmpl_id.serial_tracking_mode")
    def _compute_show_info(self):
        res = super()._compute_show_info()
        for move in self:
            if move.state != "done" and move._wms_enters_pick_serials():
                # A serial per line, typed or scanned into the field, as on
                # Odoo's receipts; Pick From still shows where the units are.
                move.show_lots_text = True
                move.show_lots_m2o = False
            elif move.product_id and move._wms_takes_serials_by_quantity():
                # Handled by quantity on this step: no serial column.
                move.show_lots_text = False
                move.show_lots_m2o = False
        return res

    @api.depends("product_id.product_tmpl_id.serial_tracking_mode")
    def _compute_display_assign_serial(self):
        res = super()._compute_display_assign_serial()
        for move in self:
            if move.state not in ("done", "cancel") and move._wms_enters_pick_serials():
                # Import Serials (paste many) and Generate Serials, as on receipts.
                move.display_import_lot = True
                move.display_assign_serial = True
            elif move.product_id and move._wms_takes_serials_by_quantity():
                move.display_import_lot = False
                move.display_assign_serial = False
        return res

    # --- Action methods ---
    @api.model
    def action_generate_lot_line_vals(self, context, mode, first_lot, count, lot_text):
        """Import or Generate Serials on the detailed operations. On a Track
        During Pick line of a pick task the serials stay names until validation
        (as a scan records them), checked when the lines are saved: no lot is
        created now, as Odoo does for operation types using existing lots."""
        picking_type = self._wms_picking_type_from_context(context)
        product = self.env["product.product"].browse(context.get("default_product_id"))
        if (
            picking_type
            and product.serial_tracking_mode == "pick"
            and picking_type._wms_is_pick_task_type()
        ):
            with picking_type._wms_lots_optional():
                return super().action_generate_lot_line_vals(
                    context, mode, first_lot, count, lot_text
                )
        return super().action_generate_lot_line_vals(
            context, mode, first_lot, count, lot_text
        )

    # --- Stock flow overrides ---
    def _update_reserved_quantity(
        self,
        need,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=True,
    ):
        # Odoo reserves a move without owner on the quants of any owner: a pick
        # task takes only its account's stock (see ``StockQuant`` below).
        moves = self
        if not strict and not owner_id and self._wms_picks_for_account():
            moves = self.with_context(
                **{RESERVE_OWNER_KEY: self._wms_pick_account().id or False}
            )
        # Many serials: their per-line quant reservations written together
        # (speed/reservation.py).
        return speed_reservation.reserve(
            moves,
            need,
            lot_id,
            package_id,
            owner_id,
            lambda reserving: super(StockMove, reserving)._update_reserved_quantity(
                need, location_id, lot_id, package_id, owner_id, strict
            ),
        )

    def _wms_pick_moves_for_serials(self, names):
        """Share serial ``names`` out over these open lines of one product on
        one pick task, each to the line that can take it: the line with an
        unpicked line reserved on it; any other serial to the first line with
        a unit left (not picked, or picked without serial), else the first line
        (which refuses it, naming itself).

        :return: dict move -> its names, in the order of ``names``
        """
        if len(self) < 2:
            return {self: list(names)} if self and names else {}
        reserved = {
            ml.lot_id.name: ml.move_id
            for ml in self.env["stock.move.line"].search_fetch(
                [
                    ("move_id", "in", self.ids),
                    ("picked", "=", False),
                    ("lot_id.name", "in", names),
                ],
                ["lot_id", "move_id"],
            )
        }
        left = self._wms_serial_units_left()
        shares = {}
        for name in names:
            move = reserved.get(name) or next(
                (move for move in self if left[move] >= 1), self[0]
            )
            left[move] -= 1
            shares.setdefault(move, []).append(name)
        return shares

    # --- Private helpers: serials entered on the detailed operations ---
    def _wms_enters_pick_serials(self):
        """A Track During Pick line of a pick task: its detailed operations take
        a serial per unit by name (typed, scanned into the field, imported), new
        to the stock or on hand at the source, as Odoo's receipts do."""
        self.ensure_one()
        return self.serial_tracking_mode == "pick" and self._wms_is_pick_task()

    @api.model
    def _wms_picking_type_from_context(self, context):
        """The operation type the detailed operations' context names (the
        picking form's ``default_picking_type_id``, else its transfer's)."""
        if context.get("default_picking_type_id"):
            return self.env["stock.picking.type"].browse(
                context["default_picking_type_id"]
            )
        picking = self.env["stock.picking"].browse(context.get("default_picking_id"))
        return picking.picking_type_id

    def _wms_check_entered_pick_serials(self):
        """The serials on the lines of these moves, as the detailed operations
        save them (typed, scanned into the field, imported, chosen with Pick
        From), on pick tasks and on every step taking Full Tracking serials out
        of stock: the rules and refusals of a scan (``_wms_pick_serial_errors``).
        A serial typed on a Track During Pick line and on hand at the source
        takes its lot and place there, as a scan of it does. Raises
        ``UserError`` naming serial, product and transfer."""
        errors = []
        for move in self:
            if (
                move.state in ("done", "cancel")
                or move.serial_tracking_mode == "none"
                or not move._wms_takes_serials_from_stock()
            ):
                continue
            lines = move.move_line_ids.filtered(lambda ml: ml.lot_id or ml.lot_name)
            if not lines:
                continue
            move_errors = move._wms_pick_serial_errors(lines)
            if not move_errors:
                move._wms_take_typed_serials_on_hand(lines)
            errors += move_errors
        if errors:
            raise UserError("\n".join(errors))

    def _wms_take_typed_serials_on_hand(self, lines):
        """Lines of this move carrying only a typed serial that is on hand at the
        source (a serial returned, say) take its lot and place: their
        reservation follows the serial, as when it is scanned."""
        self.ensure_one()
        typed = lines.filtered(lambda ml: ml.lot_name and not ml.lot_id)
        if not typed:
            return
        on_hand = self.env["stock.lot"]._wms_serial_quants(
            self.product_id, typed.mapped("lot_name"), self.company_id
        )
        for line in typed.filtered(lambda ml: ml.lot_name in on_hand):
            quant = on_hand[line.lot_name].filtered(
                lambda q: q.location_id._child_of(self.location_id)
            )[:1]
            if quant:
                line.write(
                    {"lot_id": quant.lot_id.id, "location_id": quant.location_id.id}
                )

    def _wms_entered_serial_errors(self, serial):
        """Why ``serial``, just typed on a line of this move, would be refused:
        the rules of a scan on the serial alone (the lines are judged when
        saved). Empty when it is fine."""
        self.ensure_one()
        try:
            name = self.env["stock.lot"]._wms_clean_serial(serial, self.product_id)
        except UserError as error:
            return [error.args[0]]
        refused = self.env["stock.lot"]._wms_serial_rule_errors(self.product_id, [name])
        if refused:
            return list(refused.values())
        return self._wms_pick_serial_name_errors([name])

    # --- Private helpers: the rules ---
    def _wms_pick_serial_errors(self, lines, complete=False):
        """Why ``lines`` of this pick task cannot be picked.

        :param lines: the move lines to judge (all done lines at validation, the
            line of the serial just scanned)
        :param complete: also require a serial on every unit picked (validation)
        :return: list of messages, empty when everything is right
        """
        self.ensure_one()
        names, errors = self._wms_serial_line_errors(lines, complete)
        return errors + self._wms_pick_serial_name_errors(names)

    def _wms_pick_serial_name_errors(self, names, on_hand=None):
        """Where each serial is, judged for this pick task.

        Full Tracking: the serial must be on hand at the pick's source (or inside
        it). Track During Pick: on hand at the source, or captured now (new to
        the system, or known but not on hand anywhere in the company). Both: a
        serial reserved by another transfer is refused, and a pick task takes
        only its account's stock (``_wms_picks_for_account``): the serial's, or
        the untracked stock a serial captured now is taken from.

        :param on_hand: ``stock.lot._wms_serial_quants`` of ``names``, when the
            caller has read it already
        """
        self.ensure_one()
        if not names:
            return []
        product = self.product_id
        Lot = self.env["stock.lot"]
        if on_hand is None:
            on_hand = Lot._wms_serial_quants(product, names, self.company_id)
        # Only the serials not on hand are looked up further (none, mostly).
        missing = [n for n in names if n not in on_hand]
        delivered = Lot._wms_serials_delivered(product, missing)
        known = set(
            Lot.sudo()
            .search(
                [
                    ("product_id", "=", product.id),
                    ("name", "in", missing),
                    ("company_id", "in", (False, self.company_id.id)),
                ]
            )
            .mapped("name")
            if missing
            else []
        )
        for_account = self._wms_picks_for_account()
        errors, captured = [], []
        for name in names:
            quants = on_hand.get(name, self.env["stock.quant"])
            at_source = quants.filtered(
                lambda q: q.location_id._child_of(self.location_id)
            )
            if at_source:
                if for_account:
                    errors += self._wms_serial_account_errors(name, at_source)
                continue
            if (
                not quants
                and name not in delivered
                and self.serial_tracking_mode != "full"
            ):
                captured.append(name)
                continue
            # Names read for a refusal only (a serial picked reads none).
            args = {
                "serial": name,
                "product": product.display_name,
                "picking": self._wms_document_name(),
                "source_location": self.location_id.display_name,
            }
            if quants:
                errors.append(
                    _(
                        "Serial number %(serial)s of %(product)s is at %(location)s, "
                        "not at %(source_location)s where %(picking)s picks.",
                        location=quants[0].location_id.display_name,
                        **args,
                    )
                )
            elif name in delivered:
                errors.append(
                    _(
                        "Serial number %(serial)s of %(product)s was delivered by "
                        "%(document)s and has not been returned.",
                        document=delivered[name],
                        **args,
                    )
                )
            elif self.serial_tracking_mode == "full":
                errors.append(
                    _(
                        "Serial number %(serial)s of %(product)s is not in stock at "
                        "%(source_location)s.",
                        **args,
                    )
                    if name in known
                    else _(
                        "Serial number %(serial)s of %(product)s is unknown: Full "
                        "Tracking picks only serials received into stock.",
                        **args,
                    )
                )
        if for_account and captured:
            errors += self._wms_untracked_account_errors(captured)
        errors += self._wms_serials_reserved_elsewhere_errors(names)
        errors += self._wms_recalled_serial_errors(names)
        return errors

    def _wms_serials_reserved_elsewhere_errors(self, names):
        self.ensure_one()
        others = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("product_id", "=", self.product_id.id),
                    ("lot_id.name", "in", names),
                    ("state", "not in", ("done", "cancel")),
                    ("picking_id", "!=", self.picking_id.id),
                    ("location_id", "child_of", self.location_id.id),
                ]
            )
        )
        return [
            _(
                "Serial number %(serial)s of %(product)s is reserved by %(other)s.",
                serial=line.lot_id.name,
                product=self.product_id.display_name,
                other=line.picking_id.display_name or line.move_id.display_name,
            )
            for line in others
        ]

    # --- The account rule ---
    def _wms_pick_account(self):
        """The account this move picks for: the owner assigned to its transfer
        (Odoo's "Assign Owner", which validation writes on the move as
        ``restrict_partner_id`` and on every line as the owner to take from),
        else the move's own. Empty: the company."""
        self.ensure_one()
        return self.picking_id.owner_id or self.restrict_partner_id

    def _wms_picks_for_account(self):
        """Whether the account rule applies to this move: pick tasks of Track
        During Pick and Full Tracking products, where stock is chosen for an
        order. The later steps carry what the pick chose, with its owner."""
        self.ensure_one()
        return (
            self.serial_tracking_mode in ("pick", "full") and self._wms_is_pick_task()
        )

    def _wms_account_name(self, owner):
        """How an owner is named in messages: the partner, or the company."""
        self.ensure_one()
        return owner.display_name if owner else self.company_id.display_name

    def _wms_serial_account_errors(self, name, quants):
        """A serial on hand at the source (``quants``) is picked only for the
        account that owns it."""
        account = self._wms_pick_account()
        if quants.filtered(lambda q: q.owner_id == account):
            return []
        return [
            _(
                "Serial number %(serial)s of %(product)s belongs to %(owner)s; "
                "%(picking)s picks for %(account)s.",
                serial=name,
                product=self.product_id.display_name,
                owner=self._wms_account_name(quants[0].owner_id),
                picking=self.picking_id.display_name,
                account=self._wms_account_name(account),
            )
        ]

    def _wms_untracked_account_errors(self, names):
        """Serials captured now (Track During Pick) take their units from the
        untracked stock at the source: that stock must be the account's.

        The lines without serial of this move draw on their owner's untracked
        stock; when one belongs to another owner (reserved before the account
        was set), or when the account has too little untracked stock at the
        source while others have some, each serial is refused.
        """
        account = self._wms_pick_account()
        untracked_lines = self.move_line_ids.filtered(lambda ml: not ml.lot_id)
        owner = next(
            (ml.owner_id for ml in untracked_lines if ml.owner_id != account), None
        )
        if owner is None:
            stock = {
                quant_owner: quantity
                for quant_owner, quantity in self.env["stock.quant"]
                .sudo()
                ._read_group(
                    [
                        ("product_id", "=", self.product_id.id),
                        ("location_id", "child_of", self.location_id.id),
                        ("lot_id", "=", False),
                        ("quantity", ">", 0),
                    ],
                    ["owner_id"],
                    ["quantity:sum"],
                )
            }
            captured = set(names) | set(
                untracked_lines.filtered("lot_name").mapped("lot_name")
            )
            others = [quant_owner for quant_owner in stock if quant_owner != account]
            if stock.get(account, 0.0) < len(captured) and others:
                owner = others[0]
        if owner is None:
            return []
        return [
            _(
                "Serial number %(serial)s of %(product)s would be taken from the "
                "untracked stock of %(owner)s at %(location)s; %(picking)s picks "
                "for %(account)s.",
                serial=name,
                product=self.product_id.display_name,
                owner=self._wms_account_name(owner),
                location=self.location_id.display_name,
                picking=self.picking_id.display_name,
                account=self._wms_account_name(account),
            )
            for name in names
        ]


class StockQuant(models.Model):
    _inherit = "stock.quant"

    # --- Reservation: the account rule ---
    def _get_gather_domain(
        self,
        product_id,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=False,
    ):
        """While a pick task reserves (``RESERVE_OWNER_KEY`` in the context, set
        by ``StockMove._update_reserved_quantity``), only its account's quants
        are candidates: Odoo's non-strict gathering takes every owner's."""
        domain = super()._get_gather_domain(
            product_id, location_id, lot_id, package_id, owner_id, strict
        )
        if not strict and RESERVE_OWNER_KEY in self.env.context:
            owner = self.env.context[RESERVE_OWNER_KEY] or False
            domain = expression.AND([domain, [("owner_id", "=", owner)]])
        return domain
