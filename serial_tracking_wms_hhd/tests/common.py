# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user

from odoo.addons.serial_tracking_wms.tests.common import create_picking


class ScannerFixtures:
    """Documents for the scanner flows, built once per class (``cls.env``)."""

    @classmethod
    def _setup_scanner_flows(cls):
        """The two flows as the stock user's screens call them."""
        cls.receive = cls.env["wms.hhd.receive"].with_user(cls.stock_user)
        cls.pick = cls.env["wms.hhd.pick"].with_user(cls.stock_user)

    def _line(self, screen, product):
        """The line of ``product`` in a screen's answer."""
        return next(
            line for line in screen["lines"] if line["product_id"] == product.id
        )

    @classmethod
    def _setup_scanner_fixtures(cls):
        env = cls.env
        cls.warehouse = env["stock.warehouse"].create(
            {"name": "Scanner WH", "code": "SCW"}
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.vendor = env["res.partner"].create({"name": "Tour Vendor"})
        cls.customer = env["res.partner"].create({"name": "Tour Customer"})
        cls.stock_user = new_test_user(
            env, login="tour_stock", groups="stock.group_stock_user"
        )

        def product(name, mode, barcode=False):
            return env["product.product"].create(
                {
                    "name": name,
                    "is_storable": True,
                    "serial_tracking_mode": mode,
                    "barcode": barcode,
                }
            )

        cls.laptop = product("Tour Laptop", "full", "2900000009998")
        cls.cable = product("Tour Cable", "none")
        cls.earbuds = product("Tour Earbuds", "pick", "2900000009981")
        cls.tablet = product("Tour Tablet", "full", "2900000009974")

    @classmethod
    def _picking(cls, name, picking_type, src, dest, partner, lines):
        picking = create_picking(
            cls.env, picking_type, src, dest, partner, lines, name=name
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    @classmethod
    def _receipt_expecting(cls, name, serials, more_lines=()):
        """A receipt (ready) of one laptop per serial of ``serials``, each of
        them expected, and of ``more_lines`` (product, quantity)."""
        receipt = cls._picking(
            name,
            cls.warehouse.in_type_id,
            cls.env.ref("stock.stock_location_suppliers"),
            cls.stock_location,
            cls.vendor,
            [(cls.laptop, len(serials)), *more_lines],
        )
        receipt.wms_set_expected_serials(cls.laptop.id, serials)
        return receipt

    @classmethod
    def _tour_receipt(cls):
        return cls._receipt_expecting(
            "TOUR-RECEIPT", ["TL-1", "TL-2", "TL-3"], [(cls.cable, 4)]
        )

    @classmethod
    def _tour_burst_receipt(cls):
        """Twelve laptops, each serial expected: BURST-01 to BURST-12."""
        return cls._receipt_expecting(
            "TOUR-BURST", [f"BURST-{i:02d}" for i in range(1, 13)]
        )

    @classmethod
    def _tour_pick_list(cls):
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.earbuds, cls.stock_location, 5)
        lot = cls.env["stock.lot"].create({"name": "TF-1", "product_id": cls.tablet.id})
        Quant._update_available_quantity(cls.tablet, cls.stock_location, 1, lot_id=lot)
        return cls._picking(
            "TOUR-PICK",
            cls.warehouse.out_type_id,
            cls.stock_location,
            cls.env.ref("stock.stock_location_customers"),
            cls.customer,
            [(cls.earbuds, 2), (cls.tablet, 1)],
        )

    @classmethod
    def _tour_batch(cls):
        """Two pick lists of a three-step warehouse in one batch, and an empty
        tote to pick them into."""
        env = cls.env
        wh = env["stock.warehouse"].create(
            {"name": "Scanner WH 3", "code": "SC3", "delivery_steps": "pick_pack_ship"}
        )
        Quant = env["stock.quant"]
        Quant._update_available_quantity(cls.earbuds, wh.lot_stock_id, 4)
        for name in ("TB-1", "TB-2"):
            lot = env["stock.lot"].create({"name": name, "product_id": cls.tablet.id})
            Quant._update_available_quantity(cls.tablet, wh.lot_stock_id, 1, lot_id=lot)
        pick_type = wh.pick_type_id
        pickings = env["stock.picking"]
        for name, lines in (
            ("TOUR-BATCH-A", [(cls.earbuds, 2)]),
            ("TOUR-BATCH-B", [(cls.earbuds, 1), (cls.tablet, 1)]),
        ):
            pickings |= cls._picking(
                name,
                pick_type,
                pick_type.default_location_src_id,
                pick_type.default_location_dest_id,
                cls.customer,
                lines,
            )
        batch = env["stock.picking.batch"].create(
            {"name": "TOUR-BATCH", "picking_ids": [(6, 0, pickings.ids)]}
        )
        batch.action_confirm()
        tote = env["stock.quant.package"].create({"name": "TOUR-TOTE-1"})
        return batch, tote

    def _on_hand(self, product, location=None):
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", product.id),
                ("location_id", "=", (location or self.stock_location).id),
                ("quantity", "!=", 0),
            ]
        )
        return {q.lot_id.name or False: q.quantity for q in quants}
