"""The units a letter invites by listing them under "Thành phần", often in numbered groups:
"3.1. Đại biểu Sở Khoa học và Công nghệ:" then "- Phòng Quản lý …", "3.2. Đại biểu các xã,
phường:" then "- UBND xã Tuy Phước". Each listed unit is invited as much as a "Kính gửi" one.

A bullet that names a person or a role ("- Lãnh đạo Sở", "- Đại diện lãnh đạo Ủy ban …",
"- Giám đốc Sở …") is who attends, not a unit; the caller matches the names and reports the
unknown ones.
"""

from __future__ import annotations

import re

from domain.documents.folding import fold_fast
from domain.documents.names import looks_like_unit, split_names
from domain.documents.structure import is_bullet, strip_bullet

_ROLE = re.compile(
    r"(?:đại diện|lãnh đạo|đại biểu|giám đốc|phó|trưởng|chủ tịch|chuyên viên|công chức|viên chức|cán bộ|ông|bà"
    r"|đồng chí|đ/c|thành viên|báo cáo viên|toàn thể|các đồng chí|mời)\b"
)
_TRIM = " .;,:"
_SENT_BY = re.compile(r"(?:(?:đại diện|lãnh đạo|đại biểu|các đồng chí|đồng chí)\s+)*")


def invites_below(line: str) -> bool:
    """'Sở Khoa học và Công nghệ trân trọng kính mời:': a Giấy mời's list of who is invited follows."""
    return fold_fast(line).endswith("kinh moi:")


def listed_units(block: list[str], *, for_units: bool = False) -> list[str]:
    """The unit names the bullets of an attendance block list, in order, each once.

    `for_units` is set under "trân trọng kính mời:", where each bullet invites a unit through
    whom it sends ("- Đại diện lãnh đạo UBND phường Quy Nhơn" invites UBND phường Quy Nhơn)."""
    names: list[str] = []
    for line in block:
        if not is_bullet(line):
            continue
        text = strip_bullet(line).strip(_TRIM)
        if for_units:
            text = text[len(_SENT_BY.match(text.lower()).group(0)):]  # type: ignore[union-attr]
        if not text or _ROLE.match(text.lower()) or not looks_like_unit(text):
            continue
        names += [name for name in split_names(text) if name not in names]
    return names
