# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Goods out: the rules a pick task must satisfy for Track During Pick and Full
Tracking products, for a scan and at validation alike."""

from odoo import _, models


class StockMove(models.Model):
    _inherit = "stock.move"

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

    def _wms_pick_serial_name_errors(self, names):
        """Where each serial is, judged for this pick task.

        Full Tracking: the serial must be on hand at the pick's source (or inside
        it). Track During Pick: on hand at the source, or captured now (new to
        the system, or known but not on hand anywhere in the company). Both: a
        serial reserved by another transfer is refused.
        """
        self.ensure_one()
        if not names:
            return []
        product, picking = self.product_id, self.picking_id
        Lot = self.env["stock.lot"]
        on_hand = Lot._wms_serial_quants(product, names, self.company_id)
        delivered = Lot._wms_serials_delivered(
            product, [n for n in names if n not in on_hand]
        )
        known = set(
            Lot.sudo()
            .search(
                [
                    ("product_id", "=", product.id),
                    ("name", "in", names),
                    ("company_id", "in", (False, self.company_id.id)),
                ]
            )
            .mapped("name")
        )
        errors = []
        for name in names:
            quants = on_hand.get(name, self.env["stock.quant"])
            at_source = quants.filtered(
                lambda q: q.location_id._child_of(self.location_id)
            )
            args = {
                "serial": name,
                "product": product.display_name,
                "picking": picking.display_name,
                "source_location": self.location_id.display_name,
            }
            if at_source:
                continue
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
        errors += self._wms_serials_reserved_elsewhere_errors(names)
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
