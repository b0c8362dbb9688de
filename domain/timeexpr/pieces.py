"""One side of an expression ("14h00, thứ Năm ngày 28/5/2026"): its day or span, and its time.

Tokens fill a `Piece`; dates written without a year stay pending (`at`) until the range they
sit in, the document's year or the missing-year rule gives them one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from domain.timeexpr import chat
from domain.timeexpr.dates import (
    Span,
    boundary_of_month,
    boundary_of_year,
    day_span,
    month_span,
    months_span,
    pick_year,
    quarter_span,
    safe_date,
    year_span,
)
from domain.timeexpr.patterns import NUMBER_WORDS, ROMAN
from domain.timeexpr.tokens import Token

At = Callable[[int], Span | None]
_SPLIT_DAYS = ("ngay", "va", "den", "toi", ",", "-", "–")
_WEEKDAY_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


@dataclass(slots=True)
class Context:
    ref: datetime
    today: date
    year: int | None


@dataclass(slots=True)
class Piece:
    """What one side of a range says. `span` is set once the year is known."""

    at: At | None = None
    year: int | None = None
    span: Span | None = None
    day_like: bool = False
    time: tuple[int, int] | None = None
    pd: str | None = None
    weekday: int | None = None
    invalid: bool = False
    warning: str | None = None


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
    if m.group(group):
        return int(m.group(group))
    if rel_group and m.group(rel_group):
        return today.year + chat.STEPS[m.group(rel_group)]
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


def _date_token(tok: Token, ctx: Context) -> tuple[At, int | None, bool] | None:
    """A written date or period: (span for a year, the year written if any, is one day)."""
    g = tok.group
    k = tok.kind
    if k == "iso":
        return _one_day(int(g("iso_m")), int(g("iso_d"))), int(g("iso_y")), True
    if k == "dmy":
        y = int(g("d_y"))
        return _one_day(int(g("d_m")), int(g("d_d"))), (y + 2000 if y < 100 else y), True
    if k == "dm":
        return _one_day(int(g("e_m")), int(g("e_d"))), None, True
    if k == "dwords":
        y = g("w_y")
        return _one_day(int(g("w_m")), int(g("w_d"))), int(y) if y else None, True
    if k == "daylist":
        days = [int(w) for w in _split_days(g("dl_days"))]
        m = int(g("dl_m1") or g("dl_m2"))
        y = g("dl_y1") or g("dl_y2")
        first, last = days[0], days[-1]
        return (lambda year: _days(year, m, first, last)), int(y) if y else None, first == last
    if k == "boundary":
        which = g("b_which")
        if g("b_m"):
            month = int(g("b_m"))
            y = int(g("b_my")) if g("b_my") else None
            return (lambda year: _day_or_none(boundary_of_month(year, month, which))), y, True
        if g("b_mrel"):  # "cuối tháng sau"
            month_of = chat.period_span(ctx.today, "thang", g("b_mrel")) or (ctx.today, ctx.today)
            first = month_of[0]
            return (lambda year: _day_or_none(boundary_of_month(year, first.month, which))), first.year, True
        year_said = _year_of(tok, "b_y", "b_yrel", ctx.today)
        return (lambda year: _day_or_none(boundary_of_year(year, which))), year_said, True
    if k == "half":
        word = g("h_n")
        n = 6 if word is None else (int(word) if word.isdigit() else NUMBER_WORDS[word])
        first, last = (1, n) if g("h_which") == "dau" else (13 - n, 12)
        return (lambda year: months_span(year, first, last)), _year_of(tok, "h_y", "h_rel", ctx.today), False
    if k == "quarter":
        qs = _quarters(g("q_list"))
        if qs is None:
            return (lambda year: None), None, False
        return (lambda year: quarter_span(year, qs[0], qs[1])), int(g("q_y")) if g("q_y") else None, False
    if k == "month":
        month = int(g("mo_m"))
        return (lambda year: month_span(year, month)), int(g("mo_y")) if g("mo_y") else None, False
    if k == "years":
        first, last = int(g("ys_a")), int(g("ys_b"))
        return (lambda year: _years(first, last)), first, False
    if k == "year":
        return year_span, int(g("y_y")), False
    return None


def _split_days(text: str) -> list[str]:
    for sep in _SPLIT_DAYS:
        text = text.replace(sep, " ")
    return text.split()


def _chat_span(tok: Token, ctx: Context) -> tuple[Span | None, bool] | None:
    """A day or period counted from today: (span, is one day)."""
    g = tok.group
    k = tok.kind
    if k == "relday":
        word = g("rd_w1") or g("rd_w2")
        return chat.day_after(ctx.today, chat.DAY_OFFSETS[word]), True
    if k == "mai":
        return chat.day_after(ctx.today, 1), True
    if k == "weekday":
        name = g("wd_name") or g("wd_short")
        mod = g("wd_mod")
        said_week = "tuan" in (tok.group() or "")
        return chat.weekday_span(ctx.today, chat.weekday_name(name), mod, said_week), True
    if k == "relperiod":
        return chat.period_span(ctx.today, g("rp_unit"), g("rp_mod")), False
    if k == "nextyear":
        return year_span(ctx.today.year + 1), False
    if k == "ndays":
        n = chat.count(g("nd_a") or g("nd_b")) * (7 if (g("nd_au") or g("nd_bu")) == "tuan" else 1)
        return chat.day_after(ctx.today, -n if g("nd_dir") == "truoc" else n), True
    return None


def _year_hint(tok: Token, today: date) -> int | None:
    """The year a token names on its own: "năm 2026", "năm nay", "sang năm"."""
    if tok.kind == "year":
        return int(tok.group("y_y"))
    if tok.kind == "relperiod" and tok.group("rp_unit") == "nam":
        return today.year + chat.STEPS[tok.group("rp_mod")]
    if tok.kind == "nextyear":
        return today.year + 1
    return None


def build(tokens: list[Token], ctx: Context, orig: str) -> Piece:
    """Fill a piece from its tokens. A written date wins over a day counted from today; a
    year said apart ("quý 1 năm nay") completes the date; a weekday said beside a date is only
    checked against it (the date wins)."""
    piece = Piece()
    said: list[tuple[str, Span | None, bool]] = []
    hints = [(tok, _year_hint(tok, ctx.today)) for tok in tokens]
    anchors = sum(1 for tok, hint in hints if tok.temporal and tok.kind != "time" and hint is None)
    year_hint: int | None = None
    for tok, hint in hints:
        if tok.kind == "time" or (tok.kind == "iso" and tok.group("iso_h")):
            _add_time(piece, tok, orig)
        elif tok.kind == "pd":
            piece.pd = piece.pd or tok.group("pd_w") or "toi"
        if hint is not None and anchors:
            year_hint = year_hint if year_hint is not None else hint
            continue
        dated = _date_token(tok, ctx)
        if dated is not None:
            if piece.at is None:
                piece.at, piece.year, piece.day_like = dated
            continue
        counted = _chat_span(tok, ctx)
        if counted is None:
            continue
        said.append((tok.kind, *counted))
        if tok.kind == "weekday":
            piece.weekday = chat.weekday_name(tok.group("wd_name") or tok.group("wd_short"))
        if tok.kind == "relday" and tok.group("rd_pd"):
            piece.pd = piece.pd or tok.group("rd_pd")
    if piece.at is not None and piece.year is None:
        piece.year = year_hint
    if piece.at is None and said:
        kind, piece.span, piece.day_like = next((s for s in said if s[0] != "weekday"), said[0])
        piece.invalid = piece.span is None
        if kind == "weekday":
            piece.weekday = None  # the weekday is the anchor: nothing to check it against
    return piece


def _add_time(piece: Piece, tok: Token, orig: str) -> None:
    if piece.time is not None:
        return
    g = tok.group
    if tok.kind == "iso":
        hour, minute, pd = int(g("iso_h")), int(g("iso_mi")), None
    else:
        hour, minute, pd = int(g("t_h")), int(g("t_m") or g("t_m2") or 0), g("t_pd")
        if pd == "toi":
            a, b = tok.m.span("t_pd")
            if orig[a:b].lower() == "tới":  # "8h tới …" is "from 8h to …", not 8 p.m.
                pd = None
    if hour > 23 or minute > 59:
        piece.invalid = True
        return
    piece.time = (hour, minute)
    piece.pd = piece.pd or pd


def clock(piece: Piece) -> tuple[int, int] | None:
    """The time of day with sáng/trưa/chiều/tối applied: "2 giờ chiều" is 14:00."""
    if piece.time is None:
        return None
    hour, minute = piece.time
    pd = piece.pd
    if (pd in ("chieu", "toi") and 1 <= hour <= 11) or (pd == "trua" and 1 <= hour <= 4) or (
        pd == "dem" and 7 <= hour <= 11
    ):
        hour += 12
    return hour, minute


def _resolve(piece: Piece, ctx: Context, year: int | None) -> None:
    if piece.span is not None or piece.at is None:
        return
    y = piece.year if piece.year is not None else year
    piece.span = piece.at(y) if y is not None else pick_year(piece.at, ctx.today, ctx.year)
    if piece.span is None:
        piece.invalid = True


def settle_years(left: Piece, right: Piece | None, ctx: Context) -> None:
    """Give pending dates a year. Written beats the other end's (in "14/9 - 19/9/2026" the
    year written once at the end applies to both), which beats the document's, then the rule."""
    if right is not None and left.at is not None and right.at is not None:
        if left.year is None and right.year is not None:
            _resolve(right, ctx, None)
            _resolve(left, ctx, right.year)
            if left.span and right.span and left.span[0] > right.span[0]:
                left.span = left.at(right.year - 1)
        elif right.year is None:
            _resolve(left, ctx, None)
            if left.span is not None:
                y = left.span[0].year
                right.span = right.at(y)
                if right.span is not None and right.span[0] < left.span[0]:
                    right.span = right.at(y + 1)
                right.invalid = right.invalid or right.span is None
    for piece in (left, right):
        if piece is None:
            continue
        _resolve(piece, ctx, None)
        if piece.invalid or piece.span is None or piece.weekday is None or not piece.day_like:
            continue
        if piece.span[0].weekday() != piece.weekday:
            day = piece.span[0]
            piece.warning = (
                f"weekday disagrees with the date: {day:%d/%m/%Y} is {_WEEKDAY_VI[day.weekday()]}, "
                f"not {_WEEKDAY_VI[piece.weekday]}; the date wins"
            )
