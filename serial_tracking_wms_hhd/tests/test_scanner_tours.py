# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestScannerTours(HttpCase):
    def test_open_scanner_app(self):
        """A stock user opens the scanner app and sees both workflows."""
        self.start_tour(
            "/odoo/action-serial_tracking_wms_hhd.action_serial_scanner",
            "serial_tracking_wms_hhd_open_app",
            login="admin",
        )
