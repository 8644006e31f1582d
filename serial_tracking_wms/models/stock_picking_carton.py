# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cartons: a carton's label scanned once for all the serials it holds.

At receipt, a carton is the expected serials listed with it (the carton column
of the supplier's list): its serials not recorded yet are received at once, as
one scan each would receive them, into a package named after the carton. On a
pick task, a carton is a sealed package in stock holding serials of one product:
all are picked at once, as one scan each would pick them, when the transfer
still needs that many, and the package goes on whole."""

from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools.cartons import carton_keys


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # --- Entry points: scanner screens, integrations and tests call these ---
    def wms_scan_carton(self, code):
        """A carton's label (plain, or a GS1 SSCC: AI 00) scanned on this
        transfer: on a receipt, its expected serials not recorded yet are
        received into a package named after it; elsewhere, a sealed carton in
        stock is picked whole. All of its serials are recorded or none.

        :return: dict like ``wms_scan_serial``'s, with ``carton`` (``False``
            when ``code`` is no carton of this transfer: nothing was done),
            ``count`` (serials recorded now), ``product_ids`` (of the
            carton), ``package_id`` and ``package``
        """
        self.ensure_one()
        try:
            self.env["stock.serial.job"]._wms_check_unlocked(self)
        except UserError as error:
            # A transfer validated in the background: whatever the code, a refusal.
            return self._wms_carton_result(False, code, error.args[0])
        if self.picking_type_code == "incoming":
            return self._wms_receive_carton(code)
        return self._wms_pick_carton(code)

    # --- Private helpers ---
    def _wms_receive_carton(self, code):
        """``wms_scan_carton`` on a receipt."""
        Expected = self.env["stock.expected.serial"]
        keys = carton_keys(code)
        listed = (
            Expected.search_fetch(
                [
                    ("picking_id", "=", self.id),
                    ("carton", "in", keys),
                    ("state", "!=", "cancelled"),
                ],
                ["name", "move_id", "product_id", "carton", "state"],
            )
            if keys
            else Expected
        )
        if not listed:
            return self._wms_carton_result(False, False, _("Not a carton."))
        carton = listed[0].carton
        products = listed.product_id
        try:
            with self.env.cr.savepoint():
                for product in products:
                    # Open, and on this receipt: as for one scan each.
                    self._wms_open_moves(product)
                expected = listed.filtered(
                    lambda s: s.state == "expected"
                    and s.move_id.state not in ("done", "cancel")
                )
                lines = self._wms_receive_expected(expected)
                if not lines:
                    raise UserError(
                        _(
                            "All %(count)s serial numbers of carton %(carton)s are "
                            "recorded on %(picking)s already.",
                            count=len(listed),
                            carton=carton,
                            picking=self.display_name,
                        )
                    )
                package = self._wms_carton_package(carton, lines.move_id)
                lines.write({"result_package_id": package.id})
        except UserError as error:
            return self._wms_carton_result(products[:1], carton, error.args[0])
        return self._wms_carton_result(
            products[:1],
            carton,
            _(
                "Carton %(carton)s: %(count)s serial numbers of %(product)s recorded.",
                carton=carton,
                count=len(lines),
                product=", ".join(lines.product_id.mapped("display_name")),
            ),
            lines,
            package,
        )

    def _wms_carton_package(self, carton, moves):
        """The package named ``carton`` the serials of ``moves`` are received
        into: the one of that name in this company (or shared), else a new
        one. It must hold nothing but what ``moves`` bring."""
        package = self.env["stock.quant.package"]._wms_find_tote(
            carton, self.company_id
        ) or self.env["stock.quant.package"].create(
            {"name": carton, "company_id": self.company_id.id}
        )
        for move in moves:
            package._wms_check_tote_for(move)
        return package

    def _wms_pick_carton(self, code):
        """``wms_scan_carton`` on a transfer taking stock out."""
        package, quants = self._wms_stock_carton(code)
        if not package:
            return self._wms_carton_result(False, False, _("Not a carton."))
        product = quants.product_id
        names = quants.lot_id.mapped("name")
        try:
            with self.env.cr.savepoint():
                moves = self._wms_pick_task_moves(product)
                self.env["stock.lot"]._wms_check_serial_rules(product, names)
                [[picked]] = self.env["stock.move.line"]._read_group(
                    [("move_id", "in", moves.ids), ("picked", "=", True)],
                    aggregates=["quantity_product_uom:sum"],
                )
                needed = sum(moves.mapped("product_qty")) - (picked or 0.0)
                if (
                    float_compare(
                        len(names), needed, precision_rounding=product.uom_id.rounding
                    )
                    > 0
                ):
                    raise UserError(
                        _(
                            "Carton %(carton)s holds %(count)s serial numbers of "
                            "%(product)s; %(picking)s needs %(needed)s more.",
                            carton=package.name,
                            count=len(names),
                            product=product.display_name,
                            picking=self.display_name,
                            needed=format(max(needed, 0), "g"),
                        )
                    )
                lines = self._wms_assign_pick_serials(moves, names)
                lines.write({"result_package_id": package.id})
        except UserError as error:
            return self._wms_carton_result(product, package.name, error.args[0])
        return self._wms_carton_result(
            product,
            package.name,
            _(
                "Carton %(carton)s: %(count)s serial numbers of %(product)s picked.",
                carton=package.name,
                count=len(lines),
                product=product.display_name,
            ),
            lines,
            package,
        )

    def _wms_stock_carton(self, code):
        """The sealed carton ``code`` names for this transfer: a package whose
        stock is all serials of one product this transfer takes out, at or
        under the place its lines of that product take from.

        :return: (package, its quants), or empty recordsets
        """
        Package = self.env["stock.quant.package"]
        none = (Package, self.env["stock.quant"])
        keys = carton_keys(code)
        if not keys:
            return none
        packages = Package.search(
            [("name", "in", keys), ("company_id", "in", (False, self.company_id.id))]
        )
        for package in packages:
            quants = package.quant_ids.filtered(lambda q: q.quantity > 0)
            product = quants.product_id
            if (
                len(product) != 1
                or product.tracking != "serial"
                or not all(quants.lot_id)
                or len(quants.lot_id) != len(quants)
            ):
                continue
            sources = self._wms_product_moves(product).location_id
            if sources and all(
                quant.location_id._child_of(sources) for quant in quants
            ):
                return package, quants
        return none

    def _wms_carton_result(self, product, carton, message, lines=None, package=None):
        """The answer of ``wms_scan_carton``: a refusal without ``lines``."""
        product = product or self.env["product.product"]
        result = self._wms_scan_result(product, bool(lines), message, "")
        result.update(
            {
                "carton": carton or False,
                "product_ids": (lines.product_id if lines else product).ids,
                "count": len(lines or ()),
                "package_id": package.id if package else False,
                "package": package.name if package else "",
            }
        )
        return result
