"""A meeting whose letter gives only a day or a period is stored with its words and shown with them,
never as 00h00 (issue 12, part 4, shape 5), on both engines; a new time replaces the words."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from domain.documents import MeetingDoc, read_meeting_letter
from handlers.announcements import change_lines
from handlers.calendar import meeting_file
from handlers.formatting import meeting_card
from handlers.meeting_when import meeting_when
from handlers.texts import t
from storage.meeting_changes import change_meeting
from storage.meeting_import import meeting_warnings, store_meeting_doc
from storage.models import AgendaItem, Meeting
from storage.reminder_facts import gather
from tests.conftest import TZ, Db, fixture_file

PERIOD = "letter_shapes/thong_bao_cuoi_thang.txt"
WEB_NOTICE = "letter_shapes/thong_bao_trang_web.txt"
NOW = datetime(2026, 9, 1, 9, 0, tzinfo=TZ)


def letter(relative: str) -> MeetingDoc:
    return read_meeting_letter(fixture_file(relative).read_text(encoding="utf-8"))


async def stored(db: Db, doc: MeetingDoc) -> Meeting:
    async with db.sessions() as s:
        report = await store_meeting_doc(session=s, doc=doc, source_name="thong-bao.txt")
        await s.commit()
        assert report.meeting.id is not None
        meeting = await s.get(Meeting, report.meeting.id)
        assert meeting is not None
        return meeting


async def test_a_period_is_stored_with_its_words_and_shown_with_them(db: Db) -> None:
    doc = letter(PERIOD)
    meeting = await stored(db, doc)
    assert meeting.time_label == "8h00, cuối tháng 9/2026"
    assert meeting.start_at == datetime(2026, 9, 30, tzinfo=TZ)  # the window's first minute, for ordering
    assert (meeting.tentative, meeting.mode) == (True, "in_person")
    card = meeting_card(meeting, TZ)
    assert t("card_time", when="8h00, cuối tháng 9/2026 (dự kiến)") in card.splitlines()
    assert "00h00" not in card and "30/09" not in card
    assert meeting_when(meeting, TZ) == "8h00, cuối tháng 9/2026"
    assert meeting_file(meeting, tz=TZ, now=NOW) is None  # no calendar entry at 00h00 on a guessed day
    async with db.sessions() as s:
        rows = (await s.exec(select(AgendaItem).order_by(AgendaItem.position))).all()
    assert [row.time_text for row in rows] == ["8h00-8h30", "8h30-10h30", "10h30-11h00"]
    assert "Văn bản chỉ ghi thời gian họp «cuối tháng 9 năm 2026 (Sở sẽ thông báo ngày cụ thể sau)», " \
           "chưa có ngày cụ thể." in meeting_warnings(doc, "thong-bao.txt")


async def test_a_day_only_notice_is_shown_as_its_day(db: Db) -> None:
    meeting = await stored(db, letter(WEB_NOTICE))
    assert meeting.time_label == "ngày 21/6/2024"
    assert meeting.start_at == datetime(2024, 6, 21, tzinfo=TZ)
    card = meeting_card(meeting, TZ)
    assert t("card_time", when="ngày 21/6/2024") in card.splitlines()
    assert "00h00" not in card


async def test_a_new_time_replaces_the_words_and_the_announcement_says_what_it_was(db: Db) -> None:
    meeting = await stored(db, letter(PERIOD))
    assert meeting.id is not None
    async with db.sessions() as s:
        changed = await change_meeting(session=s, meeting_id=meeting.id, now=NOW, tz=TZ, actor_id=None,
                                       changes={"start_at": datetime(2026, 9, 29, 14, 0, tzinfo=TZ),
                                                "tentative": False})
        await s.commit()
    assert changed.diff["time_label"] == ("8h00, cuối tháng 9/2026", None)
    assert changed.meeting.time_label is None
    lines = change_lines(changed, TZ)
    assert t("ann_time", when="14h00, ngày 29/09/2026", before="8h00, cuối tháng 9/2026") in lines
    async with db.sessions() as s:
        again = await s.get(Meeting, meeting.id)
    assert again is not None and again.time_label is None
    assert meeting_when(again, TZ) == "14h00, ngày 29/09/2026"
    invite = meeting_file(again, tz=TZ, now=NOW)
    assert invite is not None and b"DTSTART;TZID=Asia/Ho_Chi_Minh:20260929T140000" in invite.data


async def test_no_meeting_day_reminder_before_the_hour_is_known(db: Db) -> None:
    meeting = await stored(db, letter(PERIOD))
    async with db.sessions() as s:
        assert [m.meeting_id for m in (await gather(session=s, now=NOW)).meetings] == []
        await change_meeting(session=s, meeting_id=meeting.id or 0, now=NOW, tz=TZ, actor_id=None,
                             changes={"start_at": datetime(2026, 9, 29, 14, 0, tzinfo=TZ)})
        await s.commit()
        assert [m.meeting_id for m in (await gather(session=s, now=NOW)).meetings] == [meeting.id]
