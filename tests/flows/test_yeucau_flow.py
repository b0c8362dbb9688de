"""/yeucau through the real flows: an organiser asks "các xã, phường" for a report due in words,
reads it back, confirms; an officer of a commune sees it in what's due and is reminded before it;
bad answers are asked again and nothing is stored before "Xác nhận"; a member is refused with what
they can do instead; /baocao shows the new deadline with who has submitted, and cancels or moves
it from its card."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from storage.models import AuditEvent, Deadline, DeadlineUnit, ReminderOutbox
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime
from tests.flows.reminders_kit import machinery

WHAT = "Báo cáo kết quả công tác tiêu chuẩn đo lường chất lượng 6 tháng đầu năm"


async def _deadlines(db: Db) -> list[Deadline]:
    async with db.sessions() as s:
        return list((await s.exec(select(Deadline).where(col(Deadline.source) == "manual"))).all())


async def test_an_organiser_asks_the_communes_and_an_officer_sees_it_and_is_reminded(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)  # Wednesday 20/5/2026, 9:00
    runtime = make_runtime(db.sessions, clock)
    organiser = chat_as(runtime, "organizer")
    assert "bước 1/3" in await organiser.say("/yeucau")
    assert "quá ngắn" in await organiser.say("bc")  # asked again
    assert "Bước 2/3" in await organiser.say(WHAT)
    assert "Không tìm thấy đơn vị «Phường Tran Bin»" in await organiser.say("Phường Tran Bin")
    assert "Có phải: Phường Trấn Biên" in organiser.text and "Tất cả xã, phường" in " ".join(organiser.labels())
    assert "Bước 3/3" in await organiser.say("các xã, phường")
    assert "không cho biết ngày" in await organiser.say("thường xuyên")
    assert "chưa đọc được hạn «31/4/2026»" in await organiser.say("31/4/2026")
    assert "đã qua" in await organiser.say("trước ngày 15/5/2026")
    assert await _deadlines(db) == []  # nothing stored before the confirmation
    card = await organiser.say("thứ sáu tuần sau")
    assert f"• Nội dung: {WHAT}" in card
    assert "• Đơn vị phải gửi (6): các xã, phường – Phường Biên Hòa" in card and "Xã Trảng Bom" in card
    assert "• Gửi về: Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng" in card
    assert "• Hạn: thứ sáu tuần sau (hạn cuối: thứ Sáu, 29/05/2026)" in card
    assert organiser.labels() == ["✅ Xác nhận", "✏️ Sửa", "❌ Huỷ"]
    assert "Vui lòng chọn «Xác nhận», «Sửa» hoặc «Huỷ»" in await organiser.say("ok lưu đi")
    await organiser.press("Sửa")
    await organiser.press("Hạn gửi")
    card = await organiser.say("chậm nhất ngày 29/5/2026")
    assert "• Hạn: chậm nhất ngày 29/5/2026 (hạn cuối: thứ Sáu, 29/05/2026)" in card and WHAT in card
    saved = await organiser.press("Xác nhận")
    assert "Đã tạo yêu cầu số" in saved and "6 đơn vị phải gửi chậm nhất ngày 29/5/2026" in saved

    [deadline] = await _deadlines(db)
    assert (deadline.due_at, deadline.due_text, deadline.created_by) == (
        datetime(2026, 5, 30, tzinfo=TZ), "chậm nhất ngày 29/5/2026", ids["organizer"])
    assert deadline.owed_text == ["các xã, phường"] and deadline.to_text.startswith("Phòng Quản lý")  # type: ignore[union-attr]

    officer = chat_as(runtime, "officer")
    due = await officer.say("/viec")
    assert WHAT[:40] in due and "chậm nhất ngày 29/5/2026" in due
    kit = machinery(db, clock)
    await kit.planner.run_once()
    async with db.sessions() as s:
        rows = (await s.exec(select(ReminderOutbox).where(ReminderOutbox.subject == f"deadline:{deadline.id}"))).all()
    officer_rows = sorted(r.send_at for r in rows if r.member_id == ids["officer"])
    assert officer_rows and all(at < deadline.due_at for at in officer_rows)  # type: ignore[operator]
    assert ids["organizer"] not in {r.member_id for r in rows}  # the receiving unit owes nothing

    # /baocao: the organiser sees it with who has submitted, and may move or cancel it from there.
    await officer.say("/baocao")
    await officer.press("Báo cáo kết quả công tác")
    await officer.press("Nộp báo cáo")
    assert "Đã" in await officer.say("Đã gửi bản báo cáo qua email")
    await organiser.say("/baocao")
    status = await organiser.press("Báo cáo kết quả công tác")
    assert "Đã nộp 1/6 đơn vị" in status and "✅ Phường Trấn Biên" in status and "⏳ Xã Long Thành" in status
    assert f"/yeucau huy {deadline.id}" in status
    assert "Hạn hiện tại: chậm nhất ngày 29/5/2026" in await organiser.say(f"/yeucau sua {deadline.id}")
    assert "đã qua" in await organiser.say("hôm qua")
    assert "Đã đổi hạn" in await organiser.say("trước ngày 5/6/2026")
    await organiser.say(f"/yeucau huy {deadline.id}")
    assert "Đã giữ nguyên" in await organiser.press("Không, giữ lại")
    await organiser.say(f"/yeucau huy {deadline.id}")
    assert "Đã huỷ yêu cầu" in await organiser.press("Huỷ yêu cầu")
    assert "đã huỷ trước đó" in await organiser.say(f"/yeucau huy {deadline.id}")
    assert WHAT[:40] not in await officer.say("/viec")  # no longer due
    async with db.sessions() as s:
        actions = (await s.exec(select(AuditEvent.action).where(AuditEvent.subject == f"deadline:{deadline.id}")
                                .order_by(col(AuditEvent.id)))).all()
        officer_unit = (await s.exec(select(DeadlineUnit).where(DeadlineUnit.deadline_id == deadline.id,
                                                                DeadlineUnit.submitted_at.is_not(None)))).all()  # type: ignore[union-attr]
        submitted = officer_unit[0] if len(officer_unit) == 1 else None
    assert list(actions) == ["deadline.create", "deadline.submit", "deadline.update", "deadline.cancel"]
    assert submitted is not None and submitted.submitted_at is not None  # kept after the cancel


async def test_units_picked_from_the_list_or_typed_and_huy_stores_nothing(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    await organiser.say(f"/yeucau {WHAT}")  # what is asked, given with the command
    await organiser.press("Chọn từng đơn vị")
    assert "Chưa chọn đơn vị nào" in await organiser.press("Xong")
    await organiser.press("Xã Long Thành")
    assert "Đã chọn: 1" in organiser.text and "☑️ Xã Long Thành" in organiser.labels()
    await organiser.say("Nhơn Trạch")  # typed words pick a unit too
    await organiser.press("Xã Long Thành")  # pressed again: unpicked
    assert "Đã chọn: 1" in organiser.text and "☑️ Xã Nhơn Trạch" in organiser.labels()
    await organiser.press("Xong")
    card = await organiser.say("trước ngày 10/6/2026")
    assert "• Đơn vị phải gửi (1): Xã Nhơn Trạch" in card
    await organiser.press("Sửa")
    await organiser.press("Đơn vị phải gửi")
    card = await organiser.say("Phường Trấn Biên, Xã Long Thành")
    assert "• Đơn vị phải gửi (2): Phường Trấn Biên, Xã Long Thành" in card and "trước ngày 10/6/2026" in card
    assert "Đã hủy thao tác" in await organiser.say("/huy")
    assert await _deadlines(sqlite_db) == []
    await organiser.say("/yeucau Danh sách cán bộ đầu mối")
    await organiser.press("Các phòng, đơn vị thuộc Sở")
    card = await organiser.say("trước ngày 10/6/2026")
    assert "• Đơn vị phải gửi (4)" in card and "Phòng Quản lý Tiêu chuẩn" not in card.split("Gửi về")[0]
    assert "Đã huỷ, không tạo" in await organiser.press("Huỷ")
    assert await _deadlines(sqlite_db) == []


async def test_a_member_is_refused_with_what_they_can_do_and_the_attempt_is_audited(sqlite_db: Db,
                                                                                    clock: Clock) -> None:
    ids = await demo_world(sqlite_db, clock)
    runtime = make_runtime(sqlite_db.sessions, clock)
    for persona in ("officer", "unit_head"):
        answer = await chat_as(runtime, persona).say("/yeucau")
        assert "chỉ dành cho cán bộ Sở" in answer and "/baocao" in answer and "/viec" in answer
    assert "chỉ dành cho cán bộ Sở" in await chat_as(runtime, "stranger").say("/yeucau")
    officer = chat_as(runtime, "officer")
    assert "yeucau" not in await officer.say("/help")
    assert "/yeucau" in await chat_as(runtime, "organizer").say("/help")
    async with sqlite_db.sessions() as s:
        refused = (await s.exec(select(AuditEvent.actor_id).where(AuditEvent.action == "access.refused",
                                                                   AuditEvent.subject == "command:yeucau"))).all()
    assert ids["officer"] in refused and len(refused) == 3
