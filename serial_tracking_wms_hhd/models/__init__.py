from . import wms_hhd_scan
