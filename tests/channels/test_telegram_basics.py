"""Telegram, the basics: joining by deep link, help, refusals, redelivery, stale buttons, menus, faults, logs.

Everything goes through PTB's real Application polling the local Bot API stand-in over HTTP,
and lands in a real SQLite file.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlmodel import func, select
from telegram import Update
from telegram.error import TimedOut

from bot.channels.telegram import inbound_from_update
from bot.demo import load_demo_data
from bot.runtime import setup_logging
from handlers.texts import t
from storage.members import create_invite
from storage.models import AuditEvent, ChannelAccount, Invite, Member
from storage.units import find_unit
from testkit.telegram_app import TOKEN
from testkit.telegram_standin import BotApiStandin
from tests.channels.conftest import StartBot, TelegramBot
from tests.conftest import Clock

UNIT = "Phường Trấn Biên"


async def _invite(bot: TelegramBot, clock: Clock, *, role: str = "officer", uses: int = 1) -> str:
    """The demo world (once) and a fresh invite code for the commune `UNIT`."""
    async with bot.sessions() as session:
        if (await session.exec(select(func.count()).select_from(Member))).one() == 0:
            await load_demo_data(session=session, now=clock())
        unit = await find_unit(session=session, name=UNIT)
        _invite_row, code = await create_invite(session=session, unit_id=unit.id, role=role, now=clock(),
                                                valid_days=14, uses=uses)
        await session.commit()
    return code


async def _people_and_codes(bot: TelegramBot) -> dict[str, Any]:
    """Everything a join may change: members, accounts, invite uses, the audit trail."""
    async with bot.sessions() as session:
        members = (await session.exec(select(Member.id, Member.role, Member.unit_id, Member.active))).all()
        accounts = (await session.exec(select(ChannelAccount.channel, ChannelAccount.external_id))).all()
        invites = (await session.exec(select(Invite.id, Invite.uses_left))).all()
        audit = (await session.exec(select(func.count()).select_from(AuditEvent))).one()
    return {"members": sorted(members), "accounts": sorted(accounts), "invites": sorted(invites), "audit": audit}


async def _account(bot: TelegramBot, user_id: int) -> tuple[Member, ChannelAccount] | None:
    async with bot.sessions() as session:
        row = (await session.exec(select(Member, ChannelAccount)
                                  .join(ChannelAccount, ChannelAccount.member_id == Member.id)
                                  .where(ChannelAccount.channel == "telegram",
                                         ChannelAccount.external_id == str(user_id)))).first()
    return (row[0], row[1]) if row else None


async def test_deep_link_start_joins_the_unit_in_vietnamese(telegram_bot: TelegramBot, clock: Clock) -> None:
    code = await _invite(telegram_bot, clock)
    lan = telegram_bot.person(1001, "Nguyễn Thị Lan")
    [reply] = await lan.say(f"/start {code}")
    assert reply.text.startswith("Chào mừng Nguyễn Thị Lan!")
    assert "cán bộ đầu mối của Phường Trấn Biên" in reply.text
    found = await _account(telegram_bot, 1001)
    assert found is not None
    member, account = found
    assert (member.full_name, member.role, account.chat_id) == ("Nguyễn Thị Lan", "officer", "1001")
    async with telegram_bot.sessions() as session:
        assert (await session.exec(select(Invite.uses_left))).one() == 0


async def test_start_without_a_code_explains_how_to_get_one(telegram_bot: TelegramBot) -> None:
    [reply] = await telegram_bot.person(1002).say("/start")
    assert reply.text == t("start_guest")
    assert "mã mời" in reply.text and "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng" in reply.text


async def test_help_lists_the_commands_of_the_role(telegram_bot: TelegramBot, clock: Clock) -> None:
    lan = telegram_bot.person(1003)
    [guest] = await lan.say("/help")
    assert "/start – Bắt đầu / nhập mã mời" in guest.text and "/dangky" not in guest.text
    await lan.say(f"/start {await _invite(telegram_bot, clock)}")
    [officer] = await lan.say("/trogiup")
    assert officer.text.startswith(t("help_header"))
    assert "/dangky – Đăng ký người tham dự hội nghị" in officer.text
    assert "/huy – Hủy thao tác đang làm" in officer.text


@pytest.mark.parametrize("case", ["wrong", "used", "expired"])
async def test_a_bad_code_is_refused_clearly_and_changes_nothing(
        telegram_bot: TelegramBot, clock: Clock, case: str) -> None:
    code = await _invite(telegram_bot, clock)
    if case == "wrong":
        code = code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")
    elif case == "used":
        await telegram_bot.person(2001, "Trần Văn Bình").say(f"/start {code}")
    else:
        clock.advance(days=15)
    before = await _people_and_codes(telegram_bot)
    [reply] = await telegram_bot.person(2002, "Lê Thị Cúc").say(f"/start {code}")
    assert reply.text == t({"wrong": "invite_unknown", "used": "invite_used", "expired": "invite_expired"}[case])
    # Nothing changes but the audit, which records the wrong guess (tests/security/test_invite_guesses.py).
    assert await _people_and_codes(telegram_bot) == {**before, "audit": before["audit"] + 1}
    assert await _account(telegram_bot, 2002) is None


async def test_a_redelivered_update_is_answered_once_and_changes_data_once(
        telegram_bot: TelegramBot, clock: Clock) -> None:
    code = await _invite(telegram_bot, clock, uses=2)  # a second handling would take the second use
    standin = telegram_bot.standin
    update = standin.push_message(3001, 3001, f"/start {code}", name="Phạm Văn Dũng")
    standin.push_update(update)  # same update_id again, in the same batch: Telegram's at-least-once delivery
    await telegram_bot.processed.wait(update["update_id"], times=2)
    replies = standin.sent_to(3001)
    assert [r.text.split("!")[0] for r in replies] == ["Chào mừng Phạm Văn Dũng"]
    async with telegram_bot.sessions() as session:
        assert (await session.exec(select(Invite.uses_left))).one() == 1
        assert (await session.exec(select(func.count()).select_from(ChannelAccount)
                                   .where(ChannelAccount.external_id == "3001"))).one() == 1


async def test_a_button_from_an_older_message_is_refused(telegram_bot: TelegramBot, clock: Clock) -> None:
    lan = telegram_bot.person(1004)
    await lan.say(f"/start {await _invite(telegram_bot, clock)}")
    await lan.say("/dangky")
    old_menu, old_add = lan.button(t("btn_add"))
    [ask_name] = await lan.press(t("btn_add"))
    assert ask_name.text == t("ask_name")
    update = telegram_bot.standin.push_callback(lan.user_id, lan.chat_id, old_add, old_menu.message_id)
    await telegram_bot.processed.wait(update["update_id"])
    assert telegram_bot.standin.sent_to(lan.chat_id)[-1].text == t("stale_choice")
    # The press was acknowledged (the button stops spinning), and the flow still waits for the name.
    answered = [c.params["callback_query_id"] for c in telegram_bot.standin.calls_to("answerCallbackQuery")]
    assert update["callback_query"]["id"] in answered
    [cancelled] = await lan.say("/huy")
    assert cancelled.text == t("cancelled")


@pytest.mark.parametrize("kind", ["photo", "sticker"])
async def test_a_photo_or_sticker_gets_the_text_only_answer(telegram_bot: TelegramBot, kind: str) -> None:
    standin = telegram_bot.standin
    update = standin.push_photo(1005, 1005) if kind == "photo" else standin.push_sticker(1005, 1005)
    await telegram_bot.processed.wait(update["update_id"])
    [reply] = standin.sent_to(1005)
    assert reply.text.startswith("Tôi chỉ đọc được tin nhắn chữ")


async def test_a_document_is_fetched_through_getfile_and_the_file_url(telegram_bot: TelegramBot) -> None:
    """What a flow that reads files gets: the name, the size and, on demand, the bytes."""
    payload = "Kế hoạch số 12/KH-SKHCN".encode()
    update = telegram_bot.standin.push_document(1006, 1006, "ke-hoach.txt", payload)
    inbound = inbound_from_update(Update.de_json(update, telegram_bot.application.bot))
    assert inbound is not None and inbound.file is not None
    assert (inbound.file.name, inbound.file.size) == ("ke-hoach.txt", len(payload))
    assert await inbound.file.fetch() == payload
    await telegram_bot.processed.wait(update["update_id"])


def _menus(bot: TelegramBot) -> list[tuple[str, Any, list[str]]]:
    return [(c.params["scope"]["type"], c.params.get("language_code"), [x["command"] for x in c.params["commands"]])
            for c in bot.standin.calls_to("setMyCommands")]


async def test_command_menus_default_at_start_and_per_chat_after_joining(
        telegram_bot: TelegramBot, clock: Clock) -> None:
    assert _menus(telegram_bot) == [("default", None, ["start", "help"]), ("default", "en", ["start", "help"])]
    await telegram_bot.person(1007).say(f"/start {await _invite(telegram_bot, clock)}")
    per_chat = [c.params for c in telegram_bot.standin.calls_to("setMyCommands")[2:]]
    assert [(p["scope"], p.get("language_code")) for p in per_chat] == [
        ({"type": "chat", "chat_id": 1007}, None), ({"type": "chat", "chat_id": 1007}, "en")]
    assert [x["command"] for x in per_chat[0]["commands"]] == [
        "dangky", "viec", "capnhat", "baocao", "kiennghi", "lienketzalo", "nhacviec", "tatnhac", "batnhac",
        "help", "huy"]


@pytest.mark.parametrize("kind", ["400", "500"])
async def test_a_failing_setmycommands_is_logged_not_fatal(
        start_bot: StartBot, standin: BotApiStandin, clock: Clock, caplog: pytest.LogCaptureFixture, kind: str) -> None:
    standin.fail_next("setMyCommands", kind)  # at start-up
    caplog.set_level(logging.WARNING, logger="bot.channels.telegram")
    async with start_bot() as bot:
        assert "could not set the default command menu" in caplog.text
        lan = bot.person(1008)
        standin.fail_next("setMyCommands", kind)  # after joining
        [joined] = await lan.say(f"/start {await _invite(bot, clock)}")
        assert joined.text.startswith("Chào mừng")
        assert "could not set the command menu for chat telegram#" in caplog.text
        assert "1008" not in caplog.text  # the chat is named by a pseudonym, not its id
        [help_] = await lan.say("/help")
        assert "/dangky" in help_.text


async def test_429_is_retried_by_the_rate_limiter_and_the_message_arrives_once(telegram_bot: TelegramBot) -> None:
    telegram_bot.standin.fail_next("sendMessage", "429")
    [reply] = await telegram_bot.person(1009).say("/help")
    assert reply.text.startswith(t("help_header"))
    assert len(telegram_bot.standin.calls_to("sendMessage")) == 2


async def test_403_blocked_by_the_user_is_logged_and_the_bot_goes_on(
        telegram_bot: TelegramBot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="bot.channels.telegram")
    telegram_bot.standin.fail_next("sendMessage", "403")
    assert await telegram_bot.person(1010).say("/help") == []
    assert "bot was blocked by the user" in caplog.text
    [reply] = await telegram_bot.person(1011).say("/help")
    assert reply.text.startswith(t("help_header"))


async def test_the_token_never_reaches_the_logs(
        start_bot: StartBot, standin: BotApiStandin, clock: Clock, caplog: pytest.LogCaptureFixture) -> None:
    """httpx logs every request URL, and PTB the API URL at DEBUG: both hold the token."""
    loud = ("telegram", "httpx", "httpcore", "bot", "tornado")
    levels = {name: logging.getLogger(name).level for name in loud}
    caplog.set_level(logging.DEBUG)
    try:
        setup_logging(logging.DEBUG)  # installs RedactTokens on the handlers, caplog's included
        for name in loud:  # the worst case: setup_logging quiets httpx, but a deployment may not
            logging.getLogger(name).setLevel(logging.DEBUG)
        async with start_bot() as bot:
            lan = bot.person(1012)
            await lan.say(f"/start {await _invite(bot, clock)}")
            await lan.say("/dangky")
            await lan.press(t("btn_add"))
            update = standin.push_document(1012, 1012, "ke-hoach.txt", b"noi dung")
            inbound = inbound_from_update(Update.de_json(update, bot.application.bot))
            assert inbound is not None and inbound.file is not None
            await inbound.file.fetch()  # the download URL is /file/bot<token>/…
            standin.fail_next("sendMessage", "429")
            await lan.say("/huy")
            standin.fail_next("sendMessage", "403")
            await lan.say("/help")
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    text = caplog.text
    assert "/file/<token>/documents/" in text and "/<token>/sendMessage" in text  # the lines are there
    assert TOKEN not in text and TOKEN.split(":")[1] not in text


async def test_a_send_that_times_out_may_still_have_arrived(telegram_bot: TelegramBot) -> None:
    """Why a reminder sender must record a read timeout as 'ambiguous', not resend it blindly."""
    telegram_bot.standin.timeout_hold = 2.0
    telegram_bot.standin.fail_next("sendMessage", "timeout")
    with pytest.raises(TimedOut):
        await telegram_bot.application.bot.send_message(chat_id=1013, text="Nhắc lịch họp", read_timeout=0.3)
    assert [s.text for s in telegram_bot.standin.sent_to(1013)] == ["Nhắc lịch họp"]
