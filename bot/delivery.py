"""The dispatcher: claims due outbox rows, checks each again, sends it through its channel, marks it.

It knows no channel: a row is for a person, the account is chosen when it goes
(domain.recipients.pick_account, among the channels it has an `Outbound` for), and the outcome
is acted on by type. Rows go in small waves (`concurrency` rows): one commit marks a wave
`sending` (each row re-checked in its own conditional UPDATE: a unit that registered a moment
ago is skipped there), its messages go out within the channel's limits, one commit records
their outcomes. A crash between the two leaves `sending`, which recovery turns into `uncertain`
(it may have arrived: at most the waves in flight); a crash before leaves `claimed`, which goes
back to pending. Two commits per wave instead of two per message: on a busy machine a
database round trip, not the CPU, is what limits the rate.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import socket
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
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
WAVE_SECONDS = 0.25  # how far ahead of its turn a row may be marked `sending`


class Composer(Protocol):
    async def compose_batch(self, session: AsyncSession, rows: Sequence[ReminderOutbox],
                            now: datetime) -> dict[int, Message | Skip | Defer]: ...


class Paced(Protocol):
    """An Outbound that keeps its channel's limits (TelegramOutbound has one)."""

    pacer: Any


def worker_name() -> str:
    """host:pid:random, so the claims of two processes (or two lives of one) never look alike."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class Ready:
    """A row about to go: the account it goes to and what it says."""

    row: ReminderOutbox
    account: AccountView
    message: Message


@dataclass
class DispatchSettings:
    batch_size: int = 100
    concurrency: int = 8  # rows per wave at most (fewer at low rates: see WAVE_SECONDS)
    waves: int = 2  # waves in flight at once (one marks and records while the other sends)
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
            batch = await self._prepare()
            if batch is None:
                return 0
            await self._send_waves(batch[1])
            return batch[0]

    async def drain(self) -> int:
        """Run until no row is due (the scheduled job, tests, `tdc-bot reminders dispatch`).

        The next batch is claimed and composed while the current one is being sent, so the rate
        does not dip at every batch boundary.
        """
        if self._lock.locked():
            return 0
        total = 0
        async with self._lock:
            batch = await self._prepare()
            while batch is not None:
                total += batch[0]
                sending = asyncio.create_task(self._send_waves(batch[1]))
                try:
                    batch = await self._prepare()
                finally:
                    await sending
        return total

    async def _prepare(self) -> tuple[int, list[list[Ready]]] | None:
        """Recover dead claims, claim a batch, compose it, settle what will not go; (rows, waves)."""
        await self.recover()
        async with self.sessions() as session:
            now = self.clock()
            rows = await outbox.claim(session=session, worker=self.worker, now=now, limit=self.settings.batch_size)
            await session.commit()
        if not rows:
            return None
        async with self.sessions() as session:
            accounts = await outbox.accounts_of(session=session, member_ids=[r.member_id for r in rows])
            verdicts = await self.composer.compose_batch(session, rows, now)
            await session.rollback()
        ready = await self._settle(rows, accounts, verdicts)
        return len(rows), self._plan_waves(ready)

    def _plan_waves(self, ready: list[Ready]) -> list[list[Ready]]:
        """Waves of one channel each, sized so a row is marked `sending` at most about WAVE_SECONDS
        before it goes: what is `uncertain` after a crash is then what was really on its way."""
        waves: list[list[Ready]] = []
        by_channel: dict[str, list[Ready]] = {}
        for item in ready:
            by_channel.setdefault(item.account.channel, []).append(item)
        for channel, items in by_channel.items():
            pacer = getattr(self.outbounds[channel], "pacer", None)
            rate = float(getattr(pacer, "per_second", 0) or 0)
            size = max(1, min(self.settings.concurrency, math.ceil(rate * WAVE_SECONDS) if rate else 10**6))
            waves += [items[i:i + size] for i in range(0, len(items), size)]
        return waves

    async def _send_waves(self, waves: list[list[Ready]]) -> None:
        await asyncio.gather(*(self._waves(waves) for _ in range(min(self.settings.waves, len(waves)))))

    async def _settle(self, rows: Sequence[ReminderOutbox], accounts: dict[int, list[AccountView]],
                      verdicts: dict[int, Message | Skip | Defer]) -> list[Ready]:
        """Rows that will not go now (skipped, deferred, nobody to send to) in one commit; the rest."""
        ready: list[Ready] = []
        async with self.sessions() as session:
            now = self.clock()
            for row in rows:
                assert row.id is not None
                verdict = verdicts[row.id]
                account = pick_account(accounts.get(row.member_id, []), self.outbounds.keys())
                if isinstance(verdict, Defer):
                    await outbox.defer(session=session, row_id=row.id, worker=self.worker, send_at=verdict.until,
                                       now=now)
                    self.counts["deferred"] += 1
                elif isinstance(verdict, Skip) or account is None:
                    state = "skipped" if isinstance(verdict, Skip) else "unreachable"
                    await outbox.finish(session=session, row_id=row.id, worker=self.worker, state=state,
                                        reason=verdict.reason if isinstance(verdict, Skip) else "no_account",
                                        now=now, from_state="claimed")
                    self.counts[state] += 1
                else:
                    ready.append(Ready(row, account, verdict))
            await session.commit()
        return ready

    async def _waves(self, waves: list[list[Ready]]) -> None:
        while waves:
            wave = waves.pop(0)
            try:
                await self._wave(wave)
            except Exception:
                # A bug or a database error: the rows stay claimed (or sending) and the lease recovers them.
                log.exception("could not dispatch outbox rows %s", [r.row.id for r in wave])
                self.counts["error"] += len(wave)

    async def _wave(self, wave: list[Ready]) -> None:
        """Mark the wave `sending` (re-checked row by row) and commit; send; record the outcomes."""
        await self._wait_turn(wave[0].account)  # the wave starts when the channel can take its first message
        async with self.sessions() as session:
            marks = await outbox.mark_wave(session=session, worker=self.worker, now=self.clock(), wave=[
                outbox.Going(item.row, item.account.account_id, item.account.channel) for item in wave])
            await session.commit()
        going = [item for item in wave if marks[item.row.id] is None]  # type: ignore[index]
        for why_not in marks.values():
            if why_not is not None:
                self.counts["skipped" if why_not != "lost" else "lost_claim"] += 1
        deliveries = await asyncio.gather(*(self._send(item, first=i == 0) for i, item in enumerate(going)))
        async with self.sessions() as session:
            final: list[tuple[int, str, str | None]] = []
            for item, delivery in zip(going, deliveries, strict=True):
                state = await self._record(session, item, delivery)
                if state is not None:
                    final.append((item.row.id, state, delivery.detail or None))  # type: ignore[arg-type]
            await outbox.finish_many(session=session, outcomes=final, worker=self.worker, now=self.clock())
            await session.commit()

    async def _send(self, item: Ready, *, first: bool) -> Delivery:
        if not first:
            await self._wait_turn(item.account)
        return await self.outbounds[item.account.channel].deliver(chat_id=item.account.chat_id,
                                                                  text=item.message.text, file=item.message.file)

    async def _wait_turn(self, account: AccountView) -> None:
        """Keep the channel's limits, and a 429 pause, before a message goes."""
        pacer = getattr(self.outbounds[account.channel], "pacer", None)
        wait = self._paused_until.get(account.channel, 0.0) - self.monotonic()
        if pacer is None and wait > 0:
            await asyncio.sleep(wait)
        if pacer is not None:
            await pacer.acquire(account.chat_id)

    async def _record(self, session: AsyncSession, item: Ready, delivery: Delivery) -> str | None:
        """Act on the outcome by type; the final state to record with the wave, or None when done here."""
        row, account = item.row, item.account
        assert row.id is not None
        now = self.clock()
        self.counts[delivery.outcome.value] += 1
        if delivery.outcome is Outcome.SENT:
            return "sent"
        if delivery.outcome is Outcome.UNCERTAIN:
            return "uncertain"
        if delivery.outcome is Outcome.UNREACHABLE:
            await outbox.mark_unreachable(session=session, account_id=account.account_id)
            return "unreachable"
        if delivery.outcome is Outcome.RETRY and delivery.retry_after is not None:
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
        return None

    def _pause(self, channel: str, seconds: float) -> None:
        until = self.monotonic() + seconds
        self._paused_until[channel] = max(self._paused_until.get(channel, until), until)
        pacer = getattr(self.outbounds[channel], "pacer", None)
        if pacer is not None:
            pacer.pause(seconds)
        log.warning("%s asked us to wait %.0f s (429): pausing that channel", channel, seconds)
