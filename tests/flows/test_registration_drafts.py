"""Issue 9 item 2 and issue 8 item 11: nothing an officer typed is lost without a word.

An unsent list survives other commands (/dangky offers to resume or drop it); /huy asks before
throwing changes away; withdrawing a registration is asked first and explained; every change of
the focal point is said aloud; a cancelled meeting is answered as cancelled.
"""

from __future__ import annotations

from storage.meeting_changes import change_meeting
from storage.registrations import registration_of
from storage.units import find_unit
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import Chat, chat_as, demo_world, make_runtime, register

AN = ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919.422.038")
BINH = ("Trần Thị Bình", "Công chức Văn hóa - Xã hội", "+84 912 345 678")
FOUND = "Anh/chị còn một danh sách chưa gửi"


async def _add(chat: Chat, person: tuple[str, str, str], focal: bool = False) -> str:
    """Add one person from the menu (without sending the list)."""
    await chat.press("Thêm người")
    for answer in person:
        await chat.say(answer)
    await chat.press("Bỏ qua")
    return await chat.press("Có" if focal else "Không")


async def _people(db: Db, meeting_id: int) -> list[tuple[str, bool]] | None:
    async with db.sessions() as s:
        unit = await find_unit(session=s, name="Phường Trấn Biên")
        reg, people = await registration_of(session=s, meeting_id=meeting_id, unit_id=unit.id)
        return None if reg is None else [(p.full_name, p.is_focal_point) for p in people]


async def _cancel_meeting(db: Db, clock: Clock, meeting_id: int) -> None:
    async with db.sessions() as s:
        await change_meeting(session=s, meeting_id=meeting_id, changes={"status": "cancelled"}, actor_id=None,
                             now=clock(), tz=TZ)
        await s.commit()


async def test_an_unsent_list_survives_another_command_and_can_be_resumed(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    chat = chat_as(make_runtime(db.sessions, clock), "officer")
    await chat.say("/dangky")
    await _add(chat, AN)
    await chat.say("/viec")
    found = await chat.say("/dangky")
    assert FOUND in found and "1 người" in found and "(0 người)" not in found
    resumed = await chat.press("Tiếp tục")
    assert "Nguyễn Văn An" in resumed and "(1 người)" in resumed
    assert "Đã đăng ký 1 người" in await chat.press("Xác nhận gửi")
    assert await _people(db, ids["meeting"]) == [("Nguyễn Văn An", True)]
    assert FOUND not in await chat.say("/dangky")  # sent: nothing is left unsent


async def test_dropping_the_unsent_list_goes_back_to_the_sent_one(sqlite_db: Db, clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await register(chat, [AN])
    await chat.say("/dangky")
    await _add(chat, BINH)
    await chat.say("/help")
    assert FOUND in await chat.say("/dangky")
    dropped = await chat.press("Bỏ danh sách này")
    assert "Đã bỏ danh sách chưa gửi" in dropped and "(1 người)" in dropped and "Trần Thị Bình" not in dropped
    assert await _people(sqlite_db, ids["meeting"]) == [("Nguyễn Văn An", True)]


async def test_the_unsent_list_is_offered_only_to_the_person_who_made_it(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    runtime = make_runtime(sqlite_db.sessions, clock)
    chat = chat_as(runtime, "officer")
    await chat.say("/dangky")
    await _add(chat, AN)
    await chat.say("/help")
    other = chat_as(runtime, "officer-2", chat_id="demo-officer")  # someone else in the same chat
    assert FOUND not in await other.say("/dangky")


async def test_cancel_asks_before_throwing_unsent_changes_away(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    await _add(chat, AN)
    asked = await chat.say("/huy")
    assert "thay đổi chưa gửi" in asked and "Đã hủy" not in asked
    kept = await chat.press("Tiếp tục sửa")
    assert "Nguyễn Văn An" in kept and "(1 người)" in kept
    await chat.say("/huy")
    assert "Đã hủy thao tác" in await chat.say("/huy")  # asked once; a second /huy means it
    again = await chat.say("/dangky")
    assert FOUND not in again and "(0 người)" in again


async def test_withdrawing_asks_first_and_a_number_does_not_withdraw_at_once(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    chat = chat_as(make_runtime(db.sessions, clock), "officer")
    await register(chat, [AN])
    await chat.say("/dangky")
    await chat.press("Xóa người")
    await chat.press("Nguyễn Văn An")
    asked = await chat.say("2")  # the second line of the menu once the list is empty
    assert "Rút đăng ký nghĩa là" in asked and "Phường Trấn Biên" in asked and "1 người" in asked
    assert await _people(db, ids["meeting"]) == [("Nguyễn Văn An", True)]
    assert "Chưa rút đăng ký" in await chat.press("Không, quay lại")
    assert await _people(db, ids["meeting"]) == [("Nguyễn Văn An", True)]
    await chat.press("Rút đăng ký")
    assert "Đã rút đăng ký" in await chat.press("Có, rút đăng ký")
    assert await _people(db, ids["meeting"]) is None


async def test_an_empty_unsent_list_cannot_be_sent(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    assert "Danh sách đang trống" in await chat.say("gửi")


async def test_every_change_of_the_focal_point_is_said(sqlite_db: Db, clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    first = await _add(chat, AN, focal=False)
    assert "người đầu tiên nên tạm là đầu mối" in first and "Chọn đầu mối" in first
    moved = await _add(chat, BINH, focal=True)
    assert "Đầu mối bây giờ là Trần Thị Bình, thay cho Nguyễn Văn An" in moved
    await chat.press("Xóa người")
    removed = await chat.press("Trần Thị Bình")
    assert "đầu mối bây giờ là Nguyễn Văn An" in removed
    await chat.press("Xác nhận gửi")
    assert await _people(sqlite_db, ids["meeting"]) == [("Nguyễn Văn An", True)]


async def test_a_meeting_cancelled_before_sending_is_called_cancelled(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    chat = chat_as(make_runtime(db.sessions, clock), "officer")
    await chat.say("/dangky")
    await _add(chat, AN)
    await _cancel_meeting(db, clock, ids["meeting"])
    sent = await chat.press("Xác nhận gửi")
    assert "đã bị hủy" in sent and "vừa kết thúc" not in sent and "hết hạn" not in sent
    assert await _people(db, ids["meeting"]) is None


async def test_an_unsent_list_for_a_cancelled_meeting_is_said_to_be_gone(sqlite_db: Db, clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    await _add(chat, AN)
    await chat.say("/help")
    await _cancel_meeting(sqlite_db, clock, ids["meeting"])
    text = await chat.say("/dangky")
    assert "đã bị hủy" in text and "Danh sách chưa gửi cho hội nghị này đã được bỏ" in text
    assert FOUND not in await chat.say("/dangky")


async def test_questions_about_a_cancelled_meeting_say_it_was_cancelled(sqlite_db: Db, clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await _cancel_meeting(sqlite_db, clock, ids["meeting"])
    for question in ("còn mấy ngày nữa hết hạn đăng ký", "mấy giờ họp", "đơn vị đã đăng ký chưa"):
        answer = await chat.say(question)
        assert "đã bị hủy" in answer and "hết hạn" not in answer, (question, answer)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    assert "đã bị hủy" in await organiser.say("mấy giờ họp")


async def test_the_resume_question_is_asked_again_and_cancel_there_keeps_the_list(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    await _add(chat, AN)
    await chat.say("/help")
    await chat.say("/dangky")
    assert "chọn Tiếp tục hoặc Bỏ danh sách này" in await chat.say("không biết")
    assert "Đã hủy thao tác" in await chat.say("/huy")
    assert FOUND in await chat.say("/dangky")  # still there for the next time


async def test_a_list_resumed_after_the_cutoff_is_said_to_be_closed(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    await _add(chat, AN)
    await chat.say("/help")
    await chat.say("/dangky")
    clock.advance(days=7)  # past the demo's cutoff
    text = await chat.press("Tiếp tục")
    assert "vừa kết thúc" in text and "Danh sách chưa gửi cho hội nghị này đã được bỏ" in text


async def test_a_meeting_picked_after_it_was_cancelled_is_called_cancelled(sqlite_db: Db, clock: Clock) -> None:
    from datetime import datetime, time, timedelta

    from storage.meetings import create_meeting, unit_ids_of_kind
    from storage.models import Meeting

    ids = await demo_world(sqlite_db, clock)
    now = clock()
    async with sqlite_db.sessions() as s:
        start = datetime.combine(now.date() + timedelta(days=20), time(8, 0), tzinfo=now.tzinfo)
        await create_meeting(session=s, meeting=Meeting(
            title="Tập huấn đo lường", start_at=start, registration_cutoff=start - timedelta(days=5),
            mode="in_person"), invited_unit_ids=await unit_ids_of_kind(session=s, kind="commune"))
        await s.commit()
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    await _cancel_meeting(sqlite_db, clock, ids["meeting"])
    text = await chat.press("Hội nghị trực tuyến")
    assert "đã bị hủy" in text and "Lựa chọn này thuộc một tin nhắn cũ" not in text
