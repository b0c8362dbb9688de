"""The reminder policies as plain rules over a frozen clock: weekends, Tết 2027, a make-up
Saturday, working hours, the legal end, mutes, escalation, the digest, lateness."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.reminder_timing import WorkingHours, in_window, last_working_moment_before, legal_end, place
from domain.reminders import (
    CutoffFacts,
    DeadlineFacts,
    Facts,
    MeetingFacts,
    Person,
    Policy,
    digest_moment,
    lateness,
    meeting_rounds,
    plan,
    plan_cutoff,
    plan_deadline,
    plan_digest,
    plan_escalations,
    rounds_before,
)
from domain.workdays import WorkCalendar

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkCalendar()
POLICY = Policy()
LONG_AGO = datetime(2025, 1, 1, tzinfo=TZ)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def local(moments: list[datetime]) -> list[str]:
    return [m.astimezone(TZ).strftime("%a %d/%m/%Y %H:%M") for m in moments]


LAN = Person(1, unit_id=10, role="officer")
BINH = Person(2, unit_id=20, role="officer")
HUNG = Person(3, unit_id=20, role="unit_head")
MUTED = Person(4, unit_id=10, role="officer", muted=True)
PEOPLE = {10: [LAN, MUTED], 20: [BINH, HUNG]}


def test_cutoff_rounds_skip_the_weekend_and_the_last_morning_is_final() -> None:
    # "trước ngày 26/5/2026" closes at the first minute of Tuesday 26/5: the last day is Monday 25/5.
    facts = CutoffFacts(1, at(2026, 5, 26), LONG_AGO, invited=frozenset({10, 20}), registered=frozenset({20}))
    rows = plan_cutoff(facts, PEOPLE, policy=POLICY, calendar=CAL, tz=TZ)
    to_lan = [r for r in rows if r.member_id == LAN.member_id]
    assert local([r.send_at for r in to_lan]) == ["Wed 20/05/2026 07:30", "Fri 22/05/2026 07:30",
                                                   "Mon 25/05/2026 07:30"]
    assert [r.final for r in to_lan] == [False, False, True]
    assert {r.unit_id for r in rows} == {10}  # unit 20 registered: nobody there is reminded
    # The muted officer gets only the last round, never the early ones.
    assert [r.final for r in rows if r.member_id == MUTED.member_id] == [True]
    assert all(r.not_after == at(2026, 5, 26) for r in rows)


def test_deadline_rounds_before_tet_2027_count_working_days_only() -> None:
    # Tết 2027 is 4–10/2. Due "trước ngày 12/2/2027": last day Thursday 11/2, the first day back.
    facts = DeadlineFacts(7, at(2027, 2, 12), LONG_AGO, owed=frozenset({10}), submitted=frozenset())
    rows = [r for r in plan_deadline(facts, PEOPLE, policy=POLICY, calendar=CAL, tz=TZ) if r.member_id == 1]
    assert local([r.send_at for r in rows]) == ["Tue 26/01/2027 07:30", "Mon 01/02/2027 07:30",
                                                 "Wed 03/02/2027 07:30", "Thu 11/02/2027 07:30"]
    assert [r.key.rsplit(":", 1)[1] for r in rows] == ["r7", "r3", "r1", "last"]


def test_a_make_up_saturday_is_a_working_day_for_reminders() -> None:
    # Saturday 22/8/2026 is worked in exchange for Monday 31/8; due "trước ngày 25/8/2026" (last day Mon 24/8).
    facts = DeadlineFacts(8, at(2026, 8, 25), LONG_AGO, owed=frozenset({10}), submitted=frozenset())
    rows = [r for r in plan_deadline(facts, PEOPLE, policy=POLICY, calendar=CAL, tz=TZ) if r.member_id == 1]
    assert "Sat 22/08/2026 07:30" in local([r.send_at for r in rows])
    assert in_window(at(2026, 8, 22, 9), calendar=CAL, hours=POLICY.hours, tz=TZ)
    assert not in_window(at(2026, 8, 23, 9), calendar=CAL, hours=POLICY.hours, tz=TZ)  # Sunday


def test_a_deadline_on_a_sunday_keeps_its_last_round_within_the_legal_end() -> None:
    # Due "trước ngày 01/11/2026" ends on Saturday 31/10; art. 148 cl. 5 carries it to the end of Monday 2/11.
    due = at(2026, 11, 1)
    assert legal_end(due, CAL, TZ) == at(2026, 11, 3)
    facts = DeadlineFacts(9, due, LONG_AGO, owed=frozenset({10}), submitted=frozenset())
    rows = [r for r in plan_deadline(facts, PEOPLE, policy=POLICY, calendar=CAL, tz=TZ) if r.member_id == 1]
    assert local([r.send_at for r in rows])[-2:] == ["Thu 29/10/2026 07:30", "Mon 02/11/2026 07:30"]
    assert rows[-1].final and rows[-1].not_after == at(2026, 11, 3)


def test_outside_hours_moves_to_the_next_window_but_never_past_the_deadline() -> None:
    hours = POLICY.hours
    friday_evening = at(2026, 5, 22, 18)
    assert place(friday_evening, not_after=None, calendar=CAL, hours=hours, tz=TZ) == at(2026, 5, 25, 7, 30)
    # Inside the window it stays; on Saturday for a cutoff at Monday 07:30 it goes on Friday before closing.
    assert place(at(2026, 5, 22, 16, 50), not_after=at(2026, 5, 25, 7, 30), calendar=CAL, hours=hours,
                 tz=TZ) == at(2026, 5, 22, 16, 50)
    assert place(at(2026, 5, 23, 10), not_after=at(2026, 5, 25, 7, 30), calendar=CAL, hours=hours,
                 tz=TZ) == at(2026, 5, 22, 16, 30)
    assert place(at(2026, 5, 23, 10), not_after=at(2026, 5, 25, 7, 31), calendar=CAL, hours=hours,
                 tz=TZ) == at(2026, 5, 25, 7, 30)
    # … and when that moment has passed already (it is Friday evening now), it goes now.
    assert place(friday_evening, not_after=at(2026, 5, 25, 7, 30), now=friday_evening, calendar=CAL, hours=hours,
                 tz=TZ) == friday_evening
    last = last_working_moment_before(at(2026, 5, 25, 7, 31), calendar=CAL, hours=hours, tz=TZ)
    assert last == at(2026, 5, 25, 7, 30)
    assert place(friday_evening, not_after=None, calendar=CAL, hours=WorkingHours(enforced=False),
                 tz=TZ) == friday_evening
    with pytest.raises(ValueError):
        WorkingHours(start=time(17), end=time(8))


def test_meeting_rounds_the_working_day_before_and_an_hour_before() -> None:
    # Thursday 28/5/2026 14:00 (seed 000): Wednesday 15:00, then 13:00 (final).
    rounds = meeting_rounds(at(2026, 5, 28, 14), policy=POLICY, calendar=CAL, tz=TZ)
    assert local([r.send_at for r in rounds]) == ["Wed 27/05/2026 15:00", "Thu 28/05/2026 13:00"]
    assert [r.final for r in rounds] == [False, True]
    # A Monday 08:00 meeting: Friday afternoon, and 07:30 (07:00 is before the window opens).
    rounds = meeting_rounds(at(2026, 6, 1, 8), policy=POLICY, calendar=CAL, tz=TZ)
    assert local([r.send_at for r in rounds]) == ["Fri 29/05/2026 15:00", "Mon 01/06/2026 07:30"]


def test_meeting_reminders_reach_registered_officers_and_attendees_with_an_account() -> None:
    facts = MeetingFacts(3, at(2026, 5, 28, 14), LONG_AGO, registered=frozenset({20}), attendee_members=frozenset({1}))
    people = {p.member_id for p in [LAN, BINH]}
    rows = plan(Facts(people=[LAN, BINH, HUNG, MUTED], meetings=[facts]), at(2026, 5, 26, 9), policy=POLICY,
                calendar=CAL, tz=TZ)
    assert {r.member_id for r in rows if r.kind == "meeting"} == people
    assert all(r.subject == "meeting:3" for r in rows if r.kind == "meeting")


def test_rounds_before_a_subject_existed_are_not_planned() -> None:
    facts = CutoffFacts(1, at(2026, 5, 26), created_at=at(2026, 5, 21, 10), invited=frozenset({10}),
                        registered=frozenset())
    rows = plan_cutoff(facts, PEOPLE, policy=POLICY, calendar=CAL, tz=TZ)
    assert local(sorted({r.send_at for r in rows})) == ["Fri 22/05/2026 07:30", "Mon 25/05/2026 07:30"]


def test_rounds_that_coincide_are_sent_once() -> None:
    rounds = rounds_before(date(2026, 5, 25), at(2026, 5, 26), (1, 1, 3), True, policy=POLICY, calendar=CAL, tz=TZ)
    assert len({r.send_at for r in rounds}) == len(rounds) == 3


def test_escalation_goes_once_to_the_unit_head_after_two_rounds() -> None:
    cutoff = CutoffFacts(1, at(2026, 5, 26), LONG_AGO, invited=frozenset({10, 20}), registered=frozenset())
    now = at(2026, 5, 22, 9)
    once = Facts(people=[LAN, BINH, HUNG], cutoffs=[cutoff], asked={("meeting:1", 20): 1})
    assert plan_escalations(once, PEOPLE, now, policy=POLICY, calendar=CAL, tz=TZ) == []
    twice = Facts(people=[LAN, BINH, HUNG], cutoffs=[cutoff], asked={("meeting:1", 20): 2, ("meeting:1", 10): 2})
    first = plan_escalations(twice, PEOPLE, now, policy=POLICY, calendar=CAL, tz=TZ)
    later = plan_escalations(twice, PEOPLE, now + timedelta(hours=3), policy=POLICY, calendar=CAL, tz=TZ)
    # Unit 10 has no head: nobody to escalate to.
    assert [(r.member_id, r.unit_id, r.kind) for r in first] == [(HUNG.member_id, 20, "escalation")]
    assert [r.key for r in later] == [r.key for r in first]  # the same key: the outbox keeps one row
    done = Facts(people=[HUNG], cutoffs=[CutoffFacts(1, at(2026, 5, 26), LONG_AGO, frozenset({20}), frozenset({20}))],
                 asked={("meeting:1", 20): 3})
    assert plan_escalations(done, PEOPLE, now, policy=POLICY, calendar=CAL, tz=TZ) == []


def test_the_digest_is_monday_morning_or_the_first_working_day_after_for_unit_heads() -> None:
    rows = plan_digest([LAN, HUNG], at(2026, 5, 18, 6), policy=POLICY, calendar=CAL, tz=TZ)
    assert [(r.member_id, r.send_at) for r in rows] == [(HUNG.member_id, at(2026, 5, 18, 7, 30))]
    # Monday 27/4/2026 is the Hùng Kings holiday (observed): Tuesday then.
    assert digest_moment(at(2026, 4, 29, 10), policy=POLICY, calendar=CAL, tz=TZ) == at(2026, 4, 28, 7, 30)
    assert plan_digest([Person(5, 20, "unit_head", muted=True)], at(2026, 5, 18, 6), policy=POLICY, calendar=CAL,
                       tz=TZ) == []


def test_plan_keeps_to_the_horizon_and_drops_what_has_passed() -> None:
    cutoff = CutoffFacts(1, at(2026, 5, 26), LONG_AGO, invited=frozenset({10}), registered=frozenset())
    far = DeadlineFacts(2, at(2026, 9, 1), LONG_AGO, owed=frozenset({10}), submitted=frozenset())
    rows = plan(Facts(people=[LAN], cutoffs=[cutoff], deadlines=[far]), at(2026, 5, 20, 9), policy=POLICY,
                calendar=CAL, tz=TZ)
    assert {r.subject for r in rows} == {"meeting:1"}
    assert plan(Facts(people=[LAN], cutoffs=[cutoff]), at(2026, 5, 26, 1), policy=POLICY, calendar=CAL, tz=TZ) == []


def test_lateness_says_why_a_due_row_should_not_go() -> None:
    due = at(2026, 5, 22, 7, 30)
    hours24 = timedelta(hours=24)
    assert lateness(due + timedelta(minutes=1), send_at=due, not_after=at(2026, 5, 26), later_round_due=False,
                    max_late=hours24) is None
    assert lateness(at(2026, 5, 26, 1), send_at=due, not_after=at(2026, 5, 26), later_round_due=False,
                    max_late=hours24) == "too_late"
    assert lateness(at(2026, 5, 25, 8), send_at=due, not_after=at(2026, 5, 26), later_round_due=True,
                    max_late=hours24) == "overtaken"
    assert lateness(at(2026, 5, 25, 8), send_at=due, not_after=None, later_round_due=False,
                    max_late=hours24) == "missed"
