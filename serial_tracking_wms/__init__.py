from . import speed
from . import models
from . import report
from . import wizard

# After the wizards: a recall campaign takes its serials as the recall wizard does.
from .models import stock_serial_recall_campaign


def uninstall_hook(env):
    """Odoo's own rule on lots stays; the database indexes of this module go
    (those its models' ``init`` made; its fields' go with their columns)."""
    from odoo.tools import SQL

    from .models.stock_lot import NAME_PRODUCT_INDEX, SERIAL_UNIQUE_INDEX
    from .models.stock_move_line import LOCATION_INDEXES
    from .models.stock_quant import ON_HAND_INDEX

    for index in (
        SERIAL_UNIQUE_INDEX,
        NAME_PRODUCT_INDEX,
        ON_HAND_INDEX,
        *LOCATION_INDEXES.values(),
    ):
        env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(index)))
