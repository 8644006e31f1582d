# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import PickCase

# stock_quant columns that must be equal whichever path wrote the quant.
COMPARED = (
    "product_id, company_id, location_id, storage_category_id, package_id, owner_id, "
    "user_id, inventory_date, quantity, reserved_quantity, inventory_quantity, "
    "inventory_diff_quantity, inventory_quantity_set, serial_tracking_mode"
)


@tagged("post_install", "-at_install")
class TestBulkDone(PickCase):
    """Validating many serials set-based leaves the very rows Odoo's own line by
    line path leaves (``wms_no_bulk`` in the context forces Odoo's path)."""

    def _quant_rows(self, lots):
        self.env.flush_all()
        self.env.cr.execute(
            f"SELECT {COMPARED} FROM stock_quant WHERE lot_id IN %s "
            f"ORDER BY {COMPARED}",
            (tuple(lots.ids),),
        )
        return self.env.cr.fetchall()

    def _receive(self, names, bulk):
        receipt = self._create_receipt([(self.product_full, len(names))])
        receipt.wms_set_expected_serials(self.product_full.id, names)
        receipt.wms_receive_expected_serials(self.product_full.id)
        lines = receipt.move_line_ids
        self.assertEqual(lines._wms_bulk_receipt_lines(), lines, "all lines qualify")
        self._validate(receipt.with_context(wms_no_bulk=not bulk))
        return receipt

    def _ship(self, names, bulk):
        delivery = self._create_delivery([(self.product_full, len(names))])
        delivery.wms_set_picked_serials(self.product_full.id, names)
        lines = delivery.move_line_ids
        self.assertEqual(lines._wms_bulk_shipment_lines(), lines, "all lines qualify")
        self._validate(delivery.with_context(wms_no_bulk=not bulk))
        return delivery

    def _compare(self, native_lots, bulk_lots):
        self.assertEqual(len(native_lots), len(bulk_lots))
        self.assertEqual(self._quant_rows(native_lots), self._quant_rows(bulk_lots))
        self.assertEqual(
            sorted(native_lots.mapped("location_id.id")),
            sorted(bulk_lots.mapped("location_id.id")),
        )
        self.assertEqual(
            set(native_lots.mapped("company_id.id")),
            set(bulk_lots.mapped("company_id.id")),
        )

    def test_receipt_same_rows_as_native(self):
        native = self._receive([f"N-{i}" for i in range(4)], bulk=False)
        bulk = self._receive([f"B-{i}" for i in range(4)], bulk=True)
        for picking in (native, bulk):
            self.assertEqual(picking.state, "done")
            self.assertEqual(len(picking.move_line_ids.lot_id), 4)
            self.assertTrue(all(picking.move_line_ids.mapped("date")))
        self._compare(native.move_line_ids.lot_id, bulk.move_line_ids.lot_id)
        self.assertOnHand(
            self.product_full, {f"{p}-{i}": 1 for p in "NB" for i in range(4)}
        )
        self.assertEqual(
            bulk.move_ids.expected_serial_ids.mapped("state"), ["received"] * 4
        )

    def test_shipment_same_rows_as_native(self):
        self._receive([f"N-{i}" for i in range(3)] + [f"B-{i}" for i in range(3)], True)
        native = self._ship([f"N-{i}" for i in range(3)], bulk=False)
        bulk = self._ship([f"B-{i}" for i in range(3)], bulk=True)
        for picking in (native, bulk):
            self.assertEqual(picking.state, "done")
        self._compare(native.move_line_ids.lot_id, bulk.move_line_ids.lot_id)
        self.assertOnHand(self.product_full, {})
        self.assertOnHand(
            self.product_full,
            {f"{p}-{i}": 1 for p in "NB" for i in range(3)},
            self.customer_location,
        )
        self.assertNoNegativeQuant(self.product_full)
        problems = self.env["stock.serial.integrity"].sudo().wms_check()
        self.assertEqual(problems, [])

    def test_reservation_same_rows_as_native(self):
        """FIFO choice, one line per serial, quants reserved: as Odoo does."""
        self._receive([f"R-{i}" for i in range(6)], bulk=True)
        native = self._create_delivery([(self.product_full, 3)], assign=False)
        native.with_context(wms_no_bulk=True).action_assign()
        bulk = self._create_delivery([(self.product_full, 3)], assign=False)
        bulk.action_assign()
        self.assertEqual(
            native.move_line_ids.lot_id.mapped("name"), ["R-0", "R-1", "R-2"]
        )
        self.assertEqual(
            bulk.move_line_ids.lot_id.mapped("name"), ["R-3", "R-4", "R-5"]
        )
        fields = [
            "quantity",
            "location_id",
            "location_dest_id",
            "product_uom_id",
            "picked",
        ]

        def lines(picking):
            rows = picking.move_line_ids.read(fields, load=None)
            return [{k: v for k, v in row.items() if k != "id"} for row in rows]

        self.assertEqual(lines(native), lines(bulk))
        self._compare(native.move_line_ids.lot_id, bulk.move_line_ids.lot_id)
        quants = self.env["stock.quant"].search(
            [
                ("lot_id.name", "like", "R-"),
                ("location_id", "=", self.stock_location.id),
            ]
        )
        self.assertEqual(sorted(quants.mapped("reserved_quantity")), [1.0] * 6)
        self.assertEqual((native.state, bulk.state), ("assigned", "assigned"))
