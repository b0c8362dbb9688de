"""Registrations: a unit's attendee list for a meeting, saved whole, guarded by a version."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.attendees import AttendeeDraft, check_list, registration_open
from domain.errors import Conflict, NotAllowed, NotFound
from storage.audit import record
from storage.models import Attendee, Meeting, MeetingUnit, Registration, Unit, saved_id


@dataclass(frozen=True)
class RosterLine:
    unit: Unit
    registration: Registration
    attendees: list[Attendee]


async def registration_of(*, session: AsyncSession, meeting_id: int, unit_id: int
                          ) -> tuple[Registration | None, list[Attendee]]:
    """The unit's registration for the meeting and its attendees (focal point first)."""
    reg = (await session.exec(select(Registration).where(
        Registration.meeting_id == meeting_id, Registration.unit_id == unit_id))).first()
    if reg is None:
        return None, []
    people = (await session.exec(select(Attendee).where(Attendee.registration_id == reg.id)
                                 .order_by(col(Attendee.is_focal_point).desc(), col(Attendee.id)))).all()
    return reg, list(people)


async def _invited(session: AsyncSession, meeting_id: int, unit_id: int) -> bool:
    row = await session.get(MeetingUnit, (meeting_id, unit_id))
    return row is not None


async def save_registration(*, session: AsyncSession, meeting_id: int, unit_id: int,
                            attendees: Sequence[AttendeeDraft], based_on_version: int | None,
                            actor_id: int | None, now: datetime) -> Registration | None:
    """Replace the unit's attendee list with `attendees`, as one change.

    `based_on_version` is the version the person was looking at (None: there was no
    registration). If someone else of the unit saved in between, Conflict is raised and
    nothing changes. An empty list withdraws the registration (returns None).
    """
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("meeting")
    if not await _invited(session, meeting_id, unit_id):
        raise NotAllowed("not_invited")
    if meeting.status == "cancelled":
        raise NotAllowed("meeting_cancelled")
    if not registration_open(meeting.registration_cutoff, meeting.status, now):
        raise NotAllowed("registration_closed")
    check_list(list(attendees))
    current, _ = await registration_of(session=session, meeting_id=meeting_id, unit_id=unit_id)
    if based_on_version is None and current is not None:
        raise Conflict("registration_changed")
    if current is not None:
        bumped = await session.exec(
            update(Registration)
            .where(col(Registration.id) == current.id, col(Registration.version) == based_on_version)
            .values(version=Registration.version + 1, updated_at=now)
        )
        if bumped.rowcount != 1:
            raise Conflict("registration_changed")
        await session.exec(delete(Attendee).where(col(Attendee.registration_id) == current.id))
        reg = current
        await session.refresh(reg)
    else:
        if not attendees:
            return None
        reg = Registration(meeting_id=meeting_id, unit_id=unit_id, created_by=actor_id, created_at=now,
                           updated_at=now)
        try:
            async with session.begin_nested():
                session.add(reg)
                await session.flush()
        except IntegrityError as exc:
            raise Conflict("registration_changed") from exc
    if not attendees:
        await session.delete(reg)
        record(session=session, actor_id=actor_id, action="registration.withdraw",
               subject=f"meeting:{meeting_id}", unit_id=unit_id)
        await session.flush()
        return None
    for person in attendees:
        session.add(Attendee(registration_id=saved_id(reg), full_name=person.full_name, position=person.position,
                             phone=person.phone, email=person.email, is_focal_point=person.is_focal_point,
                             created_at=now))
    record(session=session, actor_id=actor_id, action="registration.save", subject=f"meeting:{meeting_id}",
           unit_id=unit_id, attendees=len(attendees), version=reg.version)
    await session.flush()
    return reg


async def roster(*, session: AsyncSession, meeting_id: int) -> list[RosterLine]:
    """Every registered unit with its attendees, by unit name."""
    regs = (await session.exec(
        select(Registration, Unit).join(Unit, col(Unit.id) == col(Registration.unit_id))
        .where(Registration.meeting_id == meeting_id).order_by(Unit.name))).all()
    if not regs:
        return []
    people = (await session.exec(
        select(Attendee).where(col(Attendee.registration_id).in_([r.id for r, _ in regs]))
        .order_by(col(Attendee.is_focal_point).desc(), col(Attendee.id)))).all()
    by_reg: dict[int, list[Attendee]] = {}
    for person in people:
        by_reg.setdefault(person.registration_id, []).append(person)
    return [RosterLine(unit, reg, by_reg.get(saved_id(reg), [])) for reg, unit in regs]


async def units_not_registered(*, session: AsyncSession, meeting_id: int) -> list[Unit]:
    """Invited units with no registration yet, by name."""
    registered = select(Registration.unit_id).where(Registration.meeting_id == meeting_id)
    rows = await session.exec(
        select(Unit).join(MeetingUnit, col(MeetingUnit.unit_id) == col(Unit.id))
        .where(MeetingUnit.meeting_id == meeting_id, col(Unit.id).not_in(registered))
        .order_by(Unit.name))
    return list(rows.all())


async def invited_count(*, session: AsyncSession, meeting_id: int) -> int:
    return (await session.exec(select(func.count()).select_from(MeetingUnit)
                               .where(MeetingUnit.meeting_id == meeting_id))).one()
