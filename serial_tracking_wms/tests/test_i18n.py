# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import polib

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import SerialTrackingCase
from .i18n_common import (
    TranslationFilesMixin,
    activate_language,
    exported_keys,
    i18n_path,
    pot_keys,
)

MODULE = "serial_tracking_wms"


@tagged("post_install", "-at_install")
class TestTranslationFiles(TranslationFilesMixin, TransactionCase):
    """serial_tracking_wms.pot holds every translatable string of the code and
    records; fr, de and es translate all of them."""

    module = MODULE

    def test_the_check_sees_code_and_records(self):
        """The comparison reads what it should: the exporter finds a Python
        refusal, a field label and a menu, and the .pot reader finds them too
        (a check that compared two empty sets would always pass)."""
        known = {
            ("Serial number refused", "odoo-python"),
            (
                "Serial Number Tracking Setting",
                "model:ir.model.fields,field_description:"
                "serial_tracking_wms.field_product_template__serial_tracking_mode",
            ),
            ("Stock List", "model:ir.ui.menu,name:serial_tracking_wms.menu_stock_list"),
        }
        self.assertLessEqual(known, exported_keys(self.env.cr, MODULE))
        pot = polib.pofile(i18n_path(MODULE, f"{MODULE}.pot"))
        self.assertLessEqual(known, pot_keys(pot))


@tagged("post_install", "-at_install")
class TestFrenchStockUser(SerialTrackingCase):
    """A stock user whose language is French meets the suite in French: labels,
    menus, views, the demo's products, and the refusals, with the product's
    tracking mode named in French inside them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_language(cls.env, "fr_FR", [MODULE])
        cls.stock_user.lang = "fr_FR"
        # What the web client sends with every call: the user's language.
        cls.fenv = cls.env(user=cls.stock_user, context={"lang": "fr_FR"})

    def test_labels_menus_and_views_in_french(self):
        field = self.fenv["product.template"].fields_get(["serial_tracking_mode"])
        self.assertEqual(
            field["serial_tracking_mode"]["string"],
            "Paramètre de suivi des numéros de série",
        )
        self.assertEqual(
            dict(field["serial_tracking_mode"]["selection"]),
            {
                "none": "Aucun suivi",
                "pick": "Suivi au prélèvement",
                "full": "Suivi complet",
            },
        )
        menus = self.fenv["ir.ui.menu"].load_menus(debug=False)
        names = {menu["name"] for menu in menus.values() if isinstance(menu, dict)}
        self.assertIn("Liste du stock", names)
        self.assertIn("Transactions avec numéros de série", names)
        self.assertIn("Recherche de numéro de série", names)
        view = self.env.ref(f"{MODULE}.stock_quant_stock_list_view")
        arch = self.fenv["stock.quant"].get_view(view.id, "list")["arch"]
        self.assertIn('<list string="Liste du stock"', arch)
        self.assertIn('sum="Total en stock"', arch)
        self.assertIn('string="En stock depuis"', arch)
        self.assertNotIn("Total On Hand", arch)

    def test_demo_products_in_french(self):
        demo = self.env.ref(f"{MODULE}.demo_product_pick", raise_if_not_found=False)
        if not demo:
            self.fail("the test database was installed without demo data")
        self.assertEqual(demo.with_env(self.fenv).name, "Écouteurs sans fil")
        self.assertEqual(demo.name, "Wireless Earbuds")

    def test_refused_serial_in_french(self):
        receipt = self._create_receipt([(self.product_full, 2)])
        receipt = receipt.with_env(self.fenv)
        receipt.wms_set_expected_serials(self.product_full.id, ["FR-1", "FR-2"])
        result = self._scan(receipt, self.product_full, "FR-1")
        self.assertScanOk(result, done_qty=1)
        self.assertEqual(result["message"], "FR-1 enregistré pour Laptop.")
        result = self._scan(receipt, self.product_full, "FR-9")
        self.assertScanRefused(result)
        self.assertEqual(
            result["message"],
            f"Le numéro de série FR-9 n'est pas attendu pour Laptop sur "
            f"{receipt.name} ; seuls ses numéros de série listés peuvent être "
            "réceptionnés.",
        )
        self.assertEqual(result["done_qty"], 1)
        self.assertEqual(
            receipt.move_line_ids.filtered("picked").mapped("lot_name"), ["FR-1"]
        )
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "FR-9")]))

    def test_refusal_at_validation_in_french(self):
        """A UserError names the product's tracking mode in French too."""
        receipt = self._create_receipt([(self.product_full, 2)]).with_env(self.fenv)
        receipt.move_line_ids.picked = True
        with self.assertRaises(UserError) as refused:
            receipt.with_context(skip_sanity_check=True).button_validate()
        self.assertEqual(
            refused.exception.args[0],
            f"Laptop est en Suivi complet : 2 unités sur {receipt.name} n'ont pas "
            "de numéro de série. Scannez ou saisissez un numéro de série par unité.",
        )
        self.assertEqual(receipt.state, "assigned")
        self.assertOnHand(self.product_full, {})
