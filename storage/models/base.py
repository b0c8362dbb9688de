"""Shared pieces of the table definitions: naming convention and timestamp fields."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlmodel import Field, SQLModel

from storage.types import AwareDateTime, utcnow

# Stable constraint names, so that migrations can refer to them on both engines.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = SQLModel.metadata


class _Row(Protocol):
    @property
    def id(self) -> int | None: ...


def saved_id(row: _Row) -> int:
    """The id of a row that was flushed or loaded.

    Table models type `id` as `int | None` because a new row has none until the database
    gives it one; code holding a saved row narrows with this instead of passing the None on.
    A row never flushed is a bug, so it raises rather than returning a default."""
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id yet: it was not flushed")
    return row.id


def created_at_field() -> Any:
    """An aware creation stamp filled in by the application."""
    return Field(default_factory=utcnow, sa_type=AwareDateTime, nullable=False)


def aware_field(*, nullable: bool = True, index: bool = False) -> Any:
    """An optional aware timestamp."""
    return Field(default=None, sa_type=AwareDateTime, nullable=nullable, index=index)


__all__ = ["Field", "SQLModel", "aware_field", "created_at_field", "datetime", "metadata", "saved_id"]
