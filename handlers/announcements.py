"""Announcements: a meeting's link, time or place changed, or it was cancelled; one message each.

Who hears it: the officers of every registered unit and the attendees who have an account; for
a change of time or a cancellation, the officers of every invited unit as well. It goes through
the outbox like a reminder (same crash rules), in working hours but never after the meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.reminder_timing import WorkingHours, place
from domain.reminders import Person, Planned, officers_of
from domain.workdays import WorkCalendar
from handlers.meeting_when import meeting_when, when_text
from handlers.texts import t
from storage.meeting_changes import Changed
from storage.outbox import add_rows
from storage.reminder_facts import attendee_members, meeting_units, people


@dataclass(frozen=True)
class Audience:
    units: int
    people: list[Person]


async def officers_for(*, session: AsyncSession, unit_ids: set[int]) -> list[Person]:
    """The people addressed for each unit (its officers, or its heads when it has none)."""
    by_unit: dict[int, list[Person]] = {}
    for person in await people(session=session):
        by_unit.setdefault(person.unit_id, []).append(person)
    return [p for u in sorted(unit_ids) for p in officers_of(u, by_unit)]


async def audience(*, session: AsyncSession, meeting_id: int, everyone_invited: bool,
                   unit_ids: set[int] | None = None) -> Audience:
    """The people a meeting's news goes to (see the module docstring); `unit_ids` narrows it."""
    invited, registered = await meeting_units(session=session, meeting_id=meeting_id)
    units = set(invited | registered) if everyone_invited else set(registered)
    if unit_ids is not None:
        units &= unit_ids
    everyone = await people(session=session)
    by_unit: dict[int, list[Person]] = {}
    for person in everyone:
        by_unit.setdefault(person.unit_id, []).append(person)
    chosen = {p.member_id: p for u in sorted(units) for p in officers_of(u, by_unit)}
    if unit_ids is None:
        attending = (await attendee_members(session=session, meeting_ids=[meeting_id]))[meeting_id]
        chosen.update({p.member_id: p for p in everyone if p.member_id in attending})
    return Audience(len(units), list(chosen.values()))


def change_lines(changed: Changed, tz: ZoneInfo) -> list[str]:
    meeting, diff = changed.meeting, changed.diff
    if changed.cancelled:
        return [t("ann_cancel_head", title=meeting.title), t("ann_cancelled")]
    lines = [t("ann_head", title=meeting.title)]
    if "start_at" in diff and meeting.start_at is not None:
        old = diff["start_at"][0]
        old_label = diff.get("time_label", (meeting.time_label, None))[0]
        lines.append(t("ann_time", when=meeting_when(meeting, tz),
                       before=when_text(old, tz, old_label) if old else t("intake_unknown")))
    elif "tentative" in diff and not meeting.tentative and meeting.start_at is not None:
        lines.append(t("ann_time_confirmed", when=meeting_when(meeting, tz)))
    if "join_url" in diff and meeting.join_url:
        lines.append(t("ann_link", url=meeting.join_url))
    if "location" in diff and meeting.location:
        lines.append(t("ann_place", place=meeting.location))
    lines.append(t("ann_do"))
    return lines


async def announce(*, session: AsyncSession, changed: Changed, now: datetime, tz: ZoneInfo, calendar: WorkCalendar,
                   hours: WorkingHours) -> Audience:
    """Queue the announcement of a change (none for a change nobody needs to hear of)."""
    meeting = changed.meeting
    lines = change_lines(changed, tz)
    if meeting.id is None or (len(lines) <= 2 and not changed.cancelled):
        return Audience(0, [])
    wide = changed.moved or changed.cancelled or "tentative" in changed.diff
    who = await audience(session=session, meeting_id=meeting.id, everyone_invited=wide)
    start = changed.diff.get("start_at", (meeting.start_at, None))[0] if changed.cancelled else meeting.start_at
    not_after = start if start is not None and start > now else None
    at = place(now, not_after=not_after, now=now, calendar=calendar, hours=hours, tz=tz)
    key = f"announce:m{meeting.id}:s{meeting.sequence}"
    rows = [Planned(key, p.member_id, "announcement", f"meeting:{meeting.id}", p.unit_id, at, not_after, True)
            for p in who.people]
    await add_rows(session=session, rows=rows, now=now, text="\n".join(lines))
    return who
