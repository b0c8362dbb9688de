"""One officer, Telegram at the office and Zalo on the phone: /lienketzalo on one app gives a code
to type on the other, both ways; reminders then have one account to go to, the one used last."""

from __future__ import annotations

import re

from sqlmodel import select

from handlers.texts import t
from storage.accounts import preferred_accounts
from storage.models import ChannelAccount, Member
from tests.channels.conftest import TelegramBot, ZaloBot
from tests.channels.test_zalo_basics import invite
from tests.conftest import Clock

ZALO_USER = "5e6f708192a3b4c5"


def _code(text: str) -> str:
    found = re.search(r"Mã liên kết: ([A-Z0-9]{4}-[A-Z0-9]{4})", text)
    assert found is not None, text
    return found.group(1)


async def _preferred_channel(bot: ZaloBot, member_id: int) -> str:
    async with bot.sessions() as session:
        return (await preferred_accounts(session=session, member_ids=[member_id]))[member_id].channel


async def test_telegram_to_zalo_then_the_last_app_used_is_the_one_to_remind(
        telegram_bot: TelegramBot, zalo_bot: ZaloBot, clock: Clock) -> None:
    lan_tg = telegram_bot.person(7001, "Nguyễn Thị Lan")
    await lan_tg.say(f"/start {await invite(zalo_bot, clock)}")
    [given] = await lan_tg.say("/lienketzalo")
    assert "hết hạn lúc 09h15, ngày 20/05/2026" in given.text and "Tài khoản đã liên kết: Telegram." in given.text

    lan_zalo = zalo_bot.person(ZALO_USER, "Lan Nguyễn")
    [linked] = await lan_zalo.say(_code(given.text).lower().replace("-", " "))  # typed loosely on the phone
    assert linked.text.startswith("✅ Đã liên kết tài khoản Zalo này với Nguyễn Thị Lan")
    opened = await lan_zalo.say("/dangky")  # the Zalo account acts for the same member and unit
    assert "Hội nghị trực tuyến về công tác TCĐLCL" in opened[0].text
    assert not [c for c in telegram_bot.standin.calls_to("setMyCommands") if c.params["scope"].get("chat_id")
                not in (None, 7001)]  # no Telegram menu for a Zalo chat

    async with zalo_bot.sessions() as session:
        accounts = (await session.exec(select(ChannelAccount))).all()
        members = (await session.exec(select(Member).where(Member.full_name == "Nguyễn Thị Lan"))).all()
    lan = [m for m in members if {a.member_id for a in accounts if a.external_id in ("7001", ZALO_USER)} == {m.id}]
    assert len(lan) == 1
    assert await _preferred_channel(zalo_bot, lan[0].id) == "zalo"  # type: ignore[arg-type]
    clock.advance(minutes=20)
    await lan_tg.say("/help")
    assert await _preferred_channel(zalo_bot, lan[0].id) == "telegram"  # type: ignore[arg-type]

    [again] = await zalo_bot.person("6f708192a3b4c5d6").say(_code(given.text))  # a second use is refused
    assert again.text == t("link_used")


async def test_zalo_to_telegram_and_a_code_typed_on_the_same_app_is_refused(
        telegram_bot: TelegramBot, zalo_bot: ZaloBot, clock: Clock) -> None:
    lan_zalo = zalo_bot.person(ZALO_USER)
    await lan_zalo.say(await invite(zalo_bot, clock))
    [given] = await lan_zalo.say("/lienkettelegram")
    assert "bấm" not in given.text
    [same] = await zalo_bot.person("7a8b9c0d1e2f3a4b").say(_code(given.text))
    assert same.text == t("link_same_channel")
    [linked] = await telegram_bot.person(7002).say(f"/start {_code(given.text)}")
    assert linked.text.startswith("✅ Đã liên kết tài khoản Telegram này với Nguyễn Thị Lan")
    clock.advance(minutes=16)
    [late] = await lan_zalo.say("/lienketzalo")
    clock.advance(minutes=16)
    [expired] = await telegram_bot.person(7003).say(_code(late.text))
    assert expired.text == t("link_expired")


async def test_a_guest_cannot_ask_for_a_link_code(zalo_bot: ZaloBot) -> None:
    [reply] = await zalo_bot.person(ZALO_USER).say("/lienketzalo")
    assert reply.text == t("need_invite")
