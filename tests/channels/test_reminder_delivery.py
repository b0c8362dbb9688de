"""The dispatcher over real HTTP against the Bot API stand-in: 429 with retry_after, 500, 403,
read timeouts and refused connections, each to the state the issue asks for, nothing resent."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from bot.channels.telegram_outbound import TelegramOutbound
from bot.delivery import Dispatcher, DispatchSettings
from domain.workdays import WorkCalendar
from handlers.reminder_messages import Composer
from storage.models import ChannelAccount, Registration, ReminderOutbox
from testkit.reminder_world import World, queue_nudges, seed_world
from testkit.telegram_app import TOKEN
from testkit.telegram_standin import BotApiStandin
from tests.conftest import TZ, Clock, Db


@pytest.fixture
async def standin() -> AsyncIterator[BotApiStandin]:
    server = BotApiStandin(TOKEN, record_calls=False)
    server.timeout_hold = 1.0
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def _outbound(base_url: str) -> TelegramOutbound:
    out = TelegramOutbound(TOKEN, base_url=base_url, per_second=500, per_chat_per_second=100, read_timeout=0.4,
                           connect_timeout=0.5)
    await out.start()
    return out


async def _setup(db: Db, clock: Clock, n: int = 5) -> World:
    async with db.sessions() as session:
        world = await seed_world(session=session, recipients=n, now=clock())
        await queue_nudges(session=session, world=world, now=clock())
        await session.commit()
    return world


def _dispatcher(db: Db, clock: Clock, outbound: TelegramOutbound, **settings: object) -> Dispatcher:
    composer = Composer(tz=TZ, calendar=WorkCalendar())
    return Dispatcher(db.sessions, {"telegram": outbound}, composer, clock,
                      DispatchSettings(**settings))  # type: ignore[arg-type]


async def _rows(db: Db) -> list[ReminderOutbox]:
    async with db.sessions() as session:
        return list((await session.exec(select(ReminderOutbox).order_by(ReminderOutbox.id))).all())


async def test_a_round_is_sent_once_to_each_person_with_what_to_do(db: Db, clock: Clock,
                                                                    standin: BotApiStandin) -> None:
    world = await _setup(db, clock)
    outbound = await _outbound(standin.base_url)
    try:
        assert await _dispatcher(db, clock, outbound).drain() == 5
        assert await _dispatcher(db, clock, outbound).drain() == 0  # a second pass finds nothing to send
    finally:
        await outbound.close()
    assert sorted(s.chat_id for s in standin.sent) == world.chats
    text = standin.sent[0].text
    assert "đề nghị đơn vị đăng ký tham dự" in text and "/dangky" in text
    assert "Hạn đăng ký: trước 14h00, ngày 27/05/2026 – ngày cuối là thứ Tư, 27/05/2026" in text
    rows = await _rows(db)
    assert {r.state for r in rows} == {"sent"} and all(r.channel == "telegram" and r.account_id for r in rows)


async def test_429_pauses_and_retries_after_retry_after_without_counting_an_attempt(
        sqlite_db: Db, clock: Clock, standin: BotApiStandin) -> None:
    world = await _setup(sqlite_db, clock, 3)
    standin.fail_next("sendMessage", "429", retry_after=1)
    outbound = await _outbound(standin.base_url)
    try:
        dispatcher = _dispatcher(sqlite_db, clock, outbound, concurrency=1)
        await dispatcher.drain()
        waiting = [r for r in await _rows(sqlite_db) if r.state == "pending"]
        assert len(waiting) == 1 and waiting[0].attempts == 0 and "RetryAfter" in (waiting[0].reason or "")
        assert waiting[0].send_at == clock() + timedelta(seconds=1)
        clock.advance(seconds=1)
        await dispatcher.drain()
    finally:
        await outbound.close()
    assert standin.too_many == 1
    assert sorted(s.chat_id for s in standin.sent) == world.chats  # each exactly once
    assert {r.state for r in await _rows(sqlite_db)} == {"sent"}


async def test_500_is_retried_with_backoff_and_fails_for_good_after_max_attempts(
        sqlite_db: Db, clock: Clock, standin: BotApiStandin) -> None:
    await _setup(sqlite_db, clock, 1)
    standin.fail_next("sendMessage", "500", count=3)
    outbound = await _outbound(standin.base_url)
    try:
        dispatcher = _dispatcher(sqlite_db, clock, outbound, max_attempts=3, retry_base=timedelta(seconds=30))
        await dispatcher.drain()
        [row] = await _rows(sqlite_db)
        assert (row.state, row.attempts, row.send_at) == ("pending", 1, clock() + timedelta(seconds=30))
        clock.advance(seconds=30)
        await dispatcher.drain()
        [row] = await _rows(sqlite_db)
        assert (row.state, row.attempts, row.send_at) == ("pending", 2, clock() + timedelta(seconds=60))
        clock.advance(seconds=60)
        await dispatcher.drain()
    finally:
        await outbound.close()
    [row] = await _rows(sqlite_db)
    assert row.state == "failed" and "gave up after 3 attempts" in (row.reason or "")
    assert standin.sent == []


async def test_403_marks_the_person_unreachable_and_the_account_too(db: Db, clock: Clock,
                                                                     standin: BotApiStandin) -> None:
    world = await _setup(db, clock, 2)
    standin.blocked.add(world.chats[0])
    outbound = await _outbound(standin.base_url)
    try:
        await _dispatcher(db, clock, outbound).drain()
    finally:
        await outbound.close()
    rows = {r.member_id: r for r in await _rows(db)}
    assert rows[world.members[0]].state == "unreachable" and "Forbidden" in (rows[world.members[0]].reason or "")
    assert rows[world.members[1]].state == "sent"
    async with db.sessions() as session:
        account = (await session.exec(select(ChannelAccount).where(
            ChannelAccount.member_id == world.members[0]))).one()
    assert account.reachable is False


async def test_a_read_timeout_after_sending_is_uncertain_and_never_resent(sqlite_db: Db, clock: Clock,
                                                                          standin: BotApiStandin) -> None:
    world = await _setup(sqlite_db, clock, 1)
    standin.fail_next("sendMessage", "timeout")
    outbound = await _outbound(standin.base_url)
    try:
        dispatcher = _dispatcher(sqlite_db, clock, outbound)
        await dispatcher.drain()
        clock.advance(hours=1)
        await dispatcher.drain()
    finally:
        await outbound.close()
    [row] = await _rows(sqlite_db)
    assert row.state == "uncertain" and "TimedOut" in (row.reason or "")
    assert [s.chat_id for s in standin.sent] == world.chats  # it did arrive, once


async def test_a_refused_connection_is_retried_and_nothing_was_sent(sqlite_db: Db, clock: Clock) -> None:
    await _setup(sqlite_db, clock, 1)
    outbound = await _outbound("http://127.0.0.1:9/bot")  # the discard port: nothing listens
    try:
        await _dispatcher(sqlite_db, clock, outbound, max_attempts=2).drain()
        [row] = await _rows(sqlite_db)
        assert row.state == "pending" and row.attempts == 1 and "NetworkError" in (row.reason or "")
        clock.advance(minutes=1)
        await _dispatcher(sqlite_db, clock, outbound, max_attempts=2).drain()
    finally:
        await outbound.close()
    [row] = await _rows(sqlite_db)
    assert row.state == "failed"


async def test_a_unit_that_registers_before_the_send_gets_nothing(db: Db, clock: Clock,
                                                                  standin: BotApiStandin) -> None:
    world = await _setup(db, clock, 2)
    async with db.sessions() as session:
        session.add(Registration(meeting_id=world.meeting_id, unit_id=world.units[0], created_at=clock(),
                                 updated_at=clock()))
        await session.commit()
    outbound = await _outbound(standin.base_url)
    try:
        await _dispatcher(db, clock, outbound).drain()
    finally:
        await outbound.close()
    rows = {r.member_id: r for r in await _rows(db)}
    assert (rows[world.members[0]].state, rows[world.members[0]].reason) == ("skipped", "registered")
    assert [s.chat_id for s in standin.sent] == [world.chats[1]]


async def test_the_day_before_reminder_carries_the_ics_as_a_document(sqlite_db: Db, clock: Clock,
                                                                     standin: BotApiStandin) -> None:
    from datetime import time as clock_time

    from icalendar import Calendar

    from bot.planner import Planner
    from domain.reminders import Policy

    world = await _setup(sqlite_db, clock, 1)
    async with sqlite_db.sessions() as session:
        session.add(Registration(meeting_id=world.meeting_id, unit_id=world.units[0], created_at=clock(),
                                 updated_at=clock()))
        await session.commit()
    composer = Composer(tz=TZ, calendar=WorkCalendar())
    planner = Planner(sqlite_db.sessions, Policy(), WorkCalendar(), composer, TZ, clock)
    outbound = await _outbound(standin.base_url)
    try:
        dispatcher = _dispatcher(sqlite_db, clock, outbound)
        await dispatcher.drain()  # the nudge is skipped: the unit has registered
        meeting_day = (clock() + timedelta(days=10)).date()  # seed_world: 10 days ahead at 14:00
        clock.now = datetime.combine(meeting_day - timedelta(days=1), clock_time(15, 1), tzinfo=TZ)
        await planner.run_once()
        await dispatcher.drain()
    finally:
        await outbound.close()
    [sent] = standin.sent
    assert sent.method == "sendDocument" and sent.file_name and sent.file_name.endswith(".ics")
    assert sent.text.startswith("📌 Nhắc lịch họp") and "Đường dẫn tham dự: Sở sẽ gửi ngay khi có" in sent.text
    event = Calendar.from_ical(sent.data).walk("VEVENT")[0]
    assert str(event["UID"]) == f"meeting-{world.meeting_id}@tdc-bot"
