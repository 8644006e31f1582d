# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import unicodedata
from collections import Counter
from contextlib import contextmanager

import psycopg2.errors

from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError
from odoo.models import PREFETCH_MAX
from odoo.tools import SQL
from odoo.tools.sql import create_index, create_unique_index, index_exists

from ..speed.reading import prefetch_limit
from ..tools import serial_rules
from ..tools.labels import selection_labels

_logger = logging.getLogger(__name__)

SERIAL_MAX_LENGTH = 128
# A serial exists once per product and company, whatever wrote it.
SERIAL_UNIQUE_INDEX = "stock_lot_wms_serial_uniq"
# Serials looked up by exact name and product.
NAME_PRODUCT_INDEX = "stock_lot_wms_name_product_index"
# Serials are locked by bucket: this module's advisory-lock class id, and the
# number of buckets (a power of two).
LOCK_SPACE = 20261126
LOCK_BUCKETS = 512
# Where serials are on hand (``_wms_serial_quants``): up to this many, their
# lots are looked up inside the quants' query (a scan: one query less).
LOT_SUBQUERY_MAX = 20


class StockLot(models.Model):
    _inherit = "stock.lot"

    def init(self):
        res = super().init()
        # Serials are looked up by exact name and product on every scan; the
        # native index on ``name`` is a trigram one, for searches by part.
        create_index(
            self.env.cr,
            NAME_PRODUCT_INDEX,
            self._table,
            ["name", "product_id"],
        )
        self._wms_create_serial_unique_index()
        return res

    # --- CRUD ---
    @api.model_create_multi
    def create(self, vals_list):
        with self._wms_serials_recorded_once(vals_list):
            return super().create(vals_list)

    def _in_cache_without(self, field, limit=PREFETCH_MAX):
        return super()._in_cache_without(field, prefetch_limit(self, limit))

    # --- Action methods ---
    @api.readonly
    def action_wms_serial_lookup(self):
        """Open the serial lookup on this serial number."""
        self.ensure_one()
        return self.env["stock.serial.lookup"]._wms_open(self.name, self.product_id)

    # --- A serial exists once ---
    @contextmanager
    def _wms_serials_recorded_once(self, vals_list=()):
        """The unique index refusing a serial of ``vals_list`` (the values being
        created): a clear refusal, never a database error. A serial given twice
        here, or already recorded in what this transaction sees, is refused as
        Odoo refuses a duplicate (its ``_check_unique_lot`` error); one that a
        concurrent transaction created first, as recorded by another user. The
        duplicate is told by the index's name and the values at hand, never by
        the database's message (which speaks the server's language)."""
        try:
            with self.env.cr.savepoint():
                yield
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != SERIAL_UNIQUE_INDEX:
                raise
            raise self._wms_duplicate_serial_error(vals_list) from None

    @api.model
    def _wms_duplicate_serial_error(self, vals_list):
        """The refusal of ``vals_list``, one of whose serials the unique index
        refused (after the savepoint was rolled back)."""
        keys = [
            (vals.get("product_id"), vals.get("company_id") or False, vals["name"])
            for vals in vals_list
            if vals.get("product_id") and isinstance(vals.get("name"), str)
        ]
        twice = [key for key, count in Counter(keys).items() if count > 1]
        seen = self._wms_recorded_keys(keys) if not twice else []
        if twice or seen:
            product_id, _company_id, name = (twice or seen)[0]
            product = self.env["product.product"].browse(product_id)
            return ValidationError(
                _(
                    "The combination of lot/serial number and product must be "
                    "unique within a company including when no company is "
                    "defined.\nThe following combinations contain duplicates:\n"
                    "%(error_lines)s",
                    error_lines=_(
                        " - Product: %(product)s, Lot/Serial Number: %(lot)s",
                        product=product.display_name,
                        lot=name,
                    ),
                )
            )
        product = self.env["product.product"].browse({key[0] for key in keys})
        names = [key[2] for key in keys]
        if len(names) == 1:
            return UserError(
                _(
                    "Serial number %(serial)s of %(product)s has just been recorded "
                    "by another user: a serial number exists only once. Nothing was "
                    "saved; check the serial number and try again.",
                    serial=names[0],
                    product=product.display_name,
                )
            )
        return UserError(
            _(
                "One of these %(count)s serial numbers of %(product)s has just been "
                "recorded by another user: %(serials)s. A serial number exists only "
                "once: nothing was saved; check them and try again.",
                count=len(names),
                product=", ".join(product.mapped("display_name")),
                serials=", ".join(names[:10]) + ("…" if len(names) > 10 else ""),
            )
        )

    @api.model
    def _wms_recorded_keys(self, keys):
        """Those of ``keys`` (product id, company id or False, name) the unique
        index finds recorded already, in what this transaction sees (values
        giving no company match a lot of any company)."""
        if not keys:
            return []
        self.flush_model(["name", "product_id", "company_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT given.product_id, given.company_id, given.name
                  FROM unnest(%s::int[], %s::int[], %s::varchar[])
                       AS given(product_id, company_id, name)
                  JOIN stock_lot lot ON lot.name = given.name
                                    AND lot.product_id = given.product_id
                                    AND (given.company_id IS NULL
                                         OR lot.company_id = given.company_id)
                """,
                [key[0] for key in keys],
                [key[1] or None for key in keys],
                [key[2] for key in keys],
            )
        )
        found = {(row[0], row[1] or False, row[2]) for row in rows}
        return [key for key in keys if key in found]

    # --- Concurrency: the one place where serials are locked ---
    def _wms_create_serial_unique_index(self):
        """The database guarantee that a serial exists once per product and
        company. Existing duplicates (data written before this module) are
        reported instead of failing the install; the index is created by the
        first module update after they are merged."""
        cr = self.env.cr
        if index_exists(cr, SERIAL_UNIQUE_INDEX):
            return
        cr.execute(
            SQL(
                """
                SELECT product_id, company_id, name, COUNT(*)
                  FROM stock_lot
              GROUP BY product_id, company_id, name
                HAVING COUNT(*) > 1
              ORDER BY name
                 LIMIT 20
                """
            )
        )
        duplicates = cr.fetchall()
        if duplicates:
            _logger.warning(
                "Index %s not created: lot/serial numbers defined more than once "
                "(product id, company id, name, count): %s. Merge them, then update "
                "the module.",
                SERIAL_UNIQUE_INDEX,
                duplicates,
            )
            return
        create_unique_index(
            cr,
            SERIAL_UNIQUE_INDEX,
            self._table,
            ["product_id", "COALESCE(company_id, 0)", "name"],
        )

    @api.model
    def _wms_lock_serials(self, lines):
        """Make the serials that ``lines`` move race-free, before they move.

        Two transactions moving the same serial at the same moment: the second
        waits for the first to finish, then fails with a serialization error,
        which Odoo's RPC layer retries; the retry sees the first one's result and
        gets the usual refusal (already in stock, reserved, ...). Serials known
        as lots are also written (a no-op update), so that a transaction that
        started before the other committed fails the same way instead of
        reading stale stock.
        """
        lines = lines.filtered(lambda ml: ml.product_id.tracking == "serial")
        keys = sorted(
            {
                f"wms-serial/{ml.product_id.id}/{ml.company_id.id}/"
                f"{ml.lot_id.name or ml.lot_name}"
                for ml in lines
                if ml.lot_id or ml.lot_name
            }
        )
        if not keys:
            return
        cr = self.env.cr
        # One lock per bucket of serials, at most LOCK_BUCKETS per transaction
        # (PostgreSQL's lock table is shared and small), in this module's own
        # advisory-lock space.
        cr.execute(
            SQL(
                """
                SELECT bucket FROM (
                    SELECT DISTINCT (hashtext(key) & %(mask)s) AS bucket
                      FROM unnest(%(keys)s::text[]) AS key
                ) b
                 WHERE NOT pg_try_advisory_xact_lock(%(space)s, bucket)
                """,
                mask=LOCK_BUCKETS - 1,
                keys=keys,
                space=LOCK_SPACE,
            )
        )
        busy = [bucket for (bucket,) in cr.fetchall()]
        if busy:
            # Wait until the other transaction ends, then let the caller retry.
            cr.execute(
                SQL(
                    "SELECT pg_advisory_xact_lock(%s, bucket) "
                    "FROM unnest(%s::int[]) AS bucket",
                    LOCK_SPACE,
                    busy,
                )
            )
            self._wms_raise_serialization_failure()
        if lines.lot_id:
            cr.execute(
                SQL(
                    "UPDATE stock_lot SET write_date = write_date WHERE id IN %s",
                    tuple(lines.lot_id.ids),
                ),
                log_exceptions=False,
            )

    @api.model
    def _wms_raise_serialization_failure(self):
        self.env.cr.execute(
            SQL(
                "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure', "
                "MESSAGE = 'serial numbers being moved by a concurrent transaction'; "
                "END $$"
            ),
            log_exceptions=False,
        )

    # --- Serial hygiene: the one place where a serial's text is checked ---
    @api.model
    def _wms_clean_serial(self, serial, product=None):
        """Return ``serial`` without surrounding spaces, or raise why it is refused."""
        if not isinstance(serial, str):
            serial = "" if serial in (None, False) else str(serial)
        cleaned = serial.strip()
        if not cleaned:
            raise UserError(
                _("A serial number cannot be empty (%s).", self._wms_name_of(product))
            )
        if len(cleaned) > SERIAL_MAX_LENGTH:
            raise UserError(
                _(
                    "Serial number %(serial)s… of %(product)s is %(length)s characters "
                    "long; at most %(max)s are allowed.",
                    serial=cleaned[:20],
                    product=self._wms_name_of(product),
                    length=len(cleaned),
                    max=SERIAL_MAX_LENGTH,
                )
            )
        if any(
            unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in cleaned
        ):
            raise UserError(
                _(
                    "Serial number %(serial)r of %(product)s contains control "
                    "characters.",
                    serial=cleaned,
                    product=self._wms_name_of(product),
                )
            )
        return cleaned

    # --- What a serial looks like: the one place where a product's rule is applied ---
    @api.model
    def _wms_serial_rule_errors(self, product, names):
        """Why each of ``names`` (clean serials of ``product``) is not a serial
        number of it: a product's or a packaging's barcode (for any product),
        or a serial that does not fit the product's rule (prefix, length,
        characters, pattern, check digit: ``tools/serial_rules.py``). Serials
        recorded already (lots of the product) are not judged: they are kept
        whatever the rule says now.

        One query for the batch (which names are a barcode, which are
        recorded), the rule checked in Python; the barcodes' owners are read
        for the names refused only.

        :return: dict serial name -> message, for the names refused only
        """
        if not product or not names:
            return {}
        names = list(dict.fromkeys(names))
        template = product.product_tmpl_id
        misfits = serial_rules.mismatches(template._wms_serial_rule(), names)
        barcode_names, recorded = self._wms_barcode_and_lot_names(product, names)
        refused = [
            name
            for name in names
            if (name in misfits or name in barcode_names) and name not in recorded
        ]
        if not refused:
            return {}
        barcodes = self._wms_barcodes_among(
            [name for name in refused if name in barcode_names]
        )
        errors = {}
        for name in refused:
            if name in barcodes:
                errors[name] = self._wms_barcode_message(product, name, barcodes[name])
            else:
                errors[name] = self._wms_serial_rule_message(
                    template, name, misfits[name]
                )
        return errors

    @api.model
    def _wms_barcode_and_lot_names(self, product, names):
        """In one query: those of ``names`` that are a product's or a
        packaging's barcode (any product, any company, archived too: what
        ``_wms_barcodes_among`` finds), and those recorded as lots of
        ``product`` (any company: ``_wms_lot_ids``), each by its index.

        :return: (set of barcode names, set of recorded names)
        """
        self.env["product.product"].flush_model(["barcode"])
        self.env["product.packaging"].flush_model(["barcode"])
        self.flush_model(["name", "product_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT given.name,
                       EXISTS(SELECT 1 FROM product_product p
                               WHERE p.barcode = given.name)
                    OR EXISTS(SELECT 1 FROM product_packaging k
                               WHERE k.barcode = given.name),
                       EXISTS(SELECT 1 FROM stock_lot lot
                               WHERE lot.name = given.name AND lot.product_id = %s)
                  FROM unnest(%s::varchar[]) AS given(name)
                """,
                product.id,
                list(names),
            )
        )
        barcodes, recorded = set(), set()
        for name, is_barcode, is_recorded in self.env.cr.fetchall():
            if is_barcode:
                barcodes.add(name)
            if is_recorded:
                recorded.add(name)
        return barcodes, recorded

    @api.model
    def _wms_check_serial_rules(self, product, names):
        """Raise ``UserError`` naming every serial of ``names`` that is not a
        serial number of ``product`` (see ``_wms_serial_rule_errors``)."""
        errors = self._wms_serial_rule_errors(product, names)
        if errors:
            raise UserError("\n".join(errors.values()))

    @api.model
    def _wms_barcodes_among(self, names):
        """The ``names`` that are a product's or a packaging's barcode (any
        product, any company, archived too).

        :return: dict name -> the product.product or product.packaging
        """
        Product = self.env["product.product"].sudo().with_context(active_test=False)
        Packaging = self.env["product.packaging"].sudo().with_context(active_test=False)
        found = {
            packaging.barcode: packaging
            for packaging in Packaging.search_fetch(
                [("barcode", "in", names)], ["barcode", "name", "product_id"]
            )
        }
        found.update(
            (product.barcode, product)
            for product in Product.search_fetch([("barcode", "in", names)], ["barcode"])
        )
        return found

    @api.model
    def _wms_barcode_message(self, product, name, owner):
        """The refusal of ``name``, given as a serial of ``product``, which is
        the barcode of ``owner`` (a product or a packaging)."""
        if owner._name == "product.packaging":
            return _(
                "%(serial)s is the barcode of packaging %(packaging)s of %(other)s, "
                "not a serial number (of %(product)s).",
                serial=name,
                packaging=owner.name,
                other=owner.product_id.display_name,
                product=product.display_name,
            )
        return _(
            "%(serial)s is the barcode of product %(other)s, not a serial number "
            "(of %(product)s).",
            serial=name,
            other=owner.display_name,
            product=product.display_name,
        )

    @api.model
    def _wms_serial_rule_message(self, template, name, part):
        """The refusal of serial ``name`` of ``template``, which does not fit
        ``part`` of its rule (see ``serial_rules.first_mismatch``)."""
        product = template.display_name
        if part == "prefix":
            return _(
                "Serial number %(serial)s of %(product)s does not start with "
                "%(prefix)s, as the product's serial numbers do.",
                serial=name,
                product=product,
                prefix=template.wms_serial_prefix,
            )
        if part == "length":
            return _(
                "Serial number %(serial)s of %(product)s has %(length)s characters; "
                "the product's serial numbers have %(min)s to %(max)s.",
                serial=name,
                product=product,
                length=len(name),
                min=template.wms_serial_min_length or 1,
                max=template.wms_serial_max_length or SERIAL_MAX_LENGTH,
            )
        if part == "charset" and template.wms_serial_charset == "digits":
            return _(
                "Serial number %(serial)s of %(product)s may contain digits only.",
                serial=name,
                product=product,
            )
        if part == "charset" and template.wms_serial_charset == "alnum":
            return _(
                "Serial number %(serial)s of %(product)s may contain letters and "
                "digits only.",
                serial=name,
                product=product,
            )
        if part == "charset":
            return _(
                "Serial number %(serial)s of %(product)s may contain only these "
                "characters: %(chars)s.",
                serial=name,
                product=product,
                chars=template.wms_serial_custom_chars,
            )
        if part == "regex":
            return _(
                "Serial number %(serial)s of %(product)s does not match the "
                "product's serial number pattern %(pattern)s.",
                serial=name,
                product=product,
                pattern=template.wms_serial_regex,
            )
        labels = selection_labels(template, "wms_serial_check_digit")
        return _(
            "Serial number %(serial)s of %(product)s does not end with a valid "
            "check digit (%(check)s).",
            serial=name,
            product=product,
            check=labels[template.wms_serial_check_digit],
        )

    @api.model
    def _wms_name_of(self, product):
        """The product's name in a refusal ("" without one); read only when a
        serial is refused (checking tens of thousands of serials, reading it for
        each was a tenth of the check)."""
        return product.display_name if product else ""

    # --- Where serials are: the one place that looks it up ---
    @api.model
    def _wms_serial_quants(self, product, serials, company):
        """The quants on hand (internal or transit, positive) of ``serials`` of
        ``product`` in ``company``.

        :return: dict serial name -> stock.quant recordset
        """
        if not serials:
            return {}
        # A few serials (a scan): their lots looked up inside the same
        # statement, one query less. Many: their ids first, so the planner
        # sees how many there are.
        lot_ids = (
            SQL("(%s)", self._wms_lot_ids_sql(product, serials))
            if len(serials) <= LOT_SUBQUERY_MAX
            else self._wms_lot_ids(product, serials)
        )
        # With the fields the rules and Odoo's reservation of the quant read
        # (one query less than a search and a read of every field at the
        # first access; any other field is read when first asked).
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search_fetch(
                [
                    ("product_id", "=", product.id),
                    ("company_id", "=", company.id),
                    ("lot_id", "in", lot_ids),
                    ("location_id.usage", "in", ("internal", "transit")),
                    ("quantity", ">", 0),
                ],
                [
                    "product_id",
                    "company_id",
                    "lot_id",
                    "location_id",
                    "package_id",
                    "owner_id",
                    "quantity",
                    "reserved_quantity",
                    "in_date",
                ],
            )
        )
        return quants.grouped(lambda quant: quant.lot_id.name)

    @api.model
    def _wms_lot_ids(self, product, serials):
        """The ids of the lots of ``product`` named ``serials`` (any company),
        looked up by exact name and product (the btree index): a "name in
        [thousands]" domain may be planned on the trigram index of the name,
        15 s and more for 3,000 serials.

        :return: list of ids
        """
        self.env.cr.execute(self._wms_lot_ids_sql(product, serials))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _wms_lot_ids_sql(self, product, serials):
        """The query of ``_wms_lot_ids`` (the lots' pending changes flushed),
        to run or to use as a subquery (``("lot_id", "in", ...)``)."""
        self.flush_model(["name", "product_id"])
        return SQL(
            """
            SELECT lot.id FROM unnest(%s::varchar[]) AS given(name)
              JOIN stock_lot lot ON lot.name = given.name
                                AND lot.product_id = %s
            """,
            list(serials),
            product.id,
        )

    @api.model
    def _wms_serials_on_hand(self, product, serials, company):
        """Where each of ``serials`` of ``product`` is on hand in ``company``.

        :return: dict serial name -> location (only the serials on hand)
        """
        quants = self._wms_serial_quants(product, serials, company)
        return {name: quants[name][0].location_id for name in quants}

    @api.model
    def _wms_serials_delivered(self, product, serials):
        """Serials of ``product`` that sit at a customer (delivered, not returned).

        :return: dict serial name -> reference of the delivery that took it there
        """
        if not serials:
            return {}
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("product_id", "=", product.id),
                    ("lot_id.name", "in", list(serials)),
                    ("location_id.usage", "=", "customer"),
                    ("quantity", ">", 0),
                ]
            )
        )
        if not quants:
            return {}
        lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", quants.lot_id.ids),
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "=", "customer"),
                ],
                order="date desc, id desc",
            )
        )
        delivered = {}
        for line in lines:
            delivered.setdefault(line.lot_id.name, line.reference)
        return {
            quant.lot_id.name: delivered.get(quant.lot_id.name, "") for quant in quants
        }

    # --- A serial's life: the one place that reads its history ---
    def _wms_history_lines(self):
        """The done move lines of these serials, oldest first, in one search."""
        if not self:
            return self.env["stock.move.line"]
        return self.env["stock.move.line"].search(
            [("lot_id", "in", self.ids), ("state", "=", "done")],
            order="date, id",
        )

    # --- Recall: who received these serials ---
    # A recall can be about a million serials: one query, on their ids or on
    # the query of the lines that received them; no serial record is read.
    def _wms_recall_deliveries(self):
        """Every delivery of these serials to a customer, with the return that
        brought it back if there was one (see ``_wms_recall_pairs``).

        :return: list of (delivery move line id, return move line id or None,
            customer id or None: the delivery's partner, else its move's),
            oldest delivery first
        """
        if not self:
            return []
        return self.env.execute_query(
            SQL(
                "SELECT id, return_id, partner_id FROM (%s) AS pairs ORDER BY date, id",
                self._wms_recall_pairs(),
            )
        )

    def _wms_recall_pairs(self, received=None):
        """The query of every delivery to a customer of these serials, or, when
        ``received`` is given (a ``Query`` of move lines, see
        ``_wms_received_query``), of the serials those lines received: a
        vendor's serials stay in the database, never sent through Python. Each
        delivery comes with the return that brought it back, if there was one.
        The one place that pairs deliveries and returns; only the done move
        lines the user may read count.

        The lines to or from a customer location are found first (by the
        indexes on the lines' locations: a fraction of a serial's history),
        then kept for the serials asked about (for ``received``, each serial
        with a customer line checked in its own history, by the index on the
        serial: never the vendor's million serials at once).

        A serial's deliveries and returns pair up as brackets do, in the order
        of its history (date, id): a return closes the latest delivery still
        open; a return with none open (a serial first seen at a customer)
        closes nothing. ``depth`` counts the deliveries open after each line,
        never below zero (the running sum less its lowest point so far), so
        it moves by one at each line but such a return. A delivery opens the
        ``level`` it brings the depth to, a return closes the level it brings
        the depth down from: at each level of a serial, deliveries and their
        returns alternate, and a delivery's return is the next line of its
        level. Window functions only (sorts, no join of the lines with
        themselves): the plan stays linear whatever the planner estimates.

        :return: SQL of rows (id, lot_id, product_id, picking_id, reference,
            date, company_id: the delivery move line's; partner_id: the
            delivery's partner, else its move's; return_id, return_picking_id,
            return_reference, return_date: the return's, NULL if none), in no
            particular order
        """
        MoveLine = self.env["stock.move.line"]
        lines = MoveLine._search([("state", "=", "done"), ("lot_id", "!=", False)])
        src = lines.join(lines.table, "location_id", "stock_location", "id", "src")
        dest = lines.join(
            lines.table, "location_dest_id", "stock_location", "id", "dest"
        )
        to_customer = SQL("%s = 'customer'", SQL.identifier(dest, "usage"))
        from_customer = SQL("%s = 'customer'", SQL.identifier(src, "usage"))
        # The customer locations' ids as constants: the planner then counts
        # their lines from the statistics and reads them by index.
        customers = (
            self.env["stock.location"]
            .sudo()
            .with_context(active_test=False)
            ._search([("usage", "=", "customer")])
        )
        customer_ids = [row[0] for row in self.env.execute_query(customers.select())]
        lines.add_where(
            SQL(
                "(%s = ANY(%s) OR %s = ANY(%s))",
                SQL.identifier(lines.table, "location_dest_id"),
                customer_ids,
                SQL.identifier(lines.table, "location_id"),
                customer_ids,
            )
        )
        # To or from a customer; not from a customer to another.
        lines.add_where(SQL("(%s) <> (%s)", to_customer, from_customer))
        if received is None:
            # The ids as one array literal: quick to send and to plan; a few
            # serials are read by their index, many along the customer lines.
            lines.add_where(
                SQL(
                    "%s IN (SELECT unnest(%s::int[]))",
                    SQL.identifier(lines.table, "lot_id"),
                    "{" + ",".join(map(str, self.ids)) + "}",
                )
            )
            kept = SQL("TRUE")
        else:
            # Only the serials with a line to or from a customer, each looked
            # for in the received lines by its index, in the order of their
            # ids (the index and the lines read in order, not at random). A
            # LATERAL with LIMIT 1 is always such a loop: the planner, which
            # cannot know how many serials the customer lines name, cannot
            # turn it into a hash of the vendor's million received lines.
            received.add_where(
                SQL("%s = wms_lots.lot_id", SQL.identifier(received.table, "lot_id"))
            )
            received.limit = 1
            kept = SQL(
                """lot_id IN (
                    SELECT wms_lots.lot_id
                      FROM (SELECT DISTINCT lot_id FROM wms_customer
                             ORDER BY lot_id) AS wms_lots,
                           LATERAL (%s) AS wms_received)""",
                received.select(SQL("1")),
            )
        MoveLine.flush_model(
            [
                "lot_id",
                "product_id",
                "date",
                "location_id",
                "location_dest_id",
                "state",
                "picking_id",
                "move_id",
                "reference",
                "company_id",
            ]
        )
        self.env["stock.location"].flush_model(["usage"])
        self.env["stock.picking"].flush_model(["partner_id"])
        self.env["stock.move"].flush_model(["partner_id"])
        # The move's partner is read only for a delivery whose picking has none.
        return SQL(
            """
            WITH wms_customer AS MATERIALIZED (%(lines)s),
            depths AS (
                SELECT *, total - LEAST(0, min(total) OVER serial) AS depth
                  FROM (SELECT *,
                               row_number() OVER history AS seq,
                               sum(step) OVER history AS total
                          FROM wms_customer
                         WHERE %(kept)s
                        WINDOW history AS (PARTITION BY lot_id ORDER BY date, id)
                       ) AS running
                WINDOW serial AS (PARTITION BY lot_id ORDER BY seq)
            ),
            levels AS (
                SELECT *, CASE WHEN step = 1 THEN depth
                               WHEN lag(depth, 1, 0::bigint) OVER serial > 0
                               THEN depth + 1
                          END AS level
                  FROM depths
                WINDOW serial AS (PARTITION BY lot_id ORDER BY seq)
            ),
            brackets AS (
                SELECT *, lead(step) OVER bracket AS next_step,
                       lead(id) OVER bracket AS next_id,
                       lead(picking_id) OVER bracket AS next_picking_id,
                       lead(reference) OVER bracket AS next_reference,
                       lead(date) OVER bracket AS next_date
                  FROM levels
                 WHERE level IS NOT NULL
                WINDOW bracket AS (PARTITION BY lot_id, level ORDER BY seq)
            )
            SELECT paired.id, paired.lot_id, paired.product_id, paired.picking_id,
                   paired.reference, paired.date, paired.company_id,
                   COALESCE(picking.partner_id,
                            (SELECT move.partner_id FROM stock_move move
                              WHERE move.id = paired.move_id)) AS partner_id,
                   paired.return_id, paired.return_picking_id,
                   paired.return_reference, paired.return_date
              FROM (SELECT brackets.*,
                           CASE WHEN next_step = -1 THEN next_id END AS return_id,
                           CASE WHEN next_step = -1 THEN next_picking_id END
                               AS return_picking_id,
                           CASE WHEN next_step = -1 THEN next_reference END
                               AS return_reference,
                           CASE WHEN next_step = -1 THEN next_date END AS return_date
                      FROM brackets
                     WHERE step = 1) AS paired
              LEFT JOIN stock_picking picking ON picking.id = paired.picking_id
            """,
            lines=lines.select(
                *(
                    SQL.identifier(lines.table, fname)
                    for fname in (
                        "id",
                        "lot_id",
                        "product_id",
                        "picking_id",
                        "move_id",
                        "reference",
                        "date",
                        "company_id",
                    )
                ),
                SQL("CASE WHEN %s THEN 1 ELSE -1 END AS step", to_customer),
            ),
            kept=kept,
        )

    @api.model
    def _wms_received_domain(self, partner=None, pickings=None, product=None):
        """The done move lines that received serials (from a vendor location)
        from ``partner`` or any of its contacts, or on ``pickings``; only those
        of ``product`` when given."""
        domain = [
            ("state", "=", "done"),
            ("lot_id", "!=", False),
            ("location_id.usage", "=", "supplier"),
        ]
        if partner:
            domain.append(
                (
                    "picking_id.partner_id",
                    "child_of",
                    partner.commercial_partner_id.id,
                )
            )
        if pickings is not None:
            domain.append(("picking_id", "in", pickings.ids))
        if product:
            domain.append(("product_id", "=", product.id))
        return domain

    @api.model
    def _wms_received_query(self, partner=None, pickings=None, product=None):
        """The ``Query`` of the move lines that received serials from
        ``partner`` or on ``pickings`` (see ``_wms_received_domain``), with the
        user's record rules, for ``_wms_recall_pairs``."""
        return self.env["stock.move.line"]._search(
            self._wms_received_domain(partner, pickings, product)
        )

    @api.model
    def _wms_received_lots(self, partner=None, pickings=None, product=None):
        """The serials received from ``partner`` or on ``pickings`` (see
        ``_wms_received_domain``), from one query of their ids."""
        received = self._wms_received_query(partner, pickings, product)
        lot_ids = SQL.identifier(received.table, "lot_id")
        [(ids,)] = self.env.execute_query(
            received.select(SQL("array_agg(DISTINCT %s ORDER BY %s)", lot_ids, lot_ids))
        )
        return self.browse(ids or [])

    @api.model
    def _wms_parse_serial_list(self, serials, product=None, line_numbers=None):
        """Clean a list of serials and report, line by line, what is wrong
        (its text, given twice, not a serial number of ``product``: see
        ``_wms_serial_rule_errors``).

        :param line_numbers: the line of each serial in what the user gave
            (blank lines counted); by default, its rank in ``serials``
        :return: (clean serials in order, list of error messages)
        """
        names, errors, first_line = [], [], {}
        numbers = line_numbers or range(1, len(serials) + 1)
        for index, raw in zip(numbers, serials, strict=True):
            try:
                name = self._wms_clean_serial(raw, product)
            except UserError as error:
                errors.append(
                    (
                        index,
                        _(
                            "Line %(line)s: %(reason)s",
                            line=index,
                            reason=error.args[0],
                        ),
                    )
                )
                continue
            if name in first_line:
                errors.append(
                    (
                        index,
                        _(
                            "Line %(line)s: serial number %(serial)s is given twice "
                            "(first on line %(first)s).",
                            line=index,
                            serial=name,
                            first=first_line[name],
                        ),
                    )
                )
                continue
            first_line[name] = index
            names.append(name)
        refused = self._wms_serial_rule_errors(product, names)
        for name, reason in refused.items():
            line = first_line[name]
            errors.append(
                (line, _("Line %(line)s: %(reason)s", line=line, reason=reason))
            )
        if refused:
            errors.sort(key=lambda error: error[0])
            names = [name for name in names if name not in refused]
        return names, [message for _index, message in errors]

    @api.model
    def _wms_check_serial_list(self, serials, product=None):
        names, errors = self._wms_parse_serial_list(serials, product)
        if errors:
            raise UserError("\n".join(errors))
        return names
