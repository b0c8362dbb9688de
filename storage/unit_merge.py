"""Merging a self-registered enterprise into the directory unit it turns out to be.

Every row that points at the enterprise (its members, invitations, registrations, and whatever
table a later feature adds with a foreign key to unit.id) is moved to the directory unit, found
from the metadata rather than listed here, so a new table cannot be forgotten. A registration
both hold for the same meeting is refused (two attendee lists cannot be merged by guessing);
another link row both hold (an invitation) is kept once.
"""

from __future__ import annotations

from sqlalchemy import Table, and_, delete, exists, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import InvalidInput, NotAllowed, NotFound
from storage.audit import record
from storage.models import Registration, Unit, metadata


def _unit_columns() -> list[tuple[Table, str]]:
    """(table, column) for every foreign key to unit.id, the unit's own parent included."""
    found = []
    for table in metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "unit" and fk.column.name == "id":
                found.append((table, fk.parent.name))
    return found


async def merge_units(*, session: AsyncSession, source_id: int, target_id: int, actor_id: int | None) -> dict[str, int]:
    """Move everything of self-registered unit `source_id` to directory unit `target_id`, then delete it.

    The target keeps its name; a tax code, address or contact it lacks is taken from the source.
    Returns the rows moved per table."""
    if source_id == target_id:
        raise InvalidInput("merge_same")
    source, target = await session.get(Unit, source_id), await session.get(Unit, target_id)
    if source is None or target is None:
        raise NotFound("unit", name=str(source_id if source is None else target_id))
    if not source.self_registered:
        raise NotAllowed("merge_not_self_registered")
    if target.self_registered:
        raise NotAllowed("merge_into_self_registered")
    targets = select(Registration.meeting_id).where(Registration.unit_id == target_id)
    both = (await session.exec(select(Registration.meeting_id).where(
        Registration.unit_id == source_id, col(Registration.meeting_id).in_(targets)))).first()
    if both is not None:
        raise NotAllowed("merge_both_registered", meeting=both)
    moved: dict[str, int] = {}
    for table, name in _unit_columns():
        column = table.c[name]
        keys = [c for c in table.primary_key.columns if c.name != name]
        if column.primary_key and keys:  # a link row (meeting–unit, task–unit): drop the source's duplicates
            twin = table.alias("twin")
            await session.exec(delete(table).where(column == source_id, exists().where(
                and_(twin.c[name] == target_id, *(twin.c[k.name] == table.c[k.name] for k in keys)))))
        result = await session.exec(update(table).where(column == source_id).values({name: target_id}))
        if result.rowcount:
            moved[table.name] = result.rowcount
    tax_code = source.tax_code
    for field in ("address", "contact_name", "contact_phone"):
        if not getattr(target, field):
            setattr(target, field, getattr(source, field))
    await session.delete(source)
    await session.flush()  # the source's unique tax code is gone before the target takes it
    if not target.tax_code and tax_code:
        target.tax_code = tax_code
    session.add(target)
    record(session=session, actor_id=actor_id, action="unit.merge", subject=f"unit:{target_id}",
           source=source_id, moved=moved)
    await session.flush()
    return moved
