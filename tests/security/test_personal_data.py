"""Personal data: a person's export and erasure, and no names, phones or channel ids in logs or errors.

Erasure anonymises attendee rows (registrations keep their counts), removes the member's accounts
and leaves an audit row with counts only. On both engines.
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

import bot.dispatch
from bot.dispatch import Sender, dispatch
from handlers.types import Inbound
from storage.members import add_member, identity_for
from storage.models import Attendee, AuditEvent, ChannelAccount, Member, Registration
from storage.personal_data import ERASED_NAME, erase_person, export_person, find_person
from storage.registrations import roster
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime, register

AN = ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919.422.038")
BICH = ("Trần Thị Bích", "Công chức văn hoá", "0987 654 321")


async def test_erasing_an_attendee_keeps_the_registration_count(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    await register(chat_as(make_runtime(db.sessions, clock), "officer"), [AN, BICH])
    async with db.sessions() as s:
        person = await find_person(session=s, phone="+84 919 422 038")
        exported = await export_person(session=s, person=person)
        assert [a["full_name"] for a in exported["attendances"]] == ["Nguyễn Văn An"]
        assert exported["attendances"][0]["phone"] == "0919422038"
        counts = await erase_person(session=s, person=person, actor_id=None, now=clock())
        await s.commit()
    assert counts == {"members": 0, "accounts": 0, "attendances": 1}
    async with db.sessions() as s:
        lines = await roster(session=s, meeting_id=ids["meeting"])
        assert [len(line.attendees) for line in lines] == [2]  # the count stays
        people = {(a.full_name, a.phone, a.email, a.position) for a in lines[0].attendees}
        assert (ERASED_NAME, None, None, None) in people
        assert "Trần Thị Bích" in {a.full_name for a in lines[0].attendees}
        assert "0919422038" not in {a.phone for a in (await s.exec(select(Attendee))).all()}
        audit = (await s.exec(select(AuditEvent).where(AuditEvent.action.in_(["person.export", "person.erase"]))
                              .order_by(AuditEvent.id))).all()  # type: ignore[attr-defined]
        assert [e.action for e in audit] == ["person.export", "person.erase"]
        kept = repr([(e.subject, e.detail) for e in audit])
        assert "0919422038" not in kept and "Nguyễn Văn An" not in kept and "attendances" in kept


async def test_erasing_a_member_removes_their_accounts_and_anonymises_them(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    async with db.sessions() as s:
        lan = await s.get(Member, ids["officer"])
        assert lan is not None
        lan.phone = "0919422038"  # she registered herself too
        await s.commit()
    await register(chat_as(make_runtime(db.sessions, clock), "officer"), [AN])
    async with db.sessions() as s:
        person = await find_person(session=s, member_id=ids["officer"])
        exported = await export_person(session=s, person=person)
        assert exported["members"][0]["full_name"] == "Nguyễn Thị Lan"
        assert [a["external_id"] for a in exported["channel_accounts"]] == ["demo-officer"]
        assert len(exported["attendances"]) == 1 and exported["actions"]  # her registration is in the audit
        await erase_person(session=s, person=person, actor_id=ids["organizer"], now=clock())
        await s.commit()
    async with db.sessions() as s:
        member = await s.get(Member, ids["officer"])
        assert member is not None and (member.full_name, member.phone, member.active) == (ERASED_NAME, None, False)
        assert (await s.exec(select(ChannelAccount).where(ChannelAccount.member_id == ids["officer"]))).all() == []
        assert await identity_for(session=s, channel="console", external_id="demo-officer") is None
        assert len((await s.exec(select(Registration))).all()) == 1  # the unit's registration stands
        with pytest.raises(Exception) as info:
            await find_person(session=s, phone="0919 422 038")  # nothing left under that phone
        assert "person" in str(info.value)


async def test_an_integrity_error_does_not_carry_the_ids_it_was_about(db: Db, clock: Clock) -> None:
    """SQLAlchemy puts parameters in an error's text, which reaches the logs; the engine hides them."""
    await demo_world(db, clock)
    async with db.sessions() as s:
        await add_member(session=s, unit_id=1, full_name="Phạm Văn Cường", role="officer", channel="telegram",
                         external_id="8123456789")
        await s.commit()
    async with db.sessions() as s:
        with pytest.raises(IntegrityError) as info:
            await add_member(session=s, unit_id=1, full_name="Phạm Văn Cường", role="officer", channel="telegram",
                             external_id="8123456789", phone="0912345678")
    text = str(info.value)
    assert "8123456789" not in text and "Phạm Văn Cường" not in text and "0912345678" not in text, text
    assert "hidden" in text  # SQLAlchemy says the parameters were left out


async def test_a_failed_event_is_logged_without_the_chat_id(sqlite_db: Db, clock: Clock,
                                                           caplog: pytest.LogCaptureFixture,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(inbound: Inbound, ctx: object) -> list[object]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(bot.dispatch, "handle", broken)
    sender = Sender(channel="telegram", chat_id="8123456789", user_id="8123456789", user_name="Phạm Văn Cường")
    with caplog.at_level(logging.INFO):
        replies = await dispatch(make_runtime(sqlite_db.sessions, clock), sender, Inbound(text="/help"))
    assert "lỗi" in replies[0].text
    assert "failed to handle an event from chat telegram#" in caplog.text
    assert "8123456789" not in caplog.text and "Cường" not in caplog.text
