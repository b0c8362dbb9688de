"""Forms counted from "now" (`ref`): hôm nay, ngày mai, thứ sáu tuần sau, tuần tới, quý này…

Chat users write these; documents rarely do. Each function turns one token into a span of
dates, already resolved (these forms never lack a year).
"""

from __future__ import annotations

from datetime import date, timedelta

from domain.timeexpr.dates import (
    Span,
    day_span,
    month_span,
    month_start,
    quarter_of,
    quarter_span,
    week_start,
    year_span,
)
from domain.timeexpr.patterns import NUMBER_WORDS

DAY_OFFSETS = {
    "hom nay": 0, "bua nay": 0, "ngay hom nay": 0, "nay": 0,
    "ngay mai": 1, "mai": 1,
    "ngay kia": 2, "ngay mot": 2, "kia": 2,
    "hom qua": -1, "bua qua": -1, "ngay hom qua": -1, "qua": -1,
    "hom kia": -2,
}
WEEKDAYS = {
    "hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5,
    "2": 0, "3": 1, "4": 2, "5": 3, "6": 4, "7": 5, "nhat": 6, "cn": 6,
}
# How far a modifier moves a period: "nay" this one, "sau"/"tới" the next, "trước"/"ngoái" the last.
STEPS = {"nay": 0, "sau": 1, "toi": 1, "sau nua": 2, "truoc": -1, "ngoai": -1}


def count(word: str) -> int:
    """A day count written in digits or words ("03", "ba", "hai muoi")."""
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def day_after(today: date, offset: int) -> Span:
    return day_span(today + timedelta(days=offset))


def weekday_name(name: str) -> int:
    """thứ hai … chủ nhật, thứ 2 … thứ 7, T2 … T7, CN → 0 (Monday) … 6 (Sunday)."""
    last = name.split()[-1]
    if last.startswith("t") and last[1:].isdigit():
        last = last[1:]
    return WEEKDAYS[last]


def weekday_span(today: date, weekday: int, mod: str | None, said_week: bool) -> Span:
    """A weekday alone is the next such day on or after today; "tuần sau" moves to next week's.

    "thứ sáu tới" is the next Friday after today; "thứ sáu này"/"tuần này" is this week's.
    """
    if mod is None or (mod == "nay" and not said_week):
        return day_span(today + timedelta(days=(weekday - today.weekday()) % 7))
    if mod == "toi" and not said_week:
        return day_span(today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1))
    monday = week_start(today) + timedelta(weeks=STEPS[mod])
    return day_span(monday + timedelta(days=weekday))


def period_span(today: date, unit: str, mod: str) -> Span | None:
    """tuần / tháng / quý / năm + này / sau / tới / trước / ngoái."""
    step = STEPS[mod]
    if unit == "tuan":
        monday = week_start(today) + timedelta(weeks=step)
        return monday, monday + timedelta(weeks=1)
    if unit == "thang":
        first = month_start(today.year, today.month + step)
        return month_span(first.year, first.month)
    if unit == "quy":
        first = month_start(today.year, 3 * (quarter_of(today.month) + step) - 2)
        q = quarter_of(first.month)
        return quarter_span(first.year, q, q)
    return year_span(today.year + step)
