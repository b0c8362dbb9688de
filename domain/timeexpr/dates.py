"""Calendar arithmetic on plain dates: spans, quarters, and the missing-year rule.

A span is a pair of dates `(first, after_last)`: the exclusive end the contract uses.
Anything impossible (31/4, Quý V, month 13) comes back as None, never as a nearby date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

Span = tuple[date, date]
ONE_DAY = timedelta(days=1)
# Years we accept: wide enough for any plan or archive, narrow enough that +1 never overflows.
MIN_YEAR, MAX_YEAR = 1900, 2200


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (29/2/2027) or lies outside our years."""
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_start(year: int, month: int) -> date:
    """First day of a month; month may run past 12 or below 1 (it carries into the year)."""
    year += (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def day_span(d: date) -> Span:
    return d, d + ONE_DAY


def month_span(year: int, month: int) -> Span | None:
    if not (1 <= month <= 12 and MIN_YEAR <= year <= MAX_YEAR):
        return None
    return month_start(year, month), month_start(year, month + 1)


def months_span(year: int, first: int, last: int) -> Span | None:
    """Months first..last of one year (quarters, halves, "9 tháng đầu năm")."""
    if not (1 <= first <= last <= 12 and MIN_YEAR <= year <= MAX_YEAR):
        return None
    return month_start(year, first), month_start(year, last + 1)


def quarter_span(year: int, first: int, last: int) -> Span | None:
    if not (1 <= first <= last <= 4):
        return None
    return months_span(year, 3 * first - 2, 3 * last)


def year_span(year: int) -> Span | None:
    return months_span(year, 1, 12)


def boundary_of_month(year: int, month: int, which: str) -> date | None:
    """đầu / giữa / cuối tháng: the 1st, the 15th, the last day (Civil Code 2015, Art. 146)."""
    span = month_span(year, month)
    if span is None:
        return None
    if which == "dau":
        return span[0]
    if which == "giua":
        return span[0].replace(day=15)
    return span[1] - ONE_DAY


def boundary_of_year(year: int, which: str) -> date | None:
    """đầu / giữa / cuối năm: 1 January, 30 June, 31 December (Civil Code 2015, Art. 146)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return {"dau": date(year, 1, 1), "giua": date(year, 6, 30)}.get(which, date(year, 12, 31))


def week_start(d: date) -> date:
    """Monday of d's week: weeks start on Monday."""
    return d - timedelta(days=d.weekday())


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def pick_year(at: Callable[[int], Span | None], ref: date, year: int | None) -> Span | None:
    """The contract's missing-year rule for something written without a year.

    The document's `year` when given; otherwise the first year from ref's on which the thing
    ends on or after ref's date ("28/5" read on 20/11/2026 is 28/5/2027). Looks eight years
    ahead so that 29/2 finds its leap year; None when no year makes it a real date.
    """
    if year is not None:
        return at(year)
    for candidate in range(ref.year, ref.year + 9):
        span = at(candidate)
        if span is not None and span[1] > ref:
            return span
    return None


def at_midnight(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)
