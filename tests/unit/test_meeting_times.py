"""A meeting's start and registration cutoff from words or ISO, never a guessed date."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from domain.errors import InvalidInput
from domain.meeting_times import read_moment

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 5, 20, 9, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "edge", "expected"),
    [
        ("14h00, thứ Năm ngày 28/5/2026", "start", datetime(2026, 5, 28, 14, tzinfo=TZ)),
        ("trước ngày 26/5/2026", "cutoff", datetime(2026, 5, 26, tzinfo=TZ)),  # 26/5 itself is too late
        ("26/5/2026", "cutoff", datetime(2026, 5, 27, tzinfo=TZ)),  # a bare day stays open all day
        ("trước 17h ngày 25/5/2026", "cutoff", datetime(2026, 5, 25, 17, tzinfo=TZ)),
        ("2026-05-28T14:00", "start", datetime(2026, 5, 28, 14, tzinfo=TZ)),
    ],
)
def test_moments(text: str, edge: str, expected: datetime) -> None:
    assert read_moment(text, now=NOW, tz=TZ, edge=edge) == expected


@pytest.mark.parametrize(("text", "edge"), [("sắp tới", "start"), ("trước ngày 26/5/2026", "start"),
                                            ("Thường xuyên", "cutoff"), ("31/4/2026", "cutoff")])
def test_no_moment_is_refused(text: str, edge: str) -> None:
    with pytest.raises(InvalidInput):
        read_moment(text, now=NOW, tz=TZ, edge=edge)
