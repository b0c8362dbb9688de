"""Unit names as plans write them: split into names, matched to a directory."""

from __future__ import annotations

import unicodedata

import pytest

from domain.documents.names import split_names, unit_key
from domain.documents.plan import read_plan
from domain.documents.units import UnitIndex, UnitRef, group_of, match_unit_name
from tests.conftest import FIXTURES

SEED_003 = FIXTURES / "seeds/003_9dc728ae31be0994.txt"

DIRECTORY = (
    UnitRef(1, "department", "Sở Khoa học và Công nghệ tỉnh Đồng Nai"),
    UnitRef(2, "division", "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng", ("Phòng TĐC",)),
    UnitRef(3, "division", "Văn phòng Sở"),
    UnitRef(4, "division", "Phòng Chuyển đổi số"),
    UnitRef(5, "division", "Phòng Kiểm tra – Pháp chế"),
    UnitRef(6, "division", "Trung tâm Khoa học và Công nghệ"),
    UnitRef(11, "commune", "UBND phường Trấn Biên"),
    UnitRef(12, "commune", "UBND xã Long Thành"),
    UnitRef(13, "commune", "UBND phường Biên Hòa"),
    UnitRef(21, "agency", "Sở Tài chính"),
    UnitRef(22, "agency", "Sở Công Thương"),
    UnitRef(31, "national", "Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia", ("Ủy ban TĐC",)),
)
DIVISIONS = (2, 3, 4, 5, 6)
COMMUNES = (11, 12, 13)


def seed_plan_text() -> str:
    if not SEED_003.exists():
        pytest.fail(f"Seed plan missing: {SEED_003}")
    return SEED_003.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("Văn phòng Sở, Phòng Chuyển đổi số.", ("Văn phòng Sở", "Phòng Chuyển đổi số")),
        (
            "UBND các xã, phường và các phòng, đơn vị trực thuộc Sở.",
            ("UBND các xã, phường", "các phòng, đơn vị trực thuộc Sở"),
        ),
        (
            "Văn phòng Sở (bộ phận pháp chế), các phòng, đơn vị trực thuộc Sở",
            ("Văn phòng Sở (bộ phận pháp chế)", "các phòng, đơn vị trực thuộc Sở"),
        ),
        (
            "Văn phòng Sở và Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng",
            ("Văn phòng Sở", "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"),
        ),
        (
            "Phòng Chuyển đổi số, Văn phòng Sở, Trung tâm Khoa học và Công nghệ",
            ("Phòng Chuyển đổi số", "Văn phòng Sở", "Trung tâm Khoa học và Công nghệ"),
        ),
        ("Các phòng và đơn vị trực thuộc Sở", ("Các phòng và đơn vị trực thuộc Sở",)),
        ("các Sở, ban ngành có liên quan và các địa phương", ("các Sở, ban ngành có liên quan", "các địa phương")),
        ("UBND tỉnh, Bộ Khoa học và Công nghệ", ("UBND tỉnh", "Bộ Khoa học và Công nghệ")),
        ("UBND xã Long Thành, phường Trấn Biên", ("UBND xã Long Thành", "phường Trấn Biên")),
        ("Ban Quản lý chất lượng và Đánh giá sự phù hợp", ("Ban Quản lý chất lượng và Đánh giá sự phù hợp",)),
        ("", ()),
        (None, ()),
    ],
)
def test_split_names_cuts_only_where_a_new_name_begins(written: str | None, names: tuple[str, ...]) -> None:
    assert split_names(written) == names


def test_short_forms_share_a_key_with_the_full_name() -> None:
    full = unit_key("Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng")
    assert unit_key("Phòng TĐC") == full
    assert unit_key("Phòng Quản lý TCĐLCL") == full
    assert unit_key("Phòng Quản lý Tiêu chuẩn, Đo lường, Chất lượng") == full
    assert unit_key("Trung tâm KH&CN") == unit_key("Trung tâm Khoa học và Công nghệ")
    assert unit_key("Sở KH&CN") == unit_key("Sở Khoa học và Công nghệ")
    assert unit_key("Chi cục TĐC") == unit_key("Chi cục Tiêu chuẩn Đo lường Chất lượng")
    assert unit_key("UBND xã Long Thành") == unit_key("Ủy ban nhân dân xã Long Thành")
    assert unit_key("Văn phòng Sở (bộ phận pháp chế)") == unit_key("Văn phòng Sở")


@pytest.mark.parametrize(
    ("written", "unit_id"),
    [
        ("Phòng TĐC", 2),
        ("Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng.", 2),
        ("Phòng Quản lý TCĐLCL", 2),
        ("phong quan ly tieu chuan do luong chat luong", 2),
        ("Văn phòng Sở (bộ phận pháp chế)", 3),
        ("Trung tâm KH&CN", 6),
        ("Trung tâm Khoa học và Công nghệ", 6),
        ("Phòng Kiểm tra - Pháp chế", 5),
        ("Sở KH&CN", 1),
        ("Sở Khoa học và Công nghệ", 1),
        ("Ủy ban nhân dân xã Long Thành", 12),
        ("xã Long Thành", 12),
        ("Ủy ban TĐC", 31),
    ],
)
def test_one_unit(written: str, unit_id: int) -> None:
    match = match_unit_name(written, DIRECTORY)
    assert (match.status, match.unit_id, match.written) == ("unit", unit_id, written)


@pytest.mark.parametrize(
    ("written", "group", "ids"),
    [
        ("Các phòng, đơn vị trực thuộc Sở", "divisions", DIVISIONS),
        ("các phòng và đơn vị trực thuộc Sở", "divisions", DIVISIONS),
        ("Các phòng, đơn vị thuộc Sở", "divisions", DIVISIONS),
        ("UBND các xã, phường", "communes", COMMUNES),
        ("Ủy ban nhân dân các xã, phường, đặc khu", "communes", COMMUNES),
        ("UBND các xã, phường trên địa bàn thành phố", "communes", COMMUNES),
        ("các địa phương", "communes", COMMUNES),
        ("các Sở, ban, ngành", "agencies", (21, 22)),
        ("các Sở, ban ngành có liên quan", "agencies", (21, 22)),
    ],
)
def test_groups_expand_to_every_unit_of_their_kind(written: str, group: str, ids: tuple[int, ...]) -> None:
    match = match_unit_name(written, DIRECTORY)
    assert (match.status, match.group, match.unit_ids) == ("group", group, ids)


def test_a_single_commune_is_not_the_communes_group() -> None:
    assert group_of("UBND xã Long Thành") is None
    assert match_unit_name("UBND xã Long Thành", DIRECTORY).status == "unit"


def test_nfd_input_and_missing_diacritics_match() -> None:
    nfd = unicodedata.normalize("NFD", "Phòng Chuyển đổi số")
    assert nfd != "Phòng Chuyển đổi số"
    assert match_unit_name(nfd, DIRECTORY).unit_id == 4
    assert match_unit_name("PHONG CHUYEN DOI SO", DIRECTORY).unit_id == 4
    assert match_unit_name(unicodedata.normalize("NFD", "UBND các xã, phường"), DIRECTORY).group == "communes"


def test_unknown_names_come_back_unmatched_with_suggestions() -> None:
    match = match_unit_name("Phòng Chuyển đối số hóa", DIRECTORY)
    assert match.status == "unmatched"
    assert match.unit_id is None and match.unit_ids == ()
    assert match.suggestions[0] == "Phòng Chuyển đổi số"
    nothing = match_unit_name("Công an tỉnh", DIRECTORY)
    assert nothing.status == "unmatched" and nothing.written == "Công an tỉnh"
    assert match_unit_name("", DIRECTORY).status == "unmatched"


def test_a_name_fitting_two_units_is_not_guessed() -> None:
    directory = (*DIRECTORY, UnitRef(41, "division", "Phòng Chuyển đổi số", ("Phòng CĐS",)))
    match = match_unit_name("Phòng Chuyển đổi số", directory)
    assert match.status == "unmatched"
    assert match.suggestions == ("Phòng Chuyển đổi số", "Phòng Chuyển đổi số")


def test_every_name_in_the_seed_plan_matches_a_unit_or_a_group() -> None:
    plan = read_plan(seed_plan_text())
    index = UnitIndex(DIRECTORY)
    written = {name for task in plan.tasks for name in (*task.lead, *task.coordinators)}
    written |= {name for deadline in plan.deadlines for name in (*deadline.owed_by, deadline.to or "") if name}
    assert len(written) >= 8
    results = {name: index.match(name) for name in written}
    unmatched = {name: match.suggestions for name, match in results.items() if match.status == "unmatched"}
    assert unmatched == {}
    assert results["Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"].unit_id == 2
    assert results["Văn phòng Sở (bộ phận pháp chế)"].unit_id == 3
    assert results["Các phòng và đơn vị trực thuộc Sở"].group == "divisions"
    assert results["các Sở, ban ngành có liên quan"].group == "agencies"


def test_a_letter_sent_through_a_division_is_received_by_that_division() -> None:
    index = UnitIndex([UnitRef(1, "department", "Sở Khoa học và Công nghệ"),
                       UnitRef(2, "division", "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng", ("Phòng TĐC",))])
    through = index.match("Sở Khoa học và Công nghệ (qua Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng)")
    assert (through.status, through.unit_id) == ("unit", 2)
    assert index.match("Sở Khoa học và Công nghệ (thông qua Phòng TĐC)").unit_id == 2
    # a "qua" naming nothing known leaves the name as it is: the Sở itself
    assert index.match("Sở Khoa học và Công nghệ (qua bưu điện)").unit_id == 1
