"""When a reminder may go out: working hours on working days, never past what it is about.

A moment outside the working window moves to the start of the next one; if that would be at or
after the moment the reminder is about (a cutoff, a deadline, a meeting), it goes at the last
working moment before instead; and if even that has passed, it goes now (it is urgent).
All moments are aware; the wall clock of `tz` decides what "07:30" and "a working day" mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.workdays import WorkCalendar

# How far before the deadline "the last working moment" is: enough to read and act on it.
LAST_MOMENT_MARGIN = timedelta(minutes=30)
_SEARCH_DAYS = 40  # Tết is the longest run of days off (about 9); this bounds every search


@dataclass(frozen=True)
class WorkingHours:
    """The daily sending window on working days; `enforced=False` sends at any hour."""

    start: time = time(7, 30)
    end: time = time(17, 0)
    enforced: bool = True

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("working hours must end after they start")


def _window(d: date, hours: WorkingHours, tz: ZoneInfo) -> tuple[datetime, datetime]:
    return datetime.combine(d, hours.start, tzinfo=tz), datetime.combine(d, hours.end, tzinfo=tz)


def in_window(moment: datetime, *, calendar: WorkCalendar, hours: WorkingHours, tz: ZoneInfo) -> bool:
    """Whether a message may go out at `moment`."""
    if not hours.enforced:
        return True
    local = moment.astimezone(tz)
    start, end = _window(local.date(), hours, tz)
    return calendar.is_working_day(local.date()) and start <= local < end


def next_window_start(moment: datetime, *, calendar: WorkCalendar, hours: WorkingHours, tz: ZoneInfo) -> datetime:
    """`moment` itself when it is inside a window, else the start of the next window."""
    if in_window(moment, calendar=calendar, hours=hours, tz=tz):
        return moment
    local = moment.astimezone(tz)
    d = local.date()
    for _ in range(_SEARCH_DAYS):
        start, _end = _window(d, hours, tz)
        if calendar.is_working_day(d) and start >= local:
            return start
        d += timedelta(days=1)
    return moment  # a calendar with no working day in 40 days: do not invent one


def last_working_moment_before(limit: datetime, *, calendar: WorkCalendar, hours: WorkingHours,
                               tz: ZoneInfo) -> datetime | None:
    """The latest moment inside a window that is still `LAST_MOMENT_MARGIN` before `limit`."""
    local = limit.astimezone(tz)
    d = local.date()
    for _ in range(_SEARCH_DAYS):
        if calendar.is_working_day(d):
            start, end = _window(d, hours, tz)
            latest = min(end, local) - LAST_MOMENT_MARGIN
            if latest >= start:
                return latest
            if local > start:  # the window opens less than the margin before the limit
                return start
        d -= timedelta(days=1)
    return None


def place(moment: datetime, *, not_after: datetime | None, now: datetime | None = None,
          calendar: WorkCalendar, hours: WorkingHours, tz: ZoneInfo) -> datetime:
    """The moment a reminder meant for `moment` actually goes, per the rules above."""
    if not hours.enforced:
        return moment
    placed = next_window_start(moment, calendar=calendar, hours=hours, tz=tz)
    if not_after is not None and placed >= not_after:
        before = last_working_moment_before(not_after, calendar=calendar, hours=hours, tz=tz)
        placed = before if before is not None else moment
    if now is not None and placed < now <= moment:
        placed = now  # moved into the past by the rule: it is urgent, send it now
    return placed


def last_day(exclusive_end: datetime, tz: ZoneInfo) -> date:
    """The last day a period allows: "trước ngày 26/5" (26/5 00:00) allows up to 25/5."""
    local = exclusive_end.astimezone(tz)
    return (local - timedelta(minutes=1)).date() if local.time() == time(0, 0) else local.date()


def working_day_on_or_before(d: date, calendar: WorkCalendar) -> date:
    for _ in range(_SEARCH_DAYS):
        if calendar.is_working_day(d):
            return d
        d -= timedelta(days=1)
    return d


def legal_end(exclusive_end: datetime, calendar: WorkCalendar, tz: ZoneInfo) -> datetime:
    """Civil Code art. 148 cl. 5 on an aware end (WorkCalendar.legal_end works on local wall times)."""
    local = exclusive_end.astimezone(tz).replace(tzinfo=None)
    return calendar.legal_end(local).replace(tzinfo=tz)
