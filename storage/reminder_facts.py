"""What the reminder policies need to know, read in a few statements: people, open cutoffs,
coming meetings, deadlines not yet past, and who has acted on each."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.petition_reminders import PetitionDue
from domain.reminders import CutoffFacts, DeadlineFacts, Facts, MeetingFacts, Person
from storage.models import Attendee, Deadline, DeadlineUnit, Meeting, MeetingUnit, Member, Registration, saved_id
from storage.outbox import asked_counts
from storage.petitions import waiting_petitions

# A deadline's legal end can be a week after it as written (Tết): look that far back.
_LEGAL_SLACK = timedelta(days=12)


async def people(*, session: AsyncSession) -> list[Person]:
    rows = (await session.exec(select(Member).where(col(Member.active).is_(True)).order_by(col(Member.id)))).all()
    return [Person(m.id, m.unit_id, m.role, m.mute_reminders) for m in rows]  # type: ignore[arg-type]


async def _by_meeting(session: AsyncSession, model: type, meeting_ids: list[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {i: set() for i in meeting_ids}
    if meeting_ids:
        rows = (await session.exec(select(model.meeting_id, model.unit_id)  # type: ignore[attr-defined]
                                   .where(col(model.meeting_id).in_(meeting_ids)))).all()  # type: ignore[attr-defined]
        for meeting_id, unit_id in rows:
            out[meeting_id].add(unit_id)
    return out


async def attendee_members(*, session: AsyncSession, meeting_ids: list[int]) -> dict[int, set[int]]:
    """Attendees who are members themselves (same phone): they are reminded in person too."""
    out: dict[int, set[int]] = {i: set() for i in meeting_ids}
    if not meeting_ids:
        return out
    rows = (await session.exec(
        select(Registration.meeting_id, Member.id)
        .join(Attendee, col(Attendee.registration_id) == col(Registration.id))
        .join(Member, col(Member.phone) == col(Attendee.phone))
        .where(col(Registration.meeting_id).in_(meeting_ids), col(Member.active).is_(True)))).all()
    for meeting_id, member_id in rows:
        out[meeting_id].add(member_id)  # type: ignore[arg-type]
    return out


async def gather(*, session: AsyncSession, now: datetime) -> Facts:
    """Everything `domain.reminders.plan` looks at, as of `now`."""
    open_meetings = (await session.exec(select(Meeting).where(
        Meeting.status == "open", col(Meeting.registration_cutoff) > now))).all()
    # A meeting known only by its day or period (time_label) has no hour to remind before: its
    # reminders start once the organiser sets the time, which clears the label.
    coming = (await session.exec(select(Meeting).where(
        col(Meeting.status).in_(("open", "closed")), col(Meeting.start_at) > now,
        col(Meeting.time_label).is_(None)))).all()
    ids = sorted({m.id for m in (*open_meetings, *coming) if m.id is not None})
    invited = await _by_meeting(session, MeetingUnit, ids)
    registered = await _by_meeting(session, Registration, ids)
    with_account = await attendee_members(session=session, meeting_ids=[m.id for m in coming if m.id is not None])
    cutoffs = [CutoffFacts(m.id, m.registration_cutoff, m.created_at, frozenset(invited[m.id]),  # type: ignore[arg-type, index]
                           frozenset(registered[m.id])) for m in open_meetings]  # type: ignore[index]
    meetings = [MeetingFacts(m.id, m.start_at, m.created_at, frozenset(registered[m.id]),  # type: ignore[arg-type, index]
                             frozenset(with_account[m.id])) for m in coming]  # type: ignore[index]
    # A cancelled deadline reminds no one (its row stays, with who submitted).
    deadlines = (await session.exec(select(Deadline).where(col(Deadline.due_at) > now - _LEGAL_SLACK,
                                                           col(Deadline.cancelled_at).is_(None)))).all()
    owed: dict[int, dict[int, bool]] = {d.id: {} for d in deadlines}  # type: ignore[misc]
    if owed:
        links = await session.exec(select(DeadlineUnit).where(col(DeadlineUnit.deadline_id).in_(list(owed))))
        for link in links.all():
            owed[link.deadline_id][link.unit_id] = link.submitted_at is not None
    facts = [DeadlineFacts(d.id, d.due_at, d.created_at, frozenset(owed[d.id]),  # type: ignore[arg-type, index]
                           frozenset(u for u, done in owed[d.id].items() if done))  # type: ignore[index]
             for d in deadlines]
    return Facts(people=await people(session=session), cutoffs=cutoffs, meetings=meetings, deadlines=facts,
                 asked=await asked_counts(session=session))


async def meeting_units(*, session: AsyncSession, meeting_id: int) -> tuple[set[int], set[int]]:
    """(invited, registered) units of one meeting."""
    invited = await _by_meeting(session, MeetingUnit, [meeting_id])
    registered = await _by_meeting(session, Registration, [meeting_id])
    return invited[meeting_id], registered[meeting_id]


async def petition_facts(*, session: AsyncSession, now: datetime) -> list[PetitionDue]:
    """Petitions waiting for their assigned unit's answer, due ahead (domain/petition_reminders.py)."""
    return [PetitionDue(saved_id(p), p.assigned_unit_id, p.answer_due, p.assigned_at or p.updated_at)
            for p in await waiting_petitions(session=session, now=now)
            if p.assigned_unit_id is not None and p.answer_due is not None]
