# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .stock_serial_input_mixin import INPUT_FIELDS


class StockSerialRecall(models.TransientModel):
    _inherit = "stock.serial.recall"

    # --- Action methods ---
    def action_create_campaign(self):
        """A recall campaign (a record that lasts) of the serials this recall
        names, as a draft to give its reason and open."""
        self.ensure_one()
        campaign = self.env["stock.serial.recall.campaign"]
        campaign._wms_check_manager()
        values = {
            name: self[name]
            for name in (*INPUT_FIELDS, "vendor_id", "receipt_id", "product_id")
        }
        values = self._convert_to_write(values)
        values["import_file"] = self.with_context(bin_size=False).import_file
        values["company_id"] = self.company_id.id
        values["reason"] = self._wms_describe()
        return campaign.create(values).get_formview_action()
