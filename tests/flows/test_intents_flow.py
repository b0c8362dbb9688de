"""Plain words reach the right flow for each role, through the real engine and storage.

The phrases of issue 10's first paragraph, for every role: an answer from the meeting and the
unit's registration, the same first step as the command they mean, or a refusal with what the
person can do instead; never "chưa hiểu".
"""

from __future__ import annotations

import logging
from datetime import datetime

import pytest

from handlers import registry
from handlers.texts import t
from handlers.types import Ctx, Inbound, Reply
from storage.members import add_member, create_invite
from storage.models import Meeting
from storage.units import find_unit
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import Chat, chat_as, demo_world, make_runtime, register

AN = ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919.422.038")

PHRASES = ("chào bạn", "cảm ơn", "tôi đã đăng ký chưa?", "link họp ở đâu", "mấy giờ họp", "họp ở đâu",
           "còn mấy ngày nữa hết hạn", "ai chưa đăng ký?", "hạn báo cáo", "cập nhật tiến độ nhiệm vụ")
NEED_INVITE = "chưa tham gia đơn vị nào"
REFUSED = "chỉ dành cho cán bộ Sở phụ trách tổ chức"
NO_MEETING = "Hiện không có hội nghị sắp tới nào mời Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
TIME = "🕑 Thời gian: 14h00, ngày 30/05/2026 (dự kiến), còn 10 ngày nữa"
CUTOFF = "⏳ Hạn đăng ký: trước ngày 27/05/2026 – còn 7 ngày (5 ngày làm việc)."
PENDING = "Sở chưa gửi đường dẫn tham dự"
ORGANISER = {
    "tôi đã đăng ký chưa?": "/danhsach", "link họp ở đâu": ["Chưa có đường dẫn tham dự cho hội nghị này"],
    "mấy giờ họp": [TIME, "Trực tuyến"], "họp ở đâu": ["Hình thức: Trực tuyến", "Chưa có đường dẫn"],
    "còn mấy ngày nữa hết hạn": [CUTOFF, "Đã có 0/6 đơn vị đăng ký"], "ai chưa đăng ký?": "/chuadangky",
    "hạn báo cáo": "/baocao", "cập nhật tiến độ nhiệm vụ": "/capnhat", "cảm ơn": ["không có gì"],
}
# persona → phrase → the command whose answer it must equal, or fragments its answer must hold
EXPECTED: dict[str, dict[str, str | list[str]]] = {
    "guest": {"chào bạn": ["Tôi là Trợ lý TĐC", "gửi mã mời"], "cảm ơn": ["không có gì"],
              **{p: [NEED_INVITE] for p in PHRASES[2:]}},
    "officer": {
        "chào bạn": ["Chào anh/chị Lan!", "Phường Trấn Biên"], "cảm ơn": ["không có gì"],
        "tôi đã đăng ký chưa?": ["⏳ Phường Trấn Biên chưa đăng ký.", "Hạn đăng ký, sửa danh sách: trước ngày 27/05"],
        "link họp ở đâu": [PENDING, "0919422038"], "mấy giờ họp": [TIME], "họp ở đâu": ["Trực tuyến", PENDING],
        "còn mấy ngày nữa hết hạn": [CUTOFF, "Phường Trấn Biên chưa đăng ký"], "ai chưa đăng ký?": [REFUSED],
        "hạn báo cáo": "/baocao", "cập nhật tiến độ nhiệm vụ": "/capnhat",
    },
    "unit_head": {
        "chào bạn": ["Chào anh/chị Hùng!"], "cảm ơn": ["không có gì"],
        **{p: [NO_MEETING] for p in PHRASES[2:7]}, "ai chưa đăng ký?": [REFUSED],
        "hạn báo cáo": "/baocao", "cập nhật tiến độ nhiệm vụ": "/capnhat",
    },
    "organizer": {"chào bạn": ["Chào anh/chị Hải!", "«ai chưa đăng ký»"], **ORGANISER},
    "admin": {"chào bạn": ["Chào anh/chị Trị!"], **ORGANISER},
}
USUAL = {  # the choices a greeting offers: what this role usually does
    "guest": ["🔑 Cách tham gia bằng mã mời", "❓ Xem các việc tôi làm được"],
    "officer": ["📝 Đăng ký người tham dự", "📋 Tình hình đăng ký", "🗓 Việc của đơn vị quý này"],
    "unit_head": ["🗓 Việc của đơn vị quý này", "🟡 Cập nhật tiến độ nhiệm vụ", "📤 Nộp báo cáo, hạn báo cáo"],
    "organizer": ["📋 Tình hình đăng ký", "⏳ Đơn vị chưa đăng ký", "📥 Xuất danh sách ra Excel"],
}
USUAL["admin"] = USUAL["organizer"]


async def _world(db: Db, clock: Clock) -> dict[str, int]:
    ids = await demo_world(db, clock)
    async with db.sessions() as s:
        dept = await find_unit(session=s, name="Sở KH&CN")
        await add_member(session=s, unit_id=dept.id, full_name="Quản Trị", role="admin", channel="console",
                         external_id="admin")
        await s.commit()
    return ids


def _chat(db: Db, clock: Clock, persona: str, chat_id: str | None = None) -> Chat:
    return chat_as(make_runtime(db.sessions, clock), "stranger" if persona == "guest" else persona, chat_id)


@pytest.mark.parametrize("persona", list(EXPECTED))
async def test_the_issues_phrases_reach_the_right_flow_for_each_role(db: Db, clock: Clock, persona: str) -> None:
    await _world(db, clock)
    chat = _chat(db, clock, persona)
    for phrase in PHRASES:
        answer = await chat.say(phrase)
        expected = EXPECTED[persona][phrase]
        assert "chưa hiểu" not in answer and t("internal_error") not in answer, (persona, phrase, answer)
        if isinstance(expected, str):  # the same first step as the command itself
            other = _chat(db, clock, persona, chat_id=f"{persona}-by-command")
            await other.say(expected)
            assert (answer, chat.labels()) == (other.text, other.labels()), (persona, phrase)
        else:
            for fragment in expected:
                assert fragment in answer, (persona, phrase, fragment, answer)
        if phrase in ("chào bạn", "cảm ơn"):
            assert chat.labels() == USUAL[persona], (persona, phrase)
        if NEED_INVITE in answer:  # a refusal says what the person can do instead, as choices
            assert chat.labels() == USUAL["guest"], (phrase, chat.labels())
        if REFUSED in answer:
            assert chat.labels() and "⏳ Đơn vị chưa đăng ký" not in chat.labels(), (persona, chat.labels())
        if phrase == "cập nhật tiến độ nhiệm vụ":
            assert "📋 Nhiệm vụ của" not in answer  # the progress flow, not the task list
        await chat.say("/huy")


async def test_the_units_own_registration_is_answered_and_no_other_units(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    runtime = make_runtime(sqlite_db.sessions, clock)
    officer = chat_as(runtime, "officer")
    await register(officer, [AN])
    answer = await officer.say("xã mình dk chưa ad")
    assert "✅ Phường Trấn Biên đã đăng ký 1 người: Nguyễn Văn An (đầu mối)." in answer
    other = chat_as(runtime, "officer-2")
    answer = await other.say("tôi đã đăng ký chưa?")
    assert "⏳ Xã Long Thành chưa đăng ký." in answer and "Nguyễn Văn An" not in answer
    await other.press("Đăng ký người tham dự")
    assert "Đơn vị chưa đăng ký" in other.text  # the registration flow opened on the unit's meeting


async def test_close_intents_are_asked_back_and_either_choice_runs(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    head = chat_as(make_runtime(sqlite_db.sessions, clock), "unit_head")
    by_command = chat_as(make_runtime(sqlite_db.sessions, clock), "unit_head", "by-command")
    await head.say("báo cáo tiến độ")
    assert head.text == t("intent_ask")
    assert head.labels() == ["🟡 Cập nhật tiến độ nhiệm vụ", "📤 Nộp báo cáo, hạn báo cáo"]
    await head.press("Cập nhật tiến độ")
    await by_command.say("/capnhat")
    assert head.text == by_command.text
    await head.say("/huy")
    await head.say("bao cao tien do")
    await head.say("2")  # a typed number answers the choice list, as everywhere
    await by_command.say("/baocao")
    assert head.text == by_command.text


async def test_nothing_matched_offers_the_likeliest_three_and_they_work(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    officer = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    answer = await officer.say("thời tiết hôm nay thế nào")
    assert answer == t("intent_not_understood") and officer.labels() == USUAL["officer"]
    assert "Đơn vị chưa đăng ký" in await officer.say("1")  # the first choice opened the registration
    await officer.say("/huy")
    await officer.say("0919 422 038")
    await officer.say("thôi hỏi cái khác: mấy giờ họp")  # free text instead of a choice is read afresh
    assert TIME in officer.text


async def test_a_refusal_offers_what_the_person_can_do(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    officer = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    answer = await officer.say("xuất excel danh sách")
    assert "việc «Xuất danh sách ra Excel» chỉ dành cho cán bộ Sở" in answer
    assert "📋 Tình hình đăng ký" in officer.labels()
    assert "Phường Trấn Biên chưa đăng ký" in await officer.press("Tình hình đăng ký")
    guest = chat_as(make_runtime(sqlite_db.sessions, clock), "stranger")
    assert NEED_INVITE in await guest.say("đăng ký họp")
    assert "mã mời" in await guest.press("Cách tham gia")


async def test_plain_words_never_take_what_belongs_elsewhere(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    async with sqlite_db.sessions() as s:
        unit = await find_unit(session=s, name="Xã Nhơn Trạch")
        _, code = await create_invite(session=s, unit_id=unit.id, role="officer", now=clock(), valid_days=3)
        await s.commit()
    runtime = make_runtime(sqlite_db.sessions, clock)
    newcomer = chat_as(runtime, "newcomer")
    assert "Chào mừng" in await newcomer.say(code)  # a typed invite code still joins
    officer = chat_as(runtime, "officer")
    await officer.say("/dangky")
    await officer.press("Thêm người")
    assert t("ask_position") in await officer.say("Link Họp")  # inside a flow, the flow reads it (a name here)
    await officer.say("/huy")
    await officer.say("/dangky")
    assert t("ask_name") in await officer.say("1")  # a number answers the menu, not the intent layer


async def test_questions_about_the_meeting_follow_what_storage_says(sqlite_db: Db, clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    officer = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    async with sqlite_db.sessions() as s:
        meeting = await s.get(Meeting, ids["meeting"])
        meeting.join_url = "https://meet.example.vn/tdc-q2"
        await s.commit()
    assert "🔗 Đường dẫn tham dự: https://meet.example.vn/tdc-q2" in await officer.say("cho xin link zoom")
    async with sqlite_db.sessions() as s:
        meeting = await s.get(Meeting, ids["meeting"])
        meeting.mode, meeting.location, meeting.join_url = "in_person", "Hội trường Sở, 1 Nguyễn Ái Quốc", None
        await s.commit()
    assert "📍 Địa điểm: Hội trường Sở, 1 Nguyễn Ái Quốc" in await officer.say("hop o dau")
    assert "họp trực tiếp, không có đường dẫn" in await officer.say("link họp ở đâu")
    clock.now = datetime(2026, 5, 26, 10, 0, tzinfo=TZ)
    assert "hôm nay là ngày cuối" in await officer.say("còn mấy ngày nữa hết hạn")
    clock.now = datetime(2026, 5, 28, 10, 0, tzinfo=TZ)
    answer = await officer.say("hạn đăng ký khi nào")
    assert "🔒 Đã hết hạn đăng ký (trước ngày 27/05/2026)" in answer and "0919422038" in answer
    assert "Hội nghị" in await officer.say("thông tin hội nghị")
    clock.now = datetime(2026, 6, 2, 10, 0, tzinfo=TZ)
    assert "Hiện không có hội nghị sắp tới nào mời Phường Trấn Biên" in await officer.say("mấy giờ họp")


async def test_a_tasks_question_keeps_its_period_and_english_works(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    head = chat_as(make_runtime(sqlite_db.sessions, clock), "unit_head")
    assert "Quý IV/2026" in await head.say("việc quý 4 có gì ko ad")
    assert "tháng 6/2026" in await head.say("tasks next month")
    officer = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    assert TIME in await officer.say("what time is the meeting")


async def test_the_decision_is_logged_without_the_text(sqlite_db: Db, clock: Clock,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    await demo_world(sqlite_db, clock)
    officer = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    with caplog.at_level(logging.DEBUG, logger="handlers.intents"):
        for text in ("0919422038", "Nguyễn Văn An", "link họp ở đâu"):
            await officer.say(text)
    lines = [r.getMessage() for r in caplog.records if r.name == "handlers.intents"]
    assert len(lines) == 3 and all("score=" in line and "role=officer" in line for line in lines), lines
    assert lines[0].startswith("intent none") and lines[2].startswith("intent act meeting_link"), lines
    assert not any(secret in caplog.text for secret in ("0919422038", "Nguyễn", "Van An", "link họp"))


async def test_a_flow_that_lands_later_is_reached_by_its_phrases_alone(sqlite_db: Db, clock: Clock,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    await demo_world(sqlite_db, clock)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    monkeypatch.delitem(registry.COMMANDS, "kiennghi")  # as before petitions were built: their words lead nowhere
    assert "kiennghi" not in registry.COMMANDS
    assert "KIẾN NGHỊ" not in await organiser.say("xem kiến nghị")
    await organiser.say("/huy")

    async def petitions(ctx: Ctx, inbound: Inbound) -> list[Reply]:
        return [Reply(f"KIẾN NGHỊ /{inbound.command}")]

    monkeypatch.setitem(registry.COMMANDS, "kiennghi", petitions)
    assert await organiser.say("kiến nghị của doanh nghiệp") == "KIẾN NGHỊ /kiennghi"


async def test_an_asked_back_tasks_question_keeps_the_period_it_named(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    head = chat_as(make_runtime(sqlite_db.sessions, clock), "unit_head")
    await head.say("việc quý 3 báo cáo")
    assert head.text == t("intent_ask") and "🗓 Việc của đơn vị quý này" in head.labels()
    assert "Quý III/2026" in await head.press("Việc của đơn vị")


async def test_small_answers_contact_and_how_to_import(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    runtime = make_runtime(sqlite_db.sessions, clock)
    officer = chat_as(runtime, "officer")
    assert await officer.say("ok ạ") == t("intent_ack") and not officer.labels()
    assert "☎️ Liên hệ: Ông Đoàn Minh Hải" in await officer.say("liên hệ ai vậy ad")
    assert "chỉ dành cho cán bộ Sở" in await officer.say("nhập kế hoạch")
    organiser = chat_as(runtime, "organizer")
    assert await organiser.say("mình muốn nhập kế hoạch mới") == t("intent_import_howto")
    assert "Chào anh/chị" in await officer.say("chị ơi")  # calling the assistant is greeting it


async def test_meetings_without_a_time_a_cutoff_or_a_place_say_so(sqlite_db: Db, clock: Clock) -> None:
    from storage.meetings import create_meeting

    ids = await demo_world(sqlite_db, clock)
    async with sqlite_db.sessions() as s:
        unit = await find_unit(session=s, name="Phường Trấn Biên")
        first = await s.get(Meeting, ids["meeting"])
        first.start_at, first.tentative = datetime(2026, 5, 21, 8, 0, tzinfo=TZ), False
        await create_meeting(session=s, meeting=Meeting(title="Buổi làm việc về đo lường", mode="hybrid"),
                             invited_unit_ids=[unit.id])
        await s.commit()
    officer = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    answer = await officer.say("mấy giờ họp")
    assert "08h00, ngày 21/05/2026, ngày mai" in answer and t("ans_time_unknown") in answer
    answer = await officer.say("họp ở đâu")
    assert "Trực tiếp kết hợp trực tuyến" in answer and "Giấy mời chưa ghi địa điểm" in answer
    assert t("ans_cutoff_none") in await officer.say("hạn đăng ký khi nào")
    clock.now = datetime(2026, 5, 21, 7, 0, tzinfo=TZ)
    assert "hôm nay" in await officer.say("khi nào họp")
