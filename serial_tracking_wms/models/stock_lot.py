# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unicodedata

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools.sql import create_index

SERIAL_MAX_LENGTH = 128


class StockLot(models.Model):
    _inherit = "stock.lot"

    def init(self):
        res = super().init()
        # Serials are looked up by exact name and product on every scan; the
        # native index on ``name`` is a trigram one, for searches by part.
        create_index(
            self.env.cr,
            "stock_lot_wms_name_product_index",
            self._table,
            ["name", "product_id"],
        )
        return res

    # --- Serial hygiene: the one place where a serial's text is checked ---
    @api.model
    def _wms_clean_serial(self, serial, product=None):
        """Return ``serial`` without surrounding spaces, or raise why it is refused."""
        product_name = product.display_name if product else ""
        if not isinstance(serial, str):
            serial = "" if serial in (None, False) else str(serial)
        cleaned = serial.strip()
        if not cleaned:
            raise UserError(_("A serial number cannot be empty (%s).", product_name))
        if len(cleaned) > SERIAL_MAX_LENGTH:
            raise UserError(
                _(
                    "Serial number %(serial)s… of %(product)s is %(length)s characters "
                    "long; at most %(max)s are allowed.",
                    serial=cleaned[:20],
                    product=product_name,
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
                    product=product_name,
                )
            )
        return cleaned

    # --- Where serials are: the one place that looks it up ---
    @api.model
    def _wms_serial_quants(self, product, serials, company):
        """The quants on hand (internal or transit, positive) of ``serials`` of
        ``product`` in ``company``.

        :return: dict serial name -> stock.quant recordset
        """
        if not serials:
            return {}
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("product_id", "=", product.id),
                    ("company_id", "=", company.id),
                    ("lot_id.name", "in", list(serials)),
                    ("location_id.usage", "in", ("internal", "transit")),
                    ("quantity", ">", 0),
                ]
            )
        )
        return quants.grouped(lambda quant: quant.lot_id.name)

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

    @api.model
    def _wms_parse_serial_list(self, serials, product=None):
        """Clean a list of serials and report, line by line, what is wrong.

        :return: (clean serials in order, list of error messages)
        """
        names, errors, first_line = [], [], {}
        for index, raw in enumerate(serials, start=1):
            try:
                name = self._wms_clean_serial(raw, product)
            except UserError as error:
                errors.append(
                    _("Line %(line)s: %(reason)s", line=index, reason=error.args[0])
                )
                continue
            if name in first_line:
                errors.append(
                    _(
                        "Line %(line)s: serial number %(serial)s is given twice "
                        "(first on line %(first)s).",
                        line=index,
                        serial=name,
                        first=first_line[name],
                    )
                )
                continue
            first_line[name] = index
            names.append(name)
        return names, errors

    @api.model
    def _wms_check_serial_list(self, serials, product=None):
        names, errors = self._wms_parse_serial_list(serials, product)
        if errors:
            raise UserError("\n".join(errors))
        return names
