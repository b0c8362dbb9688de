"""Crash safety and two workers, counted per recipient at the Bot API stand-in over real HTTP.

- The dispatcher runs as its own process (`tdc-bot reminders dispatch`) over a 1,000-message
  round and is killed with SIGKILL at random points (at least five), then started again: zero
  duplicates, every row sent, `uncertain` (only those in flight at a kill) or skipped with a
  reason, zero lost.
- Two dispatchers on PostgreSQL over 1,000 rows at once: zero duplicates, nothing left behind.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from bot.channels.telegram_outbound import TelegramOutbound
from bot.delivery import Dispatcher, DispatchSettings
from bot.planner import Planner
from domain.reminder_timing import WorkingHours
from domain.reminders import Policy
from domain.workdays import WorkCalendar
from handlers.reminder_messages import Composer
from storage.engine import make_async_engine, session_factory
from storage.models import ReminderOutbox
from testkit.dispatch_process import finish, kill, start_dispatcher, until_reached_or_exited, write_config
from testkit.reminder_world import World, queue_nudges, seed_world
from testkit.telegram_app import TOKEN
from testkit.telegram_standin import BotApiStandin
from tests.conftest import TZ, Db

ROUND = 1000
CONCURRENCY = 16  # rows per wave; two waves are in flight at once, so at most 32 rows are `sending` at a kill
IN_FLIGHT = 2 * CONCURRENCY


@pytest.fixture
async def standin() -> AsyncIterator[BotApiStandin]:
    server = BotApiStandin(TOKEN, record_calls=False)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def _world(db: Db) -> World:
    from datetime import datetime

    now = datetime.now(TZ)  # the dispatcher process runs on the real clock
    async with db.sessions() as session:
        world = await seed_world(session=session, recipients=ROUND, now=now)
        assert await queue_nudges(session=session, world=world, now=now) == ROUND
        await session.commit()
    return world


async def _states(db: Db) -> dict[int, ReminderOutbox]:
    async with db.sessions() as session:
        return {r.member_id: r for r in (await session.exec(select(ReminderOutbox))).all()}


def _check(world: World, standin: BotApiStandin, rows: dict[int, ReminderOutbox], *,
           in_flight_max: int) -> Counter[str]:
    per_chat = Counter(s.chat_id for s in standin.sent)
    assert max(per_chat.values()) == 1, "a duplicate"
    states: Counter[str] = Counter()
    for member, chat in zip(world.members, world.chats, strict=True):
        row = rows[member]
        states[row.state] += 1
        if row.state == "sent":
            assert per_chat[chat] == 1, f"row {row.id} is marked sent but never arrived (lost)"
        elif row.state == "uncertain":
            assert per_chat[chat] <= 1 and row.reason, row
        else:
            assert row.state == "skipped" and row.reason, f"row {row.id} ended {row.state!r} with no reason"
            assert per_chat[chat] == 0
    assert states["uncertain"] <= in_flight_max
    assert states["sent"] + states["uncertain"] + states["skipped"] == ROUND  # nothing pending, claimed or lost
    return states


async def test_sigkill_at_random_points_of_a_round_loses_and_doubles_nothing(sqlite_db: Db, standin: BotApiStandin,
                                                                            tmp_path: Path) -> None:
    world = await _world(sqlite_db)
    config = write_config(tmp_path / "config.toml", database_url=sqlite_db.url, base_url=standin.base_url,
                          per_second=400, per_chat_per_second=50, concurrency=CONCURRENCY, batch_size=100)
    seed = random.randrange(1 << 30)
    points = sorted(random.Random(seed).sample(range(40, ROUND - 40), 6))
    log = tmp_path / "dispatch.log"
    for point in points:
        process = await start_dispatcher(config, log)
        await until_reached_or_exited(process, standin.wait_until(
            lambda p=point: len(standin.sent) >= p, timeout=120, what=f"{point} messages"))
        await kill(process)
    process = await start_dispatcher(config, log)
    assert await finish(process) == 0, log.read_text()
    rows = await _states(sqlite_db)
    states = _check(world, standin, rows, in_flight_max=IN_FLIGHT * len(points))
    print(f"\ncrash test (seed {seed}): kills after {points} messages; {dict(states)}; "
          f"{len(standin.sent)} messages arrived, 0 duplicates, 0 lost")
    assert states["sent"] >= ROUND - IN_FLIGHT * len(points)


def _dispatcher(engine_url: str, standin: BotApiStandin) -> tuple[Dispatcher, TelegramOutbound, object]:
    engine = make_async_engine(engine_url)
    outbound = TelegramOutbound(TOKEN, base_url=standin.base_url, per_second=2000, per_chat_per_second=100)
    composer = Composer(tz=TZ, calendar=WorkCalendar(), hours=WorkingHours(enforced=False))
    from datetime import datetime

    dispatcher = Dispatcher(session_factory(engine), {"telegram": outbound}, composer, lambda: datetime.now(TZ),
                            DispatchSettings(batch_size=25, concurrency=CONCURRENCY))
    return dispatcher, outbound, engine


async def test_two_dispatchers_on_postgresql_never_send_a_row_twice(db: Db, standin: BotApiStandin) -> None:
    if db.kind != "postgresql":
        pytest.skip("SQLite refuses a second process on the same file (bot/process_lock.py); see the crash test")
    world = await _world(db)
    one, out1, engine1 = _dispatcher(db.url, standin)
    two, out2, engine2 = _dispatcher(db.url, standin)
    await out1.start()
    await out2.start()
    try:
        handled = await asyncio.gather(one.drain(), two.drain())
    finally:
        await out1.close()
        await out2.close()
        await engine1.dispose()  # type: ignore[attr-defined]
        await engine2.dispose()  # type: ignore[attr-defined]
    assert sum(handled) == ROUND and min(handled) > 0, handled  # both took part, no row twice
    states = _check(world, standin, await _states(db), in_flight_max=0)
    assert states == Counter({"sent": ROUND})


async def test_one_planner_at_a_time_on_postgresql(db: Db) -> None:
    if db.kind != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's; SQLite runs one process per file")
    from datetime import datetime

    from bot.planner import PLANNER_LOCK

    calendar = WorkCalendar()
    planner = Planner(db.sessions, Policy(), calendar, Composer(tz=TZ, calendar=calendar), TZ,
                      lambda: datetime.now(TZ))
    async with db.engine.connect() as holder:  # another worker is planning right now
        await holder.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PLANNER_LOCK})
        assert (await planner.run_once()).ran is False
        await holder.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PLANNER_LOCK})
    assert (await planner.run_once()).ran is True
