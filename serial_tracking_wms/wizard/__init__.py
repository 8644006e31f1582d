from . import stock_serial_input_mixin
from . import stock_expected_serial_wizard
from . import stock_serial_lookup
from . import stock_serial_recall
from . import stock_serial_recall_line
from . import stock_serial_count_wizard
from . import stock_account_transfer_wizard
from . import stock_serial_lookup_warranty
