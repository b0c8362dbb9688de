"""Recurring deadlines as letters write them, read into a `Recurrence` or into a plain warning.

"trước ngày 31/5 hàng năm", "hằng quý, trước ngày 15 của tháng cuối quý", "trước ngày 25 hằng
tháng", "chậm nhất là ngày 20/01 năm kế tiếp của năm báo cáo" each place a rule on the calendar.
A period named without its day ("hằng quý", "định kỳ 6 tháng") places nothing: it comes back with
no rule and a reason, so the caller warns instead of guessing. A date that carries its own year
("trước ngày 15/12/2026, hằng năm …") is this year's one-off deadline, not a rule.

Also here: "chậm nhất ngày 20/01 năm kế tiếp" without "của năm báo cáo" is one date in the year
after the letter's, which the time-expression parser reads in the letter's own year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.documents.folding import fold_same_length
from domain.recurrence import Every, Recurrence
from domain.timeexpr import TimeExpr

_TRIGGER = r"(?P<trigger>truoc|cham nhat|muon nhat|khong muon hon|han chot|han cuoi)(?:\s+la)?\s+"
# A day and month with no year after it ("31/5", "20/01", "15 tháng 8").
_DAY_MONTH = re.compile(
    _TRIGGER + r"(?:ngay\s+)?(?P<day>\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(?P<month>\d{1,2})\b"
    r"(?!\s*[/.-]\s*\d)(?!\s+nam\s+\d)"
)
# A day alone, then which month of the period it falls in ("ngày 15 của tháng cuối quý").
_DAY_ONLY = re.compile(
    _TRIGGER + r"(?:ngay\s+)?(?P<day>\d{1,2})\b(?!\s*(?:[/.-]\s*\d|thang\s+\d))"
    r"(?:\s*(?:cua\s+)?(?P<which>thang\s+(?:cuoi|dau|dau tien|thu\s+(?:nhat|hai|ba|1|2|3))"
    r"(?:\s+cua)?\s+(?:quy|ky)(?:\s+(?:tiep theo|sau|ke tiep))?"
    r"|(?:cua\s+)?(?:moi\s+|hang\s+)?thang))?"
)
_EVERY = re.compile(
    r"\b(?:(?:dinh ky\s+)?(?:hang|moi)\s+(?P<unit>nam|quy|thang)"
    r"|dinh ky\s+(?P<half>6 thang|sau thang|nua nam)"
    r"|(?:nam|quy)\s+(?:ke tiep|tiep theo|sau)\s+(?:cua\s+)?(?P<after>nam|quy)\s+bao cao)\b"
)
_NEXT_YEAR = re.compile(r"\s*(?:cua\s+)?nam\s+(?:ke tiep|tiep theo)\b")
_MONTH_IN_QUARTER = {"cuoi": 3, "dau": 1, "dau tien": 1, "thu nhat": 1, "thu 1": 1, "thu hai": 2, "thu 2": 2,
                     "thu ba": 3, "thu 3": 3}
_KINDS: dict[str, Every] = {"nam": "year", "quy": "quarter", "thang": "month"}
_PERIOD_WORDS = {"year": "năm", "quarter": "quý", "month": "tháng"}


@dataclass(frozen=True)
class Recurring:
    """A recurring phrase of a clause: the rule, or None with `reason` when it cannot be placed."""

    rule: Recurrence | None
    text: str
    reason: str | None = None
    start: int = 0  # where the day is written in the clause (the period word's place when none is)


def recurring_in(clause: str) -> Recurring | None:
    """The recurring deadline a clause states, if it states one (None for a one-off or no date)."""
    folded = fold_same_length(clause)
    every = _EVERY.search(folded)
    if not every:
        return None
    if every.group("half"):
        return Recurring(None, clause[every.start(): every.end()],
                         f"«{clause[every.start(): every.end()]}» không ghi ngày nộp của mỗi kỳ", every.start())
    # "ngày 20/01 năm kế tiếp của năm báo cáo": once a year, in the year after each reporting year.
    kind = _KINDS[every.group("unit") or every.group("after")]
    found = _placed(clause, folded, kind, every)
    if found is not None:
        return found
    written = clause[every.start(): every.end()]
    return Recurring(None, written, f"«{written}» không ghi ngày nộp trong mỗi {_PERIOD_WORDS[kind]}",
                     every.start())


def _placed(clause: str, folded: str, kind: Every, every: re.Match[str]) -> Recurring | None:
    if kind == "year":
        date = _DAY_MONTH.search(folded)
        if not date:
            return None
        day, month = int(date.group("day")), int(date.group("month"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return _rule(clause, date, every, "year", day, month)
    date = _DAY_ONLY.search(folded)
    if not date:
        return None
    day = int(date.group("day"))
    if not 1 <= day <= 31:
        return None
    which = date.group("which") or ""
    if kind == "quarter":
        position = re.match(r"thang\s+(cuoi|dau tien|dau|thu\s+\S+)", which)
        if not position:
            return None  # "trước ngày 15 hằng quý": which month of the quarter is not said
        in_quarter = _MONTH_IN_QUARTER.get(re.sub(r"\s+", " ", position.group(1)))
        if re.search(r"(?:tiep theo|sau|ke tiep)$", which) and in_quarter != 1:
            return None  # only "the first month of the next quarter" is a month of the quarter cycle
        if in_quarter is None:
            return None
        return _rule(clause, date, every, "quarter", day, in_quarter)
    if "quy" in which or "ky" in which.split():
        return None
    return _rule(clause, date, every, "month", day, None)


def _rule(clause: str, date: re.Match[str], every: re.Match[str], kind: Every, day: int,
          month: int | None) -> Recurring:
    """The rule as written: the date and its period word, joined ("hằng quý, trước ngày 15 …")
    when the letter writes them apart."""
    first, second = sorted((date, every), key=lambda match: match.start())
    if _EVERY.search(date.group(0)):  # "trước ngày 25 hằng tháng" says it all
        text = clause[date.start(): date.end()]
    elif second.start() - first.end() <= 3:
        text = clause[first.start(): second.end()]
    else:
        text = f"{clause[first.start(): first.end()].strip(' ,;.')}, {clause[second.start(): second.end()]}"
    inclusive = date.group("trigger") != "truoc"
    rule = Recurrence(every=kind, day=day, month=month, inclusive=inclusive, text=text.strip(" ,;."))
    return Recurring(rule, rule.text, start=date.start())


def next_year_date(clause: str, year: int) -> TimeExpr | None:
    """'chậm nhất ngày 20/01 năm kế tiếp' in a letter of `year`: that date in `year` + 1."""
    folded = fold_same_length(clause)
    for date in _DAY_MONTH.finditer(folded):
        tail = _NEXT_YEAR.match(folded, date.end())
        if not tail:
            continue
        day, month = int(date.group("day")), int(date.group("month"))
        try:
            end = datetime(year + 1, month, day)
        except ValueError:
            return None
        if date.group("trigger") != "truoc":
            end += timedelta(days=1)
        return TimeExpr(kind="deadline", start=None, end=end, matched=clause[date.start(): tail.end()])
    return None
