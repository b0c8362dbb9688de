"""Free-form chat the rules do not cover ("May 28", "tomorrow 3pm"), read by dateparser.

Imported only when needed: dateparser costs a few hundred milliseconds to load. Its answer
is checked before it is returned: the text must hold a date-like number or an English date
word, the result must be a real date in our years, and a date written without a year gets
the contract's missing-year rule rather than dateparser's guess.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from domain.timeexpr.dates import MAX_YEAR, MIN_YEAR, Span, at_midnight, day_span, pick_year, safe_date
from domain.timeexpr.patterns import FALLBACK_GATE, TIME_WORDS
from domain.timeexpr.result import TimeExpr

_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
# Words that make dateparser count from ref: its date then needs no missing-year rule.
_COUNTED = re.compile(r"\b(?:today|tomorrow|yesterday|tonight|ago|next|last|this|in|days?|weeks?)\b", re.I)
_SETTINGS: dict[str, Any] = {
    "PREFER_DATES_FROM": "future",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month"],
    "DATE_ORDER": "DMY",
    "PREFER_LOCALE_DATE_ORDER": False,
}


def _masked(orig: str, folded: str) -> str:
    """The original text with cited documents blanked (the fold has them as spaces)."""
    return "".join(" " if f == " " else o for o, f in zip(orig, folded, strict=True))


def fallback(orig: str, folded: str, ref: datetime, year: int | None) -> TimeExpr | None:
    """dateparser's reading of the text, or None when it has none we can trust."""
    text = _masked(orig, folded).strip()
    if not text or len(text) > 200 or not FALLBACK_GATE.search(text):
        return None
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["vi", "en"], settings={**_SETTINGS, "RELATIVE_BASE": ref})
    try:
        found = parser.get_date_data(text).date_obj
    except (ValueError, OverflowError, TypeError):
        return None
    if found is None or not (MIN_YEAR <= found.year <= MAX_YEAR):
        return None
    day = found.date()
    if not _YEAR.search(text) and not _COUNTED.search(text):
        span = pick_year(lambda y: _day(y, day.month, day.day), ref.date(), year)
        if span is None:
            return None
        day = span[0]
    if TIME_WORDS.search(text):
        start = datetime.combine(day, time(found.hour, found.minute))
        return TimeExpr(kind="instant", start=start, end=None, matched=text, warning="read by dateparser")
    first, after = day_span(day)
    return TimeExpr(kind="window", start=at_midnight(first), end=at_midnight(after), matched=text,
                    warning="read by dateparser")


def _day(year: int, month: int, dom: int) -> Span | None:
    d = safe_date(year, month, dom)
    return day_span(d) if d is not None else None
