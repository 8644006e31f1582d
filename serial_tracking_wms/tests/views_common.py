# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .common import PickCase


class SerialViewsCase(PickCase):
    """Fixtures and helpers for the stock list, transactions and lookup views:
    a user without stock rights, and the domains the search views really hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain_user = new_test_user(
            cls.env, login="wms_plain_user", groups="base.group_user"
        )

    @classmethod
    def _receive_serials(
        cls, product, serials, others=(), vendor=None, price_unit=None
    ):
        """A pre-receipt of ``product`` (from ``vendor``, by default the test
        vendor) whose ``serials`` the stock user scans, plus ``others``
        ([(product, qty)]) received by quantity; validated. ``price_unit``: the
        unit cost of its moves, as a purchase would set it."""
        receipt = cls._create_receipt([(product, len(serials)), *others], vendor=vendor)
        if price_unit is not None:
            receipt.move_ids.price_unit = price_unit
        ureceipt = receipt.with_user(cls.stock_user)
        for serial in serials:
            result = ureceipt.wms_scan_serial(product.id, serial)
            assert result["ok"], result["message"]
        for move in receipt.move_ids.filtered(lambda m: m.product_id != product):
            move.quantity = move.product_uom_qty
            move.picked = True
        assert ureceipt.button_validate() is True
        return receipt

    def _search_filter_domain(self, model, filter_name):
        """The domain of ``filter_name`` in ``model``'s search view, as the stock
        user's web client gets it."""
        views = (
            self.env[model].with_user(self.stock_user).get_views([(False, "search")])
        )
        arch = etree.fromstring(views["views"]["search"]["arch"])
        nodes = arch.xpath(f"//filter[@name='{filter_name}']")
        self.assertEqual(len(nodes), 1, f"filter {filter_name} not in the search view")
        return safe_eval(nodes[0].get("domain"), {"uid": self.stock_user.id})

    def _view_fields(self, model, view_xmlid, view_type, user=None):
        """The field names of a view, as ``user`` (the stock user) gets it."""
        view = self.env.ref(view_xmlid)
        views = (
            self.env[model]
            .with_user(user or self.stock_user)
            .get_views([(view.id, view_type)])
        )
        arch = etree.fromstring(views["views"][view_type]["arch"])
        return {node.get("name") for node in arch.xpath("//field")}

    def _menu_visible(self, menu, user):
        """Whether ``user`` sees ``menu``: it and every menu above it."""
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        while menu:
            if menu.id not in visible:
                return False
            menu = menu.parent_id
        return True
