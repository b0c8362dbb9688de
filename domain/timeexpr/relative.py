"""Spans counted from an event: turning a "relative" into a deadline once the event is known."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from domain.timeexpr.dates import ONE_DAY, at_midnight
from domain.timeexpr.result import TimeExpr

if TYPE_CHECKING:
    from domain.workdays import WorkCalendar


def resolve_relative(expr: TimeExpr, event_start: datetime, calendar: WorkCalendar | None = None) -> TimeExpr:
    """The deadline a relative expression sets once its event's date is known.

    The day reached by counting `offset_days` from the event's day (working days with the
    calendar when `working_days`) is the last day allowed, so `end` is the midnight after it:
    "chậm nhất 03 ngày sau khi diễn ra buổi làm việc" with the meeting on 24/4/2026 ends at
    2026-04-28T00:00; "trước 10 ngày diễn ra Hội nghị" on 24/4 ends at 2026-04-15T00:00.
    A weekend or holiday on that last day is not moved here: apply
    `WorkCalendar.legal_end` for Civil Code Art. 148 cl. 5. Anything not relative is returned
    unchanged.
    """
    if expr.kind != "relative" or expr.offset_days is None:
        return expr
    day = event_start.date()
    if expr.working_days:
        if calendar is None:
            from domain.workdays import default_calendar

            calendar = default_calendar()
        last = calendar.add_working_days(day, expr.offset_days)
    else:
        last = day + timedelta(days=expr.offset_days)
    return replace(
        expr, kind="deadline", start=None, end=at_midnight(last + ONE_DAY), offset_days=None, anchor=None,
        working_days=None,
    )
