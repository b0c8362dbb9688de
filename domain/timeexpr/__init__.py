"""Vietnamese time expressions: "14h00, thứ Năm ngày 28/5/2026", "Quý III, IV/2026",
"trước ngày 26/5/2026", "Thường xuyên", "9h sáng mai".

One parser for the document importer, the conversations and the reminders; the contract is
shared/specs/time-expressions.md. Administrative forms are read by our own rules; dateparser
is only a checked fallback for free-form chat. Unknown is an answer; a guess is not.
"""

from __future__ import annotations

from datetime import datetime

from domain.timeexpr.parser import parse_strict
from domain.timeexpr.relative import resolve_relative
from domain.timeexpr.result import KINDS, UNKNOWN, TimeExpr

__all__ = ["KINDS", "UNKNOWN", "TimeExpr", "parse_time", "resolve_relative"]


def parse_time(text: str, ref: datetime, year: int | None = None) -> TimeExpr:
    """Read the time expression in `text` as seen at `ref` ("now", local or tz-aware).

    `year` is the year of the document the text comes from, used for dates written without
    one. Never raises for a string: a parser bug yields "unknown" (with a warning), which the
    property tests look for through `parse_strict`.
    """
    if not isinstance(text, str):
        return UNKNOWN
    try:
        return parse_strict(text, ref, year)
    except Exception as exc:  # the safety net: unknown is an answer, a traceback to a commune is not
        return TimeExpr(kind="unknown", start=None, end=None, warning=f"parser error: {type(exc).__name__}")
