"""The monthly budget of proactive Zalo messages: counted in the database, never over the cap,
the 80% warning and the 'spent' notice claimed once each, a new month starts from zero."""

from __future__ import annotations

import asyncio
from datetime import datetime

from storage.budget import budget_used, give_back, month_of, take_budget
from tests.conftest import TZ, Clock, Db

BOT = "3141592653589793238"


async def _take(db: Db, now: datetime, limit: int | None, count: int = 1):  # type: ignore[no-untyped-def]
    async with db.sessions() as s:
        taken = await take_budget(session=s, channel="zalo", bot_key=BOT, now=now, tz=TZ, limit=limit, count=count)
        await s.commit()
        return taken


async def test_within_the_cap_then_refused_with_one_warning_and_one_spent_notice(db: Db, clock: Clock) -> None:
    takes = [await _take(db, clock(), limit=10) for _ in range(12)]
    assert [t.allowed for t in takes] == [True] * 10 + [False] * 2
    assert [t.used for t in takes] == [*range(1, 11), 10, 10]
    assert [i for i, t in enumerate(takes) if t.warn] == [7]  # the 8th message is 80% of 10
    assert [i for i, t in enumerate(takes) if t.spent_first] == [10]
    async with db.sessions() as s:
        assert await budget_used(session=s, channel="zalo", bot_key=BOT, now=clock(), tz=TZ) == 10


async def test_a_message_in_pieces_takes_all_or_nothing(db: Db, clock: Clock) -> None:
    assert (await _take(db, clock(), limit=5, count=4)).allowed
    refused = await _take(db, clock(), limit=5, count=2)
    assert not refused.allowed and refused.used == 4
    assert (await _take(db, clock(), limit=5, count=1)).used == 5


async def test_no_limit_still_counts_and_never_warns(db: Db, clock: Clock) -> None:
    takes = [await _take(db, clock(), limit=None) for _ in range(5)]
    assert all(t.allowed and not t.warn for t in takes) and takes[-1].used == 5


async def test_what_was_not_sent_is_given_back_to_its_month(db: Db, clock: Clock) -> None:
    taken = await _take(db, clock(), limit=3, count=3)
    async with db.sessions() as s:
        await give_back(session=s, channel="zalo", bot_key=BOT, month=taken.month, count=2)
        await give_back(session=s, channel="zalo", bot_key=BOT, month=taken.month, count=5)  # never below zero
        await s.commit()
    assert (await _take(db, clock(), limit=3)).used == 1


async def test_the_month_is_local_time_and_a_new_month_starts_from_zero(db: Db) -> None:
    last_evening = datetime(2026, 5, 31, 23, 30, tzinfo=TZ)  # 16:30 UTC, still May here
    assert month_of(last_evening, TZ) == "2026-05"
    assert not (await _take(db, last_evening, limit=1, count=2)).allowed
    assert (await _take(db, last_evening, limit=1)).allowed
    assert not (await _take(db, last_evening, limit=1)).allowed
    june = await _take(db, datetime(2026, 6, 1, 0, 5, tzinfo=TZ), limit=1)
    assert (june.allowed, june.used, june.month) == (True, 1, "2026-06")


async def test_two_dispatchers_at_once_never_pass_the_cap(db: Db, clock: Clock) -> None:
    takes = await asyncio.gather(*(_take(db, clock(), limit=7) for _ in range(20)))
    assert sum(t.allowed for t in takes) == 7
    assert sum(t.warn for t in takes) == 1 and sum(t.spent_first for t in takes) == 1


def test_a_spent_reason_reads_back_and_other_reasons_are_not_one() -> None:
    from handlers.reminders import reason_words
    from storage.budget import read_spent_reason, spent_reason

    reason = spent_reason(channel="zalo", month="2026-05", limit=2000)
    assert read_spent_reason(reason) == ("zalo", "2026-05", 2000)
    assert reason_words(reason) == "hết hạn mức tin nhắn Zalo tháng 05/2026 (2000 tin), không có tài khoản khác"
    assert read_spent_reason("budget_spent:zalo:2026-05:") is None and read_spent_reason("registered") is None
    assert reason_words("gave up after 5 attempts") is None
