"""When a deadline made by hand falls, read from the words an organiser typed.

"trước ngày 15/12/2026" is due at the first minute of the 15th (the day itself is too late);
"chậm nhất ngày 15/12/2026", "ngày 15/12/2026", "thứ sáu tuần sau" or "tháng 12/2026" leave the
whole day or period (due at the first minute after it); "17h00 ngày 15/12/2026" is that minute.
Words that place no deadline ("thường xuyên", "sau khi họp", nonsense) are refused, never
guessed, and so is a due moment already past: a deadline nobody can meet is a typo (most
often the year), and reminders for it would never go out. Pure: naive local times.

A recurring deadline (`--every`) is the due date's day (and month) every year, quarter or month;
a time of day cannot recur (the rule falls at the start of a day), so it is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal

from domain.errors import InvalidInput
from domain.recurrence import Every, Recurrence
from domain.timeexpr import parse_time

EVERY: tuple[Every, ...] = ("year", "quarter", "month")
EVERY_WORDS: dict[str, str] = {"year": "hằng năm", "quarter": "hằng quý", "month": "hằng tháng"}


@dataclass(frozen=True)
class Due:
    """The exclusive end by which the work is due (naive local), and how it was read."""

    at: datetime
    how: Literal["before", "through", "at"]  # before the day; through the day or period; at a minute


def read_due(text: str, now: datetime) -> Due:
    """The due moment the words give at `now` (naive local); InvalidInput when they give none.

    Codes: "due_empty", "due_unplaced" (words of a kind with no date: ongoing, on request, after an
    event), "due_unreadable", "due_past" (with `day`, the date read)."""
    if not text.strip():
        raise InvalidInput("due_empty")
    expr = parse_time(text, now)
    if expr.kind in ("ongoing", "on_demand", "relative"):
        raise InvalidInput("due_unplaced", text=text)
    if expr.kind == "deadline" and expr.end is not None:
        due = Due(expr.end, "at" if expr.end.time() != time(0, 0) else
                  "before" if _says_before(text) else "through")
    elif expr.kind == "window" and expr.end is not None:
        due = Due(expr.end, "through")
    elif expr.kind == "instant" and expr.start is not None:
        due = Due(expr.start, "at")
    else:
        raise InvalidInput("due_unreadable", text=text)
    if due.at <= now:
        last = due.at - timedelta(minutes=1) if due.at.time() == time(0, 0) else due.at
        raise InvalidInput("due_past", text=text, day=f"{last:%d/%m/%Y}")
    return due


def _says_before(text: str) -> bool:
    """"trước (ngày) X": the day X is excluded (the parser's end is X itself at 00:00)."""
    from domain.text import fold

    return "truoc" in fold(text).split()


def recurrence_for(every: str, due: Due, text: str) -> Recurrence:
    """The rule that repeats `due` every year, quarter or month, written as the words plus how often."""
    if every not in EVERY:
        raise InvalidInput("due_every", every=every)
    if due.how == "at":
        raise InvalidInput("due_every_time", text=text)
    inclusive = due.how == "through"
    day = due.at - timedelta(days=1) if inclusive else due.at
    month = day.month if every == "year" else (day.month - 1) % 3 + 1 if every == "quarter" else None
    return Recurrence(EVERY[EVERY.index(every)], day.day, month, inclusive, f"{text.strip()}, {EVERY_WORDS[every]}")
