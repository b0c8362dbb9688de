"""Reminders before a petition's answer deadline: the officers of the unit it was assigned to.

The same rounds as a report deadline (working days before, and the morning of the last day),
counted from the answer deadline; a round that fell before the assignment was never missed.
The key names the deadline's moment, so a deadline moved by the organiser gives new rounds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.reminder_timing import last_day
from domain.reminders import Person, Planned, Policy, officers_of, rounds_before, stamp
from domain.workdays import WorkCalendar

KIND = "petition_due"


@dataclass(frozen=True)
class PetitionDue:
    """A petition waiting for its assigned unit's answer."""

    petition_id: int
    unit_id: int
    due: datetime
    assigned_at: datetime


def subject_of(petition_id: int) -> str:
    return f"petition:{petition_id}"


def due_key(petition_id: int, due: datetime, label: str) -> str:
    return f"{KIND}:p{petition_id}@{stamp(due)}:{label}"


def plan_petitions(waiting: Sequence[PetitionDue], people: Sequence[Person], now: datetime, *, policy: Policy,
                   calendar: WorkCalendar, tz: ZoneInfo, horizon: timedelta) -> list[Planned]:
    """Every round due up to `horizon` from now for every waiting petition, one per (key, member)."""
    by_unit: dict[int, list[Person]] = {}
    for person in people:
        by_unit.setdefault(person.unit_id, []).append(person)
    out: dict[tuple[str, int], Planned] = {}
    for item in waiting:
        out.update(((p.key, p.member_id), p) for p in _rounds(item, by_unit, now, policy=policy, calendar=calendar,
                                                               tz=tz, horizon=horizon))
    return sorted(out.values(), key=lambda p: (p.send_at, p.key, p.member_id))


def _rounds(item: PetitionDue, by_unit: Mapping[int, Sequence[Person]], now: datetime, *, policy: Policy,
            calendar: WorkCalendar, tz: ZoneInfo, horizon: timedelta) -> list[Planned]:
    rounds = rounds_before(last_day(item.due, tz), item.due, policy.deadline_days_before, policy.deadline_on_the_day,
                           policy=policy, calendar=calendar, tz=tz)
    since = min(item.assigned_at, now)
    planned: list[Planned] = []
    for round_ in rounds:
        if round_.send_at < since or round_.send_at > now + horizon or item.due <= now:
            continue
        key = due_key(item.petition_id, item.due, round_.label)
        planned += [Planned(key, p.member_id, KIND, subject_of(item.petition_id), item.unit_id, round_.send_at,
                            item.due, round_.final) for p in officers_of(item.unit_id, by_unit)
                    if round_.final or not p.muted]
    return planned
