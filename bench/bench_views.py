# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time the serial views on a database with 100,000 serials on hand (issue 5).

Run through ``bench/views.sh``, which prepares a throw-away database with
``serial_tracking_wms`` installed. This script:

* puts ``--on-hand`` + ``--delivered`` serials of one Full Tracking product in
  stock by SQL (``bench_serials.put_on_hand_sql``), then gives them a history by
  SQL, as Odoo writes it when receipts and deliveries are validated: done receipts
  from one vendor for all of them (``--per-receipt`` serials a receipt), done
  deliveries of ``--delivered`` of them (spread over the whole range) to
  ``--customers`` customers, quants moved to the customer location, the vendor
  location's negative quants; ``--on-hand`` serials stay on hand;
* opens each serial view as the web client does, calling the same model methods
  with the same arguments (action load, ``get_views``, ``web_search_read`` with the
  list's field specification, limit 80 and count limit 10,001, ``web_read_group``,
  ``web_read``, ``onchange``, ``web_save``, buttons), in this process, as the
  administrator, each call as a new request would find the caches (ORM cache
  emptied, registry caches warm), its result flushed and serialized to JSON;
* repeats each user action once to warm up, then ``--runs`` times, rolls back
  after each run, and reports the median and max of the server time of each
  user action (the sum of the calls one click makes) against the 1 s goal.

The markdown table goes to stdout and ``bench/results/<date>-<host>-views.md``.
"""

import argparse
import cProfile
import datetime
import json
import math
import os
import pstats
import re
import socket
import statistics
import sys
import threading
import time

from bench_serials import (
    ADMIN_UID,
    bench_warehouse,
    create_product,
    log,
    machine_description,
    put_on_hand_sql,
)
from dateutil.relativedelta import relativedelta
from lxml import etree

import odoo
from odoo import api
from odoo.osv import expression
from odoo.tools import SQL, config, json_default
from odoo.tools import safe_eval as safe
from odoo.tools.safe_eval import safe_eval

GOAL = 1.0  # seconds, issue 5
LIST_LIMIT = 80  # the web client's list limit
COUNT_LIMIT = 10000  # the web client counts up to this (it sends limit + 1)
X2MANY_LIMIT = 40  # rows of a one2many / many2many list in a form
RANGE_SIZE = 1000


# --- Data: serials on hand with their history ---
def next_names(picking_type, count):
    return [picking_type.sequence_id.next_by_id() for _ in range(count)]


def insert_documents(env, picking_type, src, dest, product, docs):
    """Done pickings with one done move each, as validation leaves them.

    :param docs: list of (name, partner id, date, quantity)
    """
    names, partners, dates, quantities = (list(c) for c in zip(*docs, strict=True))
    params = {
        "names": names,
        "partners": partners,
        "dates": dates,
        "quantities": quantities,
        "src": src.id,
        "dest": dest.id,
        "type": picking_type.id,
        "company": picking_type.company_id.id,
        "product": product.id,
        "product_name": product.name,
        "uom": product.uom_id.id,
        "uid": env.uid,
    }
    env.cr.execute(
        """
        INSERT INTO stock_picking (
            name, location_id, location_dest_id, picking_type_id, partner_id,
            company_id, user_id, move_type, state, priority, has_deadline_issue,
            is_locked, scheduled_date, date, date_done,
            create_uid, write_uid, create_date, write_date)
        SELECT d.name, %(src)s, %(dest)s, %(type)s, d.partner, %(company)s, %(uid)s,
               'direct', 'done', '0', false, true, d.date, d.date, d.date,
               %(uid)s, %(uid)s, d.date, d.date
          FROM unnest(%(names)s::varchar[], %(partners)s::int[],
                      %(dates)s::timestamp[]) AS d(name, partner, date);
        INSERT INTO stock_move (
            sequence, company_id, product_id, product_uom, location_id,
            location_dest_id, partner_id, picking_id, picking_type_id, name,
            description_picking, priority, state, procure_method, reference,
            reservation_date, product_qty, product_uom_qty, quantity, picked,
            scrapped, propagate_cancel, additional, date,
            create_uid, write_uid, create_date, write_date)
        SELECT 10, p.company_id, %(product)s, %(uom)s, p.location_id,
               p.location_dest_id, p.partner_id, p.id, p.picking_type_id,
               %(product_name)s, %(product_name)s, '0', 'done', 'make_to_stock',
               p.name, p.date::date, d.quantity, d.quantity, d.quantity, true,
               false, true, false, p.date, %(uid)s, %(uid)s, p.date, p.date
          FROM unnest(%(names)s::varchar[], %(quantities)s::numeric[])
               AS d(name, quantity)
          JOIN stock_picking p ON p.name = d.name
                              AND p.picking_type_id = %(type)s;
        """,
        params,
    )


def insert_lines(env, product, names, doc_of_rank, where, lot_name):
    """One done move line per serial, on the move of its document.

    Serials are ranked by name (0-based ``rn``); ``where`` selects the serials
    and ``doc_of_rank`` gives the index of their document in ``names``.
    """
    env.cr.execute(
        SQL(
            """
            WITH lots AS (
                SELECT id, name, (row_number() OVER (ORDER BY name, id) - 1)::int AS rn
                  FROM stock_lot
                 WHERE product_id = %(product)s
            ), chosen AS (
                SELECT id, name, %(doc)s AS doc FROM lots WHERE %(where)s
            )
            INSERT INTO stock_move_line (
                picking_id, move_id, company_id, product_id, product_uom_id, lot_id,
                lot_name, location_id, location_dest_id, state, reference, quantity,
                quantity_product_uom, picked, date,
                create_uid, write_uid, create_date, write_date)
            SELECT m.picking_id, m.id, m.company_id, m.product_id, m.product_uom,
                   chosen.id, %(lot_name)s, m.location_id, m.location_dest_id,
                   'done', m.reference, 1, 1, true, m.date,
                   %(uid)s, %(uid)s, m.date, m.date
              FROM chosen
              JOIN unnest(%(names)s::varchar[]) WITH ORDINALITY AS d(name, idx)
                ON d.idx = chosen.doc + 1
              JOIN stock_move m ON m.reference = d.name AND m.product_id = %(product)s
            """,
            product=product.id,
            doc=SQL(doc_of_rank),
            where=SQL(where),
            lot_name=SQL("chosen.name" if lot_name else "NULL"),
            uid=env.uid,
            names=names,
        )
    )
    return env.cr.rowcount


def prepare(env, args, prefix):
    """The product, its serials on hand and their history; returns what the
    measurements need."""
    started = time.perf_counter()
    warehouse = bench_warehouse(env)
    company = warehouse.company_id
    stock = warehouse.lot_stock_id
    supplier = env.ref("stock.stock_location_suppliers")
    customer = env.ref("stock.stock_location_customers")
    country = env.ref("base.us", raise_if_not_found=False)
    Partner = env["res.partner"].with_context(tracking_disable=True)
    vendor = Partner.create(
        {
            "name": f"Bench Vendor {prefix}",
            "is_company": True,
            "street": "1 Supply Road",
            "city": "Springfield",
            "zip": "62701",
            "country_id": country.id if country else False,
            "email": "orders@vendor.example.com",
            "phone": "+1 555 0100",
        }
    )
    customers = Partner.create(
        [
            {
                "name": f"Bench Customer {prefix} {index:03d}",
                "is_company": True,
                "street": f"{index} Market Street",
                "city": "Shelbyville",
                "zip": f"{10000 + index}",
                "country_id": country.id if country else False,
                "email": f"customer{index}@example.com",
                "phone": f"+1 555 {1000 + index}",
            }
            for index in range(1, args.customers + 1)
        ]
    )
    product = create_product(env, f"Bench Laptop {prefix}", ours=True)
    total = args.on_hand + args.delivered
    log(f"putting {total:,} serials in stock by SQL")
    put_on_hand_sql(env, warehouse, product, prefix, total)

    now = datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None, microsecond=0
    )
    # Receipts over a year, until 40 days ago; deliveries over the last 30 days.
    n_in = math.ceil(total / args.per_receipt)
    receipts = list(
        zip(
            next_names(warehouse.in_type_id, n_in),
            [vendor.id] * n_in,
            [
                now
                - datetime.timedelta(days=400)
                + datetime.timedelta(days=360) * k / n_in
                for k in range(n_in)
            ],
            [min(args.per_receipt, total - k * args.per_receipt) for k in range(n_in)],
            strict=True,
        )
    )
    log(f"history: {n_in} receipts of {args.per_receipt} serials from one vendor")
    insert_documents(env, warehouse.in_type_id, supplier, stock, product, receipts)
    count = insert_lines(
        env,
        product,
        [doc[0] for doc in receipts],
        f"rn / {int(args.per_receipt)}",
        "true",
        lot_name=True,
    )
    assert count == total, (count, total)

    step = total // args.delivered if args.delivered else 0
    if args.delivered:
        n_out = math.ceil(args.delivered / args.per_delivery)
        deliveries = list(
            zip(
                next_names(warehouse.out_type_id, n_out),
                [customers[k % len(customers)].id for k in range(n_out)],
                [
                    now
                    - datetime.timedelta(days=30)
                    + datetime.timedelta(days=29) * k / n_out
                    for k in range(n_out)
                ],
                [
                    min(args.per_delivery, args.delivered - k * args.per_delivery)
                    for k in range(n_out)
                ],
                strict=True,
            )
        )
        log(
            f"history: {n_out} deliveries of {args.per_delivery} serials "
            f"(one serial in {step}) to {len(customers)} customers"
        )
        insert_documents(
            env, warehouse.out_type_id, stock, customer, product, deliveries
        )
        count = insert_lines(
            env,
            product,
            [doc[0] for doc in deliveries],
            f"(rn / {step}) / {int(args.per_delivery)}",
            f"mod(rn, {step}) = 0 AND rn / {step} < {int(args.delivered)}",
            lot_name=False,
        )
        assert count == args.delivered, (count, args.delivered)

    # Quants and serials as validation leaves them: in since the receipt, a -1 quant
    # per serial at the vendor location, delivered serials at the customer.
    related = [
        fname
        for fname, field in env["stock.quant"]._fields.items()
        if field.store and (field.related or "").split(".")[0] == "product_id"
    ]
    copied = SQL(", ").join(
        SQL.identifier(name)
        for name in ["product_id", "company_id", "lot_id", "in_date", *related]
    )
    params = {
        "product": product.id,
        "stock": stock.id,
        "supplier": supplier.id,
        "customer": customer.id,
        "uom": product.uom_id.id,
        "uid": env.uid,
    }
    env.cr.execute(
        """
        UPDATE stock_quant q SET in_date = ml.date
          FROM stock_move_line ml
         WHERE ml.product_id = %(product)s AND ml.location_id = %(supplier)s
           AND q.product_id = %(product)s AND q.lot_id = ml.lot_id;
        UPDATE stock_lot SET product_uom_id = %(uom)s WHERE product_id = %(product)s;
        """,
        params,
    )
    env.cr.execute(
        SQL(
            """
            INSERT INTO stock_quant (%(copied)s, location_id, quantity,
                                     reserved_quantity, create_uid, write_uid,
                                     create_date, write_date)
            SELECT %(copied)s, %(supplier)s, -1, 0, %(uid)s, %(uid)s,
                   in_date, in_date
              FROM stock_quant
             WHERE product_id = %(product)s AND location_id = %(stock)s
            """,
            copied=copied,
            **params,
        )
    )
    env.cr.execute(
        """
        UPDATE stock_quant q SET location_id = %(customer)s, in_date = ml.date
          FROM stock_move_line ml
         WHERE ml.product_id = %(product)s AND ml.location_dest_id = %(customer)s
           AND q.product_id = %(product)s AND q.location_id = %(stock)s
           AND q.lot_id = ml.lot_id;
        UPDATE stock_lot l SET location_id = %(customer)s
          FROM stock_move_line ml
         WHERE ml.product_id = %(product)s AND ml.location_dest_id = %(customer)s
           AND l.id = ml.lot_id;
        """,
        params,
    )
    layers = 0
    if args.valuation:
        layers = insert_valuation_layers(env, product)
        log(f"valuation: {layers:,} valuation layers")
    env.cr.execute(
        "ANALYZE stock_lot; ANALYZE stock_quant; ANALYZE stock_move_line; "
        "ANALYZE stock_move; ANALYZE stock_picking; ANALYZE res_partner"
    )
    env.invalidate_all()
    env.registry.clear_cache()

    env.cr.execute(
        """
        SELECT count(*) FILTER (WHERE l.usage IN ('internal', 'transit')),
               count(*) FILTER (WHERE l.usage = 'customer')
          FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
         WHERE q.product_id = %s AND q.quantity > 0
        """,
        [product.id],
    )
    in_stock, at_customers = env.cr.fetchone()
    assert (in_stock, at_customers) == (args.on_hand, args.delivered), (
        in_stock,
        at_customers,
    )
    # A serial delivered to a customer, halfway through the range.
    delivered_rank = (total // 2) // step * step if step else total // 2
    env.cr.execute(
        "SELECT count(*) FROM stock_move_line WHERE state = 'done'"
        " AND lot_id IS NOT NULL"
    )
    done_serial_lines = env.cr.fetchone()[0]
    env.cr.execute("SELECT count(*) FROM stock_quant")
    quants = env.cr.fetchone()[0]
    return {
        "product": product,
        "vendor": vendor,
        "stock": stock,
        "company": company,
        "total": total,
        "lookup_serial": f"{prefix}-{delivered_rank + 1:07d}",
        "range_first": f"{prefix}-{total // 2 + 1:07d}",
        "receipts": n_in,
        "deliveries": math.ceil(args.delivered / args.per_delivery)
        if args.delivered
        else 0,
        "done_serial_lines": done_serial_lines,
        "quants": quants,
        "valuation_layers": layers,
        "seconds": time.perf_counter() - started,
    }


def insert_valuation_layers(env, product, unit_cost=500.0):
    """With Inventory Valuation (``--valuation``): the valuation layers Odoo writes
    for a product valued per serial number (Valuation by Lot/Serial number), the
    heavier case for the report: one layer per serial and done move, positive
    into stock, negative out of it."""
    env.cr.execute(
        """
        INSERT INTO stock_valuation_layer
               (company_id, product_id, categ_id, stock_move_id, lot_id,
                description, quantity, unit_cost, value, remaining_qty,
                remaining_value, create_uid, create_date, write_uid, write_date)
        SELECT ml.company_id, ml.product_id, pt.categ_id, ml.move_id, ml.lot_id,
               ml.reference, s.sign * ml.quantity, %(cost)s,
               s.sign * ml.quantity * %(cost)s, 0, 0, 1, ml.date, 1, ml.date
          FROM stock_move_line ml
          JOIN product_product pp ON pp.id = ml.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id
          JOIN stock_location src ON src.id = ml.location_id
          JOIN stock_location dst ON dst.id = ml.location_dest_id
         CROSS JOIN LATERAL (
               SELECT CASE WHEN dst.usage = 'internal' THEN 1 ELSE -1 END AS sign
         ) s
         WHERE ml.product_id = %(product)s AND ml.state = 'done'
           AND ml.lot_id IS NOT NULL
           AND (src.usage = 'internal') <> (dst.usage = 'internal')
        """,
        {"product": product.id, "cost": unit_cost},
    )
    layers = env.cr.rowcount
    env.cr.execute("ANALYZE stock_valuation_layer")
    return layers


# --- The web client's calls ---
def eval_context(env):
    today = datetime.date.today()
    return {
        **env.context,
        "uid": env.uid,
        "context_today": lambda: today,
        "datetime": safe.datetime,
        "relativedelta": relativedelta,
        "time": safe.time,
    }


def load_action(env, action_id):
    """``/web/action/load``."""
    from odoo.addons.web.controllers.utils import clean_action

    Actions = env["ir.actions.actions"]
    action_type = Actions.browse([action_id]).sudo().read(["type"])[0]["type"]
    result = env[action_type].sudo().browse([action_id])._get_action_dict()
    return clean_action(result, env=env)


def action_context(env, action):
    """The action's context as the web client passes it to the model (without
    the search defaults, which the search panel turns into the domain)."""
    ctx = action.get("context") or {}
    if isinstance(ctx, str):
        ctx = safe_eval(ctx, eval_context(env))
    return {k: v for k, v in ctx.items() if not k.startswith("search_default_")}


def action_views(action):
    views = [[view_id, view_type] for view_id, view_type in action["views"]]
    search = action.get("search_view_id")
    views.append([search[0] if search else False, "search"])
    return views


def get_views(env, model, views, action_id=False):
    return env[model].get_views(
        views, {"action_id": action_id, "load_filters": True, "toolbar": True}
    )


def default_domain(env, action, search_arch):
    """The action's domain and its default filters (``search_default_*``)."""
    domain = action.get("domain") or []
    if isinstance(domain, str):
        domain = safe_eval(domain, eval_context(env))
    ctx = action.get("context") or {}
    if isinstance(ctx, str):
        ctx = safe_eval(ctx, eval_context(env))
    search = etree.fromstring(search_arch)
    domains = [domain]
    for key, value in ctx.items():
        if not key.startswith("search_default_") or not value:
            continue
        name = key.removeprefix("search_default_")
        node = search.find(f".//filter[@name='{name}']")
        if node is None:
            raise RuntimeError(f"default filter {name} not in the search view")
        domains.append(safe_eval(node.get("domain") or "[]", eval_context(env)))
    return expression.AND(domains)


def filter_domain(env, search_arch, name):
    node = etree.fromstring(search_arch).find(f".//filter[@name='{name}']")
    return safe_eval(node.get("domain"), eval_context(env))


def field_nodes(node):
    """The view's own field nodes, not those of its x2many sub-views."""
    for child in node:
        if child.tag == "field":
            yield child
        elif isinstance(child.tag, str):
            yield from field_nodes(child)


def order_string(default_order):
    """``default_order`` as the web client sends it (orderByToString)."""
    terms = []
    for term in (default_order or "").split(","):
        parts = term.split()
        if parts:
            direction = (
                "DESC" if len(parts) > 1 and parts[1].lower() == "desc" else "ASC"
            )
            terms.append((parts[0], direction))
    return terms


def fields_spec(node, model, models):
    """The field specification the web client builds from a view (getFieldsSpec)."""
    fields = models[model]["fields"]
    spec = {}
    for child in field_nodes(node):
        name = child.get("name")
        field = fields[name]
        invisible = (child.get("invisible") or child.get("column_invisible")) in (
            "True",
            "1",
        )
        entry = {}
        if field["type"] in ("many2one", "reference"):
            entry["fields"] = {} if invisible else {"display_name": {}}
            if not invisible:
                entry["context"] = {}
        elif field["type"] in ("one2many", "many2many") and not invisible:
            sub = child.find("list")
            if sub is None:
                sub = child.find("kanban")
            if sub is not None:
                entry["fields"] = fields_spec(sub, field["relation"], models)
                entry["context"] = {}
                entry["limit"] = int(sub.get("limit") or X2MANY_LIMIT)
                order = order_string(sub.get("default_order"))
                if order:
                    entry["order"] = ", ".join(f"{f} {d}" for f, d in order)
            elif child.get("widget") == "many2many_tags":
                entry["fields"] = {"display_name": {}}
                entry["context"] = {}
        spec[name] = entry
    return spec


def view_spec(views, view_type, model, with_display_name=False):
    arch = etree.fromstring(views["views"][view_type]["arch"])
    spec = fields_spec(arch, model, views["models"])
    if with_display_name:
        spec.setdefault("display_name", {})
    return arch, spec


def group_call_args(views, model, arch, spec, groupby):
    """aggregates and orderby of the web client's web_read_group (_webReadGroup)."""
    fields = views["models"][model]["fields"]
    aggregates = [
        f"{name}:{fields[name]['aggregator']}"
        for name in spec
        if fields[name].get("aggregator") and name != groupby
    ]
    order = [
        f"{name} {direction}"
        for name, direction in order_string(arch.get("default_order"))
        if name == groupby or (name in spec and fields[name].get("aggregator"))
    ]
    return aggregates, ", ".join(order)


class Client:
    """Calls as the web client makes them, each as a new request: ORM cache
    emptied first, then flushed and its result serialized to JSON."""

    def __init__(self, env, profile=None):
        self.env = env
        self.profile = profile
        self.step = None
        self.steps = {}  # step -> seconds
        self.calls = {}  # (step, call) -> [seconds, queries, sql seconds, slowest]
        self.order = []

    def begin(self, step):
        self.step = step
        self.steps.setdefault(step, 0.0)
        if step not in self.order:
            self.order.append(step)

    def call(self, label, func, *args, **kwargs):
        env = self.env
        env.invalidate_all()
        thread = threading.current_thread()
        thread.query_count, thread.query_time = 0, 0.0
        slowest = [0.0, None, "", None]  # delay, cursor, query, params

        def hook(cr, query, params, start, delay):
            if delay > slowest[0]:  # formatted after the call, not timed
                slowest[:] = [delay, cr, query, params]

        thread.query_hooks = [hook]
        if self.profile:
            self.profile.enable()
        start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
            env.flush_all()
            json.dumps(result, default=json_default)
        finally:
            elapsed = time.perf_counter() - start
            if self.profile:
                self.profile.disable()
            thread.query_hooks = []
        self.steps[self.step] += elapsed
        delay, cr, query, params = slowest
        self.calls[(self.step, label)] = [
            elapsed,
            thread.query_count,
            thread.query_time,
            [delay, cr._format(query, params) if cr else ""],
        ]
        return result


# --- The views, opened as a user does ---
def load_action_views(client, env, xmlid, ctx):
    """What a menu click loads first: the action, then its views in the
    action's context. Returns the action, its model, that context, the views."""
    action_id = env.ref(xmlid).id
    action = client.call("action load", load_action, env, action_id)
    model = action["res_model"]
    actx = dict(ctx, **action_context(env, action))
    views = client.call(
        "get_views",
        get_views,
        env(context=actx),
        model,
        action_views(action),
        action_id,
    )
    return action, model, actx, views


def open_list(client, env, xmlid, ctx):
    """Menu click: load the action, its views, the first page of the list."""
    action, model, actx, views = load_action_views(client, env, xmlid, ctx)
    arch, spec = view_spec(views, "list", model)
    domain = default_domain(env, action, views["views"]["search"]["arch"])
    order = ", ".join(f"{f} {d}" for f, d in order_string(arch.get("default_order")))
    result = client.call(
        "web_search_read",
        env[model].with_context(actx).web_search_read,
        domain,
        spec,
        offset=0,
        limit=LIST_LIMIT,
        order=order,
        count_limit=COUNT_LIMIT + 1,
    )
    return {
        "action": action,
        "views": views,
        "arch": arch,
        "spec": spec,
        "domain": domain,
        "order": order,
        "ctx": actx,
        "model": model,
        "result": result,
    }


def group_list(client, env, opened, groupby):
    aggregates, orderby = group_call_args(
        opened["views"], opened["model"], opened["arch"], opened["spec"], groupby
    )
    return client.call(
        "web_read_group",
        env[opened["model"]].with_context(opened["ctx"]).web_read_group,
        opened["domain"],
        aggregates,
        [groupby],
        limit=LIST_LIMIT,
        offset=0,
        orderby=orderby,
        lazy=True,
    )


def search_list(client, env, opened, domain):
    return client.call(
        "web_search_read",
        env[opened["model"]].with_context(opened["ctx"]).web_search_read,
        expression.AND([opened["domain"], domain]),
        opened["spec"],
        offset=0,
        limit=LIST_LIMIT,
        order=opened["order"],
        count_limit=COUNT_LIMIT + 1,
    )


def open_wizard(client, env, xmlid, ctx):
    """Menu click on a wizard: load the action, its form, a new record."""
    _action, model, wctx, views = load_action_views(client, env, xmlid, ctx)
    _arch, spec = view_spec(views, "form", model)
    res = client.call("onchange", env[model].with_context(wctx).onchange, {}, [], spec)
    values = {
        name: value
        for name, value in res["value"].items()
        if not isinstance(value, list | dict)
    }
    return {"model": model, "spec": spec, "ctx": wctx, "values": values}


def change(client, env, wizard, name, value):
    """The user sets a field of a wizard: onchange."""
    wizard["values"][name] = value
    return client.call(
        "onchange",
        env[wizard["model"]].with_context(wizard["ctx"]).onchange,
        dict(wizard["values"]),
        [name],
        wizard["spec"],
    )


def find_deliveries_page(client, env, wizard):
    """Find Customers without writing (``wms_find_deliveries``): the first page
    of the deliveries, as a client reading from a replica asks for it."""
    Recall = env[wizard["model"]].with_context(wizard["ctx"])
    form = (
        "input_method",
        "serials_text",
        "range_first",
        "range_count",
        "vendor_id",
        "receipt_id",
        "product_id",
        "company_id",
    )
    vals = {k: v for k, v in wizard["values"].items() if k in form}
    return client.call("wms_find_deliveries", Recall.wms_find_deliveries, vals, 0, 80)


def find_customers(client, env, wizard):
    """Find Customers: save the wizard, run the button, open the result list."""
    Recall = env[wizard["model"]].with_context(wizard["ctx"])
    vals = {k: v for k, v in wizard["values"].items() if k in Recall._fields}
    saved = client.call("web_save", Recall.web_save, vals, wizard["spec"])
    recall_id = saved[0]["id"]
    action = client.call("action_find", lambda: Recall.browse(recall_id).action_find())
    actx = dict(wizard["ctx"], **action.get("context", {}))
    model = action["res_model"]
    views = client.call(
        "get_views",
        get_views,
        env(context=actx),
        model,
        action["views"] + [[action["search_view_id"][0], "search"]],
    )
    arch, spec = view_spec(views, "list", model)
    result = client.call(
        "web_search_read",
        env[model].with_context(actx).web_search_read,
        action["domain"],
        spec,
        offset=0,
        limit=LIST_LIMIT,
        order="",
        count_limit=COUNT_LIMIT + 1,
    )
    return {
        "views": views,
        "arch": arch,
        "spec": spec,
        "domain": action["domain"],
        "ctx": actx,
        "model": model,
        "result": result,
    }


def scenarios(env, data, ctx):
    """(view, flow) pairs; each flow runs the user actions of one view on a
    ``Client`` and checks what they show."""
    quant_id = (
        env["stock.quant"]
        .search(
            [
                ("product_id", "=", data["product"].id),
                ("location_id", "=", data["stock"].id),
            ],
            limit=1,
        )
        .id
    )

    def stock_list(client):
        client.begin("Open (menu Stock List)")
        opened = open_list(client, env, "serial_tracking_wms.action_stock_list", ctx)
        at_least = min(data["on_hand"], COUNT_LIMIT + 1)
        assert opened["result"]["length"] >= at_least, opened["result"]["length"]
        search_arch = opened["views"]["views"]["search"]["arch"]
        for name, label in (
            ("with_serial", "Filter With Serial"),
            ("serial_tracking_full", "Filter Full Tracking"),
        ):
            client.begin(label)
            result = search_list(
                client, env, opened, filter_domain(env, search_arch, name)
            )
            assert result["length"] >= at_least, (label, result["length"])
        for groupby, label in (
            ("serial_tracking_mode", "Group by Tracking Type"),
            ("product_id", "Group by Product"),
            ("location_id", "Group by Location"),
        ):
            client.begin(label)
            groups = group_list(client, env, opened, groupby)
            assert groups["length"] >= 1, label

    def serial_tab(client):
        client.begin("Open a stock line's Serial Numbers")
        quant = env["stock.quant"].with_context(ctx).browse(quant_id)
        action = client.call("button", quant.action_wms_serial_numbers)
        views = client.call(
            "get_views",
            get_views,
            env(context=ctx),
            "stock.quant",
            [list(view) for view in action["views"]] + [[False, "search"]],
        )
        _arch, spec = view_spec(views, "form", "stock.quant", with_display_name=True)
        records = client.call(
            "web_read",
            lambda: env["stock.quant"]
            .with_context(ctx)
            .browse(quant_id)
            .web_read(spec),
        )
        # The tab holds one page of serials, and how many there are.
        serials = records[0]["wms_serial_quant_ids"]
        assert 0 < len(serials) <= data["on_hand"], len(serials)
        assert records[0]["wms_serial_count"] == data["on_hand"], records[0]
        client.begin("Show all its serial numbers (list)")
        action = client.call("button", quant.action_wms_serial_quants)
        views = client.call(
            "get_views",
            get_views,
            env(context=ctx),
            "stock.quant",
            [list(view) for view in action["views"]] + [[False, "search"]],
        )
        arch, spec = view_spec(views, "list", "stock.quant")
        order = ", ".join(
            f"{f} {d}" for f, d in order_string(arch.get("default_order"))
        )
        result = client.call(
            "web_search_read",
            env["stock.quant"].with_context(ctx).web_search_read,
            action["domain"],
            spec,
            offset=0,
            limit=LIST_LIMIT,
            order=order,
            count_limit=COUNT_LIMIT + 1,
        )
        at_least = min(data["on_hand"], COUNT_LIMIT + 1)
        assert result["length"] >= at_least, result["length"]

    def transactions(client):
        client.begin("Open (menu Transactions with Serial Numbers)")
        opened = open_list(
            client, env, "serial_tracking_wms.action_serial_transactions", ctx
        )
        at_least = min(data["total"] + data["delivered"], COUNT_LIMIT + 1)
        assert opened["result"]["length"] >= at_least, opened["result"]["length"]
        for groupby, label in (
            ("product_id", "Group by Product"),
            ("location_id", "Group by Location"),
        ):
            client.begin(label)
            group_list(client, env, opened, groupby)

    def valuation(client):
        client.begin("Open (menu Serial Valuation)")
        opened = open_list(
            client, env, "serial_tracking_wms.action_stock_serial_valuation", ctx
        )
        at_least = min(data["total"] + data["delivered"], COUNT_LIMIT + 1)
        assert opened["result"]["length"] >= at_least, opened["result"]["length"]
        values = [
            row["value"]
            for row in opened["result"]["records"]
            if row["product_id"]["id"] == data["product"].id
        ]
        assert values, "no line of the bench product on the first page"
        assert all(values) == bool(data["valuation_layers"]), values[:5]
        for groupby, label in (
            ("product_id", "Group by Product (with totals)"),
            ("valuation", "Group by Valuation (with totals)"),
        ):
            client.begin(label)
            group_list(client, env, opened, groupby)

    def lookup(client):
        client.begin("Open (menu Serial Number Lookup)")
        wizard = open_wizard(
            client, env, "serial_tracking_wms.action_stock_serial_lookup", ctx
        )
        client.begin("Type a serial (delivered one)")
        res = change(client, env, wizard, "serial", data["lookup_serial"])
        assert len(res["value"]["line_ids"]) == 2, res["value"]["line_ids"]

    def recall(method):
        def flow(client):
            client.begin("Open (menu Serial Number Recall)")
            wizard = open_wizard(
                client, env, "serial_tracking_wms.action_stock_serial_recall", ctx
            )
            client.begin(f"Choose '{method}'")
            change(client, env, wizard, "input_method", method)
            if method == "range":
                client.begin("Type the first serial")
                change(client, env, wizard, "range_first", data["range_first"])
                client.begin(f"Type how many: {RANGE_SIZE:,} (check)")
                res = change(client, env, wizard, "range_count", RANGE_SIZE)
                expected = RANGE_SIZE
            else:
                client.begin("Choose the vendor (check)")
                res = change(client, env, wizard, "vendor_id", data["vendor"].id)
                expected = data["total"]
            count = res["value"].get("serial_count")
            assert count == expected, (count, expected, res["value"])
            client.begin("Find Customers, read-only (first page, no write)")
            page = find_deliveries_page(client, env, wizard)
            assert page["length"] > 0 and page["records"], page["length"]
            client.begin("Find Customers (save, find, result list)")
            found = find_customers(client, env, wizard)
            # The result list counts up to the web client's limit.
            shown = min(page["length"], COUNT_LIMIT + 1)
            assert found["result"]["length"] == shown, (found["result"], shown)
            assert found["result"]["length"] > 0, found["result"]
            client.begin("Result: group by Product")
            group_list(client, env, found, "product_id")
            data.setdefault("recall_lines", {})[method] = found["result"]["length"]

        return flow

    def odoo_moves_history(client):
        client.begin("Open (menu Moves History)")
        opened = open_list(client, env, "stock.stock_move_line_action", ctx)
        assert opened["result"]["length"] > 0, opened["result"]
        client.begin("Group by Product")
        group_list(client, env, opened, "product_id")

    def odoo_lots(client):
        client.begin("Open (menu Lots / Serial Numbers), list")
        opened = open_list(client, env, "stock.action_production_lot_form", ctx)
        assert opened["result"]["length"] > 0, opened["result"]
        client.begin("Group by Location (its default grouping)")
        group_list(client, env, opened, "location_id")

    return [
        ("Stock List (stock.quant)", stock_list),
        ("Stock line, Serial Numbers tab", serial_tab),
        ("Transactions with Serial Numbers (stock.move.line)", transactions),
        ("Serial Valuation (stock.serial.valuation)", valuation),
        ("Serial Number Lookup", lookup),
        (f"Recall by range ({RANGE_SIZE:,} serials)", recall("range")),
        ("Recall by supplier (all serials)", recall("vendor")),
        # Odoo's own screens on the same data, for comparison.
        ("Odoo's Moves History (stock.move.line)", odoo_moves_history),
        ("Odoo's Lots / Serial Numbers (stock.lot)", odoo_lots),
    ]


def measure(env, flow, runs):
    """One warm-up run, then ``runs`` runs, each rolled back."""
    steps, calls, order = {}, {}, []
    for index in range(runs + 1):
        client = Client(env)
        try:
            flow(client)
        finally:
            env.cr.rollback()
            env.invalidate_all()
        if index == 0:
            continue
        order = client.order
        for step, seconds in client.steps.items():
            steps.setdefault(step, []).append(seconds)
        for key, figures in client.calls.items():
            calls.setdefault(key, []).append(figures)
    return order, steps, calls


def profile_flow(env, flow, path=None, top=8):
    """One more run, not measured, under cProfile: the addon's functions that
    take the most time (cumulative, so nested ones overlap)."""
    profile = cProfile.Profile()
    client = Client(env, profile)
    try:
        flow(client)
    finally:
        env.cr.rollback()
        env.invalidate_all()
    if path:
        profile.dump_stats(path)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    rows = [
        (cumulative, calls, f"{filename.removeprefix(root)}:{line} {function}")
        for (filename, line, function), (
            _primitive,
            calls,
            _own,
            cumulative,
            _callers,
        ) in pstats.Stats(profile).stats.items()
        if "/serial_tracking_wms/" in filename
    ]
    return sorted(rows, reverse=True)[:top]


def explain_slow(env, steps, calls):
    """EXPLAIN ANALYZE of the slowest query of each user action over the goal,
    when that query alone takes a good part of it."""
    plans = {}
    for step, values in steps.items():
        if max(values) < GOAL:
            continue
        step_calls = [(key[1], figs) for key, figs in calls.items() if key[0] == step]
        label, figs = max(step_calls, key=lambda item: item[1][-1][3][0])
        delay, query = figs[-1][3]
        plan = []
        if delay >= GOAL / 5 and query.lstrip().upper().startswith(("SELECT", "WITH")):
            try:
                env.cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)
                plan = [row[0] for row in env.cr.fetchall()]
            finally:
                env.cr.rollback()
        plans[step] = (label, delay, query, plan)
    return plans


def prepared(env, args):
    """What ``prepare`` returned, found again in a database it prepared (kept by
    ``BENCH_KEEP_DB=1``): its latest bench product and vendor, counted again."""
    started = time.perf_counter()
    product = env["product.product"].search(
        [("name", "=like", "Bench Laptop V%")], order="id desc", limit=1
    )
    if not product:
        raise SystemExit(f"{env.cr.dbname} holds no data of bench/views.sh")
    prefix = product.name.rsplit(" ", 1)[1]
    vendor = env["res.partner"].search(
        [("name", "=", f"Bench Vendor {prefix}")], limit=1
    )
    warehouse = bench_warehouse(env)
    env.cr.execute(
        """
        SELECT count(*) FILTER (WHERE l.usage IN ('internal', 'transit')),
               count(*) FILTER (WHERE l.usage = 'customer')
          FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
         WHERE q.product_id = %s AND q.quantity > 0
        """,
        [product.id],
    )
    args.on_hand, args.delivered = env.cr.fetchone()
    total = args.on_hand + args.delivered
    step = total // args.delivered if args.delivered else 0
    delivered_rank = (total // 2) // step * step if step else total // 2
    counts = {}
    for key, query in (
        ("receipts", "SELECT count(*) FROM stock_picking WHERE partner_id = %s"),
        (
            "done_serial_lines",
            "SELECT count(*) FROM stock_move_line WHERE state = 'done'"
            " AND lot_id IS NOT NULL AND %s IS NOT NULL",
        ),
        ("quants", "SELECT count(*) FROM stock_quant WHERE %s IS NOT NULL"),
        (
            "valuation_layers",
            "SELECT count(*) FROM stock_valuation_layer WHERE %s IS NOT NULL"
            if "stock.valuation.layer" in env
            else "SELECT 0 WHERE %s IS NOT NULL",
        ),
    ):
        env.cr.execute(query, [vendor.id])
        counts[key] = env.cr.fetchone()[0]
    env.cr.execute(
        "SELECT count(DISTINCT picking_id) FROM stock_move_line"
        " WHERE product_id = %s AND location_dest_id = %s",
        [product.id, env.ref("stock.stock_location_customers").id],
    )
    counts["deliveries"] = env.cr.fetchone()[0]
    return {
        "product": product,
        "vendor": vendor,
        "stock": warehouse.lot_stock_id,
        "company": warehouse.company_id,
        "total": total,
        "lookup_serial": f"{prefix}-{delivered_rank + 1:07d}",
        "range_first": f"{prefix}-{total // 2 + 1:07d}",
        **counts,
        "seconds": time.perf_counter() - started,
        "reused": True,
    }


def run(dbname, args):
    registry = odoo.modules.registry.Registry(dbname)
    started = datetime.datetime.now(datetime.timezone.utc)
    prefix = f"V{started:%H%M%S}"
    results = []
    load = os.getloadavg()
    with registry.cursor() as cr:
        env = api.Environment(cr, ADMIN_UID, {})
        data = prepared(env, args) if args.reuse else prepare(env, args, prefix)
        data["load"] = load
        data["on_hand"], data["delivered"] = args.on_hand, args.delivered
        cr.commit()
        vacuum(dbname)
        log(
            f"data ready in {data['seconds']:.0f} s: {data['total']:,} serials, "
            f"{data['done_serial_lines']:,} done serial move lines, "
            f"{data['quants']:,} quants"
        )
        user = env["res.users"].browse(ADMIN_UID)
        ctx = dict(user.context_get(), allowed_company_ids=[data["company"].id])
        env = api.Environment(cr, ADMIN_UID, ctx)
        for view, flow in scenarios(env, data, ctx):
            if args.only and not any(o.lower() in view.lower() for o in args.only):
                continue
            log(f"{view}: 1 warm-up + {args.runs} runs")
            order, steps, calls = measure(env, flow, args.runs)
            for step in order:
                log(f"  {step}: median {statistics.median(steps[step]):.3f} s")
            plans = explain_slow(env, steps, calls)
            hot = []
            if plans or args.profile_dir:
                path = None
                if args.profile_dir:
                    os.makedirs(args.profile_dir, exist_ok=True)
                    slug = "".join(c if c.isalnum() else "_" for c in view)[:40]
                    path = os.path.join(args.profile_dir, f"{slug}.prof")
                log(f"{view}: one more run under cProfile")
                hot = profile_flow(env, flow, path)
            results.append((view, order, steps, calls, plans, hot if plans else []))
        # The integrity check (the daily scheduled action) on the same data.
        if args.only:
            return data, results
        times = []
        for _run in range(args.runs):
            env.invalidate_all()
            clock = time.perf_counter()
            problems = env["stock.serial.integrity"].sudo().wms_check()
            times.append(time.perf_counter() - clock)
        data["integrity"] = (statistics.median(times), max(times), len(problems))
        log(f"integrity check: median {data['integrity'][0]:.2f} s")
    return data, results


def vacuum(dbname):
    """VACUUM ANALYZE, as autovacuum does soon after a large load: the data made
    by SQL is measured settled, as a database in use is (visibility map set, so
    that index-only scans need not visit the table)."""
    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        connection = cr._cnx
        connection.autocommit = True  # VACUUM runs outside a transaction
        try:
            cr.execute("VACUUM ANALYZE")
        finally:
            connection.autocommit = False


# --- Report ---
LONG_LIST = re.compile(r"\((?:'[^']*'|\d+)(?:, (?:'[^']*'|\d+)){5,}\)")
LONG_ARRAY = re.compile(r"'\{[^}]{120,}\}'")


def shorten_sql(text):
    """Long IN lists and arrays cut to their first values and their length."""

    def cut_list(match):
        values = match.group(0)[1:-1].split(", ")
        return f"({', '.join(values[:3])}, … {len(values):,} values)"

    def cut_array(match):
        values = match.group(0)[2:-2].split(",")
        return f"'{{{','.join(values[:3])},… {len(values):,} values}}'"

    return LONG_ARRAY.sub(cut_array, LONG_LIST.sub(cut_list, text))


def command_line():
    """``bench/views.sh`` and the arguments this run was given (without the
    database and configuration ``views.sh`` adds; ``--reuse`` with its
    database)."""
    args, skip, database = ["bench/views.sh"], None, ""
    for arg in sys.argv[1:]:
        if skip:
            if skip == "--db":
                database = arg
            skip = None
        elif arg in ("--conf", "--db"):
            skip = arg
        elif arg == "--reuse":
            args.append(arg + " {database}")
        else:
            args.append(arg)
    return " ".join(args).format(database=database)


def report(data, results, args, started, elapsed):
    lines = [
        f"# Serial views on a database with {args.on_hand:,} serials on hand (issue 5)",
        "",
        f"Command: `{command_line()}`",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC, {elapsed / 60:.1f} min in all, by "
        "`bench/views.sh`. Each user action is the calls the web client makes for "
        "it (action load, `get_views`, `web_search_read` with the list's field "
        f"specification, limit {LIST_LIMIT} and count limit {COUNT_LIMIT + 1:,}, "
        "`web_read_group`, `web_read`, `onchange`, `web_save`, buttons), made "
        "in process on the model methods as the administrator: server time only "
        "(no HTTP, no browser), ORM cache emptied before each call as for a new "
        "request, registry caches warm, ORM flushed and the result serialized to "
        f"JSON. One warm-up, then median and max of {args.runs} runs; goal "
        f"{GOAL:g} s.",
        "",
        "| Machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine_description()),
        f"| Load average (1 min) at start / end | {data['load'][0]:.2f} / "
        f"{os.getloadavg()[0]:.2f} (other processes share the machine) |",
        "",
        "| Data | |",
        "|---|---|",
        "| Database | "
        + (
            f"copy of {os.environ['BENCH_BASE_DB']}"
            if os.environ.get("BENCH_BASE_DB")
            else "stock installed without demo data"
        )
        + (
            ", plus stock_account and serial_tracking_wms |"
            if args.valuation
            else ", plus serial_tracking_wms |"
        ),
        f"| Full Tracking serials on hand (one product, one location) | "
        f"{args.on_hand:,} |",
        f"| Serials delivered to customers | {args.delivered:,} "
        f"(one in {data['total'] // args.delivered if args.delivered else 0}, "
        f"{data['deliveries']} deliveries to {args.customers} customers) |",
        f"| Done receipts from one vendor | {data['receipts']} of "
        f"{args.per_receipt:,} serials |",
        f"| Done move lines with a serial | {data['done_serial_lines']:,} |",
        f"| Quants (all locations) | {data['quants']:,} |",
        f"| Valuation layers (one per serial and done move, as for a product "
        f"valued per serial) | "
        f"{data['valuation_layers']:,} |",
        (
            "| Data | prepared by an earlier run, kept and measured again (--reuse) |"
            if data.get("reused")
            else f"| Data prepared by SQL in | {data['seconds']:.0f} s |"
        ),
        "| Before measuring | VACUUM ANALYZE (what autovacuum does after a load) |",
        "",
        (
            "Integrity check (`stock.serial.integrity.wms_check`, the daily "
            f"scheduled action) on this data: median {data['integrity'][0]:.2f} s, "
            f"max {data['integrity'][1]:.2f} s, {data['integrity'][2]} problems "
            "(goal at 1,000,000 serials: under 60 s)."
            if "integrity" in data
            else "Only the views named by --only "
            + ", ".join(f"'{text}'" for text in args.only)
            + " (no integrity check)."
        ),
        "",
        "## User actions",
        "",
        f"| View | User action | median | max | queries | SQL share | < {GOAL:g} s |",
        "|---|---|---|---|---|---|---|",
    ]
    slow = []
    for view, order, steps, calls, plans, _hot in results:
        for step in order:
            values = steps[step]
            median, worst = statistics.median(values), max(values)
            step_calls = [figs for key, figs in calls.items() if key[0] == step]
            runs = range(len(values))
            queries = statistics.median(
                [sum(f[r][1] for f in step_calls) for r in runs]
            )
            sql = statistics.median([sum(f[r][2] for f in step_calls) for r in runs])
            if worst < GOAL:
                verdict = "pass"
            elif median < GOAL:
                verdict = "pass (median; max over)"
            else:
                verdict = "**FAIL**"
            lines.append(
                f"| {view} | {step} | {median:.3f} s | {worst:.3f} s | "
                f"{queries:.0f} | {sql / median if median else 0:.0%} | {verdict} |"
            )
            if step in plans:
                slow.append((view, step, plans[step]))
    lines += [
        "",
        "## Calls (median of the runs)",
        "",
        "| View | User action | Call | median | max | queries | SQL |",
        "|---|---|---|---|---|---|---|",
    ]
    for view, _order, _steps, calls, _plans, _hot in results:
        for (step, label), figs in calls.items():
            seconds = [f[0] for f in figs]
            queries = statistics.median([f[1] for f in figs])
            sql = statistics.median([f[2] for f in figs])
            lines.append(
                f"| {view} | {step} | `{label}` | {statistics.median(seconds):.3f} s "
                f"| {max(seconds):.3f} s | {queries:.0f} | {sql:.3f} s |"
            )
    if slow:
        lines += [
            "",
            "## Over the goal: where the time goes",
            "",
            "For each user action over the goal: its slowest SQL query (last run), "
            "with its plan when that query alone takes a fifth of the goal or more; "
            "then, per view, the addon's functions that take the most time in one "
            "more run under cProfile (cumulative seconds, nested functions overlap, "
            "the profiler slows Python down).",
            "",
        ]
        for view, step, (label, delay, query, plan) in slow:
            lines += [
                f"**{view} / {step}**: slowest query in `{label}`, "
                f"{delay * 1000:.0f} ms:",
                "",
                "```sql",
                shorten_sql(" ".join(query.split())),
                "```",
                "",
            ]
            if plan:
                lines += [
                    "```",
                    *(shorten_sql(row)[:240] for row in plan),
                    "```",
                    "",
                ]
        for view, _order, _steps, _calls, _plans, hot in results:
            if not hot:
                continue
            lines += [
                f"**{view}**, cProfile:",
                "",
                "| function | calls | cumulative |",
                "|---|---|---|",
                *(f"| `{name}` | {n:,} | {cum:.2f} s |" for cum, n, name in hot),
                "",
            ]
    lines.append("")
    recall = data.get("recall_lines", {})
    if recall:
        lines.append(
            "Recall result lines: "
            + ", ".join(f"{method} {count:,}" for method, count in recall.items())
            + "."
        )
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument(
        "--on-hand", "--serials", dest="on_hand", type=int, default=100000
    )
    parser.add_argument("--delivered", type=int, default=10000)
    parser.add_argument("--per-receipt", type=int, default=1000)
    parser.add_argument("--per-delivery", type=int, default=100)
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--valuation",
        action="store_true",
        help="with Inventory Valuation (views.sh installs stock_account): "
        "one valuation layer per serial and done move",
    )
    parser.add_argument(
        "--quick", action="store_true", help="2,000 on hand, 200 delivered, 2 runs"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure again a database this bench prepared and kept (--db)",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="measure only the views whose name contains TEXT (any case; "
        "repeatable), without the integrity check: e.g. --only recall",
    )
    parser.add_argument(
        "--profile-dir", help="write a cProfile of each view's last run here"
    )
    parser.add_argument(
        "--out-dir", default=os.path.join(os.path.dirname(__file__), "results")
    )
    args = parser.parse_args()
    if args.quick:
        args.on_hand, args.delivered, args.runs = 2000, 200, 2
        args.per_receipt, args.per_delivery, args.customers = 100, 20, 10
    config.parse_config(["-c", args.conf, "--log-level=warn"])
    started = datetime.datetime.now(datetime.timezone.utc)
    clock = time.perf_counter()
    data, results = run(args.db, args)
    text = report(data, results, args, started, time.perf_counter() - clock)
    print(text)
    os.makedirs(args.out_dir, exist_ok=True)
    suffix = ("-valuation" if args.valuation else "") + ("-quick" if args.quick else "")
    path = os.path.join(
        args.out_dir, f"{started:%Y-%m-%d}-{socket.gethostname()}-views{suffix}.md"
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    log(f"written to {path}")


if __name__ == "__main__":
    main()
