# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_is_zero

from .stock_serial_job import ACTIVE_STATES


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # --- Fields ---
    # The last background job of this transfer (stock.serial.job), for the form's
    # banner, the scanner and the bench.
    wms_job_id = fields.Many2one(
        "stock.serial.job",
        string="Background Validation",
        compute="_compute_wms_job",
        groups="stock.group_stock_user",
    )
    wms_job_state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        string="Background Validation State",
        compute="_compute_wms_job",
        groups="stock.group_stock_user",
    )
    wms_job_progress = fields.Float(
        string="Background Validation Progress",
        help="0 queued, 100 ended; while running, estimated from the time the "
        "last jobs took per serial number.",
        compute="_compute_wms_job",
        groups="stock.group_stock_user",
    )
    wms_job_message = fields.Text(
        string="Background Validation Message",
        compute="_compute_wms_job",
        groups="stock.group_stock_user",
    )
    wms_job_locked = fields.Boolean(
        string="Locked by a Background Validation",
        compute="_compute_wms_job",
        groups="stock.group_stock_user",
    )

    # --- Compute methods ---
    def _compute_wms_job(self):
        jobs = (
            self.env["stock.serial.job"]
            .sudo()
            .search([("picking_ids", "in", self.ids)], order="id desc")
            if self.ids
            else self.env["stock.serial.job"]
        )
        last = {}
        for job in jobs:
            for picking_id in job.picking_ids.ids:
                last.setdefault(picking_id, job)
        for picking in self:
            job = last.get(picking.id, self.env["stock.serial.job"])
            picking.wms_job_id = job.sudo(False)
            picking.wms_job_state = job.state
            picking.wms_job_progress = job._wms_live_progress() if job else 0.0
            picking.wms_job_message = job._wms_banner_text() if job else False
            picking.wms_job_locked = job.state in ACTIVE_STATES

    # --- CRUD ---
    def write(self, vals):
        self.env["stock.serial.job"]._wms_check_unlocked(self)
        return super().write(vals)

    def unlink(self):
        self.env["stock.serial.job"]._wms_check_unlocked(self)
        return super().unlink()

    # --- Action methods ---
    def action_confirm(self):
        Job = self.env["stock.serial.job"]
        Job._wms_check_unlocked(self)
        # Thousands of serial units asked by the button: in the background.
        job = Job._wms_defer(self, "confirm")
        if job:
            return Job._wms_queued_action(job)
        return super().action_confirm()

    def action_assign(self):
        Job = self.env["stock.serial.job"]
        Job._wms_check_unlocked(self)
        job = Job._wms_defer(self, "assign")
        if job:
            return Job._wms_queued_action(job)
        return super().action_assign()

    def action_cancel(self):
        self.env["stock.serial.job"]._wms_check_unlocked(self)
        return super().action_cancel()

    def do_unreserve(self):
        self.env["stock.serial.job"]._wms_check_unlocked(self)
        return super().do_unreserve()

    # --- Entry points: scanner screens, integrations and tests call these ---
    # Each takes the line to act on as ``move_id`` (a ``stock.move`` of this
    # transfer, of ``product_id``), optionally: without it, the line of the
    # product that can take the serial (see ``_wms_*_moves_for_serials``).
    def wms_set_expected_serials(self, product_id, serials, move_id=False):
        """Set (or, with an empty list, clear) the expected serials of a
        pre-receipt line: all of them or none. Raises ``UserError`` on any rule.

        :param serials: list of serials; each may name its carton (an SSCC or
            any carton label): "serial;carton", "serial<TAB>carton" or a
            (serial, carton) pair (see ``stock.expected.serial._wms_split_cartons``)

        :param move_id: the line; without it, the line of ``product_id`` that
            expects some of ``serials`` already, else the first without
            expected serials (the one whose quantity is their count first), else
            the first (see ``_wms_expected_serials_move``)
        """
        self.ensure_one()
        self.env["stock.serial.job"]._wms_check_unlocked(self)
        product = self.env["product.product"].browse(product_id).exists()
        serials, cartons, errors = self.env["stock.expected.serial"]._wms_split_cartons(
            serials or []
        )
        move = self._wms_pre_receipt_move(product, move_id, serials)
        names, serial_errors = self.env["stock.lot"]._wms_parse_serial_list(
            serials, product
        )
        if errors or serial_errors:
            raise UserError("\n".join(serial_errors + errors))
        with self.env.cr.savepoint():
            # No refusal: one clean name for each serial given, in order.
            cartons = dict(zip(names, cartons, strict=True))
            move._wms_set_expected_serials(names, cartons)
        return True

    def wms_set_picked_serials(self, product_id, serials, move_id=False):
        """Give the serials picked for ``product_id`` on this pick list in one call
        (an integration, or a batch of scans): the same rules and refusals as one
        ``wms_scan_serial`` each; all are recorded or none.

        :return: dict like ``wms_scan_serial``'s, with ``count`` recorded
        """
        self.ensure_one()
        self.env["stock.serial.job"]._wms_check_unlocked(self)
        product = self.env["product.product"].browse(product_id).exists()
        with self.env.cr.savepoint():
            moves = self._wms_pick_task_moves(product, move_id)
            names = self.env["stock.lot"]._wms_check_serial_list(serials or [], product)
            lines = self._wms_assign_pick_serials(moves, names)
        return self._wms_bulk_result(product, lines)

    def wms_set_quantity(self, product_id, quantity, move_id=False):
        """Record the quantity done of a product handled by quantity on this
        step (No Tracking, or Track During Pick outside pick tasks): on line
        ``move_id``, or shared out over the product's lines in their order (each
        up to its demand, the last one takes any excess)."""
        self.ensure_one()
        self.env["stock.serial.job"]._wms_check_unlocked(self)
        product = self.env["product.product"].browse(product_id).exists()
        moves = self._wms_open_moves(product, move_id)
        if moves[0]._wms_scan_takes_serial():
            raise UserError(
                _(
                    "%(product)s takes serial numbers on %(picking)s: scan one per "
                    "unit instead of entering a quantity.",
                    product=product.display_name,
                    picking=self.display_name,
                )
            )
        self._wms_check_quantity(quantity)
        left = quantity
        for move in moves:
            share = left if move == moves[-1] else min(left, move.product_qty)
            move.quantity = share
            move.picked = True
            left -= share
        return True

    def wms_receive_expected_serials(self, product_id, move_id=False):
        """Receive, in one call, the expected serials of ``product_id`` on this
        pre-receipt that are not recorded yet (the goods arrived as announced),
        each on the line that expects it (only line ``move_id``'s when given):
        the same rules and refusals as one ``wms_scan_serial`` each; all are
        recorded or none.

        :return: dict like ``wms_scan_serial``'s, with ``count`` recorded
        """
        self.ensure_one()
        self.env["stock.serial.job"]._wms_check_unlocked(self)
        product = self.env["product.product"].browse(product_id).exists()
        with self.env.cr.savepoint():
            moves = self._wms_open_moves(product, move_id)
            # Read at once (a container holds tens of thousands).
            expected = self.env["stock.expected.serial"].search_fetch(
                [("move_id", "in", moves.ids), ("state", "=", "expected")],
                ["name", "move_id"],
            )
            if not expected:
                raise UserError(
                    _(
                        "%(product)s has no expected serial numbers on %(picking)s.",
                        product=product.display_name,
                        picking=(
                            moves._wms_document_name() if move_id else self.display_name
                        ),
                    )
                )
            lines = self._wms_receive_expected(expected)
        return self._wms_bulk_result(product, lines)

    def wms_scan_serial(self, product_id, serial, package_id=False, move_id=False):
        """Record one scanned serial of ``product_id`` on this transfer; with
        ``package_id``, into that tote (the line's destination package); with
        ``move_id``, on that line, else on the product's line that can take it.

        :return: dict with ``ok``, ``message``, ``serial``, ``product_id``,
            ``done_qty`` and ``expected_qty`` (for that product on this transfer);
            a refusal has ``ok: False``, the reason, and changes nothing.
        """
        self.ensure_one()
        product = self._wms_scanned_product(product_id)
        tote = self.env["stock.quant.package"].browse(package_id or []).exists()
        try:
            with self.env.cr.savepoint():
                self.env["stock.serial.job"]._wms_check_unlocked(self)
                if not product:
                    raise UserError(_("Unknown product (id %s).", product_id))
                if package_id and not tote:
                    raise UserError(_("Unknown tote (id %s).", package_id))
                if self.picking_type_code == "incoming":
                    line = self._wms_receive_serial(product, serial, move_id)
                else:
                    line = self._wms_pick_serial(product, serial, move_id)
                if tote:
                    tote._wms_check_tote_for(line.move_id)
                    line.result_package_id = tote
        except UserError as error:
            return self._wms_scan_result(product, False, error.args[0], serial)
        name = line.lot_id.name or line.lot_name
        # The product's name as Odoo computes it, without Odoo's check of the
        # product's company rule there (it reads the user's companies whole):
        # the product is on a line of this transfer, which the user may read,
        # so it is of the transfer's company or of none (Odoo's company check
        # of the line), which that rule lets the user read.
        product_name = product.sudo().display_name
        message = (
            _(
                "%(serial)s of %(product)s recorded in tote %(tote)s.",
                serial=name,
                product=product_name,
                tote=tote.name,
            )
            if tote
            else _(
                "%(serial)s recorded for %(product)s.",
                serial=name,
                product=product_name,
            )
        )
        message = self._wms_scan_warranty_note(line, message)
        return self._wms_scan_result(product, True, message, name)

    def wms_scan_package(self, code):
        """A tote scanned on this transfer. Where the transfer takes stock out of
        the tote (a pack step, an internal transfer), all its units are picked
        at once, with their serials: a pack step empties the tote, any other
        transfer moves it whole. Elsewhere (a pick task picking into it) the
        answer lists the serials it holds.

        :return: dict with ``ok``, ``message``, ``package_id``, ``package``,
            ``serials`` (in the tote) and ``moved`` (units picked now)
        """
        self.ensure_one()
        self.env["stock.serial.job"]._wms_check_unlocked(self)
        tote = self.env["stock.quant.package"]._wms_find_tote(code, self.company_id)
        if not tote:
            return {
                "ok": False,
                "message": _("%s is not a known tote.", (code or "").strip()),
                "package_id": False,
                "package": "",
                "serials": [],
                "moved": 0,
            }
        lines = self.move_line_ids.filtered(
            lambda ml: ml.package_id == tote and not ml.picked
        )
        if lines and self.state not in ("done", "cancel"):
            empties = (
                self.picking_type_id == self.picking_type_id.warehouse_id.pack_type_id
            )
            lines.write({"picked": True, "result_package_id": not empties and tote.id})
            moved = sum(lines.mapped("quantity_product_uom"))
            args = {"tote": tote.name, "count": format(moved, "g")}
            message = (
                _("Tote %(tote)s emptied: %(count)s units picked.", **args)
                if empties
                else _("Tote %(tote)s moved: %(count)s units picked.", **args)
            )
            serials = [
                n for n in lines.mapped(lambda ml: ml.lot_id.name or ml.lot_name) if n
            ]
        else:
            serials = tote._wms_tote_serials(self)
            message = _(
                "Tote %(tote)s: %(count)s serial numbers.",
                tote=tote.name,
                count=len(serials),
            )
            moved = 0
        return {
            "ok": True,
            "message": message,
            "package_id": tote.id,
            "package": tote.name,
            "serials": serials,
            "moved": moved,
        }

    # --- Native overrides ---
    def button_validate(self):
        Job = self.env["stock.serial.job"]
        Job._wms_check_unlocked(self)
        Job._wms_pop_queued()
        # The serial checks of ``_sanity_check`` and ``_action_done`` run once.
        with self.env["stock.move"]._wms_serial_checks_once():
            res = super().button_validate()
        jobs = Job._wms_pop_queued()
        if jobs:
            # ``_action_done`` was left to a job: Odoo's answer (reports to
            # print) would speak of a transfer not done yet.
            return Job._wms_queued_action(jobs)
        return res

    def _action_done(self):
        # Over the threshold, the work Odoo's button_validate asks for (its
        # wizards answered, their choices in the context) runs as a job.
        if self.env["stock.serial.job"]._wms_defer(self, "validate"):
            return True
        return super()._action_done()

    def _sanity_check(self, separate_pickings=True):
        if not self.env.context.get("skip_sanity_check"):
            self.move_ids._wms_check_serials_before_done()
        return super()._sanity_check(separate_pickings=separate_pickings)

    def _get_lot_move_lines_for_sanity_check(
        self, none_done_picking_ids, separate_pickings=True
    ):
        lines = super()._get_lot_move_lines_for_sanity_check(
            none_done_picking_ids, separate_pickings=separate_pickings
        )
        optional_moves = lines.move_id._wms_serial_optional()
        return lines.filtered(lambda ml: ml.move_id not in optional_moves)

    # --- Private helpers ---
    @api.model
    def _wms_check_quantity(self, quantity):
        """Raise unless ``quantity`` (given by a scanner or an integration for a
        line handled by quantity) is a number, zero or more."""
        if not isinstance(quantity, int | float) or quantity < 0:
            raise UserError(_("The quantity must be a number, zero or more."))

    def _wms_lock_source_quants(self):
        """Lock the quants that validating these transfers updates at their
        sources: the untracked stock of their products there (one row that every
        picker of a Track During Pick product shares) and the serials they take.
        Taken first, in one order, they make two validations of the same stock
        queue instead of colliding; under Odoo's repeatable-read transactions a
        lock that comes after another validation changed the rows raises
        ``SerializationFailure`` (the caller decides whether to start again)."""
        lines = self.move_line_ids.filtered(
            lambda ml: ml.state not in ("done", "cancel")
        )
        if not lines:
            return
        self.env.cr.execute(
            SQL(
                """SELECT id FROM stock_quant
                    WHERE product_id = ANY(%s) AND location_id = ANY(%s)
                      AND (lot_id IS NULL OR lot_id = ANY(%s))
                 ORDER BY id
                      FOR NO KEY UPDATE""",
                lines.product_id.ids,
                lines.location_id.ids,
                lines.lot_id.ids,
            ),
            # A refusal here is expected under load; the caller reports it.
            log_exceptions=False,
        )

    def _wms_product_moves(self, product):
        return self.move_ids.filtered(
            lambda m: m.product_id == product and m.state not in ("done", "cancel")
        )

    def _wms_open_moves(self, product, move_id=False):
        """The open lines of ``product`` on this transfer, in their order, where
        a scan may go; only line ``move_id`` when the caller gives it."""
        self.ensure_one()
        if self.state in ("done", "cancel"):
            raise UserError(
                _(
                    "%(picking)s is already %(state)s.",
                    picking=self.display_name,
                    state=self.state,
                )
            )
        if move_id:
            return self._wms_given_move(product, move_id)
        moves = self._wms_product_moves(product)
        if not moves:
            raise UserError(
                _(
                    "%(product)s is not on %(picking)s.",
                    product=product.display_name,
                    picking=self.display_name,
                )
            )
        return moves

    def _wms_given_move(self, product, move_id):
        """Line ``move_id`` (a ``stock.move`` id) given by the caller: an open
        line of ``product`` on this transfer, or ``UserError``."""
        self.ensure_one()
        move = self.env["stock.move"]
        if isinstance(move_id, int) and not isinstance(move_id, bool):
            move = move.browse(move_id).exists()
        if not move or move.picking_id != self or move.product_id != product:
            raise UserError(
                _(
                    "Line %(line)s is not a line of %(product)s on %(picking)s.",
                    line=move_id,
                    product=product.display_name or _("this product"),
                    picking=self.display_name,
                )
            )
        if move.state in ("done", "cancel"):
            raise UserError(
                _(
                    "%(product)s on %(picking)s is already %(state)s.",
                    product=product.display_name,
                    picking=move._wms_document_name(),
                    state=move.state,
                )
            )
        return move

    def _wms_pre_receipt_move(self, product, move_id=False, serials=()):
        """The open Full Tracking line of ``product`` on this pre-receipt whose
        expected serials are ``serials``: line ``move_id`` when given, else see
        ``_wms_expected_serials_move``."""
        self.ensure_one()
        if self.picking_type_code != "incoming":
            raise UserError(
                _(
                    "%(picking)s is not a pre-receipt (incoming transfer).",
                    picking=self.display_name,
                )
            )
        self.move_ids[:1]._wms_check_expected_serials_editable()
        if self.state == "cancel":
            raise UserError(_("%(picking)s is cancelled.", picking=self.display_name))
        if move_id:
            move = self._wms_given_move(product, move_id)
        else:
            move = self._wms_expected_serials_move(product, serials)
        if not move:
            raise UserError(
                _(
                    "%(product)s is not on %(picking)s.",
                    product=product.display_name or _("This product"),
                    picking=self.display_name,
                )
            )
        if move.serial_tracking_mode != "full":
            raise UserError(
                _(
                    "%(product)s is set to %(mode)s: expected serial numbers are only "
                    "entered for Full Tracking products.",
                    product=product.display_name,
                    mode=move.product_id.product_tmpl_id._wms_mode_label(),
                )
            )
        return move

    def _wms_expected_serials_move(self, product, serials):
        """The open line of ``product`` whose expected serials ``serials`` are
        meant to be, when the caller does not say: the line that expects some
        of them already (its list is being changed); else, for a list, the first
        line without expected serials whose quantity is their count, else the
        first without expected serials; to clear, the first line with expected
        serials; else the first line. Empty when the product has no open line."""
        moves = self._wms_product_moves(product)
        if len(moves) < 2:
            return moves
        names = {
            str(s).strip()
            for s in (serials if isinstance(serials, list | tuple) else [])
            if s not in (None, False)
        }
        current = {
            move: set(move._wms_expected_serials().mapped("name")) for move in moves
        }
        rules = (
            [
                lambda m: current[m] & names,
                lambda m: not current[m] and m.product_qty == len(names),
                lambda m: not current[m],
            ]
            if names
            else [lambda m: current[m]]
        )
        return next((move for rule in rules for move in moves if rule(move)), moves[:1])

    def _wms_receive_serial(self, product, serial, move_id=False):
        """Capture one serial on this receipt; raise ``UserError`` when refused."""
        moves = self._wms_open_moves(product, move_id)
        name = self.env["stock.lot"]._wms_clean_serial(serial, product)
        self.env["stock.lot"]._wms_check_serial_rules(product, [name])
        return self._wms_receive_serials(product, [name], moves)

    def _wms_receive_expected(self, expected):
        """Capture the serials of ``expected`` (expected serials of open lines of
        this receipt) that no picked line records yet, each on its own line, as
        scanned; raise ``UserError`` when one is refused.

        :return: the lines recorded now
        """
        lines = self.env["stock.move.line"]
        for move, serials in expected.grouped("move_id").items():
            recorded = set(
                self.env["stock.move.line"]
                .search_fetch(
                    [("move_id", "=", move.id), ("picked", "=", True)],
                    ["lot_id", "lot_name"],
                )
                ._wms_serial_names()
            )
            names = [n for n in serials.mapped("name") if n not in recorded]
            if names:
                lines |= self._wms_receive_serials(move.product_id, names, move)
        return lines

    def _wms_receive_serials(self, product, names, moves=None):
        """Capture clean, distinct serial ``names`` of ``product`` on this receipt,
        each on the line of ``moves`` (default: the product's open lines) that
        can take it (``_wms_receipt_moves_for_serials``); raise ``UserError``
        when one is refused."""
        moves = moves or self._wms_open_moves(product)
        move = moves[0]
        if move.serial_tracking_mode == "none" or move._wms_takes_serials_by_quantity():
            raise UserError(
                _(
                    "%(product)s is set to %(mode)s: it is received by quantity, no "
                    "serial number is accepted.",
                    product=product.display_name,
                    mode=move.product_id.product_tmpl_id._wms_mode_label(),
                )
            )
        lines, errors = self.env["stock.move.line"], []
        for move, move_names in moves._wms_receipt_moves_for_serials(names).items():
            move_lines = self._wms_receive_move_serials(move, move_names)
            lines |= move_lines
            errors += move._wms_receipt_serial_errors(move_lines)
        if errors:
            raise UserError("\n".join(errors))
        return lines

    def _wms_receive_move_serials(self, move, names):
        """Record clean, distinct serial ``names`` on receipt line ``move``; the
        caller judges them.

        Each goes on an unpicked line already carrying it (a return prefilled by
        Odoo), else on an empty one, else on a unit picked without serial, else
        on a new line.
        """
        lots = (
            self.env["stock.lot"]
            .search(
                [
                    ("product_id", "=", move.product_id.id),
                    ("name", "in", names),
                    ("company_id", "in", (False, self.company_id.id)),
                ],
                order="id",
            )
            .grouped("name")
        )
        # Only the lines these serials can take are read (not every line of a
        # receipt of thousands, at each scan): the unpicked ones carrying one of
        # them, then as many empty ones as needed, in the lines' order, then as
        # many units picked without serial.
        Line = self.env["stock.move.line"]
        unpicked = [("move_id", "=", move.id), ("picked", "=", False)]
        fields = ["lot_id", "lot_name", "quantity", "picked"]
        wanted = set(names)
        by_serial = {}
        for ml in Line.search_fetch(
            unpicked + ["|", ("lot_id.name", "in", names), ("lot_name", "in", names)],
            fields,
        ):
            name = ml.lot_id.name or ml.lot_name
            if name in wanted:
                by_serial.setdefault(name, ml)
        needed = len(wanted - set(by_serial))
        empty, units = move._wms_lines_to_fill(fields, needed)
        empty.reverse()
        units.reverse()
        with move._wms_picking_lines():
            line_ids, new_vals, lot_names, fills = [], [], {}, {}
            for name in names:
                lot = lots.get(name, self.env["stock.lot"])[:1]
                vals = {"lot_name": name}
                if lot:
                    vals["lot_id"] = lot.id
                line = by_serial.get(name) or (empty.pop() if empty else None)
                if line:
                    if "lot_id" in vals and line.lot_id != lot:
                        line.write(vals)
                    elif line.lot_name != name:
                        lot_names[line.id] = name
                    line_ids.append(line.id)
                elif units:
                    fills.setdefault(units.pop(), []).append(vals)
                else:
                    new_vals.append(
                        {
                            **move._prepare_move_line_vals(quantity=1),
                            **vals,
                            "quantity": 1,
                            "picked": True,
                        }
                    )
            lines = self.env["stock.move.line"].browse(line_ids)
            # Shared values in one write each; ``quantity`` only where it changes (a
            # write of it re-syncs the line's reservation, one query per line); the
            # serials, each on its line, picked in one statement for all.
            lines.filtered(lambda ml: ml.quantity != 1).write({"quantity": 1})
            self.env["stock.move.line"]._wms_pick_serial_names(lot_names)
            lines.filtered(lambda ml: not ml.picked).write({"picked": True})
            lines |= self._wms_fill_picked_units(fills)
            if new_vals:
                lines |= self.env["stock.move.line"].create(new_vals)
        return lines

    def _wms_fill_picked_units(self, fills):
        """Give serials to units picked without serial.

        :param fills: dict picked line without serial -> list of serial values
            (``lot_name``, and ``lot_id`` and ``location_id`` when the serial has
            a record), one per unit it is to fill
        :return: the lines that carry those serials now

        The line takes the serial itself when it gets one per unit it holds;
        else what is left of it stays picked without serial, and each serial
        gets a line of one unit, a copy of it.
        """
        lines, new_vals = self.env["stock.move.line"], []
        for line, serials in fills.items():
            rounding = line.product_id.uom_id.rounding
            left = line.quantity_product_uom - len(serials)
            if float_is_zero(left, precision_rounding=rounding):
                first, *serials = serials
                if line.quantity != 1:
                    # Only then: a write of ``quantity`` re-syncs the reservation.
                    first = {**first, "quantity": 1}
                line.write(first)
                lines |= line
            else:
                line.quantity = line.product_id.uom_id._compute_quantity(
                    left, line.product_uom_id
                )
            new_vals += [
                line.copy_data(
                    {
                        "lot_id": False,
                        **vals,
                        "quantity": 1,
                        "product_uom_id": line.product_id.uom_id.id,
                        "picked": True,
                    }
                )[0]
                for vals in serials
            ]
        if new_vals:
            lines |= self.env["stock.move.line"].create(new_vals)
        return lines

    @api.model
    def _wms_scanned_product(self, product_id):
        """``product.product`` ``product_id`` if it exists (archived too: what
        ``exists()`` finds), else an empty recordset; read with the fields a
        scan reads of it (the superuser's first read of it, through the
        line's tracking mode), in the same query."""
        Product = self.env["product.product"]
        if not product_id:
            return Product
        fields = [
            name for name, field in Product._fields.items() if field.prefetch is True
        ]
        found = (
            Product.sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "=", product_id)], fields)
        )
        return Product.browse(found.ids)

    def _wms_pick_serial(self, product, serial, move_id=False):
        """Capture one serial on this pick task; raise ``UserError`` when refused.

        Full Tracking (and a Track During Pick serial already on hand at the
        source): the serial must be available there; a serial other than the
        reserved one takes over an unpicked line's reservation. Track During
        Pick: a serial new to the stock is recorded on an unpicked line; it
        becomes a lot when the pick is validated.
        """
        moves = self._wms_pick_task_moves(product, move_id)
        Lot = self.env["stock.lot"]
        name = Lot._wms_clean_serial(serial, product)
        # Where the serial is, read once for the rules and the line it takes.
        quants = Lot._wms_serial_quants(product, [name], self.company_id)
        if name not in quants:
            # A serial on hand is a lot of the product: recorded, never judged
            # by the product's serial format (``_wms_serial_rule_errors``).
            Lot._wms_check_serial_rules(product, [name])
        return self._wms_assign_pick_serials(moves, [name], quants)

    def _wms_pick_task_moves(self, product, move_id=False):
        """The open lines of ``product`` on this transfer that take serials from
        stock (a pick task, or a Full Tracking warehouse transfer or later step);
        only line ``move_id`` when given."""
        moves = self._wms_open_moves(product, move_id)
        move = moves[0]
        if move.serial_tracking_mode == "none":
            raise UserError(
                _(
                    "%(product)s is set to No Tracking: it is picked by quantity, no "
                    "serial number is accepted.",
                    product=product.display_name,
                )
            )
        if not move._wms_takes_serials_from_stock():
            raise UserError(
                _(
                    "%(product)s is set to Track During Pick: its serial numbers are "
                    "captured on pick lists only, not on %(picking)s.",
                    product=product.display_name,
                    picking=self.display_name,
                )
            )
        return moves

    def _wms_assign_pick_serials(self, moves, names, quants=None):
        """Record clean, distinct ``names`` on pick task lines ``moves`` (of one
        product), each on the line that can take it
        (``_wms_pick_moves_for_serials``). Raises ``UserError``.

        :param quants: ``stock.lot._wms_serial_quants`` of ``names``, read by
            the caller just before (nothing written since); used when all the
            names go to one line, else read again for each line after the
            previous one's writes
        """
        lines, errors = self.env["stock.move.line"], []
        by_move = moves._wms_pick_moves_for_serials(names)
        if len(by_move) != 1:
            quants = None
        for move, move_names in by_move.items():
            move_lines, move_errors = self._wms_assign_move_pick_serials(
                move, move_names, quants
            )
            lines |= move_lines
            errors += move_errors
        if errors:
            raise UserError("\n".join(errors))
        return lines

    def _wms_assign_move_pick_serials(self, move, names, quants=None):
        """Record clean, distinct ``names`` on pick task line ``move``.

        A serial on hand at the source takes the line reserved on it, else a free
        line whose reservation it takes over, else a unit picked without serial,
        else a line reserved on another serial; a serial captured now (Track
        During Pick) goes on a line reserved without serial.

        :return: (lines recorded, refusals)
        """
        if quants is None:
            quants = self.env["stock.lot"]._wms_serial_quants(
                move.product_id, names, self.company_id
            )
        errors = move._wms_pick_serial_name_errors(names, on_hand=quants)
        if errors:
            return self.env["stock.move.line"], errors
        # Only the lines these serials can take are read (not every line of a
        # pick list of thousands, at each scan): the ones reserved on them, then
        # as many free ones as needed, then as many units picked without serial,
        # then as many lines reserved on other serials.
        Line = self.env["stock.move.line"]
        unpicked = [("move_id", "=", move.id), ("picked", "=", False)]
        # Each line read whole, once: what Odoo's first read of a line fetches
        # (its prefetched fields), which the writes below would read anyway.
        fields = Line._wms_prefetched_fields()
        by_serial = {
            ml.lot_id.name: ml
            for ml in Line.search_fetch(
                unpicked + [("lot_id.name", "in", names)], fields
            )
        }
        needed = len(names) - len(by_serial)
        free, units = move._wms_lines_to_fill(fields, needed)
        # Lines on a lot not named ``names``: "not any" looks up the few lots
        # named (by their index), where ``lot_id.name not in`` would select
        # every other lot in the database, which the planner may read whole.
        others = list(
            Line.search_fetch(
                unpicked
                + [
                    ("lot_id", "!=", False),
                    ("lot_id", "not any", [("name", "in", names)]),
                ],
                fields,
                limit=needed - len(free) - len(units),
            )
            if needed > len(free) + len(units)
            else []
        )
        units.reverse()
        with move._wms_picking_lines():
            assigned_ids, fills = [], {}
            for name in names:
                quant = quants.get(name, self.env["stock.quant"])[:1]
                line = by_serial.pop(name, None)
                if not line and not free and units:
                    # A unit picked without serial: filled below, all at once.
                    fills.setdefault(units.pop(), []).append(
                        {
                            "lot_id": quant.lot_id.id,
                            "location_id": quant.location_id.id,
                            "package_id": quant.package_id.id,
                        }
                        if quant
                        else {"lot_name": name}
                    )
                    continue
                if not line:
                    # A free line first, else one reserved on another serial.
                    pool = free or others
                    if not pool:
                        raise UserError(
                            _(
                                "All %(qty)s units of %(product)s on %(picking)s are "
                                "already picked.",
                                qty=format(move.product_qty, "g"),
                                product=move.product_id.display_name,
                                picking=move._wms_document_name(),
                            )
                        )
                    line = pool.pop(0)
                    # Only a change of lot or place re-syncs the line's reservation
                    # (it rewrites the quant rows, the one row of untracked stock that
                    # every picker shares among them): a free line keeps its own.
                    # The package too: a serial in a carton is taken from it.
                    if quant and (
                        line.lot_id,
                        line.location_id,
                        line.package_id,
                    ) != (quant.lot_id, quant.location_id, quant.package_id):
                        line.write(
                            {
                                "lot_id": quant.lot_id.id,
                                "location_id": quant.location_id.id,
                                "package_id": quant.package_id.id,
                            }
                        )
                    elif not quant and line.lot_id:
                        line.lot_id = False
                if line.lot_name != name and (
                    line.lot_name or line.lot_id.name != name
                ):
                    # A serial captured now (Track During Pick) becomes a lot at
                    # validation; a line on the serial's lot needs no name.
                    line.lot_name = name
                assigned_ids.append(line.id)
            assigned = self.env["stock.move.line"].browse(assigned_ids)
            # ``quantity`` only where it changes: a write of it re-syncs the line's
            # reservation on the quants, queries per line.
            assigned.filtered(lambda ml: ml.quantity != 1).write({"quantity": 1})
            assigned.write({"picked": True})
            assigned |= self._wms_fill_picked_units(fills)
        # Where the serials are was judged above; what is left is the lines.
        return assigned, move._wms_serial_line_errors(assigned)[1]

    def _wms_bulk_result(self, product, lines):
        """The answer of a call that recorded many serials at once."""
        result = self._wms_scan_result(
            product, True, _("%s serial numbers recorded.", len(lines)), ""
        )
        result["count"] = len(lines)
        return result

    def _wms_scan_result(self, product, ok, message, serial):
        moves = self.move_ids.filtered(
            lambda m: m.product_id == product and m.state != "cancel"
        )
        [[done_qty]] = self.env["stock.move.line"]._read_group(
            [("move_id", "in", moves.ids), ("picked", "=", True)],
            aggregates=["quantity_product_uom:sum"],
        )
        return {
            "ok": ok,
            "message": message,
            "serial": serial if isinstance(serial, str) else "",
            "product_id": product.id,
            "picking_id": self.id,
            "done_qty": done_qty or 0.0,
            "expected_qty": sum(moves.mapped("product_qty")),
        }
