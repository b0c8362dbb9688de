"""Statements that differ by engine, written once."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel.ext.asyncio.session import AsyncSession


def upsert(session: AsyncSession, model: Any, **values: Any) -> Any:
    """The engine's own INSERT, which takes `.on_conflict_do_nothing()` / `.on_conflict_do_update()`."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert_for = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert_for(model).values(**values)


def insert_ignoring_conflicts(session: AsyncSession, model: Any, **values: Any) -> Any:
    """INSERT … ON CONFLICT DO NOTHING for the session's engine (one statement, no savepoint)."""
    return upsert(session, model, **values).on_conflict_do_nothing()
