# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Totes: Odoo packages used as picking containers. A serial picked into a tote
is recorded against it (the line's destination package); what a tote holds is
its quants plus the serials picked into it on open transfers."""

from odoo import _, api, models
from odoo.exceptions import UserError


class StockQuantPackage(models.Model):
    _inherit = "stock.quant.package"

    @api.model
    def _wms_find_tote(self, code, company):
        """The package named ``code`` in ``company`` (or shared), or nothing."""
        code = (code or "").strip()
        if not code:
            return self.browse()
        return self.search(
            [("name", "=", code), ("company_id", "in", (False, company.id))], limit=1
        )

    def _wms_check_tote_for(self, move):
        """Raise unless this tote can take units of ``move``: empty, or holding
        stock only where ``move`` goes."""
        self.ensure_one()
        elsewhere = self.quant_ids.filtered(
            lambda q: q.quantity > 0 and q.location_id != move.location_dest_id
        )
        if elsewhere:
            raise UserError(
                _(
                    "Tote %(tote)s holds stock at %(location)s: empty it before "
                    "picking into it on %(picking)s.",
                    tote=self.name,
                    location=elsewhere[0].location_id.display_name,
                    picking=move.picking_id.display_name,
                )
            )

    def _wms_tote_serials(self, pickings=None):
        """Serial names in this tote: on hand in it, and picked into it on
        ``pickings`` (not done yet), in that order, without repeats."""
        self.ensure_one()
        names = self.quant_ids.filtered(lambda q: q.quantity > 0).lot_id.mapped("name")
        if pickings:
            lines = pickings.move_line_ids.filtered(
                lambda ml: ml.result_package_id == self
                and ml.picked
                and ml.state not in ("done", "cancel")
            )
            names += [n for n in lines.mapped(lambda ml: ml.lot_id.name or ml.lot_name)]
        return list(dict.fromkeys(n for n in names if n))
