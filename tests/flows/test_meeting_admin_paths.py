"""/hoinghi and /lienket off the happy path: wrong numbers, several meetings, a meeting cancelled
under an open card, empty or past answers, nothing changed, a tentative time confirmed, and who
may use them at all. Each answer is a clear sentence; the flow never guesses which meeting."""

from __future__ import annotations

from datetime import timedelta

from handlers.types import Inbound
from storage.meetings import create_meeting
from storage.models import Meeting
from storage.units import find_unit
from tests.conftest import Clock, Db
from tests.flows.harness import _text, chat_as, demo_world, make_runtime


async def _second_meeting(db: Db, clock: Clock, *, tentative: bool = False) -> int:
    async with db.sessions() as session:
        unit = await find_unit(session=session, name="Phường Trấn Biên")
        start = (clock() + timedelta(days=20)).replace(hour=8, minute=0, second=0, microsecond=0)
        meeting = await create_meeting(session=session, meeting=Meeting(
            title="Hội nghị tập huấn đo lường", start_at=start, tentative=tentative, mode="in_person",
            location="Hội trường Sở", registration_cutoff=start - timedelta(days=3)), invited_unit_ids=[unit.id])
        await session.commit()
        assert meeting.id is not None
        return meeting.id


async def test_wrong_numbers_and_a_choice_among_several_meetings(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    assert await organiser.say("/hoinghi 99") == "Không có hội nghị số 99."
    assert await organiser.say("/lienket 99 https://meet.example/a") == "Không có hội nghị số 99."
    second = await _second_meeting(db, clock, tentative=True)

    assert (await organiser.say("/hoinghi")).startswith("Chọn hội nghị:")
    assert len(organiser.labels()) == 2
    training = organiser.choice_key("tập huấn")
    assert "Vui lòng chọn một hội nghị" in await organiser.say("cái thứ ba")  # not a choice: asked again
    card = _text(await organiser.send(Inbound(choice=training)))
    assert card.startswith("📌 Hội nghị tập huấn đo lường") and f"{second}" in card
    assert any("Xác nhận thời gian chính thức" in label for label in organiser.labels())  # tentative: offered
    confirmed = await organiser.press("Xác nhận thời gian chính thức")
    assert "Đã lưu thay đổi của Hội nghị tập huấn đo lường" in confirmed

    # A link typed alone with two meetings open: which one is asked, never guessed.
    assert (await organiser.say("/lienket https://meet.example/b")).startswith("Chọn hội nghị:")
    asked = await organiser.press("tập huấn")
    assert asked.startswith("Gửi đường dẫn tham dự của Hội nghị tập huấn đo lường")
    empty = await organiser.say("   ")  # an empty answer: said so, and the question again
    assert empty.startswith("Tin nhắn trống.") and "\nGửi đường dẫn tham dự của Hội nghị tập huấn" in empty
    assert "Đã lưu thay đổi" in await organiser.say("https://meet.example/b")
    assert await organiser.say(f"/lienket {second} https://meet.example/b") == (
        "Không có gì thay đổi ở Hội nghị tập huấn đo lường.")


async def test_place_past_time_close_and_keeping_a_meeting_not_cancelled(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    await organiser.say("/hoinghi")  # one meeting: its card at once
    await organiser.press("Đổi địa điểm")
    assert "Đã lưu thay đổi" in await organiser.say("Hội trường Sở, tầng 3")

    await organiser.say("/hoinghi")
    await organiser.press("Đổi thời gian")
    past = await organiser.say("8h00 ngày 01/01/2026")
    assert past.startswith("Thời gian này đã qua.") and "gõ /huy để thôi" in past

    await organiser.say("/hoinghi")
    assert await organiser.press("Đóng") == "Đã đóng. Gõ /hoinghi khi cần thay đổi hội nghị."
    await organiser.say("/hoinghi")
    asked = await organiser.press("Hủy hội nghị")
    assert "6 đơn vị" in asked
    kept = await organiser.press("Không")
    assert kept.startswith("Không hủy.") and kept.endswith("giữ nguyên.")


async def test_a_card_left_open_while_the_meeting_is_cancelled_is_not_acted_on(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    first, second = chat_as(runtime, "organizer"), chat_as(runtime, "organizer", chat_id="organizer-2")
    await first.say("/hoinghi")
    await second.say("/hoinghi")
    await second.press("Hủy hội nghị")
    assert (await second.press("Hủy và báo")).startswith("❌ Đã hủy Hội nghị trực tuyến")
    # The first card is stale now: the cancelled meeting is not changed, and the person is told so.
    assert await first.press("Đổi địa điểm") == (
        "Lựa chọn này thuộc một tin nhắn cũ. Vui lòng dùng tin nhắn mới nhất hoặc gõ /help.")
    assert await first.say("/hoinghi") == "Chưa có hội nghị nào."  # a cancelled meeting is not offered


async def test_no_meeting_at_all_and_members_who_may_not_manage_meetings(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    async with db.sessions() as session:
        for meeting in (await session.exec(Meeting.__table__.select())).all():  # type: ignore[call-overload]
            row = await session.get(Meeting, meeting.id)
            assert row is not None
            row.status = "cancelled"
        await session.commit()
    organiser = chat_as(runtime, "organizer")
    assert await organiser.say("/hoinghi") == "Chưa có hội nghị nào."
    assert await organiser.say("/lienket") == "Chưa có hội nghị nào."
    officer = chat_as(runtime, "officer")
    for command in ("/hoinghi", "/lienket 1 https://meet.example/x"):
        assert (await officer.say(command)).startswith("Xin lỗi, chức năng này chỉ dành cho cán bộ Sở")

