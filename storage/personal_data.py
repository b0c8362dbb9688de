"""A person's data on request: everything we hold on them (export), and its erasure.

Vietnam's Personal Data Protection Law (Law 91/2025/QH15) gives a person the right to see and
to have erased what is held on them. A person is found by member id or by phone number: an
attendee is a name and a phone an officer typed, not an account, so the phone is what ties
their rows together. Erasure anonymises rather than deletes where others' records depend on the
row (a unit's registration keeps its count of attendees), and deletes what only served the
person (channel accounts, link codes, downloads, conversation state).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import InvalidInput, NotFound
from domain.phones import canonical_phone
from storage.audit import record
from storage.guesses import guesser
from storage.models import (
    Attendee,
    AuditEvent,
    ChannelAccount,
    ConversationState,
    Download,
    InviteGuess,
    LinkCode,
    Meeting,
    Member,
    Registration,
    ReminderOutbox,
    Unit,
    saved_id,
)

ERASED_NAME = "Đã xoá"


@dataclass(frozen=True)
class Person:
    """Who a request is about: the member rows and the phone numbers that are theirs."""

    members: list[Member]
    phones: list[str]


async def find_person(*, session: AsyncSession, member_id: int | None = None, phone: str | None = None) -> Person:
    """The member (by id) and/or everyone with the phone; NotFound when nothing matches."""
    if member_id is None and not phone:
        raise InvalidInput("person_needs_key")
    phones: list[str] = []
    if phone:
        canonical = canonical_phone(phone)
        if canonical is None:
            raise InvalidInput("phone_format")
        phones.append(canonical)
    members: dict[int, Member] = {}
    if member_id is not None:
        member = await session.get(Member, member_id)
        if member is None:
            raise NotFound("member", name=str(member_id))
        members[member_id] = member
    if phones:
        for member in (await session.exec(select(Member).where(col(Member.phone).in_(phones)))).all():
            members[saved_id(member)] = member
    phones += [m.phone for m in members.values() if m.phone and m.phone not in phones]
    if not members and not (await _attendees(session, phones)):
        raise NotFound("person", name="")
    return Person(list(members.values()), phones)


async def _attendees(session: AsyncSession, phones: list[str]) -> list[tuple[Attendee, Registration, Unit, Meeting]]:
    if not phones:
        return []
    rows = await session.exec(
        select(Attendee, Registration, Unit, Meeting)
        .join(Registration, col(Registration.id) == col(Attendee.registration_id))
        .join(Unit, col(Unit.id) == col(Registration.unit_id))
        .join(Meeting, col(Meeting.id) == col(Registration.meeting_id))
        .where(col(Attendee.phone).in_(phones)).order_by(col(Attendee.id)))
    return [(a, r, u, m) for a, r, u, m in rows.all()]


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


async def export_person(*, session: AsyncSession, person: Person, actor_id: int | None = None,
                        via: str = "cli") -> dict[str, Any]:
    """Everything held on the person, as plain JSON values; the export itself is audited."""
    ids = [saved_id(m) for m in person.members]
    accounts = (await session.exec(select(ChannelAccount).where(col(ChannelAccount.member_id).in_(ids))
                                   .order_by(col(ChannelAccount.id)))).all() if ids else []
    units = {u.id: u.name for u in (await session.exec(select(Unit))).all()}
    audit = (await session.exec(select(AuditEvent).where(col(AuditEvent.actor_id).in_(ids))
                                .order_by(col(AuditEvent.id)))).all() if ids else []
    data: dict[str, Any] = {
        "members": [{"id": m.id, "full_name": m.full_name, "role": m.role, "unit": units.get(m.unit_id),
                     "phone": m.phone, "active": m.active, "created_at": _when(m.created_at)}
                    for m in person.members],
        "channel_accounts": [{"member_id": a.member_id, "channel": a.channel, "external_id": a.external_id,
                              "chat_id": a.chat_id, "language": a.language, "created_at": _when(a.created_at),
                              "last_seen_at": _when(a.last_seen_at)} for a in accounts],
        "attendances": [{"meeting": m.title, "meeting_id": m.id, "unit": u.name, "full_name": a.full_name,
                         "position": a.position, "phone": a.phone, "email": a.email,
                         "focal_point": a.is_focal_point, "registered_at": _when(a.created_at)}
                        for a, _r, u, m in await _attendees(session, person.phones)],
        "actions": [{"at": _when(e.at), "action": e.action, "subject": e.subject} for e in audit],
        # The person as an enterprise's contact (open registration, issue 15).
        "unit_contacts": [{"unit": u.name, "unit_id": u.id, "contact_name": u.contact_name,
                           "contact_phone": u.contact_phone} for u in await _unit_contacts(session, person.phones)],
    }
    record(session=session, actor_id=actor_id, action="person.export", subject=_subject(person), via=via,
           members=len(data["members"]), attendances=len(data["attendances"]))
    await session.flush()
    return data


async def _unit_contacts(session: AsyncSession, phones: list[str]) -> list[Unit]:
    """Units (self-registered enterprises) that name the person as their contact, by phone."""
    if not phones:
        return []
    return list((await session.exec(select(Unit).where(col(Unit.contact_phone).in_(phones))
                                    .order_by(col(Unit.id)))).all())


def _subject(person: Person) -> str | None:
    """The audit's subject: member ids are not personal data once erased; a phone alone is left out."""
    return ",".join(f"member:{m.id}" for m in person.members)[:120] or None


async def erase_person(*, session: AsyncSession, person: Person, actor_id: int | None, now: datetime,
                       via: str = "cli") -> dict[str, int]:
    """Anonymise the person's attendee and member rows, delete what only served them; audit it
    with counts, never the data. Registrations keep their attendee counts."""
    ids = [saved_id(m) for m in person.members]
    attendees = await _attendees(session, person.phones)
    for attendee, *_ in attendees:
        attendee.full_name, attendee.phone, attendee.email, attendee.position = ERASED_NAME, None, None, None
    accounts = list((await session.exec(select(ChannelAccount).where(col(ChannelAccount.member_id).in_(ids))
                                        )).all()) if ids else []
    for account in accounts:
        await session.exec(delete(ConversationState).where(col(ConversationState.channel) == account.channel,
                                                           col(ConversationState.user_id) == account.external_id))
        await session.exec(delete(InviteGuess).where(col(InviteGuess.who) == guesser(account.channel,
                                                                                    account.external_id)))
    if accounts:
        account_ids = [saved_id(a) for a in accounts]
        await session.exec(update(ReminderOutbox).where(col(ReminderOutbox.account_id).in_(account_ids))
                           .values(account_id=None))
        await session.flush()
        await session.exec(delete(ChannelAccount).where(col(ChannelAccount.id).in_(account_ids)))
    if ids:
        await session.exec(delete(LinkCode).where(col(LinkCode.member_id).in_(ids)))
        await session.exec(delete(Download).where(col(Download.member_id).in_(ids)))
    for member in person.members:
        member.full_name, member.phone, member.active = ERASED_NAME, None, False
    contacts = await _unit_contacts(session, person.phones)
    for unit in contacts:
        unit.contact_name, unit.contact_phone = ERASED_NAME, None
    counts = {"members": len(ids), "accounts": len(accounts), "attendances": len(attendees)}
    if contacts:  # an enterprise's contact person (open registration)
        counts["unit_contacts"] = len(contacts)
    record(session=session, actor_id=actor_id, action="person.erase", subject=_subject(person), via=via,
           **counts)
    await session.flush()
    return counts
