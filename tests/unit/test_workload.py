"""Which tasks an answer about a period lists: the overlap, due-soon and overdue rules."""

from __future__ import annotations

from datetime import datetime

import pytest

from domain.workload import falls_due, in_period, overdue, overlaps

Q3 = (datetime(2026, 7, 1), datetime(2026, 10, 1))


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        (datetime(2026, 7, 1), datetime(2027, 1, 1), True),    # Quý III, IV spans Q3
        (datetime(2026, 4, 1), datetime(2026, 7, 1), False),   # Q2 ends as Q3 begins (end exclusive)
        (datetime(2026, 9, 30), datetime(2026, 10, 1), True),  # last day of Q3
        (datetime(2026, 10, 1), datetime(2027, 1, 1), False),  # Q4 starts as Q3 ends
        (None, datetime(2026, 9, 15), True),                   # a deadline inside
        (None, datetime(2026, 11, 1), False),                  # a deadline after
        (None, None, False),                                   # undated
    ],
)
def test_overlap_with_a_period(starts: datetime | None, ends: datetime | None, expected: bool) -> None:
    assert overlaps(starts, ends, *Q3) is expected


def test_due_soon_counts_only_ends_inside() -> None:
    now, end = datetime(2026, 9, 20), datetime(2026, 10, 5)
    assert falls_due(datetime(2026, 10, 1), now, end)
    assert not falls_due(datetime(2027, 1, 1), now, end)
    assert not falls_due(datetime(2026, 9, 20), now, end)
    assert not falls_due(None, now, end)


def test_in_period_picks_the_rule_due_soon_asks_for() -> None:
    now, end = datetime(2026, 9, 20), datetime(2026, 10, 5)
    q3_and_q4 = (datetime(2026, 7, 1), datetime(2027, 1, 1))
    assert in_period(*q3_and_q4, now, end)  # running through the period
    assert not in_period(*q3_and_q4, now, end, due_only=True)  # but not ending in it
    assert in_period(datetime(2026, 7, 1), datetime(2026, 10, 1), now, end, due_only=True)


def test_overdue_until_done() -> None:
    now = datetime(2026, 8, 12)
    assert overdue(datetime(2026, 7, 1), "in_progress", now)
    assert not overdue(datetime(2026, 7, 1), "done", now)
    assert not overdue(datetime(2026, 10, 1), "not_started", now)
    assert not overdue(None, "not_started", now)


def test_working_days_left_counts_to_the_due_day_across_a_weekend() -> None:
    from domain.workload import working_days_left

    friday = datetime(2026, 10, 23, 9)
    assert working_days_left(friday, datetime(2026, 11, 1)) == 6  # Fri 23 … Fri 30, before Sat 31's end
    assert working_days_left(friday, datetime(2026, 10, 23, 17)) == 0  # due later today
    assert working_days_left(friday, datetime(2026, 10, 23, 8)) is None  # already passed
