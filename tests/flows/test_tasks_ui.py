"""Issue 9 items 3, 6, 7, 9: the task answer on a phone, periods without a year, typed commands,
the organiser's /xuat N and /help. The clock is 1 December 2026 unless a test says otherwise."""

from __future__ import annotations

import re
from datetime import datetime

from bot.demo import demo_doc
from handlers.texts import t
from storage.members import add_member
from storage.plans import import_plan_text
from storage.units import find_unit
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import Chat, chat_as, demo_world, make_runtime
from tests.flows.test_tasks_flow import TDC_LEADS, full_answer, section

DECEMBER = datetime(2026, 12, 1, 9, tzinfo=TZ)
LABEL = re.compile(r"\[([0-9]+\.[^\]]+)\]")


async def _head(db: Db, now: datetime = DECEMBER, persona: str = "unit_head") -> Chat:
    clock = Clock(now)
    await demo_world(db, clock)
    return chat_as(make_runtime(db.sessions, clock), persona)


async def test_a_quarter_without_a_year_is_the_plan_year_in_december(sqlite_db: Db) -> None:
    head = await _head(sqlite_db)
    answer = await full_answer(head, "/viec quý 3")
    assert "Quý III/2026" in answer and "2027" not in answer
    # Quý III/2026 is over: its tasks are listed once, as overdue, not as next year's work
    assert section(answer, "Đã quá") >= TDC_LEADS[3] - TDC_LEADS[4]
    assert "Quý III/2026" in await full_answer(head, "việc quý 3 có gì")
    assert "tháng 11/2026" in await full_answer(head, "/viec tháng 11")


async def test_a_unit_with_no_work_this_year_gets_next_years_period(sqlite_db: Db) -> None:
    head = await _head(sqlite_db)
    async with sqlite_db.sessions() as s:
        unit = await find_unit(session=s, name="Ủy ban TĐC")
        await add_member(session=s, unit_id=unit.id, full_name="Người Hỏi", role="unit_head", channel="console",
                         external_id="national")
        await s.commit()
    national = chat_as(head.runtime, "national")
    assert "Quý III/2027" in await national.say("/viec quý 3")


async def test_work_in_both_years_asks_which_year(sqlite_db: Db) -> None:
    head = await _head(sqlite_db)
    async with sqlite_db.sessions() as s:
        await import_plan_text(session=s, text=demo_doc("ke-hoach-chi-thi-38.txt").replace("2026", "2027"),
                               source_name="ke-hoach-2027.txt", now=DECEMBER)
        await s.commit()
    asked = await head.say("/viec quý 3")
    assert "Quý III/2026 hay Quý III/2027" in asked
    assert "Vui lòng chọn" in await head.say("không biết")
    answer = await head.press("Quý III/2027")
    assert "📋 Nhiệm vụ của Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng – Quý III/2027" in answer


async def test_a_period_not_understood_says_so_and_what_to_type(sqlite_db: Db) -> None:
    head = await _head(sqlite_db)
    for typed in ("quý 5", "abc"):
        answer = await head.say(f"/viec {typed}")
        assert f"chưa hiểu kỳ «{typed}»" in answer and "/viec quý 3" in answer
        assert "📋" not in answer
    assert "chưa hiểu kỳ" in await head.say("quý 5 có việc gì")


async def test_command_typos_get_a_suggestion_and_a_split_command_runs(sqlite_db: Db) -> None:
    officer = await _head(sqlite_db, datetime(2026, 5, 20, 9, tzinfo=TZ), "officer")
    assert "Có phải anh/chị muốn /dangky?" in await officer.say("/dangki")
    assert "Có phải anh/chị muốn /dangky?" in await officer.say("/dang ki")
    assert "Có phải anh/chị muốn /viec?" in await officer.say("/vjec")
    registered = await officer.say("/dangky")
    await officer.say("/huy")
    assert await officer.say("/dang ky") == registered
    assert await officer.say("/dang ký") == registered
    assert await officer.say("/xyzzy") == t("unknown_command", command="xyzzy")


async def test_the_year_answer_puts_overdue_first_once_in_short_lines(sqlite_db: Db) -> None:
    head = await _head(sqlite_db)
    first = await head.say("/viec năm nay")
    assert first.index("Đã quá thời hạn") < first.index("Chủ trì (")
    answer = await full_answer(head, "/viec năm nay")
    labels = LABEL.findall(answer)
    assert len(labels) == len(set(labels)) == 21  # every task once: no overdue listed twice
    assert section(answer, "Đã quá") == {"1.b", "2.f", "3.b", "5.b"}
    numbered = [line for line in answer.splitlines() if re.match(r"^\d+\. ", line)]
    assert [int(line.split(".")[0]) for line in numbered] == list(range(1, 22))
    assert all(len(line) <= 160 for line in numbered), max(numbered, key=len)
    assert "Thường xuyên, theo yêu cầu – chủ trì" in answer
    assert section(answer, "Thường xuyên, theo yêu cầu – phối hợp") == {"4.a"}


async def test_a_quarter_for_a_division_fits_in_fewer_pages(sqlite_db: Db) -> None:
    head = await _head(sqlite_db, datetime(2026, 10, 5, 9, tzinfo=TZ))
    await full_answer(head, "quý này có việc gì?")
    answer = await full_answer(head, "quý này có việc gì?")
    assert len(answer) < 3500
    assert answer.index("Đã quá thời hạn") < answer.index("Chủ trì (")


async def test_open_one_task_in_full_and_page_back(sqlite_db: Db) -> None:
    head = await _head(sqlite_db)
    first = await head.say("/viec năm nay")
    assert "«xem 3»" in first or "Trang sau" in " ".join(head.labels())
    line3 = next(line for line in first.splitlines() if line.startswith("3. "))
    label = LABEL.search(line3)
    assert label is not None
    second = await head.press("Trang sau")
    assert "Trang trước" in " ".join(head.labels())
    assert await head.press("Trang trước") == first
    assert await head.say("xem 3") != second
    opened = head.text
    assert opened.startswith(f"[{label.group(1)}]") and "Tiến độ:" in opened and "…" not in opened.splitlines()[0]
    assert "từ 1 đến 21" in await head.say("xem 99")


async def test_in_progress_shows_the_yellow_mark_in_every_list(sqlite_db: Db) -> None:
    head = await _head(sqlite_db)
    await head.say("/capnhat")
    await head.press("[2.c]")  # an ongoing task
    await head.press("Đang thực hiện")
    await head.press("Bỏ qua")
    answer = await full_answer(head, "/viec")
    assert re.search(r"🟡 \[2\.c\]", answer), answer


async def test_a_commune_sees_the_report_it_must_send(sqlite_db: Db) -> None:
    clock = Clock(datetime(2026, 10, 20, 9, tzinfo=TZ))
    await demo_world(sqlite_db, clock)
    async with sqlite_db.sessions() as s:
        office = await find_unit(session=s, name="Văn phòng Sở")
        await add_member(session=s, unit_id=office.id, full_name="Cán Bộ VP", role="officer", channel="console",
                         external_id="office")
        await s.commit()
    answer = await full_answer(chat_as(make_runtime(sqlite_db.sessions, clock), "office"), "/viec")
    line = next(x for x in answer.splitlines() if "📄" in x)
    assert line.startswith("• 📄 Báo cáo đánh giá tình hình triển khai"), line
    assert "Các phòng và đơn vị" not in line


async def test_export_by_the_number_of_the_menu_it_showed(sqlite_db: Db) -> None:
    organiser = await _head(sqlite_db, datetime(2026, 5, 20, 9, tzinfo=TZ), "organizer")
    await organiser.say("/xuat")
    assert organiser.labels()[1].startswith("📑")
    await organiser.say("/xuat 2")
    file = organiser.last[0].file
    assert file is not None and file.name.startswith("tien-do-") and "Không có hội nghị" not in organiser.text
    assert file.name.endswith("-nam-2026.xlsx")  # the whole title, not cut after six words
    await organiser.say("/xuat 1")
    assert organiser.last[0].file is not None and organiser.last[0].file.name.startswith("danh-sach-")
    assert "Không có mục số 3" in await organiser.say("/xuat 3")
    help_text = await organiser.say("/help")
    assert "/baocao" in help_text and "Gửi tệp kế hoạch" in help_text


async def test_a_long_choice_list_pages_and_finds_by_number_or_words(sqlite_db: Db) -> None:
    head = await _head(sqlite_db)
    first = await head.say("/capnhat")
    tasks = [label for label in head.labels() if label.startswith(("⚪", "🟡", "✅"))]
    assert len(tasks) == 10 and "Trang sau ▶" in head.labels() and "Trang 1/3" in first
    await head.press("Trang sau")
    assert "◀ Trang trước" in head.labels() and "Trang 2/3" in head.text
    assert "[6.b]" not in " ".join(head.labels())
    assert "[6.b]" in await head.say("6.b") and "Đang thực hiện" in " ".join(head.labels())
    await head.say("/capnhat")
    assert "khớp" in await head.say("Ủy ban Tiêu chuẩn")  # 4.c and 6.b name it
    assert {"4.c", "6.b"} <= {LABEL.search(x).group(1) for x in head.labels() if LABEL.search(x)}
    assert len(head.labels()) < 10
    assert "Vui lòng chọn một nhiệm vụ" in await head.say("không có chữ này")
