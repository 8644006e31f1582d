# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The allow-list: for each set-based path, what it stands in for and what it
has verified. ``guard.py`` checks it against the code the registry runs.

For each path (the name ``guard.enabled(env, path)`` takes):

* ``methods``: every Odoo method the path stands in for (restates, or relies on
  the code of), ``"model.method"``; for each, every definition of it the path
  reproduces, ``"module.Class"`` (``odoo.BaseModel``: the ORM), with the
  fingerprint of its source (``guard.fingerprint``). These are Odoo's and those
  of the modules the parity tests run (Purchase, Sales, Inventory Valuation,
  Expiration Dates, Manufacturing, Batch Transfers). This addon's own
  definitions are the path's own and are not listed;
* ``creates``: the models it makes rows of (``rows.create_rows`` or
  ``copy_rows``): every field of them, of any module, is checked;
* ``writes``: the fields it writes in place (``rows.write_rows`` or one UPDATE);
* ``same_for_all``: per model made by ``copy_rows``, the fields the verified code
  gives the same value for every record of one call (copied, never defaulted
  again per row);
* ``needs``: modules without which the path has nothing to do.

The paths:

* ``quant_batch``: the quant updates of a validation (``stock.move.line.
  _action_done``'s loop), computed as ``_update_available_quantity`` computes
  them and written together (``quants.py``);
* ``reservation``: a move reserving many serials: the per-line quant
  reservations collected and written together, the lines made set-based
  (``reservation.py``);
* ``confirmation_lines``: the empty lines (one per unit) Odoo's
  ``_action_assign`` makes for a confirmed receipt of many serials, made
  set-based as the ``reservation`` path makes its lines (``confirmation.py``);
* ``new_lots``: thousands of new lots and their "created" messages
  (``lots.py``);
* ``lot_assignment``: a receipt's new serials made lots and written on their
  lines in one statement (``move_lines.py``);
* ``pick_serial_names``: serials written on many open lines of a pick task in one
  statement (``move_lines.py``);
* ``expected_serials``: a supplier's list of thousands of expected serials made
  and settled set-based (``expected.py``);
* ``count``: a count by serial, its counted quants, adjustment moves and their
  lines set-based (``count.py``);
* ``company_check``: the company check of thousands of lines or moves
  (``company.py``);
* ``out_move_lines``: Inventory Valuation's outgoing lines of a move, without
  a recordset union per line (``valuation.py``);
* ``prefetch``: a field of a large set read for an eighth of it at once
  (``reading.py``).

The fingerprints are written by ``setup/speed-verify.sh``, which runs the
parity tests on the code at hand first: never edit them by hand.
"""

# The Odoo series the paths were verified on (``odoo.release.serie``).
SERIES = "18.0"

ALLOW_LIST = {
    "quant_batch": {
        "methods": {
            "stock.quant._update_available_quantity": {
                "stock.StockQuant": "0b2e0c2dac56fd2a",
            },
            "stock.quant._get_available_quantity": {
                "stock.StockQuant": "0193bcdfeac6fd21",
            },
            "stock.quant._gather": {
                "stock.StockQuant": "e5c779ee571a6c15",
            },
            "stock.quant._update_reserved_quantity": {
                "stock.StockQuant": "a46c73e725b48548",
            },
            "stock.quant.create": {
                "stock.StockQuant": "ae72ac7f2aed1f91",
                "odoo.BaseModel": "317cf44279ff16fa",
            },
            "stock.quant.default_get": {
                "odoo.BaseModel": "40089adc271a0dd0",
            },
            "stock.quant.write": {
                "stock.StockQuant": "32481376ca5055ea",
                "odoo.BaseModel": "e0442fd94e672821",
            },
        },
        "creates": ("stock.quant",),
        "writes": {
            "stock.quant": (
                "in_date",
                "quantity",
                "reserved_quantity",
            ),
        },
    },
    "reservation": {
        "methods": {
            "stock.move._update_reserved_quantity": {
                "product_expiry.StockMove": "cc229c8a834c1af4",
                "stock.StockMove": "f5a8631ba6acf9f6",
            },
            "stock.quant._update_reserved_quantity": {
                "stock.StockQuant": "a46c73e725b48548",
            },
            "stock.quant.write": {
                "stock.StockQuant": "32481376ca5055ea",
                "odoo.BaseModel": "e0442fd94e672821",
            },
            "stock.move.line.create": {
                "stock_account.StockMoveLine": "0f6a0889355561e0",
                "mrp.StockMoveLine": "a17e451c4d696f07",
                "stock.StockMoveLine": "cb33cead55bed71c",
                "odoo.BaseModel": "317cf44279ff16fa",
            },
            "stock.move.line.default_get": {
                "odoo.BaseModel": "40089adc271a0dd0",
            },
        },
        "creates": ("stock.move.line",),
        "writes": {
            "stock.quant": ("reserved_quantity",),
        },
    },
    "confirmation_lines": {
        "methods": {
            "stock.move._action_assign": {
                "mrp.StockMove": "896d4a161e072af2",
                "stock_picking_batch.StockMove": "fd4f313e7f286593",
                "stock.StockMove": "4184ffb249c28ce3",
            },
            "stock.move.line.create": {
                "stock_account.StockMoveLine": "0f6a0889355561e0",
                "mrp.StockMoveLine": "a17e451c4d696f07",
                "stock.StockMoveLine": "cb33cead55bed71c",
                "odoo.BaseModel": "317cf44279ff16fa",
            },
            "stock.move.line.default_get": {
                "odoo.BaseModel": "40089adc271a0dd0",
            },
        },
        "creates": ("stock.move.line",),
    },
    "new_lots": {
        "methods": {
            "stock.lot.create": {
                "stock_account.StockLot": "6fb6a94f4686795d",
                "stock.StockLot": "1ee62abf5beed428",
                "mail.MailThread": "08ec3198fa0ff8c3",
                "odoo.BaseModel": "317cf44279ff16fa",
            },
            "stock.lot.default_get": {
                "stock.StockLot": "23b8749595106e2d",
                "odoo.BaseModel": "40089adc271a0dd0",
            },
            "stock.lot._message_log_batch": {
                "mail.MailThread": "68bef3f22b175477",
            },
            "stock.lot._message_create": {
                "mail.MailThread": "39384974547ed02e",
            },
            "stock.lot._creation_message": {
                "mail.MailThread": "333caad065f99a98",
            },
            "stock.lot._creation_subtype": {
                "mail.MailThread": "6860727740f9da4e",
            },
            "mail.message.create": {
                "mail.Message": "6fe54aa89574411e",
                "odoo.BaseModel": "317cf44279ff16fa",
            },
            "mail.message.default_get": {
                "mail.Message": "e9439d283accd753",
                "odoo.BaseModel": "40089adc271a0dd0",
            },
        },
        "creates": (
            "stock.lot",
            "mail.message",
        ),
        "same_for_all": {
            "mail.message": (
                "author_id",
                "body",
                "email_add_signature",
                "email_from",
                "is_internal",
                "message_id",
                "message_type",
                "model",
                "record_alias_domain_id",
                "record_company_id",
                "record_name",
                "reply_to",
                "subject",
                "subtype_id",
            ),
        },
    },
    "lot_assignment": {
        "methods": {
            "stock.move.line._create_and_assign_production_lot": {
                "stock.StockMoveLine": "d3a5d38d50c2868e",
            },
            "stock.move.line.write": {
                "stock_account.StockMoveLine": "550c7005871191b3",
                "mrp.StockMoveLine": "a39b8bef9be21207",
                "stock.StockMoveLine": "29c3ad556799df64",
                "odoo.BaseModel": "e0442fd94e672821",
            },
        },
        "writes": {
            "stock.move.line": ("lot_id",),
        },
    },
    "pick_serial_names": {
        "methods": {
            "stock.move.line.write": {
                "stock_account.StockMoveLine": "550c7005871191b3",
                "mrp.StockMoveLine": "a39b8bef9be21207",
                "stock.StockMoveLine": "29c3ad556799df64",
                "odoo.BaseModel": "e0442fd94e672821",
            },
        },
        "writes": {
            "stock.move.line": (
                "date",
                "lot_name",
                "picked",
            ),
        },
    },
    "expected_serials": {
        "methods": {
            "stock.expected.serial.create": {
                "odoo.BaseModel": "317cf44279ff16fa",
            },
            "stock.expected.serial.default_get": {
                "odoo.BaseModel": "40089adc271a0dd0",
            },
            "stock.expected.serial.write": {
                "odoo.BaseModel": "e0442fd94e672821",
            },
        },
        "creates": ("stock.expected.serial",),
        "writes": {
            "stock.expected.serial": (
                "lot_id",
                "state",
            ),
        },
    },
    "count": {
        "methods": {
            "stock.quant.create": {
                "stock.StockQuant": "ae72ac7f2aed1f91",
                "odoo.BaseModel": "317cf44279ff16fa",
            },
            "stock.quant.default_get": {
                "odoo.BaseModel": "40089adc271a0dd0",
            },
            "stock.quant.write": {
                "stock.StockQuant": "32481376ca5055ea",
                "odoo.BaseModel": "e0442fd94e672821",
            },
            "stock.quant._gather": {
                "stock.StockQuant": "e5c779ee571a6c15",
            },
            "stock.quant._get_gather_domain": {
                "stock.StockQuant": "e12c80b1132543a9",
            },
            "stock.quant._is_inventory_mode": {
                "stock.StockQuant": "d994169148b1c913",
            },
            "stock.quant._get_inventory_fields_create": {
                "stock.StockQuant": "dc355434350f1afc",
            },
            "stock.quant._update_reserved_quantity": {
                "stock.StockQuant": "a46c73e725b48548",
            },
            "stock.move._inverse_picked": {
                "stock_account.StockMove": "7393c5ca958a9827",
                "stock.StockMove": "54cd3998e273c562",
            },
            "stock.move._check_company": {
                "odoo.BaseModel": "bd6d6bf420879940",
            },
            "stock.move.line.write": {
                "stock_account.StockMoveLine": "550c7005871191b3",
                "mrp.StockMoveLine": "a39b8bef9be21207",
                "stock.StockMoveLine": "29c3ad556799df64",
                "odoo.BaseModel": "e0442fd94e672821",
            },
        },
        "creates": ("stock.quant",),
    },
    "company_check": {
        "methods": {
            "stock.move.line._check_company": {
                "odoo.BaseModel": "bd6d6bf420879940",
            },
            "stock.move._check_company": {
                "odoo.BaseModel": "bd6d6bf420879940",
            },
        },
    },
    "out_move_lines": {
        "methods": {
            "stock.move._get_out_move_lines": {
                "stock_account.StockMove": "0dea8e176d7c3646",
            },
        },
        "needs": ("stock_account",),
    },
    "prefetch": {
        "methods": {
            "stock.move.line._in_cache_without": {
                "odoo.BaseModel": "0c080e68b7b7c2b2",
            },
            "stock.lot._in_cache_without": {
                "odoo.BaseModel": "0c080e68b7b7c2b2",
            },
            "stock.quant._in_cache_without": {
                "odoo.BaseModel": "0c080e68b7b7c2b2",
            },
            "stock.expected.serial._in_cache_without": {
                "odoo.BaseModel": "0c080e68b7b7c2b2",
            },
        },
    },
}
