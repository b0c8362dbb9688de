"""A whole registration through Telegram, then the organiser's Excel file, read back with openpyxl.

The test reads the bot's real messages from the stand-in: it presses the buttons whose labels
it expects and types an answer to whichever question the bot asks, so it checks what a
commune officer actually sees, not the callback data we happen to generate.
"""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta

from openpyxl import load_workbook

from bot.demo import load_demo_data
from handlers.texts import t
from storage.meetings import create_meeting, unit_ids_of_kind
from storage.members import create_invite
from storage.models import Meeting
from storage.registrations import registration_of
from storage.units import find_unit
from testkit.telegram_standin import Sent
from tests.channels.conftest import Person, TelegramBot
from tests.conftest import Clock

COMMUNE = "Phường Trấn Biên"
DEMO_TITLE = "Hội nghị trực tuyến về công tác TCĐLCL"  # the demo meeting, +10 days
OTHER_TITLE = "Tập huấn đo lường cho xã, phường"  # a second meeting, so the officer has to pick
ANSWERS = {  # question the bot asks → what the officer types
    t("ask_name"): "Nguyễn Văn An",
    t("ask_position"): "Phó Chủ tịch UBND phường",
    t("ask_phone"): "0919 422 038",
    t("ask_email"): "an.nv@dongnai.gov.vn",
}


async def _world(bot: TelegramBot, clock: Clock) -> tuple[dict[str, int], str, str]:
    """Demo data plus a second commune meeting; invite codes for an officer and an organiser."""
    now = clock()
    async with bot.sessions() as session:
        ids = await load_demo_data(session=session, now=now)
        start = datetime.combine(now.date() + timedelta(days=20), time(8, 0), tzinfo=now.tzinfo)
        await create_meeting(session=session, meeting=Meeting(
            title=OTHER_TITLE, start_at=start, registration_cutoff=start - timedelta(days=5), mode="in_person",
            location="Hội trường Sở"), invited_unit_ids=await unit_ids_of_kind(session=session, kind="commune"))
        commune = await find_unit(session=session, name=COMMUNE)
        division = await find_unit(session=session, name="Phòng TĐC")
        _a, officer_code = await create_invite(session=session, unit_id=commune.id, role="officer", now=now,
                                               valid_days=14)
        _b, organiser_code = await create_invite(session=session, unit_id=division.id, role="organizer", now=now,
                                                 valid_days=14)
        await session.commit()
    return ids, officer_code, organiser_code


def _texts(sent: list[Sent]) -> str:
    return "\n".join(s.text for s in sent)


async def _answer_questions(officer: Person, last: list[Sent]) -> list[Sent]:
    """Type an answer to each question the bot asks, until it asks something else."""
    asked: list[str] = []
    while last and last[-1].text in ANSWERS:
        asked.append(last[-1].text)
        last = await officer.say(ANSWERS[last[-1].text])
    assert asked == list(ANSWERS), f"the bot asked {asked}"
    return last


async def test_an_officer_registers_and_the_organiser_exports_the_row(telegram_bot: TelegramBot, clock: Clock) -> None:
    ids, officer_code, organiser_code = await _world(telegram_bot, clock)

    officer = telegram_bot.person(5001, "Nguyễn Thị Lan")
    assert _texts(await officer.say(f"/start {officer_code}")).startswith("Chào mừng Nguyễn Thị Lan!")

    picked = await officer.say("/dangky")
    assert _texts(picked) == t("reg_pick_meeting")
    assert len(picked[-1].buttons) == 2
    opened = await officer.press(DEMO_TITLE)
    assert DEMO_TITLE in opened[0].text and t("reg_new") in opened[0].text

    last = await _answer_questions(officer, await officer.press(t("btn_add")))
    assert last[-1].text == t("ask_focal", name="Nguyễn Văn An")
    menu = await officer.press(t("btn_yes"))
    assert t("reg_added", name="Nguyễn Văn An") in menu[-1].text
    done, invitation = await officer.press(t("btn_confirm"))
    assert done.text.startswith("✅ Đã đăng ký 1 người tham dự " + DEMO_TITLE)
    assert done.reply_markup is None
    assert invitation.method == "sendDocument" and invitation.file_name is not None
    assert invitation.file_name.endswith(".ics") and b"BEGIN:VCALENDAR" in invitation.data

    # Committed before the answer went out: the row is there now.
    async with telegram_bot.sessions() as session:
        commune = await find_unit(session=session, name=COMMUNE)
        reg, people = await registration_of(session=session, meeting_id=ids["meeting"], unit_id=commune.id)
    assert reg is not None
    assert [(p.full_name, p.phone, p.is_focal_point) for p in people] == [("Nguyễn Văn An", "0919422038", True)]

    organiser = telegram_bot.person(5002, "Đoàn Minh Hải")
    assert "cán bộ Sở (tổ chức)" in _texts(await organiser.say(f"/start {organiser_code}"))
    menus = [c.params for c in telegram_bot.standin.calls_to("setMyCommands")
             if c.params["scope"] == {"type": "chat", "chat_id": 5002}]
    assert menus and "xuat" in [c["command"] for c in menus[0]["commands"]]

    await organiser.say("/xuat")
    exported = await organiser.press(DEMO_TITLE)
    assert exported[0].text.startswith("Danh sách người tham dự " + DEMO_TITLE)
    [document] = [s for s in exported if s.method == "sendDocument"]
    assert document.file_name is not None and document.file_name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(document.data)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(("STT", "Đơn vị", "Họ và tên", "Chức vụ", "Điện thoại", "Email", "Đầu mối"))
    assert rows[header + 1:] == [
        (1, COMMUNE, "Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919422038", "an.nv@dongnai.gov.vn", "x")]
