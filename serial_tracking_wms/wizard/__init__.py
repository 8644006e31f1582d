from . import stock_expected_serial_wizard
