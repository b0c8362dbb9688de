"""Matching a unit name as a document writes it to a unit in the directory.

Plans name units in full, in short ("Phòng TĐC", "Trung tâm KH&CN"), with a remark in
parentheses ("Văn phòng Sở (bộ phận pháp chế)"), or as a group ("Các phòng, đơn vị trực
thuộc Sở", "UBND các xã, phường"). Names are compared on `unit_key`, where the obvious short
forms are expanded (KH&CN, TĐC/TCĐLCL, UBND), so every directory name answers to its short
forms without listing them; `short_names` add the ones no rule derives. A name that matches
nothing is reported with the closest names, never dropped: a task whose lead we cannot place
is one nobody gets reminded of.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from domain.documents.names import unit_key


@dataclass(frozen=True)
class UnitRef:
    """A unit of the directory as the matcher needs it (kind as in storage: division, commune, …)."""

    id: int
    kind: str
    name: str
    short_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitMatch:
    """`unit`: one unit; `group`: a named group and the units it expands to; `unmatched`:
    nothing (or more than one unit) fits, with the closest names as suggestions."""

    status: Literal["unit", "group", "unmatched"]
    written: str
    unit_id: int | None = None
    group: str | None = None
    unit_ids: tuple[int, ...] = ()
    suggestions: tuple[str, ...] = field(default_factory=tuple)


# Groups by the kind of unit they expand to; patterns run on unit_key().
GROUPS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("divisions", "division", re.compile(
        r"(?:lanh dao |tat ca |toan bo )?cac phong(?: ban)?(?: chuc nang)?(?: va)?(?: cac)? don vi"
        r"(?: (?:truc )?thuoc so\b.*)?"
        # "các đơn vị trực thuộc Sở", "các phòng chuyên môn, đơn vị sự nghiệp trực thuộc Sở"
        r"|(?:lanh dao |tat ca |toan bo )?cac (?:phong(?: chuyen mon)? (?:va )?)?don vi(?: su nghiep)?"
        r" (?:truc )?thuoc so\b.*")),
    ("communes", "commune", re.compile(
        r"(?:lanh dao |dai dien )?(?:uy ban nhan dan )?cac (?:xa|phuong|dac khu)(?: (?:xa|phuong|dac khu))*\b.*"
        r"|(?:lanh dao |dai dien )?uy ban nhan dan (?:xa|phuong)(?: (?:xa|phuong|dac khu))+\b.*"
        r"|cac dia phuong\b.*")),
    ("service_orgs", "service_org", re.compile(
        r"(?:cac|tat ca cac) to chuc (?:dich vu ky thuat|kiem dinh|hieu chuan|thu nghiem|danh gia su phu hop"
        r"|chung nhan)\b.*")),
    ("agencies", "agency", re.compile(
        r"cac so(?: (?:ban|nganh))*(?: (?:co )?lien quan| tinh\b.*| thanh pho\b.*)?")),
)
_VIA = re.compile(r"\((?:qua|thông qua|thong qua)\s+([^()]+)\)", re.IGNORECASE)
_TRAILING_PLACE = re.compile(r"\s(?:tinh|thanh pho|tren dia ban)\b.*$")
_LEADING_COMMITTEE = re.compile(r"^uy ban nhan dan ")


def _variants(key: str) -> set[str]:
    """A key and the looser forms it may be written in: without the province, without 'UBND'."""
    variants = {key}
    without_place = _TRAILING_PLACE.sub("", key)
    if without_place:
        variants.add(without_place)
    variants |= {_LEADING_COMMITTEE.sub("", variant) for variant in list(variants)}
    return {variant for variant in variants if variant}


def group_of(written: str) -> tuple[str, str] | None:
    """('divisions', 'division') for 'Các phòng, đơn vị trực thuộc Sở'; None for a single unit."""
    key = unit_key(written)
    for group, kind, pattern in GROUPS:
        if pattern.fullmatch(key):
            return group, kind
    return None


class UnitIndex:
    """A directory prepared once for many look-ups (a plan names units a hundred times)."""

    def __init__(self, directory: Iterable[UnitRef]) -> None:
        self.units = tuple(directory)
        self._exact: dict[str, set[int]] = {}
        self._loose: dict[str, set[int]] = {}
        for position, unit in enumerate(self.units):
            for written in (unit.name, *unit.short_names):
                key = unit_key(written)
                if not key:
                    continue
                self._exact.setdefault(key, set()).add(position)
                for variant in _variants(key):
                    self._loose.setdefault(variant, set()).add(position)

    def match(self, written: str) -> UnitMatch:
        # "Sở Khoa học và Công nghệ (qua Phòng Quản lý TĐC)": the unit it goes through is the one that
        # receives it; the parentheses are otherwise dropped from the key.
        via = _VIA.search(written)
        if via:
            through = self.match(via.group(1))
            if through.status == "unit":
                return UnitMatch("unit", written, unit_id=through.unit_id, unit_ids=through.unit_ids)
        key = unit_key(written)
        if not key:
            return UnitMatch("unmatched", written)
        grouped = group_of(written)
        if grouped:
            group, kind = grouped
            ids = tuple(unit.id for unit in self.units if unit.kind == kind)
            return UnitMatch("group", written, group=group, unit_ids=ids)
        found = self._exact.get(key)
        if not found:
            loose: set[int] = set()
            for variant in _variants(key):
                loose |= self._loose.get(variant, set())
            found = loose
        if len(found) == 1:
            unit = self.units[next(iter(found))]
            return UnitMatch("unit", written, unit_id=unit.id, unit_ids=(unit.id,))
        if found:
            names = tuple(sorted(self.units[position].name for position in found))
            return UnitMatch("unmatched", written, suggestions=names)
        return UnitMatch("unmatched", written, suggestions=self._closest(key))

    def _closest(self, key: str) -> tuple[str, ...]:
        close = difflib.get_close_matches(key, list(self._exact), n=5, cutoff=0.55)
        names: list[str] = []
        for candidate in close:
            for position in sorted(self._exact[candidate]):
                name = self.units[position].name
                if name not in names:
                    names.append(name)
        return tuple(names[:3])


def match_unit_name(written: str, directory: Sequence[UnitRef] | UnitIndex) -> UnitMatch:
    """Match one written name; pass a UnitIndex when matching many names against one directory."""
    index = directory if isinstance(directory, UnitIndex) else UnitIndex(directory)
    return index.match(written)
