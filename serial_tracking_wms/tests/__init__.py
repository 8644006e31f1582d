from . import test_tracking_mode
from . import test_expected_serials
from . import test_receipt
from . import test_pick
from . import test_serial_wizard
from . import test_demo
