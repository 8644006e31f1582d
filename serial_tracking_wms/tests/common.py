# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo import Command
from odoo.tests import Form, TransactionCase, new_test_user


def create_picking(env, picking_type, src, dest, partner, lines, **vals):
    """A transfer of ``picking_type`` from ``src`` to ``dest``, one move per
    (product, qty) of ``lines``; ``vals`` are more picking values. Not confirmed."""
    return env["stock.picking"].create(
        {
            "picking_type_id": picking_type.id,
            "partner_id": partner.id,
            "location_id": src.id,
            "location_dest_id": dest.id,
            "move_ids": [
                Command.create(
                    {
                        "name": product.name,
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "product_uom": product.uom_id.id,
                        "location_id": src.id,
                        "location_dest_id": dest.id,
                    }
                )
                for product, qty in lines
            ],
            **vals,
        }
    )


class SerialTrackingCase(TransactionCase):
    """Fixtures built once per class: a warehouse of its own, a vendor, a customer,
    one product per tracking mode, a stock user and an Inventory manager. Tests
    act as the stock user unless they say otherwise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.warehouse = cls.env["stock.warehouse"].create(
            {
                "name": "Serial Test Warehouse",
                "code": "STW",
                "company_id": cls.company.id,
            }
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.supplier_location = cls.env.ref("stock.stock_location_suppliers")
        cls.customer_location = cls.env.ref("stock.stock_location_customers")
        cls.vendor = cls.env["res.partner"].create({"name": "Test Vendor"})
        cls.customer = cls.env["res.partner"].create({"name": "Test Customer"})
        cls.stock_user = new_test_user(
            cls.env, login="wms_stock_user", groups="stock.group_stock_user"
        )
        cls.stock_manager = new_test_user(
            cls.env, login="wms_stock_manager", groups="stock.group_stock_manager"
        )
        cls.product_none = cls._create_product("Cable", "none")
        cls.product_pick = cls._create_product("Earbuds", "pick")
        cls.product_full = cls._create_product("Laptop", "full")
        cls.uenv = cls.env(user=cls.stock_user)

    # --- Fixture helpers ---
    @classmethod
    def _create_product(cls, name, mode, **vals):
        return cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "is_storable": True,
                "serial_tracking_mode": mode,
                **vals,
            }
        )

    @classmethod
    def _create_receipt(cls, lines, confirm=True, vendor=None):
        """A pre-receipt of the test warehouse; ``lines``: [(product, qty)]."""
        picking = create_picking(
            cls.env,
            cls.warehouse.in_type_id,
            cls.supplier_location,
            cls.stock_location,
            vendor or cls.vendor,
            lines,
        )
        if confirm:
            picking.action_confirm()
        return picking

    @classmethod
    def _create_purchase(cls, lines, vendor=None, env=None, warehouse=None):
        """A purchase order to ``warehouse`` (the test warehouse), created and
        confirmed in ``env`` (a buyer's; the test's by default); needs Purchase:
        the real-world run. ``lines``: [(product, qty, unit price)]. Its receipt
        is confirmed at once, as Odoo makes it."""
        order = (env or cls.env)["purchase.order"].create(
            {
                "partner_id": (vendor or cls.vendor).id,
                "picking_type_id": (warehouse or cls.warehouse).in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": qty,
                            "price_unit": price,
                        }
                    )
                    for product, qty, price in lines
                ],
            }
        )
        order.button_confirm()
        return order

    @classmethod
    def _create_sale(cls, lines, env=None, warehouse=None):
        """A sale order from ``warehouse`` (the test warehouse) to the customer,
        created and confirmed in ``env`` (a salesman's; the test's by default);
        needs Sales: the real-world run. ``lines``: [(product, qty)]."""
        order = (env or cls.env)["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "warehouse_id": (warehouse or cls.warehouse).id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def _put_in_stock(cls, product, qty=0, serials=(), location=None):
        """Stock on hand, the native way (quant update), with or without serials."""
        location = location or cls.stock_location
        Quant = cls.env["stock.quant"]
        for name in serials:
            lot = cls.env["stock.lot"].create(
                {"name": name, "product_id": product.id, "company_id": cls.company.id}
            )
            Quant._update_available_quantity(product, location, 1, lot_id=lot)
        if qty:
            Quant._update_available_quantity(product, location, qty)

    # --- Action helpers ---
    def _validate(self, picking, backorder=None):
        """Validate as a user would; answer Odoo's backorder question with
        ``backorder`` ("create" or "cancel") when it is asked."""
        res = picking.button_validate()
        if (
            isinstance(res, dict)
            and res.get("res_model") == "stock.backorder.confirmation"
        ):
            self.assertIn(
                backorder, ("create", "cancel"), "unexpected backorder question"
            )
            wizard = Form.from_action(picking.env, res).save()
            if backorder == "create":
                wizard.process()
            else:
                wizard.process_cancel_backorder()
        else:
            self.assertIsNone(backorder, f"no backorder question was asked: {res}")
        return picking

    def _scan(self, picking, product, serial):
        return picking.wms_scan_serial(product.id, serial)

    # --- Assertion helpers ---
    @contextmanager
    def assertRefused(self, exception, pattern):
        """Like ``assertRaisesRegex``, inside Odoo's savepoint: what the refused
        call wrote is rolled back, as the request's transaction would be."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception.args[0]), pattern)

    def assertScanOk(self, result, done_qty=None):
        self.assertTrue(result["ok"], result["message"])
        if done_qty is not None:
            self.assertEqual(result["done_qty"], done_qty)

    def assertScanRefused(self, result, *fragments):
        self.assertFalse(result["ok"], "the scan should have been refused")
        for fragment in fragments:
            self.assertIn(fragment, result["message"])

    def assertMovePicked(self, move, picked):
        """``move``'s stored ``picked`` is ``picked``, and what Odoo's rule gives
        from its lines as they are in the database (picked when done or when
        any of its lines is picked)."""
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(move.picked, picked)
        self.assertEqual(
            move.state == "done" or any(move.move_line_ids.mapped("picked")), picked
        )

    def assertOnHand(self, product, expected, location=None):
        """``expected``: {serial name or False: quantity} on hand at ``location``."""
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", product.id),
                ("location_id", "=", (location or self.stock_location).id),
            ]
        )
        actual = {}
        for quant in quants.filtered("quantity"):
            key = quant.lot_id.name or False
            actual[key] = actual.get(key, 0) + quant.quantity
        self.assertEqual(actual, expected)


class PickCase(SerialTrackingCase):
    """Adds goods-out helpers: one-step deliveries and pick/pack/ship chains."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse_3steps = cls.env["stock.warehouse"].create(
            {
                "name": "Three Step Warehouse",
                "code": "W3S",
                "company_id": cls.company.id,
                "delivery_steps": "pick_pack_ship",
            }
        )

    @classmethod
    def _create_delivery(cls, lines, warehouse=None, assign=True):
        """A one-step delivery (the pick list) from ``warehouse``'s stock."""
        warehouse = warehouse or cls.warehouse
        picking = create_picking(
            cls.env,
            warehouse.out_type_id,
            warehouse.lot_stock_id,
            cls.customer_location,
            cls.customer,
            lines,
        )
        picking.action_confirm()
        if assign:
            picking.action_assign()
        return picking

    @classmethod
    def _create_chain(cls, product, qty, warehouse=None):
        """Procure ``qty`` of ``product`` for the customer through the warehouse's
        delivery route, as a sale would. Returns the pick; Odoo creates the next
        steps (pack, ship) as the previous one is validated: see ``_next_step``."""
        warehouse = warehouse or cls.warehouse_3steps
        group = cls.env["procurement.group"].create({"name": "WMS test chain"})
        Procurement = cls.env["procurement.group"].Procurement
        cls.env["procurement.group"].run(
            [
                Procurement(
                    product,
                    qty,
                    product.uom_id,
                    cls.customer_location,
                    "chain",
                    "chain",
                    cls.company,
                    {"warehouse_id": warehouse, "group_id": group},
                )
            ]
        )
        pick = cls._next_step(group, warehouse.pick_type_id)
        pick.action_assign()
        return pick

    @classmethod
    def _next_step(cls, group, picking_type):
        picking = cls.env["stock.picking"].search(
            [("group_id", "=", group.id), ("picking_type_id", "=", picking_type.id)]
        )
        assert len(picking) == 1, f"expected one {picking_type.name}, got {picking}"
        return picking

    def assertNoNegativeQuant(self, product):
        negative = (
            self.env["stock.quant"]
            .search([("product_id", "=", product.id), ("quantity", "<", 0)])
            .filtered(lambda q: q.location_id.usage in ("internal", "transit"))
        )
        self.assertFalse(
            negative,
            [(q.location_id.display_name, q.lot_id.name, q.quantity) for q in negative],
        )

    def _return(self, picking, product, qty):
        """Return ``qty`` of ``product`` delivered by ``picking`` (Odoo's wizard)."""
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({"picking_id": picking.id})
        )
        for line in wizard.product_return_moves:
            line.quantity = qty if line.product_id == product else 0
        action = wizard.action_create_returns()
        return self.env["stock.picking"].browse(action["res_id"])
