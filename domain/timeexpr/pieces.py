"""One side of an expression ("14h00, thứ Năm ngày 28/5/2026"): its day or span, and its time.

Tokens fill a `Piece`; dates written without a year stay pending (`at`) until the range they
sit in, the document's year or the missing-year rule gives them one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.timeexpr import chat
from domain.timeexpr.dates import Span, pick_year, year_span
from domain.timeexpr.tokens import Token
from domain.timeexpr.written import At, written_date

_WEEKDAY_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


@dataclass(slots=True)
class Context:
    """What a parse is relative to: now (minute precision) and the document's year, if known."""

    ref: datetime
    today: date
    year: int | None


@dataclass(slots=True)
class Piece:
    """What one side of a range says. `span` is set once the year is known."""

    at: At | None = None  # a written date, waiting for its year
    year: int | None = None  # the year written with it, if any
    span: Span | None = None
    day_like: bool = False  # a single day, so a time of day can attach to it
    time: tuple[int, int] | None = None  # as written, before sáng/chiều/tối
    pd: str | None = None  # part of day: sang, trua, chieu, toi, dem
    weekday: int | None = None  # said beside a date: checked against it
    invalid: bool = False
    warning: str | None = None


def _chat_span(tok: Token, ctx: Context) -> tuple[Span | None, bool] | None:
    """A day or period counted from today: (span, is one day)."""
    g, must = tok.group, tok.must
    k = tok.kind
    if k == "relday":
        word = g("rd_w1") or must("rd_w2")
        return chat.day_after(ctx.today, chat.DAY_OFFSETS[word]), True
    if k == "mai":
        return chat.day_after(ctx.today, 1), True
    if k == "weekday":
        name = g("wd_name") or must("wd_short")
        mod = g("wd_mod")
        said_week = "tuan" in (tok.group() or "")
        return chat.weekday_span(ctx.today, chat.weekday_name(name), mod, said_week), True
    if k == "relperiod":
        return chat.period_span(ctx.today, must("rp_unit"), must("rp_mod")), False
    if k == "nextyear":
        return year_span(ctx.today.year + 1), False
    if k == "ndays":
        n = chat.count(g("nd_a") or must("nd_b")) * (7 if (g("nd_au") or g("nd_bu")) == "tuan" else 1)
        return chat.day_after(ctx.today, -n if g("nd_dir") == "truoc" else n), True
    return None


def _year_hint(tok: Token, today: date) -> int | None:
    """The year a token names on its own: "năm 2026", "năm nay", "sang năm"."""
    if tok.kind == "year":
        return int(tok.must("y_y"))
    if tok.kind == "relperiod" and tok.group("rp_unit") == "nam":
        return today.year + chat.STEPS[tok.must("rp_mod")]
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
        dated = written_date(tok, ctx.today)
        if dated is not None:
            if piece.at is None:
                piece.at, piece.year, piece.day_like = dated
            continue
        counted = _chat_span(tok, ctx)
        if counted is None:
            continue
        said.append((tok.kind, *counted))
        if tok.kind == "weekday":
            piece.weekday = chat.weekday_name(tok.group("wd_name") or tok.must("wd_short"))
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
    g, must = tok.group, tok.must
    if tok.kind == "iso":  # only one written with its time comes here
        hour, minute, pd = int(must("iso_h")), int(must("iso_mi")), None
    else:
        hour, minute, pd = int(must("t_h")), int(g("t_m") or g("t_m2") or 0), g("t_pd")
        if pd == "toi":
            a, b = tok.m.span("t_pd")
            if orig[a:b].lower() == "tới":  # "8h tới …" is "from 8h to …", not 8 p.m.
                pd = None
    if hour > 23 or minute > 59:
        piece.invalid = True
        return
    if (piece.pd or pd) == "dem" and hour in (0, 12):
        # "12 giờ đêm ngày 25/5" is midnight, but people mean both the start and the end of
        # the 25th by it: a deadline one day off is worse than "không hiểu".
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
