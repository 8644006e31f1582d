# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two scanners, one serial, the same moment: exactly one succeeds, the other gets
the usual refusal, and the stock never holds the serial twice.

Two threads, each with its own database cursor (as two HTTP workers have), drive
the scanner service exactly as the screens do (``scan`` then ``finish``, one
transaction each, through Odoo's RPC retry wrapper ``retrying``). A barrier makes
both finish at the same moment. Repeated over several rounds and three cases: a
new serial on two receipts, a serial known to the system but not in stock on two
receipts (an existing lot), and a serial captured on two Track During Pick pick
lists.
"""

import json

from conftest import ADDONS, problems_in_log

ROUNDS = 8

# What both race scripts start with (formatted with ``rounds``): a warehouse, a
# stock user, a Full Tracking and a Track During Pick product, and a builder of
# one-unit transfers, confirmed and reserved.
PRELUDE = """
import functools, json, threading, time
from odoo import Command, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.addons.serial_tracking_wms_hhd.controllers.main import finish_retrying

ROUNDS = %(rounds)d
env = env(context=dict(env.context, tracking_disable=True))
wh = env['stock.warehouse'].create({'name': 'Race WH', 'code': 'RCW'})
user = env['res.users'].create({
    'name': 'Racer', 'login': 'racer',
    'groups_id': [Command.set([env.ref('stock.group_stock_user').id])],
})
laptop = env['product.product'].create(
    {'name': 'Race Laptop', 'is_storable': True, 'serial_tracking_mode': 'full'})
earbuds = env['product.product'].create(
    {'name': 'Race Earbuds', 'is_storable': True, 'serial_tracking_mode': 'pick'})
supplier = env.ref('stock.stock_location_suppliers')
customer = env.ref('stock.stock_location_customers')

def transfer(picking_type, src, dest, product):
    picking = env['stock.picking'].create({
        'picking_type_id': picking_type.id,
        'location_id': src.id, 'location_dest_id': dest.id,
        'move_ids': [Command.create({
            'name': product.name, 'product_id': product.id, 'product_uom_qty': 1,
            'product_uom': product.uom_id.id,
            'location_id': src.id, 'location_dest_id': dest.id})],
    })
    picking.action_confirm()
    picking.action_assign()
    return picking
"""

RACE_SCRIPT = (
    PRELUDE
    + """
env['stock.quant']._update_available_quantity(earbuds, wh.lot_stock_id, 4 * ROUNDS)

def scanner(flow_name, picking_id, product_id, serial, barrier, out, index):
    try:
        with env.registry.cursor() as cr:
            uenv = api.Environment(cr, user.id, {'tracking_disable': True})
            flow = uenv[flow_name]
            barrier.wait(timeout=3600)
            scan = retrying(
                functools.partial(flow.scan, picking_id, serial, product_id), uenv)
            barrier.wait(timeout=3600)
            finish = retrying(functools.partial(flow.finish, picking_id), uenv)
            out[index] = {'scan': [scan['ok'], scan['message']],
                          'finish': [finish['ok'], finish['message']]}
    except Exception as error:  # what must never happen
        out[index] = {'exception': repr(error)}

cases = []
for rnd in range(ROUNDS):
    new_serial = 'RACE-NEW-%%d' %% rnd
    known_serial = 'RACE-KNOWN-%%d' %% rnd
    env['stock.lot'].create(
        {'name': known_serial, 'product_id': laptop.id, 'company_id': env.company.id})
    tdp_serial = 'RACE-TDP-%%d' %% rnd
    stock = wh.lot_stock_id
    for flow, picking_type, src, dest, product, serial in (
        ('wms.hhd.receive', wh.in_type_id, supplier, stock, laptop, new_serial),
        ('wms.hhd.receive', wh.in_type_id, supplier, stock, laptop, known_serial),
        ('wms.hhd.pick', wh.out_type_id, stock, customer, earbuds, tdp_serial),
    ):
        pickings = [transfer(picking_type, src, dest, product) for _ in range(2)]
        cases.append((flow, [p.id for p in pickings], product.id, serial))
env.cr.commit()

results = []
for flow, picking_ids, product_id, serial in cases:
    out, barrier = [None, None], threading.Barrier(2)
    threads = [
        threading.Thread(target=scanner,
                         args=(flow, pid, product_id, serial, barrier, out, index))
        for index, pid in enumerate(picking_ids)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(3600)
    with env.registry.cursor() as cr:
        cenv = api.Environment(cr, env.uid, {})
        quants = cenv['stock.quant'].search([
            ('lot_id.name', '=', serial), ('location_id.usage', '=', 'internal'),
            ('quantity', '>', 0)])
        lots = cenv['stock.lot'].search_count([('name', '=', serial)])
        states = cenv['stock.picking'].browse(picking_ids).mapped('state')
        on_hand = sum(quants.mapped('quantity'))
    results.append({'serial': serial, 'out': out, 'on_hand': on_hand,
                    'lots': lots, 'states': states})

with env.registry.cursor() as cr:
    integrity = api.Environment(cr, env.uid, {})['stock.serial.integrity']
    problems = integrity.sudo().wms_check()
print('RACE-RESULT ' + json.dumps({'results': results, 'problems': problems}))
"""
)


def test_two_scanners_same_serial_same_moment(odoo_runner, scratch_db):
    res = odoo_runner.odoo(
        scratch_db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    out = odoo_runner.shell(scratch_db, RACE_SCRIPT % {"rounds": ROUNDS})
    [line] = [line for line in out.splitlines() if line.startswith("RACE-RESULT ")]
    report = json.loads(line.removeprefix("RACE-RESULT "))
    assert len(report["results"]) == 3 * ROUNDS
    for result in report["results"]:
        serial = result["serial"]
        outcomes = result["out"]
        assert all(o and "exception" not in o for o in outcomes), result
        # Both scans are accepted: the serial is nowhere yet when they happen.
        assert [o["scan"][0] for o in outcomes] == [True, True], result
        finished = sorted(o["finish"][0] for o in outcomes)
        assert finished == [False, True], result
        [refusal] = [o["finish"][1] for o in outcomes if not o["finish"][0]]
        assert serial in refusal, result
        assert any(
            reason in refusal
            for reason in (
                "is already in stock at",
                "has just been recorded by another user",
                "was delivered by",
            )
        ), result
        # Exactly one transfer is done; the loser stays open, nothing half-done.
        assert sorted(result["states"]) == ["assigned", "done"], result
        assert result["lots"] == 1, result
        if "TDP" not in serial:
            assert result["on_hand"] == 1, result
    assert report["problems"] == []
    assert not [line for line in problems_in_log(out) if "bad query" not in line], out


def test_unique_index_refuses_a_duplicate_serial(odoo_runner, scratch_db):
    """The database itself refuses a second serial of a product in a company,
    whatever path writes it (here plain SQL, around the ORM)."""
    res = odoo_runner.odoo(
        scratch_db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    out = odoo_runner.shell(
        scratch_db,
        """
import psycopg2
product = env['product.product'].create(
    {'name': 'Index Laptop', 'is_storable': True, 'serial_tracking_mode': 'full'})
lot = env['stock.lot'].create({'name': 'IDX-1', 'product_id': product.id,
                               'company_id': env.company.id})
env.flush_all()
try:
    with env.cr.savepoint():
        env.cr.execute(
            "INSERT INTO stock_lot (name, product_id, company_id) "
            "SELECT name, product_id, company_id FROM stock_lot WHERE id = %s",
            (lot.id,), log_exceptions=False)
    print('INDEX-RESULT inserted')
except psycopg2.errors.UniqueViolation as error:
    print('INDEX-RESULT refused ' + error.diag.constraint_name)
""",
    )
    assert "INDEX-RESULT refused stock_lot_wms_serial_uniq" in out, out


SHARED_STOCK_SCRIPT = (
    PRELUDE
    + """
stock = wh.lot_stock_id
env['stock.quant']._update_available_quantity(earbuds, stock, 2 * ROUNDS)

def pick_list():
    return transfer(wh.out_type_id, stock, customer, earbuds).id

def picker(picking_id, serial, barrier, out, index):
    try:
        with env.registry.cursor() as cr:
            uenv = api.Environment(cr, user.id, {'tracking_disable': True})
            flow = uenv['wms.hhd.pick']
            scan = flow.scan(picking_id, serial, earbuds.id)
            cr.commit()  # one request: the scan
            barrier.wait(timeout=3600)
            # The next request: finish, through the scanner's endpoint, without
            # Odoo's retry of the request around it. The second picker's
            # attempt begins (its snapshot) while the first one validates, and
            # reaches the stock after the first committed.
            if index:
                time.sleep(1.5)
            finish = finish_retrying(uenv, 'wms.hhd.pick', picking_id)
            out[index] = {'scan': scan['ok'],
                          'finish': [finish['ok'], finish['message']]}
    except Exception as error:  # what must never happen
        out[index] = {'exception': repr(error)}

cases = [([pick_list(), pick_list()], rnd) for rnd in range(ROUNDS)]
env.cr.commit()
results = []
for picking_ids, rnd in cases:
    out, barrier = [None, None], threading.Barrier(2)
    threads = [
        threading.Thread(target=picker,
                         args=(pid, 'SHARED-%%d-%%d' %% (rnd, i), barrier, out, i))
        for i, pid in enumerate(picking_ids)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(3600)
    with env.registry.cursor() as cr:
        pickings = api.Environment(cr, env.uid, {})['stock.picking'].browse(picking_ids)
        states = pickings.mapped('state')
    results.append({'out': out, 'states': states})
with env.registry.cursor() as cr:
    cenv = api.Environment(cr, env.uid, {})
    untracked = sum(cenv['stock.quant'].search([
        ('product_id', '=', earbuds.id), ('location_id', '=', stock.id),
        ('lot_id', '=', False)]).mapped('quantity'))
    problems = cenv['stock.serial.integrity'].sudo().wms_check()
print('SHARED-RESULT ' + json.dumps(
    {'results': results, 'untracked': untracked, 'problems': problems}))
"""
)


def test_two_pickers_finish_on_the_same_untracked_stock(odoo_runner, scratch_db):
    """Two Track During Pick pick lists drawing on the one untracked quant row,
    finished at the same moment through the scanner's endpoint, each in its own
    transaction and without Odoo's retry of the request: both are validated (the
    second waits for the first, then starts again), never "could not serialize
    access"."""
    res = odoo_runner.odoo(
        scratch_db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    out = odoo_runner.shell(scratch_db, SHARED_STOCK_SCRIPT % {"rounds": ROUNDS})
    [line] = [line for line in out.splitlines() if line.startswith("SHARED-RESULT ")]
    report = json.loads(line.removeprefix("SHARED-RESULT "))
    for result in report["results"]:
        assert all(o and "exception" not in o for o in result["out"]), result
        assert [o["finish"][0] for o in result["out"]] == [True, True], result
        assert result["states"] == ["done", "done"], result
    assert report["untracked"] == 0
    assert report["problems"] == []


SAVEPOINT_SCRIPT = (
    PRELUDE
    + """
import psycopg2.errors
stock = wh.lot_stock_id
env['stock.quant']._update_available_quantity(earbuds, stock, 4)
first, second, third, fourth = (
    transfer(wh.out_type_id, stock, customer, earbuds) for _ in range(4))
for picking, serial in ((first, 'SAVE-1'), (second, 'SAVE-2'), (third, 'SAVE-3'),
                        (fourth, 'SAVE-4')):
    picking.with_user(user).wms_scan_serial(earbuds.id, serial)
env.cr.commit()

out = {}
# A caller that has only read so far, holding a savepoint.
with env.registry.cursor() as caller:
    cenv = api.Environment(caller, user.id, {'tracking_disable': True})
    caller.execute('SELECT 1')
    with env.registry.cursor() as other:
        oenv = api.Environment(other, user.id, {'tracking_disable': True})
        oenv['wms.hhd.pick'].finish(third.id)
    try:
        with caller.savepoint():
            cenv['wms.hhd.pick'].finish(fourth.id)
        out['raised_reading'] = None
    except psycopg2.errors.SerializationFailure:
        out['raised_reading'] = 'SerializationFailure'
    caller.execute('SELECT 1')
# A caller with work of its own, holding a savepoint.
with env.registry.cursor() as caller:
    cenv = api.Environment(caller, user.id, {'tracking_disable': True})
    # The caller's own work, then its snapshot is taken.
    partner = cenv['res.partner'].sudo().create({'name': "The caller's work"})
    cenv.flush_all()
    # Meanwhile another picker finishes on the same untracked stock.
    with env.registry.cursor() as other:
        oenv = api.Environment(other, user.id, {'tracking_disable': True})
        out['other'] = oenv['wms.hhd.pick'].finish(first.id)['ok']
    try:
        with caller.savepoint():
            cenv['wms.hhd.pick'].finish(second.id)
        out['raised'] = None
    except psycopg2.errors.SerializationFailure:
        out['raised'] = 'SerializationFailure'
    # The caller's transaction is still its own: its work is there, it goes on.
    out['kept'] = bool(partner.exists()) and partner.name == "The caller's work"
    caller.commit()
with env.registry.cursor() as cr:
    venv = api.Environment(cr, env.uid, {})
    out['committed'] = bool(
        venv['res.partner'].search_count([('name', '=', "The caller's work")]))
    out['states'] = venv['stock.picking'].browse(
        [first.id, second.id, third.id, fourth.id]).mapped('state')
print('SAVEPOINT-RESULT ' + json.dumps(out))
"""
)


def test_a_conflict_leaves_the_callers_transaction_alone(odoo_runner, scratch_db):
    """A finish that meets another validation of the same stock raises Odoo's own
    concurrency error (which Odoo's RPC layer and cron retry): it neither rolls
    back nor sleeps in its caller's transaction, which keeps its own work, rolls
    back to its savepoint and commits."""
    res = odoo_runner.odoo(
        scratch_db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    out = odoo_runner.shell(scratch_db, SAVEPOINT_SCRIPT % {"rounds": 1})
    [line] = [line for line in out.splitlines() if line.startswith("SAVEPOINT-RESULT ")]
    report = json.loads(line.removeprefix("SAVEPOINT-RESULT "))
    assert report == {
        "raised_reading": "SerializationFailure",
        "other": True,
        "raised": "SerializationFailure",
        "kept": True,
        "committed": True,
        "states": ["done", "assigned", "done", "assigned"],
    }, report


SCAN_ONCE_SCRIPT = (
    PRELUDE
    + """
stock = wh.lot_stock_id
cases = [
    (transfer(wh.in_type_id, supplier, stock, laptop).id, 'ONCE-%%d' %% rnd,
     'scan-id-%%d' %% rnd)
    for rnd in range(ROUNDS)
]
env.cr.commit()

def sender(picking_id, serial, scan_id, barrier, out, index):
    try:
        with env.registry.cursor() as cr:
            uenv = api.Environment(cr, user.id, {'tracking_disable': True})
            flow = uenv['wms.hhd.receive']
            barrier.wait(timeout=3600)
            answer = retrying(functools.partial(
                flow.scan, picking_id, serial, laptop.id, False, scan_id), uenv)
            out[index] = [answer['ok'], answer['message'],
                          answer['document']['done_qty']]
    except Exception as error:  # what must never happen
        out[index] = {'exception': repr(error)}

results = []
for picking_id, serial, scan_id in cases:
    out, barrier = [None, None], threading.Barrier(2)
    threads = [
        threading.Thread(target=sender,
                         args=(picking_id, serial, scan_id, barrier, out, index))
        for index in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(3600)
    with env.registry.cursor() as cr:
        cenv = api.Environment(cr, env.uid, {})
        lines = cenv['stock.move.line'].search_count([
            ('picking_id', '=', picking_id), ('picked', '=', True),
            ('lot_name', '=', serial)])
        handled = cenv['wms.hhd.scan'].sudo().search_count(
            [('scan_id', '=', scan_id)])
    results.append({'serial': serial, 'out': out, 'lines': lines,
                    'handled': handled})
print('ONCE-RESULT ' + json.dumps({'results': results}))
"""
)


def test_one_scan_sent_twice_at_the_same_moment(odoo_runner, scratch_db):
    """The same scan (same id) sent twice at once, as a scanner resending a
    scan whose answer is late: recorded once, and both requests get the same
    answer, none a refusal."""
    res = odoo_runner.odoo(
        scratch_db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"
    )
    assert res.returncode == 0, res.stderr
    out = odoo_runner.shell(scratch_db, SCAN_ONCE_SCRIPT % {"rounds": ROUNDS})
    [line] = [line for line in out.splitlines() if line.startswith("ONCE-RESULT ")]
    report = json.loads(line.removeprefix("ONCE-RESULT "))
    assert len(report["results"]) == ROUNDS
    for result in report["results"]:
        first, second = result["out"]
        assert first and "exception" not in first, result
        assert second and "exception" not in second, result
        assert first == second, result
        assert first[0] is True and result["serial"] in first[1], result
        assert first[2] == 1, result
        assert result["lines"] == 1, result
        assert result["handled"] == 1, result
    assert not [line for line in problems_in_log(out) if "bad query" not in line], out
