# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import Form, tagged

from ..models.product_template import DEFAULT_MODE_PARAM
from ..models.stock_serial_job import DEFAULT_THRESHOLD
from .common import SerialTrackingCase


@tagged("post_install", "-at_install")
class TestSettings(SerialTrackingCase):
    """Inventory's settings have a block for the suite: what it adds, what needs
    Odoo's Consignment or Valuation (their switches), its default."""

    def _settings_arch(self):
        admin = self.env.ref("base.user_admin")
        arch = (
            self.env["res.config.settings"]
            .with_user(admin)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        return etree.fromstring(arch)

    def test_block_in_inventory_settings(self):
        root = self._settings_arch()
        blocks = root.xpath(
            "//app[@name='stock']//*[@id='serial_tracking_wms_settings']"
        )
        self.assertEqual(len(blocks), 1)
        block = blocks[0]
        self.assertEqual(block.get("title"), "Serial Number Tracking (WMS)")
        settings = {node.get("id"): node for node in block.iter("setting")}
        self.assertEqual(
            set(settings),
            {
                "wms_serial_tracking_modes",
                "wms_serial_reports",
                "wms_account_transfer",
                "wms_serial_valuation",
                "wms_background_validation",
            },
        )
        self.assertTrue(
            settings["wms_background_validation"].xpath(
                ".//field[@name='wms_background_threshold']"
            )
        )
        # Account Transfer and Serial Valuation show the switch they need.
        self.assertIn(
            "Needs Odoo's Consignment", settings["wms_account_transfer"].get("help")
        )
        self.assertTrue(
            settings["wms_account_transfer"].xpath(
                ".//field[@name='group_stock_tracking_owner']"
            )
        )
        self.assertIn(
            "Needs Odoo's Valuation", settings["wms_serial_valuation"].get("help")
        )
        self.assertTrue(
            settings["wms_serial_valuation"].xpath(
                ".//field[@name='module_stock_account']"
            )
        )
        self.assertTrue(
            settings["wms_serial_tracking_modes"].xpath(
                ".//field[@name='wms_default_serial_tracking_mode']"
            )
        )
        # Links to the reports, one name each, as their menus.
        buttons = [
            b.get("string") for b in settings["wms_serial_reports"].iter("button")
        ]
        self.assertEqual(
            buttons,
            [
                "Serial Number Lookup",
                "Serial Number Recall",
                "Stock List",
                "Expected Serial Numbers",
            ],
        )

    def test_default_mode_for_new_products(self):
        admin = self.env.ref("base.user_admin")
        with Form(self.env["res.config.settings"].with_user(admin)) as form:
            self.assertEqual(form.wms_default_serial_tracking_mode, "none")
            form.wms_default_serial_tracking_mode = "full"
        form.record.execute()
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param(DEFAULT_MODE_PARAM),
            "full",
        )
        Template = self.env["product.template"].with_user(self.stock_manager)
        storable = Template.create({"name": "New Router", "is_storable": True})
        self.assertEqual(storable.serial_tracking_mode, "full")
        self.assertEqual(storable.tracking, "serial")
        # Not for goods not stocked, nor when the product says otherwise.
        consumable = Template.create({"name": "Tape"})
        self.assertEqual(consumable.serial_tracking_mode, "none")
        self.assertEqual(consumable.tracking, "none")
        service = Template.create({"name": "Setup", "type": "service"})
        self.assertEqual(service.serial_tracking_mode, "none")
        explicit = Template.create(
            {"name": "Cable Reel", "is_storable": True, "serial_tracking_mode": "none"}
        )
        self.assertEqual(explicit.serial_tracking_mode, "none")
        # The product form: ticking Track Inventory gives the default at once.
        with Form(Template) as product_form:
            product_form.name = "New Switch"
            product_form.is_storable = True
            self.assertEqual(product_form.serial_tracking_mode, "full")
            self.assertEqual(product_form.tracking, "serial")
        self.assertEqual(product_form.record.serial_tracking_mode, "full")
        # Back to No Tracking: Odoo's default again.
        with Form(self.env["res.config.settings"].with_user(admin)) as form:
            form.wms_default_serial_tracking_mode = "none"
        form.record.execute()
        plain = Template.create({"name": "Old Switch", "is_storable": True})
        self.assertEqual(plain.serial_tracking_mode, "none")

    def test_background_threshold_zero_is_kept(self):
        """The settings' "0: never in the background" survives saving (Odoo
        drops an integer parameter of 0, which would read as the default),
        and a later value replaces it."""
        admin = self.env.ref("base.user_admin")
        Job = self.env["stock.serial.job"]
        self.assertEqual(Job._wms_threshold(), DEFAULT_THRESHOLD)
        with Form(self.env["res.config.settings"].with_user(admin)) as form:
            self.assertEqual(form.wms_background_threshold, DEFAULT_THRESHOLD)
            form.wms_background_threshold = 0
        form.record.execute()
        self.assertEqual(Job._wms_threshold(), 0)
        with Form(self.env["res.config.settings"].with_user(admin)) as form:
            self.assertEqual(form.wms_background_threshold, 0)
            form.wms_background_threshold = 500
        form.record.execute()
        self.assertEqual(Job._wms_threshold(), 500)
