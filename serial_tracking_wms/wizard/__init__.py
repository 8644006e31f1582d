from . import stock_expected_serial_wizard
from . import stock_serial_lookup
