"""The petition rules, pure: moves between states, numbers, the filter words, the cutoff in force, the
default answer deadline in working days, and the reminder rounds before it."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.petition_reminders import PetitionDue, plan_petitions
from domain.petitions import (
    STATES,
    PetitionRules,
    can_move,
    check_content,
    cutoff_of,
    default_answer_due,
    is_open,
    label,
    read_filter,
)
from domain.reminders import Person, Policy
from domain.workdays import WorkCalendar
from tests.conftest import TZ


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def test_moves() -> None:
    assert can_move("received", "assigned") and can_move("assigned", "answered_in_writing")
    assert can_move("answered_in_writing", "answered_at_conference")  # a corrected answer
    assert not can_move("answered_in_writing", "assigned") and not can_move("answered_at_conference", "out_of_scope")
    assert can_move("out_of_scope", "assigned") and not can_move("out_of_scope", "answered_in_writing")
    assert not any(can_move(s, "received") for s in STATES)  # nothing goes back to "received"
    assert not can_move("nope", "assigned")


def test_numbers_filters_and_content() -> None:
    assert label(12, 3) == "KN-12-03" and label(7, 120) == "KN-7-120"
    assert read_filter("Đo lường chưa giao")[:2] == ("metrology", "received")
    assert read_filter("thu tuc hanh chinh")[:2] == ("procedure", None)
    assert read_filter("ngoài phạm vi")[:2] == (None, "out_of_scope")
    assert read_filter("")[:2] == (None, None)
    assert check_content("ngắn") == "too_short" and check_content("x" * 3001) == "too_long"
    assert check_content("  Đề nghị hướng dẫn thủ tục  ") is None


def test_the_cutoff_in_force_and_whether_petitions_are_taken() -> None:
    own, registration = at(2026, 4, 20), at(2026, 4, 14)
    assert cutoff_of(own, registration) == own and cutoff_of(None, registration) == registration
    assert is_open(own, "open", at(2026, 4, 19, 23, 59)) and not is_open(own, "open", own)
    assert is_open(None, "closed", at(2026, 4, 30)) and not is_open(None, "cancelled", at(2026, 4, 1))


def test_the_default_answer_deadline_counts_working_days_after_the_meeting() -> None:
    calendar = WorkCalendar()
    # Friday 24/4/2026, the seed's dialogue conference: Mon 27/4 is off (Giỗ Tổ, moved from Sunday), then
    # Tue 28 and Wed 29 count, 30/4 and 1/5 are holidays, the weekend: the third working day is Mon 4/5.
    due = default_answer_due(at(2026, 4, 24, 14), PetitionRules(answer_days_after=3), calendar, TZ)
    assert due == at(2026, 5, 5)
    assert default_answer_due(None, PetitionRules(), calendar, TZ) is None
    saturday = default_answer_due(at(2026, 5, 30, 14), PetitionRules(answer_days_after=3), calendar, TZ)
    assert saturday == at(2026, 6, 4)  # Mon 1, Tue 2, Wed 3/6: the deadline ends as Thursday begins


def test_reminder_rounds_before_the_answer_deadline_go_to_the_units_officers() -> None:
    people = [Person(1, 10, "officer"), Person(2, 10, "unit_head"), Person(3, 11, "officer", muted=True)]
    waiting = [PetitionDue(5, 10, at(2026, 6, 4), at(2026, 5, 20, 9)),
               PetitionDue(6, 11, at(2026, 6, 4), at(2026, 6, 2, 9))]
    planned = plan_petitions(waiting, people, at(2026, 5, 20, 9), policy=Policy(), calendar=WorkCalendar(), tz=TZ,
                             horizon=timedelta(days=30))
    mine = [p for p in planned if p.subject == "petition:5"]
    assert {p.member_id for p in mine} == {1}  # the officer, not the head
    assert [p.send_at for p in mine] == [at(2026, 5, 25, 7, 30), at(2026, 5, 29, 7, 30), at(2026, 6, 2, 7, 30),
                                         at(2026, 6, 3, 7, 30)]
    assert mine[-1].final and not mine[0].final and all(p.not_after == at(2026, 6, 4) for p in mine)
    # Assigned on 2/6 to a unit whose only officer muted early rounds: only the final round goes.
    late = [p for p in planned if p.subject == "petition:6"]
    assert [(p.member_id, p.send_at, p.final) for p in late] == [(3, at(2026, 6, 3, 7, 30), True)]
