# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter
from contextlib import contextmanager

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, float_round

from ..speed import company as speed_company
from ..speed import confirmation as speed_confirmation
from ..speed import count as speed_count
from ..speed import valuation as speed_valuation
from ..speed.reading import fetch_missing

# Key, in the cursor's cache, of the moves whose serials passed the checks during
# the current validation.
CHECKED_MOVES_KEY = "wms_serials_checked_moves"
# Key, in the cursor's cache, of the expected serials that ``_split`` hands over
# to the backorder's new move: {expected serial id: id of the move it leaves}.
# Only server code writes the cursor's cache: a client cannot forge an entry.
CARRY_OVER_KEY = "wms_expected_serials_carry_over"
# Key, in the cursor's cache, of the lines whose expected serials are being replaced
# (``_wms_set_expected_serials``): {move ids}, their lists checked once, at the end.
REPLACING_KEY = "wms_expected_serials_replacing"


class StockMove(models.Model):
    _inherit = "stock.move"

    # --- Fields ---
    serial_tracking_mode = fields.Selection(
        string="Serial Number Tracking Type",
        related="product_id.product_tmpl_id.serial_tracking_mode",
    )
    expected_serial_ids = fields.One2many(
        "stock.expected.serial", "move_id", string="Expected Serial Numbers", copy=False
    )
    expected_serial_count = fields.Integer(
        "Expected Serials", compute="_compute_expected_serial_count"
    )
    expected_serial_summary = fields.Char(
        "Serial Numbers Entered", compute="_compute_expected_serial_count"
    )
    wms_can_edit_expected_serials = fields.Boolean(
        compute="_compute_wms_can_edit_expected_serials"
    )

    # --- Compute methods ---
    @api.depends("expected_serial_ids.state", "product_uom_qty")
    def _compute_expected_serial_count(self):
        for move in self:
            count = len(
                move.expected_serial_ids.filtered(lambda s: s.state != "cancelled")
            )
            move.expected_serial_count = count
            move.expected_serial_summary = (
                f"{count} / {move.product_qty:g}"
                if move.serial_tracking_mode == "full"
                else ""
            )

    @api.depends("serial_tracking_mode", "picking_code", "state", "picking_id.state")
    def _compute_wms_can_edit_expected_serials(self):
        for move in self:
            move.wms_can_edit_expected_serials = (
                move._wms_is_pre_receipt_line()
                and move.state not in ("done", "cancel")
                and not move._wms_expected_serials_edit_refusal()
            )

    # --- CRUD ---
    @api.model_create_multi
    def create(self, vals_list):
        self.env["stock.serial.job"]._wms_check_unlocked_vals(vals_list)
        # The adjustment moves of a count by serial, set-based (speed/count.py).
        moves = speed_count.create_moves(
            self,
            vals_list,
            lambda moves, vals: super(StockMove, moves).create(vals),
        )
        if moves is not None:
            return moves
        return super().create(vals_list)

    def write(self, vals):
        self.env["stock.serial.job"]._wms_check_unlocked(self.picking_id)
        res = super().write(vals)
        if "product_uom_qty" in vals or "product_uom" in vals:
            self.filtered("expected_serial_ids")._wms_check_expected_serials()
        if "move_line_ids" in vals or "lot_ids" in vals:
            # The detailed operations saved (the move's dialog, the transfer form).
            self._wms_check_entered_pick_serials()
        return res

    def unlink(self):
        self.env["stock.serial.job"]._wms_check_unlocked(self.picking_id)
        return super().unlink()

    # --- Action methods ---
    def action_wms_edit_expected_serials(self):
        """Open the Edit Serial Numbers dialog of this pre-receipt line."""
        self.ensure_one()
        self._wms_check_expected_serials_editable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Edit Serial Numbers"),
            "res_model": "stock.expected.serial.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_move_id": self.id,
                # Each serial with its carton, as the list is given.
                "default_serials_text": "\n".join(
                    f"{serial.name};{serial.carton}" if serial.carton else serial.name
                    for serial in self._wms_expected_serials()
                ),
            },
        }

    # --- Stock flow overrides ---
    def _action_assign(self, force_qty=False):
        def odoo(moves):
            # Odoo's _action_assign of ``moves`` (super() binds to this
            # function's first argument, as super(StockMove, moves)).
            return super()._action_assign(force_qty=force_qty)

        optional = self._wms_serial_optional()
        # The empty lines of a receipt of many serials, set-based
        # (speed/confirmation.py).
        if not optional:
            return speed_confirmation.assign(self, force_qty, odoo)
        speed_confirmation.assign(self - optional, force_qty, odoo)
        with optional.picking_type_id._wms_lots_optional():
            super(StockMove, optional)._action_assign(force_qty=force_qty)

    def _split(self, qty, restrict_partner_id=False):
        expected = self._wms_expected_serials(("expected",))
        if not expected:
            return super()._split(qty, restrict_partner_id=restrict_partner_id)
        vals_list = super(StockMove, self.with_context(wms_expected_split=True))._split(
            qty, restrict_partner_id=restrict_partner_id
        )
        # The serials not received on this move go to the backorder's move.
        received = set(self._wms_done_lines()._wms_serial_names())
        remaining = expected.filtered(lambda s: s.name not in received)
        if vals_list and remaining:
            vals_list[0]["expected_serial_ids"] = [Command.set(remaining.ids)]
            # Creating the new move re-links them (``write({"move_id": ...})``):
            # the system carrying them over, not a user editing them.
            carry_over = self.env.cr.cache.setdefault(CARRY_OVER_KEY, {})
            carry_over.update(dict.fromkeys(remaining.ids, self.id))
        return vals_list

    def _action_done(self, cancel_backorder=False):
        self._wms_check_serials_before_done()
        self.env["stock.lot"]._wms_lock_serials(self.move_line_ids)
        cache = self.env.cr.cache
        owner = CARRY_OVER_KEY not in cache
        try:
            moves = super()._action_done(cancel_backorder=cancel_backorder)
        finally:
            # The backorder moves are created: nothing is left to carry over.
            if owner:
                cache.pop(CARRY_OVER_KEY, None)
        self.exists()._wms_settle_expected_serials()
        moves._wms_after_done_recall_warranty()
        return moves

    def _inverse_picked(self):
        # The thousands of adjustment moves of a count by serial, by set.
        return speed_count.inverse_picked(
            self,
            self._wms_modules_below("_inverse_picked"),
            lambda: super(StockMove, self)._inverse_picked(),
        )

    def _check_company(self, fnames=None):
        # Thousands of moves of one validation, set-based: the same
        # inconsistencies raise the same error.
        return speed_company.check_company(
            self,
            fnames,
            lambda moves, names: super(StockMove, moves)._check_company(names),
        )

    def _get_out_move_lines(self):
        # Inventory Valuation's, without a recordset union per line.
        lines = speed_valuation.out_move_lines(self)
        if lines is not None:
            return lines
        return super()._get_out_move_lines()

    def _action_cancel(self):
        res = super()._action_cancel()
        self._wms_settle_expected_serials()
        return res

    # --- Private helpers: which moves need serials ---
    def _wms_modules_below(self, method):
        """The modules defining ``method`` below this class (those ``super()``
        reaches): standing in for ``method`` without calling ``super()`` must
        do their part. The modules above call this one through their own
        ``super()`` and keep theirs."""
        mro = type(self).__mro__
        return {
            getattr(cls, "_module", None)
            for cls in mro[mro.index(StockMove) + 1 :]
            if method in vars(cls)
        }

    def _wms_is_pre_receipt_line(self):
        self.ensure_one()
        return self.picking_code == "incoming" and self.serial_tracking_mode == "full"

    def _wms_is_pick_task(self):
        """A move of the warehouse's pick step, or of its delivery step when
        delivery is one step."""
        self.ensure_one()
        return (
            bool(self.picking_type_id) and self.picking_type_id._wms_is_pick_task_type()
        )

    def _wms_takes_serials_from_stock(self):
        """A move whose serials are chosen by scan among those on hand at its
        source: pick tasks, and every other step out of stock of a Full Tracking
        product (warehouse transfers, pack and ship steps, returns to vendors)."""
        self.ensure_one()
        if self._wms_is_pick_task():
            return True
        return (
            self.serial_tracking_mode == "full"
            and self.picking_code in ("internal", "outgoing")
            and self.location_id.usage in ("internal", "transit")
            and not self.is_inventory
        )

    def _wms_is_return_in(self):
        """An incoming move that returns goods delivered earlier: their serials
        come back, whatever the mode."""
        self.ensure_one()
        return self.picking_code == "incoming" and bool(self.origin_returned_move_id)

    def _wms_takes_serials_by_quantity(self):
        """A Track During Pick line received or moved by quantity (not a pick
        task, not a return of delivered serials)."""
        self.ensure_one()
        return (
            self.serial_tracking_mode == "pick"
            and not self._wms_is_pick_task()
            and not self._wms_is_return_in()
        )

    def _wms_scan_takes_serial(self):
        """Whether a scanner records serials (rather than a quantity) for this
        line: receipts and returns of serial products, and pick tasks."""
        self.ensure_one()
        if self.serial_tracking_mode == "none" or self._wms_takes_serials_by_quantity():
            return False
        return self.picking_code == "incoming" or self._wms_takes_serials_from_stock()

    def _wms_serial_optional(self):
        """Moves whose units may pass without serial although the product is
        serial-tracked: Track During Pick products outside pick tasks."""
        return self.filtered(lambda m: m._wms_takes_serials_by_quantity())

    @contextmanager
    def _wms_picking_lines(self):
        """Around a block that makes lines of this move picked and unpicks none
        (a scan): a move that is picked already stays picked, so the recompute
        of its ``picked`` that the block's writes trigger is dropped.

        Odoo's rule, restated from ``stock.move._compute_picked``: a move is
        picked when it is done or any of its lines is picked. Recomputing it
        reads every line of the move (thousands on a big transfer) at each scan.
        """
        self.ensure_one()
        # Read before the writes: a recompute already pending is done here.
        picked = self.picked
        yield
        if picked:
            self.env.remove_to_compute(self._fields["picked"], self)

    def _wms_lines_to_fill(self, fields, needed):
        """The lines of this move a scan of ``needed`` serials may fill, with
        ``fields`` read, in one query: up to ``needed`` unpicked lines with no
        serial yet, then, for the units left, units picked without serial
        (picked by ticking the line or setting its quantity), each in the
        lines' order.

        :return: (lines without serial, list of lines picked without serial,
            each as many times as the whole units it holds)
        """
        self.ensure_one()
        if needed <= 0:
            return [], []
        Line = self.env["stock.move.line"]
        # Unpicked lines sort first, then picked ones; each line holds one
        # unit or more: ``needed`` lines are always enough.
        lines = Line.search_fetch(
            [
                ("move_id", "=", self.id),
                ("lot_id", "=", False),
                ("lot_name", "=", False),
                "|",
                ("picked", "=", False),
                ("quantity", ">", 0),
            ],
            list(dict.fromkeys([*fields, "picked", "quantity_product_uom"])),
            order=f"picked, {Line._order}",
            limit=needed,
        )
        free = [line for line in lines if not line.picked]
        units, wanted = [], needed - len(free)
        for line in lines:
            if not line.picked:
                continue
            whole = int(
                float_round(
                    line.quantity_product_uom,
                    precision_rounding=self.product_id.uom_id.rounding,
                    rounding_method="DOWN",
                )
            )
            units += [line] * whole
            if len(units) >= wanted:
                break
        return free, units[:wanted]

    def _wms_serial_units_left(self):
        """Units of each of these moves that have no serial yet (not picked, or
        picked without serial): where a scan of their product can still go.

        :return: dict move -> units (negative when more serials than demand)
        """
        counts = dict(
            self.env["stock.move.line"]._read_group(
                [
                    ("move_id", "in", self.ids),
                    ("picked", "=", True),
                    "|",
                    ("lot_id", "!=", False),
                    ("lot_name", "!=", False),
                ],
                ["move_id"],
                ["__count"],
            )
        )
        return {move: move.product_qty - counts.get(move, 0) for move in self}

    def _wms_document_name(self):
        """How messages name where this line is: its transfer, and, when its
        product is on several lines of that transfer, which line (its rank in
        the transfer's operations, as the form lists them)."""
        self.ensure_one()
        picking = self.picking_id
        if not picking:
            return self.display_name
        moves = picking.move_ids
        if len(moves.filtered(lambda m: m.product_id == self.product_id)) < 2:
            return picking.display_name
        return _(
            "%(picking)s, line %(number)s",
            picking=picking.display_name,
            number=moves.ids.index(self.id) + 1,
        )

    def _wms_done_lines(self):
        """The move lines that validating this move will make done."""
        self.ensure_one()
        if self.picked:
            lines = self.move_line_ids
            fetch_missing(lines._wms_stored(), ["picked"])
            return lines.filtered("picked")
        return self.move_line_ids

    # --- Private helpers: serials on move lines ---
    def _wms_serial_line_errors(self, lines, complete=False):
        """What is wrong with the serials of ``lines`` of this move, whatever the
        step: a unit without serial (when ``complete``), a serial for more than one
        unit, a malformed serial, a serial given twice on the transfer.

        :return: (serial names of ``lines``, list of messages)
        """
        self.ensure_one()
        product, picking = self.product_id, self.picking_id
        rounding = product.uom_id.rounding
        errors, names, missing = [], [], 0.0
        fetch_missing(lines._wms_stored(), ["quantity_product_uom"])
        serial_names = lines._wms_serial_names()
        fetch_missing(lines._wms_stored().lot_id, ["product_id"])
        for line, name in zip(lines, serial_names, strict=True):
            if not name:
                missing += line.quantity_product_uom
                continue
            names.append(name)
            qty = line.quantity_product_uom
            if float_compare(qty, 1, precision_rounding=rounding) > 0:
                errors.append(
                    _(
                        "Serial number %(serial)s of %(product)s is given for %(qty)s "
                        "units on %(picking)s; a serial number is for one unit.",
                        serial=name,
                        product=product.display_name,
                        qty=format(qty, "g"),
                        picking=self._wms_document_name(),
                    )
                )
        if complete and not float_is_zero(missing, precision_rounding=rounding):
            errors.append(
                _(
                    "%(product)s is in %(mode)s: %(missing)s units on %(picking)s "
                    "have no serial number. Scan or enter one serial number per unit.",
                    product=product.display_name,
                    mode=self.product_id.product_tmpl_id._wms_mode_label(),
                    missing=format(missing, "g"),
                    picking=self._wms_document_name(),
                )
            )
        for name in names:
            try:
                self.env["stock.lot"]._wms_clean_serial(name, product)
            except UserError as error:
                errors.append(error.args[0])
        # What a serial of the product looks like (not for serials recorded:
        # a line on a lot of the product is one, no lookup needed).
        unrecorded = [
            name
            for line, name in zip(lines, serial_names, strict=True)
            if name and line.lot_id.product_id != product
        ]
        errors += (
            self.env["stock.lot"]._wms_serial_rule_errors(product, unrecorded).values()
        )
        # Given twice on this transfer (any line of the product, not only
        # ``lines``): only the lines carrying one of ``names`` are read.
        same = self.env["stock.move.line"].search_fetch(
            [
                ("picking_id", "=", picking.id)
                if picking
                else ("move_id", "=", self.id),
                ("product_id", "=", product.id),
                "|",
                ("lot_id.name", "in", names),
                ("lot_name", "in", names),
            ],
            ["lot_id", "lot_name"],
        )
        counts = Counter(same._wms_serial_names())
        for name in sorted({n for n in names if counts[n] > 1}):
            errors.append(
                _(
                    "Serial number %(serial)s of %(product)s is given twice on "
                    "%(picking)s.",
                    serial=name,
                    product=product.display_name,
                    picking=picking.display_name,
                )
            )
        return names, errors

    # --- Private helpers: validation ---
    def _wms_check_serials_before_done(self):
        """Everything a receipt or a pick task must satisfy, whatever path filled
        it: ``_sanity_check`` (button) and ``_action_done`` (any caller) call this.
        A serial per unit is required except on operation types set to take
        no lots at all, as Odoo does.
        Within one ``button_validate`` (see ``_wms_serial_checks_once``), a move
        whose lines have not changed since it passed is not checked again."""
        passed = self.env.cr.cache.get(CHECKED_MOVES_KEY)
        errors = []
        for move in self:
            if move.state in ("done", "cancel") or move.serial_tracking_mode == "none":
                continue
            lines = move._wms_done_lines()
            state = (
                (move.picked, frozenset(lines.mapped(self._wms_line_serial_state)))
                if passed is not None
                else None
            )
            if state is not None and passed.get(move.id) == state:
                continue
            # An operation type set to take no lots (Odoo's "Create New" and
            # "Use Existing" both off) is, as in Odoo, a step without serials:
            # the serials given are checked, none is required.
            complete = not move.picking_type_id._wms_takes_no_lots()
            if move.picking_code == "incoming":
                move_errors = move._wms_receipt_serial_errors(lines, complete=complete)
            elif move._wms_takes_serials_from_stock():
                move_errors = move._wms_pick_serial_errors(lines, complete=complete)
            else:
                continue
            errors += move_errors
            if state is not None and not move_errors:
                passed[move.id] = state
        if errors:
            raise UserError("\n".join(errors))

    @api.model
    def _wms_line_serial_state(self, line):
        return (
            line.id,
            line.lot_id.id,
            line.lot_name,
            line.quantity_product_uom,
            line.location_id.id,
            line.picked,
        )

    @contextmanager
    def _wms_serial_checks_once(self):
        """Inside this block (one validation: ``_sanity_check``, then
        ``_action_done``), ``_wms_check_serials_before_done`` remembers the moves
        that passed, with their lines, and skips them while those are unchanged."""
        cache = self.env.cr.cache
        if CHECKED_MOVES_KEY in cache:
            yield
            return
        cache[CHECKED_MOVES_KEY] = {}
        try:
            yield
        finally:
            cache.pop(CHECKED_MOVES_KEY, None)

    # --- Private helpers: expected serials ---
    def _wms_check_expected_serials_editable(self):
        """Raise unless the expected serials of these lines may be created,
        renamed or deleted (see ``_wms_expected_serials_edit_refusal``)."""
        for move in self:
            refusal = move._wms_expected_serials_edit_refusal()
            if refusal:
                raise UserError(refusal)

    def _wms_expected_serials_edit_refusal(self):
        """The one rule on when the expected serials of this line are created,
        renamed or deleted: by whoever may edit the pre-receipt (stock users and
        up), until it is received; by nobody after, not even the superuser. The
        serials already received on the line stay on its list meanwhile
        (``stock.expected.serial._wms_check_not_received``, and
        ``_wms_check_expected_serials`` for a new list). ``_split`` handing
        the serials still expected to the backorder is not an edit
        (``stock.expected.serial.write`` tells it apart with
        ``_wms_expected_serials_carried_over``).

        :return: the reason, or ``False`` when allowed
        """
        self.ensure_one()
        picking = self.picking_id
        if self.state == "done" or picking.state == "done":
            return _(
                "The expected serial numbers of %(picking)s can no longer be "
                "changed: it has been received.",
                picking=picking.display_name or self.display_name,
            )
        return False

    def _wms_received_serials(self):
        """The serials received on this pre-receipt line so far: scanned or
        entered on one of its picked lines."""
        self.ensure_one()
        lines = self.env["stock.move.line"].search_fetch(
            [
                ("move_id", "=", self.id),
                ("picked", "=", True),
                "|",
                ("lot_id", "!=", False),
                ("lot_name", "!=", False),
            ],
            ["lot_id", "lot_name"],
        )
        return set(lines._wms_serial_names())

    def _wms_expected_serials(self, states=("expected", "received")):
        """The expected serials of these lines in ``states`` (by default, all
        but the cancelled ones), in their order, their name, line and state
        read at once: a container's list holds tens of thousands, and reading
        them through ``expected_serial_ids`` a thousand at a time went through
        every one read before (Odoo's prefetch)."""
        return self.env["stock.expected.serial"].search_fetch(
            [("move_id", "in", self.ids), ("state", "in", list(states))],
            ["name", "move_id", "state", "carton"],
        )

    def _wms_received_serials_errors(self, names):
        """One message per serial of ``names`` received on this line already,
        which its list of expected serials must keep."""
        self.ensure_one()
        return [
            _(
                "Serial number %(serial)s of %(product)s is received on %(picking)s "
                "already: its expected serial numbers must include it.",
                serial=name,
                product=self.product_id.display_name,
                picking=self.picking_id.display_name,
            )
            for name in sorted(names)
        ]

    def _wms_set_expected_serials(self, names, cartons=None):
        """Make clean, distinct ``names`` the expected serials of this pre-receipt
        line (an empty list clears them): the serials kept stay as they are, the
        others are deleted or added, and the list is checked once, as a whole
        (all or none; a serial received already cannot leave it).

        :param cartons: ``{name: carton}``, the carton of each serial (none
            where missing or empty)
        """
        self.ensure_one()
        self._wms_check_expected_serials_editable()
        cartons = cartons or {}
        current = self._wms_expected_serials()
        wanted = set(names)
        kept = {s.name for s in current if s.name in wanted}
        # The serials kept take the carton given now, one write per carton.
        moved = current.filtered(
            lambda s: s.name in wanted and (s.carton or "") != cartons.get(s.name, "")
        )
        for carton, serials in moved.grouped(
            lambda s: cartons.get(s.name) or False
        ).items():
            serials.write({"carton": carton})
        cache = self.env.cr.cache
        outer = REPLACING_KEY in cache
        replacing = cache.setdefault(REPLACING_KEY, set())
        replacing.add(self.id)
        try:
            current.filtered(lambda s: s.name not in wanted).unlink()
            self.env["stock.expected.serial"].create(
                [
                    {
                        "move_id": self.id,
                        "name": name,
                        "carton": cartons.get(name) or False,
                    }
                    for name in names
                    if name not in kept
                ]
            )
        finally:
            if not outer:
                cache.pop(REPLACING_KEY, None)
        if not outer:
            self.browse(replacing).exists()._wms_check_expected_serials()

    def _wms_expected_serials_carried_over(self, serials):
        """Whether linking ``serials`` to this move is ``_split`` handing the
        serials still expected to the backorder's new move (see ``CARRY_OVER_KEY``):
        each was registered by ``_split`` for the move it is on now, and this move
        is a line of the same product on the same pre-receipt. Consumes the
        registration, so it serves once."""
        self.ensure_one()
        carry_over = self.env.cr.cache.get(CARRY_OVER_KEY)
        if not carry_over or not serials:
            return False
        for serial in serials:
            source = serial.move_id
            if (
                carry_over.get(serial.id) != source.id
                or source == self
                or source.picking_id != self.picking_id
                or source.product_id != self.product_id
            ):
                return False
        for serial_id in serials.ids:
            carry_over.pop(serial_id, None)
        return True

    def _wms_check_expected_serials(self):
        """All or none, on Full Tracking pre-receipt lines only, each serial valid
        and held nowhere else."""
        if self.env.context.get("wms_expected_split"):
            return
        replacing = self.env.cr.cache.get(REPLACING_KEY)
        if replacing is not None:
            # A list being replaced: checked once it is complete.
            replacing.update(self.ids)
            return
        for move in self:
            expected = move._wms_expected_serials()
            if not expected:
                continue
            product, picking = move.product_id, move.picking_id
            if not move._wms_is_pre_receipt_line():
                raise UserError(
                    _(
                        "Expected serial numbers can only be entered on pre-receipt "
                        "lines of Full Tracking products (%(product)s on "
                        "%(picking)s).",
                        product=product.display_name,
                        picking=picking.display_name or move.display_name,
                    )
                )
            if float_compare(
                len(expected),
                move.product_qty,
                precision_rounding=product.uom_id.rounding,
            ):
                raise UserError(
                    _(
                        "Enter all expected serial numbers or none: %(product)s "
                        "on %(picking)s expects %(expected)s units and %(count)s "
                        "serial numbers are entered.",
                        product=product.display_name,
                        picking=move._wms_document_name(),
                        expected=format(move.product_qty, "g"),
                        count=len(expected),
                    )
                )
            errors = []
            for serial in expected:
                try:
                    self.env["stock.lot"]._wms_clean_serial(serial.name, product)
                except UserError as error:
                    errors.append(error.args[0])
            if move.state != "done":
                errors += move._wms_expected_serials_conflicts(expected.mapped("name"))
            if errors:
                raise UserError("\n".join(errors))

    def _wms_expected_serials_conflicts(self, names):
        """What a list ``names`` of expected serials of this open line clashes
        with: serials in stock already or expected on another pre-receipt,
        serials received on this line that the list leaves out. Checked when
        the list is saved, and shown before (Edit Serial Numbers).

        :return: list of messages
        """
        self.ensure_one()
        return self._wms_serials_held_elsewhere_errors(
            names
        ) + self._wms_received_serials_errors(self._wms_received_serials() - set(names))

    def _wms_settle_expected_serials(self):
        """After validation or cancellation: mark what was received, and cancel
        what can no longer arrive on this line."""
        self.env["stock.expected.serial"]._wms_settle(self)
