"""Deadlines made by hand or read from a letter, on both engines: owed units matched and groups
expanded, unmatched names kept, a letter stored once, cancel and edit recorded."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import col, select

from domain.documents.models import ContactDoc, RequestDoc, RequestItemDoc
from domain.errors import Conflict, NotFound
from domain.recurrence import Recurrence
from storage.deadlines import DeadlineSpec, cancel_deadline, create_deadline, store_request_doc, update_deadline
from storage.models import AuditEvent, Deadline, DeadlineUnit
from tests.conftest import TZ, Db
from tests.storage.test_plan_import import seeded

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=TZ)
TDC = "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"


async def test_groups_expand_and_unknown_names_are_kept(db: Db) -> None:
    ids = await seeded(db)
    communes = {i for name, i in ids.items() if name.startswith(("Xã", "Phường"))}
    async with db.sessions() as s:
        saved = await create_deadline(session=s, spec=DeadlineSpec(
            what="Báo cáo kết quả năm 2026", due_text="trước ngày 15/12/2026",
            due_at=datetime(2026, 12, 15, tzinfo=TZ), owed_by=("các xã, phường", "Công ty ABC"),
            to_text=TDC), actor_id=None)
        await s.commit()
        deadline_id = saved.deadline.id
    assert set(saved.owed) == communes and saved.groups == ["communes"] and saved.unmatched == ["Công ty ABC"]
    async with db.sessions() as s:
        row = await s.get(Deadline, deadline_id)
        owed = (await s.exec(select(DeadlineUnit.unit_id).where(DeadlineUnit.deadline_id == deadline_id))).all()
    assert row is not None and row.source == "manual" and row.to_unit_id == ids[TDC]
    assert row.owed_text == ["các xã, phường", "Công ty ABC"] and row.owed_unmatched == ["Công ty ABC"]
    assert set(owed) == communes


async def test_the_receiving_unit_owes_itself_nothing_and_picked_units_are_added(db: Db) -> None:
    ids = await seeded(db)
    async with db.sessions() as s:
        saved = await create_deadline(session=s, spec=DeadlineSpec(
            what="Danh sách", due_text=None, due_at=None, owed_by=("các phòng, đơn vị thuộc Sở",),
            owed_unit_ids=(ids["Xã Long Thành"],), to_text=TDC), actor_id=None)
        await s.commit()
    assert ids[TDC] not in saved.owed and ids["Xã Long Thành"] in saved.owed and len(saved.owed) > 2


async def test_a_letter_is_stored_once_with_everything_it_said(db: Db) -> None:
    await seeded(db)
    rule = Recurrence("year", 31, 5, inclusive=False, text="trước ngày 31/5 hàng năm")
    item = RequestItemDoc(
        what="báo cáo tình hình hoạt động đo lường", owed_by=("các xã, phường",), to=TDC,
        address="số 2 Nguyễn Văn Trỗi", email="tdc@example.gov.vn", data_cutoff_text="tính đến 30/4",
        data_cutoff=date(2027, 4, 30), contact=ContactDoc("Ông Trần Văn A", "Chuyên viên", "0912345678",
                                                          "0912.345.678", None, "…"),
        due_text="trước ngày 31/5 hàng năm", due=None, due_at=datetime(2027, 5, 31), recurrence=rule)
    doc = RequestDoc(title="V/v báo cáo đo lường", document_number="12/SKHCN-TĐC", issuer=None, place=None,
                     issued_on=date(2026, 11, 20), year=2026, requests=(item,), text_hash="ab" * 32)
    async with db.sessions() as s:
        [saved] = await store_request_doc(session=s, doc=doc, source_name="cv.docx", actor_id=None, tz=TZ)
        await s.commit()
    row = saved.deadline
    assert (row.source, row.document_number, row.due_at, row.data_cutoff_on) == (
        "request", "12/SKHCN-TĐC", datetime(2027, 5, 31, tzinfo=TZ), date(2027, 4, 30))
    assert row.contact == {"name": "Ông Trần Văn A", "position": "Chuyên viên", "phone": "0912345678", "email": None}
    assert Recurrence.from_json(row.recurrence or {}) == rule
    async with db.sessions() as s:
        with pytest.raises(Conflict) as err:
            await store_request_doc(session=s, doc=doc, source_name="cv.docx", actor_id=None, tz=TZ)
    assert err.value.params["id"] == row.id


async def test_cancel_and_edit_are_recorded_and_a_cancelled_deadline_stays_cancelled(db: Db) -> None:
    await seeded(db)
    async with db.sessions() as s:
        saved = await create_deadline(session=s, spec=DeadlineSpec(
            what="Báo cáo", due_text="trước ngày 10/12/2026", due_at=datetime(2026, 12, 10, tzinfo=TZ)),
            actor_id=None)
        await s.commit()
        deadline_id = saved.deadline.id or 0
    async with db.sessions() as s:
        edited = await update_deadline(session=s, deadline_id=deadline_id, actor_id=None, now=NOW,
                                       due_text="trước ngày 20/12/2026", due_at=datetime(2026, 12, 20, tzinfo=TZ))
        assert edited.what == "Báo cáo" and edited.due_text == "trước ngày 20/12/2026"
        await cancel_deadline(session=s, deadline_id=deadline_id, actor_id=None, now=NOW)
        await s.commit()
    async with db.sessions() as s:
        with pytest.raises(Conflict):
            await cancel_deadline(session=s, deadline_id=deadline_id, actor_id=None, now=NOW)
        with pytest.raises(NotFound):
            await update_deadline(session=s, deadline_id=deadline_id + 99, actor_id=None, now=NOW, what="x")
        actions = (await s.exec(select(AuditEvent.action).order_by(col(AuditEvent.id)))).all()
    assert list(actions) == ["deadline.create", "deadline.update", "deadline.cancel"]
