"""A meeting's programme: a table (Thời gian | Nội dung | Chủ trì/thực hiện | Ghi chú) or a
list of bullets under "Nội dung chính:".

In a table, a row with no time of its own is either the tail of the row above cut by a page
break (its text goes on in lower case: "chất lượng.") and is joined to it, or a talk inside
the session above ("“Một số nội dung …”") and is kept as its own item, in order, with
`sub_item` set and no time. Times are read by domain.timeexpr on the meeting's day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from domain.documents.folding import fold_fast
from domain.documents.models import AgendaItemDoc
from domain.documents.plan_appendix import header_layout
from domain.documents.structure import heading, is_bullet, strip_bullet
from domain.timeexpr import parse_time

_COLUMNS = {
    "time": ("thoi gian", "gio"),
    "content": ("noi dung", "chuong trinh"),
    "presenter": ("chu tri", "thuc hien", "trinh bay", "phu trach", "bao cao vien", "nguoi"),
    "note": ("ghi chu",),
}


def agenda_layout(cells: list[str]) -> dict[str, int] | None:
    """Column positions when `cells` is a programme's header row (not a plan's task table)."""
    if header_layout(cells):
        return None
    layout: dict[str, int] = {}
    for position, cell in enumerate(cells):
        folded = fold_fast(cell)
        for column, words in _COLUMNS.items():
            if column not in layout and any(folded.startswith(word) for word in words):
                layout[column] = position
                break
    return layout if "time" in layout and "content" in layout else None


_SESSION = re.compile(
    r"(?:buoi\s+|phien\s+)?(?:sang|chieu|toi)(?:\s*[,(-]?\s*(?:thu\s+\w+|ngay\s+[\d/]+)[\s,)]*)*[\s:.]*"
    r"|ngay\s+[\d/]+(?:\s*[,(-]?\s*thu\s+\w+\)?)?[\s:.]*"
)


@dataclass
class _Row:
    cells: dict[str, str]
    sub_item: bool = False
    extra: list[str] = field(default_factory=list)


def agenda_from_table(lines: list[str]) -> list[tuple[str | None, str, str | None, str | None, bool]]:
    """(time text, content, presenter, note, sub_item) for the first programme table."""
    rows: list[_Row] = []
    layout: dict[str, int] | None = None
    for line in lines:
        if "\t" not in line:
            if layout is not None and rows:
                break
            continue
        cells = line.split("\t")
        if layout is None:
            layout = agenda_layout(cells)
            continue
        if agenda_layout(cells):
            continue  # the header repeated on a new page
        values = {
            column: cells[position].strip() if position < len(cells) else "" for column, position in layout.items()
        }

        if not any(values.values()) or _session_heading(values):
            continue
        if values.get("time"):
            rows.append(_Row(values))
        elif rows and values.get("content", "")[:1].islower():
            last = rows[-1]
            for column, text in values.items():
                if text:
                    last.cells[column] = f"{last.cells.get(column, '')} {text}".strip()
        else:
            rows.append(_Row(values, sub_item=True))
    return [
        (
            row.cells.get("time") or None,
            row.cells.get("content", ""),
            row.cells.get("presenter") or None,
            row.cells.get("note") or None,
            row.sub_item,
        )
        for row in rows
        if row.cells.get("content") or row.cells.get("time")
    ]


def _session_heading(values: dict[str, str]) -> bool:
    """A row across the table that only says "Buổi sáng" / "BUỔI CHIỀU" / "Ngày 25/9": no item."""
    filled = [text for text in values.values() if text]
    return len(filled) == 1 and bool(_SESSION.fullmatch(fold_fast(filled[0])))


def agenda_from_bullets(lines: list[str], start: int) -> list[str]:
    """The bullets after a "Nội dung chính:" line, up to the next heading or plain paragraph."""
    items: list[str] = []
    for line in lines[start + 1:]:
        if "\t" in line or heading(line) or not is_bullet(line):
            break
        items.append(strip_bullet(line).rstrip(" ;.,").strip())
    return [item for item in items if item]


def timed_items(
    rows: list[tuple[str | None, str, str | None, str | None, bool]], day: datetime | None, ref: datetime
) -> list[AgendaItemDoc]:
    """Agenda items with start/end read on the meeting's day (None when the day is unknown)."""
    items = []
    for time_text, content, presenter, note, sub_item in rows:
        start = end = None
        if time_text and day is not None:
            expr = parse_time(f"{time_text} ngày {day:%d/%m/%Y}", ref, day.year)
            if expr.kind in ("window", "instant") and expr.start and expr.start.date() == day.date():
                start, end = expr.start, expr.end if expr.kind == "window" else None
        items.append(AgendaItemDoc(time_text, start, end, content, presenter, note, sub_item))
    return items
