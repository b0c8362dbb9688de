"""Where a meeting is held: the "Địa điểm" value with the line it wraps onto, and what a hall says
about the mode.

A venue typed in Word wraps: "Địa điểm: Hội trường UBND phường Quy Nhơn, số 25" / "Lê Lợi,
phường Quy Nhơn, tỉnh Gia Lai." The next line belongs to it when the value has not ended (no
full stop) and the line reads like an address; a label, a heading, a bullet or the letter's
place and date ("Bình Định, ngày 10 tháng 9 năm 2026") never does. A hall or meeting room,
with no word of an online link, means people come in person.
"""

from __future__ import annotations

import re

from domain.documents import header
from domain.documents.folding import fold_fast
from domain.documents.structure import heading, is_bullet, is_upper_line

_ADDRESS = re.compile(
    r"\b(?:so \d|duong|pho|phuong|xa|tinh|thanh pho|tp|quan|huyen|thi xa|dac khu|tang|toa nha|khu|thon|ap|to dan pho)\b"
)
_LABEL = re.compile(r"[^:.;]{1,40}:")
_HALL = re.compile(
    r"\b(?:hoi truong|phong hop|phong hoi nghi|trung tam hoi nghi|nha van hoa|tru so|tang \d+|phong so \d+)\b"
)
_ENDED = (".", ";", "!")
_MAX_WRAPS = 2
_MAX_LINE = 160


def _wraps_onto(line: str) -> bool:
    if "\t" in line or len(line) > _MAX_LINE or heading(line) or is_bullet(line) or is_upper_line(line):
        return False
    folded = fold_fast(line)
    if _LABEL.match(folded) or header.place_and_year([line]) != (None, None):
        return False
    return bool(_ADDRESS.search(folded) or _HALL.search(folded))


def venue(lines: list[str], index: int, value: str) -> str | None:
    """The venue from its label's line `index` and the value found there, wrapped lines joined."""
    parts = [value.strip()] if value.strip(" .;") else []
    for line in lines[index + 1: index + 1 + _MAX_WRAPS]:
        if parts and parts[-1].endswith(_ENDED):
            break
        if not _wraps_onto(line):
            break
        parts.append(line.strip())
    return " ".join(parts).strip(" .;") or None


def is_hall(location: str | None) -> bool:
    """'Hội trường tầng 3, Sở …', 'Phòng họp số 2': a place people come to."""
    return bool(location and _HALL.search(fold_fast(location)))
