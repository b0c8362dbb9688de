"""Meeting changes by chat and by CLI: exactly the right people are told, once each; the .ics
invitation keeps its UID and raises its SEQUENCE; reminders counted from the meeting move with it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from icalendar import Calendar
from sqlmodel import select

from storage.members import add_member
from storage.models import Deadline, DeadlineUnit, Meeting
from storage.units import find_unit
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime, register
from tests.flows.reminders_kit import machinery, outbox_rows

LAN, BINH, AN_CHAT = "demo-officer", "demo-officer-2", "an-zalo"
AN = ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919.422.038")
CUC = ("Lê Thị Cúc", "Công chức Văn hóa - Xã hội", "0912 000 111")


def at(d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 5, d, hh, mm, tzinfo=TZ)


async def _attendee_with_account(db: Db) -> None:
    """Nguyễn Văn An, an attendee Lan registers, has an account of his own (same phone)."""
    async with db.sessions() as session:
        unit = await find_unit(session=session, name="Phường Trấn Biên")
        await add_member(session=session, unit_id=unit.id, full_name="Nguyễn Văn An", role="unit_head",
                         channel="console", external_id=AN_CHAT, phone="0919422038")
        await session.commit()


def _ics(data: bytes) -> tuple[str, int, str]:
    event = next(c for c in Calendar.from_ical(data).walk("VEVENT"))
    return str(event["UID"]), int(event["SEQUENCE"]), event["DTSTART"].params.get("TZID")


async def test_link_then_time_change_tell_exactly_the_right_people_once(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    await _attendee_with_account(db)
    runtime = make_runtime(db.sessions, clock)
    confirmation = await register(chat_as(runtime, "officer"), [AN, CUC])
    assert "Đã đăng ký 2 người" in confirmation
    organiser = chat_as(runtime, "organizer")
    m = machinery(db, clock)
    await m.round()

    saved = await organiser.say("/lienket 1 https://meet.google.com/abc-defg-hij")
    assert "Đã lưu thay đổi" in saved and "2 người của 1 đơn vị" in saved  # Lan, and An as an attendee
    await m.round()
    await m.round()  # a second pass sends nothing more
    for chat in (LAN, AN_CHAT):
        [news] = m.inbox.to(chat)
        assert news.startswith("📢 Thông báo thay đổi") and "https://meet.google.com/abc-defg-hij" in news
    assert m.inbox.to(BINH) == []  # Long Thành did not register: a link is not its business

    await organiser.say("/hoinghi 1")
    await organiser.press("Đổi thời gian")
    moved = await organiser.say("8h00 ngày 29/5/2026")
    assert "3 người của 6 đơn vị" in moved  # a new time goes to every invited unit (3 people have accounts)
    await m.round()
    await m.round()
    for chat in (LAN, AN_CHAT, BINH):
        news = [x for x in m.inbox.to(chat) if "Thời gian mới" in x]
        assert len(news) == 1 and "08h00, ngày 29/05/2026 (trước đây: 14h00, ngày 30/05/2026)" in news[0]
    files = [f for chat, text, f in m.inbox.got if chat == LAN and "Thời gian mới" in text]
    uid, sequence, tzid = _ics(files[0].data)  # type: ignore[union-attr]
    assert (uid, sequence, tzid) == ("meeting-1@tdc-bot", 2, "Asia/Ho_Chi_Minh")
    # The meeting reminders planned for the old time are gone, with the reason; new ones follow the new time.
    rows = [r for r in await outbox_rows(db) if r.kind == "meeting" and r.member_id]
    assert {r.reason for r in rows if r.state == "skipped"} == {"moved"}
    assert sorted({r.send_at for r in rows if r.state == "pending"}) == [at(28, 15), at(29, 7, 30)]


async def test_the_registration_confirmation_carries_the_ics_and_a_move_updates_it(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    officer = chat_as(runtime, "officer")
    await register(officer, [AN])
    file = officer.last[-1].file
    assert file is not None and file.name.endswith(".ics") and file.mime == "text/calendar"
    uid, sequence, tzid = _ics(file.data)
    assert (uid, sequence, tzid) == ("meeting-1@tdc-bot", 0, "Asia/Ho_Chi_Minh")
    event = Calendar.from_ical(file.data).walk("VEVENT")[0]
    assert event["DTSTART"].dt == at(30, 14)
    organiser = chat_as(runtime, "organizer")
    await organiser.say("/hoinghi 1")
    await organiser.press("Xác nhận thời gian")
    async with db.sessions() as session:
        meeting = await session.get(Meeting, 1)
    assert meeting is not None and meeting.tentative is False and meeting.sequence == 1
    await register_again(officer)
    uid2, sequence2, _ = _ics(officer.last[-1].file.data)  # type: ignore[union-attr]
    assert (uid2, sequence2) == (uid, 1)


async def register_again(officer) -> None:  # type: ignore[no-untyped-def]
    await officer.say("/dangky")
    await officer.press("Xác nhận gửi")


async def test_cancel_reaches_every_invited_unit_and_stops_the_reminders(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    m = machinery(db, clock)
    await m.round()
    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    await organiser.say("/hoinghi")
    ask = await organiser.press("Hủy hội nghị")
    assert "2 người của 6 đơn vị" in ask
    assert "Đã hủy" in await organiser.press("Hủy và báo")
    await m.round()
    for chat in (LAN, BINH):
        assert [x.split("\n")[0] for x in m.inbox.to(chat)] == [
            "❌ Thông báo hủy: Hội nghị trực tuyến về công tác TCĐLCL địa phương Quý II/2026"]
    clock.now = at(21, 9)
    await m.round()
    assert len(m.inbox.got) == 2  # no registration reminder for a cancelled meeting
    assert {r.reason for r in await outbox_rows(db) if r.kind == "cutoff"} == {"cancelled"}


async def test_a_follow_up_counted_from_the_meeting_gets_its_date_and_moves_with_it(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    async with db.sessions() as session:
        unit = await find_unit(session=session, name="Xã Long Thành")
        deadline = Deadline(meeting_id=1, what="Báo cáo kết quả sau buổi làm việc",
                            due_text="chậm nhất 03 ngày sau khi diễn ra buổi làm việc")
        session.add(deadline)
        await session.flush()
        session.add(DeadlineUnit(deadline_id=deadline.id, unit_id=unit.id))
        await session.commit()
    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    await organiser.say("/hoinghi 1")
    await organiser.press("Đổi thời gian")
    await organiser.say("14h00 ngày 2/6/2026")
    async with db.sessions() as session:
        due = (await session.exec(select(Deadline.due_at).where(Deadline.meeting_id == 1))).one()
    assert due == datetime(2026, 6, 6, tzinfo=TZ)  # the 3rd day after 2/6 is 5/6: due by the end of it
    m = machinery(db, clock)
    await m.planner.run_once()
    rounds = sorted(r.send_at for r in await outbox_rows(db) if r.kind == "deadline")
    assert len(rounds) == 2  # two weeks ahead; the later rounds are planned as they come into view
    clock.now = datetime(2026, 6, 1, 9, tzinfo=TZ)
    await m.planner.run_once()
    rounds = sorted(r.send_at for r in await outbox_rows(db) if r.kind == "deadline")
    assert rounds == [datetime(2026, 5, 27, 7, 30, tzinfo=TZ), datetime(2026, 6, 2, 7, 30, tzinfo=TZ),
                      datetime(2026, 6, 4, 7, 30, tzinfo=TZ), datetime(2026, 6, 5, 7, 30, tzinfo=TZ)]


async def test_nudge_from_the_missing_list_confirms_the_counts_and_queues_one_each(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    await organiser.say("/chuadangky")
    ask = await organiser.press("Nhắc ngay các đơn vị này")
    assert "2 người của 2/6 đơn vị" in ask
    assert "Đã xếp 2 tin nhắc cho 2 đơn vị" in await organiser.press("Gửi nhắc")
    m = machinery(db, clock)
    await m.dispatcher.drain()
    for chat in (LAN, BINH):
        [nudge] = m.inbox.to(chat)
        assert nudge.startswith("📣 Sở Khoa học và Công nghệ đề nghị đơn vị đăng ký tham dự")
    await organiser.say("/chuadangky")
    await organiser.press("Nhắc ngay")
    assert "Không gửi nhắc" in await organiser.press("Không")


async def test_meeting_update_on_the_command_line_queues_the_announcement(db: Db, clock: Clock,
                                                                          tmp_path: Path) -> None:
    await demo_world(db, clock)
    await register(chat_as(make_runtime(db.sessions, clock), "officer"), [AN])
    env = {**os.environ, "TDC_DATABASE_URL": db.url}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "meeting", "update", "1", "--join-url",
                           "https://zoom.us/j/123"], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "join_url: None -> https://zoom.us/j/123" in done.stdout and "1 people of 1 units" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "bot.cli", "meeting", "update", "1", "--join-url", "zoom"],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert bad.returncode == 2 and "must start with https://" in bad.stderr
    rows = [r for r in await outbox_rows(db) if r.kind == "announcement"]
    assert len(rows) == 1 and "https://zoom.us/j/123" in (rows[0].text or "")


async def test_nudge_from_a_reports_status_reaches_the_units_that_have_not_submitted(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    async with db.sessions() as session:
        late = await find_unit(session=session, name="Xã Long Thành")
        done = await find_unit(session=session, name="Phường Trấn Biên")
        deadline = Deadline(what="Báo cáo tình hình áp dụng tiêu chuẩn quý II", due_text="trước ngày 15/6/2026",
                            due_at=datetime(2026, 6, 15, tzinfo=TZ))
        session.add(deadline)
        await session.flush()
        session.add(DeadlineUnit(deadline_id=deadline.id, unit_id=late.id))
        session.add(DeadlineUnit(deadline_id=deadline.id, unit_id=done.id, submitted_at=clock()))
        await session.commit()
    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    await organiser.say("/baocao")
    status = await organiser.press("Báo cáo tình hình áp dụng")
    assert "Đã nộp 1/2 đơn vị" in status
    assert "1 người của 1/1 đơn vị" in await organiser.press("Nhắc ngay các đơn vị này")
    assert "Đã xếp 1 tin nhắc cho 1 đơn vị" in await organiser.press("Gửi nhắc")
    m = machinery(db, clock)
    await m.dispatcher.drain()
    [nudge] = m.inbox.to(BINH)
    assert nudge.startswith("📣 Sở Khoa học và Công nghệ đề nghị đơn vị gửi: Báo cáo tình hình") and "/baocao" in nudge
    assert m.inbox.to(LAN) == []
