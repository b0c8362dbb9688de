"""Removing members and withdrawing invites, on both engines: the rules, and a clean way back in."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from domain.errors import NotAllowed, NotFound
from storage.members import add_member, create_invite, identity_for, redeem_invite
from storage.membership import all_members, open_invites, remove_member, revoke_invite, unit_members
from storage.models import AuditEvent, ChannelAccount, ConversationState, Member, Unit
from tests.conftest import Clock, Db


async def _world(db: Db) -> dict[str, int]:
    """A commune with an officer (Telegram), the Department with an organiser and an admin."""
    async with db.sessions() as s:
        commune = Unit(kind="commune", name="Xã Long Thành", name_key="xa long thanh")
        dept = Unit(kind="department", name="Sở KH&CN", name_key="so kh&cn")
        s.add_all([commune, dept])
        await s.flush()
        assert commune.id is not None and dept.id is not None
        officer = await add_member(session=s, unit_id=commune.id, full_name="Nguyễn Thị Lan", role="officer",
                                   channel="telegram", external_id="7001")
        organiser = await add_member(session=s, unit_id=dept.id, full_name="Đoàn Minh Hải", role="organizer",
                                     channel="telegram", external_id="7002")
        admin = await add_member(session=s, unit_id=dept.id, full_name="Quản Trị", role="admin",
                                 channel="telegram", external_id="7003")
        await s.commit()
        return {"commune": commune.id, "dept": dept.id, "officer": officer.member_id,
                "organiser": organiser.member_id, "admin": admin.member_id}


async def test_a_removed_member_invited_again_rejoins_on_the_same_rows(db: Db, clock: Clock) -> None:
    ids = await _world(db)
    async with db.sessions() as s:
        for chat in ("7001", "-100500"):  # their private chat, and a group they were in
            s.add(ConversationState(channel="telegram", chat_id=chat, user_id="7001", flow="registration",
                                    step="review", data={"draft": ["Nguyễn Văn An"]}))
        s.add(ConversationState(channel="telegram", chat_id="-100500", user_id="7002", flow="registration",
                                step="review", data={}))  # another person's, in the same group
        await remove_member(session=s, member_id=ids["officer"], actor_id=ids["organiser"], actor_role="organizer")
        await s.commit()
    async with db.sessions() as s:
        assert await identity_for(session=s, channel="telegram", external_id="7001") is None
        assert await s.get(ConversationState, ("telegram", "7001", "7001")) is None  # the half-done draft is gone
        assert await s.get(ConversationState, ("telegram", "-100500", "7001")) is None
        assert await s.get(ConversationState, ("telegram", "-100500", "7002")) is not None  # not theirs: kept
        assert [m.id for m in await unit_members(session=s, unit_id=ids["commune"])] == []
        _, code = await create_invite(session=s, unit_id=ids["commune"], role="unit_head", now=clock(), valid_days=7)
        await s.commit()
    async with db.sessions() as s:
        # On main this insert of a second (telegram, 7001) account hit the unique constraint.
        ident = await redeem_invite(session=s, token=code, now=clock(), channel="telegram", external_id="7001",
                                    chat_id="7001", full_name="Nguyễn Thị Lan")
        await s.commit()
    assert (ident.member_id, ident.member.role, ident.member.active) == (ids["officer"], "unit_head", True)
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(ChannelAccount))).one() == 3
        assert (await identity_for(session=s, channel="telegram", external_id="7001")) is not None
        actions = (await s.exec(select(AuditEvent.action).order_by(AuditEvent.id))).all()
        assert actions[-3:] == ["member.remove", "invite.create", "invite.redeem"]


async def test_who_may_remove_whom(db: Db) -> None:
    ids = await _world(db)
    async with db.sessions() as s:
        with pytest.raises(NotAllowed) as info:
            await remove_member(session=s, member_id=ids["admin"], actor_id=ids["organiser"], actor_role="organizer")
        assert info.value.code == "member_remove_admin"
        with pytest.raises(NotAllowed) as info:
            await remove_member(session=s, member_id=ids["admin"], actor_id=ids["admin"], actor_role="admin")
        assert info.value.code == "member_remove_self"
        with pytest.raises(NotAllowed) as info:
            await remove_member(session=s, member_id=ids["organiser"], actor_id=ids["officer"], actor_role="officer")
        assert info.value.code == "not_allowed"
        removed = await remove_member(session=s, member_id=ids["organiser"], actor_id=ids["admin"], actor_role="admin")
        assert removed.active is False
        with pytest.raises(NotFound):
            await remove_member(session=s, member_id=ids["organiser"], actor_id=ids["admin"], actor_role="admin")
        await s.commit()
    async with db.sessions() as s:
        assert [m.full_name for m, _ in await all_members(session=s)] == ["Quản Trị", "Nguyễn Thị Lan"]  # by unit
        assert len(await all_members(session=s, unit_id=ids["dept"], include_removed=True)) == 2


async def test_a_revoked_invite_joins_nobody_and_cannot_be_revoked_twice(db: Db, clock: Clock) -> None:
    ids = await _world(db)
    async with db.sessions() as s:
        invite, code = await create_invite(session=s, unit_id=ids["commune"], role="officer", now=clock(),
                                           valid_days=7)
        admin_invite, _ = await create_invite(session=s, unit_id=ids["dept"], role="admin", now=clock(), valid_days=7)
        await s.commit()
    async with db.sessions() as s:
        assert {i.id for i, _ in await open_invites(session=s, now=clock())} == {invite.id, admin_invite.id}
        with pytest.raises(NotAllowed) as info:
            await revoke_invite(session=s, invite_id=admin_invite.id or 0, now=clock(), actor_id=ids["organiser"],
                                actor_role="organizer")
        assert info.value.code == "invite_revoke_admin"
        await revoke_invite(session=s, invite_id=invite.id or 0, now=clock(), actor_id=ids["organiser"],
                            actor_role="organizer")
        await s.commit()
    async with db.sessions() as s:
        assert [i.id for i, _ in await open_invites(session=s, now=clock(), unit_id=ids["commune"])] == []
        with pytest.raises(NotAllowed) as info:
            await revoke_invite(session=s, invite_id=invite.id or 0, now=clock(), actor_id=None)
        assert info.value.code == "invite_not_open"
        with pytest.raises(NotFound):
            await revoke_invite(session=s, invite_id=999, now=clock(), actor_id=None)
    async with db.sessions() as s:
        with pytest.raises(NotAllowed) as info:
            await redeem_invite(session=s, token=code, now=clock(), channel="telegram", external_id="9001",
                                chat_id="9001", full_name="Người Lạ")
        assert info.value.code == "invite_revoked"
        assert (await s.exec(select(func.count()).select_from(Member))).one() == 3


async def test_audit_list_filters_by_action_actor_and_time(db: Db, clock: Clock) -> None:
    from datetime import timedelta

    from storage.audit import list_events, record

    ids = await _world(db)
    async with db.sessions() as s:
        record(session=s, actor_id=ids["organiser"], action="roster.view", subject="meeting:1")
        record(session=s, actor_id=ids["admin"], action="export.registrations", subject="meeting:1")
        record(session=s, actor_id=None, action="export.tasks", subject="plan:1")
        await s.commit()
    async with db.sessions() as s:
        assert [e.action for e in await list_events(session=s, action="export")] == ["export.tasks",
                                                                                    "export.registrations"]
        assert [e.action for e in await list_events(session=s, actor_id=ids["organiser"])] == ["roster.view"]
        newest = await list_events(session=s, limit=1)
        assert [e.action for e in newest] == ["export.tasks"]
        at = newest[0].at
        assert len(await list_events(session=s, since=at + timedelta(seconds=1))) == 0
        assert len(await list_events(session=s, until=at + timedelta(seconds=1))) == 3


async def test_finding_a_person_by_member_or_phone(db: Db) -> None:
    from domain.errors import InvalidInput
    from storage.personal_data import find_person

    ids = await _world(db)
    async with db.sessions() as s:
        lan = await s.get(Member, ids["officer"])
        assert lan is not None
        lan.phone = "0919422038"
        await s.commit()
    async with db.sessions() as s:
        by_phone = await find_person(session=s, phone="0919 422 038")
        assert [m.id for m in by_phone.members] == [ids["officer"]] and by_phone.phones == ["0919422038"]
        by_id = await find_person(session=s, member_id=ids["organiser"])
        assert by_id.phones == []
        with pytest.raises(InvalidInput):
            await find_person(session=s)
        with pytest.raises(InvalidInput):
            await find_person(session=s, phone="12")
        with pytest.raises(NotFound):
            await find_person(session=s, member_id=999)
        with pytest.raises(NotFound):
            await find_person(session=s, phone="0911111111")
