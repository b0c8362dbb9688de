"""Who is reminded of what, and when: the reminder policies, pure, over facts and a frozen clock.

The planner (bot/planner.py) gathers facts from the database, calls `plan`, and writes each
`Planned` as an outbox row keyed by (key, member). A key names the round and the moment it is
about ("cutoff:m12@202605260000:r3"), so a moved cutoff or meeting gives new keys: the old
rows are superseded and the new ones planned. Nothing here reads a clock, a database or a chat.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.reminder_timing import WorkingHours, last_day, legal_end, place, working_day_on_or_before
from domain.workdays import WorkCalendar

KINDS = ("cutoff", "deadline", "meeting", "digest", "escalation", "announcement", "nudge")
# Kinds whose rounds count towards escalation: the unit's officers were asked to act.
ASKING_KINDS = ("cutoff", "deadline", "nudge")


@dataclass(frozen=True)
class Policy:
    """The rounds, as configured ([reminders] in config.toml)."""

    cutoff_days_before: tuple[int, ...] = (3, 1)
    cutoff_last_morning: bool = True
    deadline_days_before: tuple[int, ...] = (7, 3, 1)
    deadline_on_the_day: bool = True
    meeting_day_before_at: time = time(15, 0)
    meeting_minutes_before: int = 60
    digest_weekday: int = 0  # Monday
    digest_days: int = 14
    escalate_after: int = 2
    max_late: timedelta = timedelta(hours=24)
    hours: WorkingHours = field(default_factory=WorkingHours)


@dataclass(frozen=True)
class Person:
    """A member who may be reminded: their unit, role and whether they muted the early rounds."""

    member_id: int
    unit_id: int
    role: str
    muted: bool = False


@dataclass(frozen=True)
class CutoffFacts:
    """A meeting open for registration: who is invited and who has registered."""

    meeting_id: int
    cutoff: datetime
    created_at: datetime
    invited: frozenset[int]
    registered: frozenset[int]


@dataclass(frozen=True)
class MeetingFacts:
    """A meeting that will take place: registered units and attendees who have an account."""

    meeting_id: int
    start: datetime
    created_at: datetime
    registered: frozenset[int]
    attendee_members: frozenset[int] = frozenset()


@dataclass(frozen=True)
class DeadlineFacts:
    """A report or follow-up owed by units, due at an exclusive end."""

    deadline_id: int
    due: datetime
    created_at: datetime
    owed: frozenset[int]
    submitted: frozenset[int]


@dataclass(frozen=True)
class Planned:
    """One message to one person, as the outbox will hold it."""

    key: str
    member_id: int
    kind: str
    subject: str
    unit_id: int | None
    send_at: datetime
    not_after: datetime | None
    final: bool


@dataclass(frozen=True)
class Round:
    label: str
    send_at: datetime
    final: bool


@dataclass(frozen=True)
class Facts:
    """Everything `plan` needs; `asked` counts the asking rounds already sent per (subject, unit)."""

    people: Sequence[Person]
    cutoffs: Sequence[CutoffFacts] = ()
    meetings: Sequence[MeetingFacts] = ()
    deadlines: Sequence[DeadlineFacts] = ()
    asked: Mapping[tuple[str, int], int] = field(default_factory=dict)


def stamp(moment: datetime) -> str:
    """The moment a key is about, in UTC minutes: a moved cutoff or meeting gives a new key."""
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y%m%d%H%M")


def officers_of(unit_id: int, people_by_unit: Mapping[int, Sequence[Person]]) -> list[Person]:
    """Who is addressed for a unit: its officers, or its heads when it has no officer."""
    members = people_by_unit.get(unit_id, ())
    officers = [p for p in members if p.role == "officer"]
    return officers or [p for p in members if p.role == "unit_head"]


def heads_of(unit_id: int, people_by_unit: Mapping[int, Sequence[Person]]) -> list[Person]:
    return [p for p in people_by_unit.get(unit_id, ()) if p.role == "unit_head"]


def rounds_before(last: date, not_after: datetime, days_before: Iterable[int], on_the_day: bool, *,
                  policy: Policy, calendar: WorkCalendar, tz: ZoneInfo, now: datetime | None = None) -> list[Round]:
    """The rounds counted in working days back from the last day; the latest one is final."""
    found: dict[datetime, Round] = {}
    for n in sorted(set(days_before), reverse=True):
        day = calendar.add_working_days(working_day_on_or_before(last, calendar), -n) if n > 0 else last
        moment = datetime.combine(day, policy.hours.start, tzinfo=tz)
        placed = place(moment, not_after=not_after, now=now, calendar=calendar, hours=policy.hours, tz=tz)
        found.setdefault(placed, Round(f"r{n}", placed, False))
    if on_the_day:
        moment = datetime.combine(last, policy.hours.start, tzinfo=tz)
        placed = place(moment, not_after=not_after, now=now, calendar=calendar, hours=policy.hours, tz=tz)
        found[placed] = Round("last", placed, False)
    ordered = [r for at, r in sorted(found.items()) if at < not_after]
    if ordered:
        ordered[-1] = Round(ordered[-1].label, ordered[-1].send_at, True)
    return ordered


def _to_people(people: Iterable[Person], round_: Round, *, key: str, kind: str, subject: str, unit_id: int | None,
               not_after: datetime | None) -> list[Planned]:
    return [Planned(key, p.member_id, kind, subject, unit_id, round_.send_at, not_after, round_.final)
            for p in people if round_.final or not p.muted]


def plan_cutoff(facts: CutoffFacts, people_by_unit: Mapping[int, Sequence[Person]], *, policy: Policy,
                calendar: WorkCalendar, tz: ZoneInfo) -> list[Planned]:
    """Before a registration cutoff: the officers of every invited unit that has not registered."""
    subject = f"meeting:{facts.meeting_id}"
    rounds = rounds_before(last_day(facts.cutoff, tz), facts.cutoff, policy.cutoff_days_before,
                           policy.cutoff_last_morning, policy=policy, calendar=calendar, tz=tz)
    out: list[Planned] = []
    for round_ in rounds:
        if round_.send_at < facts.created_at:
            continue  # a round that fell before the meeting existed was never missed
        key = f"cutoff:m{facts.meeting_id}@{stamp(facts.cutoff)}:{round_.label}"
        for unit_id in sorted(facts.invited - facts.registered):
            out += _to_people(officers_of(unit_id, people_by_unit), round_, key=key, kind="cutoff",
                              subject=subject, unit_id=unit_id, not_after=facts.cutoff)
    return out


def plan_deadline(facts: DeadlineFacts, people_by_unit: Mapping[int, Sequence[Person]], *, policy: Policy,
                  calendar: WorkCalendar, tz: ZoneInfo) -> list[Planned]:
    """Before a report or follow-up deadline: the officers of every unit that owes it and has not submitted.

    The rounds count back from the day as written; the last one may go up to the legal end.
    """
    subject = f"deadline:{facts.deadline_id}"
    ends = legal_end(facts.due, calendar, tz)
    rounds = rounds_before(last_day(facts.due, tz), ends, policy.deadline_days_before, policy.deadline_on_the_day,
                           policy=policy, calendar=calendar, tz=tz)
    out: list[Planned] = []
    for round_ in rounds:
        if round_.send_at < facts.created_at:
            continue
        key = f"deadline:d{facts.deadline_id}@{stamp(facts.due)}:{round_.label}"
        for unit_id in sorted(facts.owed - facts.submitted):
            out += _to_people(officers_of(unit_id, people_by_unit), round_, key=key, kind="deadline",
                              subject=subject, unit_id=unit_id, not_after=ends)
    return out


def meeting_rounds(start: datetime, *, policy: Policy, calendar: WorkCalendar, tz: ZoneInfo) -> list[Round]:
    """The working day before (at the configured hour) and an hour before (the final one)."""
    local_day = start.astimezone(tz).date()
    day_before = working_day_on_or_before(local_day - timedelta(days=1), calendar)
    first = place(datetime.combine(day_before, policy.meeting_day_before_at, tzinfo=tz), not_after=start,
                  calendar=calendar, hours=policy.hours, tz=tz)
    last = place(start - timedelta(minutes=policy.meeting_minutes_before), not_after=start, calendar=calendar,
                 hours=policy.hours, tz=tz)
    rounds = [Round("dbefore", first, False)]
    if last > first:
        rounds.append(Round("soon", last, True))
    else:
        rounds = [Round("dbefore", first, True)]
    return [r for r in rounds if r.send_at < start]


def plan_meeting(facts: MeetingFacts, people_by_unit: Mapping[int, Sequence[Person]], *, policy: Policy,
                 calendar: WorkCalendar, tz: ZoneInfo) -> list[Planned]:
    """Before a meeting: officers of registered units, and attendees with an account of their own."""
    subject = f"meeting:{facts.meeting_id}"
    by_member = {p.member_id: p for ps in people_by_unit.values() for p in ps}
    out: list[Planned] = []
    for round_ in meeting_rounds(facts.start, policy=policy, calendar=calendar, tz=tz):
        if round_.send_at < facts.created_at:
            continue
        key = f"meeting:m{facts.meeting_id}@{stamp(facts.start)}:{round_.label}"
        chosen: dict[int, Person] = {}
        for unit_id in sorted(facts.registered):
            chosen.update((p.member_id, p) for p in officers_of(unit_id, people_by_unit))
        chosen.update((m, by_member[m]) for m in sorted(facts.attendee_members) if m in by_member)
        for person in chosen.values():
            out += _to_people([person], round_, key=key, kind="meeting", subject=subject, unit_id=person.unit_id,
                              not_after=facts.start)
    return out


def digest_moment(now: datetime, *, policy: Policy, calendar: WorkCalendar, tz: ZoneInfo) -> datetime:
    """This week's digest moment: the morning of the first working day from the digest weekday on."""
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=(today.weekday() - policy.digest_weekday) % 7)
    day = monday
    while not calendar.is_working_day(day) and day < monday + timedelta(days=6):
        day += timedelta(days=1)
    return datetime.combine(day, policy.hours.start, tzinfo=tz)


def plan_digest(people: Iterable[Person], now: datetime, *, policy: Policy, calendar: WorkCalendar,
                tz: ZoneInfo) -> list[Planned]:
    """Monday morning, for unit heads: what falls due in two weeks (the dispatcher skips an empty one)."""
    at = digest_moment(now, policy=policy, calendar=calendar, tz=tz)
    year, week, _ = at.isocalendar()
    key = f"digest:{year}-W{week:02d}"
    until = at + timedelta(hours=10)  # a digest read in the afternoon is still this week's news
    return [Planned(key, p.member_id, "digest", f"unit:{p.unit_id}", p.unit_id, at, until, False)
            for p in people if p.role == "unit_head" and not p.muted]


def plan_escalations(facts: Facts, people_by_unit: Mapping[int, Sequence[Person]], now: datetime, *,
                     policy: Policy, calendar: WorkCalendar, tz: ZoneInfo) -> list[Planned]:
    """A unit asked `escalate_after` times that still has not acted: one message to its heads."""
    pending: list[tuple[str, int, datetime, str]] = []
    for c in facts.cutoffs:
        pending += [(f"meeting:{c.meeting_id}", u, c.cutoff, stamp(c.cutoff)) for u in c.invited - c.registered]
    for d in facts.deadlines:
        ends = legal_end(d.due, calendar, tz)
        pending += [(f"deadline:{d.deadline_id}", u, ends, stamp(d.due)) for u in d.owed - d.submitted]
    out: list[Planned] = []
    for subject, unit_id, not_after, at_stamp in pending:
        if facts.asked.get((subject, unit_id), 0) < policy.escalate_after or now >= not_after:
            continue
        at = place(now, not_after=not_after, now=now, calendar=calendar, hours=policy.hours, tz=tz)
        key = f"escalation:{subject}@{at_stamp}"
        out += [Planned(key, p.member_id, "escalation", subject, unit_id, at, not_after, True)
                for p in heads_of(unit_id, people_by_unit)]
    return out


def plan(facts: Facts, now: datetime, *, policy: Policy, calendar: WorkCalendar, tz: ZoneInfo,
         horizon: timedelta = timedelta(days=14)) -> list[Planned]:
    """Every message due up to `horizon` from now, under every policy, one per (key, member)."""
    by_unit: dict[int, list[Person]] = {}
    for person in facts.people:
        by_unit.setdefault(person.unit_id, []).append(person)
    out: list[Planned] = []
    # A creation stamp after `now` (a clock set back, a test's frozen clock) cannot hide rounds from now on.
    for c in facts.cutoffs:
        out += plan_cutoff(replace(c, created_at=min(c.created_at, now)), by_unit, policy=policy, calendar=calendar,
                           tz=tz)
    for m in facts.meetings:
        out += plan_meeting(replace(m, created_at=min(m.created_at, now)), by_unit, policy=policy, calendar=calendar,
                            tz=tz)
    for d in facts.deadlines:
        out += plan_deadline(replace(d, created_at=min(d.created_at, now)), by_unit, policy=policy,
                             calendar=calendar, tz=tz)
    out += plan_digest(facts.people, now, policy=policy, calendar=calendar, tz=tz)
    out += plan_escalations(facts, by_unit, now, policy=policy, calendar=calendar, tz=tz)
    until = now + horizon
    unique: dict[tuple[str, int], Planned] = {}
    for p in out:
        if p.send_at <= until and (p.not_after is None or p.not_after > now):
            unique.setdefault((p.key, p.member_id), p)
    return sorted(unique.values(), key=lambda p: (p.send_at, p.key, p.member_id))


def lateness(now: datetime, *, send_at: datetime, not_after: datetime | None, later_round_due: bool,
             max_late: timedelta) -> str | None:
    """Why a due row should no longer go (it is past what it is about, overtaken, or too stale), or None."""
    if not_after is not None and now >= not_after:
        return "too_late"
    if later_round_due:
        return "overtaken"
    if now - send_at > max_late:
        return "missed"
    return None
