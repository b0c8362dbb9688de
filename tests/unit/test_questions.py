"""Which questions are about the unit's work, and which period they name."""

from __future__ import annotations

from datetime import datetime

import pytest

from domain.questions import read_tasks_question

NOW = datetime(2026, 5, 20, 9, 0)


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("quý này có việc gì?", "2026-04-01", "2026-07-01", "Quý II/2026"),
        ("quy nay co viec gi", "2026-04-01", "2026-07-01", "Quý II/2026"),
        ("việc quý 4", "2026-10-01", "2027-01-01", "Quý IV/2026"),
        ("tháng này phải làm gì", "2026-05-01", "2026-06-01", "tháng 5/2026"),
        ("what's due this quarter", "2026-04-01", "2026-07-01", "Quý II/2026"),
        ("tasks next month", "2026-06-01", "2026-07-01", "tháng 6/2026"),
        ("nhiệm vụ năm 2026", "2026-01-01", "2027-01-01", "năm 2026"),
        ("có việc gì không", "2026-04-01", "2026-07-01", "Quý II/2026"),
        ("VIỆC QUÝ SAU", "2026-07-01", "2026-10-01", "Quý III/2026"),
    ],
)
def test_period_of_a_question(text: str, start: str, end: str, label: str) -> None:
    period = read_tasks_question(text, NOW)
    assert period is not None
    assert (period.start, period.end, period.label) == (
        datetime.fromisoformat(start), datetime.fromisoformat(end), label)


def test_due_soon_is_the_next_two_weeks_and_only_what_falls_due() -> None:
    period = read_tasks_question("sắp đến hạn", NOW)
    assert period is not None and period.due_only
    assert (period.start, period.end) == (NOW, datetime(2026, 6, 4))


@pytest.mark.parametrize("text", ["xin chào", "cảm ơn", "Nguyễn Văn An", "0919422038", "ok", ""])
def test_other_text_is_not_a_tasks_question(text: str) -> None:
    assert read_tasks_question(text, NOW) is None
