# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .stock_serial_input_mixin import INPUT_FIELDS

UNKNOWN_SHOWN = 10


class StockSerialRecall(models.TransientModel):
    """Recall: which customers received these serial numbers, and by which
    delivery. The serials come as a list (pasted, a file or a range), or are the
    ones received from a vendor or on a pre-receipt."""

    _name = "stock.serial.recall"
    _inherit = ["stock.serial.input.mixin"]
    _description = "Serial Number Recall"

    # --- Fields ---
    # The mixin's three ways (the range named as a recall names it), and two more.
    input_method = fields.Selection(
        selection_add=[
            ("range", "A range"),
            ("vendor", "Received from a vendor"),
            ("receipt", "Received on a pre-receipt"),
        ],
        string="Serials From",
        ondelete={"vendor": "cascade", "receipt": "cascade"},
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    vendor_id = fields.Many2one("res.partner", "Vendor")
    receipt_id = fields.Many2one(
        "stock.picking",
        "Pre-Receipt",
        domain="[('picking_type_code', '=', 'incoming'), ('state', '=', 'done')]",
        help="Its serial numbers received, its backorders' included.",
    )
    product_id = fields.Many2one(
        "product.product",
        "Product",
        help="Only this product's serial numbers, when several products share them.",
    )
    serial_count = fields.Integer(
        "Serial Numbers Found", compute="_compute_check", store=True
    )
    check_result = fields.Text("Check", compute="_compute_check", store=True)
    has_errors = fields.Boolean(compute="_compute_check", store=True)
    line_ids = fields.One2many(
        "stock.serial.recall.line", "recall_id", string="Deliveries"
    )
    export_file = fields.Binary("Export", attachment=False, readonly=True)
    export_filename = fields.Char(readonly=True)

    # --- Compute methods ---
    @api.depends(
        *INPUT_FIELDS,
        "vendor_id",
        "receipt_id",
        "product_id",
    )
    def _compute_check(self):
        """Count the serials and say what is wrong with the input, from grouped
        reads (no serial record is loaded). Stored: Find Customers trusts the
        check the form made when the recall was saved."""
        for recall in self:
            count, errors, message = recall._wms_check()
            recall.serial_count = count
            recall.has_errors = bool(errors)
            recall.check_result = "\n".join(errors) if errors else message

    # --- Read-only requests (a database replica when there is one) ---
    @api.readonly
    def onchange(self, values, field_names, fields_spec):
        """The check shown while the user gives the serials (how many are
        found, what is wrong) only reads: on a read-only cursor."""
        return super().onchange(values, field_names, fields_spec)

    @api.model
    @api.readonly
    def wms_find_deliveries(self, values, offset=0, limit=80):
        """Find Customers without writing anything: the deliveries of the
        serials the recall ``values`` name (the form's values, as ``onchange``
        and ``web_save`` take them), one page at a time, in the order of the
        result list (customer, date). For a client, a report or an export that
        reads from a database replica; Find Customers (``action_find``) saves
        the same rows as result lines, to export or to start a campaign.

        :return: {"length": deliveries found, "records": the page's rows, each
            a dict of the result line's fields (many2one as [id, name])}
        """
        recall = self.new(values)
        errors = recall._wms_input_errors()
        if errors:
            raise UserError("\n".join(errors))
        return recall._wms_deliveries_page(offset, limit)

    # --- Action methods ---
    def action_find(self):
        """Write the deliveries of the serials as result lines and show them."""
        self.ensure_one()
        if self.has_errors:
            raise UserError(self.check_result)
        self.line_ids.unlink()
        pairs = self._wms_pairs()
        if pairs is not None:
            self._wms_create_lines(pairs)
        return self.action_open_lines()

    @api.readonly
    def action_open_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Recall %s", self._wms_describe()),
            "res_model": "stock.serial.recall.line",
            "view_mode": "list",
            "views": [
                (
                    self.env.ref(
                        "serial_tracking_wms.stock_serial_recall_line_view_list"
                    ).id,
                    "list",
                )
            ],
            "search_view_id": [
                self.env.ref(
                    "serial_tracking_wms.stock_serial_recall_line_view_search"
                ).id
            ],
            "domain": [("recall_id", "=", self.id)],
            "context": {"create": False},
            "target": "current",
        }

    # --- Private helpers ---
    def _wms_serial_names(self):
        """The serial numbers given one by one (pasted, a file, a range), clean.

        :return: (serial names, error messages)
        """
        self.ensure_one()
        read = self._wms_read_serial_lines_or_errors()
        if read["errors"]:
            return [], read["errors"]
        # A serial given twice is recalled once: no reason to refuse the list.
        # Each kept with its line as the user sees it (for the messages).
        first_line = {}
        for number, value in zip(read["line_numbers"], read["raw"], strict=True):
            first_line.setdefault(str(value).strip(), number)
        return self.env["stock.lot"]._wms_parse_serial_list(
            list(first_line), self.product_id, line_numbers=list(first_line.values())
        )

    def _wms_lots(self):
        """The serial records this recall is about, from their ids (none is
        read: a vendor's serials can be hundreds of thousands): the ones
        received from the vendor or on the pre-receipt, or the ones named.
        None while the input names none, or is wrong."""
        self.ensure_one()
        Lot = self.env["stock.lot"]
        if self.input_method in ("vendor", "receipt"):
            origin = self._wms_received_from()
            return None if origin is None else Lot._wms_received_lots(**origin)
        names, errors = self._wms_serial_names()
        if errors or not names:
            return None
        return Lot.browse([row[0] for row in self._wms_named(names)])

    def _wms_pairs(self):
        """The query of the deliveries of the serials this recall is about,
        paired with their returns (see ``stock.lot._wms_recall_pairs``): of the
        serials received from the vendor or on the pre-receipt (a vendor's can
        be a million: they stay in the database), or of the ones named. None
        while the input names none, or is wrong."""
        self.ensure_one()
        Lot = self.env["stock.lot"]
        if self.input_method in ("vendor", "receipt"):
            origin = self._wms_received_from()
            if origin is None:
                return None
            return Lot._wms_recall_pairs(received=Lot._wms_received_query(**origin))
        names, errors = self._wms_serial_names()
        if errors or not names:
            return None
        return Lot.browse(row[0] for row in self._wms_named(names))._wms_recall_pairs()

    def _wms_received_from(self):
        """Where the serials of a recall by vendor or pre-receipt were received,
        as ``stock.lot._wms_received_domain`` takes it; None until the vendor or
        pre-receipt is chosen."""
        if self.input_method == "vendor":
            if not self.vendor_id:
                return None
            return {"partner": self.vendor_id, "product": self.product_id or None}
        if not self.receipt_id:
            return None
        return {
            "pickings": self._wms_receipt_pickings(),
            "product": self.product_id or None,
        }

    def _wms_named(self, names):
        """The serial records named ``names`` (of the product, if one is chosen).

        :return: list of (id, name, product id), by name
        """
        Lot = self.env["stock.lot"]
        lots = Lot._search(
            [("product_id", "=", self.product_id.id)] if self.product_id else [],
            order="name, id",
        )
        # A join on the names, not ``name IN (...)``: with thousands of names,
        # PostgreSQL may read that through the trigram index on ``name``, for
        # seconds; a join reads the name index (or the table) once.
        lots.add_join(
            "JOIN",
            "wms_serial",
            SQL("(SELECT unnest(%s::varchar[]) AS name)", names),
            SQL("%s = wms_serial.name", Lot._field_to_sql(lots.table, "name")),
        )
        return self.env.execute_query(
            lots.select(
                SQL.identifier(lots.table, "id"),
                SQL.identifier(lots.table, "name"),
                SQL.identifier(lots.table, "product_id"),
            )
        )

    def _wms_check(self):
        """How many serial records the input names, and what is wrong with it,
        from grouped reads.

        :return: (serials found, error messages, summary message)
        """
        self.ensure_one()
        if self.input_method in ("vendor", "receipt"):
            origin = self._wms_received_from()
            if origin is None:
                if self.input_method == "vendor":
                    return 0, [], _("Choose the vendor.")
                return 0, [], _("Choose the pre-receipt.")
            groups = self.env["stock.move.line"]._read_group(
                self.env["stock.lot"]._wms_received_domain(**origin),
                ["product_id"],
                ["lot_id:count_distinct"],
            )
            counts = {product.id: count for product, count in groups}
            if not counts:
                return 0, [self._wms_none_received()], ""
            return sum(counts.values()), [], self._wms_found_message(counts)
        names, errors = self._wms_serial_names()
        if errors:
            return 0, errors, ""
        if not names:
            return 0, [], _("Give the serial numbers to recall.")
        rows = self._wms_named(names)
        if not rows:
            return 0, [_("None of these serial numbers is known.")], ""
        counts = {}
        for _lot_id, _name, product_id in rows:
            counts[product_id] = counts.get(product_id, 0) + 1
        message = self._wms_found_message(counts)
        found = {name for _lot_id, name, _product_id in rows}
        unknown = [name for name in names if name not in found]
        if unknown:
            shown = ", ".join(unknown[:UNKNOWN_SHOWN])
            if len(unknown) > UNKNOWN_SHOWN:
                shown += ", …"
            message += "\n" + _(
                "%(count)s unknown serial numbers: %(serials)s",
                count=len(unknown),
                serials=shown,
            )
        return len(rows), [], message

    def _wms_input_errors(self):
        """What is wrong with the input, as ``check_result`` says it, without
        counting the serials where that costs: a vendor's or a pre-receipt's
        serials are wrong only when none was received (one EXISTS, not a
        count of a million)."""
        self.ensure_one()
        if self.input_method in ("vendor", "receipt"):
            origin = self._wms_received_from()
            if origin is None:
                return []
            received = self.env["stock.lot"]._wms_received_query(**origin)
            [(found,)] = self.env.execute_query(
                SQL("SELECT EXISTS %s", received.subselect())
            )
            return [] if found else [self._wms_none_received()]
        _count, errors, _message = self._wms_check()
        return errors

    def _wms_receipt_pickings(self):
        """The pre-receipt and its backorders, of every generation."""
        pickings = todo = self.receipt_id
        while todo:
            todo = todo.backorder_ids - pickings
            pickings |= todo
        return pickings

    def _wms_found_message(self, counts):
        """:param counts: dict product id -> serials found, in display order"""
        products = self.env["product.product"].browse(list(counts))
        return _(
            "%(count)s serial numbers of %(products)s.",
            count=sum(counts.values()),
            products=", ".join(products.mapped("display_name")),
        )

    def _wms_none_received(self):
        origin = (
            self.vendor_id.display_name
            if self.input_method == "vendor"
            else self.receipt_id.display_name
        )
        if self.product_id:
            return _(
                "No serial number of %(product)s was received from %(origin)s.",
                product=self.product_id.display_name,
                origin=origin,
            )
        return _("No serial number was received from %s.", origin)

    def _wms_describe(self):
        """What was recalled, for the result's title and file name."""
        if self.input_method == "vendor":
            return _("serial numbers from %s", self.vendor_id.display_name)
        if self.input_method == "receipt":
            return _("serial numbers of %s", self.receipt_id.display_name)
        if self.input_method == "range":
            serials = self._wms_serial_range()
            return _("%(first)s to %(last)s", first=serials[0], last=serials[-1])
        if self.input_method == "file" and self.import_filename:
            return self.import_filename.rsplit(".", 1)[0]
        return _("%s serial numbers", self.serial_count)

    def _wms_create_lines(self, pairs):
        """One result line per delivery of ``pairs`` (see ``_wms_pairs``): the
        deliveries paired with their returns in the database, kept there in a
        temporary table (the pairing runs once), each customer's contact
        details read once, the lines written from there by one INSERT (there
        can be a hundred thousand)."""
        self.ensure_one()
        Line = self.env["stock.serial.recall.line"]
        Line.check_access("create")
        cr = self.env.cr
        cr.execute(SQL("DROP TABLE IF EXISTS wms_recall_found"))
        cr.execute(
            SQL("CREATE TEMPORARY TABLE wms_recall_found ON COMMIT DROP AS %s", pairs)
        )
        cr.execute(
            SQL(
                "SELECT DISTINCT partner_id FROM wms_recall_found"
                " WHERE partner_id IS NOT NULL"
            )
        )
        contacts = self._wms_prepare_contact_vals(
            self.env["res.partner"].browse(pid for (pid,) in cr.fetchall())
        )
        self.env.flush_all()
        cr.execute(
            SQL(
                """
                INSERT INTO stock_serial_recall_line (
                    recall_id, lot_id, product_id, partner_id, email, phone, address,
                    move_line_id, picking_id, reference, date, returned,
                    return_picking_id, return_reference, return_date, company_id,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(recall)s, found.lot_id, found.product_id,
                       found.partner_id, contact.email, contact.phone,
                       COALESCE(contact.address, ''), found.id,
                       found.picking_id, found.reference, found.date,
                       found.return_id IS NOT NULL, found.return_picking_id,
                       found.return_reference, found.return_date, found.company_id,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM wms_recall_found found
                  LEFT JOIN unnest(%(contact_ids)s::int[], %(emails)s::varchar[],
                                   %(phones)s::varchar[], %(addresses)s::varchar[])
                       AS contact(partner_id, email, phone, address)
                    ON contact.partner_id = found.partner_id
                 ORDER BY found.date, found.id
                """,
                recall=self.id,
                uid=self.env.uid,
                now=cr.now(),
                contact_ids=list(contacts),
                emails=[vals["email"] for vals in contacts.values()],
                phones=[vals["phone"] for vals in contacts.values()],
                addresses=[vals["address"] for vals in contacts.values()],
            )
        )
        cr.execute(SQL("DROP TABLE wms_recall_found"))
        Line.invalidate_model()
        self.invalidate_recordset(["line_ids"])

    def _wms_deliveries_page(self, offset=0, limit=80):
        """The rows ``_wms_create_lines`` writes, read and returned instead: one
        page, ordered as the result list is (customer, date, id), and how many
        there are, from one query."""
        self.ensure_one()
        pairs = self._wms_pairs()
        if pairs is None:
            return {"length": 0, "records": []}
        self.env["res.partner"].flush_model(["complete_name"])
        # The customer's name by its id, row by row: the planner cannot count
        # the deliveries in advance, and may not join the customers by hash.
        rows = self.env.execute_query(
            SQL(
                """
                SELECT found.id, found.lot_id, found.product_id, found.partner_id,
                       found.picking_id, found.reference, found.date,
                       found.return_id, found.return_picking_id,
                       found.return_reference, found.return_date,
                       count(*) OVER ()
                  FROM (%(pairs)s) AS found
                 ORDER BY (SELECT partner.complete_name FROM res_partner partner
                            WHERE partner.id = found.partner_id),
                          found.partner_id, found.date, found.id
                 LIMIT %(limit)s OFFSET %(offset)s
                """,
                pairs=pairs,
                limit=limit,
                offset=offset or 0,
            )
        )
        if rows:
            length = rows[0][-1]
        elif offset:
            # A page past the last: the total alone.
            [(length,)] = self.env.execute_query(
                SQL("SELECT count(*) FROM (%s) AS found", pairs)
            )
        else:
            length = 0
        env = self.env
        lots = env["stock.lot"].browse({row[1] for row in rows})
        products = env["product.product"].browse({row[2] for row in rows})
        partners = env["res.partner"].browse({row[3] for row in rows if row[3]})
        pickings = env["stock.picking"].browse(
            {pid for row in rows for pid in (row[4], row[8]) if pid}
        )
        contacts = self._wms_prepare_contact_vals(partners)
        names = {
            (record._name, record.id): record.display_name
            for records in (lots, products, partners, pickings)
            for record in records
        }

        def many2one(model, rid):
            return [rid, names[model, rid]] if rid else False

        records = []
        for row in rows:
            (
                ml_id,
                lot_id,
                product_id,
                partner_id,
                picking_id,
                reference,
                date,
                *back,
                _length,
            ) = row
            return_id, return_picking_id, return_reference, return_date = back
            contact = contacts.get(partner_id, {})
            records.append(
                {
                    "move_line_id": ml_id,
                    "lot_id": many2one("stock.lot", lot_id),
                    "product_id": many2one("product.product", product_id),
                    "partner_id": many2one("res.partner", partner_id),
                    "email": contact.get("email") or False,
                    "phone": contact.get("phone") or False,
                    "address": contact.get("address") or False,
                    "picking_id": many2one("stock.picking", picking_id),
                    "reference": reference or False,
                    "date": fields.Datetime.to_string(date),
                    "returned": bool(return_id),
                    "return_picking_id": many2one("stock.picking", return_picking_id),
                    "return_reference": return_reference or False,
                    "return_date": fields.Datetime.to_string(return_date),
                }
            )
        return {"length": length, "records": records}

    @api.model
    def _wms_prepare_contact_vals(self, partners):
        """How the result lines reach each customer of ``partners``: email and
        phone (the company's when the contact has none), address on one line.

        :return: dict partner id -> {"email", "phone", "address"}
        """
        contacts = {}
        for partner in partners:
            company = partner.commercial_partner_id
            address = partner._display_address(without_company=True)
            contacts[partner.id] = {
                "email": partner.email or company.email or None,
                "phone": partner.phone
                or partner.mobile
                or company.phone
                or company.mobile
                or None,
                "address": ", ".join(
                    " ".join(part.split())
                    for part in address.splitlines()
                    if part.strip()
                ),
            }
        return contacts
