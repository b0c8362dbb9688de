"""Every persona × every registered command and every phrase /help suggests: never the internal
error, never silence.

The registry is read at run time, so a command added later is covered without editing this file.
This is the check that would have caught "sắp đến hạn" failing for everyone.
"""

from __future__ import annotations

import re

import pytest

from handlers import registry
from handlers.texts import t
from storage.members import add_member
from storage.units import find_unit
from tests.conftest import Clock, Db
from tests.flows.harness import Chat, chat_as, demo_world, make_runtime

PERSONAS = ("guest", "officer", "unit_head", "organizer", "admin")
# Arguments people give commands: none, a number, words, something odd.
ARGS = ("", " 1", " 99", " quý này", " abc", " sắp đến hạn", " năm nay", " ?!")
_QUOTED = re.compile(r"[\"“«]([^\"”»\n]{2,80})[\"”»]")


async def _world(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    async with db.sessions() as s:
        dept = await find_unit(session=s, name="Sở KH&CN")
        await add_member(session=s, unit_id=dept.id, full_name="Quản Trị", role="admin", channel="console",
                         external_id="admin")
        await s.commit()


def _chat(db: Db, clock: Clock, persona: str) -> Chat:
    runtime = make_runtime(db.sessions, clock)
    return chat_as(runtime, {"guest": "stranger", "unit_head": "unit_head"}.get(persona, persona))


def _assert_answered(persona: str, said: str, chat: Chat) -> None:
    texts = [r.text for r in chat.last]
    assert texts and all(x.strip() for x in texts), (persona, said, "no answer")
    assert t("internal_error") not in texts, (persona, said, texts)


def _suggested(help_text: str) -> list[str]:
    """The commands and quoted phrases that a /help answer tells the person to type."""
    commands = re.findall(r"(?<![\w/])/[a-z_]+", help_text)
    return list(dict.fromkeys(commands + _QUOTED.findall(help_text)))


@pytest.mark.parametrize("persona", PERSONAS)
async def test_every_command_with_every_kind_of_argument_is_answered(sqlite_db: Db, clock: Clock,
                                                                     persona: str) -> None:
    await _world(sqlite_db, clock)
    chat = _chat(sqlite_db, clock, persona)
    names = sorted(set(registry.COMMANDS) | set(registry.ALIASES))
    assert len(names) >= 10, names  # the registry was filled: the flows were imported
    for name in names:
        for arg in ARGS:
            said = f"/{name}{arg}"
            await chat.say(said)
            _assert_answered(persona, said, chat)
            # Whatever the command opened, a number and a word at the next step are answered too.
            for follow in ("1", "tiếp"):
                await chat.say(follow)
                _assert_answered(persona, f"{said} → {follow}", chat)
            await chat.say("/huy")


@pytest.mark.parametrize("persona", PERSONAS)
async def test_everything_help_suggests_is_answered(sqlite_db: Db, clock: Clock, persona: str) -> None:
    await _world(sqlite_db, clock)
    chat = _chat(sqlite_db, clock, persona)
    suggested = _suggested(await chat.say("/help"))
    assert "/help" in suggested or "/start" in suggested, suggested
    for said in suggested:
        await chat.say(said)
        _assert_answered(persona, said, chat)
        await chat.say("/huy")
