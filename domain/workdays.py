"""Working days in Vietnam: Monday–Friday, minus public holidays (Tết by the lunar calendar,
the government's swapped days off), plus make-up working days.

"5 ngày làm việc", "days left" and the Civil Code's rule for deadlines that end on a day off
all need it. Holiday data comes from the `holidays` package (pinned: Vietnam's calendar
changes between releases), loaded lazily and cached per year, because building
`holidays.VN(years=...)` costs tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _vn_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(public holidays incl. observed and swapped days off, weekend days made working) of a year."""
    import holidays

    calendar = holidays.country_holidays("VN", years=year)
    days_off = frozenset(d for d in calendar if d.year == year)
    made_working = frozenset(d for d in calendar.weekend_workdays if d.year == year)
    return days_off, made_working


class WorkCalendar:
    """Which days are working days, with the organisation's own exceptions on top.

    `extra_days_off`: days off the package does not know (a provincial decision).
    `extra_working_days`: make-up working days (a Saturday worked to bridge a holiday).
    `years`: years to load up front (others load on first use).
    """

    def __init__(
        self,
        *,
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        years: range | None = None,
    ) -> None:
        self._off = frozenset(extra_days_off)
        self._on = frozenset(extra_working_days)
        both = self._off & self._on
        if both:
            raise ValueError(f"days both off and working: {sorted(both)}")
        for year in years or ():
            _vn_year(year)

    def is_working_day(self, d: date) -> bool:
        """Mon–Fri and not a public holiday, unless the exceptions say otherwise."""
        if d in self._on:
            return True
        if d in self._off:
            return False
        days_off, made_working = _vn_year(d.year)
        if d.weekday() >= 5:
            return d in made_working
        return d not in days_off

    def add_working_days(self, d: date, n: int) -> date:
        """The nth working day after d (n > 0) or before it (n < 0); d itself when n == 0."""
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        left = abs(n)
        while left:
            d += step
            if self.is_working_day(d):
                left -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in [start, end): "còn 3 ngày làm việc". Zero when end <= start."""
        count = 0
        d = start
        while d < end:
            count += self.is_working_day(d)
            d += _ONE_DAY
        return count

    def legal_end(self, deadline_end: datetime) -> datetime:
        """The exclusive end moved per Civil Code 2015, Art. 148, cl. 5.

        A period whose last day is a weekend day or holiday ends at the end of the next working
        day. `deadline_end` is exclusive: 2026-11-01T00:00 means "the last day is 31/10".
        Only a whole last day moves (an end at midnight). An end with a time of day
        ("trước 17h ngày …") is kept as written even on a day off: the sender chose that hour,
        and the rule speaks of periods counted in days, not of appointed moments.
        """
        if deadline_end.time() != time(0, 0):
            return deadline_end
        last = deadline_end.date() - _ONE_DAY
        while not self.is_working_day(last):
            last += _ONE_DAY
        return datetime.combine(last + _ONE_DAY, time(0, 0))


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The calendar with no local exceptions, shared by callers that do not bring their own."""
    return WorkCalendar()
