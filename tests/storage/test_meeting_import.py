"""Seed 000 (an online invitation) and seed 001 (an in-person meeting plan) stored on both engines."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlmodel import col, func, select

from bot.demo import UNITS
from domain.documents import MeetingDoc, read_meeting_letter
from domain.errors import Conflict
from storage.meeting_import import store_meeting_doc
from storage.models import AgendaItem, Deadline, DeadlineUnit, Meeting, MeetingUnit, Unit
from storage.units import upsert_units
from tests.conftest import TZ, Db, fixture_file

INVITATION = "seeds/000_a3fd057809f7ec29.txt"
MEETING_PLAN = "seeds/001_09a72fef00e9e36f.txt"
AGENDA_001 = [
    ("13h45-14h00", "Đón tiếp đại biểu"),
    ("14h00 -14h10", "Tuyên bố lý do, giới thiệu đại biểu, thông qua chương trình Hội nghị"),
    ("14h10-14h20", "Phát biểu khai mạc Hội nghị"),
    ("14h20-14h50", "Phổ biến một số nội dung, quy định mới trong lĩnh vực tiêu chuẩn đo lường chất lượng"),
    (None, "“Một số nội dung, quy định mới tại Nghị định số 22/2026/NĐ-CP"),
    (None, "“Một số nội dung, quy định mới tại Nghị định số 36/2026/NĐ-CP"),
    (None, "“Một số nội dung, quy định mới tại Nghị định số 37/2026/NĐ-CP"),
    ("14h50-16h30", "Đối thoại với Doanh nghiệp"),
    ("16h30-16h45", "Phát biểu của lãnh đạo UBND thành phố"),
    ("16h45-17h00", "Phát biểu bế mạc Hội nghị"),
]


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=TZ)  # type: ignore[misc]


def letter(relative: str) -> MeetingDoc:
    return read_meeting_letter(fixture_file(relative).read_text(encoding="utf-8"))


async def store(db: Db, doc: MeetingDoc, name: str = "letter.txt"):  # type: ignore[no-untyped-def]
    async with db.sessions() as s:
        report = await store_meeting_doc(session=s, doc=doc, source_name=name)
        await s.commit()
    return report


async def communes(db: Db) -> set[int]:
    async with db.sessions() as s:
        await upsert_units(session=s, rows=UNITS)
        await s.commit()
        return set((await s.exec(select(Unit.id).where(Unit.kind == "commune"))).all())  # type: ignore[arg-type]


async def test_seed_000_online_invitation_to_every_commune(db: Db) -> None:
    commune_ids = await communes(db)
    report = await store(db, letter(INVITATION))
    assert (report.invited, report.agenda, report.deadlines, report.unmatched) == (len(commune_ids), 4, 0, [])
    async with db.sessions() as s:
        meeting = (await s.exec(select(Meeting))).one()
        invited = set((await s.exec(select(MeetingUnit.unit_id))).all())
        agenda = (await s.exec(select(AgendaItem).order_by(AgendaItem.position))).all()
    assert meeting.start_at == at(2026, 5, 28, 14, 0) and meeting.start_at.tzinfo is not None
    assert meeting.end_at is None
    assert meeting.registration_cutoff == at(2026, 5, 26, 0, 0)
    assert (meeting.mode, meeting.tentative, meeting.status) == ("online", True, "open")
    assert meeting.contact_name.endswith("Đoàn Minh Hải") and meeting.contact_phone == "0919422038"
    assert meeting.contact_detail == "Chuyên viên Phòng quản lý Tiêu chuẩn Đo lường Chất lượng"
    assert meeting.document_number == "/SKHCN-TĐC"
    assert "Hội nghị trực tuyến về công tác TCĐLCL địa phương Quý II/2026" in meeting.title
    assert meeting.attendance.startswith("Đại diện Lãnh đạo UBND xã, phường")
    assert invited == commune_ids and len(invited) == 6
    assert [a.position for a in agenda] == [1, 2, 3, 4]
    assert agenda[0].content.startswith("Báo cáo chuyên đề “Phân cấp")
    assert agenda[3].content.startswith("Trao đổi, thảo luận")


async def test_seed_001_in_person_with_agenda_and_follow_up(db: Db) -> None:
    await communes(db)
    report = await store(db, letter(MEETING_PLAN))
    assert report.deadlines == 1 and report.unresolved == []
    # The plan writes "Chi cục TĐC" (Hải Phòng's name); the demo directory has a Phòng TĐC instead.
    assert report.unmatched == ["Chi cục Tiêu chuẩn Đo lường Chất lượng"]
    assert any("Kính gửi" in w for w in report.warnings)
    async with db.sessions() as s:
        meeting = (await s.exec(select(Meeting))).one()
        agenda = (await s.exec(select(AgendaItem).order_by(AgendaItem.position))).all()
        deadline = (await s.exec(select(Deadline))).one()
        invited = (await s.exec(select(func.count()).select_from(MeetingUnit))).one()
    assert (meeting.mode, meeting.tentative) == ("in_person", True)
    assert meeting.location.startswith("Trung tâm Hội nghị - Biểu diễn thành phố Hải Phòng")
    assert (meeting.start_at, meeting.end_at) == (at(2026, 4, 24, 14, 0), at(2026, 4, 24, 17, 0))
    assert meeting.registration_cutoff is None and invited == 0
    assert [(a.time_text, a.content[: len(c)]) for a, (_, c) in zip(agenda, AGENDA_001, strict=True)] == AGENDA_001
    assert agenda[1].presenter == "Bà Hoàng Thị Hồng Ngọc, Chi cục trưởng Chi cục TĐC"
    # "trước 10 ngày diễn ra Hội nghị" with the meeting on 24/4: the last day is 14/4.
    assert deadline.meeting_id == meeting.id and deadline.plan_id is None
    assert deadline.due_at == at(2026, 4, 15, 0, 0)
    assert deadline.due_text == "trước 10 ngày diễn ra Hội nghị"


async def test_relative_deadline_counted_here_or_left_undated(db: Db) -> None:
    await communes(db)
    doc = letter(MEETING_PLAN)
    undated = tuple(replace(f, due_at=None) for f in doc.follow_ups)
    counted = await store(db, replace(doc, follow_ups=undated))
    assert counted.unresolved == []
    no_day = replace(doc, title="Hội nghị chưa chốt ngày", start=None, end=None, follow_ups=undated)
    unknown = await store(db, no_day)
    assert unknown.unresolved == ["trước 10 ngày diễn ra Hội nghị"]
    async with db.sessions() as s:
        rows = (await s.exec(select(Deadline).order_by(col(Deadline.id)))).all()
    assert [r.due_at for r in rows] == [at(2026, 4, 15, 0, 0), None]


async def test_owing_units_linked_when_the_directory_has_them(db: Db) -> None:
    await communes(db)
    doc = letter(MEETING_PLAN)
    follow = replace(doc.follow_ups[0], owed_by=("Phòng TĐC", "UBND các xã, phường"))
    await store(db, replace(doc, follow_ups=(follow,)))
    async with db.sessions() as s:
        owed = set((await s.exec(select(DeadlineUnit.unit_id))).all())
        expected = set((await s.exec(select(Unit.id).where(col(Unit.kind) == "commune"))).all())
        expected.add((await s.exec(select(Unit.id).where(Unit.name_key.startswith("phong quan ly")))).one())
    assert owed == expected


async def test_the_receiving_unit_does_not_owe_itself(db: Db) -> None:
    await communes(db)
    doc = letter(MEETING_PLAN)
    follow = replace(doc.follow_ups[0], owed_by=("Các phòng, đơn vị thuộc Sở",), to="Phòng TĐC")
    await store(db, replace(doc, follow_ups=(follow,)))
    async with db.sessions() as s:
        owed = set((await s.exec(select(DeadlineUnit.unit_id))).all())
        divisions = set((await s.exec(select(Unit.id).where(col(Unit.kind) == "division"))).all())
        deadline = (await s.exec(select(Deadline))).one()
    assert deadline.to_unit_id in divisions
    assert owed == divisions - {deadline.to_unit_id} and len(owed) == 4


async def test_mode_not_stated_keeps_default_and_warns(db: Db) -> None:
    await communes(db)
    report = await store(db, replace(letter(INVITATION), mode=None, mode_text=None))
    assert report.meeting.mode == "online"
    assert any("hình thức" in w for w in report.warnings)


async def test_reimporting_the_same_letter_is_refused(db: Db) -> None:
    await communes(db)
    first = await store(db, letter(INVITATION))
    async with db.sessions() as s:
        with pytest.raises(Conflict) as info:
            await store_meeting_doc(session=s, doc=letter(INVITATION), source_name="again.txt")
        await s.rollback()
    assert info.value.code == "meeting_exists" and info.value.params["id"] == first.meeting.id
    moved = replace(letter(INVITATION), start=datetime(2026, 5, 29, 14, 0))
    assert (await store(db, moved)).meeting.id != first.meeting.id  # another day is another meeting
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Meeting))).one() == 2
