# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A carton's label as scanned, and the ways a supplier's list may write it: the
label itself and, for an SSCC (GS1 AI 00: "00" and 18 digits, with or without
parentheses, after a symbology identifier or FNC1), the SSCC alone, after "00"
and after "(00)". Pure functions (no database)."""

import re

# GS1-128 symbology identifier or FNC1, then AI 00 and the 18 digits of the SSCC.
SSCC_CODE = re.compile(r"(?:\]C1|\]d2|\]Q3|\x1d)?(?:\(00\)|00)?(\d{18})")


def sscc_of(code):
    """The SSCC ``code`` carries (18 digits, without AI), or ``None``."""
    match = SSCC_CODE.fullmatch((code or "").strip())
    return match.group(1) if match else None


def carton_keys(code):
    """The labels a carton scanned as ``code`` may be listed under."""
    code = (code or "").strip()
    if not code:
        return []
    keys = [code]
    sscc = sscc_of(code)
    if sscc:
        keys += [sscc, f"00{sscc}", f"(00){sscc}"]
    return list(dict.fromkeys(keys))
