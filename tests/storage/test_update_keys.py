"""Handled-update marks (issue 9.10): keyed by (channel, bot, update id), meaningful for a day, pruned.

Telegram numbers updates per bot and redelivers an unacknowledged one for 24 hours at most; after
a week of quiet it may start its ids again. So a mark of another bot, or one older than a day,
must not make the bot silent; and the table must not grow without end.
"""

from __future__ import annotations

from sqlmodel import func, select

from storage.conversations import claim_update, prune_updates
from storage.models import InboundUpdate
from tests.conftest import Clock, Db


async def _claim(db: Db, clock: Clock, key: str, *, bot: str = "111", prune_every: int = 0) -> bool:
    async with db.sessions() as s:
        fresh = await claim_update(session=s, channel="telegram", bot_id=bot, update_key=key, now=clock(),
                                   prune_every=prune_every)
        await s.commit()
    return fresh


async def _marks(db: Db) -> int:
    async with db.sessions() as s:
        return (await s.exec(select(func.count()).select_from(InboundUpdate))).one()


async def test_the_same_update_id_of_another_bot_is_a_new_update(db: Db, clock: Clock) -> None:
    assert await _claim(db, clock, "1", bot="111")
    assert not await _claim(db, clock, "1", bot="111")  # a redelivery
    assert await _claim(db, clock, "1", bot="222")  # a new token on the same database
    assert not await _claim(db, clock, "1", bot="222")


async def test_a_mark_older_than_a_day_does_not_silence_a_reused_id(db: Db, clock: Clock) -> None:
    assert await _claim(db, clock, "7")
    clock.advance(hours=23, minutes=59)
    assert not await _claim(db, clock, "7")  # still inside Telegram's redelivery window
    clock.advance(days=7)
    assert await _claim(db, clock, "7")  # ids started again after a quiet week: answered
    assert not await _claim(db, clock, "7")  # and that one is now marked in its turn
    assert await _marks(db) == 1


async def test_marks_past_a_day_are_pruned_every_few_inserts(db: Db, clock: Clock) -> None:
    for key in ("1", "2", "3"):
        assert await _claim(db, clock, key, prune_every=4)
    clock.advance(hours=25)
    assert await _claim(db, clock, "4", prune_every=4)  # the 4th mark prunes the three older than a day
    assert await _marks(db) == 1
    for key in ("5", "6", "7"):
        assert await _claim(db, clock, key, prune_every=4)
    assert await _marks(db) == 4  # nothing is old enough yet
    clock.advance(hours=24, seconds=1)
    async with db.sessions() as s:
        assert await prune_updates(session=s, now=clock()) == 4
        await s.commit()
    assert await _marks(db) == 0
