"""The dispatcher: claims due outbox rows, checks each again, sends it through its channel, marks it.

It knows no channel: a row is for a person, the account is chosen when it goes
(domain.recipients.pick_account, among the channels it has an `Outbound` for), and the outcome
is acted on by type. Per row, two commits: the re-check and `sending` before the request, the
outcome after. A crash between them leaves `sending`, which recovery turns into `uncertain`
(it may have arrived); a crash before leaves `claimed`, which goes back to pending.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.channels.outbound import Delivery, Outbound, Outcome
from domain.recipients import AccountView, pick_account
from handlers.reminder_messages import Defer, Message, Skip
from storage import outbox
from storage.models import ReminderOutbox

log = logging.getLogger(__name__)


class Composer(Protocol):
    async def compose(self, session: AsyncSession, row: ReminderOutbox, now: datetime) -> Message | Skip | Defer: ...


class Paced(Protocol):
    """An Outbound that keeps its channel's limits (TelegramOutbound has one)."""

    pacer: Any


def worker_name() -> str:
    """host:pid:random, so the claims of two processes (or two lives of one) never look alike."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class DispatchSettings:
    batch_size: int = 100
    concurrency: int = 8
    max_attempts: int = 5
    retry_base: timedelta = timedelta(seconds=30)
    lease: timedelta = timedelta(seconds=90)


@dataclass
class Dispatcher:
    """One per process; `run_once` is the job APScheduler wakes every few seconds."""

    sessions: async_sessionmaker[AsyncSession]
    outbounds: Mapping[str, Outbound]
    composer: Composer
    clock: Callable[[], datetime]
    settings: DispatchSettings = field(default_factory=DispatchSettings)
    worker: str = field(default_factory=worker_name)
    counts: Counter[str] = field(default_factory=Counter)
    monotonic: Callable[[], float] = time.monotonic  # pauses are real time, whatever `clock` says
    _paused_until: dict[str, float] = field(default_factory=dict)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def recover(self, *, everything: bool = False) -> tuple[int, int]:
        """Claims of dead workers: all of them when no other dispatcher can run (SQLite lock), else by lease."""
        now = self.clock()
        async with self.sessions() as session:
            found = await outbox.recover(session=session, now=now,
                                         older_than=None if everything else now - self.settings.lease)
            await session.commit()
        if any(found):
            log.warning("recovered claims of a stopped dispatcher: %d back to pending, %d uncertain", *found)
        return found

    async def run_once(self) -> int:
        """Claim one batch of due rows and see each to a new state; the number of rows handled."""
        if self._lock.locked():
            return 0  # the previous run is still going (APScheduler's max_instances=1 says the same)
        async with self._lock:
            await self.recover()
            async with self.sessions() as session:
                rows = await outbox.claim(session=session, worker=self.worker, now=self.clock(),
                                          limit=self.settings.batch_size)
                await session.commit()
            if not rows:
                return 0
            async with self.sessions() as session:
                accounts = await outbox.accounts_of(session=session, member_ids=[r.member_id for r in rows])
            queue: asyncio.Queue[ReminderOutbox] = asyncio.Queue()
            for row in rows:
                queue.put_nowait(row)
            workers = min(self.settings.concurrency, len(rows))
            await asyncio.gather(*(self._work(queue, accounts) for _ in range(workers)))
            return len(rows)

    async def drain(self, *, idle_rounds: int = 1) -> int:
        """Run until no row is due (tests, `tdc-bot reminders dispatch`); the rows handled."""
        total, idle = 0, 0
        while idle < idle_rounds:
            handled = await self.run_once()
            total += handled
            idle = idle + 1 if handled == 0 else 0
        return total

    async def _work(self, queue: asyncio.Queue[ReminderOutbox], accounts: dict[int, list[AccountView]]) -> None:
        while not queue.empty():
            row = queue.get_nowait()
            try:
                await self._one(row, accounts.get(row.member_id, []))
            except Exception:
                # A bug or a database error: the row stays claimed (or sending) and the lease recovers it.
                log.exception("could not dispatch outbox row %s", row.id)
                self.counts["error"] += 1

    async def _one(self, row: ReminderOutbox, accounts: list[AccountView]) -> None:
        assert row.id is not None
        account = pick_account(accounts, self.outbounds.keys())
        if account is not None:
            await self._wait_turn(account)
        async with self.sessions() as session:
            now = self.clock()
            fresh = await session.get(ReminderOutbox, row.id)
            if fresh is None or fresh.state != "claimed" or fresh.claimed_by != self.worker:
                return  # recovered by another dispatcher meanwhile: it is theirs now
            verdict = await self.composer.compose(session, fresh, now)
            if isinstance(verdict, Defer):
                await outbox.defer(session=session, row_id=row.id, worker=self.worker, send_at=verdict.until, now=now)
                await session.commit()
                self.counts["deferred"] += 1
                return
            if isinstance(verdict, Skip):
                await outbox.finish(session=session, row_id=row.id, worker=self.worker, state="skipped",
                                    reason=verdict.reason, now=now, from_state="claimed")
                await session.commit()
                self.counts["skipped"] += 1
                return
            current = await outbox.accounts_of(session=session, member_ids=[row.member_id])
            account = pick_account(current.get(row.member_id, []), self.outbounds.keys())
            if account is None:
                await outbox.finish(session=session, row_id=row.id, worker=self.worker, state="unreachable",
                                    reason="no_account", now=now, from_state="claimed")
                await session.commit()
                self.counts["unreachable"] += 1
                return
            if not await outbox.mark_sending(session=session, row_id=row.id, worker=self.worker,
                                             account_id=account.account_id, channel=account.channel, now=now):
                await session.rollback()
                return
            await session.commit()
        delivery = await self.outbounds[account.channel].deliver(chat_id=account.chat_id, text=verdict.text,
                                                                 file=verdict.file)
        await self._record(row, account, delivery)

    async def _wait_turn(self, account: AccountView) -> None:
        """Keep the channel's limits, and a 429 pause, before the row is marked `sending`."""
        pacer = getattr(self.outbounds[account.channel], "pacer", None)
        wait = self._paused_until.get(account.channel, 0.0) - self.monotonic()
        if pacer is None and wait > 0:
            await asyncio.sleep(wait)
        if pacer is not None:
            await pacer.acquire(account.chat_id)

    async def _record(self, row: ReminderOutbox, account: AccountView, delivery: Delivery) -> None:
        assert row.id is not None
        now = self.clock()
        self.counts[delivery.outcome.value] += 1
        async with self.sessions() as session:
            if delivery.outcome is Outcome.SENT:
                await outbox.finish(session=session, row_id=row.id, worker=self.worker, state="sent",
                                    reason=delivery.detail or None, now=now)
            elif delivery.outcome is Outcome.UNREACHABLE:
                await outbox.finish(session=session, row_id=row.id, worker=self.worker, state="unreachable",
                                    reason=delivery.detail, now=now)
                await outbox.mark_unreachable(session=session, account_id=account.account_id)
            elif delivery.outcome is Outcome.UNCERTAIN:
                await outbox.finish(session=session, row_id=row.id, worker=self.worker, state="uncertain",
                                    reason=delivery.detail, now=now)
            elif delivery.outcome is Outcome.RETRY and delivery.retry_after is not None:
                self._pause(account.channel, delivery.retry_after)
                await outbox.retry_later(session=session, row_id=row.id, worker=self.worker,
                                         send_at=now + timedelta(seconds=delivery.retry_after),
                                         reason=delivery.detail, now=now, count_attempt=False)
            elif delivery.outcome is Outcome.RETRY and row.attempts + 1 < self.settings.max_attempts:
                wait = self.settings.retry_base * (2 ** row.attempts)
                await outbox.retry_later(session=session, row_id=row.id, worker=self.worker, send_at=now + wait,
                                         reason=delivery.detail, now=now)
            else:
                reason = delivery.detail if delivery.outcome is Outcome.FAILED else \
                    f"gave up after {row.attempts + 1} attempts: {delivery.detail}"
                await outbox.finish(session=session, row_id=row.id, worker=self.worker, state="failed",
                                    reason=reason, now=now)
            await session.commit()

    def _pause(self, channel: str, seconds: float) -> None:
        until = self.monotonic() + seconds
        self._paused_until[channel] = max(self._paused_until.get(channel, until), until)
        pacer = getattr(self.outbounds[channel], "pacer", None)
        if pacer is not None:
            pacer.pause(seconds)
        log.warning("%s asked us to wait %.0f s (429): pausing that channel", channel, seconds)
