from . import set_based
