# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.serial_tracking_wms.tests.tours import TOUR_HANG_GUARD
from odoo.addons.web.tests.test_js import unit_test_error_checker

SUITE = "@serial_tracking_wms_hhd"


def hoot_hash(name):
    """The id Odoo's test runner (hoot) gives a suite, for its URL filter."""
    value = 0
    for char in name:
        value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


@tagged("post_install", "-at_install", "wms_stock_only")
class TestScannerJs(HttpCase):
    """The scanner's JavaScript unit tests (hoot, ``static/tests/*.test.js``),
    in headless Chromium. Odoo's test page reads the modules' dependencies,
    which only administrators may: it is opened as admin, as Odoo's own
    ``web`` tests do (the tests themselves touch no data). They need no other
    module: the stock run only (the real one would build every module's test
    bundle for nothing)."""

    def test_hoot_unit_tests(self):
        suite = hoot_hash(SUITE)
        self.browser_js(
            f"/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            f"&suite={suite}&test={suite}",
            "",
            "",
            login="admin",
            timeout=TOUR_HANG_GUARD,
            success_signal="[HOOT] test suite succeeded",
            error_checker=unit_test_error_checker,
        )
