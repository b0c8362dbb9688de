"""Dated obligations in running text: "… gửi báo cáo … về Phòng X trước ngày 01 tháng 11".

The date itself is read by domain.timeexpr; here we find the clauses that carry one and say
who owes it and to whom:

- "Giao <A> chủ trì … đôn đốc <B> báo cáo … trước ngày 15 tháng 11 để tổng hợp, … báo cáo
  <C>": B owes it, A receives and consolidates, C is where A reports on (`onward_to`).
- "<B> gửi báo cáo … về <A> trước ngày 01 tháng 11": B owes it to A.
- "Đề nghị <B>: - Gửi danh sách … về <A> trước ngày …": B comes from the lead-in line.
- Otherwise the owner is the unit whose duties the paragraph lists (its heading), if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from domain.documents.folding import fold_same_length
from domain.documents.models import DeadlineDoc
from domain.documents.names import looks_like_unit, split_names
from domain.timeexpr import TimeExpr, parse_time, resolve_relative

_TRIGGER = re.compile(r"\b(?:truoc|cham nhat|muon nhat|han chot|han cuoi|thoi han|khong muon hon|khong qua)\b")
_CLAUSE_END = re.compile(r";\s*|(?<=[.!?])\s+(?=[^\W\d_])")
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[-+•–])\s*")
_ASSIGN = re.compile(r"(?:\d{1,2}\.\s*)?giao\s+")
_ASSIGNEE_END = re.compile(r"\s(?:chu tri|tham muu|thuc hien|phoi hop|theo doi|huong dan|lam dau moi|co trach nhiem)\b")
_URGE = re.compile(r"\b(?:don doc|yeu cau|de nghi)\s+")
_DELIVER = re.compile(
    r"\s(?:gui bao cao|gui|bao cao|nop|cung cap|hoan thanh|dang ky|xac nhan"
    r"|cu (?:can bo|dai dien|dai bieu|lanh dao|cong chuc|vien chuc|nguoi))\b"  # "đề nghị UBND xã cử cán bộ … và gửi …"
)
_TO = re.compile(r"\s(?:ve|cho|den|toi)\s+(?=(?:phong|van phong|so|trung tam|chi cuc|uy ban|ubnd|bo|cuc|ban)\b)")
_ONWARD = re.compile(r"\bde tong hop\b[^;]*?\bbao cao\s+")
_ONWARD_END = re.compile(r"\s+(?:theo quy dinh|de|truoc|xem xet)\b|[;.]")
_EVENT_TAIL = re.compile(
    r"\s+(?:(?:khi|ngay)\s+)?(?:dien ra|to chuc|khai mac|bat dau|hop)\b"
    r"(?:\s+(?!de\b)[^\s,;.]+){0,4}?(?=\s+de\b|\s*[,;.]|\s*$)"
)
_KINDS = frozenset({"deadline", "relative"})


@dataclass(frozen=True)
class DueClause:
    clause: str
    expr: TimeExpr
    start: int
    end: int

    @property
    def due_text(self) -> str:
        return self.clause[self.start: self.end]


def clauses(line: str) -> list[str]:
    """A paragraph cut at semicolons and sentence ends: one obligation per clause."""
    parts = []
    start = 0
    for match in _CLAUSE_END.finditer(line):
        parts.append(line[start: match.start() + (1 if line[match.start()] in ".!?" else 0)])
        start = match.end()
    parts.append(line[start:])
    return [part.strip() for part in parts if part.strip()]


def due_in(clause: str, ref: datetime, year: int | None) -> DueClause | None:
    """The deadline a clause sets ("trước ngày 26/5/2026", "trước 10 ngày diễn ra Hội nghị")."""
    folded = fold_same_length(clause)
    if not _TRIGGER.search(folded):
        return None
    expr = parse_time(clause, ref, year)
    if expr.kind not in _KINDS or not expr.matched:
        return None
    start = clause.find(expr.matched)
    if start < 0:
        start = folded.find(fold_same_length(expr.matched))
    if start < 0:
        return None
    end = start + len(expr.matched)
    if expr.kind == "relative":
        tail = _EVENT_TAIL.match(folded, end)
        if tail:
            end = tail.end()
    return DueClause(clause, expr, start, end)


def deadline_from(
    due: DueClause, *, owner: tuple[str, ...] = (), anchor: datetime | None = None
) -> DeadlineDoc:
    """Who owes a found deadline to whom; `owner` is the context's answer when the clause has none."""
    clause = due.clause
    folded = fold_same_length(clause)
    before = folded[: due.start]
    owed = _urged(clause, before) or _subject(clause, before) or owner
    to = _assignee(clause, folded) or _recipient(clause, before)
    what = _NUMBERING.sub("", clause, count=1).strip()
    due_at = None
    if due.expr.kind == "deadline":
        due_at = due.expr.end
    elif anchor is not None:
        due_at = resolve_relative(due.expr, anchor).end
    return DeadlineDoc(
        what=what, owed_by=owed, to=to, onward_to=_onward(clause, folded, due.end),
        due_text=due.due_text, due=due.expr, due_at=due_at,
    )


def _urged(clause: str, before: str) -> tuple[str, ...]:
    urge = _URGE.search(before)
    if not urge:
        return ()
    deliver = _DELIVER.search(before, urge.end())
    if not deliver:
        return ()
    return split_names(clause[urge.end(): deliver.start()])


def _subject(clause: str, before: str) -> tuple[str, ...]:
    deliver = _DELIVER.search(before)
    if not deliver:
        return ()
    subject = _NUMBERING.sub("", clause[: deliver.start()], count=1).strip()
    return split_names(subject) if subject and looks_like_unit(subject) else ()


def _assignee(clause: str, folded: str) -> str | None:
    assign = _ASSIGN.match(folded)
    if not assign:
        return None
    end = _ASSIGNEE_END.search(folded, assign.end())
    if not end:
        return None
    name = clause[assign.end(): end.start()].strip(" ,")
    return name or None


def _recipient(clause: str, before: str) -> str | None:
    matches = list(_TO.finditer(before))
    if not matches:
        return None
    return clause[matches[-1].end(): len(before)].strip(" ,") or None


def _onward(clause: str, folded: str, after: int) -> tuple[str, ...]:
    onward = _ONWARD.search(folded, after)
    if not onward:
        return ()
    stop = _ONWARD_END.search(folded, onward.end())
    return split_names(clause[onward.end(): stop.start() if stop else len(clause)])


def lead_in_owner(line: str) -> tuple[str, ...]:
    """'Đề nghị UBND các xã, phường:' → ('UBND các xã, phường',), for the bullets below it."""
    if not line.rstrip().endswith(":"):
        return ()
    folded = fold_same_length(line)
    urge = _URGE.match(_NUMBERING.sub("", folded, count=1))
    if not urge:
        return ()
    offset = len(folded) - len(_NUMBERING.sub("", folded, count=1))
    names = line[offset + urge.end():].rstrip().rstrip(":")
    return split_names(names) if looks_like_unit(names) else ()

