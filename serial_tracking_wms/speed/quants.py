# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Path ``quant_batch``: validating thousands of serial lines at once, exactly as
Odoo does.

Odoo validates move lines in ``stock.move.line._action_done``: a loop that calls
``_synchronize_quant`` three times per line, each call updating one quant through
``stock.quant._update_available_quantity``: it finds the quant (in the
``quants_cache`` Odoo builds for the loop), locks it (one query), then writes it,
or creates a new one (``stock.quant.create`` creates quants one at a time). For a
receipt or a delivery of thousands of serials that is most of the time.

Odoo's loop and every call in it stay: every module's override of
``_action_done``, ``_synchronize_quant`` and ``_free_reservation`` runs as usual.
What changes is when the quant work of each call is done: a ``QuantBatch``
computes what ``_update_available_quantity`` would do (the same quant chosen, the
same ``in_date``, the same values written, the same return value), keeps it, and
does it all together:

* the quants Odoo would lock one by one are locked in one statement (``SKIP
  LOCKED`` too: a quant another transaction holds is passed over, as Odoo does);
* the writes are Odoo's ``write`` set-based (``rows.write_rows``), one statement
  per set of fields written;
* the new quants are made by ``rows.create_rows``: Odoo's ``create`` with its
  defaults per row and every stored field of every installed module computed
  for each row (``product_expiry``'s dates, ...); they are added to the loop's
  ``quants_cache`` as ``stock.quant.create`` does.

The batch is done (``apply``) at the first write of a move line after the loop
(Odoo's own ``write({"date": ...})`` of the lines), before any code that would
read the quants it holds: a call whose result is negative where Odoo then frees
reservations, and any call it cannot compute exactly (ambiguous choice, removal
strategies that search). Those calls go to Odoo's own code. In inventory mode,
with ``wms_no_bulk``, or where ``guard.py`` switched the path off, there is no
batch: Odoo's path runs, line by line.

The interface (called by ``models/stock_quant.py`` and
``models/stock_move_line.py``): ``batch_lines``, ``apply_pending``,
``update_available``, ``available``, ``release``.
"""

from collections import defaultdict

from odoo import fields, models
from odoo.tools import SQL, float_compare

from . import guard
from .rows import can_create_rows, create_rows, write_rows

# Context key holding the batch of the current ``_action_done``.
BATCH_KEY = "wms_quant_batch"
# The fields of a quant ``_update_available_quantity`` creates.
QUANT_FIELDS = (
    "product_id",
    "location_id",
    "lot_id",
    "package_id",
    "owner_id",
    "in_date",
    "quantity",
    "reserved_quantity",
)


class _NewQuant:
    """A quant the batch will create: the values ``create`` will get."""

    __slots__ = ("vals",)
    id = None

    def __init__(self, vals):
        self.vals = vals

    def get(self, fname):
        return self.vals.get(fname) or (
            0.0 if fname in ("quantity", "reserved_quantity") else False
        )


class QuantBatch:
    """The quant updates of one ``_action_done`` loop, done together. Held in a
    context: compared by identity (``object``'s), so that no other context (an
    earlier batch's) is ever taken for this one."""

    def __init__(self, env):
        self.env = env(su=True)
        self.Quant = self.env["stock.quant"]
        # Quant id -> the values it has now ({field: value}), for the quants
        # written by the batch and not yet applied, with the fields written.
        self.values = {}
        self.written = defaultdict(set)
        # Quant key -> quants to create for it, in the order of the calls.
        self.new_by_key = defaultdict(list)
        self.new = []
        self.locked = set()
        self.serials_locked = False
        self.cache = None
        self.strategies = {}
        self.calls = 0

    # --- Whether the batch may stand in for Odoo ---
    @classmethod
    def for_env(cls, env):
        """A batch, or ``None`` when Odoo's path must run (see module doc)."""
        if env.context.get("inventory_mode") or not guard.enabled(env, "quant_batch"):
            return None
        if not can_create_rows(env["stock.quant"], QUANT_FIELDS):
            return None
        return cls(env)

    # --- What ``_update_available_quantity`` does ---
    def update(
        self,
        cache,
        product,
        location,
        quantity,
        reserved_quantity,
        lot=None,
        package=None,
        owner=None,
        in_date=None,
        result=True,
    ):
        """``stock.quant._update_available_quantity``, computed; ``None`` when
        Odoo's own code must do it (the batch is then applied first).

        :param cache: the ``quants_cache`` of the calling loop, if any
        :param result: whether the caller reads the result; if not (Odoo's
            ``_update_reserved_quantity`` drops it), it is not computed and
            ``True`` is returned
        """
        self._use(cache)
        candidates = self._gather(product, location, lot, package, owner)
        if candidates is None or not (quantity or reserved_quantity):
            self.apply()
            return None
        rounding = product.uom_id.rounding
        if lot and quantity > 0:
            candidates = [q for q in candidates if self._get(q, "lot_id")]
        incoming_dates = []
        if not location.should_bypass_reservation():
            incoming_dates = [
                self._get(q, "in_date")
                for q in candidates
                if self._get(q, "in_date")
                and float_compare(
                    self._get(q, "quantity"), 0, precision_rounding=rounding
                )
                > 0
            ]
        if in_date:
            incoming_dates.append(in_date)
        in_date = min(incoming_dates) if incoming_dates else fields.Datetime.now()
        quant = self._choose(candidates)
        if quant is False or (quant is None and not quantity):
            # An ambiguous choice; or a quant created with a reservation only
            # (its quantity left empty): Odoo's own code.
            self.apply()
            return None
        if quant is not None:
            vals = {"in_date": in_date}
            if quantity:
                vals["quantity"] = self._get(quant, "quantity") + quantity
            if reserved_quantity:
                vals["reserved_quantity"] = max(
                    0, self._get(quant, "reserved_quantity") + reserved_quantity
                )
            self._set(quant, vals)
        else:
            vals = {
                "product_id": product.id,
                "location_id": location.id,
                "lot_id": lot.id if lot else False,
                "package_id": package.id if package else False,
                "owner_id": owner.id if owner else False,
                "in_date": in_date,
                "quantity": quantity,
                # Its default when not given: rows of one shape.
                "reserved_quantity": reserved_quantity or 0.0,
            }
            new = _NewQuant(vals)
            self.new.append(new)
            self.new_by_key[self._key(product, location, lot, package, owner)].append(
                new
            )
        self.calls += 1
        if not result:
            # Nothing reads the quants before the next call of the batch, which
            # judges its own result (below).
            return True
        available = self.available(cache, product, location, lot, package, owner)
        if (
            float_compare(available, 0, precision_rounding=rounding) < 0
            and not location.should_bypass_reservation()
        ):
            # Odoo now frees the reservations the units were taken from,
            # reading quants and lines from the database.
            self.apply()
        return available, in_date

    def available(
        self,
        cache,
        product,
        location,
        lot=None,
        package=None,
        owner=None,
        negative=True,
    ):
        """``_get_available_quantity(..., strict=True, allow_negative=negative)``,
        computed; ``None`` when it cannot be."""
        self._use(cache)
        candidates = self._gather(product, location, lot, package, owner)
        if candidates is None:
            return None
        rounding = product.uom_id.rounding
        if product.tracking == "none":
            total = sum(self._get(q, "quantity") for q in candidates) - sum(
                self._get(q, "reserved_quantity") for q in candidates
            )
            if negative or float_compare(total, 0, precision_rounding=rounding) >= 0:
                return total
            return 0.0
        by_lot = defaultdict(float)
        for quant in candidates:
            lot_id = self._get(quant, "lot_id")
            if not lot_id and lot:
                continue
            by_lot[lot_id] += self._get(quant, "quantity") - self._get(
                quant, "reserved_quantity"
            )
        if negative:
            return sum(by_lot.values())
        return sum(
            qty
            for qty in by_lot.values()
            if float_compare(qty, 0, precision_rounding=rounding) > 0
        )

    # --- Doing it ---
    def apply(self):
        """Write and create what the calls so far computed, through the ORM."""
        if not self.values and not self.new:
            return
        by_vals = defaultdict(list)
        for quant_id, written in self.written.items():
            values = self.values[quant_id]
            by_vals[tuple(sorted((f, values[f]) for f in written))].append(quant_id)
        new = self.new
        self.values, self.written = {}, defaultdict(set)
        self.new, self.new_by_key = [], defaultdict(list)
        # Odoo's write, set-based: one statement per set of fields written.
        by_fields = defaultdict(list)
        for vals, ids in by_vals.items():
            by_fields[tuple(f for f, _v in vals)] += [(i, dict(vals)) for i in ids]
        for rows in by_fields.values():
            write_rows(
                self.Quant.browse([i for i, _vals in rows]),
                [vals for _i, vals in rows],
            )
        if new:
            # What ``stock.quant.create`` does outside inventory mode, one quant
            # at a time: Odoo's create, set-based here.
            quants = create_rows(self.Quant, [q.vals for q in new])
            for quant in quants:
                self.locked.add(quant.id)
                if self.cache is not None:
                    self.cache[
                        quant.product_id.id,
                        quant.location_id.id,
                        quant.lot_id.id,
                        quant.package_id.id,
                        quant.owner_id.id,
                    ] |= quant

    # --- Helpers ---
    def _use(self, cache):
        """Work with the ``quants_cache`` of the loop calling now (each loop of
        ``_action_done`` has its own): what the batch holds for another loop is
        done first."""
        if cache is not self.cache:
            self.apply()
            self.cache = cache
            self.serials_locked = False

    @staticmethod
    def _key(product, location, lot, package, owner):
        return (
            product.id,
            location.id,
            lot.id if lot else False,
            package.id if package else False,
            owner.id if owner else False,
        )

    def _gather(self, product, location, lot, package, owner):
        """``_gather(..., strict=True)`` as Odoo does it inside its loop (from
        ``quants_cache``), with the batch's values; ``None`` where Odoo would
        search instead, or sort by something the batch does not know."""
        cache = self.cache
        if cache is None:
            return None
        strategy_key = (product.id, location.id)
        if strategy_key not in self.strategies:
            self.strategies[strategy_key] = self.Quant._get_removal_strategy(
                product, location
            )
        strategy = self.strategies[strategy_key]
        if strategy == "least_packages":
            return None
        keys = [self._key(product, location, lot, package, owner)] if lot else []
        keys.append(self._key(product, location, None, package, owner))
        found = []
        for key in keys:
            found += list(cache[key]) if key in cache else []
            found += self.new_by_key.get(key, [])
        if strategy == "closest" and len(found) > 1:
            return None
        # Odoo: ``res.sorted(lambda q: not q.lot_id)``, a stable sort.
        return sorted(found, key=lambda q: not self._get(q, "lot_id"))

    def _choose(self, candidates):
        """The quant Odoo's ``SELECT ... ORDER BY lot_id LIMIT 1 FOR NO KEY UPDATE
        SKIP LOCKED`` returns among ``candidates``: ``None`` (none, or all held
        by another transaction: Odoo creates a quant), or ``False`` when the
        order does not decide between two."""
        if not candidates:
            return None
        real = [q for q in candidates if q.id and q.id not in self.locked]
        if real:
            self._lock(real)
        free = [q for q in candidates if not q.id or q.id in self.locked]
        if not free:
            return None
        lot_ids = [self._get(q, "lot_id") or None for q in free]
        first = min((i for i in lot_ids if i), default=None)
        chosen = [q for q, i in zip(free, lot_ids, strict=True) if i == first]
        return chosen[0] if len(chosen) == 1 else False

    def _lock(self, quants):
        """Lock ``quants`` as Odoo locks each quant it takes (``FOR NO KEY UPDATE
        SKIP LOCKED``); the first time, with every quant of a serial of the loop
        (its ``quants_cache``), in one statement for all."""
        ids = {q.id for q in quants}
        if not self.serials_locked:
            self.serials_locked = True
            for key, cached in (self.cache or {}).items():
                if key[2]:
                    ids.update(cached.ids)
        ids -= self.locked
        self.env.cr.execute(
            SQL(
                "SELECT id FROM stock_quant WHERE id = ANY(%s) "
                "ORDER BY id FOR NO KEY UPDATE SKIP LOCKED",
                sorted(ids),
            )
        )
        self.locked.update(row[0] for row in self.env.cr.fetchall())

    def _get(self, quant, fname):
        if not quant.id:
            return quant.get(fname)
        values = self.values.get(quant.id)
        if values is not None and fname in values:
            return values[fname]
        value = quant[fname]
        return value.id if isinstance(value, models.BaseModel) else value

    def _set(self, quant, vals):
        if not quant.id:
            quant.vals.update(vals)
            return
        self.values.setdefault(quant.id, {}).update(vals)
        self.written[quant.id].update(vals)


# --- The interface ---
def batch_lines(lines):
    """``lines`` in the context of a new quant batch, for Odoo's
    ``_action_done``, and the batch; ``(lines, None)`` when Odoo's path runs."""
    batch = QuantBatch.for_env(lines.env)
    if batch is None:
        return lines, None
    return lines.with_context(**{BATCH_KEY: batch}), batch


def apply_pending(env):
    """Do what the batch of this context holds (a move line is written: Odoo's
    loop is over)."""
    batch = env.context.get(BATCH_KEY)
    if batch is not None:
        batch.apply()


def update_available(
    quants, product, location, quantity, reserved_quantity, lot, package, owner, in_date
):
    """``stock.quant._update_available_quantity``, computed by the batch of
    this context; ``None`` when Odoo's own code must run."""
    batch = quants.env.context.get(BATCH_KEY)
    if batch is None:
        return None
    return batch.update(
        quants.env.context.get("quants_cache"),
        product,
        location,
        quantity,
        reserved_quantity,
        lot,
        package,
        owner,
        in_date,
    )


def available(quants, product, location, lot, package, owner, strict, negative):
    """``stock.quant._get_available_quantity``, computed by the batch of this
    context (strict only); ``None`` when Odoo's own code must run (the batch
    is then applied first, so that Odoo reads what it holds)."""
    batch = quants.env.context.get(BATCH_KEY)
    if batch is None or not strict:
        return None
    result = batch.available(
        quants.env.context.get("quants_cache"),
        product,
        location,
        lot,
        package,
        owner,
        negative,
    )
    if result is None:
        batch.apply()
    return result


def release(quants, product, location, quantity, lot, package, owner):
    """``stock.quant._update_reserved_quantity`` inside the batch's loop (the
    release of each line's reservation: Odoo's calls
    ``_update_available_quantity(reserved_quantity=quantity)`` and drops its
    result, which is not computed here). Whether the batch did it."""
    batch = quants.env.context.get(BATCH_KEY)
    return bool(
        batch is not None
        and batch.update(
            quants.env.context.get("quants_cache"),
            product,
            location,
            0,
            quantity,
            lot,
            package,
            owner,
            result=False,
        )
    )
