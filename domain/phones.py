"""Phone numbers: one canonical form, so the same officer typed two ways is one person.

People and spreadsheets write Vietnamese numbers many ways: "0919 422 038", "0919.422.038",
"(+84) 91-234-5678", "+84 (0) 912 345 678", "84912345678", "0084912345678", or "912345678"
when Excel dropped the leading zero; landlines have 11 digits with the area code
("0251 3822 123"). We store the national form: 10 digits for a mobile (0912345678), 11 for
a landline (02513822123), and refuse anything else rather than guess.

Only the digits 0–9 count (full-width ones, from some keyboards, are read as such): `\\d`
would also match Arabic-Indic and every other script's digits, which nobody here dials.
"""

from __future__ import annotations

import re
import unicodedata

# Spaces, dots, dashes (ASCII and typographic) and brackets people put between digit groups.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015()]+")
_MOBILE = re.compile(r"0[35789][0-9]{8}")
_LANDLINE = re.compile(r"02[0-9]{9}")
_OTHER_TEN = re.compile(r"0[1-9][0-9]{8}")  # ten digits with another prefix, as before: kept, not guessed at
# "+84 (0) 912…": the trunk zero written in brackets after the country code.
_TRUNK_ZERO = re.compile(r"^(\+|00)?84\s*\(\s*0\s*\)")
# A run that could be a phone number inside a sentence: starts with 0 or +84, digits with
# single separators, not glued to other digits.
_CANDIDATE = re.compile(r"(?<![0-9+])(?:\+84[ .\-]?|0)[0-9](?:[ .\-]?[0-9]){7,10}(?![0-9])")


def _national(digits: str) -> str | None:
    """Ten or eleven digits starting with 0 that are a Vietnamese number, or None."""
    if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits) or _OTHER_TEN.fullmatch(digits):
        return digits
    return None


def canonical_phone(text: str) -> str | None:
    """'(+84) 91-234-5678', '0084912345678', '912345678' → '0912345678';
    '0251 3822 123' → '02513822123'; anything else → None."""
    if not isinstance(text, str):
        return None
    written = unicodedata.normalize("NFKC", text).strip()  # full-width digits and plus → ASCII
    written = _TRUNK_ZERO.sub(lambda m: (m.group(1) or "") + "84", written)
    compact = _SEPARATORS.sub("", written)
    if compact.startswith("+"):
        rest = compact[1:]
        if not rest.startswith("84"):
            return None
        compact = rest
    elif compact.startswith("00"):
        if not compact.startswith("0084"):
            return None
        compact = compact[2:]
    if not compact.isascii() or not compact.isdigit():
        return None
    if compact.startswith("0"):
        return _national(compact)
    if compact.startswith("84") and len(compact) in (11, 12, 13):
        rest = compact[2:]  # "+84 0919 …": the trunk zero written after the country code, kept once
        return _national(rest if rest.startswith("0") else "0" + rest)
    if len(compact) in (9, 10):  # the leading zero lost (a spreadsheet read it as a number)
        digits = "0" + compact
        return digits if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits) else None
    return None


def find_phones(text: str) -> list[tuple[str, str]]:
    """Every valid phone number in running text, as (as written, canonical), in order."""
    found = []
    for match in _CANDIDATE.finditer(text):
        written = match.group(0).strip(" .-")
        canonical = canonical_phone(written)
        if canonical:
            found.append((written, canonical))
    return found
