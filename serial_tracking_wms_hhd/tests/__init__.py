from . import test_expected_to_come
from . import test_flows
from . import test_scan_once
from . import test_scanner_js
from . import test_scanner_tours
from . import test_i18n
from . import test_scanner_french
from . import test_cartons
