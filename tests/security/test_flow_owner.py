"""A flow belongs to one person and one unit (issue 8.1), checked on every step, on both engines.

State is keyed by (channel, chat, person): somebody else in the same chat has a state of their
own and cannot continue, confirm or read another's draft. And a flow carries the member and
unit it was started for: a member who joined another unit from a second chat cannot confirm
the first chat's draft into the new unit; the flow ends with a note and nothing is saved.
"""

from __future__ import annotations

from sqlmodel import func, select

from handlers.texts import t
from handlers.types import Inbound
from storage.members import create_invite
from storage.models import Attendee, ChannelAccount, Member, Registration
from storage.registrations import registration_of
from storage.units import find_unit
from tests.conftest import Clock, Db
from tests.flows.harness import Chat, chat_as, demo_world, make_runtime

SHARED = "chat-shared-by-two"


async def _draft(chat: Chat) -> None:
    """Open the registration and type one attendee, up to the menu with "Xác nhận gửi"."""
    await chat.say("/dangky")
    await chat.press("Thêm người")
    for answer in ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919 422 038", "-", "Có"):
        await chat.say(answer)
    assert "Xác nhận gửi" in " ".join(chat.labels())


async def _registrations(db: Db) -> int:
    async with db.sessions() as s:
        return (await s.exec(select(func.count()).select_from(Registration))).one()


async def test_another_person_in_the_same_chat_cannot_continue_or_confirm(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    lan, binh = chat_as(runtime, "officer", SHARED), chat_as(runtime, "officer-2", SHARED)
    await _draft(lan)

    pressed = await binh.send(Inbound(choice=lan.choice_key("Xác nhận gửi")))  # Lan's button, Bình's press
    assert [r.text for r in pressed] == [t("stale_choice")]
    assert "0919" not in await binh.say("Sửa")  # Bình's words reach Bình's own state, not Lan's list
    assert "0919" not in await binh.say("2")
    await binh.say("/huy")
    assert await _registrations(db) == 0

    done = await lan.press("Xác nhận gửi")  # Lan's flow went on untouched, and saves for her unit
    assert done.startswith("✅ Đã đăng ký 1 người")
    async with db.sessions() as s:
        trans_bien = await find_unit(session=s, name="Phường Trấn Biên")
        reg, people = await registration_of(session=s, meeting_id=ids["meeting"], unit_id=trans_bien.id)
    assert reg is not None and [p.phone for p in people] == ["0919422038"]
    assert await _registrations(db) == 1


async def test_a_member_who_joined_another_unit_cannot_confirm_the_old_draft_into_it(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    lan = chat_as(runtime, "officer")
    await _draft(lan)
    confirm = lan.choice_key("Xác nhận gửi")
    async with db.sessions() as s:
        long_thanh = await find_unit(session=s, name="Xã Long Thành")
        _invite, code = await create_invite(session=s, unit_id=long_thanh.id, role="officer", now=clock(),
                                            valid_days=14)
        await s.commit()
    elsewhere = chat_as(runtime, "officer", "a-second-chat")  # the same person, from a second chat
    assert "Xã Long Thành" in await elsewhere.say(f"/start {code}")

    ended = await lan.send(Inbound(choice=confirm))
    assert await _registrations(db) == 0  # not Xã Long Thành with Phường Trấn Biên's people
    assert [r.text for r in ended] == [t("flow_owner_changed", unit="Xã Long Thành")]
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Attendee))).one() == 0
    again = await lan.send(Inbound(choice=confirm))  # the old button stays dead
    assert [r.text for r in again] == [t("stale_choice")]
    assert await _registrations(db) == 0


async def test_a_command_after_the_unit_changed_is_answered_after_the_note(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    lan = chat_as(runtime, "officer")
    await _draft(lan)
    async with db.sessions() as s:
        long_thanh = await find_unit(session=s, name="Xã Long Thành")
        _invite, code = await create_invite(session=s, unit_id=long_thanh.id, role="unit_head", now=clock(),
                                            valid_days=14)
        await s.commit()
    await chat_as(runtime, "officer", "a-second-chat").say(f"/start {code}")
    replies = await lan.send(Inbound(text="/dangky"))
    assert replies[0].text == t("flow_owner_changed", unit="Xã Long Thành")
    assert "(0 người)" in "\n".join(r.text for r in replies[1:])  # the new unit's own (empty) list opens


async def test_a_member_removed_meanwhile_is_told_the_flow_ended(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    lan = chat_as(make_runtime(db.sessions, clock), "officer")
    await _draft(lan)
    confirm = lan.choice_key("Xác nhận gửi")
    async with db.sessions() as s:
        account = (await s.exec(select(ChannelAccount).where(ChannelAccount.external_id == "demo-officer"))).one()
        member = await s.get(Member, account.member_id)
        assert member is not None
        member.active = False
        await s.commit()
    ended = await lan.send(Inbound(choice=confirm))
    assert await _registrations(db) == 0
    assert [r.text for r in ended] == [t("flow_owner_gone")]
