from . import speed
from . import models
from . import report
from . import wizard

# After the wizards: a recall campaign takes its serials as the recall wizard does.
from .models import stock_serial_recall_campaign


def uninstall_hook(env):
    """Odoo's own rule on lots stays; the database index of this module goes."""
    from odoo.tools import SQL

    from .models.stock_lot import SERIAL_UNIQUE_INDEX

    env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(SERIAL_UNIQUE_INDEX)))
