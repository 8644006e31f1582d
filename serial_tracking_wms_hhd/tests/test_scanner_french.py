# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.serial_tracking_wms.tests.i18n_common import activate_language
from odoo.addons.serial_tracking_wms.tests.tours import PatientToursMixin

from .common import ScannerFixtures

APP = "/odoo/action-serial_tracking_wms_hhd.action_serial_scanner"


@tagged("post_install", "-at_install")
class TestScannerInFrench(PatientToursMixin, ScannerFixtures, HttpCase):
    """The scanner app for a stock user whose language is French, at phone size."""

    browser_size = "360x640"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_scanner_fixtures()
        activate_language(
            cls.env,
            "fr_FR",
            ["web", "stock", "serial_tracking_wms", "serial_tracking_wms_hhd"],
        )
        cls.stock_user.lang = "fr_FR"

    def test_receive_in_french(self):
        """Pre-Receipt Receive in French: the screens, the serials recorded, an
        unlisted serial refused with the reason in French, the receipt done."""
        receipt = self._receipt_expecting("TOUR-FR", ["TL-FR-1", "TL-FR-2"])
        self.start_tour(
            APP, "serial_tracking_wms_hhd_receive_french", login="tour_stock"
        )
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self._on_hand(self.laptop), {"TL-FR-1": 1, "TL-FR-2": 1})
        self.assertEqual(
            receipt.move_line_ids.sorted("id").mapped("lot_id.name"),
            ["TL-FR-1", "TL-FR-2"],
        )
        self.assertEqual(
            set(receipt.move_ids.expected_serial_ids.mapped("state")), {"received"}
        )
        self.assertFalse(
            self.env["stock.lot"].search([("name", "=", "NOT-ON-LIST")]),
            "the unlisted serial was refused",
        )
