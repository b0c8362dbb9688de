"""A new bot token on the same database is not silent (issue 9.10), over real HTTP.

Update ids are numbered per bot: a second bot (another token, or a self-hosted Bot API server
that started its ids again) sends update 1, 2, … that the first bot already handled. Handled
marks are keyed by the bot's id, so the second bot answers them.
"""

from __future__ import annotations

from bot.dispatch import Runtime
from handlers.texts import t
from testkit.telegram_app import make_application, polling
from testkit.telegram_standin import BotApiStandin
from tests.channels.conftest import TelegramBot

OTHER_TOKEN = "987654321:" + "B" * 35  # well-formed, fake, another bot id


async def test_a_second_bot_on_the_same_database_answers_its_own_update_ids(
        telegram_bot: TelegramBot, runtime: Runtime) -> None:
    [answer] = await telegram_bot.person(9001).say("/help")  # the first bot's update 1
    assert answer.text.startswith(t("help_header"))

    other = BotApiStandin(OTHER_TOKEN)
    await other.start()
    try:
        application, processed = make_application(runtime, other, token=OTHER_TOKEN)
        async with polling(application):
            update = other.push_message(9001, 9001, "/help")
            assert update["update_id"] == 1  # the first bot handled its own update 1 already
            await processed.wait(update["update_id"])
        assert [s.text[:len(t("help_header"))] for s in other.sent_to(9001)] == [t("help_header")]
    finally:
        await other.stop()
