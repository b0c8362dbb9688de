"""Open registration by link: a meeting's public codes, and the enterprises that register
themselves through them (issue 15).

An organiser opens the link (two codes: a random deep-link payload, and a short code typed on
Zalo), may cap the organisations and close it at any time. Whoever follows it registers an
organisation: a Unit of kind "enterprise", self-registered, with its tax code (unique, so a
second chat cannot take over the first's enterprise), and becomes its member on this chat; the
attendees then go through the ordinary registration (storage/registrations.py).
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.attendees import registration_open
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.guess_limit import minutes_left
from domain.open_registration import (
    LINK_PREFIX,
    LINK_RANDOM_BYTES,
    SHORT_ALPHABET,
    SHORT_LENGTH,
    SHORT_PREFIX,
    EnterpriseDetails,
    link_state,
    normalise_short_code,
)
from domain.text import fold
from storage.audit import record
from storage.guesses import guess_lock, guesser, note_failed_guess
from storage.members import Identity
from storage.models import Attendee, ChannelAccount, Meeting, MeetingUnit, Member, Registration, Unit, saved_id

ENTERPRISE = "enterprise"


def _new_link_code() -> str:
    return LINK_PREFIX + secrets.token_urlsafe(LINK_RANDOM_BYTES)


def _new_short_code() -> str:
    while True:
        code = SHORT_PREFIX + "".join(secrets.choice(SHORT_ALPHABET) for _ in range(SHORT_LENGTH))
        if normalise_short_code(code) == code:  # mixes letters and digits, as every code we read does
            return code


async def _meeting(session: AsyncSession, meeting_id: int) -> Meeting:
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("meeting", name=str(meeting_id))
    return meeting


async def open_link(*, session: AsyncSession, meeting_id: int, cap: int, actor_id: int | None,
                    now: datetime) -> Meeting:
    """Open (or reopen) the meeting's public link with at most `cap` organisations.

    The codes are made once and kept: a notice already published stays right after a close and
    a reopening. A cancelled meeting takes no link."""
    if cap < 1:
        raise InvalidInput("open_cap_bad")
    meeting = await _meeting(session, meeting_id)
    if meeting.status == "cancelled":
        raise NotAllowed("meeting_cancelled")
    if meeting.open_code is None:
        meeting.open_code, meeting.open_short_code = _new_link_code(), _new_short_code()
    meeting.open_cap, meeting.open_closed_at = cap, None
    session.add(meeting)
    record(session=session, actor_id=actor_id, action="open_registration.open", subject=f"meeting:{meeting_id}",
           cap=cap)
    await session.flush()
    return meeting


async def close_link(*, session: AsyncSession, meeting_id: int, actor_id: int | None, now: datetime) -> Meeting:
    """Close the public link now: it answers "đã đóng"; enterprises already in keep their registration."""
    meeting = await _meeting(session, meeting_id)
    if meeting.open_code is None:
        raise NotAllowed("open_never")
    if meeting.open_closed_at is None:
        meeting.open_closed_at = now
        session.add(meeting)
        record(session=session, actor_id=actor_id, action="open_registration.close",
               subject=f"meeting:{meeting_id}")
        await session.flush()
    return meeting


async def meeting_by_code(*, session: AsyncSession, code: str, channel: str, external_id: str,
                          now: datetime) -> Meeting:
    """The meeting whose public link or Zalo code this is. A wrong code counts towards the account's
    guess limit like a wrong invite (the short code is short); past the limit no code is looked at."""
    who = guesser(channel, external_id)
    locked = await guess_lock(session=session, who=who, now=now)
    if locked is not None:
        record(session=session, actor_id=None, action="open_registration.guess_locked",
               subject=f"guesser:{who[:16]}", channel=channel)
        raise NotAllowed("invite_wait", minutes=minutes_left(locked, now))
    short = normalise_short_code(code)
    column = col(Meeting.open_short_code) if short else col(Meeting.open_code)
    meeting = (await session.exec(select(Meeting).where(column == (short or code.strip())))).first()
    if meeting is None:
        await note_failed_guess(session=session, who=who, channel=channel, reason="open_code_unknown", now=now)
        raise NotAllowed("open_code_unknown")
    return meeting


def refusal(meeting: Meeting, now: datetime) -> str | None:
    """Why the link takes nobody new now (a text key), or None while it is open and not full."""
    state = link_state(open_code=meeting.open_code, closed_at=meeting.open_closed_at, status=meeting.status,
                       cutoff=meeting.registration_cutoff, now=now)
    if state != "open":
        return f"open_{state}"
    if meeting.open_cap is not None and meeting.open_count >= meeting.open_cap:
        return "open_full"
    return None


async def enterprise_for_chat(*, session: AsyncSession, channel: str, external_id: str,
                              meeting_id: int) -> Unit | None:
    """The enterprise this chat's account registers for this meeting, or None."""
    row = (await session.exec(
        select(Unit)
        .join(Member, col(Member.unit_id) == col(Unit.id))
        .join(ChannelAccount, col(ChannelAccount.member_id) == col(Member.id))
        .join(MeetingUnit, col(MeetingUnit.unit_id) == col(Unit.id))
        .where(ChannelAccount.channel == channel, ChannelAccount.external_id == external_id,
               col(Member.active).is_(True), Unit.kind == ENTERPRISE, MeetingUnit.meeting_id == meeting_id))).first()
    return row


async def _take_a_place(session: AsyncSession, meeting: Meeting, now: datetime) -> None:
    """Count one more organisation, in one conditional UPDATE: two at the cap cannot both get in."""
    reason = refusal(meeting, now)
    if reason is not None:
        raise NotAllowed(reason)
    taken = await session.exec(
        update(Meeting)
        .where(col(Meeting.id) == meeting.id, col(Meeting.open_closed_at).is_(None),
               col(Meeting.open_code).is_not(None),
               col(Meeting.open_cap).is_(None) | (col(Meeting.open_count) < col(Meeting.open_cap)))
        .values(open_count=Meeting.open_count + 1))
    if taken.rowcount != 1:
        await session.refresh(meeting)
        raise NotAllowed(refusal(meeting, now) or "open_full")
    await session.refresh(meeting)


async def _tax_code_free(session: AsyncSession, tax_code: str, except_unit: int | None = None) -> None:
    owner = (await session.exec(select(Unit).where(Unit.tax_code == tax_code))).first()
    if owner is not None and owner.id != except_unit:
        raise NotAllowed("open_tax_taken")


def _name_key(name: str, tax_code: str) -> str:
    """Unique (the tax code is), and never the directory's plain name, so a name look-up keeps to the directory."""
    suffix = f" [mst {tax_code}]"
    return fold(name)[:255 - len(suffix)] + suffix


async def register_enterprise(*, session: AsyncSession, meeting_id: int, details: EnterpriseDetails, channel: str,
                              external_id: str, chat_id: str, now: datetime) -> Identity:
    """A new self-registered enterprise invited to the meeting, and this account its member (named as
    the contact person: the form asks for the name, the chat's display name may be anything).

    Refused (NotAllowed) when the link is closed or full, the cutoff passed, the tax code is
    another registrant's, or the account already belongs to an active member (of any unit)."""
    meeting = await _meeting(session, meeting_id)
    account = (await session.exec(select(ChannelAccount).where(ChannelAccount.channel == channel,
                                                               ChannelAccount.external_id == external_id))).first()
    member = await session.get(Member, account.member_id) if account is not None else None
    if member is not None and member.active:
        raise NotAllowed("open_other_unit")
    await _tax_code_free(session, details.tax_code)
    unit = Unit(kind=ENTERPRISE, name=details.name, name_key=_name_key(details.name, details.tax_code),
                short_names=[], self_registered=True, registered_meeting_id=meeting_id, tax_code=details.tax_code,
                address=details.address, contact_name=details.contact_name, contact_phone=details.contact_phone,
                created_at=now)
    try:
        async with session.begin_nested():
            session.add(unit)
            await session.flush()
    except IntegrityError as exc:  # the same tax code saved a moment ago by another chat
        raise NotAllowed("open_tax_taken") from exc
    await _take_a_place(session, meeting, now)
    unit_id = saved_id(unit)
    session.add(MeetingUnit(meeting_id=meeting_id, unit_id=unit_id))
    if member is None:
        member = Member(full_name=details.contact_name, role="officer", unit_id=unit_id,
                        phone=details.contact_phone)
        session.add(member)
        await session.flush()
    else:  # a person removed earlier comes back on their old rows: the account is the same account
        member.unit_id, member.role, member.active = unit_id, "officer", True
        member.full_name, member.phone = details.contact_name, details.contact_phone
    if account is None:
        account = ChannelAccount(member_id=saved_id(member), channel=channel, external_id=external_id,
                                 chat_id=chat_id)
        session.add(account)
    account.chat_id, account.reachable, account.last_seen_at = chat_id, True, now
    await session.flush()
    record(session=session, actor_id=member.id, action="enterprise.register", subject=f"unit:{unit_id}",
           meeting_id=meeting_id, via=channel)
    return Identity(member, unit, account)


async def join_by_link(*, session: AsyncSession, meeting_id: int, unit_id: int, actor_id: int, now: datetime) -> None:
    """An enterprise already known (registered for another meeting) takes a place in this one."""
    if await session.get(MeetingUnit, (meeting_id, unit_id)) is not None:
        return
    await _take_a_place(session, await _meeting(session, meeting_id), now)
    session.add(MeetingUnit(meeting_id=meeting_id, unit_id=unit_id))
    record(session=session, actor_id=actor_id, action="enterprise.join", subject=f"unit:{unit_id}",
           meeting_id=meeting_id)
    await session.flush()


async def update_enterprise(*, session: AsyncSession, unit_id: int, meeting_id: int, details: EnterpriseDetails,
                            actor_id: int, now: datetime) -> Unit:
    """Change the enterprise's own details, until the meeting's cutoff; a tax code stays one enterprise's."""
    meeting = await _meeting(session, meeting_id)
    unit = await session.get(Unit, unit_id)
    if unit is None or unit.kind != ENTERPRISE or await session.get(MeetingUnit, (meeting_id, unit_id)) is None:
        raise NotFound("unit", name=str(unit_id))
    if meeting.status == "cancelled":
        raise NotAllowed("meeting_cancelled")
    if not registration_open(meeting.registration_cutoff, meeting.status, now):
        raise NotAllowed("registration_closed")
    # A directory enterprise may lack some of them: what is still empty stays NULL (the tax code is unique).
    wanted = {f: (getattr(details, f) or None) for f in ("tax_code", "address", "contact_name", "contact_phone")}
    wanted["name"] = details.name or unit.name
    if wanted["tax_code"] is not None and wanted["tax_code"] != unit.tax_code:
        await _tax_code_free(session, str(wanted["tax_code"]), except_unit=unit_id)
    changed = sorted(f for f, value in wanted.items() if getattr(unit, f) != value)
    if not changed:
        return unit
    for field in changed:
        setattr(unit, field, wanted[field])
    if unit.self_registered and unit.tax_code:
        unit.name_key = _name_key(unit.name, unit.tax_code)
    try:
        async with session.begin_nested():
            session.add(unit)
            await session.flush()
    except IntegrityError as exc:
        raise NotAllowed("open_tax_taken") from exc
    record(session=session, actor_id=actor_id, action="enterprise.update", subject=f"unit:{unit_id}",
           meeting_id=meeting_id, fields=changed)
    return unit


def details_of(unit: Unit) -> EnterpriseDetails:
    """The enterprise's details as its registrant edits them ("" for what a directory unit lacks)."""
    return EnterpriseDetails(name=unit.name, tax_code=unit.tax_code or "", address=unit.address or "",
                             contact_name=unit.contact_name or "", contact_phone=unit.contact_phone or "")


async def enterprises_of_meeting(*, session: AsyncSession, meeting_id: int) -> list[tuple[Unit, int]]:
    """The enterprises invited to the meeting (self-registered or merged), each with its attendee count."""
    people = (select(func.count(col(Attendee.id)))
              .join(Registration, col(Registration.id) == col(Attendee.registration_id))
              .where(col(Registration.unit_id) == col(Unit.id), col(Registration.meeting_id) == meeting_id)
              .correlate(Unit).scalar_subquery())
    rows = (await session.exec(
        select(Unit, people).join(MeetingUnit, col(MeetingUnit.unit_id) == col(Unit.id))
        .where(MeetingUnit.meeting_id == meeting_id, Unit.kind == ENTERPRISE).order_by(col(Unit.name)))).all()
    return [(unit, int(count or 0)) for unit, count in rows]
