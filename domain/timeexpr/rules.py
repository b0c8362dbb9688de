"""From the tokens of one expression to an answer: ranges, deadlines, windows, instants.

An expression is a run of tokens joined only by punctuation and filler words. Markers before
its first date decide the kind: "trước" (the day itself is too late), "chậm nhất / hạn /
đến hết / không muộn hơn / đến" (the day is included), "từ nay đến" (from now). A "từ … đến",
"… - …" or "… tới …" between two dates makes a range.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from domain.timeexpr import chat
from domain.timeexpr.dates import ONE_DAY, at_midnight
from domain.timeexpr.pieces import Context, Piece, build, clock, settle_years
from domain.timeexpr.result import TimeExpr
from domain.timeexpr.tokens import MARKERS, RELATIVE, Token

INVALID = TimeExpr(kind="unknown", start=None, end=None, warning="impossible date or time")
_RANGE_JOINS = ("to", "dash")


def relative(tok: Token) -> TimeExpr:
    """A span counted from an event the phrase names: the caller resolves it later."""
    g = tok.group
    count, working, sign = {
        "rel_after": ("ra_n", "ra_w", 1),
        "rel_after_by": ("rx_n", "rx_w", 1),
        "rel_before": ("rb_n", "rb_w", -1),
        "rel_before2": ("rc_n", "rc_w", -1),
        "rel_around": ("ro_n", "ro_w", -1 if g("ro_dir") == "truoc" else 1),
        "rel_work": ("rw_n", "", 1),
    }[tok.kind]
    n = sign * chat.count(g(count) or "0")
    working_days = tok.kind == "rel_work" or bool(working and g(working))
    return TimeExpr(
        kind="relative", start=None, end=None, offset_days=n, anchor="event", working_days=working_days
    )


def _is_range_join(tok: Token) -> bool:
    return tok.kind in _RANGE_JOINS or (tok.kind == "by" and (tok.group() or "").startswith("den het"))


def interpret(tokens: list[Token], ctx: Context, orig: str) -> TimeExpr | None:
    """The answer one expression gives, INVALID for an impossible one, None if it says no time."""
    first = next((i for i, t in enumerate(tokens) if t.temporal), None)
    if first is None:
        return None
    head = tokens[first]
    if head.kind in RELATIVE:
        return relative(head)
    lead = [t for t in tokens[:first] if t.kind in MARKERS]
    if head.kind == "within":
        n = chat.count(head.must("wi_n")) * (7 if head.group("wi_u") == "tuan" else 1)
        return TimeExpr(kind="deadline", start=None, end=at_midnight(ctx.today + timedelta(days=n) + ONE_DAY))
    last = max(i for i, t in enumerate(tokens) if t.temporal)
    join = next((i for i in range(first + 1, last) if _is_range_join(tokens[i])), None)
    if join is not None:
        return _range(build(tokens[:join], ctx, orig), build(tokens[join + 1 :], ctx, orig), ctx)
    piece = build(tokens, ctx, orig)
    settle_years(piece, None, ctx)
    if piece.invalid or (piece.span is None and clock(piece) is None):
        # Neither a day nor a time of day came out of it ("năm 2024 chậm nhất 03 ngày"): unknown.
        return INVALID
    kinds = [t.kind for t in lead]
    if "from_now" in kinds and ("to" in kinds or "by" in kinds):
        end = _end_of(piece, ctx)
        if end <= ctx.ref:
            return INVALID
        return _warned(TimeExpr(kind="window", start=ctx.ref, end=end), piece)
    marker = next((k for k in reversed(kinds) if k in ("before", "by", "to")), None)
    if marker == "before":
        return _warned(TimeExpr(kind="deadline", start=None, end=_start_of(piece, ctx)), piece)
    if marker is not None:
        return _warned(TimeExpr(kind="deadline", start=None, end=_end_of(piece, ctx)), piece)
    hm = clock(piece)
    if hm is not None and (piece.span is None or piece.day_like):
        return _warned(TimeExpr(kind="instant", start=_start_of(piece, ctx), end=None), piece)
    assert piece.span is not None
    out = TimeExpr(kind="window", start=at_midnight(piece.span[0]), end=at_midnight(piece.span[1]))
    if hm is not None:
        out = replace(out, warning="a time of day was given for a span longer than a day: ignored")
    return _warned(out, piece)


def _warned(expr: TimeExpr, *pieces: Piece) -> TimeExpr:
    warning = next((p.warning for p in pieces if p.warning), None)
    return replace(expr, warning=warning) if warning and not expr.warning else expr


def _start_of(piece: Piece, ctx: Context) -> datetime:
    hm = clock(piece)
    day = piece.span[0] if piece.span is not None else ctx.today
    if hm is not None and (piece.span is None or piece.day_like):
        return datetime.combine(day, time(*hm))
    return at_midnight(day)


def _end_of(piece: Piece, ctx: Context) -> datetime:
    hm = clock(piece)
    if hm is not None and (piece.span is None or piece.day_like):
        return _start_of(piece, ctx)
    assert piece.span is not None
    return at_midnight(piece.span[1])


def _range(left: Piece, right: Piece, ctx: Context) -> TimeExpr:
    """"từ X đến Y", "X - Y": from the start of X to the end of Y; a bare time takes the day
    of the other end ("từ 7h30 - 9h00, thứ Ba, ngày 09/6/2026")."""
    settle_years(left, right, ctx)
    if left.invalid or right.invalid:
        return INVALID
    if left.span is None and right.span is not None and right.day_like:
        left.span, left.day_like = right.span, True
    if right.span is None and left.span is not None and left.day_like:
        right.span, right.day_like = left.span, True
    start, end = _start_of(left, ctx), _end_of(right, ctx)
    if end <= start:
        return INVALID
    return _warned(TimeExpr(kind="window", start=start, end=end), left, right)
