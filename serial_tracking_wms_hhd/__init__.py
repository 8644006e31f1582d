from . import services
