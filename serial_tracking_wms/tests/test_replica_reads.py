# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The serial views and reports on a read-only cursor (issue 23, point 2).

Odoo 18 serves a JSON-RPC call on a read-only cursor when the method called is
marked ``@api.readonly`` (``/web/dataset/call_kw`` and ``call_button``), on the
database replica when ``db_replica_host`` is set. In a test, that cursor runs
``SET TRANSACTION READ ONLY``: a write fails, and Odoo logs "retrying with a
read/write cursor" and runs the call again on a read/write one. Each call below
is made as the web client makes it, over HTTP, and must run once, on the
read-only cursor, and show the right rows.
"""

import threading
from contextlib import contextmanager
from unittest.mock import patch

from lxml import etree

from odoo.service import model as service_model
from odoo.tests import HttpCase, tagged

from .recall_common import RecallCase


@tagged("post_install", "-at_install")
class TestReplicaReads(RecallCase, HttpCase):
    """Every serial view as the stock user (Serial Valuation as the Inventory
    manager, the only one who sees it) on a read-only cursor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.name = "Replica Customer"
        cls.serials = ["RO-0001", "RO-0002", "RO-0003"]
        cls.receipt = cls._receive(cls.product_full, cls.serials, cls.vendor)
        cls.delivery = cls._deliver(cls.serials[:2], cls.customer)
        cls.campaign = (
            cls.env["stock.serial.recall.campaign"]
            .with_user(cls.stock_manager)
            .create({"reason": "Replica check", "serials_text": "RO-0001\nRO-0003"})
        )

    # --- Helpers: calls as the web client makes them ---
    @contextmanager
    def _read_only_requests(self):
        """The cursor mode of each request served meanwhile ('ro': read-only;
        'ro->rw': read-only failed on a write, run again read/write; 'rw')."""
        modes = []
        retrying = service_model.retrying

        def recording(func, env):
            modes.append(threading.current_thread().cursor_mode)
            return retrying(func, env)

        with (
            patch.object(service_model, "retrying", recording),
            self.assertNoLogs("odoo.http", "WARNING"),
        ):
            yield modes

    def _rpc(self, model, method, *args, button=False, **kwargs):
        """``model.method(*args, **kwargs)`` through ``/web/dataset/call_kw``
        (``call_button`` for a button), checked to run on the read-only cursor
        only."""
        route = "call_button" if button else "call_kw"
        context = {
            "lang": "en_US",
            "tz": "UTC",
            "uid": self.session.uid,
            "allowed_company_ids": [self.company.id],
            **kwargs.pop("context", {}),
        }
        with self._read_only_requests() as modes:
            result = self.make_jsonrpc_request(
                f"/web/dataset/{route}/{model}/{method}",
                {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": {**kwargs, "context": context},
                },
            )
        self.assertEqual(modes, ["ro"], f"{model}.{method}: not read-only")
        return result

    def _spec(self, views, view_type, model):
        """The field specification the web client builds from a view (its own
        fields; many2one with their display name)."""
        arch = etree.fromstring(views["views"][view_type]["arch"])
        fields = views["models"][model]["fields"]
        spec = {}
        for node in arch.iter("field"):
            if node.getparent() is not None and any(
                parent.tag in ("list", "kanban") and parent is not arch
                for parent in node.iterancestors()
            ):
                continue
            field = fields[node.get("name")]
            if field["type"] in ("many2one", "many2many", "one2many"):
                spec[node.get("name")] = {"fields": {"display_name": {}}}
            else:
                spec[node.get("name")] = {}
        return spec

    def _open(self, xmlid, view_type="list"):
        """A menu's action: its views (``get_views``) and the field spec."""
        action = self.env.ref(xmlid)
        views = self._rpc(
            action.res_model,
            "get_views",
            [[False, view_type], [action.search_view_id.id or False, "search"]],
            options={"action_id": action.id, "load_filters": True, "toolbar": True},
        )
        return action, self._spec(views, view_type, action.res_model)

    def _login(self, user):
        self.authenticate(user.login, user.login)

    # --- The views ---
    def test_stock_list_and_serial_numbers_tab(self):
        self._login(self.stock_user)
        action, spec = self._open("serial_tracking_wms.action_stock_list")
        ours = [("product_id", "=", self.product_full.id)]
        in_stock = self._search_filter_domain("stock.quant", "in_stock")
        page = self._rpc(
            "stock.quant",
            "web_search_read",
            [("location_id.usage", "in", ("internal", "transit")), *in_stock, *ours],
            spec,
            limit=80,
            count_limit=10001,
        )
        self.assertEqual(
            [row["lot_id"]["display_name"] for row in page["records"]], ["RO-0003"]
        )
        groups = self._rpc(
            "stock.quant",
            "web_read_group",
            [*ours, *in_stock, ("location_id.usage", "=", "internal")],
            ["quantity:sum"],
            ["location_id"],
        )
        self.assertEqual(groups["length"], 1)
        self.assertEqual(groups["groups"][0]["quantity"], 1)
        # A stock line's Serial Numbers tab, then its Show all.
        # RO-0003's stock line (a quant per serial), as a Stock List row opens it.
        quant = self.env["stock.quant"].search(
            [*ours, ("location_id", "=", self.stock_location.id), ("quantity", ">", 0)]
        )
        tab = self._rpc(
            "stock.quant", "action_wms_serial_numbers", [quant.id], button=True
        )
        views = self._rpc("stock.quant", "get_views", tab["views"])
        spec = self._spec(views, "form", "stock.quant")
        self.assertIn("wms_serial_quant_ids", spec)
        [record] = self._rpc("stock.quant", "web_read", [quant.id], spec)
        self.assertEqual(record["wms_serial_count"], 1)
        self.assertEqual(
            [s["display_name"] for s in record["wms_serial_quant_ids"]],
            [quant.display_name],
        )
        show_all = self._rpc(
            "stock.quant", "action_wms_serial_quants", [quant.id], button=True
        )
        views = self._rpc("stock.quant", "get_views", show_all["views"])
        page = self._rpc(
            "stock.quant",
            "web_search_read",
            show_all["domain"],
            self._spec(views, "list", "stock.quant"),
            limit=80,
        )
        self.assertEqual(
            [row["lot_id"]["display_name"] for row in page["records"]], ["RO-0003"]
        )

    def test_transactions_with_serial_numbers(self):
        self._login(self.stock_user)
        action, spec = self._open("serial_tracking_wms.action_serial_transactions")
        ours = [
            ("product_id", "=", self.product_full.id),
            ("lot_id", "!=", False),
            ("state", "=", "done"),
        ]
        page = self._rpc(
            "stock.move.line",
            "web_search_read",
            ours,
            spec,
            limit=80,
            count_limit=10001,
            order="date ASC, id ASC",
        )
        self.assertEqual(page["length"], 5)  # 3 received, 2 delivered
        self.assertEqual(
            sorted(row["lot_id"]["display_name"] for row in page["records"]),
            ["RO-0001", "RO-0001", "RO-0002", "RO-0002", "RO-0003"],
        )
        groups = self._rpc(
            "stock.move.line",
            "web_read_group",
            ours,
            ["quantity:sum"],
            ["location_dest_id"],
        )
        by_destination = {
            group["location_dest_id"][0]: group["location_dest_id_count"]
            for group in groups["groups"]
        }
        self.assertEqual(
            by_destination,
            {self.stock_location.id: 3, self.customer_location.id: 2},
        )
        lookup = self._rpc(
            "stock.move.line",
            "action_wms_serial_lookup",
            [page["records"][0]["id"]],
            button=True,
        )
        self.assertEqual(lookup["res_model"], "stock.serial.lookup")

    def test_lookup(self):
        self._login(self.stock_user)
        spec = {
            "serial": {},
            "product_id": {"fields": {"display_name": {}}},
            "message": {},
            "banner": {},
            "story": {},
            "line_ids": {"fields": {"reference": {}, "location_dest_id": {}}},
            "quant_ids": {"fields": {"location_id": {}}},
        }
        new = self._rpc("stock.serial.lookup", "onchange", [], {}, [], spec)
        self.assertEqual(new["value"].get("serial", False), False)
        typed = self._rpc(
            "stock.serial.lookup",
            "onchange",
            [],
            {"serial": "ro-0002", "product_id": False},
            ["serial"],
            spec,
        )
        lines = typed["value"]["line_ids"]
        self.assertEqual(
            [line[2]["reference"] for line in lines],
            [self.receipt.name, self.delivery.name],
            lines,
        )
        self.assertIn(self.delivery.name, typed["value"]["story"])

    def test_recall_search_writes_nothing(self):
        self._login(self.stock_user)
        Line = self.env["stock.serial.recall.line"]
        recalls = self.env["stock.serial.recall"].search_count([])
        lines = Line.search_count([])
        spec = {
            "input_method": {},
            "vendor_id": {"fields": {"display_name": {}}},
            "serial_count": {},
            "check_result": {},
            "has_errors": {},
        }
        new = self._rpc("stock.serial.recall", "onchange", [], {}, [], spec)
        values = {**new["value"], "input_method": "vendor"}
        self._rpc("stock.serial.recall", "onchange", [], values, ["input_method"], spec)
        values["vendor_id"] = self.vendor.id
        checked = self._rpc(
            "stock.serial.recall", "onchange", [], values, ["vendor_id"], spec
        )
        self.assertEqual(checked["value"]["serial_count"], 3)
        values = {"input_method": "vendor", "vendor_id": self.vendor.id}
        found = self._rpc("stock.serial.recall", "wms_find_deliveries", values)
        self.assertEqual(found["length"], 2)
        self.assertEqual(
            [
                (row["lot_id"][1], row["partner_id"][1], row["reference"])
                for row in found["records"]
            ],
            [
                ("RO-0001", "Replica Customer", self.delivery.name),
                ("RO-0002", "Replica Customer", self.delivery.name),
            ],
        )
        # A page at a time.
        second = self._rpc(
            "stock.serial.recall", "wms_find_deliveries", values, offset=1, limit=1
        )
        self.assertEqual(second["length"], 2)
        self.assertEqual([row["lot_id"][1] for row in second["records"]], ["RO-0002"])
        # By a list of serials, one of them never delivered.
        listed = self._rpc(
            "stock.serial.recall",
            "wms_find_deliveries",
            {"input_method": "list", "serials_text": "RO-0002\nRO-0003"},
        )
        self.assertEqual([row["lot_id"][1] for row in listed["records"]], ["RO-0002"])
        # Nothing saved on the way.
        self.assertEqual(self.env["stock.serial.recall"].search_count([]), recalls)
        self.assertEqual(Line.search_count([]), lines)

    def test_recall_campaign_search(self):
        self._login(self.stock_manager)
        found = self._rpc(
            "stock.serial.recall.campaign", "wms_find_deliveries", [self.campaign.id]
        )
        self.assertEqual([row["lot_id"][1] for row in found["records"]], ["RO-0001"])
        self.assertEqual(self.campaign.state, "draft")
        self.assertFalse(self.campaign.line_ids)

    def test_serial_valuation(self):
        self._login(self.stock_manager)
        action, spec = self._open("serial_tracking_wms.action_stock_serial_valuation")
        ours = [("picking_id", "in", (self.receipt | self.delivery).ids)]
        page = self._rpc(
            "stock.serial.valuation",
            "web_search_read",
            ours + [("product_id", "=", self.product_full.id)],
            spec,
            limit=80,
            count_limit=10001,
        )
        self.assertEqual(page["length"], 5)
        groups = self._rpc(
            "stock.serial.valuation",
            "web_read_group",
            ours,
            ["quantity:sum"] if "quantity" in spec else [],
            ["product_id"],
        )
        self.assertEqual(
            [g["product_id"][0] for g in groups["groups"]], [self.product_full.id]
        )
