"""The unit directory: CSV import that updates instead of duplicating, look-up by folded name."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput, NotFound
from storage.units import find_unit, list_units, parse_units_csv, upsert_units
from tests.conftest import Db

CSV = """kind,name,short_names,parent
department,Sở Khoa học và Công nghệ,Sở KH&CN;SKHCN,
division,Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng,Phòng TĐC;Phòng Quản lý TCĐLCL,Sở Khoa học và Công nghệ
commune,Phường Trấn Biên,,
commune,Xã Long Thành,,
"""


async def test_import_then_reimport_updates_without_duplicates(db: Db) -> None:
    async with db.sessions() as s:
        assert await upsert_units(session=s, rows=parse_units_csv(CSV)) == (4, 0)
        await s.commit()
    changed = CSV.replace("Xã Long Thành,,", "Xã Long Thành,Long Thành,")
    async with db.sessions() as s:
        assert await upsert_units(session=s, rows=parse_units_csv(changed)) == (0, 1)
        await s.commit()
    async with db.sessions() as s:
        units = await list_units(session=s)
        assert len(units) == 4
        division = await find_unit(session=s, name="phong tdc")
        department = await find_unit(session=s, name="SKHCN")
        assert division.parent_id == department.id
        assert (await find_unit(session=s, name="Long Thành")).name == "Xã Long Thành"


async def test_lookup_ignores_case_diacritics_and_normal_form(db: Db) -> None:
    import unicodedata

    async with db.sessions() as s:
        await upsert_units(session=s, rows=parse_units_csv(CSV))
        nfd = unicodedata.normalize("NFD", "PHƯỜNG TRẤN BIÊN")
        assert (await find_unit(session=s, name=nfd)).name == "Phường Trấn Biên"
        assert (await find_unit(session=s, name="phuong tran bien")).name == "Phường Trấn Biên"


async def test_unknown_name_gives_closest_matches(db: Db) -> None:
    async with db.sessions() as s:
        await upsert_units(session=s, rows=parse_units_csv(CSV))
        with pytest.raises(NotFound) as info:
            await find_unit(session=s, name="Phuong Tran Bienn")
        assert info.value.params["suggestions"][0] == "Phường Trấn Biên"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name,kind\nx,y\n", "csv_header"),
        ("kind,name,short_names,parent\nplanet,Sao Hỏa,,\n", "csv_row"),
        ("kind,name,short_names,parent\ncommune,  ,,\n", "csv_row"),
    ],
)
def test_bad_csv_is_refused_with_a_reason(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_units_csv(text)
    assert info.value.code == problem
