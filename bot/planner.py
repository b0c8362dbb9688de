"""The planner: facts from the database through the policies into outbox rows, and the wiring of
the reminder machinery from settings (policy, calendar, composer, dispatcher).

Planning is idempotent (the outbox's unique key), so it can run every few minutes and after any
change. Each run first rolls recurring deadlines whose occurrence has passed
(storage.deadline_series), so the next occurrence is the one reminded. Rows still pending that the
policies no longer want are checked as the dispatcher would check them: those it would skip (the
unit acted, the meeting moved, the person muted) are skipped now with that reason, so /nhacviec
says why; the others stay and go as planned. On PostgreSQL one planner runs at a time (a
transaction-level advisory lock); the others skip their turn.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import Settings
from domain.petition_reminders import plan_petitions
from domain.reminder_timing import WorkingHours
from domain.reminders import Planned, Policy, plan
from domain.workdays import WorkCalendar
from handlers.reminder_messages import Composer, Skip
from storage import outbox
from storage.deadline_series import roll_series
from storage.reminder_facts import gather, petition_facts

log = logging.getLogger(__name__)
PLANNER_LOCK = 0x7464635F706C616E  # "tdc_plan": the advisory lock key of the one planner


def policy_from(settings: Settings) -> Policy:
    r, w = settings.reminders, settings.working_hours
    return Policy(cutoff_days_before=tuple(r.cutoff_days_before), cutoff_last_morning=r.cutoff_last_morning,
                  deadline_days_before=tuple(r.deadline_days_before), deadline_on_the_day=r.deadline_on_the_day,
                  meeting_day_before_at=r.meeting_day_before_at, meeting_minutes_before=r.meeting_minutes_before,
                  digest_weekday=r.digest_weekday, digest_days=r.digest_days, escalate_after=r.escalate_after,
                  max_late=timedelta(hours=r.max_late_hours),
                  hours=WorkingHours(w.start, w.end, w.send_only_in_working_hours))


def calendar_from(settings: Settings) -> WorkCalendar:
    w = settings.working_hours
    return WorkCalendar(extra_days_off=w.extra_days_off, extra_working_days=w.extra_working_days)


def composer_from(settings: Settings) -> Composer:
    return Composer(tz=settings.tz, calendar=calendar_from(settings),
                    max_late=timedelta(hours=settings.reminders.max_late_hours),
                    digest_days=settings.reminders.digest_days, hours=policy_from(settings).hours)


@dataclass(frozen=True)
class PlanReport:
    added: int
    superseded: int
    wanted: list[Planned]
    ran: bool = True


@dataclass
class Planner:
    sessions: async_sessionmaker[AsyncSession] | None  # None: only `wanted` (the dry run)
    policy: Policy
    calendar: WorkCalendar
    composer: Composer
    tz: ZoneInfo
    clock: Callable[[], datetime]
    horizon: timedelta = timedelta(days=14)

    async def wanted(self, session: AsyncSession, now: datetime) -> list[Planned]:
        """What the policies want in the outbox now (the dry run of `tdc-bot reminders plan`)."""
        facts = await gather(session=session, now=now)
        wanted = plan(facts, now, policy=self.policy, calendar=self.calendar, tz=self.tz, horizon=self.horizon)
        waiting = await petition_facts(session=session, now=now)
        return sorted([*wanted, *plan_petitions(waiting, facts.people, now, policy=self.policy, calendar=self.calendar,
                                                tz=self.tz, horizon=self.horizon)],
                      key=lambda p: (p.send_at, p.key, p.member_id))

    async def run_once(self) -> PlanReport:
        """Plan and commit; returns what was added and superseded."""
        assert self.sessions is not None
        async with self.sessions() as session:
            now = self.clock()
            if session.bind is not None and session.bind.dialect.name == "postgresql":
                got = (await session.exec(text("SELECT pg_try_advisory_xact_lock(:k)").bindparams(  # type: ignore[call-overload]
                    k=PLANNER_LOCK))).scalar()
                if not got:
                    await session.rollback()
                    return PlanReport(0, 0, [], ran=False)
            # A recurring deadline whose occurrence has passed gets its next one first, so that one is planned.
            await roll_series(session=session, now=now, tz=self.tz)
            wanted = await self.wanted(session, now)
            added = await outbox.add_rows(session=session, rows=wanted, now=now)
            keep = {(p.key, p.member_id) for p in wanted}
            reasons: dict[int, str] = {}
            for row in await outbox.pending_planned(session=session):
                if (row.reminder_key, row.member_id) in keep or row.id is None:
                    continue
                verdict = await self.composer.compose(session, row, now)
                if isinstance(verdict, Skip):  # still valid otherwise: the dispatcher sends it as planned
                    reasons[row.id] = verdict.reason
            await outbox.skip_rows(session=session, reasons=reasons, now=now)
            await session.commit()
        if added or reasons:
            log.info("planner: %d rows added, %d superseded", added, len(reasons))
        return PlanReport(added, len(reasons), wanted)
