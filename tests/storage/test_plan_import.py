"""Seed 003 (a yearly plan: 21 tasks, 2 report deadlines) stored on both engines, row by row."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import col, func, select

from bot.demo import UNITS
from domain.documents import read_plan
from domain.errors import Conflict
from storage.models import Deadline, DeadlineUnit, Plan, Task, TaskUnit, Unit
from storage.plans import store_plan
from storage.units import upsert_units
from tests.conftest import TZ, Db, fixture_file

SEED = "seeds/003_9dc728ae31be0994.txt"
TDC = "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
CENTRE = "Trung tâm Khoa học và Công nghệ"
OFFICE = "Văn phòng Sở"
DIGITAL = "Phòng Chuyển đổi số"
# Section II is the plan's own text; where the appendix disagrees (task 4.c: the appendix row
# IV.3 names the Centre as lead) the reader follows section II and warns, so 20 + 1 here.
LEADS = {label: TDC for label in (
    "1.a", "1.b", "2.a", "2.b", "2.c", "2.d", "2.đ", "2.e", "2.f", "2.g",
    "3.a", "3.b", "3.c", "4.b", "4.c", "5.a", "5.b", "5.c", "6.a", "6.b",
)} | {"4.a": CENTRE}
# Coordinators as stored: groups expanded, the lead left out. "divisions" = every division but the lead.
COORDINATORS = {
    "1.a": {"divisions"}, "1.b": set(), "2.a": {"divisions"}, "2.b": {"divisions"}, "2.c": {"divisions"},
    "2.d": {"divisions"}, "2.đ": {"divisions"}, "2.e": {CENTRE}, "2.f": {OFFICE, DIGITAL},
    "2.g": {DIGITAL, OFFICE, CENTRE}, "3.a": set(), "3.b": {"divisions"}, "3.c": {"divisions"},
    "4.a": {OFFICE, TDC}, "4.b": {OFFICE}, "4.c": {CENTRE}, "5.a": {"communes", "divisions"},
    "5.b": {"communes"}, "5.c": {"divisions"}, "6.a": {"divisions"}, "6.b": {"divisions"},
}
WINDOWS = {
    "1.a": ("2026-07-01", "2027-01-01"), "1.b": ("2026-04-01", "2026-07-01"), "2.a": ("2026-10-01", "2027-01-01"),
    "2.d": ("2026-07-01", "2027-01-01"), "2.đ": ("2026-10-01", "2027-01-01"), "2.f": ("2026-04-01", "2026-07-01"),
    "3.a": ("2026-04-01", "2027-01-01"), "3.b": ("2026-07-01", "2026-10-01"), "3.c": ("2026-07-01", "2027-01-01"),
    "5.b": ("2026-07-01", "2026-10-01"),
}


def local(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=TZ)


async def seeded(db: Db, units: list = UNITS) -> dict[str, int]:
    """The demo directory stored; name → id."""
    async with db.sessions() as s:
        await upsert_units(session=s, rows=units)
        await s.commit()
        return {u.name: u.id for u in (await s.exec(select(Unit))).all()}  # type: ignore[misc]


async def import_seed(db: Db) -> None:
    doc = read_plan(fixture_file(SEED).read_text(encoding="utf-8"))
    async with db.sessions() as s:
        report = await store_plan(session=s, doc=doc, source_name="003.txt")
        await s.commit()
    assert (report.tasks, report.deadlines, report.unmatched) == (21, 2, [])


def expand(names: set[str], ids: dict[str, int], kinds: dict[int, str], lead: int) -> set[int]:
    out: set[int] = set()
    for name in names:
        if name == "divisions":
            out |= {i for i, k in kinds.items() if k == "division" and i != lead}
        elif name == "communes":
            out |= {i for i, k in kinds.items() if k == "commune"}
        else:
            out.add(ids[name])
    return out


async def test_seed_003_tasks_leads_coordinators_and_timeframes(db: Db) -> None:
    ids = await seeded(db)
    await import_seed(db)
    async with db.sessions() as s:
        kinds = {u.id: u.kind for u in (await s.exec(select(Unit))).all()}
        tasks = (await s.exec(select(Task).order_by(Task.position))).all()
        links = (await s.exec(select(TaskUnit))).all()
    assert len(tasks) == 21
    by_label = {f"{t.section}.{t.number}": t for t in tasks}
    assert set(by_label) == set(LEADS)
    names = {v: k for k, v in ids.items()}
    for label, task in by_label.items():
        mine = [link for link in links if link.task_id == task.id]
        leads = [names[link.unit_id] for link in mine if link.role == "lead"]
        assert leads == [LEADS[label]], label
        coordinators = {link.unit_id for link in mine if link.role == "coordinator"}
        assert coordinators == expand(COORDINATORS[label], ids, kinds, ids[LEADS[label]]), label
        assert task.units_unmatched == []
        if label in WINDOWS:
            start, end = WINDOWS[label]
            assert task.timeframe_kind == "window"
            assert (task.starts_at, task.ends_at) == (local(start), local(end)), label
            assert task.starts_at.tzinfo is not None and task.ends_at.tzinfo is not None
        else:
            assert task.timeframe_kind == ("on_demand" if label == "2.b" else "ongoing"), label
            assert task.starts_at is None and task.ends_at is None
    assert sum(1 for lead in LEADS.values() if lead == TDC) == 20
    assert by_label["1.a"].timeframe_text == "Quý III, IV/2026"
    assert by_label["2.đ"].expected_result.startswith("- Ban hành Kế hoạch quy chuẩn kỹ thuật địa phương")


async def test_seed_003_deadlines_and_who_owes_them(db: Db) -> None:
    ids = await seeded(db)
    await import_seed(db)
    async with db.sessions() as s:
        kinds = {u.id: u.kind for u in (await s.exec(select(Unit))).all()}
        deadlines = (await s.exec(select(Deadline).order_by(col(Deadline.due_at)))).all()
        owed = (await s.exec(select(DeadlineUnit))).all()
    assert [d.due_at for d in deadlines] == [local("2026-11-01"), local("2026-11-15")]
    assert all(d.to_unit_id == ids[TDC] and d.meeting_id is None and d.plan_id for d in deadlines)
    first, second = ({o.unit_id for o in owed if o.deadline_id == d.id} for d in deadlines)
    # "Các phòng và đơn vị trực thuộc Sở gửi báo cáo … về Phòng TĐC": every other division owes it
    # (whether the receiving Phòng TĐC is listed as owing its own report is store_plan's call).
    assert first - {ids[TDC]} == {i for i, k in kinds.items() if k == "division"} - {ids[TDC]}
    assert second == {i for i, k in kinds.items() if k == "commune"}  # "các địa phương"; no agencies listed
    assert deadlines[1].due_text == "trước ngày 15 tháng 11"


async def test_reimport_is_refused_and_writes_nothing(db: Db) -> None:
    await seeded(db)
    await import_seed(db)
    doc = read_plan(fixture_file(SEED).read_text(encoding="utf-8"))
    async with db.sessions() as s:
        plan_id = (await s.exec(select(Plan.id))).one()
        with pytest.raises(Conflict) as info:
            await store_plan(session=s, doc=doc, source_name="again.txt")
        await s.rollback()
    assert info.value.code == "plan_exists" and info.value.params["id"] == plan_id
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Task))).one() == 21
        assert (await s.exec(select(func.count()).select_from(Plan))).one() == 1


async def test_names_missing_from_the_directory_are_reported(db: Db) -> None:
    ids = await seeded(db, [row for row in UNITS if row.name != DIGITAL])
    doc = read_plan(fixture_file(SEED).read_text(encoding="utf-8"))
    async with db.sessions() as s:
        report = await store_plan(session=s, doc=doc, source_name="003.txt")
        await s.commit()
    assert DIGITAL not in ids
    assert sorted(set(report.unmatched)) == [DIGITAL]
    assert report.unmatched.count(DIGITAL) == 2  # tasks 2.f and 2.g
    async with db.sessions() as s:
        tasks = {f"{t.section}.{t.number}": t for t in (await s.exec(select(Task))).all()}
    assert tasks["2.f"].units_unmatched == [DIGITAL]
    assert tasks["2.g"].units_unmatched == [DIGITAL]
    assert tasks["1.a"].units_unmatched == []
