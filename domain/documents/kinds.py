"""What a document is: a plan (it has tasks), a meeting (it has a meeting time), a request (it asks
for something by a date), or none of these, with a short Vietnamese reason the organiser reads.

The order is the point: a meeting invitation that also asks for the attendee list by a date is a
meeting (read_meeting_letter keeps that cutoff as its registration), and a plan with report
deadlines is a plan. Plans and meetings are read exactly as before (their own default `ref`);
`ref` places a request's recurring rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from domain.documents.letter import read_meeting_letter
from domain.documents.models import MeetingDoc, PlanDoc, RequestDoc, RequestItemDoc
from domain.documents.plan import read_plan
from domain.documents.request import read_request
from domain.documents.when import day_text

Kind = Literal["plan", "meeting", "request", "unknown"]
_WHAT_CHARS = 80


@dataclass(frozen=True)
class Recognised:
    """The kind, the reading that decided it (None for "unknown"), and why, in Vietnamese."""

    kind: Kind
    document: PlanDoc | MeetingDoc | RequestDoc | None
    reason: str


def recognise(text: str, ref: datetime | None = None) -> Recognised:
    """Read the text as a plan, a meeting letter, then a request; the first that holds wins."""
    plan = read_plan(text)
    if plan.tasks:
        return Recognised("plan", plan, f"có {len(plan.tasks)} nhiệm vụ")
    letter = read_meeting_letter(text)
    if letter.start is not None:
        return Recognised("meeting", letter, f"có thời gian họp {_moment(letter)}")
    request = read_request(text, ref)
    if request.requests:
        return Recognised("request", request, _asked(request.requests))
    return Recognised("unknown", None, "không thấy nhiệm vụ, cuộc họp hay hạn nộp nào")


def _moment(letter: MeetingDoc) -> str:
    """'14h00 ngày 28/5/2026', as letters write it; a day or period with no hour as written
    ("cuối tháng 9/2026"), never as 00h00 of a day the letter did not name."""
    start = letter.start
    assert start is not None
    if letter.time_label:
        return letter.time_label
    day = day_text(start.date())
    return day if (start.hour, start.minute) == (0, 0) else f"{start:%H}h{start:%M} {day}"


def _asked(items: tuple[RequestItemDoc, ...]) -> str:
    """'đề nghị gửi báo cáo … trước ngày 12/12/2026' (and how many other things are asked)."""
    first = items[0]
    what = first.what if len(first.what) <= _WHAT_CHARS else first.what[: _WHAT_CHARS - 1].rstrip() + "…"
    what = what[:1].lower() + what[1:]
    when = first.due_text or "(chưa rõ hạn)"
    more = f" và {len(items) - 1} yêu cầu khác" if len(items) > 1 else ""
    return f"đề nghị gửi {what} {when}{more}"
