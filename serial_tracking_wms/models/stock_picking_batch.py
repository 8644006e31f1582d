# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Batch pick (and wave transfers): the pick tasks gathered in a batch take
serials exactly as single pick lists do. A scan on the batch goes to the one
transfer of the batch that takes it; every rule is that transfer's."""

from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class StockPickingBatch(models.Model):
    _inherit = "stock.picking.batch"

    # --- Entry points: scanner screens, integrations and tests call these ---
    def wms_scan_serial(self, product_id, serial, package_id=False):
        """Record one scanned serial of ``product_id`` on this batch (into tote
        ``package_id`` if given): on the transfer whose line is reserved on that
        serial, else on the first transfer, in batch order, with a unit of the
        product still to pick.

        :return: ``stock.picking.wms_scan_serial``'s dict, with ``done_qty`` and
            ``expected_qty`` for the whole batch and the ``picking`` that took it
        """
        self.ensure_one()
        product = self.env["product.product"].browse(product_id).exists()
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

    def wms_set_quantity(self, product_id, quantity):
        """Record the quantity done of a product handled by quantity on this
        batch, shared out over its transfers in batch order (each up to its
        demand, the last one takes any excess)."""
        self.ensure_one()
        product = self.env["product.product"].browse(product_id).exists()
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

    # --- Private helpers ---
    def _wms_open_pickings(self, product):
        """Transfers of this batch with an open line of ``product``, in batch
        order."""
        return self.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
            and p._wms_product_moves(product)
        ).sorted(lambda p: (p.scheduled_date, p.id))

    def _wms_picking_for_serial(self, pickings, product, serial):
        name = serial.strip() if isinstance(serial, str) else ""
        lines = pickings.move_line_ids.filtered(
            lambda ml: ml.product_id == product and not ml.picked
        )
        reserved = lines.filtered(lambda ml: ml.lot_id.name == name)
        if reserved:
            return reserved[0].picking_id
        for picking in pickings:
            moves = picking._wms_product_moves(product)
            if lines.filtered(lambda ml, p=picking: ml.picking_id == p) or any(
                float_compare(
                    m.quantity, m.product_qty, precision_rounding=m.product_uom.rounding
                )
                < 0
                for m in moves
            ):
                return picking
        return pickings[0]

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
