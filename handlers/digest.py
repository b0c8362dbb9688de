"""The Monday digest for a unit head: what falls due for the unit in the next two weeks."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.workdays import WorkCalendar
from domain.workload import falls_due
from handlers.formatting import cutoff_text, day, left_words, one_line, task_label
from handlers.texts import t
from storage.meetings import open_meetings_for_unit
from storage.models import Unit
from storage.plans import deadlines_for_unit, unit_tasks
from storage.registrations import registration_of

MAX_LINES = 15


async def digest_text(*, session: AsyncSession, unit: Unit, now: datetime, tz: ZoneInfo, calendar: WorkCalendar,
                      days: int) -> str | None:
    """The digest, or None when nothing falls due (then no message is sent at all)."""
    assert unit.id is not None
    until = now + timedelta(days=days)

    def left(end: datetime) -> str:
        return left_words(now, end, tz, calendar)

    lines: list[str] = []
    for view in await deadlines_for_unit(session=session, unit_id=unit.id, start=now, end=until):
        deadline = view.deadline
        if view.owed is not None and view.owed.submitted_at is None and deadline.due_at is not None:
            lines.append(t("rem_digest_deadline", what=one_line(deadline.what, 90),
                           due=deadline.due_text or cutoff_text(deadline.due_at, tz), left=left(deadline.due_at)))
    for meeting in await open_meetings_for_unit(session=session, unit_id=unit.id, now=now):
        cutoff = meeting.registration_cutoff
        if cutoff is not None and cutoff <= until:
            reg, _people = await registration_of(session=session, meeting_id=meeting.id, unit_id=unit.id)  # type: ignore[arg-type]
            if reg is None:
                lines.append(t("rem_digest_cutoff", title=one_line(meeting.title, 90), cutoff=cutoff_text(cutoff, tz)))
    for item in await unit_tasks(session=session, unit_id=unit.id):
        task = item.task
        if item.link.status != "done" and falls_due(task.ends_at, now, until) and task.ends_at is not None:
            lines.append(t("rem_digest_task", label=task_label(task), content=one_line(task.content, 90),
                           timeframe=task.timeframe_text or day(task.ends_at, tz), left=left(task.ends_at)))
    if not lines:
        return None
    shown = lines[:MAX_LINES] + ([f"… (+{len(lines) - MAX_LINES})"] if len(lines) > MAX_LINES else [])
    head = t("rem_digest_head", unit=unit.name, until=day(until, tz))
    return "\n".join([head, *shown, t("rem_digest_do")])
