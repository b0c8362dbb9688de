"""The reminder outbox: planned rows in, claims out, every row to a final state with a reason.

The rules that make a crash or a second worker lose nothing and double nothing live here:
- a row is inserted at most once per (reminder_key, member): INSERT … ON CONFLICT DO NOTHING;
- a claim takes due pending rows with FOR UPDATE SKIP LOCKED on PostgreSQL (two dispatchers
  never take the same row); on SQLite the claim's BEGIN IMMEDIATE makes claims one at a time;
- `sending` is committed before the request goes out, and every later change is conditional on
  the row still being this worker's, so a row recovered meanwhile is never sent twice;
- a claim nobody finished (the worker died) is recovered: `claimed` back to pending (it was not
  sent), `sending` to `uncertain` (it may have arrived: never resent blindly).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.recipients import AccountView
from domain.reminders import ASKING_KINDS, Planned
from storage.models import ChannelAccount, Member, ReminderOutbox
from storage.models.runtime import FINAL_STATES

PLANNED_KINDS = ("cutoff", "deadline", "meeting", "digest", "escalation")
LIVE_STATES = ("pending", "claimed", "sending")


def _insert_for(session: AsyncSession) -> Any:
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    return postgresql_insert if dialect == "postgresql" else sqlite_insert


async def add_rows(*, session: AsyncSession, rows: Sequence[Planned], now: datetime,
                   text: str | None = None) -> int:
    """Insert planned rows; those already there (same key and member) are left as they are."""
    if not rows:
        return 0
    values = [{"reminder_key": r.key, "member_id": r.member_id, "kind": r.kind, "subject": r.subject,
               "unit_id": r.unit_id, "final": r.final, "text": text, "send_at": r.send_at, "not_after": r.not_after,
               "state": "pending", "attempts": 0, "created_at": now, "updated_at": now} for r in rows]
    statement = _insert_for(session)(ReminderOutbox).on_conflict_do_nothing(
        index_elements=["reminder_key", "member_id"]).returning(ReminderOutbox.id)
    connection = await session.connection()
    added = 0
    for start in range(0, len(values), 500):
        added += len((await connection.execute(statement, values[start:start + 500])).all())
    return added


async def pending_planned(*, session: AsyncSession) -> list[ReminderOutbox]:
    """Pending rows the planner owns (not announcements or nudges): candidates for superseding."""
    return list((await session.exec(select(ReminderOutbox).where(
        ReminderOutbox.state == "pending", col(ReminderOutbox.kind).in_(PLANNED_KINDS)))).all())


async def skip_rows(*, session: AsyncSession, reasons: dict[int, str], now: datetime) -> None:
    """Mark pending rows skipped, each with its reason (only rows still pending change)."""
    by_reason: dict[str, list[int]] = {}
    for row_id, reason in reasons.items():
        by_reason.setdefault(reason, []).append(row_id)
    for reason, ids in by_reason.items():
        await session.exec(update(ReminderOutbox).where(  # type: ignore[call-overload]
            col(ReminderOutbox.id).in_(ids), col(ReminderOutbox.state) == "pending")
            .values(state="skipped", reason=reason, updated_at=now))


async def claim(*, session: AsyncSession, worker: str, now: datetime, limit: int) -> list[ReminderOutbox]:
    """Take up to `limit` due pending rows for `worker`, oldest first; the caller commits at once."""
    due = (select(ReminderOutbox.id).where(ReminderOutbox.state == "pending", col(ReminderOutbox.send_at) <= now)
           .order_by(col(ReminderOutbox.send_at), col(ReminderOutbox.id)).limit(limit)
           .with_for_update(skip_locked=True))
    ids = list((await session.exec(due)).all())
    if not ids:
        return []
    await session.exec(update(ReminderOutbox).where(col(ReminderOutbox.id).in_(ids))  # type: ignore[call-overload]
                       .values(state="claimed", claimed_by=worker, claimed_at=now, updated_at=now))
    rows = (await session.exec(select(ReminderOutbox).where(col(ReminderOutbox.id).in_(ids))
                               .order_by(col(ReminderOutbox.send_at), col(ReminderOutbox.id))
                               .execution_options(populate_existing=True))).all()
    return list(rows)


def _mine(row_id: int, worker: str, state: str) -> Any:
    return and_(col(ReminderOutbox.id) == row_id, col(ReminderOutbox.claimed_by) == worker,
                col(ReminderOutbox.state) == state)


async def mark_sending(*, session: AsyncSession, row_id: int, worker: str, account_id: int, channel: str,
                       now: datetime) -> bool:
    """Record that the request is about to go out; False if the row is no longer this worker's claim."""
    result = await session.exec(update(ReminderOutbox).where(_mine(row_id, worker, "claimed"))  # type: ignore[call-overload]
                                .values(state="sending", account_id=account_id, channel=channel,
                                        attempts=ReminderOutbox.attempts + 1, claimed_at=now, updated_at=now))
    return bool(result.rowcount == 1)


async def finish(*, session: AsyncSession, row_id: int, worker: str, state: str, reason: str | None,
                 now: datetime, from_state: str = "sending") -> bool:
    """A final state for a row this worker holds (sent, skipped, failed, unreachable, uncertain)."""
    if state not in FINAL_STATES:
        raise ValueError(state)
    values: dict[str, Any] = {"state": state, "reason": (reason or None) and reason[:500], "updated_at": now}
    if state == "sent":
        values["sent_at"] = now
    result = await session.exec(update(ReminderOutbox).where(_mine(row_id, worker, from_state))  # type: ignore[call-overload]
                                .values(**values))
    return bool(result.rowcount == 1)


async def retry_later(*, session: AsyncSession, row_id: int, worker: str, send_at: datetime, reason: str,
                      now: datetime, count_attempt: bool = True, from_state: str = "sending") -> None:
    """Back to pending at `send_at` (a 5xx or a refused connection; a 429 does not count as an attempt)."""
    values: dict[str, Any] = {"state": "pending", "send_at": send_at, "reason": reason[:500], "claimed_by": None,
                              "claimed_at": None, "updated_at": now}
    if not count_attempt:
        values["attempts"] = ReminderOutbox.attempts - 1
    await session.exec(update(ReminderOutbox).where(_mine(row_id, worker, from_state))  # type: ignore[call-overload]
                       .values(**values))


async def defer(*, session: AsyncSession, row_id: int, worker: str, send_at: datetime, now: datetime) -> None:
    """A claimed row found outside working hours: back to pending until the window opens (not sent)."""
    await session.exec(update(ReminderOutbox).where(_mine(row_id, worker, "claimed"))  # type: ignore[call-overload]
                       .values(state="pending", send_at=send_at, claimed_by=None, claimed_at=None, updated_at=now))


async def release(*, session: AsyncSession, worker: str, row_ids: Iterable[int], now: datetime) -> None:
    """Give back claimed rows this worker will not send now (shutting down): never sent, so pending."""
    ids = list(row_ids)
    if ids:
        await session.exec(update(ReminderOutbox).where(  # type: ignore[call-overload]
            col(ReminderOutbox.id).in_(ids), col(ReminderOutbox.claimed_by) == worker,
            col(ReminderOutbox.state) == "claimed")
            .values(state="pending", claimed_by=None, claimed_at=None, updated_at=now))


async def recover(*, session: AsyncSession, now: datetime, older_than: datetime | None) -> tuple[int, int]:
    """Claims left by a dead worker: `claimed` → pending, `sending` → uncertain. Returns both counts.

    `older_than=None` takes every claim: only for a dispatcher that knows no other one runs (the
    SQLite lock). Otherwise only claims whose worker gave no sign since `older_than` (the lease).
    """
    stale = [] if older_than is None else [col(ReminderOutbox.claimed_at) < older_than]
    back = await session.exec(update(ReminderOutbox).where(  # type: ignore[call-overload]
        col(ReminderOutbox.state) == "claimed", *stale)
        .values(state="pending", claimed_by=None, claimed_at=None, updated_at=now))
    lost = await session.exec(update(ReminderOutbox).where(  # type: ignore[call-overload]
        col(ReminderOutbox.state) == "sending", *stale)
        .values(state="uncertain", updated_at=now,
                reason="the dispatcher stopped while sending: it may have arrived, so it is not sent again"))
    return int(back.rowcount or 0), int(lost.rowcount or 0)


async def accounts_of(*, session: AsyncSession, member_ids: Iterable[int]) -> dict[int, list[AccountView]]:
    """The channel accounts of active members, as the account choice sees them."""
    ids = sorted(set(member_ids))
    if not ids:
        return {}
    rows = (await session.exec(
        select(ChannelAccount).join(Member, col(Member.id) == col(ChannelAccount.member_id))
        .where(col(ChannelAccount.member_id).in_(ids), col(Member.active).is_(True)))).all()
    out: dict[int, list[AccountView]] = {}
    for a in rows:
        out.setdefault(a.member_id, []).append(
            AccountView(a.id, a.channel, a.chat_id, a.reachable, a.last_seen_at))  # type: ignore[arg-type]
    return out


async def mark_unreachable(*, session: AsyncSession, account_id: int) -> None:
    """The person blocked the bot (403): no more sends to this account until they write again."""
    await session.exec(update(ChannelAccount).where(col(ChannelAccount.id) == account_id)  # type: ignore[call-overload]
                       .values(reachable=False))


async def asked_counts(*, session: AsyncSession) -> dict[tuple[str, int], int]:
    """How many asking rounds (distinct keys) reached each (subject, unit): the escalation count."""
    rows = (await session.exec(
        select(ReminderOutbox.subject, ReminderOutbox.unit_id, func.count(func.distinct(ReminderOutbox.reminder_key)))
        .where(ReminderOutbox.state == "sent", col(ReminderOutbox.kind).in_(ASKING_KINDS),
               col(ReminderOutbox.unit_id).is_not(None))
        .group_by(col(ReminderOutbox.subject), col(ReminderOutbox.unit_id)))).all()
    return {(subject, unit_id): n for subject, unit_id, n in rows if unit_id is not None}


async def asked_count(*, session: AsyncSession, subject: str, unit_id: int | None) -> int:
    """Asking rounds (distinct keys) sent to a unit's people about one subject."""
    return int((await session.exec(
        select(func.count(func.distinct(ReminderOutbox.reminder_key)))
        .where(ReminderOutbox.state == "sent", col(ReminderOutbox.kind).in_(ASKING_KINDS),
               ReminderOutbox.subject == subject, ReminderOutbox.unit_id == unit_id))).one())


async def later_round_due(*, session: AsyncSession, row: ReminderOutbox, now: datetime) -> bool:
    """Whether a later round of the same series for the same person is due too (this one is overtaken)."""
    found = (await session.exec(select(ReminderOutbox.id).where(
        ReminderOutbox.member_id == row.member_id, ReminderOutbox.subject == row.subject,
        ReminderOutbox.kind == row.kind, col(ReminderOutbox.id) != row.id,
        col(ReminderOutbox.send_at) > row.send_at, col(ReminderOutbox.send_at) <= now,
        col(ReminderOutbox.state).in_((*LIVE_STATES, "sent"))).limit(1))).first()
    return found is not None


@dataclass(frozen=True)
class SubjectStatus:
    """The outbox for one meeting, deadline or unit: counts by state, what goes next, escalations."""

    subject: str
    counts: Counter[str]
    next_at: datetime | None
    escalated_units: tuple[int, ...]
    unreachable_members: tuple[int, ...]


async def status_by_subject(*, session: AsyncSession) -> list[SubjectStatus]:
    """Counts per subject and state, the next pending moment, escalations and unreachable people."""
    counts = (await session.exec(select(ReminderOutbox.subject, ReminderOutbox.state, func.count())
                                 .group_by(col(ReminderOutbox.subject), col(ReminderOutbox.state)))).all()
    nexts = dict((await session.exec(select(ReminderOutbox.subject, func.min(ReminderOutbox.send_at))
                                     .where(ReminderOutbox.state == "pending")
                                     .group_by(col(ReminderOutbox.subject)))).all())
    escalated = (await session.exec(select(ReminderOutbox.subject, ReminderOutbox.unit_id).distinct()
                                    .where(ReminderOutbox.kind == "escalation",
                                           col(ReminderOutbox.state).in_(("sent", *LIVE_STATES))))).all()
    unreachable = (await session.exec(select(ReminderOutbox.subject, ReminderOutbox.member_id).distinct()
                                      .where(ReminderOutbox.state == "unreachable"))).all()
    by: dict[str, Counter[str]] = {}
    for subject, state, n in counts:
        by.setdefault(subject, Counter())[state] += n
    return [SubjectStatus(s, c, nexts.get(s),
                          tuple(sorted(u for subj, u in escalated if subj == s and u is not None)),
                          tuple(sorted(m for subj, m in unreachable if subj == s)))
            for s, c in sorted(by.items(), key=lambda kv: (nexts.get(kv[0]) is None, kv[0]))]


async def upcoming(*, session: AsyncSession, limit: int = 20, until: datetime | None = None) -> list[ReminderOutbox]:
    """Pending rows, soonest first: what goes out next."""
    query = select(ReminderOutbox).where(ReminderOutbox.state == "pending")
    if until is not None:
        query = query.where(col(ReminderOutbox.send_at) <= until)
    return list((await session.exec(query.order_by(col(ReminderOutbox.send_at), col(ReminderOutbox.id))
                                    .limit(limit))).all())


async def state_counts(*, session: AsyncSession) -> Counter[str]:
    rows = (await session.exec(select(ReminderOutbox.state, func.count()).group_by(col(ReminderOutbox.state)))).all()
    return Counter(dict(rows))

