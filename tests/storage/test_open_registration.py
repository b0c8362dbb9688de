"""Open registration in storage, on SQLite and PostgreSQL: the codes, the enterprise of a chat for a
meeting, one enterprise per tax code, the cap held by one conditional UPDATE under a race, merging."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import func, select

from domain.attendees import AttendeeDraft
from domain.errors import NotAllowed
from domain.open_registration import EnterpriseDetails, normalise_short_code
from storage.models import InviteGuess, Meeting, MeetingUnit, Registration, Unit
from storage.open_registration import (
    close_link,
    enterprise_for_chat,
    enterprises_of_meeting,
    meeting_by_code,
    open_link,
    register_enterprise,
    update_enterprise,
)
from storage.registrations import save_registration
from storage.unit_merge import merge_units
from tests.conftest import Clock, Db

FIRM = EnterpriseDetails("Công ty TNHH An Phát", "0101248141", "Số 12 đường Lê Lợi", "Trần Thị Hoa", "0912345678")
OTHER = EnterpriseDetails("Công ty CP Bình Minh", "0300588569", "Số 3 đường Ba Tháng Hai", "Lê Văn Tám",
                          "0987654321")


async def _meeting(db: Db, clock: Clock, cap: int = 10) -> int:
    async with db.sessions() as s:
        meeting = Meeting(title="Hội nghị đối thoại doanh nghiệp", start_at=clock.now.replace(day=30),
                          registration_cutoff=clock.now.replace(day=27))
        s.add(meeting)
        await s.flush()
        await open_link(session=s, meeting_id=meeting.id, cap=cap, actor_id=None, now=clock())  # type: ignore[arg-type]
        await s.commit()
        return meeting.id  # type: ignore[return-value]


async def _register(db: Db, clock: Clock, meeting_id: int, who: str, details: EnterpriseDetails) -> int:
    async with db.sessions() as s:
        ident = await register_enterprise(session=s, meeting_id=meeting_id, details=details, channel="telegram",
                                          external_id=who, chat_id=who, now=clock())
        await s.commit()
        return ident.unit_id


async def test_codes_are_made_once_and_found_and_a_wrong_one_is_counted(db: Db, clock: Clock) -> None:
    meeting_id = await _meeting(db, clock)
    async with db.sessions() as s:
        meeting = await s.get(Meeting, meeting_id)
        assert meeting is not None and meeting.open_code and meeting.open_short_code
        link, short = meeting.open_code, meeting.open_short_code
        assert link.startswith("dk_") and len(link) == 25 and normalise_short_code(short) == short
        await close_link(session=s, meeting_id=meeting_id, actor_id=None, now=clock())
        again = await open_link(session=s, meeting_id=meeting_id, cap=3, actor_id=None, now=clock())
        assert (again.open_code, again.open_short_code, again.open_closed_at, again.open_cap) == (link, short, None, 3)
        found = await meeting_by_code(session=s, code=link, channel="zalo", external_id="x", now=clock())
        typed = await meeting_by_code(session=s, code=f"{short[:2]}-{short[2:]}".lower(), channel="zalo",
                                      external_id="x", now=clock())
        assert found.id == typed.id == meeting_id
        with pytest.raises(NotAllowed) as wrong:
            await meeting_by_code(session=s, code="DNABCD234", channel="zalo", external_id="x", now=clock())
        assert wrong.value.code == "open_code_unknown"
        assert (await s.exec(select(func.count()).select_from(InviteGuess))).one() == 1
        await s.commit()


async def test_one_enterprise_per_tax_code_and_per_chat(db: Db, clock: Clock) -> None:
    meeting_id = await _meeting(db, clock)
    unit_id = await _register(db, clock, meeting_id, "chat-1", FIRM)
    with pytest.raises(NotAllowed) as taken:
        await _register(db, clock, meeting_id, "chat-2", FIRM)
    assert taken.value.code == "open_tax_taken"
    with pytest.raises(NotAllowed) as again:
        await _register(db, clock, meeting_id, "chat-1", OTHER)
    assert again.value.code == "open_other_unit"
    async with db.sessions() as s:
        mine = await enterprise_for_chat(session=s, channel="telegram", external_id="chat-1", meeting_id=meeting_id)
        assert mine is not None and mine.id == unit_id
        assert await enterprise_for_chat(session=s, channel="telegram", external_id="chat-2",
                                         meeting_id=meeting_id) is None
        assert await enterprise_for_chat(session=s, channel="zalo", external_id="chat-1",
                                         meeting_id=meeting_id) is None
        listed = await enterprises_of_meeting(session=s, meeting_id=meeting_id)
        assert [(u.tax_code, n) for u, n in listed] == [("0101248141", 0)]
        assert (await s.get(Meeting, meeting_id)).open_count == 1  # type: ignore[union-attr]
    second = await _register(db, clock, meeting_id, "chat-2", OTHER)
    async with db.sessions() as s:  # taking another's tax code by an edit is refused as well
        with pytest.raises(NotAllowed) as edit:
            await update_enterprise(session=s, unit_id=second, meeting_id=meeting_id,
                                    details=EnterpriseDetails(**{**OTHER.to_data(), "tax_code": FIRM.tax_code}),
                                    actor_id=None, now=clock())  # type: ignore[arg-type]
        assert edit.value.code == "open_tax_taken"


async def test_two_at_the_last_place_cannot_both_get_in(db: Db, clock: Clock) -> None:
    meeting_id = await _meeting(db, clock, cap=1)
    results = await asyncio.gather(_register(db, clock, meeting_id, "chat-1", FIRM),
                                   _register(db, clock, meeting_id, "chat-2", OTHER), return_exceptions=True)
    refused = [r for r in results if isinstance(r, NotAllowed)]
    assert len(refused) == 1 and refused[0].code == "open_full", results
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Unit))).one() == 1  # the loser left nothing
        assert (await s.get(Meeting, meeting_id)).open_count == 1  # type: ignore[union-attr]


async def test_a_closed_or_cancelled_link_takes_nobody(db: Db, clock: Clock) -> None:
    meeting_id = await _meeting(db, clock)
    async with db.sessions() as s:
        await close_link(session=s, meeting_id=meeting_id, actor_id=None, now=clock())
        await s.commit()
    with pytest.raises(NotAllowed) as closed:
        await _register(db, clock, meeting_id, "chat-1", FIRM)
    assert closed.value.code == "open_closed"
    async with db.sessions() as s:
        meeting = await s.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.status = "cancelled"
        await s.commit()
        with pytest.raises(NotAllowed):
            await open_link(session=s, meeting_id=meeting_id, cap=5, actor_id=None, now=clock())


async def test_merge_moves_members_invitations_and_registrations(db: Db, clock: Clock) -> None:
    meeting_id = await _meeting(db, clock)
    source = await _register(db, clock, meeting_id, "chat-1", FIRM)
    async with db.sessions() as s:
        target = Unit(kind="enterprise", name="Công ty TNHH An Phát", name_key="cong ty tnhh an phat")
        s.add(target)
        await s.flush()
        await save_registration(session=s, meeting_id=meeting_id, unit_id=source, based_on_version=None,
                                attendees=[AttendeeDraft("Trần Thị Hoa", None, "0912345678", None, True)],
                                actor_id=None, now=clock())
        await s.commit()
        target_id = target.id
    assert target_id is not None
    async with db.sessions() as s:
        with pytest.raises(NotAllowed):
            await merge_units(session=s, source_id=target_id, target_id=source, actor_id=None)
        moved = await merge_units(session=s, source_id=source, target_id=target_id, actor_id=None)
        await s.commit()
    assert moved == {"member": 1, "meetingunit": 1, "registration": 1}
    async with db.sessions() as s:
        assert await s.get(Unit, source) is None
        merged = await s.get(Unit, target_id)
        assert merged is not None and merged.tax_code == FIRM.tax_code and merged.address == FIRM.address
        assert await s.get(MeetingUnit, (meeting_id, target_id)) is not None
        reg = (await s.exec(select(Registration))).one()
        assert reg.unit_id == target_id
        mine = await enterprise_for_chat(session=s, channel="telegram", external_id="chat-1", meeting_id=meeting_id)
        assert mine is not None and mine.id == target_id  # the registrant keeps working, for the directory unit


async def test_merge_refuses_two_registrations_for_one_meeting(db: Db, clock: Clock) -> None:
    meeting_id = await _meeting(db, clock)
    source = await _register(db, clock, meeting_id, "chat-1", FIRM)
    target = await _register(db, clock, meeting_id, "chat-2", OTHER)
    async with db.sessions() as s:
        unit = await s.get(Unit, target)
        assert unit is not None
        unit.self_registered = False  # as if it were the directory's
        for unit_id, phone in ((source, "0912345678"), (target, "0987654321")):
            await save_registration(session=s, meeting_id=meeting_id, unit_id=unit_id, based_on_version=None,
                                    attendees=[AttendeeDraft("Lê Văn Tám", None, phone, None, True)],
                                    actor_id=None, now=clock())
        await s.commit()
    async with db.sessions() as s:
        with pytest.raises(NotAllowed) as both:
            await merge_units(session=s, source_id=source, target_id=target, actor_id=None)
        assert both.value.code == "merge_both_registered"
