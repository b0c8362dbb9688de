"""Which of a unit's tasks belong in an answer about a period: pure rules on their time spans.

Kept apart from the queries so the chat answer can fetch a unit's tasks once and sort them
here (one round trip instead of three), and so the rules are tested without a database.
"""

from __future__ import annotations

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
