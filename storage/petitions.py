"""Petitions: sent, corrected, listed, assigned, answered; a meeting's petition cutoff and conclusion.

Every change is audited (storage/audit.py) with ids and codes, never the content or a name. The
caller commits; the rules (which moves are allowed, when petitions close) are domain/petitions.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import Conflict, InvalidInput, NotAllowed, NotFound
from domain.petitions import (
    CLOSED,
    EDITABLE,
    FIELDS,
    MAX_REASON,
    STATES,
    can_move,
    check_content,
    cutoff_of,
    is_open,
)
from storage.audit import record
from storage.models import Meeting, Member, Petition, PetitionMeeting, Registration, Unit, saved_id

MAX_FILE_BYTES = 5 * 1024 * 1024  # an answer's or a conclusion's file kept to send with it


@dataclass(frozen=True)
class PetitionLine:
    """A petition with its organisation, petitioner and the unit handling it (for lists and exports)."""

    petition: Petition
    unit: Unit
    petitioner: Member | None
    handler: Unit | None


async def settings_of(*, session: AsyncSession, meeting_id: int) -> PetitionMeeting | None:
    return await session.get(PetitionMeeting, meeting_id)


async def _settings_row(session: AsyncSession, meeting_id: int, now: datetime) -> PetitionMeeting:
    row = await session.get(PetitionMeeting, meeting_id)
    if row is None:
        row = PetitionMeeting(meeting_id=meeting_id, updated_at=now)
        session.add(row)
    return row


async def petition_cutoff(*, session: AsyncSession, meeting: Meeting) -> datetime | None:
    """The cutoff in force for the meeting's petitions (its own, else the registration cutoff)."""
    settings = await session.get(PetitionMeeting, saved_id(meeting))
    return cutoff_of(settings.cutoff if settings else None, meeting.registration_cutoff)


async def set_petition_cutoff(*, session: AsyncSession, meeting_id: int, cutoff: datetime | None,
                              actor_id: int | None, now: datetime) -> PetitionMeeting:
    """The organiser's own petition cutoff (None: back to the registration cutoff)."""
    if await session.get(Meeting, meeting_id) is None:
        raise NotFound("meeting")
    row = await _settings_row(session, meeting_id, now)
    row.cutoff, row.updated_at = cutoff, now
    record(session=session, actor_id=actor_id, action="petition.cutoff", subject=f"meeting:{meeting_id}",
           cutoff=cutoff.isoformat() if cutoff else None)
    await session.flush()
    return row


def _registered_for(unit_id: int) -> ColumnElement[bool]:
    """The meeting has the unit's attendee list, or the unit is the enterprise that registered for it
    through its public link (a petition may come before the list of attendees)."""
    listed = select(Registration.meeting_id).where(Registration.unit_id == unit_id)
    by_link = select(Unit.registered_meeting_id).where(Unit.id == unit_id, col(Unit.registered_meeting_id).is_not(None))
    return or_(col(Meeting.id).in_(listed), col(Meeting.id).in_(by_link))


async def registered_meetings(*, session: AsyncSession, unit_id: int) -> list[Meeting]:
    """Meetings the unit has registered for (not cancelled), soonest first: where it may petition."""
    rows = await session.exec(
        select(Meeting).where(_registered_for(unit_id), Meeting.status != "cancelled").order_by(col(Meeting.start_at)))
    return list(rows.all())


async def open_for_unit(*, session: AsyncSession, unit_id: int, now: datetime) -> list[tuple[Meeting, datetime | None]]:
    """The registered meetings whose petitions are still taken, with their cutoff."""
    out: list[tuple[Meeting, datetime | None]] = []
    for meeting in await registered_meetings(session=session, unit_id=unit_id):
        cutoff = await petition_cutoff(session=session, meeting=meeting)
        if is_open(cutoff, meeting.status, now):
            out.append((meeting, cutoff))
    return out


async def count_for_unit(*, session: AsyncSession, meeting_id: int, unit_id: int) -> int:
    return int((await session.exec(select(func.count()).select_from(Petition).where(
        Petition.meeting_id == meeting_id, Petition.unit_id == unit_id))).one())


async def _check_open(session: AsyncSession, meeting_id: int, unit_id: int, now: datetime) -> Meeting:
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("meeting")
    registered = (await session.exec(select(Meeting.id).where(Meeting.id == meeting_id,
                                                              _registered_for(unit_id)))).first()
    if registered is None:
        raise NotAllowed("petition_not_registered")
    cutoff = await petition_cutoff(session=session, meeting=meeting)
    if not is_open(cutoff, meeting.status, now):
        raise NotAllowed("petition_closed", cutoff=cutoff.isoformat() if cutoff else "")
    return meeting


def _checked(field: str, content: str) -> str:
    if field not in FIELDS:
        raise InvalidInput("petition_field", field=field)
    problem = check_content(content)
    if problem is not None:
        raise InvalidInput(f"petition_{problem}")
    return content.strip()


async def create_petition(*, session: AsyncSession, meeting_id: int, unit_id: int, actor_id: int | None, field: str,
                          content: str, file_ref: str | None, file_name: str | None, max_per_unit: int,
                          now: datetime) -> Petition:
    """A new petition with the meeting's next number; refused after the cutoff or past the cap.

    The number is max + 1 under the (meeting, number) unique constraint: two petitions saved at
    the same instant cannot share one; the loser takes the next number."""
    text = _checked(field, content)
    await _check_open(session, meeting_id, unit_id, now)
    if await count_for_unit(session=session, meeting_id=meeting_id, unit_id=unit_id) >= max_per_unit:
        raise NotAllowed("petition_cap", cap=max_per_unit)
    for _ in range(5):
        top = (await session.exec(select(func.max(Petition.number)).where(Petition.meeting_id == meeting_id))).one()
        petition = Petition(meeting_id=meeting_id, unit_id=unit_id, created_by=actor_id, number=int(top or 0) + 1,
                            field=field, content=text, file_ref=file_ref, file_name=file_name, created_at=now,
                            updated_at=now)
        try:
            async with session.begin_nested():
                session.add(petition)
                await session.flush()
        except IntegrityError:
            continue
        record(session=session, actor_id=actor_id, action="petition.create", subject=f"petition:{petition.id}",
               meeting_id=meeting_id, unit_id=unit_id, number=petition.number, field=field)
        return petition
    raise Conflict("petition_busy")


async def edit_petition(*, session: AsyncSession, petition_id: int, unit_id: int, actor_id: int | None,
                        field: str | None = None, content: str | None = None, now: datetime) -> Petition:
    """The petitioner corrects the field or the text of their own petition, before the cutoff."""
    petition = await session.get(Petition, petition_id)
    if petition is None or petition.unit_id != unit_id:
        raise NotFound("petition")
    await _check_open(session, petition.meeting_id, unit_id, now)
    if petition.state not in EDITABLE:
        raise NotAllowed("petition_answered")
    new_field = field or petition.field
    new_text = _checked(new_field, content if content is not None else petition.content)
    petition.field, petition.content = new_field, new_text
    petition.version += 1
    petition.updated_at = now
    session.add(petition)
    record(session=session, actor_id=actor_id, action="petition.edit", subject=f"petition:{petition_id}",
           changed=[k for k, v in (("field", field), ("content", content)) if v is not None], version=petition.version)
    await session.flush()
    return petition


async def _lines(session: AsyncSession, where: Sequence[object]) -> list[PetitionLine]:
    rows = (await session.exec(select(Petition, Unit).join(Unit, col(Unit.id) == col(Petition.unit_id))
                               .where(*where)  # type: ignore[arg-type]
                               .order_by(col(Petition.meeting_id), col(Petition.number)))).all()
    member_ids = sorted({p.created_by for p, _ in rows if p.created_by is not None})
    handler_ids = sorted({p.assigned_unit_id for p, _ in rows if p.assigned_unit_id is not None})
    members = {m.id: m for m in (await session.exec(select(Member).where(col(Member.id).in_(member_ids)))).all()} \
        if member_ids else {}
    handlers = {u.id: u for u in (await session.exec(select(Unit).where(col(Unit.id).in_(handler_ids)))).all()} \
        if handler_ids else {}
    return [PetitionLine(p, u, members.get(p.created_by), handlers.get(p.assigned_unit_id)) for p, u in rows]


async def meeting_petitions(*, session: AsyncSession, meeting_id: int, field: str | None = None,
                            state: str | None = None) -> list[PetitionLine]:
    """Every petition of a meeting by number, narrowed to a field and a state when given (organisers)."""
    where: list[object] = [Petition.meeting_id == meeting_id]
    if field is not None:
        where.append(Petition.field == field)
    if state is not None:
        where.append(Petition.state == state)
    return await _lines(session, where)


async def unit_petitions(*, session: AsyncSession, unit_id: int) -> list[PetitionLine]:
    """The petitions an organisation sent (its own members see these, nobody else's)."""
    return await _lines(session, [Petition.unit_id == unit_id])


async def assigned_petitions(*, session: AsyncSession, unit_id: int, waiting_only: bool = False) -> list[PetitionLine]:
    """The petitions assigned to a unit; with `waiting_only`, those not answered yet (its to-do)."""
    where: list[object] = [Petition.assigned_unit_id == unit_id]
    if waiting_only:
        where.append(Petition.state == "assigned")
    return await _lines(session, where)


async def petition_line(*, session: AsyncSession, petition_id: int) -> PetitionLine | None:
    found = await _lines(session, [Petition.id == petition_id])
    return found[0] if found else None


async def _moving(session: AsyncSession, petition_id: int, new_state: str) -> Petition:
    petition = await session.get(Petition, petition_id)
    if petition is None:
        raise NotFound("petition")
    if new_state not in STATES or not can_move(petition.state, new_state):
        raise NotAllowed("petition_move", state=petition.state)
    return petition


async def assign_petition(*, session: AsyncSession, petition_id: int, unit_id: int, due: datetime | None,
                          actor_id: int | None, now: datetime) -> Petition:
    """The unit that prepares the answer, with the answer deadline."""
    petition = await _moving(session, petition_id, "assigned")
    if await session.get(Unit, unit_id) is None:
        raise NotFound("unit")
    petition.state, petition.assigned_unit_id, petition.assigned_at, petition.answer_due = "assigned", unit_id, now, due
    petition.version += 1
    petition.updated_at = now
    session.add(petition)
    record(session=session, actor_id=actor_id, action="petition.assign", subject=f"petition:{petition_id}",
           unit_id=unit_id, due=due.isoformat() if due else None)
    await session.flush()
    return petition


async def answer_petition(*, session: AsyncSession, petition_id: int, state: str, answer: str,
                          file_name: str | None, file_data: bytes | None, actor_id: int | None,
                          now: datetime) -> Petition:
    """Record the answer (answered at the conference or in writing) or the reason it is out of scope."""
    if state not in CLOSED:
        raise InvalidInput("petition_state", state=state)
    text = answer.strip()
    if not text and not file_name:
        raise InvalidInput("petition_answer_empty")
    if state == "out_of_scope" and (not text or len(text) > MAX_REASON):
        raise InvalidInput("petition_reason", limit=MAX_REASON)
    if file_data is not None and len(file_data) > MAX_FILE_BYTES:
        raise InvalidInput("petition_file_big", limit=MAX_FILE_BYTES // (1024 * 1024))
    petition = await _moving(session, petition_id, state)
    petition.state, petition.answer = state, text or None
    petition.answer_file_name, petition.answer_file = file_name, file_data
    petition.answered_at, petition.answered_by = now, actor_id
    petition.version += 1
    petition.updated_at = now
    session.add(petition)
    record(session=session, actor_id=actor_id, action="petition.answer", subject=f"petition:{petition_id}",
           state=state, file=file_name is not None)
    await session.flush()
    return petition


async def save_conclusion(*, session: AsyncSession, meeting_id: int, text: str | None, file_name: str | None,
                          file_data: bytes | None, actor_id: int | None, now: datetime) -> PetitionMeeting:
    """The conclusion notice of the meeting as it will be sent (text, a file, or both)."""
    if await session.get(Meeting, meeting_id) is None:
        raise NotFound("meeting")
    if not (text and text.strip()) and file_data is None:
        raise InvalidInput("conclusion_empty")
    if file_data is not None and len(file_data) > MAX_FILE_BYTES:
        raise InvalidInput("petition_file_big", limit=MAX_FILE_BYTES // (1024 * 1024))
    row = await _settings_row(session, meeting_id, now)
    row.conclusion_text = (text or "").strip() or None
    row.conclusion_file_name, row.conclusion_file = file_name, file_data
    row.conclusion_by, row.updated_at = actor_id, now
    record(session=session, actor_id=actor_id, action="conclusion.save", subject=f"meeting:{meeting_id}",
           file=file_name is not None)
    await session.flush()
    return row


async def mark_conclusion_sent(*, session: AsyncSession, meeting_id: int, queued: int, actor_id: int | None,
                               now: datetime) -> None:
    """The notice went into the outbox (`queued` new messages): when, and who sent it."""
    row = await _settings_row(session, meeting_id, now)
    row.conclusion_sent_at, row.updated_at = now, now
    record(session=session, actor_id=actor_id, action="conclusion.send", subject=f"meeting:{meeting_id}",
           queued=queued)
    await session.flush()


async def waiting_petitions(*, session: AsyncSession, now: datetime) -> list[Petition]:
    """Assigned petitions not yet answered whose deadline is ahead: what the planner reminds of."""
    rows = await session.exec(select(Petition).where(Petition.state == "assigned",
                                                     col(Petition.assigned_unit_id).is_not(None),
                                                     col(Petition.answer_due) > now))
    return list(rows.all())
