"""Commands typed nearly right (issue 9 item 6): what runs, what is suggested, what is neither."""

from __future__ import annotations

import pytest

from domain.command_names import Meant, edit_distance, nearest, suggest_command

KNOWN = {"dangky", "danhsach", "chuadangky", "viec", "capnhat", "baocao", "xuat", "help", "huy", "cancel"}


@pytest.mark.parametrize(("name", "arg", "meant"), [
    ("dang", "ky", Meant("dangky", "", run=True)),
    ("dang", "ký abc", Meant("dangky", "abc", run=True)),
    ("bao", "cao", Meant("baocao", "", run=True)),
    ("dangki", "", Meant("dangky", "", run=False)),
    ("dang", "ki", Meant("dangky", "ki", run=False)),
    ("dangkyy", "", Meant("dangky", "", run=False)),
    ("capnaht", "", Meant("capnhat", "", run=False)),
    ("xyzzy", "", None),
    ("hu", "", None),
    ("", "", None),
])
def test_what_a_typed_command_meant(name: str, arg: str, meant: Meant | None) -> None:
    assert suggest_command(name, arg, KNOWN) == meant


def test_a_tie_suggests_nothing() -> None:
    assert nearest("abcd", {"abce", "abcf"}) is None
    assert nearest("abcd", set()) is None


def test_edit_distance_counts_a_swap_as_one() -> None:
    assert edit_distance("dangky", "dnagky") == 1
    assert edit_distance("", "abc") == 3
    assert edit_distance("viec", "viec") == 0


def test_a_long_list_of_numbers_is_said_as_a_range() -> None:
    from handlers.engine import number_list

    assert number_list(3) == "1, 2 hoặc 3"
    assert number_list(10).endswith("9 hoặc 10")
    assert number_list(21) == "một số từ 1 đến 21"
