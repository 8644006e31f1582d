# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.serial_tracking_wms.tests.screenshots import ScreenshotsMixin

from .common import ScannerFixtures

APP = "/odoo/action-serial_tracking_wms_hhd.action_serial_scanner"


class FlakyNetwork:
    """The browser's own network made flaky through the DevTools protocol, when
    the tour asks for it (``wms-network:flaky`` on the console):

    * the answers of the scan calls numbered ``drop`` (from 1) are failed at the
      response stage (``Fetch.failRequest``): the server has handled the scan,
      the scanner never hears of it;
    * once call ``offline_after`` is answered, the network is cut
      (``Network.emulateNetworkConditions``, offline) for ``offline_seconds``:
      the calls meanwhile fail in the browser without reaching the server.

    The cut's length is the scenario, not a wait: whatever it lasts, the test
    asserts the same outcome. The tour waits for ``body[data-wms-network=flaky]``,
    set once the interception is in place (the DevTools commands run in order).
    """

    SIGNAL = "wms-network:flaky"

    def __init__(self, drop=(3, 8), offline_after=12, offline_seconds=4.0):
        self.drop = set(drop)
        self.offline_after = offline_after
        self.offline_seconds = offline_seconds
        self.answered = 0
        self.dropped = []
        self.cut = threading.Event()
        self.restored = threading.Event()
        self._browser = None

    def patch(self):
        """A patch of the browser's console handler, chained to the current
        one (the screenshots')."""
        current = ChromeBrowser._handle_console
        flaky = self

        def handle_console(browser, type, args=None, **kw):  # pylint: disable=redefined-builtin
            text = str(browser._from_remoteobject(args[0])) if args else ""
            if text == flaky.SIGNAL:
                flaky._start(browser)
                return None
            return current(browser, type, args=args, **kw)

        return patch.object(ChromeBrowser, "_handle_console", handle_console)

    def _start(self, browser):
        self._browser = browser
        browser._handlers["Fetch.requestPaused"] = self._on_paused
        browser._websocket_send(
            "Fetch.enable",
            params={"patterns": [{"urlPattern": "*/scan", "requestStage": "Response"}]},
        )
        browser._websocket_send("Network.enable")
        browser._websocket_send(
            "Runtime.evaluate",
            params={"expression": "document.body.dataset.wmsNetwork = 'flaky'"},
        )

    def _network(self, offline):
        self._browser._websocket_send(
            "Network.emulateNetworkConditions",
            params={
                "offline": offline,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            },
        )

    def _on_paused(self, requestId, **kw):
        self.answered += 1
        if self.answered in self.drop:
            self.dropped.append(self.answered)
            self._browser._websocket_send(
                "Fetch.failRequest",
                params={"requestId": requestId, "errorReason": "ConnectionReset"},
            )
        else:
            self._browser._websocket_send(
                "Fetch.continueRequest", params={"requestId": requestId}
            )
        if self.answered == self.offline_after:
            self._network(offline=True)
            self.cut.set()
            timer = threading.Timer(self.offline_seconds, self._back_online)
            timer.daemon = True
            timer.start()

    def _back_online(self):
        self._network(offline=False)
        self.restored.set()


@tagged("post_install", "-at_install")
class TestScannerTours(ScreenshotsMixin, ScannerFixtures, HttpCase):
    """Both flows end to end on the real web client, at phone size."""

    browser_size = "360x640"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_scanner_fixtures()
        cls._enable_screenshots()

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

    def test_burst_of_scans_through_the_barcode_service(self):
        """Twelve codes in about 100 ms from a keyboard-wedge scanner, two more
        typed back to back and the page reloaded at once: every serial is
        recorded, in the order scanned; the unlisted one is refused."""
        receipt = self._tour_burst_receipt()
        self.start_tour(APP, "serial_tracking_wms_hhd_burst", login="tour_stock")
        self.assertEqual(receipt.state, "done")
        scanned = [f"BURST-{i:02d}" for i in (7, 3, 10, 1, 12, 5, 2, 9, 4, 11, 6, 8)]
        lines = receipt.move_line_ids.sorted("id")
        self.assertEqual(lines.mapped("lot_id.name"), scanned)
        self.assertEqual(lines.mapped("quantity"), [1] * 12)
        self.assertEqual(self._on_hand(self.laptop), dict.fromkeys(scanned, 1))
        self.assertEqual(
            set(receipt.move_ids.expected_serial_ids.mapped("state")), {"received"}
        )
        self.assertFalse(
            self.env["stock.lot"].search([("name", "=", "BURST-99")]),
            "the unlisted serial was refused",
        )

    def test_pick_flow(self):
        pick_list = self._tour_pick_list()
        self.start_tour(APP, "serial_tracking_wms_hhd_pick", login="tour_stock")
        self.assertEqual(pick_list.state, "done")
        customers = self.env.ref("stock.stock_location_customers")
        self.assertEqual(self._on_hand(self.earbuds, customers), {"TE-1": 1, "TE-2": 1})
        self.assertEqual(self._on_hand(self.tablet, customers), {"TF-1": 1})
        self.assertEqual(self._on_hand(self.earbuds), {False: 3})

    def test_batch_pick_with_a_tote(self):
        batch, tote = self._tour_batch()
        self.start_tour(APP, "serial_tracking_wms_hhd_batch_tote", login="tour_stock")
        self.assertEqual(batch.state, "done")
        self.assertEqual(set(batch.picking_ids.mapped("state")), {"done"})
        self.assertEqual(batch.move_line_ids.result_package_id, tote)
        quants = tote.quant_ids.filtered("quantity")
        self.assertEqual(
            sorted(quants.lot_id.mapped("name")), ["TB-2", "TE-B1", "TE-B2", "TE-B3"]
        )
        self.assertEqual(quants.location_id, batch.picking_ids[0].location_dest_id)

    def test_wrong_label_refused(self):
        """A product whose serials look like TT-00001: the box's EAN and the
        MAC address scanned by mistake are refused, the serial label taken."""
        self.tablet.product_tmpl_id.write(
            {
                "wms_serial_prefix": "TT-",
                "wms_serial_min_length": 8,
                "wms_serial_max_length": 8,
            }
        )
        receipt = self._picking(
            "TOUR-LABELS",
            self.warehouse.in_type_id,
            self.env.ref("stock.stock_location_suppliers"),
            self.stock_location,
            self.vendor,
            [(self.tablet, 2)],
        )
        self.start_tour(APP, "serial_tracking_wms_hhd_wrong_label", login="tour_stock")
        picked = receipt.move_line_ids.filtered("picked")
        self.assertEqual(picked.mapped("lot_name"), ["TT-00001"])
        self.assertEqual(receipt.state, "assigned")

    def test_each_scan_recorded_once_over_a_flaky_network(self):
        """Twenty serials in a burst; the answers to two scan calls lost after
        the server handled them, and the network cut for a while in the
        middle: twenty recorded exactly once, in order, no refusal shown."""
        receipt = self._picking(
            "TOUR-ONCE",
            self.warehouse.in_type_id,
            self.env.ref("stock.stock_location_suppliers"),
            self.stock_location,
            self.vendor,
            [(self.laptop, 20)],
        )
        flaky = FlakyNetwork()
        with flaky.patch():
            self.start_tour(
                APP, "serial_tracking_wms_hhd_scan_once", login="tour_stock"
            )
        # The browser's network did fail: two answers lost, a cut, and back.
        self.assertEqual(flaky.dropped, [3, 8])
        self.assertTrue(flaky.cut.is_set() and flaky.restored.is_set())
        lines = receipt.move_line_ids.filtered("picked").sorted("id")
        self.assertEqual(
            lines.mapped("lot_name"), [f"ONCE-{i:02d}" for i in range(1, 21)]
        )
        self.assertEqual(lines.mapped("quantity"), [1] * 20)
        handled = self.env["wms.hhd.scan"].search(
            [("user_id", "=", self.stock_user.id)]
        )
        # The product's barcode, then the twenty serials: each handled once.
        self.assertEqual(len(handled), 21)
