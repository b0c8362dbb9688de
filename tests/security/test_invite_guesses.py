"""Wrong invite codes: counted per account in the database, locked out after a few a minute, audited.

The limit must hold across a restart (a new engine on the same database) and on both engines,
and while it holds not even a right code is looked at, so the lock says nothing about codes.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from domain.errors import NotAllowed
from domain.guess_limit import GUESS_LIMIT, GUESS_LOCK, locked_until, minutes_left
from storage.engine import make_async_engine, session_factory
from storage.members import create_invite, redeem_invite
from storage.models import AuditEvent, Invite, InviteGuess, Unit
from testkit.telegram_standin import BotApiStandin
from tests.channels.conftest import TelegramBot, runtime, start_bot, telegram_bot  # noqa: F401  (fixtures)
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime

WRONG = "W" * 43


async def _guess(db: Db, clock: Clock, code: str, user: str = "5550001") -> str:
    """Send `code` as `user` on Telegram, commit as the chat does, and return the refusal's code ('' = joined)."""
    async with db.sessions() as s:
        try:
            await redeem_invite(session=s, token=code, now=clock(), channel="telegram", external_id=user,
                                chat_id=user, full_name="Người Thử")
            outcome = ""
        except NotAllowed as err:
            outcome = err.code if err.code != "invite_wait" else f"wait {err.params['minutes']}"
        await s.commit()
        return outcome


def test_five_wrong_codes_within_a_minute_lock_for_fifteen_minutes(clock: Clock) -> None:
    start = clock()
    spread = [start + timedelta(seconds=20 * i) for i in range(GUESS_LIMIT)]  # 5 over 80 s: no lock
    assert locked_until(spread) is None
    quick = [start + timedelta(seconds=10 * i) for i in range(GUESS_LIMIT)]  # 5 within 40 s
    assert locked_until(list(reversed(quick))) == quick[-1] + GUESS_LOCK
    assert locked_until(quick[:-1]) is None
    assert minutes_left(quick[-1] + GUESS_LOCK, quick[-1]) == 15
    assert minutes_left(start + timedelta(seconds=5), start) == 1


async def test_the_lock_holds_across_a_restart_and_refuses_even_a_right_code(db: Db, clock: Clock) -> None:
    async with db.sessions() as s:
        unit = Unit(kind="commune", name="Xã Long Thành", name_key="xa long thanh")
        s.add(unit)
        await s.flush()
        _, code = await create_invite(session=s, unit_id=unit.id or 0, role="officer", now=clock(), valid_days=7)
        await s.commit()
    for _ in range(GUESS_LIMIT):
        assert await _guess(db, clock, WRONG) == "invite_unknown"
        clock.advance(seconds=5)
    assert await _guess(db, clock, code) == "wait 15"
    # Another account is not locked by this one's guesses.
    assert await _guess(db, clock, WRONG, user="5550002") == "invite_unknown"
    # A restart: a new engine on the same database still knows.
    restarted = make_async_engine(db.url)
    try:
        async with session_factory(restarted)() as s:
            with pytest.raises(NotAllowed) as info:
                await redeem_invite(session=s, token=code, now=clock(), channel="telegram", external_id="5550001",
                                    chat_id="5550001", full_name="Người Thử")
            assert info.value.code == "invite_wait"
    finally:
        await restarted.dispose()
    clock.advance(minutes=14)
    assert await _guess(db, clock, code) == "wait 1"
    clock.advance(minutes=1)
    assert await _guess(db, clock, code) == ""  # the lock is over: the right code joins
    async with db.sessions() as s:
        assert (await s.exec(select(Invite.uses_left))).one() == 0
        failed = (await s.exec(select(AuditEvent).where(AuditEvent.action == "invite.guess_failed"))).all()
        locked = (await s.exec(select(AuditEvent).where(AuditEvent.action == "invite.guess_locked"))).all()
        assert len(failed) == GUESS_LIMIT + 1 and len(locked) == 2  # the restart's attempt was not committed
        shown = repr([(e.subject, e.detail) for e in [*failed, *locked]])
        assert "5550001" not in shown and WRONG not in shown  # neither the account id nor the code
        assert len({e.subject for e in failed}) == 2  # two accounts, told apart by a hash
        # Old counts are pruned as new ones come.
        clock.advance(hours=1)
    assert await _guess(db, clock, WRONG, user="5550003") == "invite_unknown"
    async with db.sessions() as s:
        assert len((await s.exec(select(InviteGuess))).all()) == 1


async def test_a_stranger_typing_codes_in_chat_is_told_when_to_try_again(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    chat = chat_as(make_runtime(sqlite_db.sessions, clock), "stranger")
    for i in range(GUESS_LIMIT):
        assert "Mã mời không đúng" in await chat.say(f"/start {chr(65 + i) * 43}")
    answer = await chat.say("/start " + "Z" * 43)
    assert "thử lại sau 15 phút" in answer
    clock.advance(minutes=10)
    assert "thử lại sau 5 phút" in await chat.say("Q" * 43)  # a pasted code counts the same


async def test_telegram_deep_links_with_guessed_codes_are_locked_out(
        telegram_bot: TelegramBot, standin: BotApiStandin, clock: Clock) -> None:  # noqa: F811
    async with telegram_bot.sessions() as s:
        from bot.demo import load_demo_data

        await load_demo_data(session=s, now=clock())
        await s.commit()
    person = telegram_bot.person(8123456789, "Người Lạ")
    for i in range(GUESS_LIMIT):
        sent = await person.say(f"/start {chr(97 + i) * 43}")
        assert "Mã mời không đúng" in sent[-1].text
    sent = await person.say("/start " + "z" * 43)
    assert "thử lại sau 15 phút" in sent[-1].text
