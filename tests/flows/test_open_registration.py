"""Open registration by link (issue 15): an enterprise with no invite registers through the public
link, edits before the cutoff and is refused after it; a second chat with the same tax code cannot
overwrite the first; a closed link and a full one refuse, in words."""

from __future__ import annotations

import re

from sqlmodel import col, select

from handlers.types import Inbound
from storage.models import AuditEvent, Meeting, MeetingUnit, Member, Unit
from tests.conftest import Clock, Db
from tests.flows.harness import Chat, chat_as, demo_world, make_runtime

TAX = "0101248141"  # a real check digit (domain/tax_codes.py)
ORG = ("Công ty TNHH Cơ khí An Phát", TAX, "Số 12 đường Lê Lợi, phường Trấn Biên", "trần thị hoa", "0912 345 678")
PERSON = ("Trần Thị Hoa", "Giám đốc", "0912345678")


def _offered(chat: Chat, label: str) -> bool:
    return any(label in offered for offered in chat.labels())


async def _open(organiser: Chat) -> tuple[str, str]:
    """The organiser opens the demo meeting's link; returns (deep-link payload, Zalo code)."""
    await organiser.say("/dangkymo")
    text = await organiser.press("Mở đăng ký")
    link = re.search(r"\?start=(dk_[A-Za-z0-9_-]{22})", text)
    code = re.search(r"\bDN-[A-Z0-9]{7}\b", text)
    assert link and code, text
    return link.group(1), code.group(0)


async def _fill(chat: Chat, first: str, org: tuple[str, ...] = ORG) -> str:
    """Answer the organisation's questions after `first` (the /start or the typed code)."""
    await chat.say(first)
    for value in org:
        await chat.say(value)
    return chat.text


async def _add_attendee(chat: Chat, person: tuple[str, str, str]) -> str:
    await chat.press("Thêm người")
    await chat.say(person[0])
    await chat.say(person[1])
    await chat.say(person[2])
    await chat.press("Bỏ qua")
    await chat.press("Có")
    return await chat.press("Xác nhận gửi")


async def test_an_enterprise_registers_edits_and_is_refused_after_the_cutoff(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    link, _ = await _open(chat_as(runtime, "organizer"))
    firm = chat_as(runtime, "firm-1")
    summary = await _fill(firm, f"/start {link}")
    assert "Kiểm tra thông tin" in summary or "kiểm tra thông tin" in summary
    assert TAX in summary and "Trần Thị Hoa" in summary and "0912345678" in summary
    done = await firm.press("Gửi đăng ký")
    assert "Đã ghi nhận Công ty TNHH Cơ khí An Phát" in done and _offered(firm, "Thêm người")
    saved = await _add_attendee(firm, PERSON)
    assert "Đã đăng ký" in saved or "đã đăng ký" in saved.lower(), saved
    async with db.sessions() as s:
        unit = (await s.exec(select(Unit).where(Unit.tax_code == TAX))).one()
        assert unit.kind == "enterprise" and unit.self_registered and unit.registered_meeting_id == ids["meeting"]
        assert await s.get(MeetingUnit, (ids["meeting"], unit.id)) is not None
        member = (await s.exec(select(Member).where(Member.unit_id == unit.id))).one()
        assert member.role == "officer" and member.full_name == "Trần Thị Hoa"
        assert (await s.get(Meeting, ids["meeting"])).open_count == 1  # type: ignore[union-attr]
    # The same chat, later: its own details, corrected before the cutoff (and audited).
    card = await firm.say("/doanhnghiep")
    assert TAX in card and _offered(firm, "Sửa thông tin doanh nghiệp")
    await firm.press("Sửa thông tin doanh nghiệp")
    await firm.press("Địa chỉ")
    saved = await firm.say("Số 99 đường Hà Huy Giáp, phường Biên Hòa")
    assert "Đã lưu" in saved and "Số 99 đường Hà Huy Giáp" in saved
    async with db.sessions() as s:
        events = (await s.exec(select(AuditEvent).where(col(AuditEvent.action).startswith("enterprise.")))).all()
        assert [e.action for e in events] == ["enterprise.register", "enterprise.update"]
        assert all(TAX not in str(e.detail) and "Hoa" not in str(e.detail) for e in events)
    # Following the link again shows the same enterprise, no second one.
    again = await firm.say(f"/start {link}")
    assert "Thông tin doanh nghiệp đã đăng ký" in again and "Số 99" in again
    await firm.press("Đóng")
    # After the cutoff: details are read only, and a change is refused in words.
    clock.advance(days=8)
    card = await firm.say("/doanhnghiep")
    assert "hết hạn" in card and not _offered(firm, "Sửa thông tin")
    late = chat_as(runtime, "firm-late")
    assert "hết hạn đăng ký" in await late.say(f"/start {link}")


async def test_editing_is_refused_when_the_cutoff_passes_meanwhile(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    runtime = make_runtime(sqlite_db.sessions, clock)
    link, _ = await _open(chat_as(runtime, "organizer"))
    firm = chat_as(runtime, "firm-1")
    await _fill(firm, f"/start {link}")
    await firm.press("Gửi đăng ký")
    await firm.say("/huy")
    await firm.say("/doanhnghiep")
    await firm.press("Sửa thông tin doanh nghiệp")
    await firm.press("Địa chỉ")
    clock.advance(days=8)
    refused = await firm.say("Số 99 đường Hà Huy Giáp, phường Biên Hòa")
    assert "hết hạn" in refused
    async with sqlite_db.sessions() as s:
        unit = (await s.exec(select(Unit).where(Unit.tax_code == TAX))).one()
        assert unit.address == ORG[2]


async def test_a_second_chat_with_the_same_tax_code_cannot_overwrite_the_first(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    link, code = await _open(chat_as(runtime, "organizer"))
    first = chat_as(runtime, "firm-1")
    await _fill(first, f"/start {link}")
    await first.press("Gửi đăng ký")
    other = chat_as(runtime, "firm-2")  # on Zalo: the code typed as a message
    other_org = ("Cong ty An Phat (chi nhanh)", "0101 248 141", "Số 1 đường Võ Thị Sáu", "Lê Văn Tám", "0987654321")
    await _fill(other, code.lower().replace("-", " "), other_org)
    refused = await other.press("Gửi đăng ký")
    assert "đã được một tài khoản khác đăng ký" in refused and "Đoàn Minh Hải" in refused
    assert "An Phát" not in refused and "Trần Thị Hoa" not in refused  # nothing of the first registrant shows
    async with db.sessions() as s:
        units = (await s.exec(select(Unit).where(Unit.kind == "enterprise"))).all()
        assert [(u.name, u.contact_name) for u in units] == [(ORG[0], "Trần Thị Hoa")]
        assert (await s.exec(select(AuditEvent).where(
            AuditEvent.action == "open_registration.tax_code_taken"))).first() is not None
    # A typo corrected: the second chat registers its own enterprise.
    await other.press("Sửa thông tin")
    await other.press("Mã số thuế")
    await other.say("0300588569")
    assert "Đã ghi nhận" in await other.press("Gửi đăng ký")


async def test_a_closed_link_and_a_full_one_refuse(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    organiser = chat_as(runtime, "organizer")
    link, code = await _open(organiser)
    async with db.sessions() as s:
        meeting = await s.get(Meeting, ids["meeting"])
        assert meeting is not None
        meeting.open_cap = 1
        await s.commit()
    first = chat_as(runtime, "firm-1")
    await _fill(first, f"/start {link}")
    await first.press("Gửi đăng ký")
    full = chat_as(runtime, "firm-2")
    assert "đã nhận đủ số doanh nghiệp" in await full.say(f"/start {link}")
    # Racing past the check: the form was filled while a place was left; the save is refused whole.
    async with db.sessions() as s:
        meeting = await s.get(Meeting, ids["meeting"])
        assert meeting is not None
        meeting.open_cap = 2
        await s.commit()
    racer = chat_as(runtime, "firm-3")
    await _fill(racer, f"/start {link}", ("Công ty Cổ phần Bình Minh", "0300588569", "Số 3 đường Ba Tháng Hai",
                                          "Lê Văn Tám", "0987654321"))
    async with db.sessions() as s:
        meeting = await s.get(Meeting, ids["meeting"])
        assert meeting is not None
        meeting.open_cap = 1
        await s.commit()
    assert "đã nhận đủ số doanh nghiệp" in await racer.press("Gửi đăng ký")
    async with db.sessions() as s:
        assert len((await s.exec(select(Unit).where(Unit.kind == "enterprise"))).all()) == 1
    # The organiser closes the link: both the link and the Zalo code answer "đã đóng".
    await organiser.say("/dangkymo")
    assert "Đã đóng đường dẫn" in await organiser.press("Đóng đường dẫn")
    closed = chat_as(runtime, "firm-4")
    assert "đã đóng" in await closed.say(f"/start {link}")
    assert "đã đóng" in await closed.say(code)
    # The first enterprise keeps its registration and sees its details.
    assert TAX in await first.say(f"/start {link}")


async def test_a_stale_button_and_a_file_in_the_form_are_answered(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    runtime = make_runtime(sqlite_db.sessions, clock)
    link, _ = await _open(chat_as(runtime, "organizer"))
    firm = chat_as(runtime, "firm-1")
    await firm.say(f"/start {link}")
    assert "ít nhất 3 ký tự" in await firm.say("a")
    await firm.say(ORG[0])
    assert "13 chữ số" in await firm.say("12345")
    assert "không đúng" in await firm.say("0101248142")
    assert (await firm.send(Inbound(choice="9|nothing")))[0].text
