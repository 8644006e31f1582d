# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import ScannerFixtures


@tagged("post_install", "-at_install")
class TestScannerFlows(ScannerFixtures, TransactionCase):
    """The scanner flows on the server, through the calls the screens make."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls._setup_scanner_fixtures()
        cls._setup_scanner_flows()

    def test_receive_flow(self):
        receipt = self._tour_receipt()
        docs = self.receive.list_documents("Tour Vendor")
        self.assertIn(receipt.id, [d["id"] for d in docs])
        self.assertFalse([d for d in self.receive.list_documents("no such thing")])
        screen = self.receive.open_document(receipt.id)
        laptop = self._line(screen, self.laptop)
        self.assertEqual(
            (laptop["tracking"], laptop["takes_serials"], laptop["expected_qty"]),
            ("full", True, 3),
        )
        self.assertFalse(self._line(screen, self.cable)["takes_serials"])
        screen = self.receive.scan(receipt.id, "2900000009998")
        self.assertEqual(screen["product_id"], self.laptop.id)
        self.assertTrue(screen["ok"])
        screen = self.receive.scan(receipt.id, "TL-1", self.laptop.id)
        self.assertTrue(screen["ok"], screen["message"])
        self.assertEqual(self._line(screen, self.laptop)["serials"], ["TL-1"])
        screen = self.receive.scan(receipt.id, "NOPE", self.laptop.id)
        self.assertFalse(screen["ok"])
        self.assertIn("NOPE is not expected", screen["message"])
        self.assertEqual(screen["lines"], [], "a refusal changes no line")
        self.assertEqual(screen["document"]["done_qty"], 1)
        self.assertEqual(
            self._line(self.receive.open_document(receipt.id), self.laptop)["done_qty"],
            1,
        )
        # GS1: (01) GTIN + (21) serial in one scan.
        screen = self.receive.scan(receipt.id, "010290000000999821TL-2")
        self.assertTrue(screen["ok"], screen["message"])
        self.assertEqual(self._line(screen, self.laptop)["serials"], ["TL-1", "TL-2"])
        screen = self.receive.set_quantity(receipt.id, self.laptop.id, 3)
        self.assertFalse(screen["ok"])
        self.assertIn("takes serial numbers", screen["message"])
        screen = self.receive.set_quantity(receipt.id, self.cable.id, 4)
        self.assertTrue(screen["ok"], screen["message"])
        screen = self.receive.finish(receipt.id)
        self.assertTrue(screen["need_backorder"])
        self.assertEqual(receipt.state, "assigned")
        screen = self.receive.finish(receipt.id, "cancel")
        self.assertTrue(screen.get("finished"), screen["message"])
        self.assertEqual(receipt.state, "done")
        self.assertFalse(receipt.backorder_ids)
        self.assertEqual(self._on_hand(self.laptop), {"TL-1": 1, "TL-2": 1})

    def test_finish_of_a_big_document_is_queued(self):
        """Over the background threshold, Finish queues the validation (Odoo's
        cron runs it) and says so; the document is locked until then."""
        self.env["ir.config_parameter"].sudo().set_param(
            "serial_tracking_wms.background_threshold", "3"
        )
        serials = ["BQ-1", "BQ-2", "BQ-3"]
        receipt = self._receipt_expecting("BIG-RECEIPT", serials)
        for serial in serials:
            self.assertTrue(self.receive.scan(receipt.id, serial, self.laptop.id)["ok"])
        screen = self.receive.finish(receipt.id)
        self.assertTrue(screen["ok"], screen["message"])
        self.assertTrue(screen["queued"])
        self.assertTrue(screen["finished"])
        self.assertIn("in the background", screen["message"])
        self.assertEqual(screen["job"]["state"], "queued")
        self.assertEqual(receipt.state, "assigned")
        screen = self.receive.scan(receipt.id, "BQ-4", self.laptop.id)
        self.assertFalse(screen["ok"])
        self.assertIn("is locked: Validation in the background", screen["message"])
        cron = self.env.ref("serial_tracking_wms.ir_cron_serial_job")
        for _step in range(3):
            cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.wms_job_state, "done")

    def test_screen_names_the_latest_serials(self):
        """A line lists its latest ten serials, oldest first, and counts all."""
        serials = [f"L-{i:02d}" for i in range(1, 13)]
        receipt = self._receipt_expecting("LATEST", serials)
        for serial in serials:
            screen = self.receive.scan(receipt.id, serial, self.laptop.id)
            self.assertTrue(screen["ok"], screen["message"])
        line = self._line(self.receive.open_document(receipt.id), self.laptop)
        self.assertEqual(line["serials"], serials[2:])
        self.assertEqual((line["serial_count"], line["done_qty"]), (12, 12))

    def test_scan_needs_a_product_first_and_unknown_gtin(self):
        receipt = self._tour_receipt()
        screen = self.receive.scan(receipt.id, "TL-1")
        self.assertFalse(screen["ok"])
        self.assertIn("scan a product first", screen["message"])
        screen = self.receive.scan(receipt.id, "010123456789012821X")
        self.assertFalse(screen["ok"])
        self.assertIn("No product has the GTIN", screen["message"])
        self.assertFalse(receipt.move_line_ids.filtered("picked"))

    def test_code_with_a_nul_character_is_refused(self):
        """A scanner sending a NUL character gets a refusal, not a server error
        (PostgreSQL refuses NUL in text: the code never reaches a query)."""
        receipt = self._tour_receipt()
        for product in (False, self.laptop.id):
            screen = self.receive.scan(receipt.id, "TL-\x001", product)
            self.assertFalse(screen["ok"])
            self.assertIn("control characters", screen["message"])
        self.assertFalse(receipt.move_line_ids.filtered("picked"))
        self.assertEqual(
            [d["id"] for d in self.receive.list_documents("TOUR-\x00RECEIPT")],
            [receipt.id],
        )

    def test_pick_flow(self):
        pick_list = self._tour_pick_list()
        receipt = self._tour_receipt()
        ids = [d["id"] for d in self.pick.list_documents("")]
        self.assertIn(pick_list.id, ids)
        self.assertNotIn(receipt.id, ids)
        with self.assertRaises(UserError):
            self.pick.open_document(receipt.id)
        screen = self.pick.open_document(pick_list.id)
        self.assertEqual(
            [line["location"] for line in screen["lines"]], ["SCW/Stock", "SCW/Stock"]
        )
        screen = self.pick.scan(pick_list.id, "2900000009981")
        screen = self.pick.scan(pick_list.id, "TE-1", self.earbuds.id)
        self.assertTrue(screen["ok"], screen["message"])
        screen = self.pick.scan(pick_list.id, "TE-1", self.earbuds.id)
        self.assertFalse(screen["ok"])
        screen = self.pick.scan(pick_list.id, "010290000000997421TF-1")
        self.assertTrue(screen["ok"], screen["message"])
        screen = self.pick.finish(pick_list.id)
        self.assertTrue(screen["need_backorder"], "one earbud is not picked yet")
        screen = self.pick.finish(pick_list.id, "create")
        self.assertTrue(screen.get("finished"), screen["message"])
        self.assertEqual(pick_list.state, "done")
        self.assertEqual(pick_list.backorder_ids.move_ids.product_uom_qty, 1)
        self.assertEqual(self._on_hand(self.earbuds), {False: 4})

    def test_batch_pick_into_a_tote(self):
        batch, tote = self._tour_batch()
        first, second = batch.picking_ids.sorted("name")
        key = f"stock.picking.batch,{batch.id}"
        docs = {d["id"]: d for d in self.pick.list_documents("")}
        self.assertIn(key, docs)
        self.assertTrue(docs[key]["is_batch"])
        self.assertEqual(docs[key]["expected_qty"], 4)
        self.assertFalse({first.id, second.id} & set(docs), "picked via the batch")
        screen = self.pick.open_document(key)
        self.assertEqual(screen["document"]["name"], "TOUR-BATCH")
        self.assertEqual(
            {line["picking"] for line in screen["lines"]}, {first.name, second.name}
        )
        # The tote: selected, empty; later serials go into it.
        screen = self.pick.scan(key, "TOUR-TOTE-1")
        self.assertTrue(screen["ok"], screen["message"])
        self.assertEqual(
            screen["tote"], {"id": tote.id, "name": "TOUR-TOTE-1", "serials": []}
        )
        screen = self.pick.scan(key, "2900000009981", False, tote.id)
        self.assertEqual(screen["product_id"], self.earbuds.id)
        for serial in ("TE-B1", "TE-B2", "TE-B3"):
            screen = self.pick.scan(key, serial, self.earbuds.id, tote.id)
            self.assertTrue(screen["ok"], screen["message"])
        self.assertEqual(screen["tote"]["serials"], ["TE-B1", "TE-B2", "TE-B3"])
        screen = self.pick.scan(key, "TE-B4", self.earbuds.id, tote.id)
        self.assertFalse(screen["ok"])
        self.assertIn("already picked", screen["message"])
        screen = self.pick.scan(key, "0102900000009974" + "21TB-2", False, tote.id)
        self.assertTrue(screen["ok"], screen["message"])
        self.assertEqual(screen["document"]["done_qty"], 4)
        # A reload with the tote selected shows what it holds.
        screen = self.pick.open_document(key, tote.id)
        self.assertEqual(len(screen["tote"]["serials"]), 4)
        screen = self.pick.finish(key)
        self.assertTrue(screen.get("finished"), screen["message"])
        self.assertEqual(batch.state, "done")
        self.assertEqual((first | second).mapped("state"), ["done", "done"])
        self.assertEqual(
            set(first.move_line_ids.lot_id.mapped("name")), {"TE-B1", "TE-B2"}
        )
        self.assertEqual(
            set(second.move_line_ids.lot_id.mapped("name")), {"TE-B3", "TB-2"}
        )
        quants = tote.quant_ids.filtered("quantity")
        self.assertEqual(
            sorted(quants.lot_id.mapped("name")), ["TB-2", "TE-B1", "TE-B2", "TE-B3"]
        )
        self.assertEqual(quants.location_id, first.location_dest_id)

    def test_a_scan_answers_with_what_changed(self):
        """A scan, a tap on a line or a quantity answers with the lines of its
        product alone (as the whole screen shows them) and the document's
        counters; a refusal with no line; opening and finishing with all."""
        pick_list = self._tour_pick_list()
        key = pick_list.id

        def full_line(product):
            return self._line(self.pick.open_document(key), product)

        screen = self.pick.open_document(key)
        self.assertFalse(screen["partial"])
        self.assertEqual(len(screen["lines"]), 2)
        self.assertEqual(screen["document"]["line_count"], 2)
        screen = self.pick.scan(key, "2900000009981")
        self.assertTrue(screen["partial"])
        self.assertEqual(
            [line["product_id"] for line in screen["lines"]], [self.earbuds.id]
        )
        screen = self.pick.scan(key, "TE-1", self.earbuds.id)
        self.assertTrue(screen["ok"], screen["message"])
        self.assertTrue(screen["partial"])
        self.assertEqual(screen["lines"], [full_line(self.earbuds)])
        self.assertEqual(screen["lines"][0]["serials"], ["TE-1"])
        self.assertEqual(
            (screen["document"]["done_qty"], screen["document"]["expected_qty"]),
            (1, 3),
        )
        self.assertEqual(screen["document"]["line_count"], 2)
        # A refusal changes no line: none is sent.
        screen = self.pick.scan(key, "TE-1", self.earbuds.id)
        self.assertFalse(screen["ok"])
        self.assertEqual((screen["partial"], screen["lines"]), (True, []))
        self.assertEqual(screen["document"]["done_qty"], 1)
        screen = self.pick.select_product(key, self.tablet.id)
        self.assertEqual(screen["lines"], [full_line(self.tablet)])
        screen = self.pick.scan(key, "010290000000997421TF-1")
        self.assertEqual(screen["lines"], [full_line(self.tablet)])
        self.assertEqual(screen["lines"][0]["done_qty"], 1)
        self.assertEqual(screen["document"]["done_qty"], 2)
        screen = self.pick.finish(key)
        self.assertTrue(screen["need_backorder"])
        self.assertFalse(screen["partial"])
        self.assertEqual(len(screen["lines"]), 2)

    def test_a_quantity_answers_with_its_line(self):
        receipt = self._tour_receipt()
        screen = self.receive.set_quantity(receipt.id, self.cable.id, 4)
        self.assertTrue(screen["ok"], screen["message"])
        self.assertTrue(screen["partial"])
        self.assertEqual(
            screen["lines"],
            [self._line(self.receive.open_document(receipt.id), self.cable)],
        )
        self.assertEqual(screen["lines"][0]["done_qty"], 4)
        self.assertEqual(screen["document"]["done_qty"], 4)

    def test_finish_refusal_is_shown_not_raised(self):
        receipt = self._tour_receipt()
        receipt.move_line_ids.filtered(lambda ml: ml.product_id == self.laptop)[
            :1
        ].write({"lot_name": "TYPED", "picked": True})
        screen = self.receive.finish(receipt.id, "cancel")
        self.assertFalse(screen["ok"])
        self.assertIn("TYPED is not expected", screen["message"])
        self.assertEqual(receipt.state, "assigned")

    def test_only_inventory_users(self):
        portal = new_test_user(
            self.env, login="scanner_portal", groups="base.group_portal"
        )
        internal = new_test_user(
            self.env, login="scanner_internal", groups="base.group_user"
        )
        receipt = self._tour_receipt()
        for user in (portal, internal):
            for model in ("wms.hhd.receive", "wms.hhd.pick"):
                with (
                    self.subTest(user=user.login, model=model),
                    self.assertRaises(AccessError),
                ):
                    self.env[model].with_user(user).list_documents("")
            with self.assertRaises(AccessError):
                self.env["wms.hhd.receive"].with_user(user).scan(receipt.id, "TL-1")
