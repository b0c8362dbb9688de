"""Channel fixtures: the Bot API stand-ins, our real channels talking to them, and people to type.

Telegram: our PTB Application polling the Telegram stand-in. Zalo: our Zalo service (webhook
by default, or polling) against the Zalo stand-in, started as `tdc-bot run` starts it.
Both run over real HTTP, on a real SQLite file.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram.ext import Application

from bot.channels.zalo_service import ZaloService
from bot.dispatch import Runtime
from testkit.telegram_app import TOKEN, Processed, make_application, polling
from testkit.telegram_standin import BOT_USERNAME, BotApiStandin, Sent
from testkit.zalo_app import Pauses, options_for, running
from testkit.zalo_standin import Sent as ZaloSent
from testkit.zalo_standin import ZaloStandin
from tests.conftest import TZ, Clock, Db


@dataclass
class Person:
    """Someone writing to the bot in a private chat; every action waits until the bot has answered it."""

    bot: TelegramBot
    user_id: int
    name: str

    @property
    def chat_id(self) -> int:
        return self.user_id

    async def say(self, text: str) -> list[Sent]:
        mark = len(self.bot.standin.sent)
        update = self.bot.standin.push_message(self.user_id, self.chat_id, text, name=self.name)
        await self.bot.processed.wait(update["update_id"])
        return [s for s in self.bot.standin.sent[mark:] if s.chat_id == self.chat_id]

    async def press(self, label: str) -> list[Sent]:
        """Press the button labelled `label` on the latest message that shows it."""
        message, data = self.button(label)
        mark = len(self.bot.standin.sent)
        update = self.bot.standin.push_callback(self.user_id, self.chat_id, data, message.message_id)
        await self.bot.processed.wait(update["update_id"])
        return [s for s in self.bot.standin.sent[mark:] if s.chat_id == self.chat_id]

    def button(self, label: str) -> tuple[Sent, str]:
        """The latest message with a button labelled `label` (or, failing that, the one label holding it)."""
        for message in reversed(self.bot.standin.sent_to(self.chat_id)):
            exact = [data for text, data in message.buttons if text == label]
            partial = [data for text, data in message.buttons if label in text]
            if exact or len(partial) == 1:
                return message, (exact or partial)[0]
        shown = [b for m in self.bot.standin.sent_to(self.chat_id)[-3:] for b, _ in m.buttons]
        raise AssertionError(f"no single button {label!r}; recent buttons: {shown}")


@dataclass
class TelegramBot:
    """A running application with the stand-in it talks to."""

    application: Application
    standin: BotApiStandin
    processed: Processed
    sessions: async_sessionmaker[AsyncSession]
    people: dict[int, Person] = field(default_factory=dict)

    def person(self, user_id: int, name: str = "Nguyễn Thị Lan") -> Person:
        return self.people.setdefault(user_id, Person(self, user_id, name))


@pytest.fixture
async def standin() -> AsyncIterator[BotApiStandin]:
    server = BotApiStandin(TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def runtime(sqlite_db: Db, clock: Clock) -> Runtime:
    return Runtime(sessions=sqlite_db.sessions, clock=clock, tz=TZ, bot_username=BOT_USERNAME)


StartBot = Callable[[], AbstractAsyncContextManager[TelegramBot]]


@pytest.fixture
def start_bot(runtime: Runtime, standin: BotApiStandin, sqlite_db: Db) -> StartBot:
    """For tests that prepare the stand-in (faults) before the application starts."""

    @asynccontextmanager
    async def start() -> AsyncIterator[TelegramBot]:
        application, processed = make_application(runtime, standin)
        async with polling(application):
            yield TelegramBot(application, standin, processed, sqlite_db.sessions)

    return start


@pytest.fixture
async def telegram_bot(start_bot: StartBot) -> AsyncIterator[TelegramBot]:
    async with start_bot() as bot:
        yield bot


# ---- Zalo ------------------------------------------------------------------------------------


@dataclass
class ZaloPerson:
    """Someone writing to the Zalo bot in a private chat; every message waits until it is handled."""

    bot: ZaloBot
    user_id: str
    name: str

    @property
    def chat_id(self) -> str:
        return self.user_id

    async def say(self, text: str, **event: Any) -> list[ZaloSent]:
        """Send `text` (through the webhook or the poller, as the bot runs) and return what came back."""
        return await self.send(self.bot.standin.event(self.user_id, text, name=self.name, **event))

    async def send(self, event: dict[str, Any], *, times: int = 1, bare: bool = False) -> list[ZaloSent]:
        """Deliver `event` `times` times (Zalo redelivering it) and return the replies to this chat."""
        mark = len(self.bot.standin.sent_to(self.chat_id))
        target = self.bot.service.channel.handled + times
        for _ in range(times):
            if self.bot.service.options.mode == "webhook":
                response = await self.bot.standin.push(event, bare=bare)
                assert response.status_code == 200, response.text
            else:
                self.bot.standin.queue(event)
        await self.bot.service.channel.wait_handled(target)
        return self.bot.standin.sent_to(self.chat_id)[mark:]


@dataclass
class ZaloBot:
    """Our running Zalo service and the stand-in it talks to."""

    service: ZaloService
    standin: ZaloStandin
    sessions: async_sessionmaker[AsyncSession]
    pauses: Pauses
    people: dict[str, ZaloPerson] = field(default_factory=dict)

    def person(self, user_id: str, name: str = "Nguyễn Thị Lan") -> ZaloPerson:
        return self.people.setdefault(user_id, ZaloPerson(self, user_id, name))


@pytest.fixture
async def zalo_standin() -> AsyncIterator[ZaloStandin]:
    server = ZaloStandin()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


StartZalo = Callable[..., AbstractAsyncContextManager[ZaloBot]]


@pytest.fixture
def start_zalo(runtime: Runtime, zalo_standin: ZaloStandin, sqlite_db: Db) -> StartZalo:
    """For tests that choose the mode (webhook, polling) or prepare faults before the start."""

    @asynccontextmanager
    async def start(**options: Any) -> AsyncIterator[ZaloBot]:
        pauses = Pauses()
        async with running(runtime, options_for(zalo_standin, **options), pauses) as service:
            yield ZaloBot(service, zalo_standin, sqlite_db.sessions, pauses)

    return start


@pytest.fixture
async def zalo_bot(start_zalo: StartZalo) -> AsyncIterator[ZaloBot]:
    async with start_zalo() as bot:
        yield bot
