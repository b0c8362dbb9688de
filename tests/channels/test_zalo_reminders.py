"""Reminders to Zalo accounts through the one outbox and dispatcher, over real HTTP against the Zalo
(and Telegram) stand-ins, on both engines: delivered once, to the app used last; the .ics as a
one-time link; the monthly budget (warning at 80% once, Telegram when spent, else undeliverable
with its reason); a Zalo 429; a dispatcher stopped while sending; two dispatchers on PostgreSQL."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

import httpx
import pytest
from sqlmodel import select

from bot.channels.outbound import Outbound
from bot.channels.telegram_outbound import TelegramOutbound
from bot.delivery import Dispatcher, DispatchSettings
from bot.dispatch import Runtime
from domain.reminder_timing import WorkingHours
from domain.workdays import WorkCalendar
from handlers.reminder_messages import Composer
from storage.budget import budget_used
from storage.meetings import create_meeting
from storage.models import ChannelAccount, Meeting, Member, Registration, ReminderOutbox, Unit
from testkit.reminder_world import World, queue_nudges
from testkit.telegram_app import TOKEN
from testkit.telegram_standin import BotApiStandin
from testkit.zalo_app import options_for, running
from testkit.zalo_standin import ZaloStandin
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import chat_as, make_runtime
from tests.unit.test_cli import tdc

ORGANISER = "org-console-1"  # the organiser's console id (for /nhacviec); reminders reach them on Telegram
ORGANISER_TG = 990_001


@dataclass(frozen=True)
class Person:
    """One commune officer: a Zalo and/or a Telegram account, and when each was used last."""

    zalo: str | None = None
    telegram: int | None = None
    zalo_seen: datetime | None = None
    telegram_seen: datetime | None = None


@pytest.fixture
async def telegram_standin() -> AsyncIterator[BotApiStandin]:
    server = BotApiStandin(TOKEN, record_calls=False)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def telegram(telegram_standin: BotApiStandin) -> AsyncIterator[TelegramOutbound]:
    out = TelegramOutbound(TOKEN, base_url=telegram_standin.base_url, per_second=500, per_chat_per_second=100,
                           read_timeout=2, connect_timeout=1)
    await out.start()
    try:
        yield out
    finally:
        await out.close()


async def _world(db: Db, clock: Clock, people: Sequence[Person]) -> World:
    """One commune per person, one open meeting inviting them all, an organiser on Telegram."""
    now = clock()
    async with db.sessions() as session:
        department = Unit(kind="department", name="Sở Khoa học và Công nghệ", name_key="so khoa hoc va cong nghe",
                          short_names=[], created_at=now)
        session.add(department)
        await session.flush()
        organiser = Member(full_name="Trần Văn Sở", role="organizer", unit_id=department.id, created_at=now)  # type: ignore[arg-type]
        session.add(organiser)
        await session.flush()
        session.add(ChannelAccount(member_id=organiser.id, channel="telegram", external_id=str(ORGANISER_TG),  # type: ignore[arg-type]
                                   chat_id=str(ORGANISER_TG), created_at=now))
        session.add(ChannelAccount(member_id=organiser.id, channel="console", external_id=ORGANISER,  # type: ignore[arg-type]
                                   chat_id=ORGANISER, created_at=now))
        members, units = [], []
        for i, person in enumerate(people):
            unit = Unit(kind="commune", name=f"Xã Zalo {i:03d}", name_key=f"xa zalo {i:03d}", short_names=[],
                        created_at=now)
            session.add(unit)
            await session.flush()
            member = Member(full_name=f"Cán bộ {i:03d}", role="officer", unit_id=unit.id, created_at=now)  # type: ignore[arg-type]
            session.add(member)
            await session.flush()
            assert unit.id is not None and member.id is not None
            for channel, ident, seen in (("zalo", person.zalo, person.zalo_seen),
                                         ("telegram", person.telegram, person.telegram_seen)):
                if ident is not None:
                    session.add(ChannelAccount(member_id=member.id, channel=channel, external_id=str(ident),
                                               chat_id=str(ident), last_seen_at=seen, created_at=now))
            members.append(member.id)
            units.append(unit.id)
        start = datetime.combine(now.date() + timedelta(days=10), time(14, 0), tzinfo=TZ)
        meeting = Meeting(title="Hội nghị trực tuyến về công tác TCĐLCL địa phương", start_at=start,
                          registration_cutoff=start - timedelta(days=3), mode="online", created_at=now)
        await create_meeting(session=session, meeting=meeting, invited_unit_ids=units)
        await session.commit()
    assert meeting.id is not None
    return World(meeting.id, members, [], units)


async def _nudge(db: Db, clock: Clock, world: World, key: str = "nudge:zalo") -> None:
    async with db.sessions() as session:
        await queue_nudges(session=session, world=world, now=clock(), key=key)
        await session.commit()


def _dispatcher(db: Db, clock: Clock, outbounds: dict[str, Outbound], **settings: object) -> Dispatcher:
    composer = Composer(tz=TZ, calendar=WorkCalendar())
    return Dispatcher(db.sessions, outbounds, composer, clock, DispatchSettings(**settings))  # type: ignore[arg-type]


async def _rows(db: Db) -> dict[int, list[ReminderOutbox]]:
    async with db.sessions() as session:
        found = (await session.exec(select(ReminderOutbox).order_by(ReminderOutbox.id))).all()
    out: dict[int, list[ReminderOutbox]] = {}
    for row in found:
        out.setdefault(row.member_id, []).append(row)
    return out


def _runtime(db: Db, clock: Clock) -> Runtime:
    return Runtime(sessions=db.sessions, clock=clock, tz=TZ)


ZALO_A, ZALO_B, ZALO_C, ZALO_D = "a1b2c3d4e5f60718", "b1b2c3d4e5f60718", "c1b2c3d4e5f60718", "d1b2c3d4e5f60718"


async def test_a_reminder_reaches_a_zalo_account_once_end_to_end(db: Db, clock: Clock,
                                                                 zalo_standin: ZaloStandin) -> None:
    world = await _world(db, clock, [Person(zalo=ZALO_A)])
    await _nudge(db, clock, world)
    async with running(_runtime(db, clock), options_for(zalo_standin)) as zalo:
        assert await _dispatcher(db, clock, {"zalo": zalo.outbound}).drain() == 1
        assert await _dispatcher(db, clock, {"zalo": zalo.outbound}).drain() == 0
    [sent] = zalo_standin.sent_to(ZALO_A)
    assert "đề nghị đơn vị đăng ký tham dự" in sent.text and "/dangky" in sent.text
    [row] = (await _rows(db))[world.members[0]]
    assert (row.state, row.channel) == ("sent", "zalo")


async def test_the_day_before_reminder_gives_the_ics_as_a_one_time_link(db: Db, clock: Clock,
                                                                        zalo_standin: ZaloStandin) -> None:
    from bot.planner import Planner
    from domain.reminders import Policy

    world = await _world(db, clock, [Person(zalo=ZALO_A)])
    async with db.sessions() as session:
        session.add(Registration(meeting_id=world.meeting_id, unit_id=world.units[0], created_at=clock(),
                                 updated_at=clock()))
        await session.commit()
    composer = Composer(tz=TZ, calendar=WorkCalendar())
    clock.now = datetime.combine((clock() + timedelta(days=9)).date(), time(15, 1), tzinfo=TZ)
    async with running(_runtime(db, clock), options_for(zalo_standin)) as zalo:
        await Planner(db.sessions, Policy(), WorkCalendar(), composer, TZ, clock).run_once()
        await _dispatcher(db, clock, {"zalo": zalo.outbound}).drain()
        text, link = [s.text for s in zalo_standin.sent_to(ZALO_A)]
        assert text.startswith("📌 Nhắc lịch họp") and link.startswith("📎 Tải tệp")
        url = re.search(r"https?://\S+", link)
        assert url is not None
        async with httpx.AsyncClient() as web:
            got = await web.get(url.group(0))
    assert got.status_code == 200 and b"BEGIN:VCALENDAR" in got.content
    assert f"meeting-{world.meeting_id}@tdc-bot".encode() in got.content


async def test_without_a_public_address_the_ics_is_explained_in_words(sqlite_db: Db, clock: Clock,
                                                                      zalo_standin: ZaloStandin) -> None:
    from bot.planner import Planner
    from domain.reminders import Policy

    world = await _world(sqlite_db, clock, [Person(zalo=ZALO_A)])
    async with sqlite_db.sessions() as session:
        session.add(Registration(meeting_id=world.meeting_id, unit_id=world.units[0], created_at=clock(),
                                 updated_at=clock()))
        await session.commit()
    clock.now = datetime.combine((clock() + timedelta(days=9)).date(), time(15, 1), tzinfo=TZ)
    async with running(_runtime(sqlite_db, clock), options_for(zalo_standin, mode="polling", links=False)) as zalo:
        await Planner(sqlite_db.sessions, Policy(), WorkCalendar(), Composer(tz=TZ, calendar=WorkCalendar()), TZ,
                      clock).run_once()
        await _dispatcher(sqlite_db, clock, {"zalo": zalo.outbound}).drain()
    _, words = [s.text for s in zalo_standin.sent_to(ZALO_A)]
    assert "Zalo không gửi được tệp" in words and ".ics" in words and "http" not in words


async def test_a_person_with_both_accounts_gets_one_reminder_on_the_app_used_last(
        db: Db, clock: Clock, zalo_standin: ZaloStandin, telegram_standin: BotApiStandin,
        telegram: TelegramOutbound) -> None:
    earlier, later = clock() - timedelta(days=2), clock() - timedelta(hours=1)
    world = await _world(db, clock, [Person(zalo=ZALO_A, telegram=700_001, zalo_seen=later, telegram_seen=earlier),
                                     Person(zalo=ZALO_B, telegram=700_002, zalo_seen=earlier, telegram_seen=later)])
    await _nudge(db, clock, world)
    async with running(_runtime(db, clock), options_for(zalo_standin)) as zalo:
        await _dispatcher(db, clock, {"zalo": zalo.outbound, "telegram": telegram}).drain()
    assert len(zalo_standin.sent_to(ZALO_A)) == 1 and zalo_standin.sent_to(ZALO_B) == []
    assert [s.chat_id for s in telegram_standin.sent] == [700_002]
    rows = await _rows(db)
    assert [(r.state, r.channel) for m in world.members for r in rows[m]] == [("sent", "zalo"), ("sent", "telegram")]


async def test_the_organisers_are_warned_once_at_80_percent_of_the_budget(
        db: Db, clock: Clock, zalo_standin: ZaloStandin, telegram_standin: BotApiStandin,
        telegram: TelegramOutbound) -> None:
    zalos = [f"{i:02x}" * 8 for i in range(1, 5)]
    world = await _world(db, clock, [Person(zalo=z) for z in zalos])
    await _nudge(db, clock, world)
    async with running(_runtime(db, clock), options_for(zalo_standin, monthly_message_budget=5)) as zalo:
        outbounds: dict[str, Outbound] = {"zalo": zalo.outbound, "telegram": telegram}
        await _dispatcher(db, clock, outbounds).drain()  # 4 of 5: the warning
        warnings = telegram_standin.sent_to(ORGANISER_TG)
        clock.advance(minutes=5)
        await _nudge(db, clock, World(world.meeting_id, world.members[:1], [], world.units[:1]), key="nudge:again")
        await _dispatcher(db, clock, outbounds).drain()  # 5 of 5: no second warning
        async with db.sessions() as session:
            used = await budget_used(session=session, channel="zalo", bot_key=zalo.bot_key, now=clock(), tz=TZ)
    [warning] = warnings
    assert "đã gửi 4/5 tin nhắn chủ động" in warning.text and "tháng 05/2026" in warning.text
    assert telegram_standin.sent_to(ORGANISER_TG) == [warning] and used == 5
    assert sum(len(zalo_standin.sent_to(z)) for z in zalos) == 5


async def test_a_spent_budget_goes_to_telegram_or_is_recorded_undeliverable_with_its_reason(
        db: Db, clock: Clock, zalo_standin: ZaloStandin, telegram_standin: BotApiStandin,
        telegram: TelegramOutbound) -> None:
    recent = clock() - timedelta(hours=1)
    world = await _world(db, clock, [Person(zalo=ZALO_A), Person(zalo=ZALO_C),
                                     Person(zalo=ZALO_B, telegram=700_002, zalo_seen=recent),
                                     Person(zalo=ZALO_D)])
    await _nudge(db, clock, world)
    async with running(_runtime(db, clock), options_for(zalo_standin, monthly_message_budget=2)) as zalo:
        await _dispatcher(db, clock, {"zalo": zalo.outbound, "telegram": telegram}).drain()
    assert [len(zalo_standin.sent_to(z)) for z in (ZALO_A, ZALO_C, ZALO_B, ZALO_D)] == [1, 1, 0, 0]
    assert len(telegram_standin.sent_to(700_002)) == 1  # B used Zalo last, but Zalo's budget was spent
    notices = sorted(s.text for s in telegram_standin.sent_to(ORGANISER_TG))
    assert len(notices) == 2 and "đã gửi 2/2 tin nhắn chủ động" in notices[0]
    assert "Đã hết hạn mức 2 tin nhắn chủ động trên Zalo của tháng 05/2026" in notices[1]
    rows = await _rows(db)
    [d] = rows[world.members[3]]
    assert (d.state, d.reason) == ("undeliverable", "budget_spent:zalo:2026-05:2")
    assert [r.channel for r in rows[world.members[2]]] == ["telegram"]
    status = await chat_as(make_runtime(db.sessions, clock), ORGANISER).say("/nhacviec")
    assert "📵 không gửi được 1" in status and "📊 Hạn mức tin nhắn Zalo" in status
    assert "Không gửi được vì: hết hạn mức tin nhắn Zalo tháng 05/2026 (2 tin), không có tài khoản khác 1" in status
    if db.kind == "sqlite":  # the command line reads the same file
        cli = tdc("reminders", "status", cwd=Path(db.url.removeprefix("sqlite:///")).parent,
                  env={"TDC_DATABASE_URL": db.url})
        assert cli.returncode == 0, cli.stderr
        assert "undeliverable 1" in cli.stdout and "undeliverable 1: budget_spent:zalo:2026-05:2" in cli.stdout


async def test_a_zalo_429_is_a_spent_budget_for_that_send(sqlite_db: Db, clock: Clock, zalo_standin: ZaloStandin,
                                                         telegram_standin: BotApiStandin,
                                                         telegram: TelegramOutbound) -> None:
    """The one with a Telegram account gets it there at once; the Zalo-only one waits retry_after."""
    world = await _world(sqlite_db, clock, [Person(zalo=ZALO_A, telegram=700_001, zalo_seen=clock()),
                                            Person(zalo=ZALO_B)])
    await _nudge(sqlite_db, clock, world)
    zalo_standin.fail_next("sendMessage", "429", retry_after=30)
    seconds = [1000.0]
    async with running(_runtime(sqlite_db, clock), options_for(zalo_standin, monthly_message_budget=100)) as zalo:
        dispatcher = _dispatcher(sqlite_db, clock, {"zalo": zalo.outbound, "telegram": telegram}, concurrency=1,
                                 waves=1)
        dispatcher.monotonic = lambda: seconds[0]
        await dispatcher.drain()
        rows = await _rows(sqlite_db)
        [a], [b] = rows[world.members[0]], rows[world.members[1]]
        assert (a.state, a.channel, a.attempts) == ("sent", "telegram", 1)  # the 429 counted no attempt
        assert (b.state, b.attempts, b.send_at) == ("pending", 0, clock() + timedelta(seconds=30))
        seconds[0] += 30
        clock.advance(seconds=30)
        await dispatcher.drain()
        async with sqlite_db.sessions() as session:
            used = await budget_used(session=session, channel="zalo", bot_key=zalo.bot_key, now=clock(), tz=TZ)
    [b] = (await _rows(sqlite_db))[world.members[1]]
    assert (b.state, b.channel) == ("sent", "zalo")
    assert zalo_standin.sent_to(ZALO_A) == [] and len(zalo_standin.sent_to(ZALO_B)) == 1
    assert [s.chat_id for s in telegram_standin.sent] == [700_001]
    assert used == 1  # the refused send was given back


async def test_a_dispatcher_stopped_while_sending_never_sends_that_row_again(db: Db, clock: Clock,
                                                                            zalo_standin: ZaloStandin) -> None:
    world = await _world(db, clock, [Person(zalo=ZALO_A)])
    await _nudge(db, clock, world)
    zalo_standin.timeout_hold = 30.0
    zalo_standin.fail_next("sendMessage", "timeout")  # Zalo takes it and does not answer (yet)
    async with running(_runtime(db, clock), options_for(zalo_standin, read_timeout=20,
                                                        monthly_message_budget=10)) as zalo:
        first = _dispatcher(db, clock, {"zalo": zalo.outbound})
        sending = asyncio.create_task(first.run_once())
        await zalo_standin.wait_until(lambda: len(zalo_standin.sent_to(ZALO_A)) == 1, what="the send")
        sending.cancel()  # the process dies here: nothing after the send runs, like SIGKILL
        with pytest.raises(asyncio.CancelledError):
            await sending
        [row] = (await _rows(db))[world.members[0]]
        assert row.state == "sending"
        second = _dispatcher(db, clock, {"zalo": zalo.outbound})
        assert await second.recover(everything=True) == (0, 1)
        assert await second.drain() == 0
        async with db.sessions() as session:
            used = await budget_used(session=session, channel="zalo", bot_key=zalo.bot_key, now=clock(), tz=TZ)
    [row] = (await _rows(db))[world.members[0]]
    assert row.state == "uncertain" and "may have arrived" in (row.reason or "")
    assert len(zalo_standin.sent_to(ZALO_A)) == 1 and used == 1  # it may have arrived: it stays counted


async def test_two_dispatchers_on_postgresql_share_one_budget_and_send_nothing_twice(
        db: Db, clock: Clock, zalo_standin: ZaloStandin) -> None:
    if db.kind != "postgresql":
        pytest.skip("SQLite refuses a second process on the same file (bot/process_lock.py)")
    from storage.engine import make_async_engine, session_factory

    people = [Person(zalo=f"{i:016x}") for i in range(1, 201)]
    world = await _world(db, clock, people)
    await _nudge(db, clock, world)
    engines = [make_async_engine(db.url) for _ in range(2)]
    composer = Composer(tz=TZ, calendar=WorkCalendar(), hours=WorkingHours(enforced=False))
    try:
        async with running(_runtime(db, clock), options_for(zalo_standin, monthly_message_budget=150)) as zalo:
            one, two = (Dispatcher(session_factory(e), {"zalo": zalo.outbound}, composer, clock,
                                   DispatchSettings(batch_size=20, concurrency=8)) for e in engines)
            handled = await asyncio.gather(one.drain(), two.drain())
    finally:
        for engine in engines:
            await engine.dispose()
    # Every row handled once between them (the notices come on top). Which one took how many depends on
    # the scheduler of a loaded machine, so it is not asserted; no row may go twice whatever the split.
    assert sum(handled) >= 200, handled
    per_chat = Counter(s.chat_id for s in zalo_standin.sent)
    assert max(per_chat.values()) == 1 and sum(per_chat[p.zalo] for p in people if p.zalo) == 150
    rows = await _rows(db)
    states = Counter(r.state for m in world.members for r in rows[m])
    assert states == Counter({"sent": 150, "undeliverable": 50})
