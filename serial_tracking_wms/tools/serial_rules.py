# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a product's serial numbers look like: the rule and its checks, as pure
functions (no database, no translation). ``stock.lot._wms_serial_rule_errors``
turns what they find into the refusals users read."""

import re
import string
from dataclasses import dataclass

# The allowed characters a rule can name (the ``custom`` set is the product's).
CHARSETS = {
    "digits": frozenset(string.digits),
    "alnum": frozenset(string.ascii_letters + string.digits),
}


@dataclass(frozen=True)
class SerialRule:
    """A product's serial number pattern; every part optional."""

    prefix: str = ""
    min_length: int = 0
    max_length: int = 0
    charset: str = "any"  # "any", "digits", "alnum" or "custom"
    custom_chars: str = ""
    regex: str = ""
    check_digit: str = "none"  # "none", "gs1" or "luhn"

    @property
    def is_empty(self):
        return not (
            self.prefix
            or self.min_length
            or self.max_length
            or self.charset not in ("any", False, None, "")
            or self.regex
            or self.check_digit not in ("none", False, None, "")
        )


def gs1_check_digit(digits):
    """The GS1 mod 10 check digit of ``digits`` (the digits before it), as for
    a GTIN or an SSCC: weights 3, 1, 3, ... from the right."""
    total = sum(
        int(digit) * (3 if position % 2 == 0 else 1)
        for position, digit in enumerate(reversed(digits))
    )
    return (10 - total % 10) % 10


def gs1_valid(code):
    """Whether the last digit of ``code`` (digits only) is its GS1 check digit."""
    return (
        len(code) >= 2
        and code.isascii()
        and code.isdigit()
        and int(code[-1]) == gs1_check_digit(code[:-1])
    )


def luhn_valid(code):
    """Whether ``code`` (digits only) passes the Luhn (mod 10) check."""
    if len(code) < 2 or not (code.isascii() and code.isdigit()):
        return False
    total = 0
    for position, digit in enumerate(reversed(code)):
        value = int(digit)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


CHECK_DIGITS = {"gs1": gs1_valid, "luhn": luhn_valid}


def regex_error(pattern):
    """Why ``pattern`` is not a usable regular expression (None when it is)."""
    try:
        re.compile(pattern)
    except re.error as error:
        return str(error)
    return None


def first_mismatch(rule, name):
    """The first part of ``rule`` that ``name`` (a clean serial) does not fit:
    one of "prefix", "length", "charset", "regex", "check_digit", or None when
    it fits."""
    if rule.prefix and not name.startswith(rule.prefix):
        return "prefix"
    if (rule.min_length and len(name) < rule.min_length) or (
        rule.max_length and len(name) > rule.max_length
    ):
        return "length"
    allowed = (
        frozenset(rule.custom_chars or "")
        if rule.charset == "custom"
        else CHARSETS.get(rule.charset)
    )
    if allowed is not None and not set(name) <= allowed:
        return "charset"
    if rule.regex and not re.fullmatch(rule.regex, name):
        return "regex"
    check = CHECK_DIGITS.get(rule.check_digit)
    if check and not check(name):
        return "check_digit"
    return None


def mismatches(rule, names):
    """``{name: the part it does not fit}`` for the ``names`` not fitting."""
    if rule.is_empty:
        return {}
    found = {}
    for name in names:
        part = first_mismatch(rule, name)
        if part:
            found[name] = part
    return found
