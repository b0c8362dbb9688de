"""A period named without a year (issue 9 item 3), its reading, and what a unit owes (item 7)."""

from __future__ import annotations

from datetime import datetime

import pytest

from domain.file_names import title_slug
from domain.questions import plan_year, read_period, read_tasks_question
from domain.workload import due_soon, owed_report

DECEMBER = datetime(2026, 12, 1, 9)


@pytest.mark.parametrize(("text", "label", "later"), [
    ("việc quý 3", "Quý III/2026", "Quý III/2027"),
    ("việc tháng 11", "tháng 11/2026", "tháng 11/2027"),
    ("việc quý 4", "Quý IV/2026", None),
    ("việc quý sau", "Quý I/2027", None),
    ("việc quý 3/2026", "Quý III/2026", None),
])
def test_a_period_over_this_year_keeps_this_years_reading_first(text: str, label: str, later: str | None) -> None:
    period = read_tasks_question(text, DECEMBER)
    assert period is not None and period.label == label
    assert (period.next_year.label if period.next_year else None) == later


@pytest.mark.parametrize(("this", "following", "which"), [
    (True, False, "this"), (False, True, "next"), (True, True, "ask"), (False, False, "next")])
def test_which_plan_year(this: bool, following: bool, which: str) -> None:
    assert plan_year(work_this_year=this, work_next_year=following) == which


@pytest.mark.parametrize("typed", ["quý 5", "abc", "tháng 13", "???"])
def test_a_period_not_read_is_marked_unclear(typed: str) -> None:
    assert read_period(typed, DECEMBER).unclear == typed


@pytest.mark.parametrize("typed", ["quý này", "q4", "this quarter", "năm nay", "sắp đến hạn", "tháng 12"])
def test_a_period_read_is_not_unclear(typed: str) -> None:
    assert read_period(typed, DECEMBER).unclear == ""


def test_a_question_without_a_period_is_this_quarter_and_clear() -> None:
    period = read_tasks_question("có việc gì không", DECEMBER)
    assert period is not None and period.label == "Quý IV/2026" and not period.unclear
    unclear = read_tasks_question("quý 5 có việc gì", DECEMBER)
    assert unclear is not None and unclear.unclear


def test_the_report_a_unit_owes_not_the_plans_sentence() -> None:
    sentence = ("Các phòng và đơn vị trực thuộc Sở gửi báo cáo đánh giá tình hình triển khai về Phòng "
                "TĐC **trước ngày 01 tháng 11** để tổng hợp.")
    assert owed_report(sentence) == "Báo cáo đánh giá tình hình triển khai về Phòng TĐC"
    assert owed_report("Nộp danh sách đại biểu") == "Nộp danh sách đại biểu"
    assert owed_report("gửi báo cáo.") == "gửi báo cáo."


def test_due_soon() -> None:
    assert due_soon(datetime(2026, 12, 10), "not_started", DECEMBER)
    assert not due_soon(datetime(2026, 12, 10), "done", DECEMBER)
    assert not due_soon(datetime(2026, 11, 10), "not_started", DECEMBER)
    assert not due_soon(datetime(2027, 1, 1), "in_progress", DECEMBER)
    assert not due_soon(None, "not_started", DECEMBER)


def test_a_file_name_keeps_the_whole_title_and_no_slash() -> None:
    assert title_slug("Hội nghị … Quý IV/2026", "x") == "hoi-nghi-quy-iv-2026"
    assert title_slug("!!!", "ke-hoach") == "ke-hoach"
    assert len(title_slug("từ " * 200, "x")) <= 200
