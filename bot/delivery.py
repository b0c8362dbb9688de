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

A channel with a monthly budget (a Zalo bot: bot/send_budget.py) has each message taken from it
in the commit that marks the wave `sending`, so the count is what went out or may have; which
channels may take a message at all (a quota 429, a spent budget) is bot/channel_gate.py.
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
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import send_budget
from bot.channel_gate import ChannelGate
from bot.channels.outbound import Delivery, Outbound, Outcome
from bot.send_budget import Taken
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
    accounts: tuple[AccountView, ...] = ()  # all the person's accounts (a Zalo 429 may turn to another)
    taken: Taken | None = None  # what it took from the channel's monthly budget


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
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _again: bool = False  # rows were put back due now (rerouted, notices queued): look once more

    def __post_init__(self) -> None:
        self.gate = ChannelGate(self.outbounds, monotonic=lambda: self.monotonic())

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
                if batch is None and self._again:
                    self._again = False
                    batch = await self._prepare()
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
            usable = self.gate.usable(now)
            for row in rows:
                assert row.id is not None
                verdict = verdicts[row.id]
                mine = accounts.get(row.member_id, [])
                account = pick_account(mine, usable)
                why_not = self.gate.why_not(mine, now) if account is None else None
                if isinstance(verdict, Skip):
                    await self._end(session, row, "skipped", verdict.reason, now)
                elif isinstance(verdict, Defer) or isinstance(why_not, datetime):
                    until = verdict.until if isinstance(verdict, Defer) else why_not
                    assert isinstance(until, datetime)
                    await outbox.defer(session=session, row_id=row.id, worker=self.worker, send_at=until, now=now)
                    self.counts["deferred"] += 1
                elif account is None:
                    state = "unreachable" if why_not == "no_account" else "undeliverable"
                    await self._end(session, row, state, str(why_not), now)
                else:
                    ready.append(Ready(row, account, verdict, tuple(mine)))
            await session.commit()
        return ready

    async def _end(self, session: AsyncSession, row: ReminderOutbox, state: str, reason: str, now: datetime) -> None:
        assert row.id is not None
        await outbox.finish(session=session, row_id=row.id, worker=self.worker, state=state, reason=reason, now=now,
                            from_state="claimed")
        self.counts[state] += 1

    async def _take_budget(self, session: AsyncSession, wave: list[Ready], now: datetime) -> list[Ready]:
        """Take each message of the wave from its channel's monthly budget, in the commit that marks
        it `sending`: what is counted is exactly what went out or may have (a crash before the commit
        takes nothing). A refused one goes back to pending for the person's other account (their
        Telegram account takes it at the next claim), or is `undeliverable` with the reason."""
        channel = wave[0].account.channel
        budget = self.gate.budget_of(channel)
        if budget is None:
            return wave
        count_of = getattr(self.outbounds[channel], "message_count", lambda text, file: 1)
        kept: list[Ready] = []
        for item in wave:
            assert item.row.id is not None
            took, taken = await send_budget.take(session=session, budget=budget,
                                                 count=count_of(item.message.text, item.message.file), now=now)
            self._again = self._again or took.warn or took.spent_first  # the organisers' notice is due now
            if took.allowed:
                kept.append(replace(item, taken=taken))
                continue
            self.gate.note_spent(channel, took.month, send_budget.reason_spent(budget, took))
            if pick_account(item.accounts, self.gate.usable(now)) is not None:
                await outbox.defer(session=session, row_id=item.row.id, worker=self.worker, send_at=now, now=now)
                self.counts["rerouted"] += 1
                self._again = True
            else:
                await self._end(session, item.row, "undeliverable", send_budget.reason_spent(budget, took), now)
        return kept

    async def _hold_back(self, wave: list[Ready]) -> None:
        """Claimed rows for a channel that stopped taking messages since the batch was settled (a
        quota 429, a spent budget): never sent, so back to pending, at once for a person with
        another account, else when the pause ends (a spent budget is settled at the next claim)."""
        async with self.sessions() as session:
            now = self.clock()
            for item in wave:
                assert item.row.id is not None
                other = pick_account(item.accounts, self.gate.usable(now))
                wait = 0.0 if other is not None else max(0.0, self.gate.paused_for(item.account.channel))
                await outbox.defer(session=session, row_id=item.row.id, worker=self.worker,
                                   send_at=now + timedelta(seconds=wait), now=now)
                self.counts["deferred"] += 1
                self._again = self._again or wait == 0
            await session.commit()

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
        if wave[0].account.channel not in self.gate.usable(self.clock()):
            await self._hold_back(wave)
            return
        await self._wait_turn(wave[0].account)  # the wave starts when the channel can take its first message
        async with self.sessions() as session:
            now = self.clock()
            wave = await self._take_budget(session, wave, now)
            marks = await outbox.mark_wave(session=session, worker=self.worker, now=now, wave=[
                outbox.Going(item.row, item.account.account_id, item.account.channel) for item in wave])
            for item in wave:
                if item.taken is not None and marks[item.row.id] is not None:  # type: ignore[index]
                    await send_budget.give(session=session, taken=item.taken)  # skipped at the last check
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
        wait = self.gate.paused_for(account.channel)
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
        if item.taken is not None:  # certainly not sent: the budget gets it back
            await send_budget.give(session=session, taken=item.taken)
        if delivery.outcome is Outcome.RETRY and delivery.quota and delivery.retry_after is not None:
            await self._quota_exceeded(session, item, delivery, now)
            return None
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

    async def _quota_exceeded(self, session: AsyncSession, item: Ready, delivery: Delivery, now: datetime) -> None:
        """A 429 from a budgeted channel (Zalo: "quota exceeded") is a spent budget for this send.

        The channel is paused for retry_after, as a Telegram 429 pauses Telegram, and while it is
        paused no row is given to it. This row goes back to pending without counting an attempt:
        at once when the person has another account that can take it (their Telegram account gets
        it at the next claim), else after retry_after, when Zalo is tried again.
        """
        row, channel = item.row, item.account.channel
        assert row.id is not None and delivery.retry_after is not None
        self._pause(channel, delivery.retry_after)
        other = pick_account(item.accounts, self.gate.usable(now))
        wait = timedelta(0) if other is not None else timedelta(seconds=delivery.retry_after)
        self._again = self._again or other is not None
        await outbox.retry_later(session=session, row_id=row.id, worker=self.worker, send_at=now + wait,
                                 reason=delivery.detail, now=now, count_attempt=False)

    def _pause(self, channel: str, seconds: float) -> None:
        self.gate.pause(channel, seconds)
        pacer = getattr(self.outbounds[channel], "pacer", None)
        if pacer is not None:
            pacer.pause(seconds)
        log.warning("%s asked us to wait %.0f s (429): pausing that channel", channel, seconds)
