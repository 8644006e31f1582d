from . import speed
from . import models
from . import report
from . import wizard


def uninstall_hook(env):
    """Odoo's own rule on lots stays; the database index of this module goes."""
    from odoo.tools import SQL

    from .models.stock_lot import SERIAL_UNIQUE_INDEX

    env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(SERIAL_UNIQUE_INDEX)))
