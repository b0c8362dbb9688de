"""The small parts of reminders: PTB errors to outcomes, the account choice, the pacer, the .ics."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from icalendar import Calendar
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.channels.outbound import Outcome
from bot.channels.telegram_outbound import is_group, outcome_of
from bot.pacing import Pacer
from domain.calendar_file import MeetingInvite, meeting_ics
from domain.recipients import AccountView, pick_account

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _caused(error: Exception, cause: Exception) -> Exception:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(("error", "outcome"), [
    (Forbidden("Forbidden: bot was blocked by the user"), Outcome.UNREACHABLE),
    (BadRequest("Bad Request: chat not found"), Outcome.FAILED),
    (ChatMigrated(-100123), Outcome.FAILED),
    (NetworkError("Internal Server Error (500)"), Outcome.RETRY),  # Telegram answered: not taken
    (_caused(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")), Outcome.RETRY),
    (_caused(TimedOut(), httpx.ConnectTimeout("connect")), Outcome.RETRY),  # never written
    (_caused(TimedOut(), httpx.PoolTimeout("pool")), Outcome.RETRY),
    (_caused(TimedOut(), httpx.ReadTimeout("read")), Outcome.UNCERTAIN),  # written, no answer
    (_caused(TimedOut(), httpx.WriteTimeout("write")), Outcome.UNCERTAIN),
    (_caused(NetworkError("httpx.RemoteProtocolError"), httpx.RemoteProtocolError("closed")), Outcome.UNCERTAIN),
])
def test_telegram_errors_become_the_outcome_the_dispatcher_acts_on(error: Exception, outcome: Outcome) -> None:
    assert outcome_of(error).outcome is outcome  # type: ignore[arg-type]


def test_429_carries_its_retry_after() -> None:
    delivery = outcome_of(RetryAfter(7))
    assert (delivery.outcome, delivery.retry_after) == (Outcome.RETRY, 7.0)


def test_group_chats_are_told_apart() -> None:
    assert is_group("-1001234") and not is_group("1234")


def _acc(i: int, channel: str, seen: datetime | None, reachable: bool = True) -> AccountView:
    return AccountView(i, channel, f"c{i}", reachable, seen)


def test_one_account_the_one_used_last_among_channels_we_can_send_on() -> None:
    old, new = datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 5, 20, tzinfo=UTC)
    telegram, zalo = _acc(1, "telegram", old), _acc(2, "zalo", new)
    assert pick_account([telegram, zalo], {"telegram", "zalo"}) == zalo
    assert pick_account([telegram, zalo], {"telegram"}) == telegram  # no Zalo sender in this process
    assert pick_account([_acc(2, "zalo", new, reachable=False), telegram], {"telegram", "zalo"}) == telegram
    assert pick_account([_acc(3, "telegram", None), _acc(4, "telegram", None)], {"telegram"}).account_id == 4  # type: ignore[union-attr]
    assert pick_account([_acc(5, "telegram", old, reachable=False)], {"telegram"}) is None


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def test_the_pacer_spaces_sends_overall_and_per_chat_and_pauses_on_429() -> None:
    clock = FakeTime()
    pacer = Pacer(10, 1, 20, is_group=is_group, headroom=1.0, clock=clock, sleep=clock.sleep)
    times = []
    for chat in ("a", "b", "c"):
        await pacer.acquire(chat)
        times.append(clock.now)
    assert [round(t - times[0], 3) for t in times] == [0.0, 0.1, 0.2]  # 10/s overall
    await pacer.acquire("a")
    assert round(clock.now - times[0], 3) == 1.0  # 1/s for chat "a"
    await pacer.acquire("-100")
    before = clock.now
    await pacer.acquire("-100")
    assert round(clock.now - before, 3) == 3.0  # 20/min for a group
    pacer.pause(5)
    before = clock.now
    await pacer.acquire("d")
    assert round(clock.now - before, 3) == 5.0


async def test_the_pacer_under_real_time_keeps_the_rate() -> None:
    pacer = Pacer(200, 100, 20, headroom=1.0)
    loop = asyncio.get_running_loop()
    started = loop.time()
    for i in range(20):
        await pacer.acquire(str(i))
    assert loop.time() - started >= 19 / 200 * 0.9  # not a burst


def test_the_ics_names_the_zone_keeps_its_uid_and_cancels_with_the_same_uid() -> None:
    start = datetime(2026, 5, 28, 14, 0, tzinfo=TZ)
    invite = MeetingInvite(7, 0, "Hội nghị trực tuyến", start, join_url="https://meet.example/x")
    first = Calendar.from_ical(meeting_ics(invite, stamp=datetime(2026, 5, 20, tzinfo=UTC)))
    moved = MeetingInvite(7, 1, "Hội nghị trực tuyến", start + timedelta(days=1), location="Hội trường Sở")
    second = Calendar.from_ical(meeting_ics(moved, stamp=datetime(2026, 5, 21, tzinfo=UTC)))
    cancel = MeetingInvite(7, 2, "Hội nghị trực tuyến", start, cancelled=True)
    third = Calendar.from_ical(meeting_ics(cancel, stamp=datetime(2026, 5, 22, tzinfo=UTC)))
    events = [c.walk("VEVENT")[0] for c in (first, second, third)]
    assert {str(e["UID"]) for e in events} == {"meeting-7@tdc-bot"}
    assert [int(e["SEQUENCE"]) for e in events] == [0, 1, 2]
    assert events[0]["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh" and events[0]["DTSTART"].dt == start
    assert events[0]["DTEND"].dt == start + timedelta(hours=2)
    assert str(events[0]["LOCATION"]) == "https://meet.example/x" and str(events[1]["LOCATION"]) == "Hội trường Sở"
    assert str(third["METHOD"]) == "CANCEL" and str(events[2]["STATUS"]) == "CANCELLED"
    assert first.walk("VTIMEZONE")[0]["TZID"] == "Asia/Ho_Chi_Minh"


async def test_the_scheduler_runs_late_jobs_once_never_overlapping_and_plans_on_a_change(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.config import Settings
    from bot.scheduler import ReminderScheduler, build_reminders
    from storage.engine import make_async_engine, session_factory

    settings = Settings()
    engine = make_async_engine(f"sqlite:///{tmp_path / 'x.db'}")
    reminders = build_reminders(settings, session_factory(engine), lambda: datetime.now(TZ), {})
    scheduler = ReminderScheduler(reminders, settings)
    scheduler.scheduler.start(paused=True)  # jobs are added but never run here: the test calls nothing late
    try:
        scheduler.start_jobs()
        jobs = {job.id: job for job in scheduler.scheduler.get_jobs()}
        assert set(jobs) == {"planner", "dispatcher"}
        for job in jobs.values():
            assert (job.misfire_grace_time, job.coalesce, job.max_instances) == (None, True, 1)
        assert jobs["planner"].trigger.interval == timedelta(seconds=settings.reminders.planner_interval_seconds)
        later = datetime.now(TZ) + timedelta(hours=1)
        jobs["planner"].modify(next_run_time=later)
        scheduler.wake_planner()
        assert scheduler.scheduler.get_job("planner").next_run_time < later
    finally:
        scheduler.shutdown()
        await engine.dispose()
