"""Who owes a deadline made by hand: groups ("các xã, phường"), unit names or ids, matched
against the directory before anything is stored. Unlike a letter, where a name that fits no unit
is kept and reported, a name an organiser typed and that fits nothing is refused with the
closest names, so it can be typed again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.documents import UnitIndex
from domain.documents.units import UnitMatch

ALL_COMMUNES = "các xã, phường"
ALL_DIVISIONS = "các phòng, đơn vị thuộc Sở"
GROUP_WORDS = {"all-communes": ALL_COMMUNES, "all-divisions": ALL_DIVISIONS}
_PIECES = re.compile(r"[;\n]+")


@dataclass
class Owed:
    """What matched: the names as written (groups and units), the units picked by id, the misses."""

    written: list[str] = field(default_factory=list)
    unit_ids: list[int] = field(default_factory=list)
    missed: list[UnitMatch] = field(default_factory=list)
    units: int = 0  # how many units it comes to


def match_owed(index: UnitIndex, given: Sequence[str]) -> Owed:
    """Each of `given` as a group word ("all-communes"), a unit id, or a name or group as written."""
    out = Owed()
    known = {unit.id for unit in index.units}
    ids: set[int] = set()
    for raw in given:
        text = GROUP_WORDS.get(raw.strip().lower(), raw.strip())
        if text.isdecimal() and int(text) in known:
            out.unit_ids.append(int(text))
            ids.add(int(text))
            continue
        found = index.match(text)
        if found.status == "unmatched" or not found.unit_ids:
            out.missed.append(found)
            continue
        out.written.append(text)
        ids |= set(found.unit_ids)
    out.units = len(ids)
    return out


def split_typed(index: UnitIndex, typed: str) -> list[str]:
    """Names typed in one message: one per line or between ';', or between commas when the whole
    piece is no single name or group ("Phường Trấn Biên, Xã Long Thành" but "các xã, phường")."""
    names: list[str] = []
    for piece in (p.strip() for p in _PIECES.split(typed)):
        if not piece:
            continue
        if index.match(piece).status != "unmatched" or "," not in piece:
            names.append(piece)
        else:
            names += [part.strip() for part in piece.split(",") if part.strip()]
    return names
