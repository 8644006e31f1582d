# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .product_template import DEFAULT_MODE_PARAM, SERIAL_TRACKING_MODES
from .stock_serial_job import DEFAULT_THRESHOLD, THRESHOLD_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # --- Fields ---
    # Odoo 18 has no switch of its own for Valuation in Inventory's settings
    # (it comes with Invoicing): checked, it installs stock_account.
    module_stock_account = fields.Boolean(
        "Valuation",
        help="Installs Odoo's inventory valuation (stock_account, with Invoicing): "
        "Serial Valuation then values each serial number in stock.",
    )
    wms_default_serial_tracking_mode = fields.Selection(
        SERIAL_TRACKING_MODES,
        string="Default Serial Number Tracking Setting",
        default="none",
        config_parameter=DEFAULT_MODE_PARAM,
        help="The setting a new storable product gets when it is created without one.",
    )
    wms_background_threshold = fields.Integer(
        string="Validate in the Background Above",
        default=DEFAULT_THRESHOLD,
        config_parameter=THRESHOLD_PARAM,
        help="A transfer with more serial number lines than this is validated in "
        "the background (Odoo's scheduled actions), locked meanwhile; its user is "
        "notified when it is done. 0: never in the background.",
    )

    # --- Business methods ---
    def set_values(self):
        res = super().set_values()
        # Odoo stores an integer setting of 0 as no parameter at all, which
        # reads back as the default: "0: never in the background" is kept.
        if self.wms_background_threshold == 0:
            self.env["ir.config_parameter"].sudo().set_param(THRESHOLD_PARAM, "0")
        return res
