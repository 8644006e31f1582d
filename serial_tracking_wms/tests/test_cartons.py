# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
from unittest.mock import patch

from openpyxl import Workbook

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from ..speed import expected as speed_expected
from .common import PickCase, SerialTrackingCase

SSCC = "376123450000000016"


@tagged("post_install", "-at_install")
class TestCartonImport(SerialTrackingCase):
    """The expected serials' list names the carton of each serial: pasted,
    imported from a file, or given through the API."""

    def setUp(self):
        super().setUp()
        self.receipt = self._create_receipt([(self.product_full, 3)])
        self.move = self.receipt.move_ids.with_user(self.stock_user)
        self.ureceipt = self.receipt.with_user(self.stock_user)

    def _cartons(self):
        return [(s.name, s.carton) for s in self.move.expected_serial_ids]

    def _form(self):
        return Form.from_action(
            self.env(user=self.stock_user),
            self.move.action_wms_edit_expected_serials(),
        )

    def test_paste_serials_with_their_carton(self):
        form = self._form()
        form.serials_text = "P-1;CTN-A\nP-2\tCTN-A\nP-3"
        self.assertFalse(form.has_errors, form.check_result)
        self.assertEqual(
            form.check_result, "3 serial numbers in 1 cartons ready to save."
        )
        form.save().action_save()
        self.assertEqual(
            self._cartons(), [("P-1", "CTN-A"), ("P-2", "CTN-A"), ("P-3", False)]
        )
        # Edit Serial Numbers shows each serial with its carton.
        self.assertEqual(self._form().serials_text, "P-1;CTN-A\nP-2;CTN-A\nP-3")

    def test_import_csv_and_xlsx_with_a_carton_column(self):
        form = self._form()
        form.input_method = "file"
        form.import_file = base64.b64encode(
            b"serial,carton\nF-1,BOX-A\nF-2,BOX-A\nF-3,BOX-B\n"
        )
        form.import_filename = "serials.csv"
        self.assertEqual(form.serial_count, 3, form.check_result)
        form.save().action_save()
        self.assertEqual(
            self._cartons(), [("F-1", "BOX-A"), ("F-2", "BOX-A"), ("F-3", "BOX-B")]
        )
        workbook = Workbook()
        for row in (("Serial Number", "Carton"), ("X-1", SSCC), ("X-2", None)):
            workbook.active.append(row)
        workbook.active.append(("X-3", SSCC))
        buffer = io.BytesIO()
        workbook.save(buffer)
        form = self._form()
        form.input_method = "file"
        form.import_file = base64.b64encode(buffer.getvalue())
        form.import_filename = "serials.xlsx"
        self.assertEqual(form.serial_count, 3, form.check_result)
        form.save().action_save()
        self.assertEqual(
            self._cartons(), [("X-1", SSCC), ("X-2", False), ("X-3", SSCC)]
        )

    def test_api_takes_pairs_and_text_and_sets_the_cartons_again(self):
        self.ureceipt.wms_set_expected_serials(
            self.product_full.id, [("A-1", "C-1"), "A-2;C-1", "A-3"]
        )
        self.assertEqual(
            self._cartons(), [("A-1", "C-1"), ("A-2", "C-1"), ("A-3", False)]
        )
        # The same serials listed again: each takes the carton given now.
        self.ureceipt.wms_set_expected_serials(
            self.product_full.id, ["A-1", "A-2;C-2", "A-3\tC-2"]
        )
        self.assertEqual(
            self._cartons(), [("A-1", False), ("A-2", "C-2"), ("A-3", "C-2")]
        )
        with self.assertRefused(UserError, "carton 'C\\\\x01' contains control"):
            self.ureceipt.wms_set_expected_serials(
                self.product_full.id, ["B-1;C\x01", "B-2", "B-3"]
            )
        self.assertEqual(self._cartons()[0], ("A-1", False))

    def test_a_long_list_with_cartons_is_created_set_based(self):
        """The carton column keeps a supplier's list on the set-based path
        (``speed/expected.py``), with the rows Odoo's ``create`` writes."""
        rows = []
        for prefix, bulk in (("N", False), ("B", True)):
            receipt = self._create_receipt([(self.product_full, 120)])
            receipt = receipt.with_user(self.stock_user).with_context(
                wms_no_bulk=not bulk
            )
            names = [f"{prefix}-{i:03d};CTN-{i // 50}" for i in range(120)]
            with patch.object(
                speed_expected, "create_many", wraps=speed_expected.create_many
            ) as create_many:
                receipt.wms_set_expected_serials(self.product_full.id, names)
            self.assertEqual(create_many.called, bulk)
            serials = receipt.move_ids.expected_serial_ids
            rows.append([(s.name.split("-")[1], s.carton, s.state) for s in serials])
        self.assertEqual(rows[0], rows[1])
        self.assertEqual(rows[1][-1], ("119", "CTN-2", "expected"))


@tagged("post_install", "-at_install")
class TestCartonReceive(SerialTrackingCase):
    """Pre-Receipt Receive: a carton's label records all its serials still to
    come, into a package named after it."""

    def _receipt(self, serials):
        """A receipt of one laptop per (serial, carton) of ``serials``."""
        receipt = self._create_receipt([(self.product_full, len(serials))])
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, serials
        )
        return receipt.with_user(self.stock_user)

    def test_carton_of_fifty_in_one_scan(self):
        serials = [f"CT-{i:03d}" for i in range(1, 51)]
        receipt = self._receipt([(name, "CTN-50") for name in serials])
        result = receipt.wms_scan_carton("CTN-50")
        self.assertScanOk(result, done_qty=50)
        self.assertEqual((result["count"], result["carton"]), (50, "CTN-50"))
        self.assertEqual(
            result["message"],
            "Carton CTN-50: 50 serial numbers of Laptop recorded.",
        )
        lines = receipt.move_line_ids.filtered("picked")
        self.assertEqual(sorted(lines.mapped("lot_name")), serials)
        package = lines.result_package_id
        self.assertEqual((len(package), package.name), (1, "CTN-50"))
        self.assertEqual(result["package_id"], package.id)
        self._validate(receipt)
        self.assertEqual(receipt.state, "done")
        lots = self.env["stock.lot"].search(
            [("product_id", "=", self.product_full.id), ("name", "in", serials)]
        )
        self.assertEqual(len(lots), 50)
        quants = package.quant_ids.filtered("quantity")
        self.assertEqual(len(quants), 50)
        self.assertEqual(quants.location_id, self.stock_location)
        self.assertEqual(sorted(quants.lot_id.mapped("name")), serials)
        self.assertEqual(
            set(receipt.move_ids.expected_serial_ids.mapped("state")), {"received"}
        )

    def test_partly_received_carton_records_the_rest(self):
        receipt = self._receipt([(f"PR-{i}", "CTN-P") for i in range(1, 6)])
        self.assertScanOk(self._scan(receipt, self.product_full, "PR-2"))
        result = receipt.wms_scan_carton("CTN-P")
        self.assertScanOk(result, done_qty=5)
        self.assertEqual(result["count"], 4)
        # PR-2, scanned alone, stays out of the carton's package.
        package = receipt.move_line_ids.result_package_id
        self.assertEqual(package.name, "CTN-P")
        self.assertEqual(
            sorted(
                receipt.move_line_ids.filtered(
                    lambda ml: ml.result_package_id == package
                ).mapped("lot_name")
            ),
            ["PR-1", "PR-3", "PR-4", "PR-5"],
        )
        result = receipt.wms_scan_carton("CTN-P")
        self.assertScanRefused(
            result, "All 5 serial numbers of carton CTN-P are recorded"
        )
        self.assertEqual(result["done_qty"], 5)

    def test_gs1_sscc_labels(self):
        """An SSCC listed alone, after "00" or after "(00)" is found whichever
        way the label is scanned (AI 00, parentheses, FNC1)."""
        ssccs = ["376123450000000016", "376123450000000023", "376123450000000030"]
        receipt = self._receipt(
            [
                ("G-1", f"(00){ssccs[0]}"),
                ("G-2", ssccs[1]),
                ("G-3", f"00{ssccs[2]}"),
            ]
        )
        for code, serial, package in (
            (f"00{ssccs[0]}", "G-1", f"(00){ssccs[0]}"),
            (f"(00){ssccs[1]}", "G-2", ssccs[1]),
            (f"\x1d00{ssccs[2]}", "G-3", f"00{ssccs[2]}"),
        ):
            result = receipt.wms_scan_carton(code)
            self.assertScanOk(result)
            self.assertEqual(result["count"], 1)
            line = receipt.move_line_ids.filtered(lambda ml, s=serial: ml.lot_name == s)
            self.assertEqual(line.result_package_id.name, package)

    def test_unknown_carton_changes_nothing(self):
        receipt = self._receipt([("U-1", "CTN-U"), ("U-2", False)])
        result = receipt.wms_scan_carton("CTN-NOPE")
        self.assertFalse(result["ok"])
        self.assertFalse(result["carton"])
        self.assertFalse(receipt.move_line_ids.filtered("picked"))

    def test_carton_refused_as_a_whole_by_the_serial_rules(self):
        """A serial of the carton that a single scan would refuse (in stock
        already) refuses the carton: nothing is recorded."""
        receipt = self._receipt([("RR-1", "CTN-R"), ("RR-2", "CTN-R")])
        self._put_in_stock(self.product_full, serials=["RR-2"])
        single = self._scan(receipt, self.product_full, "RR-2")
        self.assertScanRefused(single, "RR-2")
        result = receipt.wms_scan_carton("CTN-R")
        self.assertScanRefused(result, "RR-2")
        self.assertEqual(result["carton"], "CTN-R")
        self.assertFalse(receipt.move_line_ids.filtered("picked"))
        self.assertFalse(
            self.env["stock.quant.package"].search([("name", "=", "CTN-R")])
        )


@tagged("post_install", "-at_install")
class TestCartonPick(PickCase):
    """A pick task: a sealed carton in stock picked whole in one scan, when the
    transfer needs all it holds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.serials = [f"PAL-{i:02d}" for i in range(1, 21)]
        cls.carton = cls.env["stock.quant.package"].create({"name": "PAL-20"})
        Quant = cls.env["stock.quant"]
        for name in cls.serials:
            lot = cls.env["stock.lot"].create(
                {"name": name, "product_id": cls.product_full.id}
            )
            Quant._update_available_quantity(
                cls.product_full,
                cls.stock_location,
                1,
                lot_id=lot,
                package_id=cls.carton,
            )

    def test_sealed_carton_of_twenty_in_one_scan(self):
        # Loose serials received first: Odoo reserves them, the carton takes
        # over their reservation.
        self._put_in_stock(self.product_full, serials=[f"LO-{i}" for i in range(20)])
        delivery = self._create_delivery([(self.product_full, 20)]).with_user(
            self.stock_user
        )
        result = delivery.wms_scan_carton("PAL-20")
        self.assertScanOk(result, done_qty=20)
        self.assertEqual((result["count"], result["package"]), (20, "PAL-20"))
        lines = delivery.move_line_ids.filtered("picked")
        self.assertEqual(sorted(lines.lot_id.mapped("name")), self.serials)
        self.assertEqual(lines.package_id, self.carton)
        self.assertEqual(lines.result_package_id, self.carton)
        self._validate(delivery)
        self.assertEqual(delivery.state, "done")
        self.assertOnHand(
            self.product_full, dict.fromkeys(self.serials, 1), self.customer_location
        )
        self.assertOnHand(
            self.product_full, {f"LO-{i}": 1 for i in range(20)}, self.stock_location
        )
        self.assertNoNegativeQuant(self.product_full)

    def test_refused_when_the_line_needs_fewer(self):
        delivery = self._create_delivery([(self.product_full, 5)]).with_user(
            self.stock_user
        )
        result = delivery.wms_scan_carton("PAL-20")
        self.assertScanRefused(
            result,
            f"Carton PAL-20 holds 20 serial numbers of Laptop; {delivery.name} "
            "needs 5 more.",
        )
        self.assertFalse(delivery.move_line_ids.filtered("picked"))
        delivery.sudo().action_cancel()
        # Once two are picked, a carton of twenty fits even less.
        delivery = self._create_delivery([(self.product_full, 21)]).with_user(
            self.stock_user
        )
        self.assertScanOk(self._scan(delivery, self.product_full, "PAL-01"))
        self.assertScanOk(self._scan(delivery, self.product_full, "PAL-02"))
        result = delivery.wms_scan_carton("PAL-20")
        self.assertScanRefused(result, "needs 19 more")

    def test_serial_rules_still_apply(self):
        """A serial of the carton picked by another transfer refuses the
        carton, as it refuses a single scan of it."""
        other = self._create_delivery([(self.product_full, 1)]).with_user(
            self.stock_user
        )
        self.assertScanOk(self._scan(other, self.product_full, "PAL-03"))
        delivery = self._create_delivery([(self.product_full, 20)]).with_user(
            self.stock_user
        )
        single = self._scan(delivery, self.product_full, "PAL-03")
        self.assertScanRefused(single, "PAL-03")
        result = delivery.wms_scan_carton("PAL-20")
        self.assertScanRefused(result, "PAL-03")
        self.assertFalse(delivery.move_line_ids.filtered("picked"))

    def test_not_a_carton(self):
        delivery = self._create_delivery([(self.product_full, 20)]).with_user(
            self.stock_user
        )
        empty = self.env["stock.quant.package"].create({"name": "TOTE-EMPTY"})
        for code in ("NO-SUCH-CARTON", empty.name):
            result = delivery.wms_scan_carton(code)
            self.assertFalse(result["carton"])
            self.assertFalse(result["ok"])
        self.assertFalse(delivery.move_line_ids.filtered("picked"))

    def test_batch_gives_the_carton_to_the_pick_list_that_needs_it(self):
        self._put_in_stock(self.product_full, serials=["LB-1"])
        big = self._create_delivery([(self.product_full, 20)])
        small = self._create_delivery([(self.product_full, 1)])
        small.scheduled_date = "2020-01-01 08:00:00"
        batch = self.env["stock.picking.batch"].create(
            {"picking_ids": [(6, 0, (small | big).ids)]}
        )
        batch.action_confirm()
        result = batch.with_user(self.stock_user).wms_scan_carton("PAL-20")
        self.assertScanOk(result, done_qty=20)
        self.assertEqual((result["picking"], result["count"]), (big.name, 20))
        self.assertEqual(
            sorted(big.move_line_ids.filtered("picked").lot_id.mapped("name")),
            self.serials,
        )
        self.assertFalse(small.move_line_ids.filtered("picked"))
