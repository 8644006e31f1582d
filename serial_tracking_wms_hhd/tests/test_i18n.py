# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import polib

from odoo.tests import TransactionCase, tagged

from odoo.addons.serial_tracking_wms.tests.i18n_common import (
    TranslationFilesMixin,
    exported_keys,
    i18n_path,
    pot_keys,
)

MODULE = "serial_tracking_wms_hhd"


@tagged("post_install", "-at_install")
class TestTranslationFiles(TranslationFilesMixin, TransactionCase):
    """serial_tracking_wms_hhd.pot holds every translatable string of the
    scanner (server flows, the OWL app's JavaScript and templates, menus); fr,
    de and es translate all of them."""

    module = MODULE

    def test_the_check_sees_code_and_records(self):
        """The exporter and the .pot reader both see a JavaScript ``_t()``
        string, an OWL template text, a Python message and a menu."""
        known = {
            ("Pre-Receipt Receive", "odoo-javascript"),
            ("Choose a workflow", "odoo-javascript"),
            ("Nothing was scanned.", "odoo-python"),
            (
                "Serial Scanner",
                "model:ir.ui.menu,name:serial_tracking_wms_hhd.menu_serial_scanner_root",
            ),
        }
        self.assertLessEqual(known, exported_keys(self.env.cr, MODULE))
        pot = polib.pofile(i18n_path(MODULE, f"{MODULE}.pot"))
        self.assertLessEqual(known, pot_keys(pot))
