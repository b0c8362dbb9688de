"""The side paths of open registration (issue 15): an enterprise already known joins a second
meeting by its link, the organiser's menu with several meetings, and answers that fit no step."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.demo import load_dialogue_meeting
from handlers.types import Inbound, InFile
from storage.models import Meeting, MeetingUnit, Unit
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime
from tests.flows.test_open_registration import ORG, _fill, _open


async def _dialogue(db: Db, clock: Clock, days: int = 20) -> Meeting:
    async with db.sessions() as s:
        meeting = await load_dialogue_meeting(session=s, now=clock(), meeting_day=clock().date() + timedelta(days=days))
        await s.commit()
        return meeting


async def test_a_known_enterprise_joins_a_second_meeting_by_its_link(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    runtime = make_runtime(sqlite_db.sessions, clock)
    link, _ = await _open(chat_as(runtime, "organizer"))
    firm = chat_as(runtime, "firm-1")
    await _fill(firm, f"/start {link}")
    await firm.press("Gửi đăng ký")
    second = await _dialogue(sqlite_db, clock)
    joined = await firm.say(f"/start {second.open_code}")
    assert "Công ty TNHH Cơ khí An Phát đã được ghi nhận tham dự Hội nghị đối thoại" in joined
    assert "Thêm người" in " ".join(firm.labels())
    async with sqlite_db.sessions() as s:
        unit = (await s.exec(select(Unit).where(Unit.kind == "enterprise"))).one()
        assert await s.get(MeetingUnit, (second.id, unit.id)) is not None
        assert (await s.get(Meeting, second.id)).open_count == 1  # type: ignore[union-attr]
    # The card's way to the attendee list, and a tax code taken by another enterprise refused on an edit.
    await firm.say("/huy")
    await firm.say(f"/start {second.open_code}")
    assert "Danh sách người tham dự (0 người)" in await firm.press("Danh sách người tham dự")
    assert "Thêm người" in " ".join(firm.labels())
    other = chat_as(runtime, "firm-2")
    await _fill(other, f"/start {second.open_code}", ("Công ty CP Bình Minh", "0300588569", "Số 3 đường Ba Tháng Hai",
                                                      "Lê Văn Tám", "0987654321"))
    await other.press("Gửi đăng ký")
    await other.say("/huy")
    await other.say("/doanhnghiep")
    await other.press("Sửa thông tin doanh nghiệp")
    await other.press("Mã số thuế")
    refused = await other.say(ORG[1])
    assert "đã được một tài khoản khác đăng ký" in refused and "Mã số thuế của doanh nghiệp" in refused
    # A later meeting whose link was closed before the known enterprise came: refused in words.
    third = await _dialogue(sqlite_db, clock, days=30)
    async with sqlite_db.sessions() as s:
        meeting = await s.get(Meeting, third.id)
        assert meeting is not None
        meeting.open_closed_at = clock()
        await s.commit()
    assert "đã đóng" in await firm.say(f"/start {third.open_code}")


async def test_the_organisers_menu_with_several_meetings(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    await _dialogue(sqlite_db, clock)
    runtime = make_runtime(sqlite_db.sessions, clock)
    organiser = chat_as(runtime, "organizer")
    assert "Không có hội nghị số 99" in await organiser.say("/dangkymo 99")
    assert "Chọn hội nghị" in await organiser.say("/dangkymo")
    assert "chọn" in (await organiser.say("không phải")).lower()
    await organiser.say("/dangkymo")
    card = await organiser.press("Hội nghị đối thoại")
    assert "đang nhận đăng ký" in card and "?start=dk_" in card and "0/100 doanh nghiệp" in card
    assert "Chưa có doanh nghiệp nào đăng ký" in await organiser.press("Doanh nghiệp đã đăng ký")
    await organiser.say("/dangkymo 2")
    assert "Đã đóng" in await organiser.press("Đóng đường dẫn")
    reopened = await organiser.press("Mở đăng ký")
    assert "đang nhận đăng ký" in reopened
    assert "/dangkymo" in await organiser.press("↩️ Đóng")  # the menu, not the link
    assert organiser.labels() == []


async def test_answers_that_fit_no_step_are_answered(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    runtime = make_runtime(sqlite_db.sessions, clock)
    link, _ = await _open(chat_as(runtime, "organizer"))
    firm = chat_as(runtime, "firm-1")
    await firm.say(f"/start {link}")
    file = InFile(name="dk.docx", size=10, fetch=lambda: _no_bytes())
    assert "gõ" in (await firm.send(Inbound(file=file)))[0].text.lower()
    await _fill(firm, ORG[0], ORG[1:])
    assert "chọn" in (await firm.say("gửi đi")).lower()  # not an option's words: asked again
    await firm.press("Sửa thông tin")
    assert "Chọn mục cần sửa" in await firm.say("xyz")
    await firm.press("Tên doanh nghiệp")
    assert "Công ty Cơ khí An Phát Mới" in await firm.say("Công ty Cơ khí An Phát Mới")
    assert "Đã dừng" in await firm.press("Không đăng ký nữa")
    guest = chat_as(runtime, "stranger")
    assert "chưa tham gia" in await guest.say("/doanhnghiep")


async def _no_bytes() -> bytes:
    return b""


async def test_a_directory_enterprise_invited_by_code_may_come_by_the_link_too(sqlite_db: Db, clock: Clock) -> None:
    from storage.members import add_member

    await demo_world(sqlite_db, clock)
    async with sqlite_db.sessions() as s:
        unit = Unit(kind="enterprise", name="Công ty CP Bình Minh", name_key="cong ty cp binh minh")
        s.add(unit)
        await s.flush()
        await add_member(session=s, unit_id=unit.id, full_name="Lê Văn Tám", role="officer", channel="console",
                         external_id="binh-minh")
        await s.commit()
        unit_id = unit.id
    runtime = make_runtime(sqlite_db.sessions, clock)
    link, _ = await _open(chat_as(runtime, "organizer"))
    firm = chat_as(runtime, "binh-minh")
    assert "Công ty CP Bình Minh đã được ghi nhận tham dự" in await firm.say(f"/start {link}")
    await firm.say("/huy")
    await firm.say("/doanhnghiep")
    await firm.press("Sửa thông tin doanh nghiệp")
    await firm.press("Địa chỉ")
    assert "Đã lưu" in await firm.say("Số 3 đường Ba Tháng Hai")
    async with sqlite_db.sessions() as s:
        saved = await s.get(Unit, unit_id)
        assert saved is not None and saved.address == "Số 3 đường Ba Tháng Hai"
        assert saved.tax_code is None and saved.contact_phone is None and saved.name_key == "cong ty cp binh minh"
