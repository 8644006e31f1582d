# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.models import PREFETCH_MAX
from odoo.tools import SQL, formatLang
from odoo.tools.sql import create_index

from ..speed import quants as speed_quants
from ..speed import reservation as speed_reservation
from ..speed.reading import prefetch_limit

# A stock line's Serial Numbers tab shows its first serials, one list page; all of
# them open as a list of their own (``action_wms_serial_quants``).
SERIAL_TAB_SIZE = 80


# The lines on hand by product, location and serial (``init``).
ON_HAND_INDEX = "stock_quant_wms_on_hand_index"


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def init(self):
        res = super().init()
        # The Stock List's order and a stock line's serials, read along one
        # index whatever the number of serials: the lines on hand, by product,
        # location and serial.
        create_index(
            self.env.cr,
            ON_HAND_INDEX,
            self._table,
            ["product_id", "location_id", "lot_id"],
            where="quantity > 0",
        )
        return res

    # --- Fields ---
    serial_tracking_mode = fields.Selection(
        string="Serial Number Tracking Type",
        related="product_id.product_tmpl_id.serial_tracking_mode",
        # Stored to filter and group the stock list by tracking type.
        store=True,
        index=True,
        groups="stock.group_stock_user",
    )
    wms_serial_quant_ids = fields.Many2many(
        "stock.quant",
        string="Serial Numbers",
        compute="_compute_wms_serial_quant_ids",
        groups="stock.group_stock_user",
        help="The serial numbers of this product on hand at this location: the "
        "first ones, by serial number, when there are many.",
    )
    wms_serial_count = fields.Integer(
        "Serial Numbers On Hand",
        compute="_compute_wms_serial_quant_ids",
        groups="stock.group_stock_user",
        help="How many serial numbers of this product are on hand at this location.",
    )
    wms_serial_note = fields.Char(
        "Serial Numbers Shown",
        compute="_compute_wms_serial_quant_ids",
        groups="stock.group_stock_user",
    )
    wms_in_date = fields.Datetime(
        "Received On",
        compute="_compute_wms_in_info",
        groups="stock.group_stock_user",
        help="When this serial number came to this location: its receipt, or the "
        "pick task that captured it.",
    )
    wms_in_picking_id = fields.Many2one(
        "stock.picking",
        "Received By",
        compute="_compute_wms_in_info",
        groups="stock.group_stock_user",
    )
    wms_in_reference = fields.Char(
        "Document",
        compute="_compute_wms_in_info",
        groups="stock.group_stock_user",
        help="The transfer (or inventory adjustment) that brought this serial "
        "number to this location.",
    )
    wms_in_partner_id = fields.Many2one(
        "res.partner",
        "Received From",
        compute="_compute_wms_in_info",
        groups="stock.group_stock_user",
        help="The vendor (or returning customer) this serial number last came from.",
    )

    # --- Compute methods ---
    @api.depends("product_id", "location_id")
    def _compute_wms_serial_quant_ids(self):
        """The first serials of each (product, location) pair of ``self``, and
        how many there are: the same few queries for all the pairs, whatever
        their size (a stock line can hold hundreds of thousands of serials; its
        tab shows one page of them, the rest open as a list)."""
        Quant = self.env["stock.quant"]
        pairs = {
            (quant.product_id.id, quant.location_id.id)
            for quant in self
            if quant.id and quant.product_id and quant.location_id
        }
        shown, counts = {}, {}
        if pairs:
            domain = [("lot_id", "!=", False), ("quantity", ">", 0)]
            products, locations = zip(*pairs, strict=True)
            rows = self.env.execute_query(
                Quant._wms_serial_tab_query(list(products), list(locations))
            )
            first = Quant.search(
                [("id", "in", [row[0] for row in rows])], order="lot_id"
            )
            shown = first.grouped(lambda q: (q.product_id.id, q.location_id.id))
            groups = Quant._read_group(
                [
                    *domain,
                    ("product_id", "in", list(products)),
                    ("location_id", "in", list(locations)),
                ],
                ["product_id", "location_id"],
                ["__count"],
            )
            counts = {
                (product.id, location.id): count for product, location, count in groups
            }
        for quant in self:
            key = (quant.product_id.id, quant.location_id.id)
            serials = shown.get(key, Quant)
            count = counts.get(key, 0)
            quant.wms_serial_quant_ids = serials
            quant.wms_serial_count = count
            quant.wms_serial_note = (
                _(
                    "The first %(shown)s of %(count)s serial numbers, by serial "
                    "number.",
                    shown=formatLang(self.env, len(serials), digits=0),
                    count=formatLang(self.env, count, digits=0),
                )
                if count > len(serials)
                else False
            )

    @api.model
    def _wms_serial_tab_query(self, products, locations):
        """The ids of the first serials on hand of each (product, location)
        pair of the two lists, one page per pair, by serial name and id (the
        serials' own order).

        Read along two indexes whatever the number of serials: the serials'
        name index, then the stock on hand (``stock_quant_wms_on_hand_index``).
        The serials are joined, not left-joined as Odoo's order by ``lot_id``
        does: a left join makes PostgreSQL read and sort every serial of the
        pair first.
        """
        domain = [("lot_id", "!=", False), ("quantity", ">", 0)]
        page = self._search(domain, limit=SERIAL_TAB_SIZE)
        lot = page.make_alias(page.table, "wms_lot")
        page.add_join(
            "JOIN",
            lot,
            "stock_lot",
            SQL(
                "%s = %s",
                self._field_to_sql(page.table, "lot_id"),
                SQL.identifier(lot, "id"),
            ),
        )
        page.order = SQL(
            "%s, %s", SQL.identifier(lot, "name"), SQL.identifier(lot, "id")
        )
        page.add_where(
            SQL(
                "%s = pair.product_id AND %s = pair.location_id",
                self._field_to_sql(page.table, "product_id"),
                self._field_to_sql(page.table, "location_id"),
            )
        )
        return SQL(
            """
            SELECT page.id
              FROM unnest(%s::int[], %s::int[]) AS pair(product_id, location_id)
             CROSS JOIN LATERAL (%s) AS page
            """,
            products,
            locations,
            page.select(),
        )

    @api.depends("lot_id", "location_id")
    def _compute_wms_in_info(self):
        """Where each serial came from, from one read of the serials' history."""
        history = self.lot_id._wms_history_lines()
        arrivals, origins = {}, {}
        # ``history`` is oldest first: the last line seen wins. A line that left
        # the serial where it was (an account transfer) brought it nowhere.
        for line in history:
            if line.location_id != line.location_dest_id:
                arrivals[(line.lot_id, line.location_dest_id)] = line
            if line.location_id.usage in ("supplier", "customer"):
                origins[line.lot_id] = line
        for quant in self:
            arrival = arrivals.get((quant.lot_id, quant.location_id))
            origin = origins.get(quant.lot_id)
            quant.wms_in_date = arrival.date if arrival else False
            quant.wms_in_picking_id = arrival.picking_id if arrival else False
            quant.wms_in_reference = arrival.reference if arrival else False
            quant.wms_in_partner_id = (
                origin.picking_partner_id or origin.move_id.partner_id
                if origin
                else False
            )

    # --- Stock flow overrides: the speed layer stands in where it may ---
    @api.model
    def _update_available_quantity(
        self,
        product_id,
        location_id,
        quantity=False,
        reserved_quantity=False,
        lot_id=None,
        package_id=None,
        owner_id=None,
        in_date=None,
    ):
        # Inside a validation's loop, computed by its quant batch.
        result = speed_quants.update_available(
            self,
            product_id,
            location_id,
            quantity,
            reserved_quantity,
            lot_id,
            package_id,
            owner_id,
            in_date,
        )
        if result is not None:
            return result
        return super()._update_available_quantity(
            product_id,
            location_id,
            quantity=quantity,
            reserved_quantity=reserved_quantity,
            lot_id=lot_id,
            package_id=package_id,
            owner_id=owner_id,
            in_date=in_date,
        )

    def _get_available_quantity(
        self,
        product_id,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=False,
        allow_negative=False,
    ):
        available = speed_quants.available(
            self,
            product_id,
            location_id,
            lot_id,
            package_id,
            owner_id,
            strict,
            allow_negative,
        )
        if available is not None:
            return available
        return super()._get_available_quantity(
            product_id,
            location_id,
            lot_id=lot_id,
            package_id=package_id,
            owner_id=owner_id,
            strict=strict,
            allow_negative=allow_negative,
        )

    def _update_reserved_quantity(
        self,
        product_id,
        location_id,
        quantity,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=True,
    ):
        # A move reserving many serials collects its lines' reservations; a
        # validation's quant batch releases them.
        args = (product_id, location_id, quantity, lot_id, package_id, owner_id)
        if speed_reservation.collect(self, *args):
            return None
        quants = speed_reservation.without_collector(self)
        if speed_quants.release(quants, *args):
            return None
        return super(StockQuant, quants)._update_reserved_quantity(*args, strict)

    def _in_cache_without(self, field, limit=PREFETCH_MAX):
        return super()._in_cache_without(field, prefetch_limit(self, limit))

    # --- Action methods ---
    @api.readonly
    def action_wms_serial_numbers(self):
        """Open this stock line (product at location) on its Serial Numbers tab."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "%(product)s at %(location)s",
                product=self.product_id.display_name,
                location=self.location_id.display_name,
            ),
            "res_model": "stock.quant",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "serial_tracking_wms.stock_quant_serial_numbers_form_view"
                    ).id,
                    "form",
                )
            ],
            "target": "current",
        }

    @api.readonly
    def action_wms_serial_quants(self):
        """All the serial numbers of this stock line (product at location), as a
        list: paginated, searchable, exportable, however many there are."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "Serial numbers of %(product)s at %(location)s",
                product=self.product_id.display_name,
                location=self.location_id.display_name,
            ),
            "res_model": "stock.quant",
            "view_mode": "list",
            "views": [
                (
                    self.env.ref(
                        "serial_tracking_wms.stock_quant_serial_numbers_list_view"
                    ).id,
                    "list",
                )
            ],
            "domain": [
                ("product_id", "=", self.product_id.id),
                ("location_id", "=", self.location_id.id),
                ("lot_id", "!=", False),
                ("quantity", ">", 0),
            ],
            "context": {"create": False},
            "target": "current",
        }

    @api.readonly
    def action_wms_serial_lookup(self):
        """Open the serial lookup on this line's serial number."""
        self.ensure_one()
        return self.env["stock.serial.lookup"]._wms_open(
            self.lot_id.name, self.product_id
        )
