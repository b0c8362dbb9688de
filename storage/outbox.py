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

from sqlalchemy import and_, bindparam, func, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.recipients import AccountView
from domain.reminders import ASKING_KINDS, Planned
from storage.models import (
    ChannelAccount,
    Deadline,
    DeadlineUnit,
    Meeting,
    Member,
    Registration,
    ReminderOutbox,
    Unit,
)
from storage.models.runtime import FINAL_STATES

PLANNED_KINDS = ("cutoff", "deadline", "meeting", "digest", "escalation", "petition_due")
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
        await session.exec(update(ReminderOutbox).where(
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
    await session.exec(update(ReminderOutbox).where(col(ReminderOutbox.id).in_(ids))
                       .values(state="claimed", claimed_by=worker, claimed_at=now, updated_at=now))
    rows = (await session.exec(select(ReminderOutbox).where(col(ReminderOutbox.id).in_(ids))
                               .order_by(col(ReminderOutbox.send_at), col(ReminderOutbox.id))
                               .execution_options(populate_existing=True))).all()
    return list(rows)


async def _run(session: AsyncSession, statement: Any) -> Any:
    """An UPDATE through the session's connection, as Core: the ORM's per-statement bookkeeping
    (synchronising loaded objects) cost more than the statement itself on the send path."""
    connection = await session.connection()
    return await connection.execute(statement)


def _mine(row_id: int, worker: str, state: str) -> Any:
    return and_(col(ReminderOutbox.id) == row_id, col(ReminderOutbox.claimed_by) == worker,
                col(ReminderOutbox.state) == state)


@dataclass(frozen=True)
class Going:
    """A row of a wave about to be marked `sending`, with the account it goes to."""

    row: ReminderOutbox
    account_id: int
    channel: str


def _guard_group(row: ReminderOutbox) -> str:
    kind, _, ident = row.subject.partition(":")
    if row.unit_id is None or not ident.isdecimal():
        return "none"
    if kind == "meeting" and row.kind in ("cutoff", "nudge", "escalation"):
        return "registered"
    if kind == "meeting" and row.kind == "meeting":
        return "withdrawn"
    if kind == "deadline" and row.kind in ("deadline", "nudge", "escalation"):
        return "submitted"
    return "none"


def _wave_statement(group: str) -> Any:
    """One UPDATE for every row of a guard group, run as executemany (one round trip)."""
    mine = and_(col(ReminderOutbox.id) == bindparam("rid"), col(ReminderOutbox.claimed_by) == bindparam("worker"),
                col(ReminderOutbox.state) == "claimed")
    registered = select(Registration.id).where(Registration.meeting_id == bindparam("subject_id"),
                                               Registration.unit_id == bindparam("unit")).exists()
    submitted = select(DeadlineUnit.unit_id).where(DeadlineUnit.deadline_id == bindparam("subject_id"),
                                                   DeadlineUnit.unit_id == bindparam("unit"),
                                                   col(DeadlineUnit.submitted_at).is_not(None)).exists()
    guard = {"registered": ~registered, "withdrawn": registered, "submitted": ~submitted}.get(group)
    where = and_(mine, guard) if guard is not None else mine
    return update(ReminderOutbox).where(where).values(
        state="sending", account_id=bindparam("aid"), channel=bindparam("ch"), attempts=ReminderOutbox.attempts + 1,
        claimed_at=bindparam("now"), updated_at=bindparam("now"))


GUARD_REASONS = {"registered": "registered", "withdrawn": "withdrawn", "submitted": "submitted"}


async def mark_wave(*, session: AsyncSession, wave: Sequence[Going], worker: str,
                    now: datetime) -> dict[int, str | None]:
    """Mark a wave `sending` in a few statements; per row None (marked), a skip reason, or "lost".

    Each row's reason is checked in its own UPDATE's WHERE (the unit has not registered or
    submitted this instant; a meeting reminder's unit is still registered). Rows whose check
    failed are marked skipped with the reason, in the same transaction.
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in wave:
        row = item.row
        groups.setdefault(_guard_group(row), []).append({
            "rid": row.id, "worker": worker, "aid": item.account_id, "ch": item.channel, "now": now,
            "subject_id": int(row.subject.partition(":")[2] or 0) if row.subject.partition(":")[2].isdecimal() else 0,
            "unit": row.unit_id})
    connection = await session.connection()
    for group, params in groups.items():
        await connection.execute(_wave_statement(group), params)
    ids = [item.row.id for item in wave]
    states: dict[int, str] = dict((await connection.execute(
        select(ReminderOutbox.id, ReminderOutbox.state).where(col(ReminderOutbox.id).in_(ids),
                                                             col(ReminderOutbox.claimed_by) == worker))).all())
    out: dict[int, str | None] = {}
    skips: dict[str, list[int]] = {}
    for item in wave:
        assert item.row.id is not None
        state = states.get(item.row.id)
        if state == "sending":
            out[item.row.id] = None
        elif state == "claimed":
            reason = GUARD_REASONS.get(_guard_group(item.row), "lost")
            out[item.row.id] = reason
            skips.setdefault(reason, []).append(item.row.id)
        else:
            out[item.row.id] = "lost"
    for reason, row_ids in skips.items():
        await connection.execute(update(ReminderOutbox).where(
            col(ReminderOutbox.id).in_(row_ids), col(ReminderOutbox.claimed_by) == worker,
            col(ReminderOutbox.state) == "claimed").values(state="skipped", reason=reason, updated_at=now))
    return out


async def finish_many(*, session: AsyncSession, outcomes: Sequence[tuple[int, str, str | None]], worker: str,
                      now: datetime) -> None:
    """Final states for rows this worker is sending, (row id, state, reason) each, in one round trip."""
    if not outcomes:
        return
    statement = update(ReminderOutbox).where(
        col(ReminderOutbox.id) == bindparam("rid"), col(ReminderOutbox.claimed_by) == worker,
        col(ReminderOutbox.state) == "sending").values(
        state=bindparam("st"), reason=bindparam("why"), sent_at=bindparam("sent"), updated_at=now)
    params = [{"rid": rid, "st": st, "why": (why or None) and why[:500], "sent": now if st == "sent" else None}
              for rid, st, why in outcomes]
    connection = await session.connection()
    await connection.execute(statement, params)


async def finish(*, session: AsyncSession, row_id: int, worker: str, state: str, reason: str | None,
                 now: datetime, from_state: str = "sending") -> bool:
    """A final state for a row this worker holds (sent, skipped, failed, unreachable, uncertain)."""
    if state not in FINAL_STATES:
        raise ValueError(state)
    values: dict[str, Any] = {"state": state, "reason": (reason or None) and reason[:500], "updated_at": now}
    if state == "sent":
        values["sent_at"] = now
    result = await _run(session, update(ReminderOutbox).where(_mine(row_id, worker, from_state)).values(**values))
    return bool(result.rowcount == 1)


async def retry_later(*, session: AsyncSession, row_id: int, worker: str, send_at: datetime, reason: str,
                      now: datetime, count_attempt: bool = True, from_state: str = "sending") -> None:
    """Back to pending at `send_at` (a 5xx or a refused connection; a 429 does not count as an attempt)."""
    values: dict[str, Any] = {"state": "pending", "send_at": send_at, "reason": reason[:500], "claimed_by": None,
                              "claimed_at": None, "updated_at": now}
    if not count_attempt:
        values["attempts"] = ReminderOutbox.attempts - 1
    await _run(session, update(ReminderOutbox).where(_mine(row_id, worker, from_state)).values(**values))


async def defer(*, session: AsyncSession, row_id: int, worker: str, send_at: datetime, now: datetime) -> None:
    """A claimed row found outside working hours: back to pending until the window opens (not sent)."""
    await _run(session, update(ReminderOutbox).where(_mine(row_id, worker, "claimed"))
               .values(state="pending", send_at=send_at, claimed_by=None, claimed_at=None, updated_at=now))


async def release(*, session: AsyncSession, worker: str, row_ids: Iterable[int], now: datetime) -> None:
    """Give back claimed rows this worker will not send now (shutting down): never sent, so pending."""
    ids = list(row_ids)
    if ids:
        await session.exec(update(ReminderOutbox).where(
            col(ReminderOutbox.id).in_(ids), col(ReminderOutbox.claimed_by) == worker,
            col(ReminderOutbox.state) == "claimed")
            .values(state="pending", claimed_by=None, claimed_at=None, updated_at=now))


async def recover(*, session: AsyncSession, now: datetime, older_than: datetime | None) -> tuple[int, int]:
    """Claims left by a dead worker: `claimed` → pending, `sending` → uncertain. Returns both counts.

    `older_than=None` takes every claim: only for a dispatcher that knows no other one runs (the
    SQLite lock). Otherwise only claims whose worker gave no sign since `older_than` (the lease).
    """
    stale = [] if older_than is None else [col(ReminderOutbox.claimed_at) < older_than]
    back = await session.exec(update(ReminderOutbox).where(
        col(ReminderOutbox.state) == "claimed", *stale)
        .values(state="pending", claimed_by=None, claimed_at=None, updated_at=now))
    lost = await session.exec(update(ReminderOutbox).where(
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
    await session.exec(update(ChannelAccount).where(col(ChannelAccount.id) == account_id)
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


async def preload(*, session: AsyncSession, rows: Sequence[ReminderOutbox]) -> list[Any]:
    """Load what a batch refers to (people, units, meetings, deadlines) in four statements, so that
    `session.get` finds them in the identity map instead of asking the database row by row.

    The identity map holds objects weakly: keep the returned list while the batch is composed."""
    loaded: list[Any] = []
    subjects: dict[str, set[int]] = {"meeting": set(), "deadline": set()}
    for row in rows:
        kind, _, ident = row.subject.partition(":")
        if kind in subjects and ident.isdecimal():
            subjects[kind].add(int(ident))
    for model, ids in ((Member, {r.member_id for r in rows}), (Unit, {r.unit_id for r in rows if r.unit_id}),
                       (Meeting, subjects["meeting"]), (Deadline, subjects["deadline"])):
        if ids:
            loaded += (await session.exec(select(model).where(col(model.id).in_(sorted(ids))))).all()
    return loaded


async def registered_pairs(*, session: AsyncSession, rows: Sequence[ReminderOutbox]) -> set[tuple[int, int]]:
    """(meeting, unit) registrations among the meetings a batch is about."""
    ids = sorted({int(r.subject.partition(":")[2]) for r in rows
                  if r.subject.startswith("meeting:") and r.subject.partition(":")[2].isdecimal()})
    if not ids:
        return set()
    found = (await session.exec(select(Registration.meeting_id, Registration.unit_id)
                                .where(col(Registration.meeting_id).in_(ids)))).all()
    return {(m, u) for m, u in found}


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

