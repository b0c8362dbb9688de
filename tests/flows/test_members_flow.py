"""/thanhvien and /thuhoi through the real flows: listing, removing, withdrawing, and who may."""

from __future__ import annotations

from sqlmodel import select

from storage.members import add_member, create_invite, identity_for
from storage.models import AuditEvent, Invite
from storage.units import find_unit
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime


async def _admin(db: Db) -> int:
    async with db.sessions() as s:
        dept = await find_unit(session=s, name="Sở KH&CN")
        ident = await add_member(session=s, unit_id=dept.id or 0, full_name="Quản Trị", role="admin",
                                 channel="console", external_id="admin")
        await s.commit()
        return ident.member_id


async def test_an_organiser_removes_an_officer_who_can_then_join_again(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    organiser = chat_as(runtime, "organizer")
    assert "Gõ tên đơn vị" in await organiser.say("/thanhvien")
    assert "Không tìm thấy đơn vị «Xã Không Có»" in await organiser.say("Xã Không Có")
    listing = await organiser.say("phuong tran bien")
    assert "Thành viên của Phường Trấn Biên (1 người)" in listing and "Nguyễn Thị Lan – cán bộ đầu mối" in listing
    assert "Nguyễn Thị Lan (cán bộ đầu mối) khỏi Phường Trấn Biên?" in await organiser.press("Xoá Nguyễn Thị Lan")
    assert "Đã xoá Nguyễn Thị Lan khỏi Phường Trấn Biên" in await organiser.press("Xoá khỏi đơn vị")
    officer = chat_as(runtime, "officer")
    assert "chưa tham gia đơn vị nào" in await officer.say("/dangky")
    async with db.sessions() as s:
        unit = await find_unit(session=s, name="Phường Trấn Biên")
        _, code = await create_invite(session=s, unit_id=unit.id or 0, role="officer", now=clock(), valid_days=7)
        await s.commit()
    assert "Chào mừng" in await officer.say(code)  # on main: the internal error
    assert "Xin chào Nguyễn Thị Lan" in await officer.say("/start")


async def test_an_organiser_cannot_remove_an_admin_nor_themselves(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    await _admin(db)
    runtime = make_runtime(db.sessions, clock)
    organiser = chat_as(runtime, "organizer")
    listing = await organiser.say("/members Sở KH&CN")
    assert "Quản Trị – quản trị" in listing and "cán bộ đầu mối" not in listing
    assert organiser.labels() == []  # nobody there this organiser may remove
    await organiser.say("/thanhvien Phòng TĐC")
    assert organiser.labels() == ["🗑 Xoá Lê Văn Hùng"]  # not themselves
    admin = chat_as(runtime, "admin")
    await admin.say("/thanhvien Phòng TĐC")
    assert sorted(admin.labels()) == ["🗑 Xoá Lê Văn Hùng", "🗑 Xoá Đoàn Minh Hải"]
    await admin.press("Xoá Đoàn Minh Hải")
    assert "Không xoá ai" in await admin.press("Không xoá")
    async with db.sessions() as s:
        assert await identity_for(session=s, channel="console", external_id="demo-organizer") is not None


async def test_members_cannot_use_these_commands_and_the_attempt_is_audited(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    officer = chat_as(make_runtime(db.sessions, clock), "officer")
    assert "chỉ dành cho cán bộ Sở" in await officer.say("/thanhvien Phường Trấn Biên")
    assert "chỉ dành cho cán bộ Sở" in await officer.say("/revoke 1")
    async with db.sessions() as s:
        refused = (await s.exec(select(AuditEvent).where(AuditEvent.action == "access.refused")
                                .order_by(AuditEvent.id))).all()
    assert [(e.actor_id, e.subject) for e in refused] == [(ids["officer"], "command:thanhvien"),
                                                          (ids["officer"], "command:thuhoi")]


async def test_an_organiser_withdraws_an_invite_and_the_code_then_joins_nobody(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    async with db.sessions() as s:
        unit = await find_unit(session=s, name="Xã Nhơn Trạch")
        invite, code = await create_invite(session=s, unit_id=unit.id or 0, role="officer", now=clock(), valid_days=7)
        admin_invite, _ = await create_invite(session=s, unit_id=unit.id or 0, role="admin", now=clock(), valid_days=7)
        await s.commit()
    runtime = make_runtime(db.sessions, clock)
    organiser = chat_as(runtime, "organizer")
    listing = await organiser.say("/thuhoi")
    assert "Mã mời còn hiệu lực (2)" in listing and f"Mã #{invite.id} – Xã Nhơn Trạch, cán bộ đầu mối" in listing
    assert "Chỉ quản trị viên" in await organiser.press(f"Thu hồi mã #{admin_invite.id}")
    assert f"Đã thu hồi mã mời #{invite.id}" in await organiser.say(f"/thuhoi {invite.id}")
    assert "không còn hiệu lực" in await organiser.say(f"/thuhoi #{invite.id}")
    assert "Không có mã mời #999" in await organiser.say("/thuhoi 999")
    assert "đã được Sở thu hồi" in await chat_as(runtime, "stranger").say(code)
    admin = chat_as(runtime, "admin")
    await _admin(db)
    await admin.say("/thuhoi")
    assert "Đã thu hồi" in await admin.press(f"Thu hồi mã #{admin_invite.id}")
    assert "Không có mã mời nào còn hiệu lực" in await admin.say("/thuhoi")
    async with db.sessions() as s:
        assert all(i.revoked_at is not None for i in (await s.exec(select(Invite))).all())


async def test_help_and_menus_list_the_new_commands_for_organisers_only(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    assert "/thanhvien" in await chat_as(runtime, "organizer").say("/help")
    assert "/thuhoi" in await chat_as(runtime, "organizer").say("/help")
    assert "/thanhvien" not in await chat_as(runtime, "officer").say("/help")


async def test_stale_buttons_and_a_removal_someone_else_made_first(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    await _admin(db)
    runtime = make_runtime(db.sessions, clock)
    organiser, admin = chat_as(runtime, "organizer"), chat_as(runtime, "admin")
    await organiser.say("/thanhvien Xã Long Thành")
    await admin.say("/thanhvien Xã Long Thành")
    await admin.press("Xoá Trần Văn Bình")
    await organiser.press("Xoá Trần Văn Bình")  # both asked to confirm
    assert "Đã xoá" in await admin.press("Xoá khỏi đơn vị")
    assert "không còn trong đơn vị" in await organiser.press("Xoá khỏi đơn vị")
    await organiser.say("/thanhvien Xã Long Thành")
    assert "chưa có thành viên nào" in organiser.text
    await admin.say("/thanhvien Phòng TĐC")
    await organiser.say("/thanhvien Phòng TĐC")
    await organiser.press("Xoá Lê Văn Hùng")
    await admin.press("Xoá Lê Văn Hùng")
    await admin.press("Xoá khỏi đơn vị")
    assert "không còn trong đơn vị" in await organiser.press("Xoá khỏi đơn vị")
    async with db.sessions() as s:
        unit = await find_unit(session=s, name="Xã Nhơn Trạch")
        await create_invite(session=s, unit_id=unit.id or 0, role="officer", now=clock(), valid_days=7)
        await s.commit()
    await organiser.say("/thuhoi")
    assert "Đã hủy thao tác" in await organiser.say("thôi")  # anything but a choice leaves the list
