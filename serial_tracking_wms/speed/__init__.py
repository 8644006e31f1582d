# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The speed layer: every set-based path of the suite, its guard and helpers.

The business rules (``models/``, ``wizard/``) decide what is right; this package
only makes Odoo's own work cheaper for thousands of serials, and must leave the
very rows Odoo's own path leaves. It overrides no Odoo method: ``models/``
override each Odoo method once, and where a path may stand in for Odoo, the
override asks it through the interface below; everything else runs Odoo's own
code. Its one model, ``stock.serial.speed`` (``declarations.py``), is the
extension point for other modules' developers.

Guard (``guard.py``, table in ``allowlist.py``): a path runs only where it has
verified the code it restates and the fields it writes, checked once per
registry; ``guard.enabled(env, path)``, ``guard.switched_off(env)``,
``wms_no_bulk`` in a context switches every path off.

Paths and their interface (one module each):

=================== =========================================================
``quants``          ``batch_lines``, ``apply_pending``, ``update_available``,
                    ``available``, ``release``: the quant batch of a validation
``reservation``     ``reserve``, ``creates_lines``, ``create_lines``,
                    ``collect``, ``without_collector``, ``collector``,
                    ``write_collected``: reserving many serials
``confirmation``    ``assign``, ``creates_lines``, ``create_lines``: the
                    empty lines of a confirmed receipt of many serials
``lots``            ``create_many``: thousands of lots and their messages
``move_lines``      ``assign_new_lots``, ``pick_serial_names``: serials on lines
``expected``        ``creates_many``, ``create_many``, ``settle``: expected
                    serials
``count``           ``enabled``, ``create_counted_quants``, ``create_moves``,
                    ``inverse_picked``: the count by serial
``company``         ``check_company``: the company check of thousands of rows
``valuation``       ``out_move_lines``: Inventory Valuation's outgoing lines
``reading``         ``prefetch_limit``, ``fetch_missing``: reading large sets
=================== =========================================================

Helpers: ``rows.py`` (Odoo's ``create`` and ``write`` for many rows),
``verify.py`` (the fingerprints written by ``setup/speed-verify.sh``).
"""

from . import declarations
from . import guard
from . import rows
from . import reading
from . import company
from . import quants
from . import reservation
from . import confirmation
from . import lots
from . import move_lines
from . import expected
from . import count
from . import valuation
