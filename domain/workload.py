"""Which of a unit's tasks belong in an answer about a period: pure rules on their time spans.

Kept apart from the queries so the chat answer can fetch a unit's tasks once and sort them
here (one round trip instead of three), and so the rules are tested without a database.
"""

from __future__ import annotations

import re
from datetime import datetime

from domain.workdays import WorkCalendar, default_calendar

UNDATED_KINDS = ("ongoing", "on_demand")


def overlaps(starts_at: datetime | None, ends_at: datetime | None, start: datetime, end: datetime) -> bool:
    """A dated task is in [start, end) when its span overlaps it; a task with only an end (a
    deadline) is in it when that end falls inside."""
    if ends_at is None or ends_at <= start:
        return False
    if starts_at is None:
        return ends_at <= end
    return starts_at < end


def falls_due(ends_at: datetime | None, start: datetime, end: datetime) -> bool:
    """For "sắp đến hạn": only what ends inside the period."""
    return ends_at is not None and start < ends_at <= end


def in_period(starts_at: datetime | None, ends_at: datetime | None, start: datetime, end: datetime, *,
              due_only: bool = False) -> bool:
    """A dated task's place in an answer: it overlaps the period, or for "sắp đến hạn" it ends
    inside it. One function, because the two rules do not take the same arguments."""
    return falls_due(ends_at, start, end) if due_only else overlaps(starts_at, ends_at, start, end)


def overdue(ends_at: datetime | None, status: str, now: datetime) -> bool:
    """Past its end and not marked done by the unit."""
    return ends_at is not None and ends_at <= now and status != "done"


def working_days_left(now: datetime, due: datetime, calendar: WorkCalendar | None = None) -> int | None:
    """Working days from today up to the due moment's day (an exclusive end); None once it has passed.

    Both are local times; 0 means it falls due today."""
    if due <= now:
        return None
    return (calendar or default_calendar()).working_days_between(now.date(), due.date())


SOON_DAYS = 14


def due_soon(ends_at: datetime | None, status: str, now: datetime, days: int = SOON_DAYS) -> bool:
    """Not done, not yet overdue, and ending within `days` days: listed right after the overdue."""
    return (ends_at is not None and status != "done" and now < ends_at
            and (ends_at - now).total_seconds() <= (days + 1) * 86400)


_REPORT = re.compile(r"\bbáo cáo\s+(\w.*?)(?=\s+(?:trước|chậm nhất|để|theo quy định)\b|[;.]|$)", re.I | re.S)


def owed_report(what: str) -> str:
    """The report a unit must send, from the plan's sentence that assigns it ("Các phòng … gửi
    báo cáo đánh giá … về Phòng TĐC trước ngày 01 tháng 11 để tổng hợp" → "Báo cáo đánh giá … về
    Phòng TĐC"); the sentence itself when it names no report."""
    plain = " ".join(what.replace("*", "").split())
    match = _REPORT.search(plain)
    if match is None or not match.group(1).strip():
        return plain
    return "Báo cáo " + match.group(1).strip(" ,")
