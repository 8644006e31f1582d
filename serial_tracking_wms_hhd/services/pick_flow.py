# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pick Tasks by Pick List: ready pick lists -> tasks in source-location order ->
go to the location, scan the product, one serial per unit (or a quantity) ->
finish with the short-pick choice."""

from odoo import models


class WmsHhdPick(models.AbstractModel):
    _name = "wms.hhd.pick"
    _inherit = "wms.hhd.flow"
    _description = "Scanner flow: Pick Tasks by Pick List"

    def _flow_domain(self):
        return [("picking_type_code", "in", ("outgoing", "internal"))]

    def _filter_documents(self, pickings):
        """Pick lists: transfers of the warehouse's pick step, or of its delivery
        step when delivery is one step."""
        return pickings.filtered(lambda p: p.move_ids[:1]._wms_is_pick_task())

    def _line_order(self, move):
        """Tasks in source-location order."""
        location = move.move_line_ids[:1].location_id or move.location_id
        return (location.complete_name or "", move.product_id.display_name, move.id)
