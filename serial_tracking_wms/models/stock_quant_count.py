# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Adjustments: the rules a physical inventory count must satisfy when it is
applied, whatever path counted it (Physical Inventory, the product's quantity
update, an import, RPC), and the count by serial number of a Full Tracking
product at a location."""

from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from ..speed import count as speed_count
from ..speed import lots as speed_lots

COUNT_LOCATION_USAGES = ("internal", "transit")


class StockQuant(models.Model):
    _inherit = "stock.quant"

    # --- Action methods ---
    def action_apply_inventory(self):
        """Refuse a wrong count before Odoo asks anything; Track During Pick
        products are counted by quantity: no "tracked products without serial
        number" question for them."""
        self._wms_check_inventory_counts()
        quants = self
        without_serial = self._wms_counted_without_serial()
        if (
            without_serial
            and not self.env.context.get("set_inventory_quantity_auto_apply")
            and not self.filtered("is_outdated")
            and set(without_serial.product_id.mapped("serial_tracking_mode"))
            == {"pick"}
        ):
            # The context Odoo itself uses to apply a count without questions.
            quants = self.with_context(set_inventory_quantity_auto_apply=True)
        return super(StockQuant, quants).action_apply_inventory()

    # --- Stock flow overrides ---
    def _apply_inventory(self):
        # Every path that applies counts ends here: nothing is moved unless all
        # the counts are right.
        self._wms_check_inventory_counts()
        return super()._apply_inventory()

    # --- Entry point: the count by serial number ---
    @api.model
    def wms_count_serials(self, location_id, product_id, serials, reason=None):
        """Count a Full Tracking product at a location by its serial numbers.

        ``serials`` are the serial numbers found there. A serial found and not on
        record there is added (its lot created, or reused in this company), a
        serial on record and not found is written off, the others stay as they
        are; each change is its own inventory adjustment line. A serial found
        that the books put outside the warehouse (at a customer, a supplier, a
        scrap location) comes back from there as a return: a move from that
        location to this one, so that it is never in two places. Refused, before
        anything is written: a product not in Full Tracking, a location that is
        not internal, a malformed serial, a serial given twice, a serial on hand
        elsewhere in the company.

        :param reason: the adjustment's reference (Odoo's "Inventory Reason")
        :return: dict ``{added, returned, written_off, unchanged}`` (sorted
            serial names)
        """
        location = self.env["stock.location"].browse(location_id).exists()
        product = self.env["product.product"].browse(product_id).exists()
        self._wms_check_count_access(location, product)
        plan = self._wms_serial_count_plan(location, product, serials)
        if plan["errors"]:
            raise UserError("\n".join(plan["errors"]))
        reason = reason or _("Serial Number Count")
        set_based = speed_count.enabled(self)
        added = self._wms_set_serial_counts(location, product, plan, set_based)
        counted = added | plan["written_off"]
        if counted:
            counted.with_context(
                inventory_name=reason,
                **{speed_count.COUNT_MOVES_KEY: set_based},
            )._apply_inventory()
            counted.inventory_quantity_set = False
        self._wms_return_counted_serials(location, product, plan["returned"], reason)
        return {
            "added": sorted(plan["added"]),
            "returned": sorted(plan["returned"].lot_id.mapped("name")),
            "written_off": sorted(plan["written_off"].lot_id.mapped("name")),
            "unchanged": sorted(plan["unchanged"].lot_id.mapped("name")),
        }

    # --- Private helpers: the rules of a count ---
    def _wms_check_inventory_counts(self):
        """The one place where counts are judged before they are applied.

        Full Tracking: counted by serial number, no units without one. Every
        serial (Full Tracking or Track During Pick) counts 0 or 1, and is found
        at one place only: not where it is on hand elsewhere in the company
        (unless that place is counted 0 by the same application). Track During
        Pick units without serial and No Tracking products: counted by quantity,
        as Odoo does.
        """
        errors = []
        quants = self.filtered(
            lambda q: q.product_id.tracking == "serial"
            and q.location_id.usage in COUNT_LOCATION_USAGES
        )
        leaving = quants.filtered(
            lambda q: q.lot_id
            and float_is_zero(
                q.inventory_quantity, precision_rounding=q.product_uom_id.rounding
            )
            and float_compare(
                q.quantity, 0, precision_rounding=q.product_uom_id.rounding
            )
            > 0
        )
        found = defaultdict(dict)
        for quant in quants:
            product, location = quant.product_id, quant.location_id
            rounding = quant.product_uom_id.rounding
            counted = quant.inventory_quantity
            if not quant.lot_id:
                if (
                    product.serial_tracking_mode == "full"
                    and float_compare(counted, 0, precision_rounding=rounding) > 0
                ):
                    errors.append(
                        _(
                            "%(product)s is in Full Tracking: it is counted by serial "
                            "number. The count of %(qty)s units without serial number "
                            "at %(location)s is refused; count its serial numbers "
                            "instead (Count Serial Numbers).",
                            product=product.display_name,
                            qty=format(counted, "g"),
                            location=location.display_name,
                        )
                    )
                continue
            name = quant.lot_id.name
            if float_compare(counted, 0, precision_rounding=rounding) and float_compare(
                counted, 1, precision_rounding=rounding
            ):
                errors.append(
                    _(
                        "Serial number %(serial)s of %(product)s is counted %(qty)s at "
                        "%(location)s: a serial number counts 0 (not found) or 1 "
                        "(found).",
                        serial=name,
                        product=product.display_name,
                        qty=format(counted, "g"),
                        location=location.display_name,
                    )
                )
                continue
            if (
                float_compare(counted, 1, precision_rounding=rounding)
                or float_compare(quant.quantity, 1, precision_rounding=rounding) >= 0
            ):
                continue
            by_name = found[(product, quant.company_id)]
            if name in by_name and by_name[name] != location:
                errors.append(
                    _(
                        "Serial number %(serial)s of %(product)s is counted as found "
                        "at both %(location)s and %(other)s.",
                        serial=name,
                        product=product.display_name,
                        location=by_name[name].display_name,
                        other=location.display_name,
                    )
                )
                continue
            by_name[name] = location
        for (product, company), by_name in found.items():
            errors += self._wms_on_hand_elsewhere_errors(
                product, company, by_name, leaving
            )
        if errors:
            # A count that breaks them is invalid data, as Odoo's own serial
            # checks of a count say (ValidationError, a UserError).
            raise ValidationError("\n".join(errors))

    @api.model
    def _wms_on_hand_elsewhere_errors(
        self, product, company, found, leaving=None, coming_back=None
    ):
        """Serials counted as found where they are not, while on hand elsewhere
        in ``company``.

        :param found: dict serial name -> location where it is counted as found
        :param leaving: quants counted 0 in the same application (their serials
            may be found elsewhere)
        :param coming_back: quants the count brings back to where their serials
            are found (in another warehouse: ``_wms_serials_outside``)
        :return: list of messages
        """
        on_hand = self.env["stock.lot"]._wms_serial_quants(product, found, company)
        errors = []
        for name in sorted(on_hand):
            others = (
                on_hand[name].filtered(
                    lambda q, name=name: q.location_id != found[name]
                )
                - (leaving or self.browse())
                - (coming_back or self.browse())
            )
            if not others:
                continue
            errors.append(
                _(
                    "Serial number %(serial)s of %(product)s is on hand at "
                    "%(other)s: it cannot be counted as found at %(location)s. Move "
                    "it with a transfer, or count it as not found at %(other)s.",
                    serial=name,
                    product=product.display_name,
                    other=", ".join(others.location_id.mapped("display_name")),
                    location=found[name].display_name,
                )
            )
        return errors

    @api.model
    def _wms_check_count_access(self, location, product):
        """Who counts stock: Odoo's rule for Physical Inventory (stock users and
        Inventory managers)."""
        if not self.env.su and not self.env.user.has_group("stock.group_stock_user"):
            raise AccessError(
                _(
                    "Only Inventory users can count stock (%(product)s at "
                    "%(location)s).",
                    product=product.display_name,
                    location=location.display_name,
                )
            )

    def _wms_counted_without_serial(self):
        """The quants Odoo would ask about as "tracked products without serial
        number" when their count is applied."""
        return self.filtered(
            lambda q: q.product_id.tracking in ("lot", "serial")
            and not q.lot_id
            and q.inventory_quantity != q.quantity
            and not q.quantity
        )

    # --- Private helpers: the count by serial number ---
    @api.model
    def _wms_serial_count_plan(self, location, product, serials, line_numbers=None):
        """What counting ``serials`` as found of ``product`` at ``location``
        does; writes nothing.

        :param line_numbers: the line of each of ``serials`` in what the user
            gave (blank lines counted), for the messages
        :return: dict ``{errors: [messages], added: [serial names], returned:
            quants, written_off: quants, unchanged: quants}``; ``returned`` are
            the quants outside the warehouse (at a customer, a supplier...) of
            serials found: they come back from there
        """
        plan = {
            "errors": [],
            "added": [],
            "returned": self,
            "written_off": self,
            "unchanged": self,
        }
        if not product:
            plan["errors"].append(_("Choose the product to count."))
        elif product.serial_tracking_mode != "full":
            plan["errors"].append(
                _(
                    "%(product)s is in %(mode)s: it is counted by quantity (Physical "
                    "Inventory), not by serial number.",
                    product=product.display_name,
                    mode=product.product_tmpl_id._wms_mode_label(),
                )
            )
        if not location:
            plan["errors"].append(_("Choose the location counted."))
        elif location.usage not in COUNT_LOCATION_USAGES:
            plan["errors"].append(
                _(
                    "Serial numbers are counted at an internal location; "
                    "%(location)s is not one.",
                    location=location.display_name,
                )
            )
        if serials and not isinstance(serials, list | tuple):
            plan["errors"].append(_("The serial numbers found are given as a list."))
        if plan["errors"]:
            return plan
        names, errors = self.env["stock.lot"]._wms_parse_serial_list(
            list(serials or []), product, line_numbers=line_numbers
        )
        plan["errors"] += errors
        recorded = self.search(
            [
                ("product_id", "=", product.id),
                ("location_id", "=", location.id),
                ("lot_id", "!=", False),
                ("quantity", ">", 0),
            ]
        )
        found = set(names)
        plan["written_off"] = recorded.filtered(lambda q: q.lot_id.name not in found)
        plan["unchanged"] = recorded - plan["written_off"]
        recorded_names = set(recorded.lot_id.mapped("name"))
        new = [name for name in names if name not in recorded_names]
        plan["returned"] = self._wms_serials_outside(product, location, new)
        plan["errors"] += self._wms_on_hand_elsewhere_errors(
            product,
            location.company_id,
            dict.fromkeys(new, location),
            coming_back=plan["returned"],
        )
        returned = set(plan["returned"].lot_id.mapped("name"))
        plan["added"] = [name for name in new if name not in returned]
        return plan

    @api.model
    def _wms_serials_outside(self, product, location, names):
        """Where the books put ``names`` outside the warehouse: their positive
        quants at a location that is neither internal nor transit (a customer,
        a supplier, a scrap or production location), or in another warehouse
        of ``location``'s company (not reserved there: a serial reserved by a
        transfer stays where it is, the count refuses it), in ``location``'s
        company. Not the product's inventory adjustment location: a serial
        written off and found again comes back from there through the count's
        own adjustment. One quant per serial (its latest, should the books hold
        several).

        :return: stock.quant recordset
        """
        if not names:
            return self.browse()
        company = location.company_id
        inventory = product.with_company(company).property_stock_inventory
        quants = (
            self.sudo()
            .search(
                [
                    ("product_id", "=", product.id),
                    (
                        "lot_id",
                        "in",
                        self.env["stock.lot"]._wms_lot_ids(product, names),
                    ),
                    ("lot_id.company_id", "in", (False, company.id)),
                    ("location_id", "!=", inventory.id),
                    ("quantity", ">", 0),
                    "|",
                    ("location_id.usage", "not in", COUNT_LOCATION_USAGES),
                    "&",
                    "&",
                    ("location_id.warehouse_id", "!=", location.warehouse_id.id),
                    ("location_id.company_id", "=", company.id),
                    ("reserved_quantity", "=", 0),
                ],
                order="in_date desc, id desc",
            )
            .with_env(self.env)
        )
        latest = {}
        for quant in quants:
            latest.setdefault(quant.lot_id, quant)
        return self.browse([quant.id for quant in latest.values()])

    @api.model
    def _wms_serials_outside_documents(self, quants):
        """The document that put each of ``quants``' serials where it is: the
        latest done move line that brought it to its location.

        :return: dict quant -> stock.move.line (empty when none)
        """
        lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", quants.lot_id.ids),
                    ("location_dest_id", "in", quants.location_id.ids),
                    ("state", "=", "done"),
                ],
                order="date desc, id desc",
            )
        )
        by_place = {}
        for line in lines:
            by_place.setdefault((line.lot_id, line.location_dest_id), line)
        return {
            quant: by_place.get(
                (quant.lot_id, quant.location_id), self.env["stock.move.line"]
            )
            for quant in quants
        }

    @api.model
    def _wms_serials_outside_messages(self, quants, location):
        """One line per serial of ``quants`` for a count's preview: where the
        books put it, by which document, and that it comes back from there."""
        messages = []
        documents = self._wms_serials_outside_documents(quants)
        for quant in quants.sorted(lambda q: q.lot_id.name):
            line = documents[quant]
            if line:
                # The document, its partner when it has one, its date.
                partner = line.picking_partner_id or line.move_id.partner_id
                details = ", ".join(
                    value
                    for value in (
                        line.reference or line.move_id.display_name,
                        partner.display_name,
                        fields.Date.to_string(line.date),
                    )
                    if value
                )
                messages.append(
                    _(
                        "%(serial)s: the books put it at %(place)s (%(details)s); "
                        "it comes back from there to %(location)s as a return.",
                        serial=quant.lot_id.name,
                        place=quant.location_id.display_name,
                        details=details,
                        location=location.display_name,
                    )
                )
            else:
                messages.append(
                    _(
                        "%(serial)s: the books put it at %(place)s; it comes back "
                        "from there to %(location)s as a return.",
                        serial=quant.lot_id.name,
                        place=quant.location_id.display_name,
                        location=location.display_name,
                    )
                )
        return messages

    @api.model
    def _wms_return_counted_serials(self, location, product, quants, reason):
        """Bring the serials of ``quants`` (outside the warehouse) back to
        ``location``, where they were counted: one done move per place they
        come from, through Odoo's own ``_action_done`` (not the set-based
        layer: a count finds few such serials). Their quants there leave: the
        serial is in one place."""
        Move = self.env["stock.move"]
        for source, group in quants.grouped("location_id").items():
            move = Move.create(
                {
                    "name": _(
                        "%(reason)s: found at %(location)s",
                        reason=reason,
                        location=location.display_name,
                    ),
                    "product_id": product.id,
                    "product_uom": product.uom_id.id,
                    "product_uom_qty": len(group),
                    "location_id": source.id,
                    "location_dest_id": location.id,
                    "company_id": location.company_id.id,
                    "origin": reason,
                    "move_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_id": product.uom_id.id,
                                "lot_id": quant.lot_id.id,
                                "quantity": 1,
                                "location_id": source.id,
                                "location_dest_id": location.id,
                                "owner_id": quant.owner_id.id,
                                "picked": True,
                            }
                        )
                        for quant in group
                    ],
                }
            )
            move.picked = True
            move._action_done()

    @api.model
    def _wms_set_serial_counts(self, location, product, plan, set_based=False):
        """Record the counts of ``plan``: 1 for the serials added (their lots
        found in the location's company or created), 0 for those written off.

        :param set_based: the new lots and the quants of serials without one at
            the location are created set-based (``speed/count.py``)
        :return: the quants of the serials added
        """
        company = location.company_id
        Lot = self.env["stock.lot"]
        lots = {}
        if plan["added"]:
            existing = Lot.search(
                [
                    ("id", "in", Lot._wms_lot_ids(product, plan["added"])),
                    ("company_id", "in", (False, company.id)),
                ]
            )
            # A lot of the company before a lot shared by all companies.
            for lot in existing.sorted(lambda lot: bool(lot.company_id)):
                lots[lot.name] = lot
            missing = [name for name in plan["added"] if name not in lots]
            vals_list = [
                {"name": name, "product_id": product.id, "company_id": company.id}
                for name in missing
            ]
            for lot in (
                speed_lots.create_many(Lot, vals_list)
                if set_based
                else Lot.create(vals_list)
            ):
                lots[lot.name] = lot
        vals_list = [
            {
                "product_id": product.id,
                "location_id": location.id,
                "lot_id": lots[name].id,
                "inventory_quantity": 1,
            }
            for name in plan["added"]
        ]
        if set_based:
            created = speed_count.create_counted_quants(self, vals_list)
        else:
            # Odoo's own way of recording a count (Physical Inventory's "New"
            # line): it reuses the serial's quant at the location when there is
            # one.
            created = self.with_context(inventory_mode=True).create(vals_list)
        plan["written_off"].write(
            {
                "inventory_quantity": 0,
                "inventory_quantity_set": True,
                "user_id": self.env.uid,
            }
        )
        return self.browse(created.ids)
