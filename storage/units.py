"""Units: the directory every other part refers to."""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import InvalidInput, NotFound
from domain.text import fold, normalize
from storage.models import Unit
from storage.models.people import UNIT_KINDS


@dataclass(frozen=True)
class UnitRow:
    """One line of a units CSV, checked."""

    kind: str
    name: str
    short_names: tuple[str, ...]
    parent: str | None


def parse_units_csv(text: str) -> list[UnitRow]:
    """Read `kind,name,short_names,parent` (short names separated by `;`), refusing bad rows by line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    expected = {"kind", "name", "short_names", "parent"}
    if reader.fieldnames is None or not expected.issubset({(f or "").strip() for f in reader.fieldnames}):
        raise InvalidInput("csv_header", expected=",".join(sorted(expected)))
    rows: list[UnitRow] = []
    for line_no, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        kind, name = row["kind"].lower(), normalize(row["name"])
        if not name:
            raise InvalidInput("csv_row", line=line_no, problem="empty name")
        if kind not in UNIT_KINDS:
            raise InvalidInput("csv_row", line=line_no, problem=f"unknown kind {kind!r}")
        shorts = tuple(normalize(s) for s in row["short_names"].split(";") if s.strip())
        rows.append(UnitRow(kind, name, shorts, normalize(row["parent"]) or None))
    return rows


async def upsert_units(*, session: AsyncSession, rows: Sequence[UnitRow]) -> tuple[int, int]:
    """Insert new units and update known ones (matched by folded name); returns (added, updated)."""
    existing = {u.name_key: u for u in (await session.exec(select(Unit))).all()}
    added = updated = 0
    for row in rows:
        unit = existing.get(fold(row.name))
        if unit is None:
            unit = Unit(kind=row.kind, name=row.name, name_key=fold(row.name), short_names=list(row.short_names))
            session.add(unit)
            existing[unit.name_key] = unit
            added += 1
        elif (unit.kind, unit.name, list(unit.short_names)) != (row.kind, row.name, list(row.short_names)):
            unit.kind, unit.name, unit.short_names = row.kind, row.name, list(row.short_names)
            updated += 1
    await session.flush()
    for row in rows:
        if row.parent:
            parent = existing.get(fold(row.parent))
            if parent is None:
                raise NotFound("unit", name=row.parent, suggestions=_closest(row.parent, existing.values()))
            unit = existing[fold(row.name)]
            if unit.parent_id != parent.id:
                unit.parent_id = parent.id
    await session.flush()
    return added, updated


async def list_units(*, session: AsyncSession, kind: str | None = None) -> list[Unit]:
    query = select(Unit).order_by(Unit.kind, Unit.name)
    if kind:
        query = query.where(Unit.kind == kind)
    return list((await session.exec(query)).all())


def _keys(unit: Unit) -> list[str]:
    return [unit.name_key, *(fold(s) for s in unit.short_names)]


def _closest(name: str, units: Iterable[Unit], limit: int = 3) -> list[str]:
    by_key: dict[str, str] = {}
    for unit in units:
        for key in _keys(unit):
            by_key.setdefault(key, unit.name)
    matches = difflib.get_close_matches(fold(name), list(by_key), n=limit * 2, cutoff=0.5)
    seen: list[str] = []
    for key in matches:
        if by_key[key] not in seen:
            seen.append(by_key[key])
    return seen[:limit]


async def find_unit(*, session: AsyncSession, name: str) -> Unit:
    """The unit with this name or short name (folded); NotFound carries the closest names."""
    key = fold(name)
    units = (await session.exec(select(Unit))).all()
    for unit in units:
        if key in _keys(unit):
            return unit
    raise NotFound("unit", name=name, suggestions=_closest(name, units))
