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

Printed beside each figure: statements per update (counted at the cursor), CPU per update (the
whole process: time.process_time), peak resident memory (ru_maxrss) and the load average, since
the machine may be shared; the ratios to the bare bot are measured in the same run.
`--profile` prints cProfile's top costs of ours; `--workers 2 --db postgresql` runs `tdc-bot run`
twice in webhook mode behind a proxy (bench/chat_workers.py).

    .venv/bin/python -m bench.chat [--updates 5000] [--chats 200] [--db sqlite|postgresql] [--profile]
    .venv/bin/python -m bench.chat --workers 2 --db postgresql [--updates 2000] [--chats 100]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import func, select
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bench.measure import StatementCount, load_average, peak_memory_mb, print_profile
from bench.plans import pg_database, pg_url
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
DB_NAMES = {"sqlite": "SQLite file", "postgresql": "PostgreSQL (a database made for the run)"}
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


async def seed(url: str, officers: int, now: datetime = NOW) -> tuple[int, str, list[int], list[int]]:
    """Demo data, one commune per officer, two meetings inviting them all, and the people."""
    engine = make_async_engine(url)
    async with session_factory(engine)() as session:
        await load_demo_data(session=session, now=now)
        await upsert_units(session=session, rows=[UnitRow("commune", f"Xã Thử Nghiệm {i:03d}", (), None)
                                                  for i in range(officers)])
        communes = [(await find_unit(session=session, name=f"Xã Thử Nghiệm {i:03d}")).id for i in range(officers)]
        meetings = []
        for days, title in ((12, "Hội nghị tập huấn đo lường"), (25, "Hội nghị sơ kết công tác TCĐLCL")):
            start = datetime.combine(now.date() + timedelta(days=days), clock_time(8, 0), tzinfo=TZ)
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
    load: float  # the 1-minute load average at the end: the machine is shared
    statements: int = 0

    @property
    def cpu_ms(self) -> float:
        return self.cpu_seconds / self.updates * 1000

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


async def drive(make_app: Callable[[BotApiStandin], Application], scripts: dict[int, Callable[[int], list[Step]]],
                total: int, bare: bool, profile: cProfile.Profile | None = None,
                counts: dict[int, list[int]] | None = None) -> Result:
    """Run one app against a fresh stand-in until `total` updates are answered; `counts` gets the
    number of messages each step of each chat was answered with (what bench/chat_workers expects)."""
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
        before = len(standin.sent_to(user))
        done = timings.waiting[update["update_id"]] = loop.create_future()
        await done
        if counts is not None:
            counts.setdefault(user, []).append(len(standin.sent_to(user)) - before)

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
        if profile is not None:
            profile.enable()
        await asyncio.gather(*(person(user, script) for user, script in scripts.items()))
        if profile is not None:
            profile.disable()
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    await standin.stop()
    errors = sum(1 for s in standin.sent if s.text == t("internal_error"))
    return Result(total, seconds, cpu, timings.latencies, len(standin.sent), unexpected, errors, load_average())


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


@contextmanager
def database(kind: str) -> Iterator[str]:
    """A migrated throwaway database: a SQLite file in a temporary folder, or a PostgreSQL database
    made for the run and dropped at the end."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'bench.db'}"
            upgrade(url)
            yield url
        return
    with pg_database("tdc_bench_chat") as name:
        url = pg_url(name)
        upgrade(url)
        yield url


async def main(total: int, chats: int, db: str, profile: bool) -> None:
    errors = FirstErrors()
    logging.basicConfig(level=logging.WARNING, handlers=[errors])
    officers = chats - ORGANISERS
    profiler = cProfile.Profile(time.process_time) if profile else None  # CPU time, not wall time
    with database(db) as url:
        meeting_id, title, officer_ids, organiser_ids = await seed(url, officers)
        scripts = {u: officer_script(u, title) for u in officer_ids}
        scripts.update({u: organiser_script(meeting_id) for u in organiser_ids})
        engine = make_async_engine(url)
        statements = StatementCount(engine)
        runtime = Runtime(sessions=session_factory(engine), clock=lambda: NOW, tz=TZ, bot_username="bench_bot")

        print(f"chat bench: {total} updates from {chats} chats ({officers} officers registering, "
              f"{ORGANISERS} organisers reading the roster), {DB_NAMES[db]}, real HTTP to a local Bot API stand-in")
        print("rate limiter OFF for both apps (AIORateLimiter throttles to Telegram's limits on purpose); "
              f"both handle up to {MAX_CONCURRENT_UPDATES} updates at once; CPU is the whole process's "
              "(app, stand-in, simulated people, driver threads)")
        ours = await drive(lambda s: build_application(runtime, TOKEN, base_url=s.base_url,
                                                       base_file_url=s.base_file_url, rate_limit=False),
                           scripts, total, bare=False, profile=profiler)
        ours.statements = statements.count
        bare = await drive(bare_application, scripts, total, bare=True)
        async with runtime.sessions() as session:
            saved = (await session.exec(select(func.count()).select_from(Registration)
                                        .where(Registration.meeting_id == meeting_id))).one()
        await engine.dispose()

    if profiler is not None:
        print_profile(profiler)
    for name, r in (("ours", ours), ("bare", bare)):
        print(f"{name}: {r.updates} updates in {r.seconds:.2f} s = {r.rate:,.0f} updates/s "
              f"(CPU {r.cpu_ms:.1f} ms/update), {r.sent} messages sent; "
              f"handler latency p50 {r.percentile(50):.1f} ms, p90 {r.percentile(90):.1f} ms, "
              f"p99 {r.percentile(99):.1f} ms, max {max(r.latencies) * 1000:.1f} ms; load average {r.load:.1f}")
    print(f"ours: {saved}/{officers} units registered; {ours.errors} 'internal error' replies; "
          f"{ours.unexpected} times an expected button was missing; {errors.count} errors logged"
          + (f", the first: {errors.first}" if errors.first else ""))
    print(f"ours: {ours.statements / ours.updates:.1f} statements per update (BEGIN and COMMIT counted)")
    rate_ratio, cpu_ratio = ours.rate / bare.rate, ours.cpu_ms / bare.cpu_ms
    print(f"chat: {ours.rate:,.0f} updates/s (bare {bare.rate:,.0f} updates/s, ratio {rate_ratio:.2f}; aim >= 0.6), "
          f"CPU {ours.cpu_ms:.1f} ms/update (bare {bare.cpu_ms:.1f}, ratio {cpu_ratio:.2f}; aim <= 1.5), "
          f"{ours.statements / ours.updates:.1f} statements/update, p50 {ours.percentile(50):.1f} ms, "
          f"p99 {ours.percentile(99):.1f} ms, peak memory {peak_memory_mb():.0f} MB (aim < 150), "
          f"load average {ours.load:.1f}/{bare.load:.1f}")


async def main_workers(total: int, chats: int, workers: int) -> None:
    """In-process first (what each step is answered with), then one `tdc-bot run` process and
    `workers` processes behind the proxy, each on a fresh PostgreSQL database with the same seed."""
    from bench.chat_workers import database_outcome, drive_workers

    errors = FirstErrors()
    logging.basicConfig(level=logging.WARNING, handlers=[errors])
    officers, now = chats - ORGANISERS, datetime.now(TZ)
    print(f"chat bench, {workers} workers: {total} updates from {chats} chats on PostgreSQL; webhook mode behind "
          "an asyncio proxy that hands the updates to the workers in turn (the chats' updates alternate between "
          "them); reminders off; the workers keep PTB's rate limiter (30 messages/s each) as in production")
    counts: dict[int, list[int]] = {}
    with database("postgresql") as url:
        meeting_id, title, officer_ids, organiser_ids = await seed(url, officers, now)
        scripts: dict[int, Callable[[int], list[Step]]] = {u: officer_script(u, title) for u in officer_ids}
        scripts.update({u: organiser_script(meeting_id) for u in organiser_ids})
        engine = make_async_engine(url)
        runtime = Runtime(sessions=session_factory(engine), clock=lambda: datetime.now(TZ), tz=TZ,
                          bot_username="bench_bot")
        inproc = await drive(lambda s: build_application(runtime, TOKEN, base_url=s.base_url,
                                                         base_file_url=s.base_file_url, rate_limit=False),
                             scripts, total, bare=False, counts=counts)
        await engine.dispose()
        baseline = await database_outcome(url)
    print(f"in process (polling, no proxy): {inproc.rate:,.0f} updates/s, {inproc.sent} messages; "
          f"{baseline[1]} registrations, {baseline[2]} attendees; load average {inproc.load:.1f}")
    runs = []
    for n in sorted({1, workers}):
        with database("postgresql") as url:
            await seed(url, officers, now)
            runs.append(await drive_workers(n, url, TOKEN, scripts, counts, total))  # type: ignore[arg-type]
    for r in runs:
        same = (r.recorded_updates, r.registrations, r.attendees, r.states) == \
            (r.updates, baseline[1], baseline[2], baseline[3])
        ok = same and r.burst_recorded == 2 * r.bursts and not (r.missing or r.extra or r.errors
                                                                or r.conflicts_given_up)
        lost = sum(1 for chat, state in baseline[3].items() if r.states.get(chat) != state)
        print(f"{r.workers} worker(s): {r.updates} updates in {r.seconds:.2f} s = {r.rate:,.0f} updates/s, workers' "
              f"CPU {r.cpu_seconds / r.updates * 1000:.1f} ms/update, peak memory {r.peak_mb:.0f} MB a worker; "
              f"updates per worker {sorted(r.forwarded.values())}; load average {r.load:.1f}")
        print(f"  answered: {r.sent} messages ({r.missing} steps not answered in full, {r.extra} extra), "
              f"{r.errors} 'internal error' replies; {r.recorded_updates}/{r.updates} updates recorded once; "
              f"{r.registrations} registrations, {r.attendees} attendees; {lost} chats whose state differs "
              f"from in-process; state conflicts {r.conflicts_resolved} resolved (handled again), "
              f"{r.conflicts_given_up} given up; two updates at once in {r.bursts} chats: "
              f"{r.burst_recorded}/{2 * r.bursts} recorded -> {'OK' if ok else 'FAILED'}")
        if r.differing:
            who = {u: "organiser" if u in organiser_ids else "officer" for u in r.differing}
            print("  chats answered with another number of messages than in process: "
                  + ", ".join(f"{who[u]} {u}: {d:+d}" for u, d in sorted(r.differing.items())))
    one, many = runs[0], runs[-1]
    print(f"chat workers: {many.workers} workers {many.rate:,.0f} updates/s, 1 worker {one.rate:,.0f} updates/s "
          f"(ratio {many.rate / one.rate:.2f}), in process {inproc.rate:,.0f}; "
          f"load average {one.load:.1f}/{many.load:.1f}; {errors.count} errors logged in the bench")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--db", choices=sorted(DB_NAMES), default="sqlite")
    parser.add_argument("--profile", action="store_true", help="print the top 25 costs of ours (cProfile)")
    parser.add_argument("--workers", type=int, default=1,
                        help="2: `tdc-bot run` processes in webhook mode behind a proxy (needs --db postgresql)")
    args = parser.parse_args()
    if args.workers > 1:
        if args.db != "postgresql":
            parser.error("--workers 2 needs --db postgresql (SQLite allows one process)")
        asyncio.run(main_workers(args.updates, args.chats, args.workers))
    else:
        asyncio.run(main(args.updates, args.chats, args.db, args.profile))
