"""When a letter gives a meeting's day or a period but no hour: how that reads, and where the hour is.

"Thời gian: ngày 25/9/2026" is a whole day and "cuối tháng 9 năm 2026" a part of a month (the
time parser pins it to the 30th as a window); neither is "00h00". The hour then often sits in
the programme's first row ("8h00-8h30"), and a notice copied from a web page says the day only
in prose ("… tổ chức Hội nghị … vào ngày 21/6/2024"). A period never dates the programme: its
rows keep their hours with no day, and the label says what the letter said.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from domain.documents.folding import fold_same_length
from domain.timeexpr import TimeExpr

_PARTS = {"dau": "đầu", "giua": "giữa", "cuoi": "cuối"}
_YEAR_AFTER = r"(?:\s*(?:/|-|nam)\s*(?P<year>\d{4}))?"
_MONTH = re.compile(r"(?:(?P<part>dau|giua|cuoi)\s+)?thang\s+0?(?P<month>\d{1,2})\b" + _YEAR_AFTER)
_QUARTER = re.compile(r"(?:(?P<part>dau|giua|cuoi)\s+)?quy\s+(?P<quarter>iv|i{1,3}|[1-4])\b" + _YEAR_AFTER)
_WHOLE_YEAR = re.compile(r"(?:(?P<part>dau|giua|cuoi)\s+)?nam\s+(?P<year>\d{4})")
_QUARTERS = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_CLOCK = re.compile(r"(?P<hour>\d{1,2})\s*(?:h|giờ|g|:)\s*(?P<minute>\d{2})?", re.IGNORECASE)
_PROSE = re.compile(
    r"\bvao\s+(?:luc\s+)?(?P<when>(?:[^.;:\t]{0,30}?\s)?ngay\s+\d{1,2}\s*"
    r"(?:[/-]\s*\d{1,2}\s*[/-]\s*\d{4}|thang\s+\d{1,2}\s+nam\s+\d{4})(?:\s*\(\s*thu\s+[^)]{1,8}\))?)"
)
_MEETING_WORDS = re.compile(r"\b(?:to chuc|dien ra|hop|hoi nghi|hoi thao|tap huan|lam viec|doi thoai)\b")


def day_text(value: date) -> str:
    """'ngày 25/9/2026': a day as letters write it, without leading zeros."""
    return f"ngày {value.day}/{value.month}/{value.year}"


def whole_days(expr: TimeExpr | None) -> bool:
    """A window of whole days: the letter gave no hour."""
    return bool(
        expr is not None and expr.kind == "window" and expr.start is not None and expr.end is not None
        and expr.start.time() == time(0, 0) and expr.end.time() == time(0, 0)
    )


def names_its_day(expr: TimeExpr | None) -> bool:
    """Whole days whose first day the text writes ("ngày 25/9/2026", "từ ngày 24 đến 25/9"), unlike a
    part of a month the parser places on a day of its own choosing ("cuối tháng 9")."""
    if not whole_days(expr) or expr is None or expr.start is None:
        return False
    first = expr.start
    written = fold_same_length(expr.matched or "")
    return bool(re.search(
        rf"ngay\s+0?{first.day}\b|\b0?{first.day}\s*[/.-]\s*0?{first.month}\b|\b0?{first.day}\s+thang\s+0?{first.month}\b",
        written,
    ))


def _period_text(expr: TimeExpr) -> str:
    assert expr.start is not None and expr.end is not None
    written = expr.matched or ""
    folded = fold_same_length(written)
    year = expr.start.year
    for pattern in (_QUARTER, _MONTH, _WHOLE_YEAR):
        match = pattern.search(folded)
        if not match:
            continue
        part = _PARTS.get(match.group("part") or "", "")
        found_year = match.group("year") or str(year)
        if pattern is _QUARTER:
            quarter = match.group("quarter").upper()
            body = f"quý {_QUARTERS.get(quarter, quarter)}/{found_year}"
        elif pattern is _MONTH:
            body = f"tháng {int(match.group('month'))}/{found_year}"
        else:
            body = f"năm {found_year}"
        return f"{part} {body}".strip()
    last = expr.end - timedelta(days=1)
    return f"từ {day_text(expr.start.date())} đến {day_text(last.date())}" if last > expr.start else written.strip()


def when_label(expr: TimeExpr | None, clock: str | None = None) -> str | None:
    """How a time with no hour reads: 'ngày 25/9/2026', 'cuối tháng 9/2026', '8h00, cuối tháng 9/2026'
    (`clock` is an hour known without its day); None when the time has an hour."""
    if not whole_days(expr) or expr is None or expr.start is None or expr.end is None:
        return None
    if names_its_day(expr) and expr.end - expr.start == timedelta(days=1):
        label = day_text(expr.start.date())
    else:
        label = _period_text(expr)
    return f"{clock}, {label}" if clock else label


def clock_of(time_text: str | None) -> str | None:
    """'8h00-8h30' → '8h00': the first hour a programme row gives."""
    match = _CLOCK.search(time_text or "")
    if not match or int(match.group("hour")) > 23 or int(match.group("minute") or 0) > 59:
        return None
    return f"{int(match.group('hour'))}h{match.group('minute') or '00'}"


def prose_time(lines: list[str]) -> str | None:
    """'… tổ chức Hội nghị tập huấn … vào ngày 21/6/2024 (thứ Sáu) tại …' → 'ngày 21/6/2024 (thứ Sáu)'.

    Only a sentence about holding the meeting, and only after "vào": a cited document's
    "ngày 15/01/2024" and a deadline's "trước ngày 18/6/2024" are not the meeting's day."""
    for line in lines:
        if "\t" in line:
            continue
        folded = fold_same_length(line)
        if not _MEETING_WORDS.search(folded):
            continue
        match = _PROSE.search(folded)
        if match:
            return line[match.start("when"): match.end("when")].strip()
    return None


def first_hour_on(day: datetime, starts: list[datetime | None]) -> datetime | None:
    """The first programme row's start on the meeting's day."""
    return next((start for start in starts if start is not None and start.date() == day.date()), None)
