"""The Zalo path of the dispatcher as its own process (`tdc-bot reminders dispatch` with only Zalo
enabled), killed with SIGKILL at random points of a round and started again: per recipient at the
Zalo stand-in, zero duplicates and zero lost, and the monthly budget counts each row once (taken in
the commit that marks it sending: a row given back to pending by the crash was not counted)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime
from pathlib import Path

from storage.budget import budget_used
from testkit.dispatch_process import finish, kill, start_dispatcher, until_reached_or_exited, write_zalo_config
from testkit.zalo_standin import ZaloStandin
from tests.channels.test_zalo_reminders import Person, _nudge, _rows, _world
from tests.conftest import TZ, Clock, Db

ROUND = 300
CONCURRENCY = 8
IN_FLIGHT = 2 * CONCURRENCY  # two waves at once: at most this many rows are `sending` at a kill
BUDGET = 10_000


async def test_sigkill_on_the_zalo_path_loses_and_doubles_nothing(sqlite_db: Db, zalo_standin: ZaloStandin,
                                                                 tmp_path: Path) -> None:
    clock = Clock(datetime.now(TZ))  # the process runs on the real clock
    people = [Person(zalo=f"{i:016x}") for i in range(1, ROUND + 1)]
    world = await _world(sqlite_db, clock, people)
    await _nudge(sqlite_db, clock, world)
    config = write_zalo_config(tmp_path / "config.toml", database_url=sqlite_db.url, base_url=zalo_standin.base_url,
                               budget=BUDGET, concurrency=CONCURRENCY)
    env = {"TDC_ZALO_TOKEN": zalo_standin.token}
    seed = random.randrange(1 << 30)
    points = sorted(random.Random(seed).sample(range(30, ROUND - 30), 3))
    log = tmp_path / "dispatch.log"
    for point in points:
        process = await start_dispatcher(config, log, extra_env=env)
        await until_reached_or_exited(process, zalo_standin.wait_until(
            lambda p=point: len(zalo_standin.calls_to("sendMessage")) >= p, timeout=120, what=f"{point} messages"))
        await kill(process)
    process = await start_dispatcher(config, log, extra_env=env)
    assert await finish(process) == 0, log.read_text()

    per_chat = Counter(s.chat_id for s in zalo_standin.sent)
    assert max(per_chat.values()) == 1, f"a duplicate (seed {seed})"
    rows = await _rows(sqlite_db)
    states: Counter[str] = Counter()
    for member, person in zip(world.members, people, strict=True):
        [row] = rows[member]
        states[row.state] += 1
        if row.state == "sent":
            assert per_chat[person.zalo] == 1, f"row {row.id} is marked sent but never arrived"
        else:
            assert row.state == "uncertain" and row.reason and per_chat[person.zalo] <= 1, row
    assert states["uncertain"] <= IN_FLIGHT * len(points) and states["sent"] + states["uncertain"] == ROUND
    async with sqlite_db.sessions() as session:
        used = await budget_used(session=session, channel="zalo", bot_key=zalo_standin.bot_id, now=clock(), tz=TZ)
    assert used == ROUND  # each row was counted once: in the commit that marked it sending
