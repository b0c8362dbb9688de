"""Chat throughput: our Telegram channel against a bare PTB echo bot, in the same run.

Both apps poll the local Bot API stand-in over real HTTP and send their replies to it.
Simulated people, each in a private chat, send their next update only once the previous
one is answered (people wait for the bot): officers join, ask for help, register an
attendee with buttons and typed answers; organisers look at the roster and the missing
list. Ours runs on a migrated SQLite file. The rate limiter is off for both apps: it
throttles to Telegram's limits on purpose, which is not what is measured here.

Handler latency is the time from an update reaching the first handler group to the end of
our handler (its replies accepted by the stand-in); it is measured by handlers in the groups
before and after ours.

    .venv/bin/python -m bench.chat [--updates 5000] [--chats 200]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import func, select
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.channels.telegram import MAX_CONCURRENT_UPDATES, build_application
from bot.demo import load_demo_data
from bot.dispatch import Runtime
from handlers.texts import t
from storage.engine import make_async_engine, session_factory
from storage.meetings import create_meeting
from storage.members import add_member
from storage.migrate import upgrade
from storage.models import Meeting, Registration
from storage.units import UnitRow, find_unit, upsert_units
from testkit.telegram_app import polling
from testkit.telegram_standin import BotApiStandin

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TOKEN = "123456789:" + "B" * 35
NOW = datetime(2026, 5, 20, 9, 0, tzinfo=TZ)
ORGANISERS = 10
GIVEN = ["An", "Bình", "Cúc", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nam", "Oanh", "Phúc"]

# One step is typed text, or ("press", label): the button with that label on the chat's latest message.
Step = str | tuple[str, str]


@dataclass
class Timings:
    """Handler start times and latencies, filled by the handlers around the one measured."""

    started: dict[int, float] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    waiting: dict[int, asyncio.Future[None]] = field(default_factory=dict)

    async def before(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        self.started[update.update_id] = time.perf_counter()

    async def after(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        self.latencies.append(time.perf_counter() - self.started.pop(update.update_id))
        done = self.waiting.pop(update.update_id, None)
        if done is not None:
            done.set_result(None)


def officer_script(user: int, meeting_title: str) -> Callable[[int], list[Step]]:
    """Round r of an officer: join, help, then register one more attendee through the buttons."""

    def round_(r: int) -> list[Step]:
        name = f"{GIVEN[user % len(GIVEN)]} {GIVEN[(user + r) % len(GIVEN)]} Nguyễn"
        return ["/start", "/help", "/dangky", ("press", meeting_title), ("press", t("btn_add")), name,
                "Chuyên viên Văn hóa - Xã hội", f"09{user % 10_000:04d}{r:04d}", ("press", t("btn_skip")),
                ("press", t("btn_yes") if r == 0 else t("btn_no")), ("press", t("btn_confirm"))]

    return round_


def organiser_script(meeting_id: int) -> Callable[[int], list[Step]]:
    return lambda r: ["/start", f"/danhsach {meeting_id}", "/help", f"/chuadangky {meeting_id}"]


async def seed(url: str, officers: int) -> tuple[int, str, list[int], list[int]]:
    """Demo data, one commune per officer, two meetings inviting them all, and the people."""
    engine = make_async_engine(url)
    async with session_factory(engine)() as session:
        await load_demo_data(session=session, now=NOW)
        await upsert_units(session=session, rows=[UnitRow("commune", f"Xã Thử Nghiệm {i:03d}", (), None)
                                                  for i in range(officers)])
        communes = [(await find_unit(session=session, name=f"Xã Thử Nghiệm {i:03d}")).id for i in range(officers)]
        meetings = []
        for days, title in ((12, "Hội nghị tập huấn đo lường"), (25, "Hội nghị sơ kết công tác TCĐLCL")):
            start = datetime.combine(NOW.date() + timedelta(days=days), clock_time(8, 0), tzinfo=TZ)
            meetings.append(await create_meeting(session=session, invited_unit_ids=communes, meeting=Meeting(
                title=title, start_at=start, registration_cutoff=start - timedelta(days=3), mode="online")))
        officer_ids = [100_000 + i for i in range(officers)]
        for user, unit_id in zip(officer_ids, communes, strict=True):
            await add_member(session=session, unit_id=unit_id, full_name=f"Cán bộ {user}", role="officer",
                             channel="telegram", external_id=str(user))
        division = await find_unit(session=session, name="Phòng TĐC")
        organiser_ids = [900_000 + i for i in range(ORGANISERS)]
        for user in organiser_ids:
            await add_member(session=session, unit_id=division.id, full_name=f"Tổ chức {user}", role="organizer",
                             channel="telegram", external_id=str(user))
        await session.commit()
        meeting_id, title = meetings[0].id, meetings[0].title
    await engine.dispose()
    assert meeting_id is not None
    return meeting_id, title, officer_ids, organiser_ids


def bare_application(standin: BotApiStandin) -> Application:
    """PTB with one handler that echoes: the cost of the transport alone (same concurrency as ours)."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.callback_query is not None:
            await update.callback_query.answer()
            text = update.callback_query.data or "?"
        else:
            text = (update.effective_message.text if update.effective_message else None) or "?"
        assert update.effective_chat is not None
        await context.bot.send_message(chat_id=update.effective_chat.id, text=text)

    application = (ApplicationBuilder().token(TOKEN).base_url(standin.base_url)
                   .base_file_url(standin.base_file_url).concurrent_updates(MAX_CONCURRENT_UPDATES).build())
    application.add_handler(TypeHandler(Update, echo))
    return application


@dataclass
class Result:
    updates: int
    seconds: float
    cpu_seconds: float  # the whole process: app, stand-in and simulated people share it
    latencies: list[float]
    sent: int
    unexpected: int
    errors: int

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


async def drive(make_app: Callable[[BotApiStandin], Application], scripts: dict[int, Callable[[int], list[Step]]],
                total: int, bare: bool) -> Result:
    """Run one app against a fresh stand-in until `total` updates are answered."""
    standin = BotApiStandin(TOKEN, record_calls=False)
    await standin.start()
    application = make_app(standin)
    timings = Timings()
    application.add_handler(TypeHandler(Update, timings.before), group=-1)
    application.add_handler(TypeHandler(Update, timings.after), group=1)
    loop = asyncio.get_running_loop()
    issued = unexpected = 0

    async def send(user: int, step: Step) -> None:
        nonlocal unexpected
        if isinstance(step, str):
            update = standin.push_message(user, user, step)
        else:
            shown = standin.sent_to(user)
            message = shown[-1] if shown else None
            data = next((d for label, d in (message.buttons if message else []) if step[1] in label), None)
            if data is None and not bare:
                unexpected += 1
                update = standin.push_message(user, user, "/huy")
            else:
                update = standin.push_callback(user, user, data or "x", message.message_id if message else 1)
        done = timings.waiting[update["update_id"]] = loop.create_future()
        await done

    async def person(user: int, script: Callable[[int], list[Step]]) -> None:
        nonlocal issued
        for r in itertools.count():
            for step in script(r):
                if issued >= total:
                    return
                issued += 1
                await send(user, step)

    async with polling(application, timeout=10):
        began, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(person(user, script) for user, script in scripts.items()))
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    await standin.stop()
    errors = sum(1 for s in standin.sent if s.text == t("internal_error"))
    return Result(total, seconds, cpu, timings.latencies, len(standin.sent), unexpected, errors)


class FirstErrors(logging.Handler):
    """Counts ERROR records and keeps the first, instead of printing hundreds of tracebacks."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count, self.first = 0, ""

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if not self.first:
            error = record.exc_info[1] if record.exc_info else None
            self.first = f"{record.getMessage()}: {type(error).__name__}: {error}".splitlines()[0] if error \
                else record.getMessage()


async def main(total: int, chats: int) -> None:
    errors = FirstErrors()
    logging.basicConfig(level=logging.WARNING, handlers=[errors])
    officers = chats - ORGANISERS
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        meeting_id, title, officer_ids, organiser_ids = await seed(url, officers)
        scripts = {u: officer_script(u, title) for u in officer_ids}
        scripts.update({u: organiser_script(meeting_id) for u in organiser_ids})
        engine = make_async_engine(url)
        runtime = Runtime(sessions=session_factory(engine), clock=lambda: NOW, tz=TZ, bot_username="bench_bot")

        print(f"chat bench: {total} updates from {chats} chats ({officers} officers registering, "
              f"{ORGANISERS} organisers reading the roster), SQLite file, real HTTP to a local Bot API stand-in")
        print("rate limiter OFF for both apps (AIORateLimiter throttles to Telegram's limits on purpose); "
              f"both handle up to {MAX_CONCURRENT_UPDATES} updates at once")
        ours = await drive(lambda s: build_application(runtime, TOKEN, base_url=s.base_url,
                                                       base_file_url=s.base_file_url, rate_limit=False),
                           scripts, total, bare=False)
        bare = await drive(bare_application, scripts, total, bare=True)
        async with runtime.sessions() as session:
            saved = (await session.exec(select(func.count()).select_from(Registration)
                                        .where(Registration.meeting_id == meeting_id))).one()
        await engine.dispose()

    for name, r in (("ours", ours), ("bare", bare)):
        print(f"{name}: {r.updates} updates in {r.seconds:.2f} s = {r.rate:,.0f} updates/s "
              f"(CPU {r.cpu_seconds / r.updates * 1000:.1f} ms/update), {r.sent} messages sent; "
              f"handler latency p50 {r.percentile(50):.1f} ms, p90 {r.percentile(90):.1f} ms, "
              f"p99 {r.percentile(99):.1f} ms, max {max(r.latencies) * 1000:.1f} ms")
    print(f"ours: {saved}/{officers} units registered; {ours.errors} 'internal error' replies; "
          f"{ours.unexpected} times an expected button was missing; {errors.count} errors logged"
          + (f", the first: {errors.first}" if errors.first else ""))
    ratio = ours.rate / bare.rate
    print(f"chat: {ours.rate:,.0f} updates/s (bare {bare.rate:,.0f} updates/s, ratio {ratio:.2f}), "
          f"p50 {ours.percentile(50):.1f} ms, p99 {ours.percentile(99):.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--chats", type=int, default=200)
    args = parser.parse_args()
    asyncio.run(main(args.updates, args.chats))
