"""The parser's front: normalise the inputs, scan, pick the expression, fall back if needed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from domain.timeexpr.dates import MAX_YEAR, MIN_YEAR
from domain.timeexpr.folding import prepare
from domain.timeexpr.patterns import ON_DEMAND, ONGOING, SENTENCE_BREAK, THUONG_XUYEN
from domain.timeexpr.pieces import Context
from domain.timeexpr.result import UNKNOWN, TimeExpr
from domain.timeexpr.rules import INVALID, interpret
from domain.timeexpr.tokens import Token, glued, mask_cited, scan

LOCAL = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")  # UTC+7, no daylight saving since 1975
_MAX_EVENT_GAP = 120  # characters between "… sau khi diễn ra buổi làm việc" and its date


def local_ref(ref: datetime) -> datetime:
    """Naive local wall time at minute precision; an aware ref is converted first."""
    if ref.tzinfo is not None and ref.utcoffset() is not None:
        ref = ref.astimezone(LOCAL).replace(tzinfo=None)
    return ref.replace(second=0, microsecond=0, tzinfo=None)


def clusters(tokens: list[Token], folded: str) -> list[list[Token]]:
    """Runs of tokens joined only by punctuation and filler words: one expression each."""
    runs: list[list[Token]] = []
    for tok in tokens:
        if runs and glued(folded, runs[-1][-1], tok):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _weak(run: list[Token], folded: str) -> bool:
    """A lone "1/2" without "ngày" may be a fraction: read it only when it is all the text."""
    if any(t.kind != "dm" or t.group("e_ngay") for t in run):
        return False
    return bool(folded[: run[0].start].strip(" ,.:;()") or folded[run[-1].end :].strip(" ,.:;()"))


def parse_strict(text: str, ref: datetime, year: int | None = None) -> TimeExpr:
    """`parse_time` without the safety net, so that tests see any exception."""
    ref = local_ref(ref)
    if not text or not (MIN_YEAR <= ref.year <= MAX_YEAR):
        return UNKNOWN
    orig, folded = prepare(text)
    folded = mask_cited(folded)
    ctx = Context(ref=ref, today=ref.date(), year=year)
    runs = clusters(scan(orig, folded), folded)
    for i, run in enumerate(runs):
        if _weak(run, folded):
            continue
        answer = interpret(run, ctx, orig)
        if answer is None:
            continue
        matched = orig[run[0].start : run[-1].end]
        if answer is INVALID:
            return replace(INVALID, matched=matched)
        if answer.kind == "relative":
            return _with_event(answer, run, runs[i + 1 :], ctx, orig, folded, matched)
        return replace(answer, matched=matched)
    kind = _standing_kind(folded)
    if kind is not None:
        return TimeExpr(kind=kind, start=None, end=None)
    from domain.timeexpr.fallback import fallback

    return fallback(orig, folded, ref, year) or UNKNOWN


def _standing_kind(folded: str) -> str | None:
    """"Thường xuyên" → ongoing; "theo yêu cầu", "khi có yêu cầu" → on_demand."""
    if any(not m.group().startswith("chi") for m in THUONG_XUYEN.finditer(folded)):
        return "ongoing"
    if ON_DEMAND.search(folded):
        return "on_demand"
    if any(not m.group().startswith("chi") for m in ONGOING.finditer(folded)):
        return "ongoing"
    return None


def _with_event(
    expr: TimeExpr, run: list[Token], later: list[list[Token]], ctx: Context, orig: str, folded: str,
    matched: str,
) -> TimeExpr:
    """When the event's own date follows ("… sau khi diễn ra buổi làm việc ngày 24/4/2026"),
    count from it now; otherwise leave the relative for the caller."""
    rest = run[1:]
    if not any(t.temporal for t in rest) and later:
        gap = folded[run[-1].end : later[0][0].start]
        if len(gap) <= _MAX_EVENT_GAP and not SENTENCE_BREAK.search(gap):
            rest = later[0]
    event = interpret(rest, ctx, orig) if rest else None
    if event is not None and event.kind in ("instant", "window") and event.start is not None and (
        event.end is None or event.end - event.start <= timedelta(days=1)
    ):
        from domain.timeexpr.relative import resolve_relative

        return replace(resolve_relative(expr, event.start), matched=orig[run[0].start : rest[-1].end])
    return replace(expr, matched=matched)
