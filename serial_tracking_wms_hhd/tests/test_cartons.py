# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import ScannerFixtures

APP = "/odoo/action-serial_tracking_wms_hhd.action_serial_scanner"
SSCC = "376123450000000016"


class CartonFixtures(ScannerFixtures):
    @classmethod
    def _carton_receipt(cls, name, carton, count=50):
        """A receipt of ``count`` laptops, their serials expected in ``carton``."""
        serials = [f"{name}-{i:03d}" for i in range(1, count + 1)]
        receipt = cls._receipt_expecting(name, [f"{s};{carton}" for s in serials])
        return receipt, serials

    @classmethod
    def _carton_delivery(cls, name, count=50):
        """A delivery (pick list) of ``count`` laptops, waiting for stock."""
        return cls._picking(
            name,
            cls.warehouse.out_type_id,
            cls.stock_location,
            cls.env.ref("stock.stock_location_customers"),
            cls.customer,
            [(cls.laptop, count)],
        )

    def _assert_carton_delivered(self, delivery, package, serials):
        """``delivery`` done, ``package`` delivered whole with ``serials``."""
        customers = self.env.ref("stock.stock_location_customers")
        self.assertEqual(delivery.state, "done")
        self.assertEqual(delivery.move_line_ids.result_package_id, package)
        self.assertEqual(
            self._on_hand(self.laptop, customers), dict.fromkeys(serials, 1)
        )
        quants = package.quant_ids.filtered("quantity")
        self.assertEqual(len(quants), len(serials))
        self.assertEqual(quants.location_id, customers)
        self.assertFalse(self._on_hand(self.laptop))


@tagged("post_install", "-at_install")
class TestScannerCartons(CartonFixtures, TransactionCase):
    """A carton's label scanned in the scanner flows (server side)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls._setup_scanner_fixtures()
        cls._setup_scanner_flows()

    def test_receive_and_pick_a_carton_in_one_scan_each(self):
        receipt, serials = self._carton_receipt("CTN-IN", "CTN-HHD-50")
        delivery = self._carton_delivery("CTN-OUT")
        screen = self.receive.scan(receipt.id, "CTN-HHD-50")
        self.assertTrue(screen["ok"], screen["message"])
        self.assertEqual(
            screen["message"],
            "Carton CTN-HHD-50: 50 serial numbers of Tour Laptop recorded.",
        )
        self.assertTrue(screen["partial"])
        line = self._line(screen, self.laptop)
        self.assertEqual((line["done_qty"], line["serial_count"]), (50, 50))
        self.assertEqual(line["to_come"]["count"], 0)
        self.assertEqual(screen["product_id"], self.laptop.id)
        screen = self.receive.scan(receipt.id, "CTN-HHD-50", self.laptop.id)
        self.assertFalse(screen["ok"])
        self.assertIn("are recorded on", screen["message"])
        screen = self.receive.finish(receipt.id)
        self.assertTrue(screen.get("finished"), screen["message"])
        package = self.env["stock.quant.package"].search([("name", "=", "CTN-HHD-50")])
        self.assertEqual(len(package.quant_ids), 50)
        # The waiting delivery took the carton's serials: one scan picks it.
        self.assertEqual(delivery.state, "assigned")
        screen = self.pick.scan(delivery.id, "CTN-HHD-50")
        self.assertTrue(screen["ok"], screen["message"])
        self.assertEqual(
            screen["message"],
            "Carton CTN-HHD-50: 50 serial numbers of Tour Laptop picked.",
        )
        self.assertEqual(self._line(screen, self.laptop)["done_qty"], 50)
        screen = self.pick.finish(delivery.id)
        self.assertTrue(screen.get("finished"), screen["message"])
        self._assert_carton_delivered(delivery, package, serials)

    def test_gs1_sscc_scanned(self):
        parsed = self.env["wms.hhd.scan.parser"].parse(f"00{SSCC}")
        self.assertEqual(parsed["sscc"], SSCC)
        self.assertNotIn("product", parsed)
        receipt, serials = self._carton_receipt("CTN-GS1", SSCC, count=3)
        for code in (f"00{SSCC}", f"(00){SSCC}", f"\x1d00{SSCC}"):
            screen = self.receive.scan(receipt.id, code)
            if code == f"00{SSCC}":
                self.assertTrue(screen["ok"], screen["message"])
            else:
                self.assertFalse(screen["ok"])
                self.assertIn(f"carton {SSCC}", screen["message"])
        lines = receipt.move_line_ids.filtered("picked")
        self.assertEqual(sorted(lines.mapped("lot_name")), serials)
        self.assertEqual(lines.result_package_id.name, SSCC)

    def test_pick_carton_larger_than_the_need_is_refused(self):
        receipt, _serials = self._carton_receipt("CTN-BIG", "CTN-BIG", count=6)
        self.receive.scan(receipt.id, "CTN-BIG")
        self.assertTrue(self.receive.finish(receipt.id).get("finished"))
        delivery = self._carton_delivery("CTN-SMALL", count=2)
        screen = self.pick.scan(delivery.id, "CTN-BIG")
        self.assertFalse(screen["ok"])
        self.assertEqual(
            screen["message"],
            f"Carton CTN-BIG holds 6 serial numbers of Tour Laptop; {delivery.name} "
            "needs 2 more.",
        )
        self.assertEqual(screen["lines"], [], "a refusal changes no line")
        self.assertFalse(delivery.move_line_ids.filtered("picked"))

    def test_unknown_code_still_needs_a_product(self):
        receipt, _serials = self._carton_receipt("CTN-UNK", "CTN-UNK", count=2)
        screen = self.receive.scan(receipt.id, "CTN-OTHER")
        self.assertFalse(screen["ok"])
        self.assertIn("scan a product first", screen["message"])


@tagged("post_install", "-at_install")
class TestScannerCartonTour(CartonFixtures, HttpCase):
    """At phone size, as a stock user: a carton of 50 received in one scan,
    then picked in one scan."""

    browser_size = "360x640"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_scanner_fixtures()

    def test_carton_received_and_picked_in_one_scan_each(self):
        receipt, serials = self._carton_receipt("TOUR-CARTON-IN", "CTN-TOUR-50")
        delivery = self._carton_delivery("TOUR-CARTON-OUT")
        self.start_tour(
            APP, "serial_tracking_wms_hhd_carton_receive", login="tour_stock"
        )
        self.assertEqual(receipt.state, "done")
        package = self.env["stock.quant.package"].search([("name", "=", "CTN-TOUR-50")])
        self.assertEqual(len(package), 1)
        self.assertEqual(receipt.move_line_ids.result_package_id, package)
        self.assertEqual(
            sorted(receipt.move_line_ids.mapped("lot_id.name")), sorted(serials)
        )
        quants = package.quant_ids.filtered("quantity")
        self.assertEqual(sorted(quants.lot_id.mapped("name")), sorted(serials))
        self.assertEqual(quants.location_id, self.stock_location)
        self.assertEqual(delivery.state, "assigned")
        self.start_tour(APP, "serial_tracking_wms_hhd_carton_pick", login="tour_stock")
        self._assert_carton_delivered(delivery, package, serials)
