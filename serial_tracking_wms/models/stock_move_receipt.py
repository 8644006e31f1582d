# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Goods in: the rules a Full Tracking receipt line must satisfy, for a scan and at
validation alike."""

from odoo import _, models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _wms_receipt_moves_for_serials(self, names):
        """Share serial ``names`` out over these open lines of one product on
        one receipt, each to the line that can take it: the line that expects
        it, or whose unpicked line carries it already (a return Odoo
        prefilled); any other serial to the first line without expected serials
        with a unit left, else the first without expected serials, else the
        first with a unit left (it refuses an unlisted serial, naming itself),
        else the first line.

        :return: dict move -> its names, in the order of ``names``
        """
        if len(self) < 2:
            return {self: list(names)} if self and names else {}
        Expected = self.env["stock.expected.serial"]
        target = {
            ml.lot_id.name or ml.lot_name: ml.move_id
            for ml in self.env["stock.move.line"].search_fetch(
                [
                    ("move_id", "in", self.ids),
                    ("picked", "=", False),
                    "|",
                    ("lot_id.name", "in", names),
                    ("lot_name", "in", names),
                ],
                ["lot_id", "lot_name", "move_id"],
            )
        }
        target.update(
            (serial.name, serial.move_id)
            for serial in Expected.search_fetch(
                [
                    ("move_id", "in", self.ids),
                    ("state", "=", "expected"),
                    ("name", "in", names),
                ],
                ["name", "move_id"],
            )
        )
        listed = {
            move
            for [move] in Expected._read_group(
                [("move_id", "in", self.ids), ("state", "=", "expected")], ["move_id"]
            )
        }
        left = self._wms_serial_units_left()
        shares = {}
        for name in names:
            move = target.get(name) or next(
                (
                    move
                    for rule in (
                        lambda m: left[m] >= 1 and m not in listed,
                        lambda m: m not in listed,
                        lambda m: left[m] >= 1,
                    )
                    for move in self
                    if rule(move)
                ),
                self[0],
            )
            left[move] -= 1
            shares.setdefault(move, []).append(name)
        return shares

    def _wms_receipt_serial_errors(self, lines, complete=False):
        """Why ``lines`` of this receipt move cannot be received.

        Full Tracking: one serial per unit, each valid, new to the company's stock,
        expected nowhere else, and listed when the line has expected serials.
        Track During Pick: received by quantity, no serial accepted (except on
        returns of delivered serials, received like Full Tracking).

        :param lines: the move lines to judge (all done lines at validation, the
            new line when one serial is scanned)
        :param complete: also require a serial on every unit (validation)
        :return: list of messages, empty when everything is right
        """
        self.ensure_one()
        product = self.product_id
        if self._wms_takes_serials_by_quantity():
            with_serial = lines.filtered(lambda ml: ml.lot_id or ml.lot_name)
            if not with_serial:
                return []
            return [
                _(
                    "%(product)s is in Track During Pick: it is received by "
                    "quantity and takes no serial number on %(picking)s "
                    "(given: %(serials)s).",
                    product=product.display_name,
                    picking=self._wms_document_name(),
                    serials=", ".join(
                        with_serial.mapped(lambda ml: ml.lot_id.name or ml.lot_name)
                    ),
                )
            ]
        names, errors = self._wms_serial_line_errors(lines, complete)
        if not names:
            return errors
        errors += self._wms_serials_held_elsewhere_errors(names)
        Expected = self.env["stock.expected.serial"]
        expected_domain = [("move_id", "=", self.id), ("state", "=", "expected")]
        if Expected.search_count(expected_domain, limit=1):
            listed = Expected.search_fetch(
                expected_domain + [("name", "in", names)], ["name"]
            ).mapped("name")
            unlisted = set(names) - set(listed)
            for name in sorted(unlisted):
                errors.append(
                    _(
                        "Serial number %(serial)s is not expected for %(product)s on "
                        "%(picking)s; only its listed serial numbers can be received.",
                        serial=name,
                        product=product.display_name,
                        picking=self._wms_document_name(),
                    )
                )
        return errors

    def _wms_serials_held_elsewhere_errors(self, names):
        """Serials of this move's product already in stock in the company, or
        expected on another open pre-receipt."""
        self.ensure_one()
        product = self.product_id
        errors = []
        on_hand = self.env["stock.lot"]._wms_serials_on_hand(
            product, names, self.company_id
        )
        for name in sorted(on_hand):
            errors.append(
                _(
                    "Serial number %(serial)s of %(product)s is already in stock at "
                    "%(location)s.",
                    serial=name,
                    product=product.display_name,
                    location=on_hand[name].display_name,
                )
            )
        others = (
            self.env["stock.expected.serial"]
            .sudo()
            .search(
                [
                    ("name", "in", list(set(names) - set(on_hand))),
                    ("product_id", "=", product.id),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "expected"),
                    ("move_id", "!=", self.id),
                    ("move_id.state", "not in", ("done", "cancel")),
                ]
            )
        )
        for other in others.sorted("name"):
            errors.append(
                _(
                    "Serial number %(serial)s of %(product)s is expected on %(other)s, "
                    "not on %(picking)s.",
                    serial=other.name,
                    product=product.display_name,
                    other=other.move_id._wms_document_name(),
                    picking=self._wms_document_name(),
                )
            )
        return errors
