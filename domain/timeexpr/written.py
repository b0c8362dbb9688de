"""Dates and periods written out ("28/5/2026", "ngày 8-10 tháng 12", "Quý III, IV/2026", "cuối
tháng 8", "6 tháng đầu năm"), each as a function from a year to its span.

A date may be written without its year; the function lets the caller try the year the range,
the document or the missing-year rule gives. An impossible one gives None for every year.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from domain.timeexpr import chat
from domain.timeexpr.dates import (
    Span,
    boundary_of_month,
    boundary_of_year,
    day_span,
    month_span,
    months_span,
    quarter_span,
    safe_date,
    year_span,
)
from domain.timeexpr.patterns import NUMBER_WORDS, ROMAN
from domain.timeexpr.tokens import Token

At = Callable[[int], Span | None]
_SPLIT_DAYS = ("ngay", "va", "den", "toi", ",", "-", "–")


def _one_day(month: int, day: int) -> At:
    return lambda year: _day_or_none(safe_date(year, month, day))


def _day_or_none(d: date | None) -> Span | None:
    return day_span(d) if d is not None else None


def _days(y: int, m: int, first: int, last: int) -> Span | None:
    a, b = safe_date(y, m, first), safe_date(y, m, last)
    if a is None or b is None or b < a:
        return None
    return a, day_span(b)[1]


def _years(first: int, last: int) -> Span | None:
    a, b = year_span(first), year_span(last)
    if a is None or b is None or last < first:
        return None
    return a[0], b[1]


def _year_of(m: Token, group: str, rel_group: str | None, today: date) -> int | None:
    written = m.group(group)
    if written:
        return int(written)
    relative = m.group(rel_group) if rel_group else None
    if relative:
        return today.year + chat.STEPS[relative]
    return None


def _quarters(text: str) -> tuple[int, int] | None:
    nums = []
    for word in text.replace(",", " ").replace("-", " ").replace("–", " ").split():
        if word in ("va", "den", "toi", "quy"):
            continue
        nums.append(int(word) if word.isdigit() else ROMAN.get(word, 0))
    if not nums or any(not 1 <= n <= 4 for n in nums):
        return None
    return min(nums), max(nums)


def written_date(tok: Token, today: date) -> tuple[At, int | None, bool] | None:
    """A written date or period: (span for a year, the year written if any, is one day).

    `must` reads a group the kind's pattern always has; `group` one it may leave out."""
    g, must = tok.group, tok.must
    k = tok.kind
    if k == "iso":
        return _one_day(int(must("iso_m")), int(must("iso_d"))), int(must("iso_y")), True
    if k == "dmy":
        y = int(must("d_y"))
        return _one_day(int(must("d_m")), int(must("d_d"))), (y + 2000 if y < 100 else y), True
    if k == "dm":
        return _one_day(int(must("e_m")), int(must("e_d"))), None, True
    if k == "dwords":
        w_y = g("w_y")
        return _one_day(int(must("w_m")), int(must("w_d"))), int(w_y) if w_y else None, True
    if k == "daylist":
        days = [int(w) for w in _split_days(must("dl_days"))]
        m = int(g("dl_m1") or must("dl_m2"))  # "8-10/12" or "8-10 tháng 12": one of the two
        dl_y = g("dl_y1") or g("dl_y2")
        first_day, last_day = days[0], days[-1]
        return (lambda year: _days(year, m, first_day, last_day)), int(dl_y) if dl_y else None, first_day == last_day
    if k == "boundary":
        which = must("b_which")
        b_m, b_my, b_mrel = g("b_m"), g("b_my"), g("b_mrel")
        if b_m:
            month = int(b_m)
            return (lambda year: _day_or_none(boundary_of_month(year, month, which))), int(b_my) if b_my else None, True
        if b_mrel:  # "cuối tháng sau"
            first_of = (chat.period_span(today, "thang", b_mrel) or (today, today))[0]
            return (lambda year: _day_or_none(boundary_of_month(year, first_of.month, which))), first_of.year, True
        year_said = _year_of(tok, "b_y", "b_yrel", today)
        return (lambda year: _day_or_none(boundary_of_year(year, which))), year_said, True
    if k == "half":
        word = g("h_n")
        n = 6 if word is None else (int(word) if word.isdigit() else NUMBER_WORDS[word])
        first_month, last_month = (1, n) if g("h_which") == "dau" else (13 - n, 12)
        return ((lambda year: months_span(year, first_month, last_month)), _year_of(tok, "h_y", "h_rel", today),
                False)
    if k == "quarter":
        qs = _quarters(must("q_list"))
        if qs is None:
            return (lambda year: None), None, False
        q_y = g("q_y")
        return (lambda year: quarter_span(year, qs[0], qs[1])), int(q_y) if q_y else None, False
    if k == "month":
        month = int(must("mo_m"))
        mo_y = g("mo_y")
        return (lambda year: month_span(year, month)), int(mo_y) if mo_y else None, False
    if k == "years":
        first_year, last_year = int(must("ys_a")), int(must("ys_b"))
        return (lambda year: _years(first_year, last_year)), first_year, False
    if k == "year":
        return year_span, int(must("y_y")), False
    return None


def _split_days(text: str) -> list[str]:
    for sep in _SPLIT_DAYS:
        text = text.replace(sep, " ")
    return text.split()
