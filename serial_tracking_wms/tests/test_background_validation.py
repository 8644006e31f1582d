# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged

from ..models.stock_serial_job import THRESHOLD_PARAM
from .common import SerialTrackingCase, create_picking

LOCKED = "is locked: Validation in the background"


@tagged("post_install", "-at_install")
class TestBackgroundValidation(SerialTrackingCase):
    """Transfers over the threshold validated by the cron, locked meanwhile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(THRESHOLD_PARAM, "3")
        cls.cron = cls.env.ref("serial_tracking_wms.ir_cron_serial_job")

    # --- Helpers ---
    def _received(self, serials, missing=()):
        """A pre-receipt of the Full Tracking product, ``serials`` and
        ``missing`` expected, ``serials`` received, as the stock user."""
        receipt = self._create_receipt(
            [(self.product_full, len(serials) + len(missing))]
        )
        receipt = receipt.with_user(self.stock_user)
        receipt.wms_set_expected_serials(self.product_full.id, serials + list(missing))
        if missing:
            for serial in serials:
                self.assertScanOk(self._scan(receipt, self.product_full, serial))
        else:
            receipt.wms_receive_expected_serials(self.product_full.id)
        return receipt

    def _job(self, picking):
        return self.env["stock.serial.job"].search([("picking_ids", "in", picking.ids)])

    def _run_cron(self, job):
        """Run Odoo's scheduled action until the job has an outcome (each run is
        one step: queued -> running -> done or failed)."""
        for _step in range(4):
            if job.state not in ("queued", "running"):
                break
            self.cron.method_direct_trigger()
            job.invalidate_recordset()
        self.assertIn(job.state, ("done", "failed"))
        self.env.invalidate_all()

    def _lines(self, picking):
        return sorted(
            (ml.lot_name or ml.lot_id.name, ml.quantity, ml.picked, ml.state)
            for ml in picking.move_line_ids
        )

    def assertQueued(self, res, picking):
        self.assertEqual(res["tag"], "display_notification", res)
        self.assertIn(picking.name, res["params"]["message"])
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(picking.wms_job_state, "queued")
        self.assertEqual(picking.wms_job_progress, 0)
        self.assertIn("Validation in the background: queued", picking.wms_job_message)

    # --- Tests ---
    def test_below_threshold_validates_in_the_request(self):
        receipt = self._received(["BG-1", "BG-2"])
        self.assertIs(receipt.button_validate(), True)
        self.assertEqual(receipt.state, "done")
        self.assertFalse(self._job(receipt))
        self.assertFalse(receipt.wms_job_state)

    def test_threshold_zero_never_queues(self):
        self.env["ir.config_parameter"].sudo().set_param(THRESHOLD_PARAM, "0")
        receipt = self._received(["BZ-1", "BZ-2", "BZ-3", "BZ-4"])
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertFalse(self._job(receipt))

    def test_user_without_email_queues_and_is_told(self):
        """Odoo refuses a chatter note whose author has no email address: the
        job's notes must not make Validate fail for such a clerk."""
        self.stock_user.partner_id.email = False
        receipt = self._received(["BE-1", "BE-2", "BE-3", "BE-4"])
        self.assertQueued(receipt.button_validate(), receipt)
        job = self._job(receipt)
        self._run_cron(job)
        self.assertEqual((job.state, receipt.state), ("done", "done"))
        notes = receipt.message_ids.filtered(
            lambda m: "in the background" in (m.body or "")
        )
        self.assertEqual(len(notes), 2, notes.mapped("body"))
        queued = notes.filtered(lambda m: "queued" in m.body)
        self.assertEqual(queued.author_id, self.stock_user.partner_id)

    def test_over_threshold_queued_locked_then_validated(self):
        serials = ["BJ-1", "BJ-2", "BJ-3", "BJ-4"]
        receipt = self._received(serials)
        res = receipt.button_validate()
        self.assertQueued(res, receipt)
        job = self._job(receipt)
        self.assertEqual(
            (job.state, job.units, job.user_id), ("queued", 4, self.stock_user)
        )
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        )
        # Locked: every change refused, naming the transfer.
        line = receipt.move_line_ids[0]
        refusals = {
            "validate": receipt.button_validate,
            "cancel": receipt.action_cancel,
            "unreserve": receipt.do_unreserve,
            "edit the transfer": lambda: receipt.write({"origin": "X"}),
            "edit a line": lambda: line.write({"quantity": 0}),
            "delete a line": line.unlink,
            "add a line": lambda: self.env["stock.move.line"]
            .with_user(self.stock_user)
            .create(
                {
                    "move_id": line.move_id.id,
                    "picking_id": receipt.id,
                    "product_id": self.product_full.id,
                    "lot_name": "BJ-9",
                    "quantity": 1,
                    "location_id": line.location_id.id,
                    "location_dest_id": line.location_dest_id.id,
                }
            ),
            "edit a move": lambda: line.move_id.write({"product_uom_qty": 9}),
            "set expected serials": lambda: receipt.wms_set_expected_serials(
                self.product_full.id, ["BJ-8"]
            ),
        }
        for what, call in refusals.items():
            with self.subTest(what=what):
                with self.assertRefused(UserError, f"{receipt.name} {LOCKED}"):
                    call()
        scan = self._scan(receipt, self.product_full, "BJ-9")
        self.assertScanRefused(scan, receipt.name, LOCKED)
        self.assertEqual(receipt.state, "assigned")

        # The first run marks it running (committed by the cron: shown on the form).
        self.cron.method_direct_trigger()
        receipt.invalidate_recordset()
        self.assertEqual(receipt.wms_job_state, "running")
        self.assertRegex(
            receipt.wms_job_message, r"Validation in the background: \d+% — started"
        )
        # Estimated from the time jobs take per serial: between 10 and 95.
        self.assertTrue(10 <= receipt.wms_job_progress <= 95, receipt.wms_job_progress)
        self.assertIn(self.stock_user.name, receipt.wms_job_message)
        with self.assertRefused(UserError, LOCKED):
            receipt.action_cancel()

        self._run_cron(job)
        self.assertEqual(job.state, "done")
        self.assertEqual(job.progress, 100)
        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            (receipt.wms_job_state, receipt.wms_job_progress), ("done", 100)
        )
        self.assertOnHand(self.product_full, dict.fromkeys(serials, 1))
        self.assertEqual(
            sorted(receipt.move_line_ids.lot_id.mapped("name")), sorted(serials)
        )
        self.assertEqual(set(receipt.move_line_ids.mapped("state")), {"done"})
        self.assertTrue(receipt.date_done)
        message = receipt.message_ids.filtered(
            lambda m: "done in the background" in (m.body or "")
        )
        self.assertTrue(message)
        self.assertIn(self.stock_user.partner_id, message.partner_ids)
        # Unlocked.
        receipt.write({"origin": "after"})

    def test_failed_job_leaves_the_transfer_as_it_was(self):
        serials = ["BF-1", "BF-2", "BF-3", "BF-4"]
        receipt = self._received(serials)
        self.assertQueued(receipt.button_validate(), receipt)
        job = self._job(receipt)
        lines_before = self._lines(receipt)
        moves_before = receipt.move_ids.read(["state", "quantity", "picked"])
        # Meanwhile, BF-3 is put on hand elsewhere: receiving it again is refused.
        self._put_in_stock(self.product_full, serials=["BF-3"])
        lots_before = self.env["stock.lot"].search_count([])
        self._run_cron(job)
        self.assertEqual(job.state, "failed")
        self.assertIn(receipt.name, job.message)
        self.assertIn("BF-3", job.message)
        self.assertIn("nothing was changed", job.message)
        self.assertEqual(receipt.state, "assigned")
        self.assertEqual(self._lines(receipt), lines_before)
        self.assertEqual(
            receipt.move_ids.read(["state", "quantity", "picked"]), moves_before
        )
        self.assertEqual(self.env["stock.lot"].search_count([]), lots_before)
        self.assertOnHand(self.product_full, {"BF-3": 1})
        self.assertEqual(receipt.wms_job_state, "failed")
        self.assertIn("BF-3", receipt.wms_job_message)
        message = receipt.message_ids.filtered(lambda m: "BF-3" in (m.body or ""))
        self.assertIn(self.stock_user.partner_id, message.partner_ids)
        # Unlocked: the user can fix it and validate again (in the background).
        receipt.write({"origin": "fixed"})

    def test_backorder_choice_is_kept_for_the_job(self):
        # 5 ordered, 4 received: Odoo asks about the backorder in the request;
        # the choice goes to the job.
        receipt = self._received(["BB-1", "BB-2", "BB-3", "BB-4"], missing=["BB-5"])
        res = receipt.button_validate()
        self.assertEqual(res.get("res_model"), "stock.backorder.confirmation")
        wizard = Form.from_action(receipt.env, res).save()
        self.assertQueued(wizard.process(), receipt)
        job = self._job(receipt)
        self._run_cron(job)
        self.assertEqual(job.state, "done", job.message)
        self.assertEqual(receipt.state, "done")
        backorder = receipt.backorder_ids
        self.assertEqual(len(backorder), 1)
        self.assertEqual(backorder.move_ids.product_uom_qty, 1)
        self.assertOnHand(
            self.product_full, dict.fromkeys(["BB-1", "BB-2", "BB-3", "BB-4"], 1)
        )

    def test_no_backorder_choice_is_kept_for_the_job(self):
        receipt = self._received(["BN-1", "BN-2", "BN-3", "BN-4"], missing=["BN-5"])
        res = receipt.button_validate()
        wizard = Form.from_action(receipt.env, res).save()
        self.assertQueued(wizard.process_cancel_backorder(), receipt)
        self._run_cron(self._job(receipt))
        self.assertEqual(receipt.state, "done")
        self.assertFalse(receipt.backorder_ids)

    def test_batch_validated_in_the_background(self):
        # Two receipts of two serials in a batch: four lines, over the threshold
        # together; Batch Transfers' own steps after button_validate run in the job.
        first = self._received(["BT-1", "BT-2"])
        second = self._received(["BT-3", "BT-4"])
        batch = (
            self.env["stock.picking.batch"]
            .create({"picking_ids": [(6, 0, (first | second).ids)]})
            .with_user(self.stock_user)
        )
        batch.action_confirm()
        res = batch.action_done()
        self.assertEqual(res["tag"], "display_notification", res)
        job = self._job(first)
        self.assertEqual(job.picking_ids, first | second)
        self.assertEqual(batch.state, "in_progress")
        with self.assertRefused(UserError, LOCKED):
            second.action_cancel()
        self._run_cron(job)
        self.assertEqual(job.state, "done", job.message)
        self.assertEqual((first | second).mapped("state"), ["done", "done"])
        self.assertEqual(batch.state, "done")
        self.assertOnHand(
            self.product_full, dict.fromkeys(["BT-1", "BT-2", "BT-3", "BT-4"], 1)
        )

    # --- Confirmation and reservation ---
    def test_confirmation_by_the_button_in_the_background(self):
        receipt = self._create_receipt([(self.product_full, 4)], confirm=False)
        receipt = receipt.with_user(self.stock_user)
        # Code confirming goes on as before; the button is queued.
        res = receipt.with_context(wms_background_button=True).action_confirm()
        self.assertEqual(res["tag"], "display_notification", res)
        self.assertIn("Confirmation", res["params"]["title"])
        self.assertEqual(receipt.state, "draft")
        self.assertFalse(receipt.move_line_ids)
        self.assertEqual(receipt.wms_job_state, "queued")
        self.assertIn("Confirmation in the background", receipt.wms_job_message)
        with self.assertRefused(UserError, "is locked: Confirmation in the background"):
            receipt.move_ids.write({"product_uom_qty": 5})
        job = self._job(receipt)
        self.assertEqual((job.action, job.units), ("confirm", 4))
        self._run_cron(job)
        self.assertEqual(job.state, "done", job.message)
        self.assertEqual(receipt.state, "assigned")
        # Odoo's lines: one per unit, as confirming in the request makes them.
        self.assertEqual(len(receipt.move_line_ids), 4)
        self.assertEqual(set(receipt.move_line_ids.mapped("quantity")), {1})
        self.assertTrue(
            receipt.message_ids.filtered(
                lambda m: "Confirmation of" in (m.body or "")
                and "done in the background" in (m.body or "")
            )
        )

    def test_confirmation_by_code_is_not_queued(self):
        receipt = self._create_receipt([(self.product_full, 4)], confirm=False)
        receipt.with_user(self.stock_user).action_confirm()
        self.assertEqual(receipt.state, "assigned")
        self.assertFalse(self._job(receipt))

    def test_reservation_by_the_button_in_the_background(self):
        serials = ["BR-1", "BR-2", "BR-3", "BR-4"]
        delivery = create_picking(
            self.env,
            self.warehouse.out_type_id,
            self.stock_location,
            self.customer_location,
            self.customer,
            [(self.product_full, 4)],
        ).with_user(self.stock_user)
        delivery.action_confirm()
        self.assertEqual(delivery.state, "confirmed")
        # The serials arrive after the delivery was confirmed (nothing to reserve).
        self._put_in_stock(self.product_full, serials=serials)
        res = delivery.with_context(wms_background_button=True).action_assign()
        self.assertEqual(res["tag"], "display_notification", res)
        self.assertEqual(delivery.state, "confirmed")
        with self.assertRefused(UserError, "is locked: Reservation in the background"):
            delivery.action_cancel()
        self._run_cron(self._job(delivery))
        self.assertEqual(delivery.state, "assigned")
        self.assertEqual(sorted(delivery.move_line_ids.lot_id.mapped("name")), serials)

    def test_manager_withdraws_a_queued_job(self):
        receipt = self._received(["BW-1", "BW-2", "BW-3", "BW-4"])
        self.assertQueued(receipt.button_validate(), receipt)
        job = self._job(receipt)
        with self.assertRefused(UserError, "Only Inventory managers"):
            job.with_user(self.stock_user).action_wms_cancel()
        job.with_user(self.stock_manager).action_wms_cancel()
        self.assertEqual(job.state, "failed")
        self.assertIn("withdrawn by", job.message)
        self.assertEqual(receipt.state, "assigned")
        receipt.write({"origin": "unlocked"})
        with self.assertRefused(UserError, "only a queued job"):
            job.with_user(self.stock_manager).action_wms_cancel()

    def test_second_job_of_the_same_transfer_has_nothing_left(self):
        # Two users validating at once: each request recorded a job (neither saw
        # the other's); the second finds the transfer done.
        receipt = self._received(["BX-1", "BX-2", "BX-3", "BX-4"])
        self.assertQueued(receipt.button_validate(), receipt)
        first = self._job(receipt)
        second = first.sudo().copy({"date_queued": first.date_queued})
        self._run_cron(first)
        self._run_cron(second)
        self.assertEqual(receipt.state, "done")
        self.assertEqual(second.state, "done")
        self.assertEqual(second.message, "Nothing left to do: done meanwhile.")
        self.assertEqual(
            len(
                receipt.message_ids.filtered(
                    lambda m: "done in the background" in (m.body or "")
                )
            ),
            1,
        )

    def test_job_of_a_stopped_worker_is_failed_not_run_again(self):
        receipt = self._received(["BS-1", "BS-2", "BS-3", "BS-4"])
        self.assertQueued(receipt.button_validate(), receipt)
        job = self._job(receipt)
        lines_before = self._lines(receipt)
        # Started by a worker that is gone, longer ago than a worker may run.
        job.sudo().write(
            {
                "state": "running",
                "runner": "gone",
                "date_started": fields.Datetime.subtract(fields.Datetime.now(), days=1),
            }
        )
        self.cron.method_direct_trigger()
        self.assertEqual(job.state, "failed")
        self.assertIn("stopped before it ended", job.message)
        self.assertEqual(receipt.state, "assigned")
        self.assertEqual(self._lines(receipt), lines_before)

    def test_job_started_by_another_worker_just_now_is_run(self):
        receipt = self._received(["BO-1", "BO-2", "BO-3", "BO-4"])
        self.assertQueued(receipt.button_validate(), receipt)
        job = self._job(receipt)
        job.sudo().write(
            {
                "state": "running",
                "runner": "another worker",
                "date_started": fields.Datetime.now(),
            }
        )
        self._run_cron(job)
        self.assertEqual(job.state, "done", job.message)
        self.assertEqual(receipt.state, "done")


@tagged("post_install", "-at_install")
class TestBackgroundValidationTour(SerialTrackingCase, HttpCase):
    """The stock user's Validate on the desktop form, over the threshold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(THRESHOLD_PARAM, "3")

    def test_validate_from_the_form_in_the_background(self):
        serials = ["BD-1", "BD-2", "BD-3", "BD-4"]
        receipt = self._create_receipt([(self.product_full, 4)])
        receipt.with_user(self.stock_user).wms_set_expected_serials(
            self.product_full.id, serials
        )
        receipt.with_user(self.stock_user).wms_receive_expected_serials(
            self.product_full.id
        )
        self.start_tour(
            f"/odoo/action-stock.action_picking_tree_all/{receipt.id}",
            "serial_tracking_wms_background_validation",
            login=self.stock_user.login,
        )
        job = self.env["stock.serial.job"].search([("picking_ids", "in", receipt.ids)])
        self.assertEqual((job.state, job.user_id), ("queued", self.stock_user))
        cron = self.env.ref("serial_tracking_wms.ir_cron_serial_job")
        cron.method_direct_trigger()
        cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertEqual(job.state, "done", job.message)
        self.assertEqual(receipt.state, "done")
