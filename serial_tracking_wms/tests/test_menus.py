# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .views_common import SerialViewsCase

STOCK_LIST = "serial_tracking_wms.action_stock_list"
TRANSACTIONS = "serial_tracking_wms.action_serial_transactions"
LOOKUP = "serial_tracking_wms.action_stock_serial_lookup"
RECALL = "serial_tracking_wms.action_stock_serial_recall"


@tagged("post_install", "-at_install")
class TestSerialMenus(SerialViewsCase):
    """The serial views from the Inventory menus, as each user's web client loads
    them: stock users under Products (Odoo shows Reporting to Inventory managers
    only), managers under Reporting as before, each entry once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._receive_serials(cls.product_full, ["MN-1", "MN-2"])

    def _menu_paths(self, user):
        """{action XML id: [menu paths]} of the menus ``user`` gets, as the web
        client loads them (``ir.ui.menu.load_menus``)."""
        self.env.registry.clear_cache()
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        xmlids = {
            self.env.ref(xmlid).id: xmlid
            for xmlid in (STOCK_LIST, TRANSACTIONS, LOOKUP, RECALL)
        }
        paths = defaultdict(list)

        def walk(menu_id, above):
            menu = menus[menu_id]
            path = [*above, menu["name"]]
            if menu["action"]:
                action_id = int(menu["action"].split(",")[1])
                if action_id in xmlids:
                    paths[xmlids[action_id]].append(" > ".join(path))
            for child in menu["children"]:
                walk(child, path)

        for root in menus["root"]["children"]:
            walk(root, [])
        return {xmlid: sorted(found) for xmlid, found in paths.items()}

    def _open(self, xmlid, user):
        """Open the action as the web client does for ``user``: read it, load
        its views, then its records (a list) or a new record (a dialog).

        :return: the records shown (a list), or the dialog's ``Form``
        """
        # /web/action/load reads it as the superuser; the groups decide.
        values = self.env.ref(xmlid).with_user(user)._get_action_dict()
        self.assertTrue(set(values["groups_id"]) & set(user.groups_id.ids), xmlid)
        env = self.env(user=user)
        context = safe_eval(values.get("context") or "{}", {"uid": user.id})
        Model = env[values["res_model"]].with_context(**context)
        views = [(view_id, mode) for view_id, mode in values["views"]]
        search_view = values.get("search_view_id")
        Model.get_views(views + [(search_view and search_view[0], "search")])
        if values.get("target") == "new":
            return Form(Model)
        domain = safe_eval(values.get("domain") or "[]", {"uid": user.id})
        for name, value in context.items():
            if name.startswith("search_default_") and value:
                domain += self._search_filter_domain(
                    values["res_model"], name[len("search_default_") :]
                )
        return Model.search(domain)

    def test_stock_user_reaches_the_serial_views_under_products(self):
        self.assertEqual(
            self._menu_paths(self.stock_user),
            {
                STOCK_LIST: ["Inventory > Products > Stock List"],
                TRANSACTIONS: [
                    "Inventory > Products > Transactions with Serial Numbers"
                ],
                LOOKUP: ["Inventory > Products > Serial Number Lookup"],
                RECALL: ["Inventory > Products > Serial Number Recall"],
            },
        )

    def test_managers_see_each_entry_once_under_reporting(self):
        self.assertEqual(
            self._menu_paths(self.stock_manager),
            {
                STOCK_LIST: ["Inventory > Reporting > Stock List"],
                TRANSACTIONS: [
                    "Inventory > Reporting > Transactions with Serial Numbers"
                ],
                LOOKUP: ["Inventory > Reporting > Serial Number Lookup"],
                RECALL: ["Inventory > Reporting > Serial Number Recall"],
            },
        )

    def test_users_without_stock_rights_get_none(self):
        self.assertEqual(self._menu_paths(self.plain_user), {})

    def test_stock_user_opens_each_action(self):
        quants = self._open(STOCK_LIST, self.stock_user)
        self.assertEqual(
            sorted(
                quants.filtered(lambda q: q.product_id == self.product_full).mapped(
                    "lot_id.name"
                )
            ),
            ["MN-1", "MN-2"],
        )
        lines = self._open(TRANSACTIONS, self.stock_user)
        self.assertEqual(
            sorted(
                lines.filtered(lambda ml: ml.product_id == self.product_full).mapped(
                    "lot_id.name"
                )
            ),
            ["MN-1", "MN-2"],
        )
        lookup = self._open(LOOKUP, self.stock_user)
        lookup.serial = "MN-2"
        self.assertEqual(lookup.save().line_ids.lot_id.mapped("name"), ["MN-2"])
        recall = self._open(RECALL, self.stock_user)
        recall.serials_text = "MN-1"
        self.assertEqual(recall.save().serial_count, 1)
