# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Menus of Inventory > Products repeating a menu of Inventory > Reporting for the
# stock users, who do not see Reporting: {copy: original}, XML ids in this module.
REPORTING_COPIES = {
    "menu_stock_list_products": "menu_stock_list",
    "menu_serial_transactions_products": "menu_serial_transactions",
    "menu_stock_serial_lookup": "menu_stock_serial_lookup_report",
    "menu_stock_serial_recall": "menu_stock_serial_recall_report",
}


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    # --- Native overrides ---
    def _load_menus_blacklist(self):
        """A user who reaches a Reporting menu of ours does not get its copy under
        Products as well (Inventory managers see each entry once)."""
        res = super()._load_menus_blacklist()
        visible = self._visible_menu_ids()
        for copy_xmlid, original_xmlid in REPORTING_COPIES.items():
            copy = self.env.ref(f"serial_tracking_wms.{copy_xmlid}", False)
            original = self.env.ref(f"serial_tracking_wms.{original_xmlid}", False)
            if copy and original and self._wms_menu_reachable(original, visible):
                res.append(copy.id)
        return res

    # --- Private helpers ---
    @api.model
    def _wms_menu_reachable(self, menu, visible):
        """Whether ``menu`` and every menu above it are among ``visible`` (ids)."""
        while menu:
            if menu.id not in visible:
                return False
            menu = menu.parent_id
        return True
