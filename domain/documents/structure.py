"""How Vietnamese administrative documents number their parts.

Parts are "I.", "II." (roman), sections "1.", "2." (arabic), items "a)", "b)", "đ)" (letters,
with đ a letter of its own), facts as bullets "- Cơ quan chủ trì: …". Labels are matched on
the folded form, so "Co quan chu tri" and NFD input work too, and cut from the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = re.compile(r"(?P<numeral>[IVXLC]{1,7})\s*[.)]\s*(?P<title>.*)", re.DOTALL)
_ROMAN_BARE = re.compile(r"[IVXLC]{1,7}")
_ARABIC = re.compile(r"(?P<number>\d{1,2})\s*\.\s*(?P<title>\S.*)", re.DOTALL)
_LETTER = re.compile(r"(?P<letter>[a-zđ])\s*\)\s*(?P<text>.*)", re.DOTALL)
_BULLET = re.compile(r"[-+•–*·]\s*")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# Letters a plan may use in order. đ, f, j, w and z are optional: Vietnamese lists skip
# f/j/w/z (not letters of the alphabet) and often d → e without đ, yet seed plans do use f.
LETTER_ORDER = "abcdđefghijklmnopqrstuvwxyz"
OPTIONAL_LETTERS = frozenset("đfjwz")


def roman_value(numeral: str) -> int | None:
    """'IV' → 4; None for anything that is not a well-formed numeral up to 399."""
    if not numeral or not _ROMAN_BARE.fullmatch(numeral):
        return None
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if total > 0 and to_roman(total) == numeral else None


def to_roman(value: int) -> str:
    parts = []
    for number, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                            (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            parts.append(numeral)
            value -= number
    return "".join(parts)


@dataclass(frozen=True)
class Heading:
    level: str  # "roman" | "arabic"
    number: int
    title: str


def heading(line: str) -> Heading | None:
    """'II. NHIỆM VỤ …' → roman 2; '3. Xây dựng …' → arabic 3; '1.1 …' and 'a) …' → None."""
    if "\t" in line:
        return None
    roman = _ROMAN.fullmatch(line)
    if roman:
        value = roman_value(roman.group("numeral"))
        title = roman.group("title").strip()
        if value is not None and (not title or not title[0].islower()):
            return Heading("roman", value, title)
    arabic = _ARABIC.fullmatch(line)
    if arabic and not arabic.group("title")[0].isdigit():
        return Heading("arabic", int(arabic.group("number")), arabic.group("title").strip())
    return None


def letter_item(line: str) -> tuple[str, str] | None:
    """'đ) Chủ trì, phối hợp …' → ('đ', 'Chủ trì, phối hợp …')."""
    match = _LETTER.fullmatch(line)
    if not match or "\t" in line:
        return None
    return match.group("letter"), match.group("text").strip()


def letter_gap(previous: str | None, letter: str) -> list[str]:
    """The letters skipped between two items, ignoring optional ones (e → g is no gap)."""
    if letter not in LETTER_ORDER:
        return []
    start = LETTER_ORDER.index(previous) + 1 if previous and previous in LETTER_ORDER else 0
    end = LETTER_ORDER.index(letter)
    return [c for c in LETTER_ORDER[start:end] if c not in OPTIONAL_LETTERS]


def strip_bullet(line: str) -> str:
    match = _BULLET.match(line)
    return line[match.end():] if match else line


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line)) and not line.startswith("--")


_PREFIX = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s+|[a-z]\)\s*|[-+•–*·]\s*)*")


def prefix_length(folded: str) -> int:
    """Length of the numbering or bullet a line starts with ("2. ", "1.1 ", "- ", "a) ")."""
    match = _PREFIX.match(folded)
    return match.end() if match else 0


def is_upper_line(line: str) -> bool:
    """An all-capitals line: a document type ("KẾ HOẠCH") or a signature title."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)

