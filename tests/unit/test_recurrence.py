"""Recurring deadlines: the rule a letter writes, and the next legal end after a moment.

"trước ngày 31/5 hàng năm" ends on 31 May at 00:00 (the day itself is late); "chậm nhất là ngày
20/01" ends on 21 January at 00:00. A day that a month lacks is the month's last day.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from domain.documents.recurring import next_year_date, recurring_in
from domain.recurrence import Recurrence, next_due, occurrences


def _rule(every: str, day: int, month: int | None, inclusive: bool) -> Recurrence:
    return Recurrence(every=every, day=day, month=month, inclusive=inclusive, text="")  # type: ignore[arg-type]


@pytest.mark.parametrize(("after", "due"), [
    (datetime(2026, 3, 10, 9, 0), datetime(2026, 5, 31)),      # before this year's: this year's
    (datetime(2026, 5, 30, 23, 59), datetime(2026, 5, 31)),    # the last minute before it
    (datetime(2026, 5, 31, 0, 0), datetime(2027, 5, 31)),      # at the end itself: it has passed
    (datetime(2026, 12, 2, 10, 0), datetime(2027, 5, 31)),     # after it: next year's
])
def test_yearly_before_the_day_is_exclusive(after: datetime, due: datetime) -> None:
    assert next_due(_rule("year", 31, 5, inclusive=False), after) == due


@pytest.mark.parametrize(("after", "due"), [
    (datetime(2026, 12, 2, 10, 0), datetime(2027, 1, 21)),
    (datetime(2027, 1, 20, 16, 30), datetime(2027, 1, 21)),    # still the 20th: still due
    (datetime(2027, 1, 21, 0, 0), datetime(2028, 1, 21)),
])
def test_yearly_at_the_latest_includes_the_day(after: datetime, due: datetime) -> None:
    assert next_due(_rule("year", 20, 1, inclusive=True), after) == due


def test_a_day_the_month_lacks_is_its_last_day() -> None:
    assert next_due(_rule("year", 31, 4, inclusive=False), datetime(2026, 1, 1)) == datetime(2026, 4, 30)
    assert next_due(_rule("year", 31, 4, inclusive=True), datetime(2026, 1, 1)) == datetime(2026, 5, 1)
    monthly = occurrences(_rule("month", 31, None, inclusive=False), 2026)
    assert [end.day for end in monthly] == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert occurrences(_rule("month", 31, None, inclusive=False), 2028)[1] == datetime(2028, 2, 29)  # leap year
    assert occurrences(_rule("month", 30, None, inclusive=True), 2026)[1] == datetime(2026, 3, 1)


def test_quarter_rules_fall_in_the_named_month_of_each_quarter() -> None:
    last_month = _rule("quarter", 15, 3, inclusive=False)
    assert occurrences(last_month, 2026) == [datetime(2026, 3, 15), datetime(2026, 6, 15), datetime(2026, 9, 15),
                                             datetime(2026, 12, 15)]
    assert next_due(last_month, datetime(2026, 12, 2)) == datetime(2026, 12, 15)
    assert next_due(last_month, datetime(2026, 12, 20)) == datetime(2027, 3, 15)
    first_month = _rule("quarter", 10, 1, inclusive=True)
    assert [end.month for end in occurrences(first_month, 2026)] == [1, 4, 7, 10]
    assert next_due(first_month, datetime(2026, 7, 10, 23, 0)) == datetime(2026, 7, 11)


def test_a_rule_survives_its_json_column() -> None:
    rule = Recurrence(every="quarter", day=15, month=3, inclusive=False, text="hằng quý, trước ngày 15 …")
    assert Recurrence.from_json(rule.as_json()) == rule


@pytest.mark.parametrize(("clause", "every", "day", "month", "inclusive", "text"), [
    ("gửi báo cáo về Sở trước ngày 31/5 hàng năm", "year", 31, 5, False, "trước ngày 31/5 hàng năm"),
    ("Hằng năm, chậm nhất ngày 15 tháng 12, gửi báo cáo", "year", 15, 12, True,
     "Hằng năm, chậm nhất ngày 15 tháng 12"),
    ("được gửi chậm nhất là ngày 20/01 năm kế tiếp của năm báo cáo", "year", 20, 1, True,
     "chậm nhất là ngày 20/01 năm kế tiếp của năm báo cáo"),
    ("Định kỳ hằng quý, gửi báo cáo … trước ngày 15 của tháng cuối quý", "quarter", 15, 3, False,
     "Định kỳ hằng quý, trước ngày 15 của tháng cuối quý"),  # the period and the day, joined
    ("hàng quý, chậm nhất ngày 10 tháng đầu của quý tiếp theo gửi báo cáo", "quarter", 10, 1, True,
     "hàng quý, chậm nhất ngày 10 tháng đầu của quý tiếp theo"),
    ("gửi báo cáo trước ngày 25 hằng tháng", "month", 25, None, False, "trước ngày 25 hằng tháng"),
    ("Hang quy, gui bao cao truoc ngay 15 cua thang cuoi quy", "quarter", 15, 3, False,  # typed without marks
     "Hang quy, truoc ngay 15 cua thang cuoi quy"),
])
def test_recurring_phrases_become_rules(clause: str, every: str, day: int, month: int | None,
                                        inclusive: bool, text: str) -> None:
    found = recurring_in(clause)
    assert found is not None and found.rule is not None and found.reason is None
    assert found.rule == Recurrence(every=every, day=day, month=month, inclusive=inclusive,  # type: ignore[arg-type]
                                    text=text)


@pytest.mark.parametrize(("clause", "says"), [
    ("gửi danh sách cơ sở về Sở hằng quý", "«hằng quý» không ghi ngày nộp trong mỗi quý"),
    ("gửi báo cáo hằng quý trước ngày 15", "«hằng quý» không ghi ngày nộp trong mỗi quý"),  # which month?
    ("báo cáo định kỳ 6 tháng gửi về Sở", "«định kỳ 6 tháng» không ghi ngày nộp của mỗi kỳ"),
    ("Báo cáo định kỳ hằng năm gửi trước ngày 15/12/2026", "«định kỳ hằng năm» không ghi ngày nộp trong mỗi năm"),
])
def test_a_period_without_its_day_is_no_rule(clause: str, says: str) -> None:
    found = recurring_in(clause)
    assert found is not None and found.rule is None and found.reason == says


def test_one_off_dates_are_not_rules() -> None:
    assert recurring_in("gửi báo cáo về Sở trước ngày 12/12/2026") is None
    assert recurring_in("gửi về Sở chậm nhất ngày 20/01 năm kế tiếp") is None


def test_next_year_without_reporting_year_is_one_date_after_the_letters_year() -> None:
    found = next_year_date("gửi về Sở chậm nhất ngày 20/01 năm kế tiếp", 2026)
    assert found is not None and (found.kind, found.end) == ("deadline", datetime(2027, 1, 21))
    before = next_year_date("gửi trước ngày 15/01 năm tiếp theo", 2026)
    assert before is not None and before.end == datetime(2027, 1, 15)
    assert next_year_date("gửi trước ngày 15/01/2027", 2026) is None
    assert next_year_date("chậm nhất ngày 30/02 năm kế tiếp", 2026) is None  # no such day: nothing, not a guess
