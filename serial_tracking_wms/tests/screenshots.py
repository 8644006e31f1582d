# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshots of the web client for docs/, taken by browser tests on request.

A tour step logs ``wms-screenshot:<name>`` on the browser console; the test saves
a PNG of the page as ``<name>.png`` into ``$WMS_SCREENSHOTS_DIR`` (setup/test.sh
sets it to docs/screenshots). Without that variable, nothing is written.
"""

import base64
import logging
import os
from pathlib import Path
from unittest.mock import patch

from odoo.tests.common import ChromeBrowser

from .tours import PatientToursMixin

_logger = logging.getLogger(__name__)
SIGNAL = "wms-screenshot:"
_handle_console = ChromeBrowser._handle_console


def handle_console_with_screenshots(browser, type, args=None, **kw):  # pylint: disable=redefined-builtin
    """``ChromeBrowser._handle_console``, saving a PNG on the screenshot signal."""
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


class ScreenshotsMixin(PatientToursMixin):
    """For ``HttpCase`` classes whose tours take screenshots: call
    ``cls._enable_screenshots()`` in ``setUpClass``."""

    @classmethod
    def _enable_screenshots(cls):
        cls.startClassPatcher(
            patch.object(
                ChromeBrowser, "_handle_console", handle_console_with_screenshots
            )
        )
