"""Zalo, the basics: the webhook's secret and body forms, polling with 408s, duplicates, hints.

Everything goes over real HTTP: the Zalo stand-in pushes to our web server (or answers our
getUpdates), and our channel answers through the stand-in's sendMessage.
"""

from __future__ import annotations

import logging

import httpx
import pytest
from sqlmodel import func, select

from bot.demo import load_demo_data
from bot.runtime import RedactTokens
from handlers.texts import t
from storage.members import create_invite
from storage.models import ChannelAccount, ChannelInbox, Invite, Member
from storage.units import find_unit
from testkit.zalo_app import SECRET
from testkit.zalo_standin import SECRET_HEADER
from tests.channels.conftest import StartZalo, ZaloBot
from tests.conftest import Clock

UNIT = "Phường Trấn Biên"
USER = "a1b2c3d4e5f60718"  # Zalo ids are hex strings


async def invite(bot: ZaloBot, clock: Clock, *, role: str = "officer", uses: int = 1) -> str:
    """The demo world (once) and a fresh invite code for the commune `UNIT`."""
    async with bot.sessions() as session:
        if (await session.exec(select(func.count()).select_from(Member))).one() == 0:
            await load_demo_data(session=session, now=clock())
        unit = await find_unit(session=session, name=UNIT)
        _row, code = await create_invite(session=session, unit_id=unit.id, role=role, now=clock(), valid_days=14,
                                         uses=uses)
        await session.commit()
    return code


async def test_setwebhook_is_called_with_our_url_and_secret(zalo_bot: ZaloBot) -> None:
    webhook = zalo_bot.standin.webhook
    assert webhook["secret_token"] == SECRET
    assert webhook["url"] == zalo_bot.service.options.public_base_url + "/zalo/webhook"
    assert zalo_bot.standin.calls_to("getUpdates") == []  # a webhook bot never polls


@pytest.mark.parametrize("header", [None, "not-the-secret", SECRET[:-1]], ids=["none", "wrong", "almost"])
async def test_a_push_without_the_right_secret_is_refused_and_never_handled(zalo_bot: ZaloBot,
                                                                             header: str | None) -> None:
    event = zalo_bot.standin.event(USER, "/help")
    refused = await zalo_bot.standin.push(event, secret=header)
    assert refused.status_code == 403
    async with zalo_bot.sessions() as session:
        assert (await session.exec(select(func.count()).select_from(ChannelInbox))).one() == 0
    [reply] = await zalo_bot.person(USER).say("/help")  # the next, with the secret, is answered
    assert reply.text.startswith(t("help_header"))
    assert zalo_bot.service.channel.handled == 1


@pytest.mark.parametrize("bare", [False, True], ids=["wrapped", "bare"])
async def test_both_body_forms_are_understood(zalo_bot: ZaloBot, bare: bool) -> None:
    lan = zalo_bot.person(USER)
    [reply] = await lan.send(zalo_bot.standin.event(USER, "/start"), bare=bare)
    assert reply.text == t("start_guest_typed")
    assert "bấm" not in reply.text  # no deep link, no button to press on Zalo


async def test_a_body_that_is_not_an_event_gets_400(zalo_bot: ZaloBot) -> None:
    url = zalo_bot.standin.webhook["url"]
    async with httpx.AsyncClient() as client:
        for body in (b"not json", b"{}", b'{"ok": true, "result": {"event_name": "x"}}'):
            answer = await client.post(url, content=body, headers={SECRET_HEADER: SECRET})
            assert answer.status_code == 400
    assert zalo_bot.standin.sent == []


async def test_a_redelivered_push_is_answered_once_and_changes_data_once(zalo_bot: ZaloBot, clock: Clock) -> None:
    code = await invite(zalo_bot, clock, uses=2)  # handling it twice would take the second use
    dung = zalo_bot.person("0f0e0d0c0b0a0908", "Phạm Văn Dũng")
    replies = await dung.send(zalo_bot.standin.event(dung.user_id, code, name=dung.name), times=3)
    assert [r.text.split("!")[0] for r in replies] == ["Chào mừng Phạm Văn Dũng"]
    async with zalo_bot.sessions() as session:
        assert (await session.exec(select(Invite.uses_left))).one() == 1
        accounts = (await session.exec(select(ChannelAccount).where(ChannelAccount.channel == "zalo"))).all()
        assert [(a.external_id, a.chat_id) for a in accounts] == [(dung.user_id, dung.user_id)]
        assert (await session.exec(select(func.count()).select_from(ChannelInbox))).one() == 0


@pytest.mark.parametrize(("kind", "key"), [("image", "unsupported_input_typed"), ("sticker", "sticker_received"),
                                           ("unsupported", "unsupported_input_typed")])
async def test_images_stickers_and_unsupported_events_get_a_short_hint(zalo_bot: ZaloBot, kind: str,
                                                                       key: str) -> None:
    lan = zalo_bot.person(USER)
    [reply] = await lan.send(zalo_bot.standin.event(USER, kind=kind))
    assert reply.text == t(key)
    assert ".docx" not in reply.text  # Zalo cannot send us files: do not ask for one


async def test_a_group_message_gets_one_note_and_no_flow(zalo_bot: ZaloBot, clock: Clock) -> None:
    code = await invite(zalo_bot, clock)
    group = "9f8e7d6c5b4a3921"
    person = zalo_bot.person(USER)
    first = await person.send(zalo_bot.standin.event(USER, code, chat_id=group, group=True))
    await person.send(zalo_bot.standin.event(USER, "/dangky", chat_id=group, group=True))
    assert first == []  # replies go to the group, not the private chat
    assert [s.text for s in zalo_bot.standin.sent_to(group)] == [t("group_not_supported")]
    async with zalo_bot.sessions() as session:  # the code pasted in a group did not join anyone
        assert (await session.exec(select(Invite.uses_left))).one() == 1


async def test_a_message_from_a_bot_is_ignored(zalo_bot: ZaloBot) -> None:
    assert await zalo_bot.person(USER).send(zalo_bot.standin.event(USER, "/help", from_bot=True)) == []


@pytest.mark.parametrize("http_errors", [True, False], ids=["http-status", "ok-false"])
async def test_polling_takes_one_update_per_call_and_408_means_nothing_yet(
        start_zalo: StartZalo, http_errors: bool) -> None:
    async with start_zalo(mode="polling", links=False) as bot:
        bot.standin.http_errors = http_errors
        assert bot.standin.webhook == {}  # deleteWebhook first: getUpdates is disabled under a webhook
        assert bot.service.web is None  # no public address: no web server at all
        lan = bot.person(USER)
        [help_] = await lan.say("/help")
        await bot.standin.wait_until(lambda: len(bot.standin.calls_to("getUpdates")) >= 3, what="more polls")
        [start] = await lan.say("/start")
    assert help_.text.startswith(t("help_header")) and start.text == t("start_guest_typed")
    assert len(bot.standin.calls_to("deleteWebhook")) == 1
    assert all(c.params == {"timeout": "1"} for c in bot.standin.calls_to("getUpdates"))


async def test_polling_backs_off_after_errors_and_goes_on(start_zalo: StartZalo) -> None:
    async with start_zalo(mode="polling", links=False) as bot:
        bot.standin.fail_next("getUpdates", "500", count=3)
        [reply] = await bot.person(USER).say("/help")
    assert reply.text.startswith(t("help_header"))
    assert [p for p in bot.pauses.seconds if p >= 2] == [2.0, 4.0, 8.0]  # the poller's own backoff


async def test_an_event_accepted_before_a_crash_is_handled_at_the_next_start(
        start_zalo: StartZalo, clock: Clock) -> None:
    """The inbox is committed before the 200; an event left there (a crash before handling) is
    handled when the bot starts again, and answered once."""
    async with start_zalo() as bot:
        code = await invite(bot, clock)
        event = bot.standin.event(USER, code, name="Lê Thị Cúc")
        async with bot.sessions() as session:  # what a crash right after the 200 leaves behind
            session.add(ChannelInbox(channel="zalo", update_key=event["message"]["message_id"],
                                     payload={"ok": True, "result": event}))
            await session.commit()
    async with start_zalo() as bot:
        await bot.service.channel.wait_handled(1)
        [joined] = bot.standin.sent_to(USER)
        assert joined.text.startswith("Chào mừng Lê Thị Cúc!")
        await bot.person(USER).send(event)  # and Zalo redelivering it now changes nothing
    assert len(bot.standin.sent_to(USER)) == 1


async def test_the_zalo_token_never_reaches_the_logs(zalo_bot: ZaloBot, caplog: pytest.LogCaptureFixture) -> None:
    """httpx logs every request URL, and Zalo's URL holds the token: the filter blanks it."""
    caplog.handler.addFilter(RedactTokens())
    caplog.set_level(logging.DEBUG)
    zalo_bot.standin.fail_next("sendMessage", "timeout")
    await zalo_bot.person(USER).say("/help")
    await zalo_bot.person(USER).say("/start")
    token = zalo_bot.standin.token
    assert "HTTP Request: POST http://127.0.0.1" in caplog.text  # the URL was logged …
    assert token not in caplog.text and token.split(":")[1] not in caplog.text  # … without the token
    assert "/<token>/sendMessage" in caplog.text
