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
                "stock.StockQuant": "b1330a339525b46f",
            },
            "stock.quant._get_available_quantity": {
                "stock.StockQuant": "78f919d52d68635c",
            },
            "stock.quant._gather": {
                "stock.StockQuant": "bfcd2a88856441df",
            },
            "stock.quant._update_reserved_quantity": {
                "stock.StockQuant": "a98f8ff063495c08",
            },
            "stock.quant.create": {
                "stock.StockQuant": "970abe6277e3a42b",
                "odoo.BaseModel": "d7256a7d83a8b9fc",
            },
            "stock.quant.default_get": {
                "odoo.BaseModel": "3a5db6fee23a2435",
            },
            "stock.quant.write": {
                "stock.StockQuant": "c4ac16a50f703fe5",
                "odoo.BaseModel": "d26a48b46953ccb0",
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
                "product_expiry.StockMove": "1ffb1c1e0ac9b10e",
                "stock.StockMove": "87d879f3eab7a361",
            },
            "stock.quant._update_reserved_quantity": {
                "stock.StockQuant": "a98f8ff063495c08",
            },
            "stock.quant.write": {
                "stock.StockQuant": "c4ac16a50f703fe5",
                "odoo.BaseModel": "d26a48b46953ccb0",
            },
            "stock.move.line.create": {
                "stock_account.StockMoveLine": "65e9801f2e1f97a1",
                "mrp.StockMoveLine": "268f62ae807e9076",
                "stock.StockMoveLine": "3750c3f4b80cc84d",
                "odoo.BaseModel": "d7256a7d83a8b9fc",
            },
            "stock.move.line.default_get": {
                "odoo.BaseModel": "3a5db6fee23a2435",
            },
        },
        "creates": ("stock.move.line",),
        "writes": {
            "stock.quant": ("reserved_quantity",),
        },
    },
    "new_lots": {
        "methods": {
            "stock.lot.create": {
                "stock_account.StockLot": "3e62ee1185ed07c4",
                "stock.StockLot": "38fa2e6befc14c6f",
                "mail.MailThread": "98e9f3763214aedd",
                "odoo.BaseModel": "d7256a7d83a8b9fc",
            },
            "stock.lot.default_get": {
                "stock.StockLot": "f34d99f3191ed664",
                "odoo.BaseModel": "3a5db6fee23a2435",
            },
            "stock.lot._message_log_batch": {
                "mail.MailThread": "67ee401cb5152588",
            },
            "stock.lot._message_create": {
                "mail.MailThread": "5d8895d9c5b16d96",
            },
            "stock.lot._creation_message": {
                "mail.MailThread": "a2e82a236b55852c",
            },
            "stock.lot._creation_subtype": {
                "mail.MailThread": "128724002c33233e",
            },
            "mail.message.create": {
                "mail.Message": "7de69f1a98041676",
                "odoo.BaseModel": "d7256a7d83a8b9fc",
            },
            "mail.message.default_get": {
                "mail.Message": "5b55e0db6f86448a",
                "odoo.BaseModel": "3a5db6fee23a2435",
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
                "stock.StockMoveLine": "3493a87ae1973594",
            },
            "stock.move.line.write": {
                "stock_account.StockMoveLine": "969f0841b86cc612",
                "mrp.StockMoveLine": "1a80739f3920d3a6",
                "stock.StockMoveLine": "07ac96b5ce11d1a8",
                "odoo.BaseModel": "d26a48b46953ccb0",
            },
        },
        "writes": {
            "stock.move.line": ("lot_id",),
        },
    },
    "pick_serial_names": {
        "methods": {
            "stock.move.line.write": {
                "stock_account.StockMoveLine": "969f0841b86cc612",
                "mrp.StockMoveLine": "1a80739f3920d3a6",
                "stock.StockMoveLine": "07ac96b5ce11d1a8",
                "odoo.BaseModel": "d26a48b46953ccb0",
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
                "odoo.BaseModel": "d7256a7d83a8b9fc",
            },
            "stock.expected.serial.default_get": {
                "odoo.BaseModel": "3a5db6fee23a2435",
            },
            "stock.expected.serial.write": {
                "odoo.BaseModel": "d26a48b46953ccb0",
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
                "stock.StockQuant": "970abe6277e3a42b",
                "odoo.BaseModel": "d7256a7d83a8b9fc",
            },
            "stock.quant.default_get": {
                "odoo.BaseModel": "3a5db6fee23a2435",
            },
            "stock.quant.write": {
                "stock.StockQuant": "c4ac16a50f703fe5",
                "odoo.BaseModel": "d26a48b46953ccb0",
            },
            "stock.quant._gather": {
                "stock.StockQuant": "bfcd2a88856441df",
            },
            "stock.quant._get_gather_domain": {
                "stock.StockQuant": "570acc2c29b9a48d",
            },
            "stock.quant._is_inventory_mode": {
                "stock.StockQuant": "c2651e1e8cc24444",
            },
            "stock.quant._get_inventory_fields_create": {
                "stock.StockQuant": "8d086adad75edef3",
            },
            "stock.quant._update_reserved_quantity": {
                "stock.StockQuant": "a98f8ff063495c08",
            },
            "stock.move._inverse_picked": {
                "stock_account.StockMove": "8027d37678bb1241",
                "stock.StockMove": "6b8242946dddb049",
            },
            "stock.move._check_company": {
                "odoo.BaseModel": "199e69738641840d",
            },
            "stock.move.line.write": {
                "stock_account.StockMoveLine": "969f0841b86cc612",
                "mrp.StockMoveLine": "1a80739f3920d3a6",
                "stock.StockMoveLine": "07ac96b5ce11d1a8",
                "odoo.BaseModel": "d26a48b46953ccb0",
            },
        },
        "creates": ("stock.quant",),
    },
    "company_check": {
        "methods": {
            "stock.move.line._check_company": {
                "odoo.BaseModel": "199e69738641840d",
            },
            "stock.move._check_company": {
                "odoo.BaseModel": "199e69738641840d",
            },
        },
    },
    "out_move_lines": {
        "methods": {
            "stock.move._get_out_move_lines": {
                "stock_account.StockMove": "eb389a2aa2a04f1b",
            },
        },
        "needs": ("stock_account",),
    },
    "prefetch": {
        "methods": {
            "stock.move.line._in_cache_without": {
                "odoo.BaseModel": "4dca7f698853dbe8",
            },
            "stock.lot._in_cache_without": {
                "odoo.BaseModel": "4dca7f698853dbe8",
            },
            "stock.quant._in_cache_without": {
                "odoo.BaseModel": "4dca7f698853dbe8",
            },
            "stock.expected.serial._in_cache_without": {
                "odoo.BaseModel": "4dca7f698853dbe8",
            },
        },
    },
}
