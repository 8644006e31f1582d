# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Batch pick (and wave transfers): the pick tasks gathered in a batch take
serials exactly as single pick lists do. A scan on the batch goes to the one
transfer of the batch that takes it; every rule is that transfer's."""

from odoo import _, models
from odoo.exceptions import UserError


class StockPickingBatch(models.Model):
    _inherit = "stock.picking.batch"

    # --- Entry points: scanner screens, integrations and tests call these ---
    def wms_scan_serial(self, product_id, serial, package_id=False, move_id=False):
        """Record one scanned serial of ``product_id`` on this batch (into tote
        ``package_id`` if given): on line ``move_id`` when given, else on the
        transfer whose line is reserved on that serial, else on the first
        transfer, in batch order, with a unit of the product still to pick.

        :return: ``stock.picking.wms_scan_serial``'s dict, with ``done_qty`` and
            ``expected_qty`` for the whole batch and the ``picking`` that took it
        """
        self.ensure_one()
        product = self.env["product.product"].browse(product_id).exists()
        if move_id:
            try:
                picking = self._wms_picking_of_move(product, move_id)
            except UserError as error:
                return self._wms_scan_result(
                    product,
                    {
                        "ok": False,
                        "serial": serial if isinstance(serial, str) else "",
                        "message": error.args[0],
                    },
                )
            result = picking.wms_scan_serial(
                product.id, serial, package_id=package_id, move_id=move_id
            )
            result["picking"] = picking.name if result["ok"] else ""
            return self._wms_scan_result(product, result)
        pickings = self._wms_open_pickings(product)
        if not pickings:
            return self._wms_scan_result(
                product,
                {
                    "ok": False,
                    "serial": serial if isinstance(serial, str) else "",
                    "message": _(
                        "%(product)s is not on %(batch)s.",
                        product=product.display_name or _("This product"),
                        batch=self.name,
                    ),
                },
            )
        picking = self._wms_picking_for_serial(pickings, product, serial)
        result = picking.wms_scan_serial(product.id, serial, package_id=package_id)
        result["picking"] = picking.name if result["ok"] else ""
        return self._wms_scan_result(product, result)

    def wms_set_quantity(self, product_id, quantity, move_id=False):
        """Record the quantity done of a product handled by quantity on this
        batch: on line ``move_id`` when given, else shared out over its
        transfers in batch order (each up to its demand, the last one takes any
        excess)."""
        self.ensure_one()
        product = self.env["product.product"].browse(product_id).exists()
        if move_id:
            picking = self._wms_picking_of_move(product, move_id)
            return picking.wms_set_quantity(product.id, quantity, move_id=move_id)
        pickings = self._wms_open_pickings(product)
        if not pickings:
            raise UserError(
                _(
                    "%(product)s is not on %(batch)s.",
                    product=product.display_name or _("This product"),
                    batch=self.name,
                )
            )
        self.env["stock.picking"]._wms_check_quantity(quantity)
        left = quantity
        with self.env.cr.savepoint():
            for picking in pickings:
                demand = sum(picking._wms_product_moves(product).mapped("product_qty"))
                share = left if picking == pickings[-1] else min(left, demand)
                picking.wms_set_quantity(product.id, share)
                left -= share
        return True

    def wms_scan_package(self, code):
        """A tote scanned on this batch: ``stock.picking.wms_scan_package`` on
        each of its transfers that takes stock out of the tote; else the list of
        the serials the tote holds, picked into it on this batch or on hand.

        :return: ``stock.picking.wms_scan_package``'s dict
        """
        self.ensure_one()
        pickings = self.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        tote = self.env["stock.quant.package"]._wms_find_tote(code, self.company_id)
        movers = pickings.filtered(
            lambda p: p.move_line_ids.filtered(
                lambda ml: tote and ml.package_id == tote and not ml.picked
            )
        )
        if not tote or not movers:
            result = (pickings[:1] or self.picking_ids[:1]).wms_scan_package(code)
            if result["ok"]:
                result["serials"] = tote._wms_tote_serials(pickings)
                result["message"] = _(
                    "Tote %(tote)s: %(count)s serial numbers.",
                    tote=tote.name,
                    count=len(result["serials"]),
                )
            return result
        results = [picking.wms_scan_package(code) for picking in movers]
        result = results[0]
        if len(results) > 1:
            for other in results[1:]:
                result["serials"] += other["serials"]
                result["moved"] += other["moved"]
            result["message"] = _(
                "Tote %(tote)s: %(count)s units picked on %(pickings)s.",
                tote=tote.name,
                count=format(result["moved"], "g"),
                pickings=", ".join(movers.mapped("name")),
            )
        return result

    def wms_scan_carton(self, code):
        """A sealed carton in stock scanned on this batch: picked whole by the
        first of its transfers, in batch order, that still needs all it
        holds (``stock.picking.wms_scan_carton``); else the refusal of the
        first transfer that takes its product.

        :return: ``stock.picking.wms_scan_carton``'s dict, with ``done_qty``
            and ``expected_qty`` for the whole batch and the ``picking`` that
            took it
        """
        self.ensure_one()
        pickings = self.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        ).sorted(lambda p: (p.scheduled_date, p.id))
        Product = self.env["product.product"]
        first = None
        for picking in pickings:
            result = picking.wms_scan_carton(code)
            if result["ok"]:
                result["picking"] = picking.name
                return self._wms_scan_result(
                    Product.browse(result["product_id"]), result
                )
            if result["carton"] and first is None:
                first = result
        result = first or (pickings[:1] or self.picking_ids[:1]).wms_scan_carton(code)
        result["picking"] = ""
        return self._wms_scan_result(Product.browse(result["product_id"]), result)

    # --- Private helpers ---
    def _wms_open_pickings(self, product):
        """Transfers of this batch with an open line of ``product``, in batch
        order."""
        return self.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
            and p._wms_product_moves(product)
        ).sorted(lambda p: (p.scheduled_date, p.id))

    def _wms_picking_of_move(self, product, move_id):
        """The transfer of this batch that holds line ``move_id`` (a
        ``stock.move`` id of ``product``), or ``UserError``."""
        move = self.env["stock.move"]
        if isinstance(move_id, int) and not isinstance(move_id, bool):
            move = move.browse(move_id).exists()
        if (
            not move
            or move.picking_id not in self.picking_ids
            or move.product_id != product
        ):
            raise UserError(
                _(
                    "Line %(line)s is not a line of %(product)s on %(batch)s.",
                    line=move_id,
                    product=product.display_name or _("this product"),
                    batch=self.name,
                )
            )
        return move.picking_id

    def _wms_picking_for_serial(self, pickings, product, serial):
        """The transfer of ``pickings`` a serial of ``product`` goes to: the one
        with an unpicked line reserved on it, else the first with a unit of the
        product without serial (not picked, or picked without serial), else the
        first (which refuses it)."""
        name = serial.strip() if isinstance(serial, str) else ""
        reserved = self.env["stock.move.line"].search(
            [
                ("picking_id", "in", pickings.ids),
                ("product_id", "=", product.id),
                ("picked", "=", False),
                ("lot_id.name", "=", name),
            ],
            limit=1,
        )
        if reserved:
            return reserved.picking_id
        moves = pickings._wms_product_moves(product)
        left = moves._wms_serial_units_left()
        return next(
            (
                picking
                for picking in pickings
                if any(left[move] >= 1 for move in moves if move.picking_id == picking)
            ),
            pickings[0],
        )

    def _wms_scan_result(self, product, result):
        """``result`` with the progress of ``product`` over the whole batch."""
        moves = self.picking_ids.move_ids.filtered(
            lambda m: m.product_id == product and m.state != "cancel"
        )
        result.update(
            product_id=product.id,
            batch_id=self.id,
            done_qty=sum(
                moves.move_line_ids.filtered("picked").mapped("quantity_product_uom")
            ),
            expected_qty=sum(moves.mapped("product_qty")),
        )
        return result
