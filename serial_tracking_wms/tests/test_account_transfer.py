# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import create_picking
from .views_common import SerialViewsCase


class AccountCase(SerialViewsCase):
    """Two accounts (consignors) besides the company, and helpers for their
    stock and their orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alpha = cls.env["res.partner"].create({"name": "Consignor Alpha"})
        cls.beta = cls.env["res.partner"].create({"name": "Consignor Beta"})
        cls.Quant = cls.env["stock.quant"].with_user(cls.stock_user)

    @classmethod
    def _consign(cls, product, owner, serials=(), qty=0, location=None):
        """Stock on hand owned by ``owner`` (empty: the company), the native
        way, with or without serials."""
        location = location or cls.stock_location
        Quant = cls.env["stock.quant"]
        for name in serials:
            lot = cls.env["stock.lot"].create(
                {"name": name, "product_id": product.id, "company_id": cls.company.id}
            )
            Quant._update_available_quantity(
                product, location, 1, lot_id=lot, owner_id=owner
            )
        if qty:
            Quant._update_available_quantity(product, location, qty, owner_id=owner)

    @classmethod
    def _order(cls, lines, owner=None, assign=True):
        """A one-step delivery (the pick list) for ``owner``'s account (Odoo's
        "Assign Owner"; none: the company's own order)."""
        picking = create_picking(
            cls.env,
            cls.warehouse.out_type_id,
            cls.stock_location,
            cls.customer_location,
            cls.customer,
            lines,
            owner_id=owner.id if owner else False,
        )
        picking.action_confirm()
        if assign:
            picking.action_assign()
        return picking

    def _transfer(self, product, serials=(), new_owner=None, **kwargs):
        return self.Quant.wms_transfer_account(
            product.id,
            kwargs.pop("location", self.stock_location).id,
            list(serials),
            new_owner.id if new_owner else False,
            **kwargs,
        )

    # Whether ``assertOwners`` also refuses quants left at zero (account
    # transfers leave none; Odoo's own deliveries leave them to its scheduler).
    no_empty_quants = False

    def assertOwners(self, product, expected, location=None):
        """``expected``: {(serial name or False, owner or False): quantity} on
        hand at ``location``; no negative quant there."""
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", product.id),
                ("location_id", "=", (location or self.stock_location).id),
            ]
        )
        self.assertFalse(
            quants.filtered(
                lambda q: q.quantity < 0 or (self.no_empty_quants and not q.quantity)
            ),
            "no negative (or, after an account transfer, empty) quant is left",
        )
        actual = {}
        for quant in quants.filtered("quantity"):
            key = (quant.lot_id.name or False, quant.owner_id or False)
            actual[key] = actual.get(key, 0) + quant.quantity
        self.assertEqual(actual, expected)

    def assertIntegrityClean(self):
        problems = (
            self.env["stock.serial.integrity"].with_user(self.stock_manager).wms_check()
        )
        self.assertEqual([p["message"] for p in problems], [])


@tagged("post_install", "-at_install")
class TestAccountTransfer(AccountCase):
    """The change of owner of stock on hand: the serial keeps its identity, its
    place and its history."""

    no_empty_quants = True

    def test_full_tracking_serial_changes_owner_and_keeps_its_history(self):
        receipt = self._receive_serials(self.product_full, ["AT-1", "AT-2"])
        lot = self.env["stock.lot"].search([("name", "=", "AT-1")])
        result = self._transfer(self.product_full, ["AT-1"], self.alpha)
        self.assertTrue(result["ok"])
        self.assertEqual((result["count"], result["quantity"]), (1, 0))
        self.assertRegex(result["reference"], r"^ACCT/\d{5}$")
        self.assertIn("Consignor Alpha", result["message"])
        # Same serial record, same place, the new owner, one unit.
        self.assertEqual(
            self.env["stock.lot"].search([("name", "=", "AT-1")]), lot, "same lot"
        )
        self.assertOwners(
            self.product_full, {("AT-1", self.alpha): 1, ("AT-2", False): 1}
        )
        self.assertEqual(
            self.env["stock.quant"]
            .search([("lot_id", "=", lot.id), ("location_id.usage", "=", "internal")])
            .location_id,
            self.stock_location,
        )
        # The transactions: the receipt, then the change with both owners.
        history = lot._wms_history_lines()
        self.assertEqual(
            history.mapped("reference"), [receipt.name, result["reference"]]
        )
        change = history[-1]
        self.assertEqual(change.move_id.ids, result["move_ids"])
        self.assertFalse(change.owner_id, "from the company")
        self.assertEqual(change.wms_owner_dest_id, self.alpha)
        self.assertEqual(
            (change.location_id, change.location_dest_id),
            (self.stock_location, self.stock_location),
        )
        self.assertTrue(change.date)
        self.assertEqual(change.wms_serial_step, "account")
        self.assertTrue(change.move_id.wms_account_transfer)
        self.assertIn("→ Consignor Alpha", change.move_id.origin)
        # The serial lookup still starts with the receipt; the stock line still
        # says where the serial came from.
        lookup = (
            self.env["stock.serial.lookup"]
            .with_user(self.stock_user)
            .create({"serial": "AT-1"})
        )
        self.assertEqual(
            lookup.line_ids.mapped("wms_serial_step"), ["received", "account"]
        )
        self.assertEqual(lookup.line_ids[0].picking_id, receipt)
        quant = lookup.quant_ids
        self.assertEqual((quant.owner_id, quant.quantity), (self.alpha, 1))
        self.assertEqual(quant.wms_in_reference, receipt.name)
        self.assertEqual(quant.wms_in_partner_id, self.vendor)
        # And back to the company: a second document, the history grows.
        back = self._transfer(self.product_full, ["AT-1"], None)
        self.assertNotEqual(back["reference"], result["reference"])
        self.assertOwners(self.product_full, {("AT-1", False): 1, ("AT-2", False): 1})
        last = lot._wms_history_lines()[-1]
        self.assertEqual(
            (last.owner_id, last.wms_owner_dest_id),
            (self.alpha, self.env["res.partner"]),
        )
        self.assertEqual(len(lot._wms_history_lines()), 3)
        self.assertIntegrityClean()

    def test_serials_of_several_owners_in_one_transfer(self):
        self._consign(self.product_full, self.alpha, serials=["MO-A"])
        self._consign(self.product_full, False, serials=["MO-C"])
        # A serial in a package stays in it.
        package = self.env["stock.quant.package"].create({"name": "PACK-MO"})
        lot = self.env["stock.lot"].create(
            {"name": "MO-P", "product_id": self.product_full.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product_full, self.stock_location, 1, lot_id=lot, package_id=package
        )
        result = self._transfer(self.product_full, ["MO-A", "MO-C", "MO-P"], self.beta)
        moves = self.env["stock.move"].browse(result["move_ids"])
        # One move per old owner, one reference.
        self.assertEqual(len(moves), 2)
        self.assertEqual(set(moves.mapped("reference")), {result["reference"]})
        self.assertEqual(
            {(ml.lot_id.name, ml.owner_id) for ml in moves.move_line_ids},
            {
                ("MO-A", self.alpha),
                ("MO-C", self.env["res.partner"]),
                ("MO-P", self.env["res.partner"]),
            },
        )
        self.assertOwners(
            self.product_full,
            {("MO-A", self.beta): 1, ("MO-C", self.beta): 1, ("MO-P", self.beta): 1},
        )
        self.assertEqual(package.quant_ids.lot_id, lot)
        self.assertEqual(package.quant_ids.owner_id, self.beta)
        self.assertIntegrityClean()

    def test_track_during_pick_stock_changes_owner_by_quantity(self):
        self._put_in_stock(self.product_pick, qty=5)
        # A Track During Pick serial already on hand (a return) goes by serial.
        self._consign(self.product_pick, False, serials=["EB-BACK"])
        result = self._transfer(self.product_pick, ["EB-BACK"], self.alpha, quantity=3)
        self.assertEqual((result["count"], result["quantity"]), (1, 3))
        self.assertOwners(
            self.product_pick,
            {(False, False): 2, (False, self.alpha): 3, ("EB-BACK", self.alpha): 1},
        )
        # From one account to another, by quantity: whose units is said.
        self._transfer(
            self.product_pick, (), self.beta, quantity=1, owner_id=self.alpha.id
        )
        self.assertOwners(
            self.product_pick,
            {
                (False, False): 2,
                (False, self.alpha): 2,
                (False, self.beta): 1,
                ("EB-BACK", self.alpha): 1,
            },
        )
        line = (
            self.env["stock.move"]
            .search(
                [
                    ("wms_account_transfer", "=", True),
                    ("product_id", "=", self.product_pick.id),
                ],
                order="id desc",
                limit=1,
            )
            .move_line_ids
        )
        self.assertEqual(
            (line.lot_id, line.owner_id, line.wms_owner_dest_id, line.quantity),
            (self.env["stock.lot"], self.alpha, self.beta, 1),
        )
        # More than the owner's free units there is refused.
        with self.assertRefused(
            UserError,
            r"Only 2 units of Earbuds without serial number owned by "
            r"Consignor Alpha are free at STW/Stock; 5 asked",
        ):
            self._transfer(
                self.product_pick, (), None, quantity=5, owner_id=self.alpha.id
            )
        # Units of a serial-tracked product are whole units.
        with self.assertRefused(UserError, r"in steps of 1 Units \(0.5 given\)"):
            self._transfer(self.product_pick, (), self.alpha, quantity=0.5)
        # Units reserved by a pick list are not free.
        self._order([(self.product_pick, 2)])
        with self.assertRefused(UserError, r"Only 0 units of Earbuds"):
            self._transfer(self.product_pick, (), self.alpha, quantity=1)
        self.assertIntegrityClean()

    def test_no_tracking_stock_changes_owner_by_quantity(self):
        self._put_in_stock(self.product_none, qty=4)
        with self.assertRefused(UserError, r"in steps of 0.01 Units \(2.505 given\)"):
            self._transfer(self.product_none, (), self.alpha, quantity=2.505)
        self._transfer(self.product_none, (), self.alpha, quantity=2.5)
        self._transfer(self.product_none, (), self.alpha, quantity=1.5)
        self.assertOwners(self.product_none, {(False, self.alpha): 4})
        with self.assertRefused(UserError, r"Cable is set to No Tracking"):
            self._transfer(self.product_none, ["C-1"], self.beta)

    def test_refusals_write_nothing(self):
        self._put_in_stock(self.product_full, serials=["RF-1", "RF-2"])
        self._consign(self.product_full, self.alpha, serials=["RF-A"])
        self._put_in_stock(
            self.product_full,
            serials=["RF-AWAY"],
            location=self.warehouse_3steps.lot_stock_id,
        )
        delivery = self._order([(self.product_full, 1)])
        reserved = delivery.move_line_ids.lot_id.name
        free = "RF-2" if reserved == "RF-1" else "RF-1"
        sequence = self.env.ref("serial_tracking_wms.seq_stock_account_transfer")
        next_number = sequence.number_next_actual

        def snapshot():
            quants = self.env["stock.quant"].search(
                [("product_id", "=", self.product_full.id)]
            )
            return sorted(
                (q.id, q.lot_id.name, q.owner_id.id, q.quantity, q.reserved_quantity)
                for q in quants
            )

        before = snapshot()
        cases = [
            (
                ["RF-NONE"],
                self.alpha,
                {},
                r"RF-NONE of Laptop is not on hand at STW/Stock",
            ),
            (
                ["RF-AWAY"],
                self.alpha,
                {},
                r"RF-AWAY of Laptop is at W3S/Stock, not at STW/Stock",
            ),
            (
                [reserved],
                self.alpha,
                {},
                rf"{reserved} of Laptop at STW/Stock is reserved by {delivery.name}",
            ),
            (
                ["RF-A"],
                self.alpha,
                {},
                r"RF-A of Laptop at STW/Stock already belongs to Consignor Alpha",
            ),
            (
                [free],
                None,
                {},
                rf"{free} of Laptop at STW/Stock already belongs to "
                + re.escape(self.company.name),
            ),
            ([free, free], self.alpha, {}, rf"serial number {free} is given twice"),
            ([free, "RF-NONE"], self.alpha, {}, r"RF-NONE of Laptop is not on hand"),
            ([free, " "], self.alpha, {}, r"Line 2: A serial number cannot be empty"),
            (
                [free],
                self.alpha,
                {"quantity": 1},
                r"Laptop is in Full Tracking: its stock changes owner by serial number",
            ),
            ([], self.alpha, {}, r"Give the serial numbers of Laptop"),
            (
                [free],
                self.alpha,
                {"location": self.customer_location},
                r"Partners/Customers is not an internal location",
            ),
            (
                [free],
                self.alpha,
                {"quantity": -1},
                r"must be zero or more, in steps of 1 Units",
            ),
            ([free], self.alpha, {"quantity": "2"}, r"The quantity must be a number"),
        ]
        for serials, owner, kwargs, reason in cases:
            with self.subTest(serials=serials, reason=reason):
                with self.assertRefused(UserError, reason):
                    self._transfer(self.product_full, serials, owner, **dict(kwargs))
        with self.assertRefused(UserError, r"Unknown owner \(id 999999999\)"):
            self.Quant.wms_transfer_account(
                self.product_full.id, self.stock_location.id, [free], 999999999
            )
        with self.assertRefused(UserError, r"Unknown product"):
            self.Quant.wms_transfer_account("x", self.stock_location.id, [free], False)
        self.assertEqual(snapshot(), before)
        self.assertFalse(
            self.env["stock.move"].search([("wms_account_transfer", "=", True)])
        )
        self.assertEqual(sequence.number_next_actual, next_number)

    def test_done_account_transfer_cannot_be_edited(self):
        self._put_in_stock(self.product_full, serials=["ED-1"])
        result = self._transfer(self.product_full, ["ED-1"], self.alpha)
        line = self.env["stock.move"].browse(result["move_ids"]).move_line_ids
        with self.assertRefused(UserError, r"is a done account transfer"):
            line.with_user(self.stock_user).write({"owner_id": self.beta.id})
        self.assertOwners(self.product_full, {("ED-1", self.alpha): 1})

    def test_wizard_from_the_stock_list(self):
        self._put_in_stock(self.product_pick, qty=4, serials=["WZ-1", "WZ-2"])
        quants = (
            self.env["stock.quant"]
            .with_user(self.stock_user)
            .search(
                [
                    ("product_id", "=", self.product_pick.id),
                    ("location_id", "=", self.stock_location.id),
                ]
            )
        )
        action = quants.action_wms_account_transfer()
        form = Form.from_action(self.env(user=self.stock_user), action)
        self.assertEqual(form.serials_text, "WZ-1\nWZ-2")
        self.assertEqual(form.quantity, 4)
        form.new_owner_id = self.alpha
        form.quantity = 3
        self.assertFalse(form.has_errors, form.check_result)
        self.assertEqual(
            form.check_result,
            "2 serial numbers and 3 units without serial number will belong to "
            "Consignor Alpha.",
        )
        wizard = form.save()
        opened = wizard.action_confirm()
        self.assertEqual(opened["res_model"], "stock.move.line")
        self.assertEqual(len(self.env["stock.move.line"].search(opened["domain"])), 3)
        self.assertOwners(
            self.product_pick,
            {
                ("WZ-1", self.alpha): 1,
                ("WZ-2", self.alpha): 1,
                (False, self.alpha): 3,
                (False, False): 1,
            },
        )
        # The dialog says why before anything is done.
        serial_quants = self.env["stock.quant"].search(
            [("lot_id.name", "in", ["WZ-1", "WZ-2"])]
        )
        form = Form.from_action(
            self.env(user=self.stock_user),
            serial_quants.with_user(self.stock_user).action_wms_account_transfer(),
        )
        form.new_owner_id = self.alpha
        self.assertTrue(form.has_errors)
        self.assertIn(
            "WZ-1 of Earbuds at STW/Stock already belongs to Consignor Alpha",
            form.check_result,
        )
        # One product at one place.
        self._put_in_stock(self.product_full, serials=["WZ-F"])
        both = serial_quants | self.env["stock.quant"].search(
            [("lot_id.name", "=", "WZ-F")]
        )
        with self.assertRefused(UserError, r"one product at one location"):
            both.with_user(self.stock_user).action_wms_account_transfer()

    def test_wizard_waits_for_the_new_owner(self):
        """Opened from the Stock List on the company's serials, the dialog asks
        for the new owner (no red error before one is chosen); the company's own
        partner takes consigned stock back."""
        self._put_in_stock(self.product_full, serials=["WO-1"])
        quants = self.env["stock.quant"].search([("lot_id.name", "=", "WO-1")])
        action = quants.with_user(self.stock_user).action_wms_account_transfer()
        form = Form.from_action(self.env(user=self.stock_user), action)
        self.assertEqual(form.serials_text, "WO-1")
        self.assertFalse(form.has_errors)
        self.assertEqual(form.serial_count, 0)
        company_partner = self.company.partner_id
        self.assertEqual(
            form.check_result,
            "Choose the new owner: the partner whose stock it becomes, or "
            f"{company_partner.display_name} to take the stock back.",
        )
        self.assertNotIn("already belongs", form.check_result)
        # The company's own stock given to the company: said, in red.
        form.new_owner_id = company_partner
        self.assertTrue(form.has_errors)
        self.assertIn(
            "WO-1 of Laptop at STW/Stock already belongs to", form.check_result
        )
        form.new_owner_id = self.alpha
        self.assertFalse(form.has_errors, form.check_result)
        self.assertEqual(form.serial_count, 1)
        form.save().action_confirm()
        self.assertOwners(self.product_full, {("WO-1", self.alpha): 1})
        # Taken back: the company's partner means "no owner".
        quants = self.env["stock.quant"].search(
            [("lot_id.name", "=", "WO-1"), ("quantity", ">", 0)]
        )
        form = Form.from_action(
            self.env(user=self.stock_user),
            quants.with_user(self.stock_user).action_wms_account_transfer(),
        )
        form.new_owner_id = company_partner
        self.assertFalse(form.has_errors, form.check_result)
        form.save().action_confirm()
        self.assertOwners(self.product_full, {("WO-1", False): 1})

    def test_dialog_says_it_uses_consignment(self):
        arch = (
            self.env["stock.account.transfer.wizard"]
            .with_user(self.stock_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("Uses Odoo's Consignment setting", arch)

    def test_buttons_with_consignment(self):
        """The Account Transfer buttons show where owners do (Odoo's Consignment
        setting)."""
        consignment_user = new_test_user(
            self.env,
            login="wms_acct_consignment",
            groups="stock.group_stock_user,stock.group_tracking_owner",
        )
        for user, shown in ((consignment_user, True), (self.stock_user, False)):
            for xmlid, view_type in (
                ("serial_tracking_wms.stock_quant_stock_list_view", "list"),
                ("serial_tracking_wms.stock_quant_serial_numbers_form_view", "form"),
            ):
                with self.subTest(user=user.login, view=xmlid):
                    arch = (
                        self.env["stock.quant"]
                        .with_user(user)
                        .get_views([(self.env.ref(xmlid).id, view_type)])["views"][
                            view_type
                        ]["arch"]
                    )
                    self.assertEqual("action_wms_account_transfer" in arch, shown)
        self.assertTrue(
            self._menu_visible(
                self.env.ref("serial_tracking_wms.menu_stock_account_transfer"),
                consignment_user,
            )
        )

    def test_only_stock_users(self):
        self._put_in_stock(self.product_full, serials=["AC-1"])
        portal = new_test_user(
            self.env, login="wms_acct_portal", groups="base.group_portal"
        )
        for user in (portal, self.env.ref("base.public_user")):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["stock.quant"].with_user(user).wms_transfer_account(
                    self.product_full.id,
                    self.stock_location.id,
                    ["AC-1"],
                    self.alpha.id,
                )
        self.assertOwners(self.product_full, {("AC-1", False): 1})


@tagged("post_install", "-at_install")
class TestAccountPick(AccountCase):
    """A serial owned by an account is picked only for that account's orders."""

    def test_reservation_takes_only_the_account_stock(self):
        self._consign(self.product_full, self.alpha, serials=["A-1", "A-2"])
        self._consign(self.product_full, False, serials=["C-1", "C-2"])
        for_alpha = self._order([(self.product_full, 2)], self.alpha)
        self.assertEqual(for_alpha.state, "assigned")
        self.assertEqual(
            sorted(
                for_alpha.move_line_ids.mapped(
                    lambda ml: (ml.lot_id.name, ml.owner_id.name)
                )
            ),
            [("A-1", "Consignor Alpha"), ("A-2", "Consignor Alpha")],
        )
        own = self._order([(self.product_full, 2)])
        self.assertEqual(own.state, "assigned")
        self.assertEqual(
            sorted(own.move_line_ids.lot_id.mapped("name")), ["C-1", "C-2"]
        )
        self.assertFalse(own.move_line_ids.owner_id)
        # Another account has nothing here: nothing is proposed to it.
        for_beta = self._order([(self.product_full, 1)], self.beta)
        self.assertEqual(for_beta.state, "confirmed")
        self.assertFalse(for_beta.move_line_ids)
        # Alpha's order picks and ships Alpha's serials.
        ufor_alpha = for_alpha.with_user(self.stock_user)
        for serial in ("A-2", "A-1"):
            self.assertScanOk(self._scan(ufor_alpha, self.product_full, serial))
        self._validate(ufor_alpha)
        self.assertOwners(
            self.product_full,
            {("A-1", self.alpha): 1, ("A-2", self.alpha): 1},
            self.customer_location,
        )
        self.assertOwners(self.product_full, {("C-1", False): 1, ("C-2", False): 1})
        self.assertIntegrityClean()

    def test_scan_refuses_another_account_serial(self):
        self._consign(self.product_full, self.alpha, serials=["A-1", "A-2"])
        self._consign(self.product_full, False, serials=["C-1", "C-2"])
        own = self._order([(self.product_full, 1)]).with_user(self.stock_user)
        for_alpha = self._order([(self.product_full, 1)], self.alpha).with_user(
            self.stock_user
        )
        for_beta = self._order([(self.product_full, 1)], self.beta).with_user(
            self.stock_user
        )
        company = self.company.name
        cases = [
            (
                own,
                "A-1",
                f"A-1 of Laptop belongs to Consignor Alpha; {own.name} picks for "
                f"{company}.",
            ),
            (
                for_alpha,
                "C-2",
                f"C-2 of Laptop belongs to {company}; {for_alpha.name} picks for "
                "Consignor Alpha.",
            ),
            (
                for_beta,
                "A-2",
                f"A-2 of Laptop belongs to Consignor Alpha; {for_beta.name} picks "
                "for Consignor Beta.",
            ),
        ]
        for picking, serial, message in cases:
            with self.subTest(picking=picking.name, serial=serial):
                self.assertScanRefused(
                    self._scan(picking, self.product_full, serial), message
                )
                with self.assertRefused(UserError, re.escape(message)):
                    picking.wms_set_picked_serials(self.product_full.id, [serial])
                self.assertFalse(picking.move_line_ids.filtered("picked"))
        self.assertScanOk(self._scan(for_alpha, self.product_full, "A-2"))
        self.assertScanOk(self._scan(own, self.product_full, "C-2"))

    def test_validation_refuses_another_account_serial(self):
        self._consign(self.product_full, self.alpha, serials=["A-1"])
        self._consign(self.product_full, False, serials=["C-1"])
        own = self._order([(self.product_full, 1)]).with_user(self.stock_user)
        self.assertScanOk(self._scan(own, self.product_full, "C-1"))
        # The owner assigned after the pick: validation judges it.
        own.owner_id = self.alpha
        with self.assertRefused(
            UserError,
            re.escape(
                f"C-1 of Laptop belongs to {self.company.name}; {own.name} "
                "picks for Consignor Alpha."
            ),
        ):
            own.button_validate()
        for_alpha = self._order([(self.product_full, 1)], self.alpha).with_user(
            self.stock_user
        )
        self.assertEqual(for_alpha.move_line_ids.lot_id.name, "A-1")
        self.assertScanOk(self._scan(for_alpha, self.product_full, "A-1"))
        for_alpha.owner_id = False
        with self.assertRefused(
            UserError,
            re.escape(
                f"A-1 of Laptop belongs to Consignor Alpha; {for_alpha.name} "
                f"picks for {self.company.name}."
            ),
        ):
            for_alpha.button_validate()
        self.assertOwners(
            self.product_full, {("A-1", self.alpha): 1, ("C-1", False): 1}
        )
        self.assertOwners(self.product_full, {}, self.customer_location)

    def test_track_during_pick_untracked_stock_of_each_account(self):
        self._consign(self.product_pick, False, qty=3)
        self._consign(self.product_pick, self.alpha, qty=2)
        for_alpha = self._order([(self.product_pick, 2)], self.alpha)
        self.assertEqual(for_alpha.move_line_ids.owner_id, self.alpha)
        own = self._order([(self.product_pick, 2)])
        self.assertFalse(own.move_line_ids.owner_id)
        self.assertEqual(own.state, "assigned")
        # Beta owns nothing here: its serial would come out of another's stock.
        for_beta = self._order([(self.product_pick, 1)], self.beta).with_user(
            self.stock_user
        )
        self.assertEqual(for_beta.state, "confirmed")
        result = self._scan(for_beta, self.product_pick, "EB-B1")
        self.assertScanRefused(
            result,
            "EB-B1 of Earbuds would be taken from the untracked stock of",
            f"{for_beta.name} picks for Consignor Beta.",
        )
        # Each account's pick takes its own units.
        ufor_alpha = for_alpha.with_user(self.stock_user)
        ufor_alpha.wms_set_picked_serials(self.product_pick.id, ["EB-A1", "EB-A2"])
        self._validate(ufor_alpha)
        uown = own.with_user(self.stock_user)
        self.assertScanOk(self._scan(uown, self.product_pick, "EB-C1"))
        # Assigned to Alpha after the pick: Alpha's units are gone, the
        # company's were reserved.
        uown.owner_id = self.alpha
        with self.assertRefused(
            UserError,
            re.escape(
                f"EB-C1 of Earbuds would be taken from the untracked stock of "
                f"{self.company.name} at STW/Stock; {own.name} picks for "
                "Consignor Alpha."
            ),
        ):
            uown.button_validate()
        uown.owner_id = False
        self.assertScanOk(self._scan(uown, self.product_pick, "EB-C2"))
        self._validate(uown)
        self.assertOwners(self.product_pick, {(False, False): 1})
        self.assertOwners(
            self.product_pick,
            {
                ("EB-A1", self.alpha): 1,
                ("EB-A2", self.alpha): 1,
                ("EB-C1", False): 1,
                ("EB-C2", False): 1,
            },
            self.customer_location,
        )
        self.assertNoNegativeQuant(self.product_pick)
        self.assertIntegrityClean()

    def test_after_an_account_transfer_the_serial_follows_its_owner(self):
        self._receive_serials(self.product_full, ["FO-1"])
        self._put_in_stock(self.product_pick, qty=2)
        self._transfer(self.product_full, ["FO-1"], self.alpha)
        self._transfer(self.product_pick, (), self.alpha, quantity=2)
        # The company's orders no longer get them.
        own = self._order([(self.product_full, 1), (self.product_pick, 1)])
        self.assertEqual(own.state, "confirmed")
        self.assertFalse(own.move_line_ids)
        self.assertScanRefused(
            self._scan(own.with_user(self.stock_user), self.product_full, "FO-1"),
            "FO-1 of Laptop belongs to Consignor Alpha",
        )
        # Alpha's order does.
        for_alpha = self._order(
            [(self.product_full, 1), (self.product_pick, 2)], self.alpha
        ).with_user(self.stock_user)
        self.assertEqual(for_alpha.state, "assigned")
        self.assertScanOk(self._scan(for_alpha, self.product_full, "FO-1"))
        for_alpha.wms_set_picked_serials(self.product_pick.id, ["FP-1", "FP-2"])
        self._validate(for_alpha)
        self.assertOwners(self.product_full, {})
        self.assertOwners(self.product_pick, {})
        lot = self.env["stock.lot"].search([("name", "=", "FO-1")])
        self.assertEqual(
            lot._wms_history_lines().mapped("wms_serial_step"),
            ["received", "account", "delivered"],
        )
        self.assertIntegrityClean()
