"""Recurring deadlines: "trước 31/5 hàng năm", "hằng quý, trước ngày 15 của tháng cuối quý",
"chậm nhất là ngày 20/01 năm kế tiếp của năm báo cáo".

A rule is stored with the deadline (as `as_json()`); each occurrence is its own deadline row, and
the one reminded is the next: `next_due(rule, after)` is the first legal end after a moment.
Pure: naive local times (Asia/Ho_Chi_Minh), no clock of its own.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

Every = Literal["year", "quarter", "month"]


@dataclass(frozen=True)
class Recurrence:
    """When a recurring deadline falls.

    `every`: "year" (`month` 1–12), "quarter" (`month` 1–3: the month within each quarter) or
    "month" (`month` None). `day` 1–31, clamped to the month's length (31 in April is the 30th).
    `inclusive`: "chậm nhất ngày X" includes X (the legal end is the day after at 00:00);
    "trước ngày X" does not (the end is X at 00:00), as in the time-expression contract.
    `text` is the rule as written.
    """

    every: Every
    day: int
    month: int | None
    inclusive: bool
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"every": self.every, "day": self.day, "month": self.month, "inclusive": self.inclusive,
                "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Recurrence:
        return cls(data["every"], int(data["day"]), data.get("month"), bool(data["inclusive"]), str(data["text"]))


def _end_on(year: int, month: int, day: int, inclusive: bool) -> datetime:
    last = calendar.monthrange(year, month)[1]
    start = datetime(year, month, min(day, last))
    return start + timedelta(days=1) if inclusive else start


def _months(rule: Recurrence) -> tuple[int, ...]:
    if rule.every == "year":
        return (rule.month or 1,)
    if rule.every == "quarter":
        return tuple(q * 3 + (rule.month or 1) for q in range(4))
    return tuple(range(1, 13))


def occurrences(rule: Recurrence, year: int) -> list[datetime]:
    """Every legal end the rule gives in a calendar year, in order."""
    return [_end_on(year, month, rule.day, rule.inclusive) for month in _months(rule)]


def next_due(rule: Recurrence, after: datetime) -> datetime:
    """The first legal end strictly after `after` (naive local)."""
    for year in (after.year, after.year + 1):
        for end in occurrences(rule, year):
            if end > after:
                return end
    raise AssertionError("a rule falls at least once a year")  # pragma: no cover
