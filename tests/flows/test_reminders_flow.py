"""Reminders end to end on both engines: planner → outbox → dispatcher → the person, on a frozen clock.

The demo world: on Wednesday 20/5/2026 a meeting on Saturday 30/5 14:00 is open with its
registration closing at the first minute of Wednesday 27/5 (last day Tuesday 26/5); six
communes are invited; Lan (Phường Trấn Biên) and Bình (Xã Long Thành) are their officers.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from storage.members import add_member
from storage.units import UnitRow, find_unit, upsert_units
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime, register
from tests.flows.reminders_kit import machinery, outbox_rows

LAN, BINH = "demo-officer", "demo-officer-2"
AN = ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919.422.038")


def at(d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 5, d, hh, mm, tzinfo=TZ)


async def _head(db: Db, unit: str, ext: str, phone: str | None = None) -> int:
    async with db.sessions() as session:
        found = await find_unit(session=session, name=unit)
        ident = await add_member(session=session, unit_id=found.id, full_name=f"Lãnh đạo {unit}", role="unit_head",
                                 channel="console", external_id=ext, phone=phone)
        await session.commit()
    assert ident.member.id is not None
    return ident.member.id


async def test_cutoff_rounds_reach_only_units_that_have_not_registered(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    m = machinery(db, clock)
    await m.round()  # Wednesday 09:00: everything planned, nothing due yet
    assert m.inbox.got == []
    planned = [r for r in await outbox_rows(db) if r.kind == "cutoff"]
    assert len(planned) == 6 and {r.send_at for r in planned} == {at(21, 7, 30), at(25, 7, 30), at(26, 7, 30)}
    # Lan registers on Thursday at 07:00, after the round was planned and before it goes.
    clock.now = at(21, 7)
    await register(chat_as(make_runtime(db.sessions, clock), "officer"), [AN])
    clock.now = at(21, 7, 31)
    await m.dispatcher.drain()  # the dispatcher alone: the re-check just before sending drops Lan
    assert m.inbox.to(LAN) == []
    [to_binh] = m.inbox.to(BINH)
    assert "Xã Long Thành chưa gửi danh sách" in to_binh and "/dangky" in to_binh
    assert "trước ngày 27/05/2026 – ngày cuối là thứ Ba, 26/05/2026; còn 3 ngày làm việc" in to_binh
    lan_member = await _member_id(db, LAN)
    skipped = [r for r in await outbox_rows(db) if r.member_id == lan_member and r.state == "skipped"]
    assert [(r.reason, r.send_at) for r in skipped] == [("registered", at(21, 7, 30))]
    await m.planner.run_once()  # the planner drops Lan's later rounds too, with the same reason …
    lan_rows = [r for r in await outbox_rows(db) if r.member_id == lan_member]
    assert {(r.state, r.reason) for r in lan_rows if r.kind == "cutoff"} == {("skipped", "registered")}
    # … and plans the meeting reminders a registered unit gets: the working day before, and before it starts.
    assert [(r.kind, r.send_at) for r in lan_rows if r.state == "pending"] == [
        ("meeting", at(29, 15)), ("meeting", at(29, 16, 30))]


async def _member_id(db: Db, external_id: str) -> int:
    from storage.models import ChannelAccount

    async with db.sessions() as session:
        return (await session.exec(select(ChannelAccount.member_id).where(
            ChannelAccount.external_id == external_id))).one()


async def test_escalation_goes_once_to_the_unit_head_and_the_organiser_sees_it(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    head = await _head(db, "Xã Long Thành", "head-lt")
    m = machinery(db, clock)
    await m.round()
    clock.now = at(21, 8)
    await m.round()  # first round
    clock.now = at(25, 8)
    await m.round()  # second round: asked twice now
    def escalations() -> list[str]:
        return [x for x in m.inbox.to("head-lt") if x.startswith("⚠️")]  # the head also gets Monday's digest

    assert len(m.inbox.to(BINH)) == 2 and escalations() == []
    await m.round()  # the planner sees two rounds sent: one escalation, sent now (in working hours)
    await m.round()
    clock.now = at(26, 8)
    await m.round()  # the final round to the officer; the escalation is not repeated
    [escalation] = escalations()
    assert "Xã Long Thành: đơn vị đã được nhắc 2 lần nhưng chưa đăng ký tham dự" in escalation
    assert len(m.inbox.to(BINH)) == 3
    rows = [r for r in await outbox_rows(db) if r.kind == "escalation"]
    assert [(r.member_id, r.state) for r in rows] == [(head, "sent")]
    status = await chat_as(make_runtime(db.sessions, clock), "organizer").say("/nhacviec")
    assert "⚠️ Đã báo lãnh đạo đơn vị: Xã Long Thành" in status and "✅ đã gửi" in status


async def test_a_muted_officer_gets_only_the_last_round(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    officer = chat_as(make_runtime(db.sessions, clock), "officer")
    assert "Đã tắt nhắc sớm" in await officer.say("/tatnhac")
    m = machinery(db, clock)
    for day in (21, 25, 26):
        clock.now = at(day, 9)
        await m.round()
    [last] = m.inbox.to(LAN)
    assert last.startswith("⏰ Hôm nay là ngày cuối đăng ký") and len(m.inbox.to(BINH)) == 3
    mine = await officer.say("/nhacviec")
    assert "Anh/chị đã tắt nhắc sớm" in mine
    assert "Đã bật lại" in await officer.press("Bật lại")


async def test_missed_rounds_while_down_send_the_latest_only_and_record_the_rest(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    m = machinery(db, clock)
    await m.round()
    clock.now = at(26, 8)  # the bot was down from Wednesday to Tuesday morning
    await m.round()
    assert [t.split(":")[0] for t in m.inbox.to(BINH)] == ["⏰ Hôm nay là ngày cuối đăng ký tham dự"]
    binh = await _member_id(db, BINH)
    reasons = sorted((r.send_at, r.state, r.reason) for r in await outbox_rows(db) if r.member_id == binh)
    assert reasons == [(at(21, 7, 30), "skipped", "overtaken"), (at(25, 7, 30), "skipped", "overtaken"),
                       (at(26, 7, 30), "sent", None)]


async def test_a_round_past_its_cutoff_is_skipped_as_too_late(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    m = machinery(db, clock)
    await m.round()
    clock.now = at(27, 9)  # down until after the cutoff
    await m.round()
    assert m.inbox.got == []
    assert {(r.state, r.reason) for r in await outbox_rows(db)} == {("skipped", "too_late")}


async def test_a_late_row_found_at_night_waits_for_the_morning(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    m = machinery(db, clock)
    await m.round()
    clock.now = at(21, 19)  # Thursday evening: the 07:30 round was missed, the window is closed
    await m.dispatcher.drain()
    assert m.inbox.got == []
    waiting = {r.send_at for r in await outbox_rows(db) if r.state == "pending"}
    assert at(22, 7, 30) in waiting  # deferred to Friday 07:30, not sent at night
    clock.now = at(22, 7, 30)
    await m.dispatcher.drain()
    assert len(m.inbox.to(BINH)) == 1


async def test_the_monday_digest_lists_what_falls_due_and_skips_an_empty_one(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    await _head(db, "Phường Trấn Biên", "head-tb")
    async with db.sessions() as session:  # a unit with nothing due at all
        await upsert_units(session=session, rows=[UnitRow("service_org", "Trung tâm Kiểm định Thử", (), None)])
        await session.commit()
    quiet = await _head(db, "Trung tâm Kiểm định Thử", "head-tt")
    clock.now = at(25, 6)
    m = machinery(db, clock)
    await m.round()
    clock.now = at(25, 7, 31)
    await m.round()
    [digest] = m.inbox.to("head-tb")
    assert digest.startswith("🗓 Bản tin đầu tuần của Phường Trấn Biên")
    assert "Đăng ký Hội nghị trực tuyến" in digest and "/viec sắp đến hạn" in digest
    rows = {r.member_id: r for r in await outbox_rows(db) if r.kind == "digest"}
    assert m.inbox.to("head-tt") == [] and (rows[quiet].state, rows[quiet].reason) == ("skipped", "nothing_due")


async def test_a_deadline_reminder_shows_the_date_as_written_and_its_legal_end(db: Db, clock: Clock) -> None:
    from domain.workdays import WorkCalendar
    from handlers.reminder_messages import Composer, Message
    from storage.models import Deadline, DeadlineUnit, ReminderOutbox

    await demo_world(db, clock)
    async with db.sessions() as session:
        unit = await find_unit(session=session, name="Xã Long Thành")
        deadline = Deadline(what="Báo cáo kết quả thực hiện Chỉ thị 38", due_text="trước ngày 01/11/2026",
                            due_at=datetime(2026, 11, 1, tzinfo=TZ), to_text="Sở Khoa học và Công nghệ")
        session.add(deadline)
        await session.flush()
        session.add(DeadlineUnit(deadline_id=deadline.id, unit_id=unit.id))
        await session.commit()
        binh = await _member_id(db, BINH)
        row = ReminderOutbox(reminder_key=f"deadline:d{deadline.id}@202610311700:r1", member_id=binh,
                             kind="deadline", subject=f"deadline:{deadline.id}", unit_id=unit.id, final=False,
                             send_at=datetime(2026, 10, 29, 7, 30, tzinfo=TZ))
        verdict = await Composer(tz=TZ, calendar=WorkCalendar()).compose(
            session, row, datetime(2026, 10, 29, 8, tzinfo=TZ))
    assert isinstance(verdict, Message)
    assert "📅 Hạn: trước ngày 01/11/2026 – ngày cuối là thứ Bảy, 31/10/2026" in verdict.text
    assert "theo khoản 5 Điều 148 Bộ luật Dân sự, hạn được tính đến hết thứ Hai, 02/11/2026" in verdict.text
    assert "Xã Long Thành chưa nộp." in verdict.text and "/baocao" in verdict.text
