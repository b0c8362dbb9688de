"""The facts a plan states about a task: lead, coordinators, timeframe, expected result.

Written as bullets under the task ("- Cơ quan chủ trì: …"), sometimes several on one line
("Chủ trì: …; Phối hợp: …"). "Cơ quan thực hiện" names the lead as well.
"""

from __future__ import annotations

import re
from typing import Literal

from domain.documents.folding import fold_same_length
from domain.documents.structure import prefix_length

Field = Literal["lead", "coordinators", "timeframe", "result"]

_UNIT = r"(?:co quan|don vi|bo phan|phong)"
_LABELS: tuple[tuple[Field, str], ...] = (
    ("coordinators", _UNIT + r"\s+phoi hop(?:\s+thuc hien)?|phoi hop(?:\s+thuc hien)?"),
    ("lead", _UNIT + r"\s+(?:chu tri|thuc hien|chiu trach nhiem)(?:\s+thuc hien)?|chu tri(?:\s+thuc hien)?"
     r"|thuc hien|trach nhiem"),
    ("timeframe", r"thoi (?:gian|han)(?:\s+(?:thuc hien|hoan thanh|trien khai))?|tien do(?:\s+thuc hien)?"),
    ("result", r"(?:ket qua|san pham)(?:\s+(?:thuc hien|dau ra|du kien|can dat))?"),
)
_FIELD_OF: dict[str, Field] = {name: name for name, _ in _LABELS}
_AT_START = re.compile("|".join(rf"(?P<{name}>{body})\s*:" for name, body in _LABELS))
_ANY_INLINE = re.compile(
    r"[;.]\s*(?P<label>" + "|".join(f"(?:{body})" for _, body in _LABELS) + r")\s*:"
)
_INLINE_START = re.compile(
    r"(?:[;.,(]|\s[-–])\s*(?P<label>" + "|".join(f"(?:{body})" for _, body in _LABELS) + r")\s*:"
)
_TRAILING = " \t.;,"


def read_fields(line: str) -> list[tuple[Field, str]]:
    """[(field, value as written)] for a fact line; [] for any other line."""
    found: list[tuple[Field, str]] = []
    rest = line
    while rest:
        folded = fold_same_length(rest)
        label = _AT_START.match(folded, prefix_length(folded))
        if label is None:
            break
        name = _FIELD_OF[label.lastgroup or ""]  # each alternative is a group named after its field
        value = rest[label.end():]
        inline = _ANY_INLINE.search(folded, label.end())
        if inline:
            found.append((name, rest[label.end(): inline.start()].strip(_TRAILING)))
            rest = rest[inline.start() + 1:].strip()
        else:
            found.append((name, value.strip(_TRAILING)))
            rest = ""
    return found


def split_facts(text: str) -> tuple[str, list[tuple[Field, str]]]:
    """A duty with its facts written after it: 'Chủ trì …; thời gian: trước ngày 15/9/2026' →
    ('Chủ trì …', [('timeframe', 'trước ngày 15/9/2026')]); text without facts → (text, [])."""
    found = _INLINE_START.search(fold_same_length(text))
    if found is None:
        return text.strip(), []
    facts = [(name, value.strip(_TRAILING + ")").strip()) for name, value in read_fields(text[found.start("label"):])]
    return text[: found.start() + 1].rstrip(" \t;,(–-").strip(), [(name, value) for name, value in facts if value]
