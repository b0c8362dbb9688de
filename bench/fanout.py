"""Reminder fan-out: 3,000 recipients through the real dispatcher process against a stand-in that
enforces Telegram's limits, then the same round with a SIGKILL halfway and a restart.

Every recipient gets a "Nhắc ngay" reminder (text) and one in ten also a meeting announcement
(a document: the .ics), so the per-chat limit is exercised too. The stand-in answers sends over
its limits with 429 as Telegram does; the limits (30 messages/s overall, 1/s per chat) are
scaled by --scale for both sides so the run stays short, and the script prints the factor.

Figures: the achieved rate (from the first to the last message accepted) as a fraction of the
overall limit, 429s received, duplicates (a recipient getting the same message twice), lost
(a message neither delivered nor recorded uncertain or skipped), and uncertain rows.

    .venv/bin/python -m bench.fanout [--recipients 3000] [--scale 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from domain.reminders import Planned
from storage.engine import make_async_engine, session_factory
from storage.migrate import upgrade
from storage.models import ReminderOutbox
from storage.outbox import add_rows
from testkit.dispatch_process import finish, kill, start_dispatcher, write_config
from testkit.reminder_world import World, queue_nudges, seed_world
from testkit.telegram_app import TOKEN
from testkit.telegram_standin import BotApiStandin

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
OVERALL, PER_CHAT = 30, 1  # Telegram's limits, before scaling
CPU_BEFORE = [0.0]  # children's CPU seen so far (getrusage adds up every child that ended)


@dataclass
class Figures:
    messages: int
    expected: int
    seconds: float
    rate: float
    limit: float
    too_many: int
    duplicates: int
    lost: int
    uncertain: int
    uncertain_arrived: int
    cpu_ms: float = 0.0  # the dispatcher process's CPU per message

    def line(self, name: str) -> str:
        return (f"{name}: {self.messages}/{self.expected} messages in {self.seconds:.1f} s = {self.rate:.1f}/s "
                f"({self.rate / self.limit:.2f} of the {self.limit:.0f}/s limit); {self.too_many} 429s, "
                f"{self.duplicates} duplicates, {self.lost} lost, {self.uncertain} uncertain "
                f"({self.uncertain_arrived} of them had arrived); dispatcher CPU {self.cpu_ms:.1f} ms/message")


async def queue_round(url: str, world: World | None, recipients: int, tag: str) -> tuple[World, int]:
    """The round: one nudge each, and an announcement (with its .ics) to every tenth recipient."""
    engine = make_async_engine(url)
    now = datetime.now(TZ)
    async with session_factory(engine)() as session:
        if world is None:
            world = await seed_world(session=session, recipients=recipients, now=now)
        expected = await queue_nudges(session=session, world=world, now=now, key=f"nudge:{tag}")
        tenth = [Planned(f"announce:{tag}", m, "announcement", f"meeting:{world.meeting_id}", u, now, None, True)
                 for m, u in list(zip(world.members, world.units, strict=True))[::10]]
        expected += await add_rows(session=session, rows=tenth, now=now,
                                   text=f"📢 Thông báo thay đổi ({tag}): đường dẫn tham dự https://meet.example/x")
        await session.commit()
    await engine.dispose()
    return world, expected


async def outcome(url: str, standin: BotApiStandin, world: World, expected: int, limit: float,
                  began: int) -> Figures:
    """Count per recipient at the stand-in and per row in the outbox."""
    engine = make_async_engine(url)
    async with session_factory(engine)() as session:
        rows = (await session.exec(select(ReminderOutbox).where(ReminderOutbox.id > began))).all()
    await engine.dispose()
    chat_of = dict(zip(world.members, world.chats, strict=True))
    arrived = Counter((s.chat_id, s.method) for s in standin.sent)
    duplicates = sum(n - 1 for n in arrived.values() if n > 1)
    lost = expected - len(rows)  # a row that was never written is lost too
    uncertain = uncertain_arrived = 0
    for row in rows:
        got = arrived[(chat_of[row.member_id], "sendDocument" if row.kind == "announcement" else "sendMessage")]
        if row.state == "uncertain":
            uncertain += 1
            uncertain_arrived += got > 0
        elif row.state not in ("sent", "skipped") or (row.state == "sent" and got == 0):
            lost += 1
    times = sorted(s.at for s in standin.sent)
    seconds = times[-1] - times[0] if len(times) > 1 else 0.0
    rate = (len(times) - 1) / seconds if seconds else 0.0
    return Figures(len(standin.sent), expected, seconds, rate, limit, standin.too_many, duplicates, lost,
                   uncertain, uncertain_arrived)


async def run(recipients: int, scale: float, kill_halfway: bool, url: str, world: World | None, tmp: Path,
              tag: str) -> tuple[Figures, World]:
    standin = BotApiStandin(TOKEN, record_calls=False)
    await standin.start()
    limit = OVERALL * scale
    standin.enforce_limits(per_second=limit, per_chat_per_second=PER_CHAT * scale)
    engine = make_async_engine(url)
    async with session_factory(engine)() as session:
        began = (await session.exec(select(ReminderOutbox.id).order_by(ReminderOutbox.id.desc()))).first() or 0  # type: ignore[union-attr]
    await engine.dispose()
    world, expected = await queue_round(url, world, recipients, tag)
    config = write_config(tmp / f"config-{tag}.toml", database_url=url, base_url=standin.base_url,
                          per_second=limit, per_chat_per_second=PER_CHAT * scale, concurrency=16, batch_size=200)
    log = tmp / f"dispatch-{tag}.log"
    process = await start_dispatcher(config, log)
    if kill_halfway:
        await standin.wait_until(lambda: len(standin.sent) >= expected // 2, timeout=600, what="half the round")
        await kill(process)
        process = await start_dispatcher(config, log)
    code = await finish(process, timeout=1200)
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures_cpu = cpu.ru_utime + cpu.ru_stime
    if code != 0:
        print(log.read_text()[-2000:])
    figures = await outcome(url, standin, world, expected, limit, began)
    figures.cpu_ms = (figures_cpu - CPU_BEFORE[0]) / max(1, figures.messages) * 1000
    CPU_BEFORE[0] = figures_cpu
    await standin.stop()
    return figures, world


async def main(recipients: int, scale: float) -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        url = f"sqlite:///{tmp / 'fanout.db'}"
        upgrade(url)
        print(f"fanout bench: {recipients} recipients (+ an announcement with its .ics to every tenth), "
              f"the dispatcher as its own process (`tdc-bot reminders dispatch`) on SQLite, real HTTP to a local "
              f"Bot API stand-in enforcing {OVERALL}/s overall and {PER_CHAT}/s per chat, both scaled x{scale:g} "
              f"(= {OVERALL * scale:g}/s and {PER_CHAT * scale:g}/s)")
        started = time.perf_counter()
        plain, world = await run(recipients, scale, False, url, None, tmp, "plain")
        print(plain.line("straight run"))
        crashed, _ = await run(recipients, scale, True, url, world, tmp, "killed")
        print(crashed.line("SIGKILL halfway, restarted"))
        print(f"(whole bench {time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPUs)")
    print(f"fanout: {plain.rate / plain.limit:.2f} of the limit, {plain.too_many} 429s, {plain.duplicates} duplicates, "
          f"{plain.lost} lost; with a SIGKILL halfway {crashed.rate / crashed.limit:.2f}, {crashed.too_many} 429s, "
          f"{crashed.duplicates} duplicates, {crashed.lost} lost, {crashed.uncertain} uncertain")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=3000)
    parser.add_argument("--scale", type=float, default=4.0, help="multiply Telegram's limits by this (default 4)")
    args = parser.parse_args()
    asyncio.run(main(args.recipients, args.scale))
