"""When a meeting starts and when its registration closes, read from words (or ISO).

A cutoff written as a bare day ("26/5/2026") keeps that whole day open; "trước ngày 26/5"
closes at its first minute, as the time-expression contract says for deadlines.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput
from domain.timeexpr import TimeExpr, parse_time


def start_of(expr: TimeExpr) -> datetime | None:
    """The start of an instant or a span; None for anything else (a deadline has no start)."""
    return expr.start if expr.kind in ("instant", "window") else None


def cutoff_of(expr: TimeExpr) -> datetime | None:
    """The first moment registration is closed: a deadline's or a span's end, an instant itself."""
    if expr.kind in ("deadline", "window"):
        return expr.end
    return expr.start if expr.kind == "instant" else None


def read_moment(text: str, *, now: datetime, tz: ZoneInfo, edge: str) -> datetime:
    """An aware moment: ISO as given, else words read at `now`; `edge` is "start" or "cutoff".

    Text that gives no such moment raises InvalidInput("time_text"): never a guessed date.
    """
    try:
        value = datetime.fromisoformat(text)
        return value if value.tzinfo else value.replace(tzinfo=tz)
    except ValueError:
        pass
    expr = parse_time(text, now.astimezone(tz).replace(tzinfo=None))
    found = start_of(expr) if edge == "start" else cutoff_of(expr)
    if found is None:
        raise InvalidInput("time_text", text=text, hint="not a date I can read")
    return found.replace(tzinfo=tz)
