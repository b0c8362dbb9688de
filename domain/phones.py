"""Phone numbers: one canonical form, so the same officer typed two ways is one person.

Vietnamese numbers are written "0919 422 038", "0919.422.038", "0919-422-038" or
"+84 919 422 038". We store ten digits starting with 0 and refuse anything else rather
than guess.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-]+")
_LOCAL = re.compile(r"0[1-9]\d{8}")
_INTERNATIONAL = re.compile(r"\+84([1-9]\d{8})")
# A run that could be a phone number inside a sentence: starts with 0 or +84, digits with
# single separators, not glued to other digits.
_CANDIDATE = re.compile(r"(?<![\d+])(?:\+84[ .\-]?|0)\d(?:[ .\-]?\d){7,10}(?!\d)")


def canonical_phone(text: str) -> str | None:
    """'0919.422.038' or '+84 919 422 038' → '0919422038'; anything else → None."""
    if not isinstance(text, str):
        return None
    compact = _SEPARATORS.sub("", text.strip())
    if _LOCAL.fullmatch(compact):
        return compact
    international = _INTERNATIONAL.fullmatch(compact)
    if international:
        return "0" + international.group(1)
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
