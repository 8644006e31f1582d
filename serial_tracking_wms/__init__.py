from . import models
from . import report
from . import wizard


def uninstall_hook(env):
    """Odoo's own rule on lots stays; the database index of this module goes."""
    from .models.stock_lot import SERIAL_UNIQUE_INDEX

    env.cr.execute(f'DROP INDEX IF EXISTS "{SERIAL_UNIQUE_INDEX}"')
