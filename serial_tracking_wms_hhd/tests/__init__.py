from . import test_flows
from . import test_scanner_tours
