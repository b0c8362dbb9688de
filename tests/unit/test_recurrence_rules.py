"""Recurring deadlines: the next legal end after a moment, before and after this year's occurrence."""

from __future__ import annotations

from datetime import datetime

from domain.recurrence import Recurrence, next_due, occurrences

YEARLY = Recurrence("year", 31, 5, inclusive=False, text="trước 31/5 hàng năm")
JANUARY = Recurrence("year", 20, 1, inclusive=True, text="chậm nhất là ngày 20/01 năm kế tiếp")


def test_yearly_before_and_after_this_years_occurrence() -> None:
    assert next_due(YEARLY, datetime(2026, 3, 1)) == datetime(2026, 5, 31)
    assert next_due(YEARLY, datetime(2026, 5, 31)) == datetime(2027, 5, 31)  # the end itself has passed
    assert next_due(JANUARY, datetime(2026, 12, 2)) == datetime(2027, 1, 21)  # the 20th included
    assert next_due(JANUARY, datetime(2027, 1, 20, 23, 59)) == datetime(2027, 1, 21)


def test_quarterly_and_monthly_and_short_months() -> None:
    last_month = Recurrence("quarter", 31, 3, inclusive=True, text="chậm nhất ngày cuối tháng cuối quý")
    assert occurrences(last_month, 2026) == [datetime(2026, 4, 1), datetime(2026, 7, 1),
                                              datetime(2026, 10, 1), datetime(2027, 1, 1)]
    monthly = Recurrence("month", 31, None, inclusive=False, text="trước ngày 31 hằng tháng")
    assert next_due(monthly, datetime(2026, 4, 10)) == datetime(2026, 4, 30)
    assert next_due(monthly, datetime(2026, 12, 31)) == datetime(2027, 1, 31)
    assert Recurrence.from_json(last_month.as_json()) == last_month
