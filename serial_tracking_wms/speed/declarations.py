# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The extension point of the speed layer, for another module's developer.

A module that overrides a method a set-based path stands in for switches that
path off (``guard.py``): its code is not verified. When its override leaves the
rows the path leaves, it declares it here, with the fingerprint
``setup/speed-verify.sh`` printed for it once the parity tests passed with the
module installed (``WMS_SPEED_MODULES=my_module setup/speed-verify.sh``)::

    class StockSerialSpeed(models.AbstractModel):
        _inherit = "stock.serial.speed"

        @api.model
        def _wms_declarations(self):
            declarations = super()._wms_declarations()
            declarations.setdefault("quant_batch", {}).setdefault(
                "stock.quant._update_available_quantity", {}
            )["my_module.StockQuant"] = "0123456789abcdef"
            return declarations

A change of the module's method changes its fingerprint: the path is off again
until it is verified again.
"""

from odoo import api, models


class StockSerialSpeed(models.AbstractModel):
    _name = "stock.serial.speed"
    _description = "Set-based paths: definitions verified by other modules"

    @api.model
    def _wms_declarations(self):
        """``{path: {"model.method": {"module.Class": fingerprint}}}``: the
        definitions of other modules the paths reproduce, besides those of
        ``allowlist.py``."""
        return {}
