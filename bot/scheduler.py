"""APScheduler wakes the planner and the dispatcher; the database remembers what was sent.

The job store is memory on purpose: the outbox is the record, so nothing of value is lost when
the process stops, and APScheduler's own FAQ says a job store cannot be shared between
processes anyway. The jobs are the bound `run_once` methods; tests call those directly with an
injected clock instead of waiting for the scheduler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.channels.outbound import Outbound
from bot.config import Settings
from bot.delivery import Dispatcher, DispatchSettings
from bot.planner import Planner, calendar_from, composer_from, policy_from

log = logging.getLogger(__name__)

# Every run that was due runs, however late (misfire_grace_time=None): APScheduler's default of
# one second would silently skip a dispatcher run whenever the event loop was busy for a moment,
# and a skipped planner run is a reminder planned five minutes late. Several missed runs are
# worth one (coalesce=True), and a run never overlaps the previous one (max_instances=1): two
# dispatcher runs in one process would only compete for the same rows.
JOB_DEFAULTS: dict[str, Any] = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}


@dataclass
class Reminders:
    """The planner and the dispatcher of one process."""

    planner: Planner
    dispatcher: Dispatcher


def build_reminders(settings: Settings, sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime],
                    outbounds: Mapping[str, Outbound], worker: str | None = None) -> Reminders:
    r = settings.reminders
    composer = composer_from(settings)
    planner = Planner(sessions, policy_from(settings), calendar_from(settings), composer, settings.tz, clock,
                      horizon=timedelta(days=r.horizon_days))
    options = DispatchSettings(batch_size=r.batch_size, concurrency=r.concurrency, max_attempts=r.max_attempts,
                               retry_base=timedelta(seconds=r.retry_base_seconds),
                               lease=timedelta(seconds=r.claim_lease_seconds))
    dispatcher = Dispatcher(sessions, outbounds, composer, clock, options)
    if worker:
        dispatcher.worker = worker
    return Reminders(planner, dispatcher)


class ReminderScheduler:
    """The two jobs inside `tdc-bot run` (started in post_init, stopped in post_shutdown)."""

    def __init__(self, reminders: Reminders, settings: Settings) -> None:
        self.reminders, self.settings = reminders, settings
        self.scheduler = AsyncIOScheduler(job_defaults=JOB_DEFAULTS, timezone=settings.tz)

    def start(self) -> None:
        self.start_jobs()
        self.scheduler.start()

    def start_jobs(self) -> None:
        """Add the two jobs (first runs now); `start` also starts the scheduler."""
        now = datetime.now(self.settings.tz)
        r = self.settings.reminders
        self.scheduler.add_job(self._plan, "interval", seconds=r.planner_interval_seconds, id="planner",
                               next_run_time=now)
        self.scheduler.add_job(self._dispatch, "interval", seconds=r.dispatcher_interval_seconds, id="dispatcher",
                               next_run_time=now + timedelta(seconds=1))
        log.info("reminders: planner every %d s, dispatcher every %d s", r.planner_interval_seconds,
                 r.dispatcher_interval_seconds)

    def wake_planner(self) -> None:
        """Plan now (a registration, a report, a meeting change); the next regular run stays."""
        job = self.scheduler.get_job("planner")
        if job is not None:
            job.modify(next_run_time=datetime.now(self.settings.tz))

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def _plan(self) -> None:
        try:
            await self.reminders.planner.run_once()
        except Exception:
            log.exception("the reminder planner failed; it runs again at its next interval")
        else:
            job = self.scheduler.get_job("dispatcher")
            if job is not None:
                job.modify(next_run_time=datetime.now(self.settings.tz))

    async def _dispatch(self) -> None:
        try:
            await self.reminders.dispatcher.drain()
        except Exception:
            log.exception("the reminder dispatcher failed; it runs again at its next interval")


class ReminderService:
    """The reminders as one of `tdc-bot run`'s background services (bot/runner.py).

    Made before anything starts, so a second process on the same SQLite file is refused before
    it answers a single message (bot/process_lock.py). On start it recovers the claims a crashed
    predecessor left (all of them when it is the only process; otherwise by lease) and starts the
    planner and dispatcher jobs; on stop it stops them.
    """

    name = "reminders"

    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime],
                 outbounds: Mapping[str, Outbound], on_change: Callable[[Callable[[], None]], None]) -> None:
        from bot.process_lock import hold_single_process_lock

        self.sole = hold_single_process_lock(settings.database.url)
        self.reminders = build_reminders(settings, sessions, clock, outbounds)
        self.scheduler = ReminderScheduler(self.reminders, settings)
        on_change(self.scheduler.wake_planner)

    async def start(self) -> None:
        await self.reminders.dispatcher.recover(everything=self.sole)
        self.scheduler.start()

    async def stop(self) -> None:
        self.scheduler.shutdown()
