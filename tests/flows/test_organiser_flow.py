"""The organiser's roster, missing list and Excel export, in chat and on the command line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime, register

AN = ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919.422.038")
CUC = ("Lê Thị Cúc", "Công chức Văn hóa - Xã hội", "0912 000 111")


async def test_roster_missing_and_export(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    await register(chat_as(runtime, "officer"), [AN, CUC], focal=1)
    organiser = chat_as(runtime, "organizer")

    roster = await organiser.say("/danhsach")
    assert "Đã đăng ký: 1/6 đơn vị, tổng cộng 2 người" in roster
    assert "Phường Trấn Biên: 2 người – đầu mối: Lê Thị Cúc, 0912000111" in roster

    missing = await organiser.say("/chuadangky")
    assert "5 đơn vị chưa đăng ký" in missing
    assert "Xã Long Thành – Trần Văn Bình" in missing
    assert "Phường Trấn Biên" not in missing

    await organiser.say("/xuat")
    assert any("📑" in label for label in organiser.labels())  # the plan's status table is offered too
    await organiser.press("Hội nghị trực tuyến")
    file = organiser.last[0].file
    assert file is not None and file.name.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(file.data)).active
    assert sheet["A4"].value == "STT"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert rows == [
        [1, "Phường Trấn Biên", "Lê Thị Cúc", "Công chức Văn hóa - Xã hội", "0912000111", None, "x"],
        [2, "Phường Trấn Biên", "Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919422038", None, None],
    ]


async def test_english_command_names_work_too(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    assert "Đã đăng ký: 0/6" in await organiser.say("/roster")
    assert "6 đơn vị chưa đăng ký" in await organiser.say("/missing")
    assert "Đã đăng ký: 0/6" in await organiser.say("/DanhSach@tdc_bot")


async def test_several_meetings_ask_which_one(sqlite_db: Db, clock: Clock) -> None:
    from datetime import timedelta

    from storage.meetings import create_meeting, unit_ids_of_kind
    from storage.models import Meeting

    await demo_world(sqlite_db, clock)
    async with sqlite_db.sessions() as s:
        await create_meeting(session=s, meeting=Meeting(title="Hội nghị đối thoại doanh nghiệp", mode="in_person",
                                                        start_at=clock() + timedelta(days=20)),
                             invited_unit_ids=(await unit_ids_of_kind(session=s, kind="commune"))[:2])
        await s.commit()
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    await organiser.say("/chuadangky")
    assert len(organiser.labels()) == 2
    text = await organiser.press("đối thoại")
    assert "2 đơn vị chưa đăng ký" in text


async def test_cli_export_writes_the_same_file(sqlite_db: Db, clock: Clock, tmp_path: Path) -> None:
    ids = await demo_world(sqlite_db, clock)
    await register(chat_as(make_runtime(sqlite_db.sessions, clock), "officer"), [AN])
    out = tmp_path / "roster.xlsx"
    tdc = str(Path(sys.executable).with_name("tdc-bot"))
    result = subprocess.run([tdc, "export", "registrations", "--meeting", str(ids["meeting"]), "--out", str(out)],
                            capture_output=True, text=True, env={**os.environ, "TDC_DATABASE_URL": sqlite_db.url},
                            timeout=120)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out).active
    assert sheet["C5"].value == "Nguyễn Văn An" and sheet["E5"].value == "0919422038"
    missing = subprocess.run([tdc, "export", "registrations", "--meeting", "999", "--out", str(out)],
                             capture_output=True, text=True,
                             env={**os.environ, "TDC_DATABASE_URL": sqlite_db.url}, timeout=120)
    assert missing.returncode == 2 and "no such meeting" in missing.stderr


async def test_the_plan_status_table_has_a_row_per_task_and_unit_with_progress(db: Db, clock: Clock) -> None:
    """/xuat → the plan: every task with its units, leads first; a unit's progress and note in its row;
    a task no unit could be matched to keeps the names as written."""
    from storage.models import Plan, Task, TaskUnit
    from storage.plans import plan_tasks, set_progress, task_units

    ids = await demo_world(db, clock)
    async with db.sessions() as session:
        tasks = await plan_tasks(session=session, plan_id=ids["plan"])
        on_task = [await task_units(session=session, task_id=task.id or 0) for task in tasks]
        link, unit = next(units for units in on_task if units)[0]
        await set_progress(session=session, task_id=link.task_id, unit_id=unit.id or 0, status="in_progress",
                           note="=HYPERLINK(\"http://x\",\"xem\") đã họp triển khai", file_ref=None,
                           actor_id=ids["organizer"], now=clock())
        plan = await session.get(Plan, ids["plan"])
        assert plan is not None
        orphan = Task(plan_id=ids["plan"], number="99", content="Nhiệm vụ chưa rõ đơn vị", position=999,
                      units_unmatched=["Ban Quản lý Khu kinh tế"])
        session.add(orphan)
        await session.commit()
        expected_rows = sum(max(1, len(units)) for units in on_task) + 1
    assert isinstance(link, TaskUnit)

    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    await organiser.say("/xuat")
    await organiser.press("📑")
    file = organiser.last[0].file
    assert file is not None and file.name.startswith(f"tien-do-{ids['plan']}-") and file.name.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(file.data)).active
    assert [c.value for c in sheet[4]][:3] == ["STT", "Mục", "Nội dung nhiệm vụ"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert len(rows) == expected_rows
    mine = next(r for r in rows if r[4] == unit.name and r[7])
    assert mine[6] == "Đang thực hiện" and mine[7].startswith("=HYPERLINK") and mine[8] == "20/05/2026"
    assert sheet.cell(row=5 + rows.index(mine), column=8).data_type == "s"  # words, not a live formula
    assert rows[-1][4] == "Ban Quản lý Khu kinh tế" and rows[-1][5] is None  # nobody matched: names as written
