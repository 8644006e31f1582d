from . import controllers
from . import services
