"""Asking what is due, marking progress and submitting reports, on the seed plan (seed 003)."""

from __future__ import annotations

import io
import re
from datetime import datetime

import openpyxl
import pytest

from handlers.texts import t
from storage.members import add_member
from storage.units import find_unit
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import Chat, chat_as, demo_world, make_runtime

# Seed 003's dated tasks per quarter of 2026, as section II gives them.
TDC_LEADS = {
    1: set(),
    2: {"1.b", "2.f", "3.a"},
    3: {"1.a", "2.d", "3.a", "3.b", "3.c", "5.b"},
    4: {"1.a", "2.a", "2.d", "2.đ", "3.a", "3.c"},
}
# 4.a: Trung tâm KH&CN leads, Phòng TĐC coordinates; 4.c: Phòng TĐC leads (section II).
ONGOING_TDC = {"2.b", "2.c", "2.e", "2.g", "4.a", "4.b", "4.c", "5.a", "5.c", "6.a", "6.b"}
QUARTER_DAYS = {1: datetime(2026, 2, 10, 9), 2: datetime(2026, 5, 20, 9), 3: datetime(2026, 8, 12, 9),
                4: datetime(2026, 10, 5, 9)}


async def full_answer(chat: Chat, question: str) -> str:
    """The whole answer: every page, following 'Trang sau'."""
    pages = [await chat.say(question)]
    while any("Trang sau" in label for label in chat.labels()):
        pages.append(await chat.press("Trang sau"))
    return "\n".join(pages)


def section(text: str, header: str) -> set[str]:
    """Task labels listed under a header ("Chủ trì", "Phối hợp", "Thường xuyên", "Đã quá")."""
    found: set[str] = set()
    inside = False
    for line in text.splitlines():
        if re.match(r"^(Chủ trì|Phối hợp|Thường xuyên|Đã quá|Báo cáo đến hạn)", line):
            inside = line.startswith(header)
            continue
        match = re.search(r"\[([0-9]+\.[^\]]+)\]", line)
        if inside and match:
            found.add(match.group(1))
    return found


async def _people(db: Db) -> None:
    async with db.sessions() as s:
        for unit_name, ext in (("Xã Long Thành", "commune-head"), ("Ủy ban TĐC", "national")):
            unit = await find_unit(session=s, name=unit_name)
            await add_member(session=s, unit_id=unit.id, full_name="Người Hỏi", role="unit_head", channel="console",
                             external_id=ext)
        await s.commit()


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
async def test_this_quarter_for_a_division_a_commune_and_a_unit_with_none(sqlite_db: Db, quarter: int) -> None:
    clock = Clock(QUARTER_DAYS[quarter].replace(tzinfo=TZ))
    await demo_world(sqlite_db, clock)
    await _people(sqlite_db)
    runtime = make_runtime(sqlite_db.sessions, clock)

    division = await full_answer(chat_as(runtime, "unit_head"), "quý này có việc gì?")
    assert section(division, "Chủ trì") == TDC_LEADS[quarter]
    assert section(division, "Thường xuyên") == ONGOING_TDC
    assert ("Báo cáo đến hạn" in division) == (quarter == 4)
    if quarter == 4:  # Phòng TĐC receives both reports and consolidates them
        assert division.count("đơn vị nhận, tổng hợp") == 2

    commune = await full_answer(chat_as(runtime, "commune-head"), "quy nay co viec gi")
    assert section(commune, "Chủ trì") == set()
    assert section(commune, "Phối hợp") == ({"5.b"} if quarter == 3 else set())
    assert section(commune, "Thường xuyên") == {"5.a"}

    none = await full_answer(chat_as(runtime, "national"), "quý này có việc gì?")
    assert "Không có nhiệm vụ hay hạn báo cáo nào của Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia" in none


@pytest.mark.parametrize("question", ["sắp đến hạn", "sap den han", "có gì sắp đến hạn không", "/viec sắp đến hạn"])
async def test_due_soon_lists_what_ends_in_the_next_two_weeks(sqlite_db: Db, question: str) -> None:
    """Quý III's tasks end on 1/10, within two weeks of 20/9; those running into Quý IV do not."""
    clock = Clock(datetime(2026, 9, 20, 9, tzinfo=TZ))
    await demo_world(sqlite_db, clock)
    answer = await full_answer(chat_as(make_runtime(sqlite_db.sessions, clock), "unit_head"), question)
    assert t("internal_error") not in answer
    assert "14 ngày tới" in answer
    assert section(answer, "Chủ trì") == TDC_LEADS[3] - TDC_LEADS[4] == {"3.b", "5.b"}
    assert section(answer, "Thường xuyên") == set()  # undated work never falls due


async def test_overdue_tasks_are_listed_until_marked_done(sqlite_db: Db) -> None:
    clock = Clock(QUARTER_DAYS[3].replace(tzinfo=TZ))
    await demo_world(sqlite_db, clock)
    head = chat_as(make_runtime(sqlite_db.sessions, clock), "unit_head")
    answer = await full_answer(head, "/viec")
    assert section(answer, "Đã quá") == {"1.b", "2.f"}
    await head.say("/capnhat")
    await head.press("[1.b]")
    await head.press("Đã hoàn thành")
    assert "Đã cập nhật nhiệm vụ [1.b]: Đã hoàn thành" in await head.say("Đã trao 3 giải")
    assert section(await full_answer(head, "/viec"), "Đã quá") == {"2.f"}


async def test_progress_is_seen_by_the_lead_unit_not_by_other_coordinators(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    async with sqlite_db.sessions() as s:
        office = await find_unit(session=s, name="Văn phòng Sở")
        centre = await find_unit(session=s, name="Trung tâm KH&CN")
        await add_member(session=s, unit_id=office.id, full_name="Cán Bộ VP", role="officer", channel="console",
                         external_id="office")
        await add_member(session=s, unit_id=centre.id, full_name="Cán Bộ TT", role="officer", channel="console",
                         external_id="centre")
        await s.commit()
    runtime = make_runtime(sqlite_db.sessions, clock)
    office_chat = chat_as(runtime, "office")
    await office_chat.say("/capnhat")
    await office_chat.press("[2.d]")
    await office_chat.press("Đang thực hiện")
    await office_chat.say("Đã rà soát quy trình ISO")
    head = chat_as(runtime, "unit_head")
    await head.say("/capnhat")
    card = await head.press("[2.d]")
    assert "Văn phòng Sở (phối hợp): Đang thực hiện – Đã rà soát quy trình ISO" in card
    centre_chat = chat_as(runtime, "centre")
    await centre_chat.say("/capnhat")
    card = await centre_chat.press("[2.d]")
    assert "Văn phòng Sở" not in card and "Trung tâm Khoa học và Công nghệ (phối hợp)" in card
    # a unit cannot pick a task it is not on
    assert "[2.f]" not in " ".join(centre_chat.labels())


async def test_report_submission_and_who_has_not(sqlite_db: Db) -> None:
    clock = Clock(datetime(2026, 10, 20, 9, tzinfo=TZ))
    await demo_world(sqlite_db, clock)
    async with sqlite_db.sessions() as s:
        office = await find_unit(session=s, name="Văn phòng Sở")
        await add_member(session=s, unit_id=office.id, full_name="Cán Bộ VP", role="officer", channel="console",
                         external_id="office")
        await s.commit()
    runtime = make_runtime(sqlite_db.sessions, clock)
    office_chat = chat_as(runtime, "office")
    await office_chat.say("/baocao")
    card = await office_chat.press("01/11/2026")
    assert "Đơn vị chưa nộp" in card and "còn 9 ngày làm việc" in card
    await office_chat.press("Nộp báo cáo")
    assert "Đã ghi nhận" in await office_chat.say("Báo cáo số 45/BC-VP")
    organiser = chat_as(runtime, "organizer")
    await organiser.say("/baocao")
    status = await organiser.press("01/11/2026")
    assert "Đã nộp 1/4 đơn vị" in status  # Phòng TĐC receives the reports; it owes none to itself
    assert "⏳ Phòng Quản lý" not in status
    assert "✅ Văn phòng Sở (20/10/2026)" in status and "⏳ Phòng Chuyển đổi số" in status


async def test_status_table_export(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    await organiser.say("/xuat")
    await organiser.press("📑")
    file = organiser.last[0].file
    assert file is not None and file.name.startswith("tien-do-")
    sheet = openpyxl.load_workbook(io.BytesIO(file.data)).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert len({r[1] for r in rows if r[1]}) == 21
    assert rows[0][1:3] == ("1.a", rows[0][2]) and rows[0][5:7] == ("chủ trì", "Chưa bắt đầu")
