"""An organiser sends a plan or a letter in chat: a summary first, stored only on confirmation."""

from __future__ import annotations

import io

import docx
from sqlmodel import func, select

from handlers.types import Inbound, InFile
from storage.models import AgendaItem, Meeting, Plan, Task
from tests.conftest import Clock, Db, fixture_file
from tests.flows.harness import Chat, chat_as, make_runtime

SEED_PLAN = "seeds/003_9dc728ae31be0994.txt"
SEED_LETTER = "seeds/000_a3fd057809f7ec29.txt"


async def _world(db: Db) -> None:
    from bot.demo import PEOPLE, UNITS
    from storage.members import add_member
    from storage.units import find_unit, upsert_units

    async with db.sessions() as s:
        await upsert_units(session=s, rows=UNITS)
        for persona, name, role, unit_name in PEOPLE:
            unit = await find_unit(session=s, name=unit_name)
            await add_member(session=s, unit_id=unit.id, full_name=name, role=role, channel="console",
                             external_id=f"demo-{persona}")
        await s.commit()


def _docx_of(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


async def _send(chat: Chat, name: str, data: bytes) -> str:
    async def fetch() -> bytes:
        return data

    replies = await chat.send(Inbound(file=InFile(name=name, size=len(data), fetch=fetch)))
    return "\n".join(r.text for r in replies)


async def _count(db: Db, model: type) -> int:
    async with db.sessions() as s:
        return (await s.exec(select(func.count()).select_from(model))).one()


async def test_plan_as_docx_is_summarised_then_saved_on_confirmation(db: Db, clock: Clock) -> None:
    await _world(db)
    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    text = fixture_file(SEED_PLAN).read_text(encoding="utf-8")
    summary = await _send(organiser, "ke-hoach.docx", _docx_of(text))
    assert "21 nhiệm vụ, 2 hạn báo cáo" in summary and "Lưu vào hệ thống?" in summary
    assert await _count(db, Plan) == 0
    assert "Đã lưu kế hoạch" in await organiser.press("Lưu kế hoạch")
    assert await _count(db, Task) == 21
    again = await _send(organiser, "ke-hoach.docx", _docx_of(text))
    # Said before "Lưu", and nothing offered to save (issue 9.5: known by its text).
    assert "21 nhiệm vụ" in again and "đã được nhập trước đó (số 1)" in again
    assert organiser.labels() == []
    assert await _count(db, Plan) == 1


async def test_letter_becomes_an_open_meeting(sqlite_db: Db, clock: Clock) -> None:
    await _world(sqlite_db)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    summary = await _send(organiser, "giay-moi.txt", fixture_file(SEED_LETTER).read_bytes())
    assert "14h00, ngày 28/05/2026 (dự kiến)" in summary and "trước ngày 26/05/2026" in summary
    assert "Đã lưu hội nghị" in await organiser.press("Lưu và mở đăng ký")
    async with sqlite_db.sessions() as s:
        meeting = (await s.exec(select(Meeting))).one()
        assert (meeting.mode, meeting.contact_phone, meeting.status) == ("online", "0919422038", "open")
        assert (await s.exec(select(func.count()).select_from(AgendaItem))).one() == 4


async def test_dropping_saves_nothing_and_bad_files_are_explained(sqlite_db: Db, clock: Clock) -> None:
    await _world(sqlite_db)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    await _send(organiser, "ke-hoach.txt", fixture_file(SEED_PLAN).read_bytes())
    assert "không có gì được lưu" in await organiser.press("Không lưu")
    assert await _count(sqlite_db, Plan) == 0
    corrupt = await _send(organiser, "hong.docx", b"PK\x03\x04 not really a docx")
    assert corrupt and "Traceback" not in corrupt
    assert ".docx" in await _send(organiser, "anh.jpg", b"\xff\xd8\xff")
    assert "chưa nhận ra" in await _send(organiser, "thu.txt", "Kính gửi anh chị, chúc mừng năm mới.".encode())
    assert await _count(sqlite_db, Plan) == 0


async def test_only_organisers_can_import(sqlite_db: Db, clock: Clock) -> None:
    await _world(sqlite_db)
    officer = chat_as(make_runtime(sqlite_db.sessions, clock), "officer")
    reply = await _send(officer, "ke-hoach.txt", fixture_file(SEED_PLAN).read_bytes())
    assert "chưa cần tệp" in reply and "/baocao" in reply
    assert await _count(sqlite_db, Plan) == 0
