"""Edited messages are not new input: the person is told the edit was not read and what to do.

An officer who fixes a typo in an attendee's name by editing the message must not believe the
fix was saved, and the edit must not be taken as the answer to the next question either.
Edited channel posts, like channel posts, have nobody to answer and are ignored.
"""

from __future__ import annotations

from sqlmodel import select

from handlers.texts import t
from storage.models import ConversationState
from testkit.telegram_standin import Sent
from tests.channels.conftest import Person, TelegramBot
from tests.channels.test_telegram_registration import DEMO_TITLE, _world
from tests.conftest import Clock

EDIT_REPLY = t("edit_not_read", button=t("btn_edit"))


async def _type(officer: Person, text: str) -> tuple[dict, list[Sent]]:
    """Type `text` and return the pushed message (to edit later) with the bot's replies."""
    bot = officer.bot
    mark = len(bot.standin.sent)
    update = bot.standin.push_message(officer.user_id, officer.chat_id, text, name=officer.name)
    await bot.processed.wait(update["update_id"])
    return update["message"], [s for s in bot.standin.sent[mark:] if s.chat_id == officer.chat_id]


async def _edit(officer: Person, message: dict, text: str) -> list[Sent]:
    bot = officer.bot
    mark = len(bot.standin.sent)
    update = bot.standin.push_edited_message(message, text)
    await bot.processed.wait(update["update_id"])
    return [s for s in bot.standin.sent[mark:] if s.chat_id == officer.chat_id]


async def _state(bot: TelegramBot, chat_id: int) -> tuple[str | None, str | None, dict]:
    async with bot.sessions() as session:
        state = (await session.exec(select(ConversationState).where(
            ConversationState.channel == "telegram", ConversationState.chat_id == str(chat_id)))).one()
        return state.flow, state.step, dict(state.data)


async def test_an_edited_name_is_not_read_and_the_officer_is_told_what_to_do(
        telegram_bot: TelegramBot, clock: Clock) -> None:
    _ids, officer_code, _organiser_code = await _world(telegram_bot, clock)
    officer = telegram_bot.person(5101, "Nguyễn Thị Lan")
    await officer.say(f"/start {officer_code}")
    await officer.say("/dangky")
    await officer.press(DEMO_TITLE)
    [asked_name] = await officer.press(t("btn_add"))
    assert asked_name.text == t("ask_name")

    typo, [asked_position] = await _type(officer, "Nguyễn Văn Aan")
    assert asked_position.text == t("ask_position")
    before = await _state(telegram_bot, officer.chat_id)

    [told] = await _edit(officer, typo, "Nguyễn Văn An")
    assert told.text == EDIT_REPLY
    assert "tin nhắn mới" in told.text and t("btn_edit") in told.text  # what to do instead
    assert await _state(telegram_bot, officer.chat_id) == before  # the edit changed nothing

    # The conversation goes on where it was: the next typed text answers the position question.
    [asked_phone] = await officer.say("Phó Chủ tịch UBND phường")
    assert asked_phone.text == t("ask_phone")
    assert "Nguyễn Văn Aan" in str((await _state(telegram_bot, officer.chat_id))[2])


async def test_an_edited_command_is_not_run(telegram_bot: TelegramBot) -> None:
    person = telegram_bot.person(5102)
    message, _replies = await _type(person, "/help")
    assert [s.text for s in await _edit(person, message, "/dangky")] == [EDIT_REPLY]


async def test_channel_posts_edited_or_not_get_no_answer(telegram_bot: TelegramBot) -> None:
    channel = -1001234567
    for edited in (False, True):
        update = telegram_bot.standin.push_channel_post(channel, "/help", edited=edited)
        await telegram_bot.processed.wait(update["update_id"])
    assert telegram_bot.standin.sent_to(channel) == []
    [reply] = await telegram_bot.person(5103).say("/help")  # and the bot goes on
    assert reply.text.startswith(t("help_header"))
