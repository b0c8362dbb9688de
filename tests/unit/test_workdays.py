"""The working-day calendar against what holidays==0.109 says for Vietnam.

The dates below were read from the installed package (holidays.VN(years=2026/2027)), not
recalled: 2026 has Tết 16–20/2, Hùng Kings 26/4 (Sunday) observed on Monday 27/4, 30/4 and
1/5, and for National Day 1–2/9 plus Monday 31/8 swapped with Saturday 22/8 (worked).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import holidays
import pytest

from domain.workdays import WorkCalendar, default_calendar

CAL = WorkCalendar()


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_the_pinned_package_still_says_what_these_tests_assume() -> None:
    vn = holidays.VN(years=2026)
    assert sorted(d for d in vn if d.month in (8, 9)) == [
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
    ]
    assert date(2026, 8, 22) in vn.weekend_workdays


def test_tet_2026_is_monday_to_friday_16_to_20_february() -> None:
    assert [CAL.is_working_day(d) for d in days(date(2026, 2, 13), date(2026, 2, 23))] == [
        True,  # Fri 13
        False,
        False,  # weekend
        False,
        False,
        False,
        False,
        False,  # Tết: 29 Tết … mùng 4
        False,
        False,  # weekend
        True,  # Mon 23
    ]


def test_tet_2027_runs_from_4_to_10_february() -> None:
    assert CAL.is_working_day(date(2027, 2, 3))
    assert not any(CAL.is_working_day(d) for d in days(date(2027, 2, 4), date(2027, 2, 10)))
    assert CAL.is_working_day(date(2027, 2, 11))


def test_national_day_2026_with_the_swapped_saturday() -> None:
    assert CAL.is_working_day(date(2026, 8, 21))  # Friday
    assert CAL.is_working_day(date(2026, 8, 22))  # Saturday worked in exchange for Monday 31/8
    assert not CAL.is_working_day(date(2026, 8, 23))  # Sunday
    assert [CAL.is_working_day(d) for d in days(date(2026, 8, 31), date(2026, 9, 3))] == [
        False,
        False,
        False,
        True,
    ]


def test_reunification_and_labour_day_2026() -> None:
    assert not CAL.is_working_day(date(2026, 4, 27))  # Hùng Kings (26/4, a Sunday) observed
    assert CAL.is_working_day(date(2026, 4, 29))
    assert not CAL.is_working_day(date(2026, 4, 30))
    assert not CAL.is_working_day(date(2026, 5, 1))
    assert CAL.is_working_day(date(2026, 5, 4))


def test_ordinary_weekdays_and_weekends() -> None:
    assert CAL.is_working_day(date(2026, 5, 20))  # Wednesday
    assert not CAL.is_working_day(date(2026, 5, 23))  # Saturday
    assert not CAL.is_working_day(date(2026, 5, 24))  # Sunday


def test_extra_days_off_and_make_up_working_days_from_parameters() -> None:
    local = WorkCalendar(
        extra_days_off=[date(2026, 5, 20)], extra_working_days=[date(2026, 5, 23), date(2026, 2, 16)]
    )
    assert not local.is_working_day(date(2026, 5, 20))
    assert local.is_working_day(date(2026, 5, 23))
    assert local.is_working_day(date(2026, 2, 16))  # an exception beats the package
    assert CAL.is_working_day(date(2026, 5, 20)) and not CAL.is_working_day(date(2026, 5, 23))


def test_a_day_cannot_be_both_off_and_working() -> None:
    with pytest.raises(ValueError, match="both off and working"):
        WorkCalendar(extra_days_off=[date(2026, 5, 20)], extra_working_days=[date(2026, 5, 20)])


def test_add_working_days_across_holidays() -> None:
    assert CAL.add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)
    assert CAL.add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)  # over the observed Monday
    assert CAL.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)  # over Tết
    assert CAL.add_working_days(date(2026, 5, 4), -1) == date(2026, 4, 29)
    assert CAL.add_working_days(date(2026, 2, 23), -2) == date(2026, 2, 12)
    assert CAL.add_working_days(date(2026, 5, 23), 0) == date(2026, 5, 23)
    assert CAL.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)  # the worked Saturday


def test_working_days_between_counts_the_half_open_interval() -> None:
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2  # Fri 13 and Mon 23
    assert CAL.working_days_between(date(2026, 5, 18), date(2026, 5, 25)) == 5
    assert CAL.working_days_between(date(2026, 5, 18), date(2026, 5, 18)) == 0
    assert CAL.working_days_between(date(2026, 5, 25), date(2026, 5, 18)) == 0


def test_legal_end_moves_a_last_day_on_sunday_to_the_next_working_day() -> None:
    # "đến hết ngày 24/5/2026" (a Sunday) ends with Monday 25/5.
    assert CAL.legal_end(datetime(2026, 5, 25)) == datetime(2026, 5, 26)


def test_legal_end_moves_a_last_day_in_tet_past_the_holiday() -> None:
    # Last day 17/2/2026 (Tết) → Monday 23/2, the first working day after.
    assert CAL.legal_end(datetime(2026, 2, 18)) == datetime(2026, 2, 24)


def test_legal_end_keeps_working_last_days_and_ends_with_a_time_of_day() -> None:
    assert CAL.legal_end(datetime(2026, 5, 21)) == datetime(2026, 5, 21)  # last day Wed 20/5
    assert CAL.legal_end(datetime(2026, 5, 24, 17, 0)) == datetime(2026, 5, 24, 17, 0)


def test_the_holiday_data_is_loaded_once_per_year() -> None:
    from domain.workdays import _vn_year

    WorkCalendar(years=range(2030, 2032))
    before = _vn_year.cache_info()
    other = WorkCalendar()
    other.is_working_day(date(2030, 6, 3))
    other.is_working_day(date(2031, 6, 3))
    after = _vn_year.cache_info()
    assert (after.misses, after.hits) == (before.misses, before.hits + 2)
    assert default_calendar() is default_calendar()
