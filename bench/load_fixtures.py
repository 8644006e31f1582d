# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# ruff: noqa
"""Fixtures of the scanner load (bench/load.sh, bench/replica.sh), run in
``odoo-bin shell``: LOAD_SCANNERS stock users, each with LOAD_DOCS receipts and
LOAD_DOCS pick lists of LOAD_UNITS serials; written to LOAD_OUT as JSON."""

import json, os
from odoo import Command

S, D, U = (int(os.environ[k]) for k in ("LOAD_SCANNERS", "LOAD_DOCS", "LOAD_UNITS"))
env = env(
    context=dict(
        env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    )
)
stock_user = env.ref("stock.group_stock_user")
users = env["res.users"].create(
    [
        {
            "name": f"Load Scanner {i:02d}",
            "login": f"load_scanner_{i:02d}",
            "password": "load-scanner-pw",
            "groups_id": [Command.set([stock_user.id])],
        }
        for i in range(S)
    ]
)
wh = env["stock.warehouse"].create({"name": "Load WH", "code": "LDW"})
stock = wh.lot_stock_id
laptop = env["product.product"].create(
    {
        "name": "Load Laptop",
        "is_storable": True,
        "serial_tracking_mode": "full",
        "barcode": "2900000001008",
    }
)
earbuds = env["product.product"].create(
    {
        "name": "Load Earbuds",
        "is_storable": True,
        "serial_tracking_mode": "pick",
        "barcode": "2900000001015",
    }
)
if os.environ["LOAD_OWN_BINS"] == "1":
    bins = env["stock.location"].create(
        [
            {"name": f"Bin {i:02d}", "location_id": stock.id, "usage": "internal"}
            for i in range(S)
        ]
    )
else:
    bins = [stock] * S
for i in range(S):
    env["stock.quant"]._update_available_quantity(earbuds, bins[i], D * U)
supplier = env.ref("stock.stock_location_suppliers")
customer = env.ref("stock.stock_location_customers")


def vals(picking_type, src, dest, product, i, d):
    return {
        "picking_type_id": picking_type.id,
        "location_id": src.id,
        "location_dest_id": dest.id,
        "origin": f"LOAD-{i:02d}-{d:03d}",
        "move_ids": [
            Command.create(
                {
                    "name": product.name,
                    "product_id": product.id,
                    "product_uom_qty": U,
                    "product_uom": product.uom_id.id,
                    "location_id": src.id,
                    "location_dest_id": dest.id,
                }
            )
        ],
    }


# Scanners 0+1 and 2+3 (when there are that many) fight: the first serial of their
# receipt d is the same serial on both receipts.
pairs = {i: i // 2 for i in range(min(S - S % 2, 4))}
Picking = env["stock.picking"]
receipts = Picking.create(
    [
        vals(wh.in_type_id, supplier, stock, laptop, i, d)
        for i in range(S)
        for d in range(D)
    ]
)
picks = Picking.create(
    [
        vals(wh.out_type_id, bins[i], customer, earbuds, i, d)
        for i in range(S)
        for d in range(D)
    ]
)
(receipts | picks).action_confirm()
picks.action_assign()
assert all(p.state == "assigned" for p in picks), "stock for the pick lists"
# One pick list of 200 lines (200 Track During Pick products), for the bytes a
# scan's answer weighs against the whole screen's.
probe_products = env["product.product"].create(
    [
        {
            "name": f"Load Probe {k:03d}",
            "is_storable": True,
            "serial_tracking_mode": "pick",
            "barcode": f"LOADPROBE{k:03d}",
        }
        for k in range(200)
    ]
)
for product in probe_products:
    env["stock.quant"]._update_available_quantity(product, stock, 1)
probe = Picking.create(
    {
        "picking_type_id": wh.out_type_id.id,
        "location_id": stock.id,
        "location_dest_id": customer.id,
        "origin": "LOAD-PROBE",
        "move_ids": [
            Command.create(
                {
                    "name": product.name,
                    "product_id": product.id,
                    "product_uom_qty": 1,
                    "product_uom": product.uom_id.id,
                    "location_id": stock.id,
                    "location_dest_id": customer.id,
                }
            )
            for product in probe_products
        ],
    }
)
probe.action_confirm()
probe.action_assign()
assert probe.state == "assigned" and len(probe.move_ids) == 200
spec = []
for i in range(S):
    mine = {"login": users[i].login, "receipts": [], "picks": []}
    for d in range(D):
        receipt, pick = receipts[i * D + d], picks[i * D + d]
        serials = [f"LR-{i:02d}-{d:03d}-{u}" for u in range(U)]
        if i in pairs:
            serials[0] = f"FIGHT-{pairs[i]}-{d:03d}"
        elif d % 2 == 0:  # half the others are pre-receipts with expected serials
            receipt.wms_set_expected_serials(laptop.id, serials)
        mine["receipts"].append(
            {
                "id": receipt.id,
                "barcode": laptop.barcode,
                "product_id": laptop.id,
                "serials": serials,
            }
        )
        mine["picks"].append(
            {
                "id": pick.id,
                "barcode": earbuds.barcode,
                "product_id": earbuds.id,
                "serials": [f"LP-{i:02d}-{d:03d}-{u}" for u in range(U)],
            }
        )
    spec.append(mine)
env.cr.commit()
with open(os.environ["LOAD_OUT"], "w") as out:
    json.dump(
        {
            "scanners": spec,
            "fights": len(set(pairs.values())) * D,
            "probe": {
                "login": users[0].login,
                "id": probe.id,
                "barcode": probe_products[0].barcode,
                "product_id": probe_products[0].id,
                "serial": "LOAD-PROBE-SN-1",
            },
        },
        out,
    )
