"""The due words of a deadline made by hand: each kind of words gives its exclusive end, words
without a date and past dates are refused (never guessed), a recurrence repeats the due day."""

from __future__ import annotations

from datetime import datetime

import pytest

from domain.deadline_due import read_due, recurrence_for
from domain.deadline_owed import match_owed, split_typed
from domain.documents import UnitIndex
from domain.documents.units import UnitRef
from domain.errors import InvalidInput
from domain.recurrence import next_due
from domain.recurrence_words import occurrence_words

NOW = datetime(2026, 12, 2, 10, 0)  # a Wednesday


@pytest.mark.parametrize(("words", "at", "how"), [
    ("trước ngày 15/12/2026", datetime(2026, 12, 15), "before"),
    ("truoc ngay 15/12", datetime(2026, 12, 15), "before"),
    ("chậm nhất ngày 15/12/2026", datetime(2026, 12, 16), "through"),
    ("ngày 15/12/2026", datetime(2026, 12, 16), "through"),
    ("thứ sáu tuần sau", datetime(2026, 12, 12), "through"),
    ("17h00 ngày 15/12/2026", datetime(2026, 12, 15, 17, 0), "at"),
    ("Quý I/2027", datetime(2027, 4, 1), "through"),
])
def test_words_give_the_exclusive_end(words: str, at: datetime, how: str) -> None:
    due = read_due(words, NOW)
    assert (due.at, due.how) == (at, how)


@pytest.mark.parametrize(("words", "code"), [
    ("", "due_empty"), ("thường xuyên", "due_unplaced"), ("khi có yêu cầu", "due_unplaced"),
    ("chậm nhất 03 ngày sau khi diễn ra buổi làm việc", "due_unplaced"), ("31/4/2027", "due_unreadable"),
    ("sớm nhất có thể", "due_unreadable"), ("trước ngày 1/12/2026", "due_past"), ("hôm qua", "due_past"),
])
def test_words_without_a_future_date_are_refused(words: str, code: str) -> None:
    with pytest.raises(InvalidInput) as err:
        read_due(words, NOW)
    assert err.value.code == code


def test_a_recurrence_repeats_the_due_day_and_its_occurrences_say_their_own_date() -> None:
    yearly = recurrence_for("year", read_due("trước ngày 15/12/2026", NOW), "trước ngày 15/12/2026")
    assert (yearly.day, yearly.month, yearly.inclusive) == (15, 12, False)
    assert next_due(yearly, datetime(2026, 12, 15)) == datetime(2027, 12, 15)
    assert occurrence_words(yearly, datetime(2027, 12, 15)) == "trước ngày 15/12/2027"
    quarterly = recurrence_for("quarter", read_due("chậm nhất ngày 15/12/2026", NOW), "chậm nhất ngày 15/12/2026")
    assert (quarterly.day, quarterly.month, quarterly.inclusive) == (15, 3, True)
    assert next_due(quarterly, datetime(2026, 12, 16)) == datetime(2027, 3, 16)
    assert occurrence_words(quarterly, datetime(2027, 3, 16)) == "chậm nhất ngày 15/03/2027"
    with pytest.raises(InvalidInput):
        recurrence_for("month", read_due("17h00 ngày 15/12/2026", NOW), "17h00 ngày 15/12/2026")


def test_owed_names_match_groups_units_and_ids_and_misses_are_kept_with_suggestions() -> None:
    index = UnitIndex([UnitRef(1, "division", "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng", ("Phòng TĐC",)),
                       UnitRef(2, "commune", "Phường Trấn Biên"), UnitRef(3, "commune", "Xã Long Thành")])
    owed = match_owed(index, ["all-communes", "1", "Phuong Tran Bien", "Phường Tran Bin"])
    assert owed.written == ["các xã, phường", "Phuong Tran Bien"] and owed.unit_ids == [1] and owed.units == 3
    assert [m.written for m in owed.missed] == ["Phường Tran Bin"] and "Phường Trấn Biên" in owed.missed[0].suggestions
    assert split_typed(index, "Phường Trấn Biên, Xã Long Thành") == ["Phường Trấn Biên", "Xã Long Thành"]
    assert split_typed(index, "các xã, phường") == ["các xã, phường"]
    assert split_typed(index, "Phòng TĐC\nXã Long Thành; ") == ["Phòng TĐC", "Xã Long Thành"]
