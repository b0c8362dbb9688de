"""The real flows through Zalo: joining by a typed code, a whole registration answered by numbers
and by words, "quý này có việc gì?" in pages, long replies in pieces, and the export link.

The test reads the bot's real messages from the stand-in and answers what it sees, as a
commune officer on a phone would: no buttons, only typing.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, time, timedelta

import httpx
import pytest
from openpyxl import load_workbook

from bot.demo import load_demo_data
from handlers.texts import t
from handlers.types import Reply
from storage.meetings import create_meeting, unit_ids_of_kind
from storage.members import create_invite
from storage.models import Meeting
from storage.registrations import registration_of
from storage.units import find_unit
from testkit.zalo_standin import TEXT_LIMIT, Sent
from tests.channels.conftest import StartZalo, ZaloBot, ZaloPerson
from tests.conftest import Clock

COMMUNE = "Phường Trấn Biên"
DEMO_TITLE = "Hội nghị trực tuyến về công tác TCĐLCL"
OTHER_TITLE = "Tập huấn đo lường cho xã, phường"
OFFICER, HEAD, ORGANISER = "0a1b2c3d4e5f6071", "1b2c3d4e5f607182", "2c3d4e5f60718293"


async def _world(bot: ZaloBot, clock: Clock) -> tuple[dict[str, int], dict[str, str]]:
    """Demo data plus a second commune meeting; invite codes for an officer, a unit head, an organiser."""
    now = clock()
    async with bot.sessions() as session:
        ids = await load_demo_data(session=session, now=now)
        start = datetime.combine(now.date() + timedelta(days=20), time(8, 0), tzinfo=now.tzinfo)
        await create_meeting(session=session, meeting=Meeting(
            title=OTHER_TITLE, start_at=start, registration_cutoff=start - timedelta(days=5), mode="in_person",
            location="Hội trường Sở"), invited_unit_ids=await unit_ids_of_kind(session=session, kind="commune"))
        commune = await find_unit(session=session, name=COMMUNE)
        division = await find_unit(session=session, name="Phòng TĐC")
        codes = {}
        for role, unit in (("officer", commune), ("unit_head", division), ("organizer", division)):
            _row, codes[role] = await create_invite(session=session, unit_id=unit.id, role=role, now=now,
                                                    valid_days=14)
        await session.commit()
    return ids, codes


def _text(sent: list[Sent]) -> str:
    return "\n".join(s.text for s in sent)


def _numbered(text: str) -> dict[str, str]:
    """The numbered lines of a message: label → the number to type."""
    return {m.group(2): m.group(1) for m in re.finditer(r"^(\d+)\. (.+)$", text, re.M)}


def _for_zalo(sent: list[Sent]) -> None:
    """What every Zalo message must be: within the limit, and never asking to press anything."""
    for message in sent:
        assert 1 <= len(message.text) <= TEXT_LIMIT
        assert "bấm" not in message.text.lower() and "nút" not in message.text.lower(), message.text


@pytest.mark.parametrize("paste", [
    "{code}",
    "/start {code}",
    "{a}\n{b}",  # broken by a narrow chat bubble
    "  {a} {b}  ",
    "Mã mời của đơn vị: {code}",
    "https://t.me/tdc_bot?start={code}",  # the Telegram link forwarded into Zalo
], ids=["alone", "start", "line-break", "spaces", "sentence", "telegram-link"])
async def test_an_officer_joins_by_sending_the_code(zalo_bot: ZaloBot, clock: Clock, paste: str) -> None:
    _ids, codes = await _world(zalo_bot, clock)
    code = codes["officer"]
    officer = zalo_bot.person(OFFICER)
    [joined] = await officer.say(paste.format(code=code, a=code[:20], b=code[20:]))
    assert joined.text.startswith("Chào mừng Nguyễn Thị Lan!")
    assert f"cán bộ đầu mối của {COMMUNE}" in joined.text


async def test_a_whole_registration_by_numbers_and_by_words(zalo_bot: ZaloBot, clock: Clock) -> None:
    ids, codes = await _world(zalo_bot, clock)
    officer = zalo_bot.person(OFFICER)
    await officer.say(codes["officer"])

    picked = await officer.say("/dangky")
    _for_zalo(picked)
    options = _numbered(picked[-1].text)
    assert len(options) == 2 and "Trả lời 1 hoặc 2" in picked[-1].text
    opened = await officer.say("hội nghị trực tuyến")  # the option's words, without diacritics or the date
    assert DEMO_TITLE in opened[0].text and t("reg_new") in opened[0].text
    menu = _numbered(opened[-1].text)
    assert list(menu) == [t("btn_add"), t("btn_quit")]

    asked = await officer.say(menu[t("btn_add")])  # by number
    assert asked[-1].text == t("ask_name")
    assert (await officer.say("Nguyễn Văn An"))[-1].text == t("ask_position")
    assert (await officer.say("Phó Chủ tịch UBND phường"))[-1].text == t("ask_phone")
    email = await officer.say("0919 422 038")
    assert email[-1].text.startswith(t("ask_email"))
    focal = await officer.say("bỏ qua")  # the option's words
    assert focal[-1].text.startswith(t("ask_focal", name="Nguyễn Văn An"))
    added = await officer.say("Có")
    assert t("reg_added", name="Nguyễn Văn An") in added[-1].text
    menu = _numbered(added[-1].text)
    assert t("btn_confirm") in menu
    done, invitation = await officer.say("xác nhận gửi")
    assert done.text.startswith("✅ Đã đăng ký 1 người tham dự " + DEMO_TITLE)
    assert invitation.text.startswith("📎 ") and ".ics: http://127.0.0.1:" in invitation.text  # a link, on Zalo
    _for_zalo([*opened, *asked, *email, *focal, *added, done, invitation])

    async with zalo_bot.sessions() as session:  # committed before the answer went out
        commune = await find_unit(session=session, name=COMMUNE)
        reg, people = await registration_of(session=session, meeting_id=ids["meeting"], unit_id=commune.id)
    assert reg is not None
    assert [(p.full_name, p.phone, p.email, p.is_focal_point) for p in people] == [
        ("Nguyễn Văn An", "0919422038", None, True)]


async def test_a_typed_number_out_of_range_says_which_numbers_work(zalo_bot: ZaloBot, clock: Clock) -> None:
    _ids, codes = await _world(zalo_bot, clock)
    officer = zalo_bot.person(OFFICER)
    await officer.say(codes["officer"])
    await officer.say("/dangky")
    [refused] = await officer.say("7")
    assert refused.text == t("bad_choice", options="1 hoặc 2")


async def _head(bot: ZaloBot, clock: Clock) -> ZaloPerson:
    _ids, codes = await _world(bot, clock)
    head = bot.person(HEAD, "Lê Văn Hùng")
    await head.say(codes["unit_head"])
    return head


async def test_whats_due_this_year_in_pages_by_typing_tiep_or_a_page_number(zalo_bot: ZaloBot,
                                                                            clock: Clock) -> None:
    """A quarter now fits one page; the year does not. Numbers open tasks, so pages are named by words."""
    head = await _head(zalo_bot, clock)
    [first] = await head.say("việc năm nay")
    footer = re.search(r"Trang 1/(\d+) · gõ «tiếp»", first.text)
    assert footer is not None, first.text
    pages = int(footer.group(1))
    assert pages >= 2
    seen = [first.text]
    for n in range(2, pages + 1):
        [page] = await head.say("tiếp")
        assert f"Trang {n}/{pages}" in page.text
        seen.append(page.text)
    assert "hết; gõ «trước»" in seen[-1]
    [again] = await head.say("trang 1")
    assert again.text == first.text
    [back] = await head.say("trước")
    assert back.text == first.text
    [opened] = await head.say("1")
    assert opened.text.startswith("[") and "Tiến độ:" in opened.text
    _for_zalo(zalo_bot.standin.sent_to(HEAD))
    assert "📋 Nhiệm vụ của Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng" in first.text
    [other] = await head.say("/help")  # a new question leaves the pages
    assert other.text.startswith(t("help_header"))


async def test_a_reply_of_2001_characters_arrives_in_two_pieces_cut_at_a_line(zalo_bot: ZaloBot) -> None:
    lines = [f"{i:03d}. " + "Nguyễn Văn An – Phường Trấn Biên – 0919 422 038"[:44] for i in range(40)]
    text = "\n".join(lines)
    text += "\n" + "x" * (2001 - len(text) - 1)
    assert len(text) == 2001
    await zalo_bot.service.channel.send(OFFICER, [Reply(text)], OFFICER)
    first, second = zalo_bot.standin.sent_to(OFFICER)
    assert len(first.text) <= TEXT_LIMIT and len(second.text) <= TEXT_LIMIT
    assert first.text + "\n" + second.text == text  # nothing lost, and the cut is at a line break


async def test_one_line_longer_than_a_message_is_cut_hard_and_nothing_is_lost(zalo_bot: ZaloBot) -> None:
    text = "Đ" * 4500
    await zalo_bot.service.channel.send(OFFICER, [Reply(text)], OFFICER)
    pieces = [s.text for s in zalo_bot.standin.sent_to(OFFICER)]
    assert [len(p) for p in pieces] == [2000, 2000, 500] and "".join(pieces) == text


async def _organiser_exports(bot: ZaloBot, clock: Clock) -> list[Sent]:
    _ids, codes = await _world(bot, clock)
    organiser = bot.person(ORGANISER, "Đoàn Minh Hải")
    assert "cán bộ Sở (tổ chức)" in _text(await organiser.say(codes["organizer"]))
    listed = await organiser.say("/xuat")
    number = next(n for label, n in _numbered(listed[-1].text).items() if DEMO_TITLE in label)
    return await organiser.say(number)


async def test_an_export_is_a_one_time_link_served_by_the_bot(zalo_bot: ZaloBot, clock: Clock) -> None:
    exported = await _organiser_exports(zalo_bot, clock)
    assert exported[0].text.startswith("Danh sách người tham dự " + DEMO_TITLE)
    link = re.search(r"(http://127\.0\.0\.1:\d+/tep/[A-Za-z0-9_-]{43})", exported[-1].text)
    assert link is not None, exported[-1].text
    assert "dùng được 3 lần" in exported[-1].text
    async with httpx.AsyncClient() as client:
        answers = [await client.get(link.group(1)) for _ in range(4)]
        unknown = await client.get(link.group(1)[:-4] + "AAAA")
    assert [a.status_code for a in answers] == [200, 200, 200, 404]
    assert answers[0].headers["content-disposition"].endswith(".xlsx")
    assert answers[0].headers["cache-control"] == "no-store"
    assert answers[3].text == t("file_link_gone") and unknown.status_code == 404
    sheet = load_workbook(io.BytesIO(answers[0].content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert ("STT", "Đơn vị", "Họ và tên", "Chức vụ", "Điện thoại", "Email", "Đầu mối") in rows


async def test_an_export_link_expires(zalo_bot: ZaloBot, clock: Clock) -> None:
    exported = await _organiser_exports(zalo_bot, clock)
    link = re.search(r"(http://\S+/tep/\S+)", exported[-1].text)
    assert link is not None
    clock.advance(minutes=31)
    async with httpx.AsyncClient() as client:
        assert (await client.get(link.group(1))).status_code == 404


async def test_without_a_public_address_an_export_explains_the_command(start_zalo: StartZalo, clock: Clock) -> None:
    async with start_zalo(mode="polling", links=False) as bot:
        exported = await _organiser_exports(bot, clock)
    explained = exported[-1].text
    assert "Zalo không gửi được tệp" in explained and "/tep/" not in explained
    assert re.search(r"tdc-bot export registrations --meeting \d+ --out danh-sach-\d+-[a-z0-9-]+\.xlsx", explained)


@pytest.mark.parametrize("fault", ["429", "500"])
async def test_a_reply_refused_for_a_moment_is_sent_again_and_arrives_once(zalo_bot: ZaloBot, fault: str) -> None:
    zalo_bot.standin.fail_next("sendMessage", fault, retry_after=1 if fault == "429" else None)
    [reply] = await zalo_bot.person(OFFICER).say("/help")
    assert reply.text.startswith(t("help_header"))
    assert len(zalo_bot.standin.calls_to("sendMessage")) == 2
    assert zalo_bot.pauses.seconds[-1] == (1.0 if fault == "429" else 0.5)


@pytest.mark.parametrize("fault", ["timeout", "drop"])
async def test_a_reply_without_an_answer_is_not_sent_again(zalo_bot: ZaloBot, fault: str,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    zalo_bot.standin.fail_next("sendMessage", fault)
    [reply] = await zalo_bot.person(OFFICER).say("/help")  # it did arrive: Zalo carried it out
    assert reply.text.startswith(t("help_header"))
    assert len(zalo_bot.standin.calls_to("sendMessage")) == 1
    assert "it may have arrived, not resent" in caplog.text


async def test_a_blocked_bot_stops_sending_the_rest_of_the_replies(zalo_bot: ZaloBot) -> None:
    zalo_bot.standin.fail_next("sendMessage", "403")
    await zalo_bot.service.channel.send(OFFICER, [Reply("một"), Reply("hai")], OFFICER)
    assert len(zalo_bot.standin.calls_to("sendMessage")) == 1 and zalo_bot.standin.sent == []
