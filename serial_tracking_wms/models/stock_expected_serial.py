# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unicodedata

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.models import PREFETCH_MAX
from odoo.tools import SQL

from ..speed import expected as speed_expected
from ..speed.reading import prefetch_limit

# Stored fields related to the line, that ``create`` writes with the row: their
# computation then finds them right, instead of updating every row again.
LINE_FIELDS = ("picking_id", "product_id", "company_id")
# Key, in the cursor's cache, of the expected serials a validation or a
# cancellation settles now ({ids}): their ``write`` of state and lot is the
# receipt itself writing. Only server code writes the cursor's cache.
SETTLING_KEY = "wms_expected_serials_settling"


class StockExpectedSerial(models.Model):
    """A serial number announced on a pre-receipt line before the goods arrive."""

    _name = "stock.expected.serial"
    _description = "Expected Serial Number"
    _order = "move_id, id"
    _check_company_auto = True

    # --- Fields ---
    name = fields.Char("Serial Number", required=True, index=True)
    move_id = fields.Many2one(
        "stock.move", "Pre-Receipt Line", required=True, index=True, ondelete="cascade"
    )
    # Given with the row by ``create`` (see ``LINE_FIELDS``).
    picking_id = fields.Many2one(
        related="move_id.picking_id", store=True, index=True, string="Pre-Receipt"
    )
    product_id = fields.Many2one(related="move_id.product_id", store=True, index=True)
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="picking_id.partner_id", string="Vendor")
    state = fields.Selection(
        [
            ("expected", "Expected"),
            ("received", "Received"),
            ("cancelled", "Cancelled"),
        ],
        default="expected",
        required=True,
        readonly=True,
        index=True,
    )
    carton = fields.Char(
        index="btree_not_null",
        help="The carton the serial number comes in, as its label reads (an SSCC "
        "or any carton label): scanned at receipt, it receives all its serial "
        "numbers at once, into a package of that name.",
    )
    lot_id = fields.Many2one(
        "stock.lot",
        "Received Serial",
        readonly=True,
        index="btree_not_null",
        check_company=True,
    )

    _sql_constraints = [
        (
            "name_move_uniq",
            "unique(move_id, name)",
            "A serial number can be expected only once on a pre-receipt line.",
        ),
    ]

    # --- CRUD ---
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._wms_strip_name(vals)
        moves = self.env["stock.move"].browse(
            {vals["move_id"] for vals in vals_list if vals.get("move_id")}
        )
        moves._wms_check_expected_serials_editable()
        for vals in vals_list:
            if vals.get("move_id"):
                move = moves.browse(vals["move_id"])
                for fname in LINE_FIELDS:
                    vals[fname] = move[fname].id
        # What a serial of the product looks like: judged on the names given,
        # before any path writes them.
        self._wms_check_serial_rules(vals_list)
        if speed_expected.creates_many(self, vals_list):
            # A supplier's list of thousands: Odoo's create, set-based.
            records = speed_expected.create_many(self, vals_list, super().create)
            # The line's fields were given with the row, read from the line
            # itself: what their computation would write (``LINE_FIELDS``).
            for fname in LINE_FIELDS:
                self.env.remove_to_compute(self._fields[fname], records)
        else:
            records = super().create(vals_list)
        records.move_id._wms_check_expected_serials()
        return records

    def write(self, vals):
        settling = self.env.cr.cache.get(SETTLING_KEY, ())
        if set(vals) <= {"state", "lot_id"} and set(self.ids) <= set(settling):
            # The receipt itself records what came of its serials.
            return super().write(vals)
        self._wms_strip_name(vals)
        old_moves = self.move_id
        # The backorder split moving the serials still expected to its new move
        # is the system carrying them over, not an edit: it passes whoever
        # validates. Told apart on the server only (see ``CARRY_OVER_KEY``).
        carried_over = (
            set(vals) == {"move_id"}
            and bool(vals["move_id"])
            and self.env["stock.move"]
            .browse(vals["move_id"])
            ._wms_expected_serials_carried_over(self)
        )
        if not carried_over:
            old_moves._wms_check_expected_serials_editable()
            if {"move_id", "name"} & set(vals):
                self.filtered(
                    lambda s: s.name != vals.get("name", s.name)
                    or s.move_id.id != vals.get("move_id", s.move_id.id)
                )._wms_check_not_received()
            if vals.get("move_id"):
                self.env["stock.move"].browse(
                    vals["move_id"]
                )._wms_check_expected_serials_editable()
        if isinstance(vals.get("name"), str):
            self._wms_check_serial_rules(
                [
                    {"name": vals["name"], "product_id": product.id}
                    for product in self.product_id
                ]
            )
        res = super().write(vals)
        if {"move_id", "name"} & set(vals):
            (old_moves | self.move_id)._wms_check_expected_serials()
        return res

    def unlink(self):
        moves = self.move_id
        moves._wms_check_expected_serials_editable()
        self._wms_check_not_received()
        res = super().unlink()
        moves.exists()._wms_check_expected_serials()
        return res

    def _in_cache_without(self, field, limit=PREFETCH_MAX):
        return super()._in_cache_without(field, prefetch_limit(self, limit))

    # --- Private helpers ---
    def _wms_check_not_received(self):
        """Raise when one of these serials, about to leave its line's list
        (deleted, renamed, moved), was received on that line already."""
        for move, serials in (
            self.filtered(lambda s: s.state == "expected").grouped("move_id").items()
        ):
            received = move._wms_received_serials() & set(serials.mapped("name"))
            if received:
                raise UserError("\n".join(move._wms_received_serials_errors(received)))

    @api.model
    def _wms_check_serial_rules(self, vals_list):
        """Raise when a serial name of ``vals_list`` (values with ``name`` and
        ``product_id``) is not a serial number of its product
        (``stock.lot._wms_serial_rule_errors``)."""
        by_product = {}
        for vals in vals_list:
            if vals.get("product_id") and isinstance(vals.get("name"), str):
                by_product.setdefault(vals["product_id"], []).append(vals["name"])
        Product = self.env["product.product"]
        for product_id, names in by_product.items():
            self.env["stock.lot"]._wms_check_serial_rules(
                Product.browse(product_id), names
            )

    @api.model
    def _wms_split_cartons(self, items):
        """The serials of ``items`` and the carton of each: an item is a serial,
        a text "serial;carton" or "serial<TAB>carton", or a (serial, carton)
        pair (a file's two columns).

        :return: (serials as given, [carton or "" for each], error messages)
        """
        serials, cartons, errors = [], [], []
        for index, item in enumerate(items, start=1):
            carton = ""
            if isinstance(item, list | tuple):
                item, carton = (list(item) + ["", ""])[:2]
            elif isinstance(item, str):
                separator = next((sep for sep in "\t;" if sep in item), None)
                if separator:
                    item, carton = item.split(separator, 1)
            carton = "" if carton in (None, False) else str(carton).strip()
            if any(
                unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
                for char in carton
            ):
                errors.append(
                    _(
                        "Line %(line)s: carton %(carton)r contains control characters.",
                        line=index,
                        carton=carton,
                    )
                )
            serials.append(item)
            cartons.append(carton)
        return serials, cartons, errors

    @api.model
    def _wms_strip_name(self, vals):
        if isinstance(vals.get("name"), str):
            vals["name"] = vals["name"].strip()

    @api.model
    def _wms_settle(self, moves):
        """Record the outcome of ``moves`` (pre-receipt lines) on their serials
        still expected: received, with its lot, when a line of the done move
        carries the lot of that name; otherwise cancelled (the move is cancelled,
        or validated without it). Moves not done nor cancelled are left as they
        are.

        The lines are locked for everybody once their pre-receipt is received;
        this is the receipt itself writing: ``write`` lets these serials' state
        and lot through (``SETTLING_KEY``). Written set-based where the path
        runs (``speed/expected.py``: one UPDATE for all, whatever their number).
        """
        moves = moves.filtered(lambda m: m.state in ("done", "cancel"))
        if not moves:
            return
        self.env["stock.move"].flush_model(["state"])
        self.env["stock.move.line"].flush_model(["move_id", "lot_id"])
        self.env["stock.lot"].flush_model(["name", "product_id"])
        self.flush_model()
        cr = self.env.cr
        # Matched here rather than joined in the UPDATE: simple lookups by move,
        # whose plan holds whatever the table statistics say.
        cr.execute(
            SQL(
                """
                SELECT ml.move_id, lot.product_id, lot.name, lot.id
                  FROM stock_move_line ml
                  JOIN stock_move m ON m.id = ml.move_id
                  JOIN stock_lot lot ON lot.id = ml.lot_id
                 WHERE ml.move_id = ANY(%s)
                   AND m.state = 'done'
                """,
                moves.ids,
            )
        )
        lot_by_serial = {row[:3]: row[3] for row in cr.fetchall()}
        cr.execute(
            SQL(
                """
                SELECT id, move_id, product_id, name
                  FROM stock_expected_serial
                 WHERE move_id = ANY(%s)
                   AND state = 'expected'
                """,
                moves.ids,
            )
        )
        outcome = {row[0]: lot_by_serial.get(row[1:]) for row in cr.fetchall()}
        if not outcome:
            return
        cache = self.env.cr.cache
        cache.setdefault(SETTLING_KEY, set()).update(outcome)
        try:
            speed_expected.settle(
                self, outcome, lambda serials, vals: serials.write(vals)
            )
        finally:
            cache.get(SETTLING_KEY, set()).difference_update(outcome)
