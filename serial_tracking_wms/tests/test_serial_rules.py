# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a serial looks like, per product: the rule (prefix, length,
characters, pattern, check digit) and barcodes given as serials, refused
wherever a serial comes in; serials recorded before are kept."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import BaseCase, tagged

from ..tools import serial_rules
from .common import PickCase

# A real EAN-13 (check digit 1) and real Luhn numbers.
EAN = "4006381333931"
LUHN_OK = ("79927398713", "4539578763621486")


@tagged("post_install", "-at_install")
class TestSerialRuleFunctions(BaseCase):
    """``tools/serial_rules.py``: pure functions."""

    def test_gs1_check_digit(self):
        for code in (EAN, "96385074", "5901234123457", "00614141000012", "12345670"):
            self.assertTrue(serial_rules.gs1_valid(code), code)
        for code in ("4006381333932", "5901234123450", "96385075", "ABC", "7", ""):
            self.assertFalse(serial_rules.gs1_valid(code), code)
        self.assertEqual(serial_rules.gs1_check_digit("400638133393"), 1)
        self.assertEqual(serial_rules.gs1_check_digit("9638507"), 4)

    def test_luhn(self):
        for code in (*LUHN_OK, "49927398716", "1234567812345670"):
            self.assertTrue(serial_rules.luhn_valid(code), code)
        for code in ("79927398710", "49927398717", "1234567812345678", "79927A98713"):
            self.assertFalse(serial_rules.luhn_valid(code), code)

    def test_each_part_of_a_rule(self):
        Rule = serial_rules.SerialRule
        cases = [
            (Rule(prefix="SN-"), "SN-1", "XX-1", "prefix"),
            (Rule(min_length=4, max_length=6), "ABCD", "ABC", "length"),
            (Rule(min_length=4, max_length=6), "ABCDEF", "ABCDEFG", "length"),
            (Rule(max_length=3), "ABC", "ABCD", "length"),
            (Rule(charset="digits"), "0123", "01A3", "charset"),
            (Rule(charset="alnum"), "Ab12", "Ab-12", "charset"),
            (
                Rule(charset="custom", custom_chars="0123456789ABCDEF"),
                "00FF",
                "00FG",
                "charset",
            ),
            (Rule(regex=r"SN-\d{4}"), "SN-1234", "SN-1234X", "regex"),
            (Rule(check_digit="gs1"), EAN, "4006381333932", "check_digit"),
            (Rule(check_digit="luhn"), LUHN_OK[0], "79927398710", "check_digit"),
        ]
        for rule, good, bad, part in cases:
            self.assertEqual(serial_rules.mismatches(rule, [good, bad]), {bad: part})
        self.assertTrue(Rule().is_empty)
        self.assertEqual(serial_rules.mismatches(Rule(), ["anything at all"]), {})
        self.assertIsNone(serial_rules.regex_error(r"SN-\d+"))
        self.assertTrue(serial_rules.regex_error(r"SN-(\d+"))


@tagged("post_install", "-at_install")
class TestSerialRules(PickCase):
    """The rule on the product, applied by every entry point, as a stock user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Laptops: "SN" then 6 to 8 letters or digits.
        cls.product_full.product_tmpl_id.write(
            {
                "wms_serial_prefix": "SN",
                "wms_serial_min_length": 8,
                "wms_serial_max_length": 10,
                "wms_serial_charset": "alnum",
            }
        )
        # Earbuds (Track During Pick): digits ending with a Luhn check digit.
        cls.product_pick.product_tmpl_id.write(
            {"wms_serial_charset": "digits", "wms_serial_check_digit": "luhn"}
        )
        # A product with an EAN, a packaging with its own, and no rule.
        cls.phone = cls._create_product("Phone", "full", barcode=EAN)
        cls.env["product.packaging"].create(
            {
                "name": "Box of 10",
                "product_id": cls.phone.id,
                "qty": 10,
                "barcode": "PKG-10-PHONE",
            }
        )

    def _uscan(self, picking, product, serial):
        return picking.with_user(self.stock_user).wms_scan_serial(product.id, serial)

    # --- Scans (scanner endpoints and the API's wms_scan_serial) ---
    def test_receipt_scan_refuses_what_does_not_fit(self):
        receipt = self._create_receipt([(self.product_full, 3)])
        for serial, fragment in (
            ("AB123456", "does not start with SN"),
            ("SN1", "has 3 characters; the product's serial numbers have 8 to 10"),
            ("SN-12-345", "may contain letters and digits only"),
        ):
            result = self._uscan(receipt, self.product_full, serial)
            self.assertScanRefused(result, serial, "Laptop", fragment)
        self.assertFalse(receipt.move_line_ids.filtered("picked"))
        self.assertScanOk(self._uscan(receipt, self.product_full, "SN123456"), 1)

    def test_pick_scan_refuses_a_wrong_check_digit(self):
        self._put_in_stock(self.product_pick, qty=3)
        delivery = self._create_delivery([(self.product_pick, 2)])
        result = self._uscan(delivery, self.product_pick, "79927398710")
        self.assertScanRefused(
            result, "79927398710", "Earbuds", "valid check digit (Luhn)"
        )
        result = self._uscan(delivery, self.product_pick, "00:1A:2B:3C:4D:5E")
        self.assertScanRefused(result, "Earbuds", "digits only")
        self.assertScanOk(self._uscan(delivery, self.product_pick, LUHN_OK[0]), 1)
        self.assertScanOk(self._uscan(delivery, self.product_pick, LUHN_OK[1]), 2)
        self._validate(delivery.with_user(self.stock_user))
        self.assertEqual(delivery.state, "done")

    def test_product_barcode_refused_as_a_serial_without_a_rule(self):
        receipt = self._create_receipt([(self.phone, 2)])
        result = self._uscan(receipt, self.phone, EAN)
        self.assertScanRefused(
            result, f"{EAN} is the barcode of product Phone, not a serial number"
        )
        # Another product's barcode, and a packaging's.
        laptop_receipt = self._create_receipt([(self.product_none, 1), (self.phone, 1)])
        result = self._uscan(laptop_receipt, self.phone, "PKG-10-PHONE")
        self.assertScanRefused(
            result, "PKG-10-PHONE is the barcode of packaging Box of 10 of Phone"
        )
        self.assertScanOk(self._uscan(receipt, self.phone, "IMEI-1"), 1)

    def test_another_products_barcode_refused_on_a_pick(self):
        self._put_in_stock(self.product_pick, qty=1)
        delivery = self._create_delivery([(self.product_pick, 1)])
        self.product_none.barcode = "79927398713"
        result = self._uscan(delivery, self.product_pick, "79927398713")
        self.assertScanRefused(result, "79927398713 is the barcode of product Cable")

    def test_recorded_means_a_serial_of_this_product(self):
        # One query tells barcodes and recorded serials apart: a serial of
        # another product is new to this one, and judged by its rule.
        self._put_in_stock(self.phone, serials=["XX000001", "SN000077"])
        receipt = self._create_receipt([(self.product_full, 1)])
        result = self._uscan(receipt, self.product_full, "XX000001")
        self.assertScanRefused(result, "XX000001", "does not start with SN")
        # A product's barcode that is also a serial recorded for another one.
        self._put_in_stock(self.product_full, serials=["SN000078"])
        self.product_none.barcode = "SN000078"
        phone_receipt = self._create_receipt([(self.phone, 1)])
        result = self._uscan(phone_receipt, self.phone, "SN000078")
        self.assertScanRefused(result, "SN000078 is the barcode of product Cable")
        # Recorded for this product: kept, barcode or not.
        delivery = self._create_delivery([(self.product_full, 1)])
        self.assertScanOk(self._uscan(delivery, self.product_full, "SN000078"), 1)

    def test_typed_pick_serial_refused_at_validation(self):
        # A pick line's serial typed, not a lot: judged at validation (the
        # lines on a lot of the product are the ones not looked up).
        self._put_in_stock(self.product_pick, qty=1)
        delivery = self._create_delivery([(self.product_pick, 1)])
        udelivery = delivery.with_user(self.stock_user)
        udelivery.move_line_ids.write(
            {"lot_name": "79927398710", "quantity": 1, "picked": True}
        )
        with self.assertRefused(UserError, r"79927398710.*valid check digit"):
            udelivery.button_validate()
        self.assertEqual(delivery.state, "assigned")
        udelivery.move_line_ids.write({"lot_name": LUHN_OK[0]})
        self._validate(udelivery)
        self.assertEqual(delivery.state, "done")

    # --- Desktop: typed move lines ---
    def test_typed_move_line_refused_at_validation(self):
        receipt = self._create_receipt([(self.phone, 1)]).with_user(self.stock_user)
        receipt.move_line_ids.write({"lot_name": EAN, "quantity": 1, "picked": True})
        with self.assertRefused(UserError, f"{EAN} is the barcode of product Phone"):
            receipt.button_validate()
        self.assertEqual(receipt.state, "assigned")
        receipt.move_line_ids.write({"lot_name": "IMEI-7"})
        self._validate(receipt)
        self.assertEqual(receipt.move_line_ids.lot_id.name, "IMEI-7")

    def test_typed_serial_warns_at_once(self):
        receipt = self._create_receipt([(self.product_full, 1)])
        line = receipt.move_line_ids.with_user(self.stock_user)
        line.lot_name = "XX"
        warning = line._onchange_serial_number()["warning"]
        self.assertIn("XX", warning["message"])
        self.assertIn("does not start with SN", warning["message"])

    # --- Expected serials: API, desktop list, records ---
    def test_expected_serials_refused_through_the_api(self):
        receipt = self._create_receipt([(self.phone, 2)]).with_user(self.stock_user)
        with self.assertRefused(UserError, f"Line 2: {EAN} is the barcode of product"):
            receipt.wms_set_expected_serials(self.phone.id, ["IMEI-1", EAN])
        self.assertFalse(receipt.move_ids.expected_serial_ids)
        receipt_laptop = self._create_receipt([(self.product_full, 2)])
        with self.assertRefused(UserError, "Line 1: .*XX-1.*does not start with SN"):
            receipt_laptop.with_user(self.stock_user).wms_set_expected_serials(
                self.product_full.id, ["XX-1", "SN000001"]
            )
        receipt_laptop.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["SN000001", "SN000002"]
        )
        self.assertEqual(
            receipt_laptop.move_ids.expected_serial_ids.mapped("name"),
            ["SN000001", "SN000002"],
        )

    def test_expected_serials_wizard_shows_the_refusal(self):
        receipt = self._create_receipt([(self.phone, 2)])
        wizard = (
            self.env["stock.expected.serial.wizard"]
            .with_user(self.stock_user)
            .create(
                {
                    "move_id": receipt.move_ids.id,
                    "serials_text": f"IMEI-1\nPKG-10-PHONE\n{EAN}",
                }
            )
        )
        self.assertTrue(wizard.has_errors)
        self.assertIn("Line 2: PKG-10-PHONE is the barcode", wizard.check_result)
        self.assertIn(f"Line 3: {EAN} is the barcode", wizard.check_result)
        with self.assertRefused(UserError, "barcode"):
            wizard.action_save()
        self.assertFalse(receipt.move_ids.expected_serial_ids)

    def test_expected_serial_records_refused(self):
        receipt = self._create_receipt([(self.product_full, 1)])
        Expected = self.env["stock.expected.serial"].with_user(self.stock_user)
        with self.assertRefused(UserError, "does not start with SN"):
            Expected.create({"move_id": receipt.move_ids.id, "name": "XX000001"})
        serial = Expected.create({"move_id": receipt.move_ids.id, "name": "SN000001"})
        with self.assertRefused(UserError, "has 4 characters"):
            serial.name = "SN12"

    # --- Count ---
    def test_count_refuses_new_serials_and_keeps_recorded_ones(self):
        # Recorded before the rule: kept, counted as they are.
        template = self.product_full.product_tmpl_id
        template.wms_serial_prefix = False
        self._put_in_stock(self.product_full, serials=["OLD-1", "SN000009"])
        template.wms_serial_prefix = "SN"
        Quant = self.env["stock.quant"].with_user(self.stock_user)
        with self.assertRefused(UserError, "Line 2: Serial number XX000002"):
            Quant.wms_count_serials(
                self.stock_location.id,
                self.product_full.id,
                ["OLD-1", "XX000002", "SN000009"],
            )
        result = Quant.wms_count_serials(
            self.stock_location.id, self.product_full.id, ["OLD-1", "SN000010"]
        )
        self.assertEqual(result["added"], ["SN000010"])
        self.assertEqual(result["written_off"], ["SN000009"])
        self.assertOnHand(self.product_full, {"OLD-1": 1, "SN000010": 1})

    # --- Serials recorded before the rule ---
    def test_serials_recorded_before_are_untouched(self):
        template = self.product_full.product_tmpl_id
        template.wms_serial_prefix = False
        self._put_in_stock(self.product_full, serials=["OLD-1", "OLD-2"])
        template.wms_serial_prefix = "SN"
        delivery = self._create_delivery([(self.product_full, 2)])
        self.assertScanOk(self._uscan(delivery, self.product_full, "OLD-2"))
        self.assertScanOk(self._uscan(delivery, self.product_full, "OLD-1"))
        self._validate(delivery.with_user(self.stock_user))
        self.assertEqual(delivery.state, "done")
        self.assertEqual(
            sorted(delivery.move_line_ids.lot_id.mapped("name")), ["OLD-1", "OLD-2"]
        )

    def test_rule_change_counts_serials_on_hand_not_fitting(self):
        template = self.product_full.product_tmpl_id.with_user(self.stock_manager)
        template.write(
            {
                "wms_serial_prefix": False,
                "wms_serial_min_length": 0,
                "wms_serial_charset": "any",
            }
        )
        self._put_in_stock(
            self.product_full, serials=["OLD-1", "OLD-22", "SN000001", "SN000002"]
        )
        self.assertEqual(template._wms_serials_on_hand_not_fitting(), [])
        self.assertIsNone(template._onchange_wms_serial_rule())
        template.wms_serial_prefix = "SN"
        self.assertEqual(
            template._wms_serials_on_hand_not_fitting(), ["OLD-1", "OLD-22"]
        )
        warning = template._onchange_wms_serial_rule()["warning"]
        self.assertIn("2 serial numbers of Laptop on hand", warning["message"])
        self.assertIn("OLD-1, OLD-22", warning["message"])
        # Nothing was changed on them.
        self.assertOnHand(
            self.product_full,
            {"OLD-1": 1, "OLD-22": 1, "SN000001": 1, "SN000002": 1},
        )

    def test_rule_setup_is_checked(self):
        template = self.product_full.product_tmpl_id.with_user(self.stock_manager)
        with self.assertRefused(ValidationError, "not a valid regular expression"):
            template.wms_serial_regex = r"SN-(\d+"
        with self.assertRefused(ValidationError, "is above its maximum"):
            template.write({"wms_serial_min_length": 12, "wms_serial_max_length": 10})
        with self.assertRefused(ValidationError, "Give the characters"):
            template.write({"wms_serial_charset": "custom"})
        template.write(
            {"wms_serial_charset": "custom", "wms_serial_custom_chars": "SN0123456789"}
        )
        receipt = self._create_receipt([(self.product_full, 1)])
        result = self._uscan(receipt, self.product_full, "SN12345A")
        self.assertScanRefused(result, "may contain only these characters: SN0123")

    def test_regex_rule(self):
        template = self.product_full.product_tmpl_id
        template.write(
            {
                "wms_serial_prefix": False,
                "wms_serial_min_length": 0,
                "wms_serial_max_length": 0,
                "wms_serial_charset": "any",
                "wms_serial_regex": r"SN-\d{4}-[A-Z]",
            }
        )
        receipt = self._create_receipt([(self.product_full, 1)])
        result = self._uscan(receipt, self.product_full, "SN-1234-a")
        self.assertScanRefused(result, "does not match the product's serial number")
        self.assertScanOk(self._uscan(receipt, self.product_full, "SN-1234-A"), 1)

    def test_gs1_check_digit_rule_on_expected_serials(self):
        self.product_full.product_tmpl_id.write(
            {
                "wms_serial_prefix": False,
                "wms_serial_charset": "digits",
                "wms_serial_min_length": 8,
                "wms_serial_max_length": 18,
                "wms_serial_check_digit": "gs1",
            }
        )
        receipt = self._create_receipt([(self.product_full, 2)])
        with self.assertRefused(UserError, r"5901234123450.*valid check digit \(GS1"):
            receipt.with_user(self.stock_user).wms_set_expected_serials(
                self.product_full.id, ["5901234123457", "5901234123450"]
            )
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, ["5901234123457", "00614141000012"]
        )
        self.assertEqual(len(receipt.move_ids.expected_serial_ids), 2)

    def test_product_form_shows_the_rule_for_serial_modes(self):
        arch = self.env["product.template"].get_view(
            self.env.ref("product.product_template_only_form_view").id, "form"
        )["arch"]
        self.assertIn('name="wms_serial_rule"', arch)
        self.assertIn("wms_serial_check_digit", arch)
