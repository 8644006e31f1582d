from . import test_scanner_tours
