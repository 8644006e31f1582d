# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Serial Valuation: the done stock moves of serial numbers, one line per serial,
with the value Odoo's Inventory Valuation (``stock_account``) gave it.

The core does not depend on ``stock_account`` (it would install Accounting in
every warehouse). The report follows it instead:

- its SQL view reads ``stock_valuation_layer`` only when that table exists;
- the accountants' access and menus (``report/stock_serial_valuation_account.xml``)
  need the groups of ``account`` and are loaded when ``stock_account`` is there.

``_register_hook`` runs each time the registry loads, so installing or removing
``stock_account`` after this module brings the report in line. It is the same
moment ``account`` itself uses to finish its own installation.
"""

import logging

from lxml import etree

from odoo import fields, models, tools
from odoo.tools import SQL, file_open
from odoo.tools.convert import convert_file
from odoo.tools.sql import table_exists

from ..models.product_template import SERIAL_TRACKING_MODES

_logger = logging.getLogger(__name__)

MODULE = "serial_tracking_wms"
ACCOUNT_DATA = "report/stock_serial_valuation_account.xml"
ACCOUNT_XMLID = f"{MODULE}.access_stock_serial_valuation_account_readonly"


class StockSerialValuation(models.Model):
    _name = "stock.serial.valuation"
    _description = "Serial Valuation"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lot_id"
    # What the ORM flushes before reading the view. The valuation layers are not
    # listed (stock_account may be absent): Odoo writes them once, at creation.
    _depends = {
        "stock.move.line": [
            "company_id",
            "date",
            "location_dest_id",
            "location_id",
            "lot_id",
            "move_id",
            "owner_id",
            "picking_id",
            "product_id",
            "quantity_product_uom",
            "reference",
            "state",
        ],
        "stock.picking": ["partner_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["serial_tracking_mode", "tracking", "uom_id"],
        "res.company": ["currency_id"],
    }

    # --- Fields ---
    date = fields.Datetime(readonly=True)
    reference = fields.Char(readonly=True)
    move_line_id = fields.Many2one("stock.move.line", "Move Line", readonly=True)
    move_id = fields.Many2one("stock.move", "Stock Move", readonly=True)
    picking_id = fields.Many2one("stock.picking", "Transfer", readonly=True)
    product_id = fields.Many2one("product.product", "Product", readonly=True)
    serial_tracking_mode = fields.Selection(
        SERIAL_TRACKING_MODES, string="Serial Number Tracking Setting", readonly=True
    )
    lot_id = fields.Many2one("stock.lot", "Serial Number", readonly=True)
    serial_name = fields.Char(
        "Serial Number Text",
        compute="_compute_serial_name",
        search="_search_serial_name",
        help="The serial number as text, for readers without access to serials.",
    )
    partner_id = fields.Many2one("res.partner", "Partner", readonly=True)
    location_id = fields.Many2one("stock.location", "From", readonly=True)
    location_dest_id = fields.Many2one("stock.location", "To", readonly=True)
    owner_id = fields.Many2one("res.partner", "Owner", readonly=True)
    quantity = fields.Float(
        readonly=True, digits="Product Unit of Measure", help="In the product's unit."
    )
    product_uom_id = fields.Many2one("uom.uom", "Unit", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one("res.currency", "Currency", readonly=True)
    valuation = fields.Selection(
        [("in", "In"), ("out", "Out")],
        readonly=True,
        help="In: the move added the serial's value to the stock valuation; Out: "
        "it took it out. Empty: the move was not "
        "valued (an internal move, consigned goods, or Inventory Valuation not "
        "installed).",
    )
    valued_by = fields.Selection(
        [("serial", "Per Serial"), ("move", "Product Cost")],
        readonly=True,
        help="Per Serial: the product is valued per lot or serial number "
        "(Valuation by Lot/Serial number), and the value is this serial's own. "
        "Product Cost: the move's value spread evenly over its units.",
    )
    unit_value = fields.Monetary(
        readonly=True, currency_field="currency_id", aggregator=None
    )
    value = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Positive into the stock valuation, negative out of it.",
    )

    # --- Compute and search methods ---
    def _compute_serial_name(self):
        for line in self:
            line.serial_name = line.lot_id.sudo().name

    def _search_serial_name(self, operator, value):
        # Serials are read as superuser, as the list shows their names: the
        # lines found are still those the reader may read.
        return [
            (
                "lot_id",
                "in",
                self.env["stock.lot"].sudo()._search([("name", operator, value)]),
            )
        ]

    # --- Grouping ---
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        """Grouped by one many2one (product, serial, partner, location...) in
        its own order, as the list groups: PostgreSQL groups the lines by the
        ids alone, and the groups are put in the comodel's order afterwards.
        Same groups, same order as Odoo's query, which joins the comodel (and
        what its order reads) to every line before grouping them: a million
        lines took twice as long."""
        groupby = list(groupby)
        fname = groupby[0] if len(groupby) == 1 else None
        field = self._fields.get(fname) if fname else None
        terms = (order or fname or "").split()
        if (
            not field
            or field.type != "many2one"
            or having
            or terms[:1] != [fname]
            or [term.upper() for term in terms[1:]] not in ([], ["ASC"])
        ):
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        # Without an order, Odoo orders the groups by the raw ids.
        rows = super()._read_group(domain, groupby, aggregates)
        comodel = self.env[field.comodel_name]
        ranked = (
            comodel.sudo()
            .with_context(active_test=False)
            ._search(
                [("id", "in", [row[0].id for row in rows if row[0]])],
                order=comodel._order,
            )
        )
        rank = {record_id: index for index, record_id in enumerate(ranked)}
        # No value last, as PostgreSQL puts NULLs of an ascending order.
        rows.sort(key=lambda row: rank.get(row[0].id, len(rank)))
        return rows[offset : offset + limit if limit else None]

    # --- Export ---
    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Export what the list shows to whoever may read the report: an
        accountant has no right on serials or locations, and their names are read
        as superuser, as the list itself reads them (``Many2one.convert_to_read``).
        A path into those records (``lot_id/note``) keeps the user's own rights."""
        if _is_toplevel_call and all(len(path) == 1 for path in fields):
            self.check_access("read")
            return super(StockSerialValuation, self.sudo())._export_rows(fields)
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    # --- SQL view ---
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        valued = bool(table_exists(self.env.cr, "stock_valuation_layer"))
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._wms_view_query(valued),
            )
        )

    def _wms_view_query(self, valued):
        """Done move lines of serial-tracked products with a serial. With
        Inventory Valuation, each line's share of its move's valuation layers:
        the layers of its own serial when the product is valued per serial, else
        the move's layers divided by the move's quantity."""
        if valued:
            value_columns = SQL(
                """
                CASE WHEN by_serial.quantity <> 0 THEN 'serial'
                     WHEN by_move.quantity <> 0 THEN 'move' END AS valued_by,
                CASE WHEN by_serial.quantity > 0 OR by_serial.quantity IS NULL
                          AND by_move.quantity > 0 THEN 'in'
                     WHEN by_serial.quantity < 0 OR by_serial.quantity IS NULL
                          AND by_move.quantity < 0 THEN 'out' END AS valuation,
                COALESCE(by_serial.value / by_serial.quantity,
                         by_move.value / by_move.quantity) AS unit_value,
                COALESCE(by_serial.value / by_serial.quantity,
                         by_move.value / by_move.quantity)
                    * sml.quantity_product_uom
                    * SIGN(COALESCE(by_serial.quantity, by_move.quantity)) AS value
                """
            )
            # Set-based: the layers are summed once per move and serial, then
            # joined (a lookup per line took 1.8 s to group 120,000 lines).
            value_joins = SQL(
                """
                LEFT JOIN (
                    SELECT svl.stock_move_id, svl.lot_id,
                           SUM(svl.value) AS value,
                           NULLIF(SUM(svl.quantity), 0) AS quantity
                      FROM stock_valuation_layer svl
                     WHERE svl.stock_move_id IS NOT NULL AND svl.lot_id IS NOT NULL
                     GROUP BY svl.stock_move_id, svl.lot_id
                ) by_serial ON by_serial.stock_move_id = sml.move_id
                           AND by_serial.lot_id = sml.lot_id
                LEFT JOIN (
                    SELECT svl.stock_move_id,
                           SUM(svl.value) AS value,
                           NULLIF(SUM(svl.quantity), 0) AS quantity
                      FROM stock_valuation_layer svl
                     WHERE svl.stock_move_id IS NOT NULL AND svl.lot_id IS NULL
                     GROUP BY svl.stock_move_id
                ) by_move ON by_move.stock_move_id = sml.move_id
                """
            )
        else:
            value_columns = SQL(
                "NULL::varchar AS valued_by, NULL::varchar AS valuation, "
                "NULL::numeric AS unit_value, NULL::numeric AS value"
            )
            value_joins = SQL("")
        return SQL(
            """
            SELECT sml.id AS id,
                   sml.id AS move_line_id,
                   sml.move_id,
                   sml.picking_id,
                   sml.date,
                   sml.reference,
                   sml.product_id,
                   pt.serial_tracking_mode,
                   sml.lot_id,
                   picking.partner_id,
                   sml.location_id,
                   sml.location_dest_id,
                   sml.owner_id,
                   sml.quantity_product_uom AS quantity,
                   pt.uom_id AS product_uom_id,
                   sml.company_id,
                   company.currency_id,
                   %s
              FROM stock_move_line sml
              JOIN product_product pp ON pp.id = sml.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN res_company company ON company.id = sml.company_id
              LEFT JOIN stock_picking picking ON picking.id = sml.picking_id
              %s
             WHERE sml.state = 'done' AND sml.lot_id IS NOT NULL
               AND pt.tracking = 'serial'
            """,
            value_columns,
            value_joins,
        )

    # --- Following stock_account ---
    def _register_hook(self):
        super()._register_hook()
        # A failure here must not keep Odoo from starting: it is logged, and the
        # next registry load tries again.
        try:
            with self.env.cr.savepoint():
                self._wms_follow_stock_account()
        except Exception:
            _logger.exception("Serial Valuation: could not follow stock_account")

    def _wms_follow_stock_account(self):
        """Rebuild the view when ``stock_account`` came or went since it was made
        (its table's removal drops the view with it); load the accountants' access
        and menus once ``stock_account`` is installed, remove them once it is not."""
        cr = self.env.cr
        valued = "stock.valuation.layer" in self.env
        # NULL when there is no view
        cr.execute(SQL("SELECT pg_get_viewdef(to_regclass(%s))", self._table))
        definition = cr.fetchone()[0]
        if definition is None or ("stock_valuation_layer" in definition) != valued:
            _logger.info(
                "Serial Valuation: %s the stock valuation layers",
                "reading" if valued else "without",
            )
            self.init()
        loaded = self.env.ref(ACCOUNT_XMLID, raise_if_not_found=False)
        if valued and not loaded:
            _logger.info("Serial Valuation: giving the accounting groups access")
            convert_file(self.env, MODULE, ACCOUNT_DATA, {}, mode="init", noupdate=True)
        elif loaded and not valued:
            _logger.info("Serial Valuation: removing the accountants' access")
            for xmlid in self._wms_account_xmlids():
                record = self.env.ref(xmlid, raise_if_not_found=False)
                if record:
                    record.unlink()

    def _wms_account_xmlids(self):
        """The external ids of the records in ``ACCOUNT_DATA``."""
        with file_open(f"{MODULE}/{ACCOUNT_DATA}", "rb") as data:
            arch = etree.parse(data)
        return [f"{MODULE}.{xmlid}" for xmlid in arch.xpath("//*[@id]/@id")]
