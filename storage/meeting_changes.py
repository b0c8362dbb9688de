"""Changing a meeting after it was announced: its link, time, place, a confirmed time, a cancellation.

Each change that people must hear of bumps `Meeting.sequence` (the .ics SEQUENCE and the key
of the announcement), is audited, and, when the time moves, carries the follow-up deadlines
counted from the meeting ("chậm nhất 03 ngày sau khi diễn ra buổi làm việc") along with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.timeexpr import parse_time, resolve_relative
from domain.workdays import WorkCalendar
from storage.audit import record
from storage.models import Deadline, Meeting
from storage.types import local_aware

FIELDS = ("join_url", "start_at", "end_at", "location", "tentative", "status", "time_label")
MAX_URL = 1000


@dataclass(frozen=True)
class Changed:
    """What a change did: the meeting after it, and each field's (before, after)."""

    meeting: Meeting
    diff: dict[str, tuple[Any, Any]]

    @property
    def moved(self) -> bool:
        return "start_at" in self.diff

    @property
    def cancelled(self) -> bool:
        return bool(self.diff.get("status", (None, None))[1] == "cancelled")


def clean_url(text: str) -> str:
    """A join link as people paste it: http(s), no spaces, at most 1,000 characters."""
    url = text.strip().strip("<>")
    if not url.lower().startswith(("https://", "http://")) or any(c.isspace() for c in url) or len(url) > MAX_URL:
        raise InvalidInput("bad_join_url")
    return url


async def change_meeting(*, session: AsyncSession, meeting_id: int, changes: dict[str, Any], actor_id: int | None,
                         now: datetime, tz: ZoneInfo, calendar: WorkCalendar | None = None) -> Changed:
    """Apply `changes` (fields of FIELDS) in the caller's transaction; no-op fields are dropped."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"not a meeting field: {sorted(unknown)}")
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("meeting", name=str(meeting_id))
    if meeting.status == "cancelled":
        raise NotAllowed("meeting_cancelled")
    if "join_url" in changes and changes["join_url"] is not None:
        changes["join_url"] = clean_url(changes["join_url"])
    new_start: datetime | None = changes.get("start_at", meeting.start_at)
    if new_start is not None and "start_at" in changes and meeting.start_at and meeting.end_at \
            and "end_at" not in changes:
        changes["end_at"] = meeting.end_at + (new_start - meeting.start_at)  # the same length, later
    new_end: datetime | None = changes.get("end_at", meeting.end_at)
    if new_start is not None and new_end is not None and new_end <= new_start:
        raise InvalidInput("meeting_times")
    if "start_at" in changes and changes["start_at"] != meeting.start_at and "time_label" not in changes:
        changes["time_label"] = None  # a new time is a moment: "cuối tháng 9" no longer describes it
    diff = {k: (getattr(meeting, k), v) for k, v in changes.items() if getattr(meeting, k) != v}
    if not diff:
        return Changed(meeting, {})
    for field, (_old, new) in diff.items():
        setattr(meeting, field, new)
    meeting.sequence += 1
    session.add(meeting)
    if "start_at" in diff and meeting.start_at is not None:
        await _carry_follow_ups(session, meeting, now, tz, calendar)
    record(session=session, actor_id=actor_id, action="meeting.change", subject=f"meeting:{meeting.id}",
           fields=sorted(diff), sequence=meeting.sequence)
    await session.flush()
    return Changed(meeting, diff)


async def _carry_follow_ups(session: AsyncSession, meeting: Meeting, now: datetime, tz: ZoneInfo,
                            calendar: WorkCalendar | None) -> None:
    """Deadlines counted from the meeting get their date from its (new) day."""
    assert meeting.start_at is not None
    start = meeting.start_at.astimezone(tz).replace(tzinfo=None)
    for deadline in (await session.exec(select(Deadline).where(Deadline.meeting_id == meeting.id))).all():
        expr = parse_time(deadline.due_text or "", now.astimezone(tz).replace(tzinfo=None))
        if expr.kind == "relative":
            deadline.due_at = local_aware(resolve_relative(expr, start, calendar).end, tz)
            session.add(deadline)
