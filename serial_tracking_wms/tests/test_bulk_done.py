# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..speed import reservation as speed_reservation
from ..speed.quants import QuantBatch
from ..speed.rows import write_rows
from .common import PickCase, create_picking
from .speed_common import unverified

NOW = fields.Datetime.now()


@contextmanager
def counting_batched_calls():
    """Count the quant updates a ``QuantBatch`` computed (not left to Odoo)."""
    counted = []
    update = QuantBatch.update

    def spy(batch, *args, **kwargs):
        result = update(batch, *args, **kwargs)
        counted.append(result is not None)
        return result

    with patch.object(QuantBatch, "update", spy):
        yield counted


class BulkCase(PickCase):
    """Helpers: receive, ship and compare rows of both paths."""

    def _columns(self, table, excluded):
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s ORDER BY column_name",
            [table],
        )
        # The probe modules' columns (real-world database) hold the serial's name
        # and a sequence's references: the parity tests compare them, normalised.
        return [
            name
            for (name,) in self.env.cr.fetchall()
            if name not in excluded and not name.startswith("wms_probe_")
        ]

    def _rows(self, table, where, params, excluded=("id",), lots=None):
        """The rows of ``table`` matching ``where``, every column but ``excluded``,
        a lot of ``lots`` shown by its rank in them by name, sorted."""
        self.env.flush_all()
        columns = self._columns(table, excluded)
        self.env.cr.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {where}", params
        )
        lots = lots if lots is not None else self.env["stock.lot"]
        rank = {lot.id: i for i, lot in enumerate(lots.sorted("name"))}
        rows = []
        for row in self.env.cr.fetchall():
            row = dict(zip(columns, row, strict=True))
            if row.get("lot_id"):
                row["lot_id"] = rank[row["lot_id"]]
            rows.append(row)
        return sorted(rows, key=repr)

    def _quant_rows(self, lots):
        return self._rows("stock_quant", "lot_id IN %s", [tuple(lots.ids)], lots=lots)

    def _receive(self, names, bulk, chatter=False):
        receipt = self._create_receipt([(self.product_full, len(names))])
        receipt.wms_set_expected_serials(self.product_full.id, names)
        receipt.wms_receive_expected_serials(self.product_full.id)
        # Odoo dates new quants by the clock (``fields.Datetime.now``): both
        # paths validate at the same instant.
        with freeze_time(NOW), counting_batched_calls() as counted:
            self._validate(
                receipt.with_context(wms_no_bulk=not bulk, tracking_disable=not chatter)
            )
        # Three quant updates per serial: reserved and taken at the vendor's
        # (nothing reserved there: not called), taken there, put in stock.
        self.assertEqual(counted, [True] * (2 * len(names)) if bulk else [])
        return receipt

    def _ship(self, names, bulk):
        delivery = self._create_delivery([(self.product_full, len(names))])
        delivery.wms_set_picked_serials(self.product_full.id, names)
        with freeze_time(NOW), counting_batched_calls() as counted:
            self._validate(delivery.with_context(wms_no_bulk=not bulk))
        self.assertEqual(counted, [True] * (3 * len(names)) if bulk else [])
        return delivery

    def _compare(self, native_lots, bulk_lots):
        self.assertEqual(len(native_lots), len(bulk_lots))
        self.assertEqual(self._quant_rows(native_lots), self._quant_rows(bulk_lots))
        excluded = ("id", "name")
        self.assertEqual(
            self._rows("stock_lot", "id IN %s", [tuple(native_lots.ids)], excluded),
            self._rows("stock_lot", "id IN %s", [tuple(bulk_lots.ids)], excluded),
        )


@tagged("post_install", "-at_install")
class TestBulkDone(BulkCase):
    """Validating many serials with the quant batch leaves the very rows Odoo's own
    line by line path leaves (``wms_no_bulk`` in the context forces Odoo's path):
    every column of the database's tables, whatever module added it."""

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

    def test_receipt_same_lots_and_chatter_as_native(self):
        """With the chatter on, the lots are the rows Odoo writes, each with the
        "created" message Odoo logs on it, and nothing else (no follower, no
        tracking value, no notification)."""
        native = self._receive([f"CN-{i}" for i in range(4)], bulk=False, chatter=True)
        bulk = self._receive([f"CB-{i}" for i in range(4)], bulk=True, chatter=True)
        native_lots, bulk_lots = native.move_line_ids.lot_id, bulk.move_line_ids.lot_id
        self.assertEqual(len(bulk_lots), 4)
        self.assertEqual(
            sorted(bulk_lots.mapped("name")), [f"CB-{i}" for i in range(4)]
        )

        def lots(lots):
            return self._rows(
                "stock_lot", "id IN %s", [tuple(lots.ids)], ("id", "name")
            )

        def messages(lots):
            return self._rows(
                "mail_message",
                "model = 'stock.lot' AND res_id IN %s",
                [tuple(lots.ids)],
                ("id", "res_id", "message_id", "date"),
            )

        self.assertEqual(lots(native_lots), lots(bulk_lots))
        self.assertEqual(len(messages(bulk_lots)), 4, "one message per lot")
        self.assertEqual(messages(native_lots), messages(bulk_lots))
        for lot in bulk_lots:
            self.assertEqual(len(lot.message_ids), 1)
        # As Odoo logs a batch: one message id for all.
        self.assertEqual(len(set(bulk_lots.message_ids.mapped("message_id"))), 1)
        for lots_ in (native_lots, bulk_lots):
            self.env.cr.execute(
                """
                SELECT (SELECT COUNT(*) FROM mail_followers
                         WHERE res_model = 'stock.lot' AND res_id IN %(lots)s),
                       (SELECT COUNT(*) FROM mail_tracking_value v
                          JOIN mail_message m ON m.id = v.mail_message_id
                         WHERE m.model = 'stock.lot' AND m.res_id IN %(lots)s),
                       (SELECT COUNT(*) FROM mail_notification n
                          JOIN mail_message m ON m.id = n.mail_message_id
                         WHERE m.model = 'stock.lot' AND m.res_id IN %(lots)s)
                """,
                {"lots": tuple(lots_.ids)},
            )
            self.assertEqual(self.env.cr.fetchone(), (0, 0, 0))
        self.assertEqual(
            bulk.move_ids.expected_serial_ids.mapped("state"), ["received"] * 4
        )
        self.assertEqual(
            bulk.move_ids.expected_serial_ids.lot_id.sorted("name"),
            bulk_lots.sorted("name"),
        )

    def test_shipment_same_rows_as_native(self):
        self._receive([f"N-{i}" for i in range(3)] + [f"B-{i}" for i in range(3)], True)
        native = self._ship([f"N-{i}" for i in range(3)], bulk=False)
        available = QuantBatch.available
        results = []

        def spy(batch, *args, **kwargs):
            results.append(args[1:3])
            return available(batch, *args, **kwargs)

        with patch.object(QuantBatch, "available", spy):
            bulk = self._ship([f"B-{i}" for i in range(3)], bulk=True)
        # Each serial's reservation released, taken from stock, put at the
        # customer's: the release's result (dropped by Odoo) is not computed.
        self.assertEqual(
            results,
            [
                (self.product_full, self.stock_location),
                (self.product_full, self.customer_location),
            ]
            * 3,
        )
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


@tagged("post_install", "-at_install")
class TestBulkFallback(PickCase):
    """When the registry shows a definition a set-based path has not verified
    (here: Odoo's own, once the allow-list no longer declares it), validations
    take Odoo's line by line path, with the same outcome."""

    def test_unknown_quant_override_takes_odoo_path(self):
        names = [f"F-{i}" for i in range(3)]
        receipt = self._create_receipt([(self.product_full, 3)])
        receipt.wms_set_expected_serials(self.product_full.id, names)
        receipt.wms_receive_expected_serials(self.product_full.id)
        with (
            unverified(
                self.env,
                "quant_batch",
                "stock.quant._update_available_quantity",
                "stock.StockQuant",
            ),
            counting_batched_calls() as counted,
        ):
            self._validate(receipt.with_user(self.stock_user))
        self.assertEqual(counted, [], "no quant update computed by the batch")
        self.assertEqual(receipt.state, "done")
        self.assertOnHand(self.product_full, dict.fromkeys(names, 1))

    def test_unknown_lot_create_override_creates_lots_one_call(self):
        names = [f"L-{i}" for i in range(3)]
        receipt = self._create_receipt([(self.product_full, 3)])
        receipt.wms_set_expected_serials(self.product_full.id, names)
        receipt.wms_receive_expected_serials(self.product_full.id)
        Lot = type(self.env["stock.lot"])
        created = []
        create = Lot.create

        def spy(lots, vals_list):
            created.append(len(vals_list))
            return create(lots, vals_list)

        with (
            unverified(self.env, "new_lots", "stock.lot.create", "mail.MailThread"),
            patch.object(Lot, "create", spy),
        ):
            self._validate(
                receipt.with_user(self.stock_user).with_context(tracking_disable=False)
            )
        self.assertEqual(created, [3], "Odoo's create, for all the lots at once")
        self.assertEqual(
            sorted(receipt.move_line_ids.lot_id.mapped("name")), sorted(names)
        )
        for lot in receipt.move_line_ids.lot_id:
            self.assertEqual(len(lot.message_ids), 1)


@tagged("post_install", "-at_install")
class TestBulkCompanyCheck(PickCase):
    """The company check of a validation of thousands of lines is set-based
    (``speed/company.py``): an inconsistent line still raises
    Odoo's own error, naming it."""

    def _receipt_with_a_foreign_lot(self, count):
        names = [f"CC{count}-{i:03d}" for i in range(count)]
        receipt = self._create_receipt([(self.product_full, count)])
        receipt.wms_set_expected_serials(self.product_full.id, names)
        receipt.wms_receive_expected_serials(self.product_full.id)
        other = self.env["res.company"].create({"name": f"Other Company {count}"})
        lot = self.env["stock.lot"].create(
            {
                "name": f"FOREIGN-{count}",
                "product_id": self.product_full.id,
                "company_id": other.id,
            }
        )
        line = receipt.move_line_ids[37]
        self.env.flush_all()
        # As an import would leave it: Odoo's write refuses it.
        self.env.cr.execute(
            "UPDATE stock_move_line SET lot_id = %s WHERE id = %s", [lot.id, line.id]
        )
        self.env.invalidate_all()
        return receipt, line

    def test_inconsistent_line_raises_odoos_error(self):
        messages = []
        for count in (120, 40):  # set-based, then Odoo's own check
            receipt, line = self._receipt_with_a_foreign_lot(count)
            with self.assertRaises(UserError) as catcher:
                receipt.move_line_ids._check_company()
            messages.append(catcher.exception.args[0])
            self.assertIn(f"FOREIGN-{count}", messages[-1])
            self.assertIn(line.display_name, messages[-1])
        self.assertEqual(
            messages[0].replace("FOREIGN-120", "X").replace("CC120", "Y"),
            messages[1].replace("FOREIGN-40", "X").replace("CC40", "Y"),
        )


@tagged("post_install", "-at_install")
class TestBulkExpectedSerials(PickCase):
    """A supplier's list of thousands of expected serials is created set-based,
    with the rows Odoo's ``create`` writes."""

    def test_same_rows_as_create(self):
        rows = []
        for prefix, bulk in (("N", False), ("B", True)):
            receipt = self._create_receipt([(self.product_full, 120)])
            receipt = receipt.with_user(self.stock_user).with_context(
                wms_no_bulk=not bulk
            )
            names = [f"{prefix}-{i:03d}" for i in range(120)]
            receipt.wms_set_expected_serials(self.product_full.id, names)
            self.env.flush_all()
            self.env.cr.execute(
                "SELECT * FROM stock_expected_serial WHERE picking_id = %s ORDER BY id",
                [receipt.id],
            )
            columns = [d.name for d in self.env.cr.description]
            rows.append(
                [
                    {
                        column: value
                        for column, value in zip(columns, row, strict=True)
                        if column not in ("id", "move_id", "picking_id")
                        # The probe modules' (real-world database): the serial.
                        and not column.startswith("wms_probe_")
                    }
                    | {"name": row[columns.index("name")].split("-")[1]}
                    for row in self.env.cr.fetchall()
                ]
            )
        self.assertEqual(len(rows[0]), 120)
        self.assertEqual(rows[0], rows[1])

    def test_a_container_list_is_read_in_few_queries(self):
        """A container's 20,000 expected serials, read one by one as a loop over
        them does, are read an eighth at a time (Odoo's prefetch reads a
        thousand at a time, each read going through all the ones before)."""
        receipt = self._create_receipt([(self.product_full, 20000)], confirm=False)
        receipt = receipt.with_user(self.stock_user)
        names = [f"C-{i:05d}" for i in range(20000)]
        receipt.wms_set_expected_serials(self.product_full.id, names)
        self.env.invalidate_all()
        serials = receipt.move_ids.expected_serial_ids
        sent = []
        execute = type(self.env.cr).execute

        def spy(cr, query, params=None, log_exceptions=True):
            sent.append(str(query.code if hasattr(query, "code") else query))
            return execute(cr, query, params, log_exceptions)

        with patch.object(type(self.env.cr), "execute", spy):
            read = [serial.name for serial in serials]
        self.assertEqual(read, names)
        reads = [q for q in sent if 'FROM "stock_expected_serial"' in q]
        self.assertEqual(len(reads), 8, reads[:1])


@tagged("post_install", "-at_install")
class TestBulkReservationLines(BulkCase):
    """A reservation of thousands of serials creates its lines set-based, with
    the rows Odoo's ``create`` leaves."""

    def test_reservation_lines_same_rows_as_native(self):
        count = 120
        names = [f"RL-{i:03d}" for i in range(2 * count)]
        self._receive(names, bulk=True)
        created = []
        create = speed_reservation.create_lines

        def spy(lines, vals_list):
            created.append(len(vals_list))
            return create(lines, vals_list)

        written = []

        def write_spy(records, vals_list):
            written.append((records._name, len(records)))
            return write_rows(records, vals_list)

        deliveries = []
        # Odoo dates new lines by the clock: both paths reserve at the same instant.
        with (
            patch.object(speed_reservation, "create_lines", spy),
            patch.object(speed_reservation, "write_rows", write_spy),
            freeze_time(NOW),
        ):
            for bulk in (False, True):
                delivery = create_picking(
                    self.env,
                    self.warehouse.out_type_id,
                    self.stock_location,
                    self.customer_location,
                    self.customer,
                    [(self.product_full, count)],
                )
                # Confirmed, then reserved, by the stock user.
                delivery.with_user(self.stock_user).with_context(
                    wms_no_bulk=not bulk
                ).action_confirm()
                delivery.with_user(self.stock_user).with_context(
                    wms_no_bulk=not bulk
                ).action_assign()
                deliveries.append(delivery)
        self.assertEqual(created, [count], "only ours created its lines set-based")
        self.assertEqual(
            written,
            [("stock.quant", count)],
            "only ours wrote the reserved quantities, in one statement",
        )
        native, ours = deliveries
        self.assertEqual(
            native.move_line_ids.lot_id.mapped("name"), names[:count], "FIFO"
        )
        self.assertEqual(ours.move_line_ids.lot_id.mapped("name"), names[count:])

        def rows(picking):
            return self._rows(
                "stock_move_line",
                "picking_id = %s",
                [picking.id],
                ("id", "move_id", "picking_id", "reference", "lot_id"),
            )

        self.assertEqual(rows(native), rows(ours))
        self._compare(native.move_line_ids.lot_id, ours.move_line_ids.lot_id)
        self.assertEqual((native.state, ours.state), ("assigned", "assigned"))
