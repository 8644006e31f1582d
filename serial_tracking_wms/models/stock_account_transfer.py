# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Account transfers: stock on hand changes owner (consigned stock, Odoo's
``owner_id``; no owner: the company) without moving.

The change is a done stock move from the location to itself, in the way Odoo
relocates quants (``stock.quant.move_quants``: a move without transfer, marked
``is_inventory``), numbered by its own sequence (ACCT/00001). Its lines take
the units from the old owner's quants as any line does (``owner_id``, Odoo's
"From Owner") and put them in the new owner's (``wms_owner_dest_id``, "To
Owner"): the serial keeps its lot, its place and its history.
"""

from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, float_round
from odoo.tools.misc import clean_context

SEQUENCE_CODE = "stock.account.transfer"
# Fields of a done account transfer line that would move stock if edited.
LOCKED_LINE_FIELDS = {
    "quantity",
    "product_uom_id",
    "location_id",
    "location_dest_id",
    "lot_id",
    "package_id",
    "result_package_id",
    "owner_id",
}


class StockMove(models.Model):
    _inherit = "stock.move"

    # --- Fields ---
    wms_account_transfer = fields.Boolean(
        "Account Transfer",
        readonly=True,
        copy=False,
        help="This move changed the owner of stock on hand, which stayed in place.",
    )
    wms_owner_dest_id = fields.Many2one(
        "res.partner",
        "To Owner",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Who owns the stock after this account transfer; empty: the company.",
    )


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    # --- Fields ---
    wms_account_transfer = fields.Boolean(related="move_id.wms_account_transfer")
    wms_owner_dest_id = fields.Many2one(
        related="move_id.wms_owner_dest_id", string="To Owner"
    )
    wms_serial_step = fields.Selection(selection_add=[("account", "Account Transfer")])

    # --- Stock flow overrides ---
    def _synchronize_quant(
        self, quantity, location, action="available", in_date=False, **quants_value
    ):
        """An account transfer line puts its units in the new owner's quant: the
        one call that adds them at the destination, as its line is done."""
        # The cheap conditions first: this runs three times per line validated.
        if (
            action == "available"
            and "owner" not in quants_value
            and location == self.location_dest_id
            and float_compare(
                quantity, 0, precision_rounding=self.product_id.uom_id.rounding
            )
            > 0
            and self.state != "done"
            and self.wms_account_transfer
        ):
            quants_value["owner"] = self.wms_owner_dest_id
        return super()._synchronize_quant(
            quantity, location, action=action, in_date=in_date, **quants_value
        )

    # --- Private helpers ---
    def _wms_check_account_transfer_edit(self, vals):
        """A done account transfer is never edited (``write`` of move lines)."""
        if LOCKED_LINE_FIELDS.intersection(vals):
            done = self.filtered(
                lambda ml: ml.state == "done" and ml.wms_account_transfer
            )
            if done:
                raise UserError(
                    _(
                        "%(reference)s is a done account transfer: it cannot be "
                        "edited. Make another account transfer to change the owner "
                        "again.",
                        reference=done[0].reference,
                    )
                )

    def _wms_serial_step(self):
        if self.wms_account_transfer:
            return "account"
        return super()._wms_serial_step()


class StockQuant(models.Model):
    _inherit = "stock.quant"

    # --- Action methods ---
    def action_wms_account_transfer(self):
        """Open the Account Transfer dialog on these stock lines (one product at
        one location): their serials, and their units without serial."""
        if len(self.product_id) > 1 or len(self.location_id) > 1:
            raise UserError(
                _(
                    "An account transfer changes the owner of one product at one "
                    "location: select the stock lines of one product at one "
                    "location."
                )
            )
        untracked = self.filtered(lambda q: not q.lot_id and q.quantity > 0)
        context = {
            "default_product_id": self.product_id.id,
            "default_location_id": self.location_id.id,
            "default_serials_text": "\n".join(
                self.filtered(lambda q: q.lot_id and q.quantity > 0).lot_id.mapped(
                    "name"
                )
            ),
        }
        if len({q.owner_id for q in untracked}) <= 1:
            context["default_owner_id"] = untracked.owner_id.id
            context["default_quantity"] = sum(
                q.quantity - q.reserved_quantity for q in untracked
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Account Transfer"),
            "res_model": "stock.account.transfer.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    # --- Entry point ---
    @api.model
    def wms_transfer_account(
        self,
        product_id,
        location_id,
        serials=None,
        new_owner_id=False,
        quantity=0,
        owner_id=False,
    ):
        """Change the owner of stock on hand at a location, which stays there.

        :param serials: serial numbers of ``product_id`` on hand at
            ``location_id`` (Full Tracking, or Track During Pick serials on hand)
        :param new_owner_id: the account (res.partner id) that owns them from
            now on; False: the company
        :param quantity: units without serial number (Track During Pick stock
            not picked yet, No Tracking) that change owner too
        :param owner_id: who owns those units now; False: the company
        :return: dict ``{ok, message, reference, move_ids, count, quantity}``

        Refused, before anything is written, with the serial, product and
        place: a serial not on hand there, reserved by a transfer, already the
        new owner's, given twice; more units than are free there.
        """
        self.env["stock.move"].check_access("create")
        # The caller's ``default_*`` keys (a dialog's) are not the moves' defaults.
        quants = self.with_env(self.env(context=clean_context(self.env.context)))
        plan = quants._wms_account_transfer_plan(
            product_id, location_id, serials, new_owner_id, quantity, owner_id
        )
        if plan["errors"]:
            raise UserError("\n".join(plan["errors"]))
        moves = quants._wms_account_transfer_done(plan)
        count, qty = len(plan["quants"]), plan["quantity"]
        product, new_owner = plan["product"], plan["new_owner"]
        return {
            "ok": True,
            "message": _(
                "%(reference)s: %(count)s serial numbers and %(qty)s units without "
                "serial number of %(product)s now belong to %(owner)s.",
                reference=moves[:1].reference,
                count=count,
                qty=format(qty, "g"),
                product=product.display_name,
                owner=new_owner.display_name or plan["company"].display_name,
            ),
            "reference": moves[:1].reference,
            "move_ids": moves.ids,
            "count": count,
            "quantity": qty,
        }

    # --- Private helpers ---
    @api.model
    def _wms_account_transfer_plan(
        self, product_id, location_id, serials, new_owner_id, quantity, owner_id
    ):
        """What an account transfer would change, and why it is refused.

        :return: dict with ``errors`` (list of messages), ``product``,
            ``location``, ``company``, ``new_owner``, ``quants`` (the serials'
            quants), ``owner`` and ``quantity`` (the untracked units)
        """
        product = self._wms_account_record("product.product", product_id)
        location = self._wms_account_record("stock.location", location_id)
        new_owner = self._wms_account_record("res.partner", new_owner_id)
        owner = self._wms_account_record("res.partner", owner_id)
        plan = {
            "errors": [],
            "product": product,
            "location": location,
            "company": location.company_id or self.env.company,
            "new_owner": new_owner,
            "quants": self.browse(),
            "owner": owner,
            "quantity": 0.0,
        }
        errors = plan["errors"]
        errors += self._wms_account_transfer_input_errors(
            product_id, location_id, new_owner_id, owner_id, plan
        )
        if isinstance(quantity, bool) or not isinstance(quantity, int | float):
            errors.append(_("The quantity must be a number, zero or more."))
        elif product and not self._wms_account_quantity_ok(product, quantity):
            errors.append(
                _(
                    "The quantity of %(product)s must be zero or more, in steps of "
                    "%(step)s %(unit)s (%(quantity)s given).",
                    product=product.display_name,
                    step=format(self._wms_account_quantity_step(product), "g"),
                    unit=product.uom_id.name,
                    quantity=quantity,
                )
            )
        if serials and not isinstance(serials, list | tuple):
            errors.append(_("Give the serial numbers as a list."))
        if errors:
            return plan
        names, serial_errors = self.env["stock.lot"]._wms_parse_serial_list(
            serials or [], product
        )
        errors += serial_errors
        plan["quantity"] = float(quantity)
        mode = product.product_tmpl_id.serial_tracking_mode
        if names and mode == "none":
            errors.append(
                _(
                    "%(product)s is set to No Tracking: its stock changes owner by "
                    "quantity, without serial numbers.",
                    product=product.display_name,
                )
            )
        if plan["quantity"] and mode == "full":
            errors.append(
                _(
                    "%(product)s is in Full Tracking: its stock changes owner by "
                    "serial number, not by quantity.",
                    product=product.display_name,
                )
            )
        if not names and not plan["quantity"] and not errors:
            errors.append(
                _(
                    "Give the serial numbers of %(product)s, or its quantity without "
                    "serial number, whose owner changes at %(location)s.",
                    product=product.display_name,
                    location=location.display_name,
                )
            )
        if errors:
            return plan
        plan["quants"], serial_errors = self._wms_account_serial_quants(plan, names)
        errors += serial_errors
        if plan["quantity"]:
            errors += self._wms_account_untracked_errors(plan)
        return plan

    @api.model
    def _wms_account_quantity_step(self, product):
        """Units without serial of a serial-tracked product are whole units."""
        return 1.0 if product.tracking == "serial" else product.uom_id.rounding

    @api.model
    def _wms_account_quantity_ok(self, product, quantity):
        step = self._wms_account_quantity_step(product)
        return float_compare(quantity, 0, precision_rounding=step) >= 0 and (
            not float_compare(
                quantity,
                float_round(quantity, precision_rounding=step),
                precision_digits=6,
            )
        )

    @api.model
    def _wms_account_record(self, model, value):
        """The record ``value`` names (an id), empty when there is none."""
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            return self.env[model]
        return self.env[model].browse(value).exists()

    @api.model
    def _wms_account_transfer_input_errors(
        self, product_id, location_id, new_owner_id, owner_id, plan
    ):
        product, location = plan["product"], plan["location"]
        errors = []
        if not product:
            errors.append(_("Unknown product (id %s).", product_id))
        elif not product.is_storable:
            errors.append(
                _(
                    "%(product)s is not tracked in stock: it has no owner to change.",
                    product=product.display_name,
                )
            )
        if not location:
            errors.append(_("Unknown location (id %s).", location_id))
        elif location.usage != "internal":
            errors.append(
                _(
                    "Stock changes owner only where it is stored: %(location)s is "
                    "not an internal location.",
                    location=location.display_name,
                )
            )
        for value, partner in (
            (new_owner_id, plan["new_owner"]),
            (owner_id, plan["owner"]),
        ):
            if value and not partner:
                errors.append(_("Unknown owner (id %s).", value))
        return errors

    @api.model
    def _wms_account_serial_quants(self, plan, names):
        """The quants of ``names`` on hand at the plan's location, and the
        refusals: not on hand there, reserved, already the new owner's."""
        product, location = plan["product"], plan["location"]
        company, new_owner = plan["company"], plan["new_owner"]
        if not names:
            return self.browse(), []
        found = (
            self.sudo()
            .search(
                [
                    ("product_id", "=", product.id),
                    ("location_id", "=", location.id),
                    ("lot_id.name", "in", names),
                    ("quantity", ">", 0),
                ]
            )
            .grouped(lambda q: q.lot_id.name)
        )
        elsewhere = self.env["stock.lot"]._wms_serials_on_hand(
            product, [n for n in names if n not in found], company
        )
        reserving = self._wms_account_reserving_lines(
            product, location, [n for n in names if n in found]
        )
        args = {"product": product.display_name, "location": location.display_name}
        errors, quant_ids = [], []
        for name in names:
            quant = found.get(name, self.browse())[:1]
            if not quant:
                errors.append(
                    _(
                        "Serial number %(serial)s of %(product)s is at %(place)s, not "
                        "at %(location)s.",
                        serial=name,
                        place=elsewhere[name].display_name,
                        **args,
                    )
                    if name in elsewhere
                    else _(
                        "Serial number %(serial)s of %(product)s is not on hand at "
                        "%(location)s.",
                        serial=name,
                        **args,
                    )
                )
            elif name in reserving or quant.reserved_quantity:
                errors.append(
                    _(
                        "Serial number %(serial)s of %(product)s at %(location)s is "
                        "reserved by %(document)s: its owner cannot change while it "
                        "is reserved.",
                        serial=name,
                        document=reserving.get(name) or _("a transfer"),
                        **args,
                    )
                )
            elif quant.owner_id == new_owner:
                errors.append(
                    _(
                        "Serial number %(serial)s of %(product)s at %(location)s "
                        "already belongs to %(owner)s.",
                        serial=name,
                        owner=new_owner.display_name or company.display_name,
                        **args,
                    )
                )
            else:
                quant_ids.append(quant.id)
        return self.browse(quant_ids), errors

    @api.model
    def _wms_account_reserving_lines(self, product, location, names):
        """{serial name: reference of the open transfer reserving it there}."""
        if not names:
            return {}
        lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("product_id", "=", product.id),
                    ("location_id", "=", location.id),
                    ("lot_id.name", "in", names),
                    ("state", "not in", ("done", "cancel")),
                    ("quantity", ">", 0),
                ]
            )
        )
        return {
            line.lot_id.name: line.picking_id.display_name or line.reference
            for line in lines
        }

    @api.model
    def _wms_account_untracked_errors(self, plan):
        """The untracked units must be free stock of their owner there."""
        product, location, owner = plan["product"], plan["location"], plan["owner"]
        company, new_owner = plan["company"], plan["new_owner"]
        args = {
            "product": product.display_name,
            "location": location.display_name,
            "owner": owner.display_name or company.display_name,
        }
        if owner == new_owner:
            return [
                _(
                    "The units of %(product)s without serial number at %(location)s "
                    "owned by %(owner)s already belong to %(owner)s.",
                    **args,
                )
            ]
        free = sum(
            quant.quantity - quant.reserved_quantity
            for quant in self._wms_account_untracked_quants(plan)
        )
        if (
            float_compare(
                plan["quantity"], free, precision_rounding=product.uom_id.rounding
            )
            > 0
        ):
            return [
                _(
                    "Only %(free)s units of %(product)s without serial number owned "
                    "by %(owner)s are free at %(location)s; %(qty)s asked.",
                    free=format(max(free, 0.0), "g"),
                    qty=format(plan["quantity"], "g"),
                    **args,
                )
            ]
        return []

    @api.model
    def _wms_account_untracked_quants(self, plan):
        return self.sudo().search(
            [
                ("product_id", "=", plan["product"].id),
                ("location_id", "=", plan["location"].id),
                ("lot_id", "=", False),
                ("package_id", "=", False),
                ("owner_id", "=", plan["owner"].id),
                ("quantity", ">", 0),
            ]
        )

    @api.model
    def _wms_account_transfer_done(self, plan):
        """Create the account transfer's moves, one per old owner, and do them;
        the old owners' emptied quants go."""
        product, location, company = plan["product"], plan["location"], plan["company"]
        new_owner = plan["new_owner"]
        lines_by_owner = defaultdict(list)
        for quant in plan["quants"]:
            lines_by_owner[quant.owner_id].append(
                (quant.lot_id, quant.package_id, quant.quantity)
            )
        if plan["quantity"]:
            lines_by_owner[plan["owner"]].append(
                (
                    self.env["stock.lot"],
                    self.env["stock.quant.package"],
                    plan["quantity"],
                )
            )
        reference = self.env["ir.sequence"].sudo().next_by_code(SEQUENCE_CODE)
        origin = _(
            "Account Transfer: %(old)s → %(new)s",
            old=", ".join(
                partner.display_name or company.display_name
                for partner in lines_by_owner
            ),
            new=new_owner.display_name or company.display_name,
        )
        line_common = {
            "product_id": product.id,
            "product_uom_id": product.uom_id.id,
            "location_id": location.id,
            "location_dest_id": location.id,
            "company_id": company.id,
            "picked": True,
        }
        moves = self.env["stock.move"].create(
            [
                {
                    "name": reference or origin,
                    "origin": origin,
                    "product_id": product.id,
                    "product_uom": product.uom_id.id,
                    "product_uom_qty": sum(qty for _lot, _pack, qty in lines),
                    "location_id": location.id,
                    "location_dest_id": location.id,
                    "company_id": company.id,
                    "restrict_partner_id": owner.id,
                    "state": "confirmed",
                    "is_inventory": True,
                    "picked": True,
                    "wms_account_transfer": True,
                    "wms_owner_dest_id": new_owner.id,
                    "move_line_ids": [
                        Command.create(
                            {
                                **line_common,
                                "lot_id": lot.id,
                                "package_id": package.id,
                                "result_package_id": package.id,
                                "owner_id": owner.id,
                                "quantity": qty,
                            }
                        )
                        for lot, package, qty in lines
                    ],
                }
                for owner, lines in lines_by_owner.items()
            ]
        )
        lots = plan["quants"].lot_id
        moves._action_done()
        self._wms_account_unlink_emptied(plan, lots, set(lines_by_owner))
        return moves

    @api.model
    def _wms_account_unlink_emptied(self, plan, lots, old_owners):
        """The quants of ``lots`` (and the untracked ones) the old owners (a set
        of partners, empty: the company) were left with at zero, which Odoo
        leaves for its scheduler: none stays behind an account transfer."""
        owner_ids = [owner.id for owner in old_owners]
        emptied = (
            self.sudo()
            .search(
                [
                    ("product_id", "=", plan["product"].id),
                    ("location_id", "=", plan["location"].id),
                    ("owner_id", "in", owner_ids),
                    "|",
                    ("lot_id", "in", lots.ids),
                    ("lot_id", "=", False),
                ]
            )
            .filtered(
                lambda q: float_is_zero(
                    q.quantity, precision_rounding=q.product_uom_id.rounding
                )
                and float_is_zero(
                    q.reserved_quantity, precision_rounding=q.product_uom_id.rounding
                )
                and float_is_zero(
                    q.inventory_quantity, precision_rounding=q.product_uom_id.rounding
                )
                and not q.user_id
                and q.owner_id in old_owners
            )
        )
        emptied.unlink()
