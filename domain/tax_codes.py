"""Vietnamese tax codes (mã số thuế) as enterprises write them on a registration form.

An enterprise has 10 digits (its enterprise code); a branch or dependent unit has 13, written
as the parent's 10, a dash and 3 digits ("0101234567-001"). The 10th digit is a check digit
(Circular 95/2016/TT-BTC, the rule the General Department of Taxation applies): the first nine
digits weighted 31, 29, 23, 19, 17, 13, 7, 5, 3, summed; the check digit is 10 minus the sum
modulo 11, and a code whose result would be 10 is never issued. Checked against published codes
(0300588569, 0101248141, 0100109106). Since 1/7/2025 a person's tax code is their 12-digit citizen
number, which an organisation registering here does not use, so 12 digits are refused with a reason.
"""

from __future__ import annotations

import re
import unicodedata

from domain.errors import InvalidInput

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
# What people put between digit groups: spaces, dots, dashes (ASCII and typographic).
_SEPARATORS = re.compile(r"[\s.\u2010-\u2015-]+")


def check_digit(first_nine: str) -> int | None:
    """The 10th digit for these nine, or None when no valid code starts with them."""
    total = sum(int(d) * w for d, w in zip(first_nine, WEIGHTS, strict=True))
    digit = 10 - total % 11
    return None if digit == 10 else digit % 10


def _check_ten(digits: str) -> None:
    expected = check_digit(digits[:9])
    if expected is None or int(digits[9]) != expected:
        raise InvalidInput("tax_code_checksum", written=digits)


def clean_tax_code(text: str) -> str:
    """'0101 248 141' → '0101248141'; '0101248141 001' → '0101248141-001'; anything else is refused
    with a code that says why (InvalidInput: tax_code_empty, _chars, _length, _checksum, _branch)."""
    written = unicodedata.normalize("NFKC", text).strip()  # full-width digits → ASCII
    if not written:
        raise InvalidInput("tax_code_empty")
    compact = _SEPARATORS.sub("", written)
    if not compact.isascii() or not compact.isdigit():
        raise InvalidInput("tax_code_chars")
    if len(compact) == 10:
        _check_ten(compact)
        return compact
    if len(compact) == 13:
        parent, suffix = compact[:10], compact[10:]
        _check_ten(parent)
        if suffix == "000":
            raise InvalidInput("tax_code_branch")
        return f"{parent}-{suffix}"
    raise InvalidInput("tax_code_length", digits=len(compact))
