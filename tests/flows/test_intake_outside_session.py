"""Issue 8.3: a document is read with no database session held, in a child process with a time
limit; issue 9.9: what would go wrong is said before "Lưu"."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

import handlers.intake as intake
from domain.documents.upload import Upload, read_upload
from storage.models import Plan
from tests.conftest import Clock, Db, fixture_file
from tests.flows.harness import chat_as, make_runtime
from tests.flows.test_intake_flow import SEED_LETTER, SEED_PLAN, _count, _send, _world
from tests.worker_jobs import spin

Reader = Callable[[str, bytes], Awaitable[Upload]]


class HeldReading:
    """A reading that starts, then waits until the test lets it finish: slow, deterministically."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, name: str, data: bytes) -> Upload:
        self.started.set()
        await self.release.wait()
        return read_upload(name, data, intake.MAX_TEXT)


async def test_other_chats_are_answered_while_a_document_is_read(sqlite_db: Db, clock: Clock,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    await _world(sqlite_db)
    runtime = make_runtime(sqlite_db.sessions, clock)
    organiser, officer = chat_as(runtime, "organizer"), chat_as(runtime, "officer")
    held = HeldReading()
    monkeypatch.setattr(intake, "read_file", held)
    sending = asyncio.create_task(_send(organiser, "ke-hoach.txt", fixture_file(SEED_PLAN).read_bytes()))
    await held.started.wait()
    # While it is read, no connection is checked out: SQLite's only one is free for everyone else.
    assert sqlite_db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert "/dangky" in await officer.say("/help")
    assert "Đang đọc tệp «ke-hoach.txt»" in await organiser.say("xong chưa?")
    held.release.set()
    summary = await sending
    assert "21 nhiệm vụ" in summary and "Lưu vào hệ thống?" in summary
    assert "Đã lưu kế hoạch" in await organiser.press("Lưu kế hoạch")
    assert await _count(sqlite_db, Plan) == 1


async def test_a_reading_past_its_limit_is_stopped_with_a_vietnamese_answer(
        sqlite_db: Db, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    await _world(sqlite_db)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    monkeypatch.setattr(intake, "READ_LIMIT_S", 1.0)
    monkeypatch.setattr(intake, "read_upload", spin)  # the child runs this one: it never returns
    reply = await _send(organiser, "ke-hoach.pdf", b"%PDF-1.7 ...")
    assert "Đọc tệp «ke-hoach.pdf» quá 1 giây nên đã dừng" in reply and "chưa có gì được lưu" in reply
    monkeypatch.undo()
    again = await _send(organiser, "ke-hoach.txt", fixture_file(SEED_PLAN).read_bytes())
    assert "21 nhiệm vụ" in again  # the conversation was left, not stuck in "reading"


async def test_cancelling_while_reading_drops_the_result(sqlite_db: Db, clock: Clock,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    await _world(sqlite_db)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    held = HeldReading()
    monkeypatch.setattr(intake, "read_file", held)
    sending = asyncio.create_task(_send(organiser, "ke-hoach.txt", fixture_file(SEED_PLAN).read_bytes()))
    await held.started.wait()
    await organiser.say("/huy")
    held.release.set()
    assert "Đã bỏ qua kết quả đọc tệp" in await sending
    assert await _count(sqlite_db, Plan) == 0


async def test_a_reading_cut_short_by_a_crash_is_not_waited_for_forever(sqlite_db: Db, clock: Clock,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    await _world(sqlite_db)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")

    async def crash(name: str, data: bytes) -> Upload:
        raise RuntimeError("the process died")

    monkeypatch.setattr(intake, "read_file", crash)
    assert "đã có lỗi" in await _send(organiser, "ke-hoach.txt", b"x")
    assert "Đang đọc tệp" in await organiser.say("xong chưa?")
    clock.advance(minutes=10)
    assert "bị gián đoạn" in await organiser.say("xong chưa?")
    monkeypatch.undo()
    assert "21 nhiệm vụ" in await _send(organiser, "ke-hoach.txt", fixture_file(SEED_PLAN).read_bytes())


async def test_unmatched_unit_names_are_shown_before_saving(db: Db, clock: Clock) -> None:
    from sqlmodel import select

    from storage.models import Unit

    await _world(db)
    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    async with db.sessions() as s:  # the directory without Phòng Chuyển đổi số: rename it away
        unit = (await s.exec(select(Unit).where(Unit.name == "Phòng Chuyển đổi số"))).one()
        unit.name, unit.name_key, unit.short_names = "Phòng Số hóa", "phong so hoa", []
        await s.commit()
    summary = await _send(organiser, "ke-hoach.txt", fixture_file(SEED_PLAN).read_bytes())
    assert "1 tên đơn vị chưa có trong danh bạ" in summary and "Phòng Chuyển đổi số" in summary
    assert summary.index("Phòng Chuyển đổi số") < summary.index("Lưu vào hệ thống?")
    assert await _count(db, Plan) == 0


async def test_a_meeting_already_past_is_warned_about_before_saving(sqlite_db: Db, clock: Clock) -> None:
    await _world(sqlite_db)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    letter = fixture_file(SEED_LETTER).read_bytes()
    ahead = await _send(organiser, "giay-moi.txt", letter)  # 20/05: the meeting is on 28/05
    assert "đã diễn ra" not in ahead
    await organiser.press("Không lưu")
    clock.advance(days=12)
    past = await _send(organiser, "giay-moi.txt", letter)
    assert "⚠️ Cuộc họp này đã diễn ra (14h00, ngày 28/05/2026)" in past
    assert past.index("đã diễn ra") < past.index("Lưu vào hệ thống?")
    assert "Lưu và mở đăng ký" in organiser.labels()[0]


async def test_a_child_that_fails_or_text_too_long_is_explained(sqlite_db: Db, clock: Clock,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from handlers.worker import WorkFailed

    await _world(sqlite_db)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")

    async def killed(name: str, data: bytes) -> Upload:
        raise WorkFailed(exit=-9, reason="MemoryError")

    monkeypatch.setattr(intake, "read_file", killed)
    assert "Không đọc được tệp «bom.docx»" in await _send(organiser, "bom.docx", b"PK")
    monkeypatch.undo()
    monkeypatch.setattr(intake, "MAX_TEXT", 100)
    assert "Văn bản quá dài (trên 100 ký tự)" in await _send(organiser, "dai.txt", b"x" * 200)


async def test_a_letter_already_imported_is_said_before_saving(sqlite_db: Db, clock: Clock) -> None:
    await _world(sqlite_db)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    letter = fixture_file(SEED_LETTER).read_bytes()
    await _send(organiser, "giay-moi.txt", letter)
    assert "Đã lưu hội nghị" in await organiser.press("Lưu và mở đăng ký")
    again = await _send(organiser, "giay-moi.txt", letter)
    assert "đã được nhập trước đó (số 1)" in again and organiser.labels() == []
