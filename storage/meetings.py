"""Meetings and who is invited to them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import InvalidInput
from storage.audit import record
from storage.models import AgendaItem, Meeting, MeetingUnit, Unit, saved_id
from storage.models.meetings import MEETING_MODES


async def create_meeting(*, session: AsyncSession, meeting: Meeting, invited_unit_ids: Sequence[int],
                         agenda: Sequence[AgendaItem] = (), actor_id: int | None = None) -> Meeting:
    """Store a meeting with its invited units and agenda, in the caller's transaction."""
    if meeting.mode not in MEETING_MODES:
        raise InvalidInput("meeting_mode", mode=meeting.mode)
    if meeting.start_at and meeting.end_at and meeting.end_at <= meeting.start_at:
        raise InvalidInput("meeting_times")
    session.add(meeting)
    await session.flush()
    meeting_id = saved_id(meeting)
    for unit_id in dict.fromkeys(invited_unit_ids):
        session.add(MeetingUnit(meeting_id=meeting_id, unit_id=unit_id))
    for position, item in enumerate(agenda, start=1):
        item.meeting_id, item.position = meeting_id, position
        session.add(item)
    await session.flush()
    record(session=session, actor_id=actor_id, action="meeting.create", subject=f"meeting:{meeting.id}",
           title=meeting.title, invited=len(invited_unit_ids))
    return meeting


async def unit_ids_of_kind(*, session: AsyncSession, kind: str) -> list[int]:
    ids = (await session.exec(select(col(Unit.id)).where(Unit.kind == kind).order_by(col(Unit.id)))).all()
    return [unit_id for unit_id in ids if unit_id is not None]  # a primary key is never NULL


async def open_meetings_for_unit(*, session: AsyncSession, unit_id: int, now: datetime) -> list[Meeting]:
    """Meetings the unit is invited to whose registration is still open (cutoff in the future)."""
    rows = await session.exec(
        select(Meeting)
        .join(MeetingUnit, col(MeetingUnit.meeting_id) == col(Meeting.id))
        .where(MeetingUnit.unit_id == unit_id, Meeting.status == "open")
        .where((col(Meeting.registration_cutoff).is_(None)) | (col(Meeting.registration_cutoff) > now))
        .order_by(col(Meeting.start_at))
    )
    return list(rows.all())


async def meetings_for_unit(*, session: AsyncSession, unit_id: int, cancelled: bool = False) -> list[Meeting]:
    """Every open or closed meeting the unit is invited to, newest first; with `cancelled`, the
    cancelled ones too (a question about the meeting is answered "it was cancelled")."""
    statuses = ("open", "closed", "cancelled") if cancelled else ("open", "closed")
    rows = await session.exec(
        select(Meeting)
        .join(MeetingUnit, col(MeetingUnit.meeting_id) == col(Meeting.id))
        .where(MeetingUnit.unit_id == unit_id, col(Meeting.status).in_(statuses))
        .order_by(col(Meeting.start_at).desc())
    )
    return list(rows.all())


async def invited_units(*, session: AsyncSession, meeting_id: int) -> list[Unit]:
    rows = await session.exec(
        select(Unit).join(MeetingUnit, col(MeetingUnit.unit_id) == col(Unit.id))
        .where(MeetingUnit.meeting_id == meeting_id).order_by(Unit.name)
    )
    return list(rows.all())


async def list_meetings(*, session: AsyncSession, cancelled: bool = False) -> list[Meeting]:
    """Every meeting, newest first; the cancelled ones only when asked for."""
    query = select(Meeting) if cancelled else select(Meeting).where(Meeting.status != "cancelled")
    rows = await session.exec(query.order_by(col(Meeting.start_at).desc()))
    return list(rows.all())
