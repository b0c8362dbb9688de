"""Two messages of one chat handled at the same time (PTB's concurrent updates, or two workers):
neither answer is lost and the conversation ends as if they had come one after the other."""

from __future__ import annotations

import asyncio

from handlers.types import Inbound
from storage.conversations import load_state
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime


async def test_two_answers_at_once_are_both_kept(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    chat = chat_as(runtime, "officer")
    await chat.say("/dangky")
    await chat.press("Thêm người")
    first, second = await asyncio.gather(
        chat.send(Inbound(text="Nguyễn Văn An")), chat.send(Inbound(text="Phó Chủ tịch UBND phường"))
    )
    assert first and second
    async with db.sessions() as s:
        state = await load_state(session=s, channel="console", chat_id="demo-officer", user_id="demo-officer")
    # One after the other: a name, then a position; the conversation now asks for the phone.
    assert state.step == "field:phone"
    assert set(state.data["new"].values()) == {"Nguyễn Văn An", "Phó Chủ tịch UBND phường"}


async def test_many_messages_at_once_each_move_the_conversation_once(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    chat = chat_as(make_runtime(db.sessions, clock), "officer")
    await chat.say("/dangky")
    before = await _version(db)
    replies = await asyncio.gather(*(chat.send(Inbound(text="7")) for _ in range(4)))
    assert all(r and r[0].text for r in replies)
    assert await _version(db) == before  # a refused number changes no state: nothing to write


async def _version(db: Db) -> int:
    async with db.sessions() as s:
        return (await load_state(session=s, channel="console", chat_id="demo-officer", user_id="demo-officer")).version
