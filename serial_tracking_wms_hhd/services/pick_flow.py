# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pick Tasks by Pick List: ready pick lists (single, or gathered in a batch or
a wave) -> tasks in source-location order -> go to the location, scan the
product (and the tote picked into), one serial per unit (or a quantity) ->
finish with the short-pick choice."""

from odoo import models

BATCH_KEY = "stock.picking.batch,"


class WmsHhdPick(models.AbstractModel):
    _name = "wms.hhd.pick"
    _inherit = "wms.hhd.flow"
    _description = "Scanner flow: Pick Tasks by Pick List"

    def _flow_domain(self):
        """Pick lists: transfers of the warehouse's pick step, or of its delivery
        step when delivery is one step."""
        return [("picking_type_id", "in", self._pick_task_types().ids)]

    def _filter_documents(self, pickings):
        """Pick lists gathered in a batch in progress are listed as the batch."""
        return pickings.filtered(lambda p: not self._is_pick_batch(p.batch_id))

    def _pick_task_types(self):
        return self.env["stock.picking.type"].sudo()._wms_pick_task_types()

    def _more_documents(self, search):
        """Batches and waves in progress made of pick lists."""
        domain = [("state", "=", "in_progress")]
        if search:
            domain += [
                "|",
                ("name", "ilike", search),
                ("picking_ids.partner_id.name", "ilike", search),
            ]
        batches = self.env["stock.picking.batch"].search(
            domain, order="scheduled_date, id", limit=40
        )
        return list(batches.filtered(self._is_pick_batch))

    def _is_pick_batch(self, batch):
        """A batch (or wave) in progress of two pick lists or more (Odoo's
        automatic batches can hold a single one: it is listed as itself)."""
        if batch.state != "in_progress" or len(batch.picking_ids) < 2:
            return False
        return self._all_pick_lists(batch)

    def _all_pick_lists(self, batch):
        """Whether every transfer of ``batch`` (any) is a pick list."""
        types = self._pick_task_types()
        return bool(batch.picking_ids) and all(
            p.picking_type_id in types for p in batch.picking_ids
        )

    def _get_other_document(self, key):
        Batch = self.env["stock.picking.batch"]
        if not isinstance(key, str) or not key.startswith(BATCH_KEY):
            return Batch
        batch_id = key.removeprefix(BATCH_KEY)
        if not batch_id.isdigit():
            return Batch
        batch = self.env["stock.picking.batch"].browse(int(batch_id)).exists()
        return batch if self._all_pick_lists(batch) else Batch

    def _document_key(self, document):
        if document._name == "stock.picking.batch":
            return f"{BATCH_KEY}{document.id}"
        return document.id

    def _validate(self, document):
        if document._name == "stock.picking.batch":
            return document.action_done()
        return document.button_validate()

    def _line_order(self, move, location):
        """Tasks in source-location order."""
        return (location.complete_name or "", move.product_id.display_name, move.id)
