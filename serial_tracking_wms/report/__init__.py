from . import stock_serial_valuation
