"""What petitions send through the outbox, and what such a row says when it goes.

Three messages are queued once each, keyed so that doing the same thing twice adds nothing:
- the unit a petition is assigned to is told (key per petition and unit: a reassignment tells the
  new unit, never the same one twice);
- the petitioner receives the answer (or the out-of-scope reason) when it is first recorded (key per
  petition: a corrected answer does not send a second message);
- every registered participant receives the meeting's conclusion notice (key per meeting and unit).
And the planner's rounds before an answer deadline (domain/petition_reminders.py), checked again
just before sending: a petition answered or reassigned meanwhile is skipped with that reason.
"""

from __future__ import annotations

import mimetypes
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.petition_reminders import KIND as DUE_KIND
from domain.petition_reminders import subject_of
from domain.petitions import label
from domain.reminder_timing import WorkingHours, place
from domain.reminders import Person, Planned, stamp
from domain.workdays import WorkCalendar
from handlers.announcements import audience, officers_for
from handlers.formatting import cutoff_text, one_line
from handlers.reminder_messages import Message, Skip
from handlers.texts import t
from handlers.types import OutFile
from storage.models import Meeting, Petition, PetitionMeeting, ReminderOutbox, Unit
from storage.outbox import add_rows
from storage.reminder_facts import people as everyone

ASSIGNED, ANSWER, CONCLUSION = "petition_assigned", "petition_answer", "conclusion"


def _file(name: str | None, data: bytes | None) -> OutFile | None:
    if not name or data is None:
        return None
    return OutFile(name=name, data=data, mime=mimetypes.guess_type(name)[0] or "application/octet-stream")


def field_name(field: str) -> str:
    return t(f"pet_field_{field}")


async def tell_assigned(*, session: AsyncSession, petition: Petition, meeting: Meeting, unit: Unit, now: datetime,
                        tz: ZoneInfo, calendar: WorkCalendar, hours: WorkingHours) -> int:
    """The assigned unit's officers hear of the petition once; returns how many were queued."""
    assert petition.id is not None and unit.id is not None
    people = await officers_for(session=session, unit_ids={unit.id})
    due = t("pet_due_line", due=cutoff_text(petition.answer_due, tz)) if petition.answer_due else ""
    text = "\n".join(x for x in (
        t("pet_assigned_head", label=label(petition.meeting_id, petition.number), title=meeting.title),
        t("pet_card_field", field=field_name(petition.field)), one_line(petition.content, 600), due,
        t("pet_assigned_do")) if x)
    at = place(now, not_after=petition.answer_due, now=now, calendar=calendar, hours=hours, tz=tz)
    rows = [Planned(f"{ASSIGNED}:p{petition.id}:u{unit.id}", p.member_id, ASSIGNED, subject_of(petition.id), unit.id,
                    at, None, True) for p in people]
    return await add_rows(session=session, rows=rows, now=now, text=text)


def answer_text(petition: Petition, meeting: Meeting) -> str:
    """What the petitioner reads: the answer or the reason, and the file's name when one goes with it."""
    head = t("pet_answer_head", label=label(petition.meeting_id, petition.number), title=meeting.title)
    if petition.state == "out_of_scope":
        body = t("pet_answer_out_of_scope", reason=petition.answer or "")
    else:
        body = t(f"pet_answer_{petition.state}", answer=petition.answer or t("pet_answer_see_file"))
    lines = [head, t("pet_answer_asked", content=one_line(petition.content, 300)), body]
    if petition.answer_file_name:
        lines.append(t("pet_answer_file", name=petition.answer_file_name))
    return "\n".join(lines)


async def tell_petitioner(*, session: AsyncSession, petition: Petition, meeting: Meeting, now: datetime,
                          tz: ZoneInfo, calendar: WorkCalendar, hours: WorkingHours) -> int:
    """The petitioner (or, if they left, their organisation's officers) receives the answer, once."""
    assert petition.id is not None
    people: list[Person] = await officers_for(session=session, unit_ids={petition.unit_id})
    mine = [p for p in people if p.member_id == petition.created_by]
    if petition.created_by is not None and not mine:  # a petitioner who is neither officer nor head
        mine = [p for p in await everyone(session=session) if p.member_id == petition.created_by]
    chosen = mine or people
    at = place(now, not_after=None, now=now, calendar=calendar, hours=hours, tz=tz)
    rows = [Planned(f"{ANSWER}:p{petition.id}", p.member_id, ANSWER, subject_of(petition.id), petition.unit_id, at,
                    None, True) for p in chosen]
    return await add_rows(session=session, rows=rows, now=now, text=answer_text(petition, meeting))


async def conclusion_audience(*, session: AsyncSession, meeting_id: int) -> list[Person]:
    """Everyone the conclusion goes to: the officers of every registered unit, and attendees with an account."""
    return (await audience(session=session, meeting_id=meeting_id, everyone_invited=False)).people


async def queue_conclusion(*, session: AsyncSession, meeting: Meeting, settings: PetitionMeeting, now: datetime,
                           tz: ZoneInfo, calendar: WorkCalendar, hours: WorkingHours) -> tuple[int, int]:
    """The conclusion notice to every registered participant; (queued now, addressed in all)."""
    assert meeting.id is not None
    people = await conclusion_audience(session=session, meeting_id=meeting.id)
    text = "\n".join(x for x in (t("conclusion_head", title=meeting.title), settings.conclusion_text or "",
                                 t("pet_answer_file", name=settings.conclusion_file_name)
                                 if settings.conclusion_file_name else "") if x)
    at = place(now, not_after=None, now=now, calendar=calendar, hours=hours, tz=tz)
    rows = [Planned(f"{CONCLUSION}:m{meeting.id}:u{p.unit_id}", p.member_id, CONCLUSION, f"conclusion:{meeting.id}",
                    p.unit_id, at, None, True) for p in people]
    return await add_rows(session=session, rows=rows, now=now, text=text), len(people)


async def compose_petition(session: AsyncSession, row: ReminderOutbox, now: datetime, tz: ZoneInfo) -> Message | Skip:
    """The words of a petition or conclusion row as it goes (a reminder is checked again first)."""
    kind, _, ident = row.subject.partition(":")
    if not ident.isdecimal():
        return Skip("gone")
    if kind == "conclusion":
        settings = await session.get(PetitionMeeting, int(ident))
        if settings is None:
            return Skip("gone")
        return Message(row.text or "", _file(settings.conclusion_file_name, settings.conclusion_file))
    petition = await session.get(Petition, int(ident))
    if petition is None:
        return Skip("gone")
    if row.kind == ANSWER:
        return Message(row.text or answer_text(petition, await _meeting(session, petition)),
                       _file(petition.answer_file_name, petition.answer_file))
    if row.kind != DUE_KIND:
        return Message(row.text) if row.text else Skip("gone")
    if petition.state != "assigned":
        return Skip("answered")
    if petition.assigned_unit_id != row.unit_id:
        return Skip("reassigned")
    if petition.answer_due is None or f"@{stamp(petition.answer_due)}:" not in row.reminder_key:
        return Skip("moved")
    meeting = await _meeting(session, petition)
    return Message("\n".join((
        t("pet_due_head", label=label(petition.meeting_id, petition.number), title=meeting.title),
        one_line(petition.content, 300), t("pet_due_line", due=cutoff_text(petition.answer_due, tz)),
        t("pet_assigned_do"))))


async def _meeting(session: AsyncSession, petition: Petition) -> Meeting:
    meeting = await session.get(Meeting, petition.meeting_id)
    assert meeting is not None  # a foreign key
    return meeting
