"""Reading "quý này có việc gì?", "việc quý 4", "sắp đến hạn", "what's due this quarter" into a period.

Pure: the text and "now" in, a period (or None: not a question about tasks) out. Dates come
from the time-expression parser; this module only knows what counts as asking about work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from domain.text import fold
from domain.timeexpr import parse_time

UPCOMING_DAYS = 14
_ASKING = re.compile(
    r"\b(viec|nhiem vu|phai lam|lam gi|den han|sap den han|han chot|qua han|tasks?|due|to ?do|deadlines?|"
    r"cong viec|ke hoach)\b"
)
_UPCOMING = re.compile(r"\b(sap den han|sap toi han|sap het han|due soon|upcoming|coming up)\b")
_ENGLISH = [
    (re.compile(r"\bthis quarter\b"), "quý này"), (re.compile(r"\bnext quarter\b"), "quý sau"),
    (re.compile(r"\bthis month\b"), "tháng này"), (re.compile(r"\bnext month\b"), "tháng sau"),
    (re.compile(r"\bthis week\b"), "tuần này"), (re.compile(r"\bnext week\b"), "tuần sau"),
    (re.compile(r"\bthis year\b"), "năm nay"), (re.compile(r"\btoday\b"), "hôm nay"),
    (re.compile(r"\btomorrow\b"), "ngày mai"), (re.compile(r"\bq([1-4])\b"), r"quý \1"),
]


@dataclass(frozen=True)
class Period:
    """[start, end) in local time, and how to name it in a reply."""

    start: datetime
    end: datetime
    label: str
    due_only: bool = False  # "sắp đến hạn": only what falls due inside the period
    # Named without a year and already over this year ("quý 3" in December): the same period next
    # year, which the answer chooses between by the unit's plan year (see `plan_year`).
    next_year: Period | None = None
    # What was typed as a period but could not be read ("quý 5", "abc"): the answer says so.
    unclear: str = ""


def quarter_of(day: date) -> Period:
    q = (day.month - 1) // 3
    start = datetime(day.year, q * 3 + 1, 1)
    end = datetime(day.year + (q == 3), (q * 3 + 3) % 12 + 1, 1)
    return Period(start, end, f"Quý {('I', 'II', 'III', 'IV')[q]}/{day.year}")


def label_for(start: datetime, end: datetime) -> str:
    """'Quý IV/2026', 'tháng 11/2026', 'năm 2026', or the span as dates."""
    if start.time() == time(0) and end.time() == time(0) and start.day == 1 and end.day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month
        if months == 1:
            return f"tháng {start.month}/{start.year}"
        if months == 3 and start.month in (1, 4, 7, 10):
            return quarter_of(start.date()).label
        if months == 12 and start.month == 1:
            return f"năm {start.year}"
    last = end - timedelta(minutes=1) if end.time() == time(0) else end
    if start.date() == last.date():
        return f"ngày {start:%d/%m/%Y}"
    return f"{start:%d/%m/%Y} – {last:%d/%m/%Y}"


# Words that name a time: a question with one of them names a period, read or not.
_TIME_WORDS = re.compile(r"\b(quy|thang|nam|tuan|ngay|hom|mai|q\d|\d+)\b")


def read_period(text: str, now: datetime) -> Period:
    """What `/viec TEXT` asks about: every word of TEXT is meant as the period."""
    period = read_tasks_question(f"việc {text}", now)
    assert period is not None  # "việc" is an asking word
    if period.unclear or (period.label == quarter_of(now.date()).label and not _said_a_period(text, now)):
        return replace(period, unclear=" ".join(text.split())[:60])
    return period


def _said_a_period(text: str, now: datetime) -> bool:
    folded = fold(text)
    for pattern, vietnamese in _ENGLISH:
        folded = pattern.sub(vietnamese, folded)
    return bool(_UPCOMING.search(folded)) or parse_time(folded, now.replace(tzinfo=None)).kind != "unknown"


def read_tasks_question(text: str, now: datetime) -> Period | None:
    """The period a question about the unit's work asks about, or None if it is not one.

    No period named means this quarter; "sắp đến hạn" means the next two weeks; a period named
    but not readable is this quarter marked `unclear`, so the answer asks instead of guessing.
    """
    folded = fold(text)
    if not _ASKING.search(folded):
        return None
    local_now = now.replace(tzinfo=None)
    if _UPCOMING.search(folded):
        end = datetime.combine(local_now.date() + timedelta(days=UPCOMING_DAYS + 1), time(0))
        return Period(local_now, end, f"{UPCOMING_DAYS} ngày tới", due_only=True)
    for pattern, vietnamese in _ENGLISH:
        folded = pattern.sub(vietnamese, folded)
    expr = parse_time(folded, local_now)
    if expr.kind == "window" and expr.start and expr.end:
        period = Period(expr.start, expr.end, label_for(expr.start, expr.end))
        this_year = parse_time(folded, local_now, year=local_now.year)
        if this_year.kind == "window" and this_year.start and this_year.end and this_year.start < expr.start:
            return Period(this_year.start, this_year.end, label_for(this_year.start, this_year.end), next_year=period)
        return period
    if expr.kind == "instant" and expr.start:
        day = datetime.combine(expr.start.date(), time(0))
        return Period(day, day + timedelta(days=1), label_for(day, day + timedelta(days=1)))
    if expr.kind == "deadline" and expr.end and expr.end > local_now:
        return Period(local_now, expr.end, label_for(local_now, expr.end))
    rest = _TIME_WORDS.search(_ASKING.sub(" ", folded))
    period = quarter_of(local_now.date())
    return replace(period, unclear=" ".join(text.split())[:60]) if rest else period


def plan_year(*, work_this_year: bool, work_next_year: bool) -> str:
    """Which year a period named without one means, once this year's is over: "this" (the plan
    year the unit is working in), "next", or "ask" when the unit has work in both."""
    if work_this_year and work_next_year:
        return "ask"
    return "next" if work_next_year or not work_this_year else "this"
