from . import scan_parser
from . import flow_base
from . import receive_flow
from . import pick_flow
