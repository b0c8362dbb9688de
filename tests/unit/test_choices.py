"""Answering choices by their words: whole labels first, then a unique run of words, never a guess."""

from __future__ import annotations

import pytest

from domain.choices import label_words, match_label

MENU = ["➕ Thêm người", "✏️ Sửa thông tin", "🗑 Xóa người", "⭐ Chọn đầu mối", "✅ Xác nhận gửi",
        "↩️ Thoát (không lưu thay đổi)"]
PEOPLE = ["Nguyễn Văn An – 0919422038", "Nguyễn Văn Anh – 0919422039", "Trần Thị Bình – 0912345678"]


def test_label_words_drop_emoji_case_diacritics_and_punctuation() -> None:
    assert label_words("✅ Xác nhận gửi") == "xac nhan gui"
    assert label_words("↩️ Thoát (không lưu thay đổi)") == "thoat khong luu thay doi"
    assert label_words("Đầu mối") == "dau moi"
    assert label_words("🙂 …") == ""


@pytest.mark.parametrize(("typed", "index"), [
    ("Thêm người", 0), ("them nguoi", 0), ("THÊM NGƯỜI!", 0), ("xác nhận", 4), ("gửi", 4),
    ("xoa nguoi", 2), ("thoát", 5), ("đầu mối", 3), ("sửa", 1),
])
def test_the_words_of_one_option_pick_it(typed: str, index: int) -> None:
    assert match_label(typed, MENU) == index


@pytest.mark.parametrize("typed", ["người", "ng", "", "🙂", "thêm người khác", "hủy"])
def test_words_of_several_options_or_of_none_pick_nothing(typed: str) -> None:
    assert match_label(typed, MENU) is None


def test_a_whole_label_wins_over_a_longer_one_that_contains_it() -> None:
    assert match_label("Nguyễn Văn An – 0919422038", PEOPLE) == 0
    assert match_label("Nguyễn Văn An", PEOPLE) == 0  # whole words: "An" is not "Anh"
    assert match_label("nguyen van", PEOPLE) is None  # two people
    assert match_label("0912345678", PEOPLE) == 2
    assert match_label("Có", ["Có", "Không"]) == 0 and match_label("khong", ["Có", "Không"]) == 1
