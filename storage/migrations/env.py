"""Alembic environment: the schema is SQLModel.metadata, the URL comes from our config."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

import storage.models  # noqa: F401  (registers every table)
from storage.engine import make_sync_engine
from storage.models.base import metadata

config = context.config


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise SystemExit("no sqlalchemy.url: run migrations through storage.migrate (`tdc-bot db upgrade`)")
    engine = make_sync_engine(url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `tdc-bot db upgrade`")
run_migrations_online()
