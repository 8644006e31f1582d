# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Validating thousands of serial lines at once.

Odoo moves stock line by line: for each serial it searches, creates or updates
two quants (source and destination), a few milliseconds each. For the plain
cases below this file does the same work set-based, and leaves exactly the rows
Odoo would: the first line of each (product, location) goes through Odoo's own
quant update, and the quants of the other lines copy every column of the quant
Odoo just made, but their lot (and, for the destination, their quantity source's
``in_date``). On a receipt, the lots are made the same way: the first line's
through ``create``, the others as copies of it and of the "created" message Odoo
logs on it (``stock.lot._wms_create_like``). Anything else (packages, owners,
existing quants, lots reserved without stock, lot-tracked products) is left to
Odoo.
"""

from odoo import api, fields, models
from odoo.tools import SQL, float_compare

from .stock_lot import copied_columns

# stock_quant columns copied from the quant Odoo made for the first line.
QUANT_COPY_EXCLUDED = ("id", "lot_id", "in_date", "quantity", "reserved_quantity")


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    # --- Entry point, called by _action_done ---
    def _wms_done_in_bulk(self):
        """Do the quant work of the lines that qualify; return the lines left
        for Odoo's own ``_action_done``. The first line of each group goes
        through ``_action_done`` itself (``wms_no_bulk`` in the context)."""
        if self.env.context.get("wms_no_bulk"):
            return self
        self._wms_refresh_statistics()
        receipts = self._wms_bulk_receipt_lines()
        if len(receipts) > 1:
            receipts._wms_receive_in_bulk()
        else:
            receipts = self.browse()
        rest = self - receipts
        shipments = rest._wms_bulk_shipment_lines()
        if len(shipments) > 1:
            shipments._wms_ship_in_bulk()
        else:
            shipments = self.browse()
        return rest - shipments

    # --- Which lines qualify ---
    def _wms_plain_serial_lines(self):
        """One unit of a serial-tracked product, no package, no owner."""
        # What depends on the product only is read once per product.
        rounding = {
            product.id: product.uom_id.rounding
            for product in self.product_id
            if product.tracking == "serial" and product.is_storable
        }
        return self.filtered(
            lambda ml: ml.product_id.id in rounding
            and not ml.package_id
            and not ml.result_package_id
            and not ml.owner_id
            and ml.move_id
            # ``is_inventory`` of the line, read from the move (a related field
            # costs a lookup per line).
            and not ml.move_id.is_inventory
            and not float_compare(
                ml.quantity_product_uom,
                1,
                precision_rounding=rounding[ml.product_id.id],
            )
        )

    def _wms_bulk_receipt_lines(self):
        """New serials (a name, no lot yet) coming from a vendor into stock, on an
        operation type that creates lots."""
        lines = self._wms_plain_serial_lines().filtered(
            lambda ml: ml.lot_name and not ml.lot_id
        )
        # What depends on the places and the move only is read once for each.
        vendor_ids = set(
            lines.location_id.filtered(lambda loc: loc.usage == "supplier").ids
        )
        stock_ids = set(
            lines.location_dest_id.filtered(lambda loc: loc.usage == "internal").ids
        )
        move_ids = set(
            lines.move_id.filtered(lambda m: m.picking_type_id.use_create_lots).ids
        )
        lines = lines.filtered(
            lambda ml: ml.location_id.id in vendor_ids
            and ml.location_dest_id.id in stock_ids
            and ml.move_id.id in move_ids
        )
        if not lines:
            return lines
        # A name that is already a lot is Odoo's business (it may have quants).
        taken = set(
            self.env["stock.lot"]
            .search_fetch(
                [
                    ("product_id", "in", lines.product_id.ids),
                    ("name", "in", lines.mapped("lot_name")),
                ],
                ["name"],
            )
            .mapped("name")
        )
        return lines.filtered(lambda ml: ml.lot_name not in taken)

    def _wms_bulk_shipment_lines(self):
        """Serials reserved on their own quant (one unit on hand, reserved) going
        to a place where that serial has no quant yet."""
        lines = self._wms_plain_serial_lines().filtered(
            lambda ml: ml.lot_id and ml.location_id.usage == "internal"
        )
        if not lines:
            return lines
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT ml.id
                  FROM stock_move_line ml
                  JOIN stock_quant src
                    ON src.product_id = ml.product_id
                   AND src.location_id = ml.location_id
                   AND src.lot_id = ml.lot_id
                   AND src.package_id IS NULL
                   AND src.owner_id IS NULL
                   AND src.quantity = 1
                   AND src.reserved_quantity = 1
                 WHERE ml.id IN %s
                   AND NOT EXISTS (
                        SELECT 1 FROM stock_quant dest
                         WHERE dest.lot_id = ml.lot_id
                           AND dest.location_id = ml.location_dest_id)
                   AND (SELECT COUNT(*) FROM stock_quant q
                         WHERE q.lot_id = ml.lot_id
                           AND q.location_id = ml.location_id) = 1
                """,
                tuple(lines.ids),
            )
        )
        ok = {row[0] for row in self.env.cr.fetchall()}
        return lines.filtered(lambda ml: ml.id in ok and ml.lot_id)

    # --- The bulk work ---
    def _wms_receive_in_bulk(self):
        """Per product and places: the first line's lot through ``create`` and
        the line through Odoo's ``_action_done``; then the other lots as copies
        of that lot (which now has its location, as each of theirs will), and
        their source and destination quants as copies of its quants."""
        self._wms_check_company()
        Lot = self.env["stock.lot"]
        now = fields.Datetime.now()
        lots = Lot
        for (_product, _src, _dest), lines in self.grouped(
            lambda ml: (ml.product_id, ml.location_id, ml.location_dest_id)
        ).items():
            first, others = lines[0], lines[1:]
            first_vals = first._prepare_new_lot_vals()
            template = Lot.create([first_vals])
            first._wms_set_lots({first.id: template.id})
            first.with_context(wms_no_bulk=True)._action_done()
            lots |= template
            if not others:
                continue
            others_lots = template._wms_create_like(
                first_vals, [ml._prepare_new_lot_vals() for ml in others]
            )
            others._wms_set_lots(dict(zip(others.ids, others_lots.ids, strict=True)))
            lots |= others_lots
            self._wms_copy_quants(first, others, first.location_id, in_date_from=None)
            self._wms_copy_quants(
                first, others, first.location_dest_id, in_date_from=None
            )
            others.write({"date": now})
        self._wms_after_bulk(lots)

    def _wms_ship_in_bulk(self):
        """Take each serial's own quant down by one, and create its quant at the
        destination with the source's ``in_date``, as Odoo does."""
        self._wms_check_company()
        now = fields.Datetime.now()
        for (_product, _src, _dest), lines in self.grouped(
            lambda ml: (ml.product_id, ml.location_id, ml.location_dest_id)
        ).items():
            first, others = lines[0], lines[1:]
            first.with_context(wms_no_bulk=True)._action_done()
            if not others:
                continue
            self.env.flush_all()
            # Destination first: it copies the source's in_date before the update.
            self._wms_copy_quants(
                first, others, first.location_dest_id, in_date_from=first.location_id
            )
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE stock_quant q
                       SET quantity = q.quantity - 1,
                           reserved_quantity = q.reserved_quantity - 1,
                           write_date = %(now)s,
                           write_uid = %(uid)s
                      FROM stock_move_line ml
                     WHERE ml.id IN %(lines)s
                       AND q.product_id = ml.product_id
                       AND q.location_id = ml.location_id
                       AND q.lot_id = ml.lot_id
                       AND q.package_id IS NULL
                       AND q.owner_id IS NULL
                    """,
                    now=now,
                    uid=self.env.uid,
                    lines=tuple(others.ids),
                )
            )
            others.write({"date": now})
        self._wms_after_bulk(self.lot_id)

    # --- Helpers ---
    def _wms_refresh_statistics(self):
        """ANALYZE the quant and move line tables when PostgreSQL's statistics
        say they hold fewer rows than the lines validated now, as right after
        thousands of serials were received: the planner then took the quants of
        a location for a handful and probed them one by one, and a delivery of
        5,000 serials took 20 s instead of 4. With sound statistics (what
        autovacuum keeps), nothing is done, so no lock is taken."""
        if len(self) < 100:
            return
        self.env.cr.execute(
            """
            SELECT relname FROM pg_class
             WHERE relname IN ('stock_quant', 'stock_move_line')
               AND relkind = 'r' AND reltuples < %s
            """,
            [len(self)],
        )
        for (table,) in self.env.cr.fetchall():
            self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))

    @api.model
    def _wms_pick_serial_names(self, name_by_line):
        """``write({"lot_name": name, "picked": True})`` on many open lines, each
        with its serial, in one statement instead of one ``write`` and one
        UPDATE per line: the same columns, with the ``date`` Odoo gives a line
        that becomes picked (``stock.move.line.write``). Neither touches a
        reservation or a quant; what depends on them is recomputed as after a
        ``write``."""
        lines = self.browse(name_by_line)
        if not lines:
            return
        lines.check_access("write")
        fnames = ["lot_name", "picked", "date", "state", "write_uid", "write_date"]
        lines.flush_recordset(fnames)
        self.env.cr.execute(
            SQL(
                """
                UPDATE stock_move_line ml
                   SET lot_name = v.name,
                       picked = TRUE,
                       date = CASE WHEN NOT COALESCE(ml.picked, FALSE)
                                    AND ml.state NOT IN ('draft', 'cancel', 'done')
                                   THEN %(date)s ELSE ml.date END,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM (SELECT UNNEST(%(ids)s::int[]) AS id,
                               UNNEST(%(names)s::varchar[]) AS name) v
                 WHERE ml.id = v.id
                """,
                date=fields.Datetime.now(),
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=list(name_by_line),
                names=list(name_by_line.values()),
            )
        )
        lines.invalidate_recordset(fnames)
        lines.modified(["lot_name", "picked", "date"])

    def _wms_check_company(self):
        """``_check_company`` of these lines, on one line per distinct set of
        the values it checks: the check reads nothing else, so thousands of
        lines that share them (one product, one place, one document) pass or
        fail as that line does."""
        fields_ = [self._fields["company_id"]] + [
            field
            for field in self._fields.values()
            if field.relational and field.check_company
        ]
        if not all(field.store and field.column_type for field in fields_):
            return self._check_company()
        self.flush_recordset([field.name for field in fields_])
        columns = SQL(", ").join(SQL.identifier(field.name) for field in fields_)
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT ON (%s) id FROM stock_move_line WHERE id = ANY(%s)",
                columns,
                self.ids,
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])._check_company()

    def _wms_set_lots(self, lot_by_line):
        """Set ``lot_id`` on many lines in one statement (the ORM write would
        re-sync each line's reservation, which a vendor receipt does not have)."""
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                """
                UPDATE stock_move_line ml
                   SET lot_id = v.lot_id
                  FROM (SELECT UNNEST(%s::int[]) AS id, UNNEST(%s::int[]) AS lot_id) v
                 WHERE ml.id = v.id
                """,
                list(lot_by_line),
                list(lot_by_line.values()),
            )
        )
        self.invalidate_recordset(["lot_id"])

    def _wms_copy_quants(self, first, others, location, in_date_from=None):
        """Insert, for each line of ``others``, the quant Odoo made at ``location``
        for ``first``, with the line's lot, and its quantity sign."""
        self.env.flush_all()
        Quant = self.env["stock.quant"]
        template = Quant.search(
            [
                ("product_id", "=", first.product_id.id),
                ("location_id", "=", location.id),
                ("lot_id", "=", first.lot_id.id),
                ("package_id", "=", False),
                ("owner_id", "=", False),
            ],
            limit=1,
        )
        _names, copied, copied_from = copied_columns(Quant, QUANT_COPY_EXCLUDED, "t")
        in_date = SQL("src.in_date") if in_date_from else SQL("t.in_date")
        source_join = (
            SQL(
                """JOIN stock_quant src
                     ON src.product_id = ml.product_id
                    AND src.location_id = %s
                    AND src.lot_id = ml.lot_id
                    AND src.package_id IS NULL
                    AND src.owner_id IS NULL""",
                in_date_from.id,
            )
            if in_date_from
            else SQL("")
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO stock_quant (%(copied)s, lot_id, in_date, quantity,
                                         reserved_quantity)
                SELECT %(copied_from)s, ml.lot_id, %(in_date)s, t.quantity, 0
                  FROM stock_quant t, stock_move_line ml
                  %(source_join)s
                 WHERE t.id = %(template)s
                   AND ml.id IN %(lines)s
                """,
                copied=copied,
                copied_from=copied_from,
                in_date=in_date,
                source_join=source_join,
                template=template.id,
                lines=tuple(others.ids),
            )
        )

    def _wms_after_bulk(self, lots):
        """What depends on the quants written by SQL: the ORM cache, and each
        lot's stored location, as ``stock.lot._compute_single_location`` sets it
        (the one location of its quants with a positive quantity, else none),
        in one statement for the lots where it changes."""
        self.env["stock.quant"].flush_model()
        lots.flush_recordset()
        self.env["stock.quant"].invalidate_model()
        self.env.cr.execute(
            SQL(
                """
                UPDATE stock_lot lot
                   SET location_id = q.location_id,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM (SELECT l.id,
                               CASE WHEN COUNT(DISTINCT sq.location_id) = 1
                                    THEN MIN(sq.location_id) END AS location_id
                          FROM UNNEST(%(lots)s::int[]) AS l(id)
                          LEFT JOIN stock_quant sq
                            ON sq.lot_id = l.id AND sq.quantity > 0
                      GROUP BY l.id) q
                 WHERE lot.id = q.id
                   AND lot.location_id IS DISTINCT FROM q.location_id
                """,
                uid=self.env.uid,
                now=self.env.cr.now(),
                lots=lots.ids,
            )
        )
        lots.invalidate_recordset()
        self.env.remove_to_compute(lots._fields["location_id"], lots)
        lots.modified(["location_id"])
