# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import logging
import os
from pathlib import Path
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from .common import ScannerFixtures

_logger = logging.getLogger(__name__)
APP = "/odoo/action-serial_tracking_wms_hhd.action_serial_scanner"
SIGNAL = "wms-screenshot:"
_handle_console = ChromeBrowser._handle_console


def _handle_console_with_screenshots(browser, type, args=None, **kw):  # pylint: disable=redefined-builtin
    """Save a PNG of the page when a tour step logs ``wms-screenshot:<name>``,
    into $WMS_SCREENSHOTS_DIR (setup/test.sh sets it to docs/screenshots)."""
    text = str(browser._from_remoteobject(args[0])) if args else ""
    if not text.startswith(SIGNAL):
        return _handle_console(browser, type, args=args, **kw)
    folder = os.environ.get("WMS_SCREENSHOTS_DIR")
    if not folder:
        return None
    path = Path(folder) / f"{text[len(SIGNAL) :]}.png"

    def save(future):
        try:
            data = future.result(timeout=0)["data"]
        except Exception as error:  # the page went away: no picture, no failure
            _logger.warning("screenshot %s not taken: %s", path.name, error)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    browser._websocket_send(
        "Page.captureScreenshot", with_future=True
    ).add_done_callback(save)
    return None


@tagged("post_install", "-at_install")
class TestScannerTours(ScannerFixtures, HttpCase):
    """Both flows end to end on the real web client, at phone size."""

    browser_size = "360x640"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_scanner_fixtures()
        cls.startClassPatcher(
            patch.object(
                ChromeBrowser, "_handle_console", _handle_console_with_screenshots
            )
        )

    def test_open_scanner_app(self):
        self.start_tour(APP, "serial_tracking_wms_hhd_open_app", login="tour_stock")

    def test_receive_flow(self):
        receipt = self._tour_receipt()
        self.start_tour(APP, "serial_tracking_wms_hhd_receive", login="tour_stock")
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self._on_hand(self.laptop), {"TL-1": 1, "TL-2": 1})
        self.assertEqual(self._on_hand(self.cable), {False: 4})
        backorder = receipt.backorder_ids
        self.assertEqual(
            backorder.move_ids.expected_serial_ids.mapped("name"), ["TL-3"]
        )

    def test_pick_flow(self):
        pick_list = self._tour_pick_list()
        self.start_tour(APP, "serial_tracking_wms_hhd_pick", login="tour_stock")
        self.assertEqual(pick_list.state, "done")
        customers = self.env.ref("stock.stock_location_customers")
        self.assertEqual(self._on_hand(self.earbuds, customers), {"TE-1": 1, "TE-2": 1})
        self.assertEqual(self._on_hand(self.tablet, customers), {"TF-1": 1})
        self.assertEqual(self._on_hand(self.earbuds), {False: 3})
