"""Registration through the console channel: every path a commune officer can take."""

from __future__ import annotations

from sqlmodel import func, select

from storage.models import Attendee, AuditEvent, Registration
from storage.registrations import registration_of
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime, register

AN = ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919.422.038")
BINH = ("Trần Thị Bình", "Công chức Văn hóa - Xã hội", "+84 912 345 678")


async def _saved(db: Db, meeting_id: int, unit_name: str = "Phường Trấn Biên"):  # type: ignore[no-untyped-def]
    from storage.units import find_unit

    async with db.sessions() as s:
        unit = await find_unit(session=s, name=unit_name)
        return await registration_of(session=s, meeting_id=meeting_id, unit_id=unit.id)


async def test_officer_registers_two_people_and_the_rows_are_committed(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    chat = chat_as(make_runtime(db.sessions, clock), "officer")
    done = await register(chat, [AN, BINH], focal=1)
    assert "Đã đăng ký 2 người" in done
    reg, people = await _saved(db, ids["meeting"])
    assert reg is not None
    assert [(p.full_name, p.phone, p.is_focal_point) for p in people] == [
        ("Trần Thị Bình", "0912345678", True),
        ("Nguyễn Văn An", "0919422038", False),
    ]
    async with db.sessions() as s:
        actions = (await s.exec(select(AuditEvent.action).where(AuditEvent.action == "registration.save"))).all()
        assert actions == ["registration.save"]


async def test_meeting_card_shows_time_mode_cutoff_and_contact(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    text = await chat.say("/dangky")
    assert "14h00, ngày 30/05/2026 (dự kiến)" in text
    assert "Trực tuyến" in text
    assert "trước ngày 27/05/2026" in text
    assert "0919422038" in text


async def test_edit_remove_and_change_focal_point_before_cutoff(sqlite_db: Db, clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await register(chat, [AN, BINH], focal=0)
    clock.advance(days=1)
    text = await chat.say("/dangky")
    assert "Đơn vị đã đăng ký" in text and "Nguyễn Văn An" in text
    await chat.press("Sửa thông tin")
    await chat.press("Trần Thị Bình")
    await chat.press("Điện thoại")
    assert "chưa đúng" in await chat.say("12345")
    await chat.say("0912 999 888")
    await chat.press("Chọn đầu mối")
    await chat.press("Trần Thị Bình")
    await chat.press("Xóa người")
    await chat.press("Nguyễn Văn An")
    assert "Đã đăng ký 1 người" in await chat.press("Xác nhận gửi")
    _, people = await _saved(sqlite_db, ids["meeting"])
    assert [(p.full_name, p.phone, p.is_focal_point) for p in people] == [("Trần Thị Bình", "0912999888", True)]


async def test_quitting_keeps_the_saved_list_unchanged(sqlite_db: Db, clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await register(chat, [AN])
    await chat.say("/dangky")
    await chat.press("Xóa người")
    await chat.press("Nguyễn Văn An")
    assert "thay đổi chưa gửi" in await chat.say("/huy")
    assert "Đã bỏ các thay đổi chưa gửi" in await chat.press("Bỏ thay đổi")
    _, people = await _saved(sqlite_db, ids["meeting"])
    assert [p.full_name for p in people] == ["Nguyễn Văn An"]


async def test_removing_everyone_withdraws_the_registration(sqlite_db: Db, clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await register(chat, [AN])
    await chat.say("/dangky")
    await chat.press("Xóa người")
    await chat.press("Nguyễn Văn An")
    assert "Rút đăng ký nghĩa là" in await chat.press("Rút đăng ký")
    assert "Đã rút đăng ký" in await chat.press("Có, rút đăng ký")
    reg, _ = await _saved(sqlite_db, ids["meeting"])
    assert reg is None


async def test_after_cutoff_the_registration_is_read_only(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await register(chat, [AN])
    clock.advance(days=7)  # the cutoff is 00:00 seven days after the demo's "now" day
    text = await chat.say("/dangky")
    assert "Đã hết hạn đăng ký" in text and "Nguyễn Văn An" in text
    assert "Đoàn Minh Hải" in text
    assert chat.labels() == []


async def test_cutoff_passing_mid_conversation_saves_nothing(sqlite_db: Db, clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    await chat.press("Thêm người")
    for answer in AN:
        await chat.say(answer)
    await chat.press("Bỏ qua")
    await chat.press("Có")
    clock.advance(days=7)
    assert "vừa kết thúc" in await chat.press("Xác nhận gửi")
    reg, _ = await _saved(sqlite_db, ids["meeting"])
    assert reg is None


async def test_a_restart_mid_registration_resumes_where_it_stopped(sqlite_db: Db, clock: Clock) -> None:
    from storage.engine import make_async_engine, session_factory

    ids = await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    await chat.say("/dangky")
    await chat.press("Thêm người")
    await chat.say(AN[0])
    await sqlite_db.engine.dispose()  # the process goes away
    engine = make_async_engine(sqlite_db.url)
    try:
        again = chat_as(make_runtime(session_factory(engine), clock), "officer")
        assert "Số điện thoại" in await again.say(AN[1])
        await again.say(AN[2])
        await again.say("an@example.vn")
        await again.say("1")
        assert "Đã đăng ký 1 người" in await again.say("5")
    finally:
        await engine.dispose()
    _, people = await _saved(sqlite_db, ids["meeting"])
    assert [(p.full_name, p.email) for p in people] == [("Nguyễn Văn An", "an@example.vn")]


async def test_two_officers_of_one_commune_cannot_overwrite_each_other(db: Db, clock: Clock) -> None:
    from storage.members import add_member
    from storage.units import find_unit

    ids = await demo_world(db, clock)
    async with db.sessions() as s:
        unit = await find_unit(session=s, name="Phường Trấn Biên")
        await add_member(session=s, unit_id=unit.id, full_name="Lê Thị Cúc", role="officer",
                         channel="console", external_id="second")
        await s.commit()
    runtime = make_runtime(db.sessions, clock)
    first, second = chat_as(runtime, "officer"), chat_as(runtime, "second")
    for chat, person in ((first, AN), (second, BINH)):
        await chat.say("/dangky")
        await chat.press("Thêm người")
        for answer in person:
            await chat.say(answer)
        await chat.press("Bỏ qua")
        await chat.press("Có")
    assert "Đã đăng ký 1 người" in await first.press("Xác nhận gửi")
    text = await second.press("Xác nhận gửi")
    assert "cán bộ khác của đơn vị vừa cập nhật" in text and "Nguyễn Văn An" in text
    _, people = await _saved(db, ids["meeting"])
    assert [p.full_name for p in people] == ["Nguyễn Văn An"]
    # The second officer now edits the latest list and can save it.
    await second.press("Thêm người")
    for answer in BINH:
        await second.say(answer)
    await second.press("Bỏ qua")
    await second.press("Không")
    assert "Đã đăng ký 2 người" in await second.press("Xác nhận gửi")
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Registration))).one() == 1
        assert (await s.exec(select(func.count()).select_from(Attendee))).one() == 2
