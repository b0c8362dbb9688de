"""A letter that gives only a period is summarised, saved and shown with its words, never 00h00."""

from __future__ import annotations

from sqlmodel import select

from handlers.types import Inbound, InFile
from storage.models import Meeting
from tests.conftest import Clock, Db, fixture_file
from tests.flows.harness import chat_as, make_runtime
from tests.flows.test_intake_flow import _world

PERIOD = "letter_shapes/thong_bao_cuoi_thang.txt"


async def test_a_period_letter_reads_as_its_period_from_summary_to_card(sqlite_db: Db, clock: Clock) -> None:
    await _world(sqlite_db)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    data = fixture_file(PERIOD).read_bytes()

    async def fetch() -> bytes:
        return data

    replies = await organiser.send(Inbound(file=InFile(name="thong-bao.txt", size=len(data), fetch=fetch)))
    summary = "\n".join(r.text for r in replies)
    assert "8h00, cuối tháng 9/2026 (dự kiến)" in summary and "00h00" not in summary
    assert "chưa có ngày cụ thể" in summary
    assert "Đã lưu hội nghị" in await organiser.press("Lưu và mở đăng ký")
    async with sqlite_db.sessions() as s:
        meeting = (await s.exec(select(Meeting))).one()
    assert meeting.time_label == "8h00, cuối tháng 9/2026"
