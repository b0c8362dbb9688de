"""Driving the real flows as a person would: type text, press a choice by its label."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.demo import load_demo_data
from bot.dispatch import Runtime, Sender, dispatch
from handlers.types import Inbound, Reply
from tests.conftest import TZ, Clock, Db

PEOPLE = {  # persona → (console id, name) as bot.demo creates them
    "officer": "demo-officer",
    "officer-2": "demo-officer-2",
    "unit_head": "demo-unit_head",
    "organizer": "demo-organizer",
}


@dataclass
class Chat:
    """One person in one chat; keeps what the bot said last so choices can be pressed by label."""

    runtime: Runtime
    sender: Sender
    last: list[Reply] = field(default_factory=list)
    counter: int = 0

    async def send(self, inbound: Inbound, update_key: str | None = None) -> list[Reply]:
        self.counter += 1
        key = update_key or f"{self.sender.chat_id}:{uuid.uuid4().hex}"
        self.last = await dispatch(self.runtime, self.sender, inbound, update_key=key)
        return self.last

    async def say(self, text: str) -> str:
        return _text(await self.send(Inbound(text=text)))

    async def press(self, label_part: str) -> str:
        """Press the choice whose label contains `label_part` in the latest message that has choices."""
        for reply in reversed(self.last):
            for choice in reply.choices:
                if label_part.casefold() in choice.label.casefold():
                    return _text(await self.send(Inbound(choice=choice.key)))
        raise AssertionError(f"no choice {label_part!r} in: {self.labels()}")

    def labels(self) -> list[str]:
        return [c.label for r in self.last for c in r.choices]

    def choice_key(self, label_part: str) -> str:
        return next(c.key for r in self.last for c in r.choices if label_part.casefold() in c.label.casefold())

    @property
    def text(self) -> str:
        return _text(self.last)


def _text(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


def make_runtime(sessions: async_sessionmaker[AsyncSession], clock: Clock) -> Runtime:
    return Runtime(sessions=sessions, clock=clock, tz=TZ)


def chat_as(runtime: Runtime, persona: str, chat_id: str | None = None) -> Chat:
    ext = PEOPLE.get(persona, persona)
    return Chat(runtime, Sender(channel="console", chat_id=chat_id or ext, user_id=ext, user_name=persona))


async def demo_world(db: Db, clock: Clock) -> dict[str, int]:
    """The demo's units, people and open meeting (start +10 days 14:00, cutoff +7 days 00:00)."""
    async with db.sessions() as session:
        ids = await load_demo_data(session=session, now=clock())
        await session.commit()
    return ids


async def register(chat: Chat, people: list[tuple[str, str, str]], focal: int = 0) -> str:
    """Add each (name, position, phone) and confirm; person `focal` is the focal point."""
    await chat.say("/dangky")
    for i, (name, position, phone) in enumerate(people):
        await chat.press("Thêm người")
        await chat.say(name)
        await chat.say(position)
        await chat.say(phone)
        await chat.press("Bỏ qua")
        await chat.press("Có" if i == focal else "Không")
    return await chat.press("Xác nhận gửi")
