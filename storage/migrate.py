"""Running Alembic from code: `tdc-bot db upgrade`, the demo and the tests use these.

Two upgrades at once (two workers starting, an operator and a deploy script) must not both
create the same tables: the loser used to exit with a raw UniqueViolation. So an upgrade holds
a lock for its whole run, and the second waits for it and then finds nothing left to do.
- PostgreSQL: a session-level advisory lock on the connection Alembic migrates with; Alembic
  still begins and commits its own transaction inside it.
- SQLite: the whole upgrade is one BEGIN IMMEDIATE transaction, so the database's write lock is
  the migration lock; the wait for it is long (MIGRATION_WAIT_S), not the bot's busy timeout.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

import storage.models  # noqa: F401
from domain.errors import DomainError
from storage.engine import make_sync_engine
from storage.models.base import metadata

MIGRATIONS = Path(__file__).with_name("migrations")
# pg_advisory_lock key of `db upgrade` ("tdc" and 1); other locks of ours must use other keys.
MIGRATION_LOCK_KEY = 0x746463_0001
MIGRATION_WAIT_S = 600  # how long a second upgrade waits for the first before giving up


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class MigrationBusy(DomainError):
    """Another upgrade held the lock for longer than MIGRATION_WAIT_S."""

    code = "migration_busy"


def upgrade(url: str, revision: str = "head", *, on_wait: Callable[[], None] | None = None) -> None:
    """Bring the database to `revision`; running it again, or twice at once, changes nothing.

    `on_wait` is called once if another upgrade holds the lock, before waiting for it.
    """
    engine = make_sync_engine(url, busy_timeout_ms=MIGRATION_WAIT_S * 1000)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                _upgrade_postgresql(conn, url, revision, on_wait)
            else:
                _upgrade_sqlite(conn, url, revision, on_wait)
    finally:
        engine.dispose()


def _run_alembic(conn: Connection, url: str, revision: str) -> None:
    cfg = alembic_config(url)
    cfg.attributes["connection"] = conn  # env.py migrates on this connection, under our lock
    command.upgrade(cfg, revision)


def _upgrade_postgresql(conn: Connection, url: str, revision: str, on_wait: Callable[[], None] | None) -> None:
    key = {"key": MIGRATION_LOCK_KEY}
    if not conn.execute(text("SELECT pg_try_advisory_lock(:key)"), key).scalar():
        if on_wait is not None:
            on_wait()
        conn.execute(text(f"SET LOCAL lock_timeout = '{MIGRATION_WAIT_S}s'"))
        try:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), key)
        except OperationalError as exc:  # lock_timeout: LockNotAvailable
            raise MigrationBusy(waited_s=MIGRATION_WAIT_S) from exc
    conn.commit()  # the lock is the session's; Alembic begins and commits its own transaction
    try:
        _run_alembic(conn, url, revision)
    finally:
        conn.rollback()  # a failed migration leaves an aborted transaction; the unlock needs a fresh one
        conn.execute(text("SELECT pg_advisory_unlock(:key)"), key)
        conn.commit()


def _upgrade_sqlite(conn: Connection, url: str, revision: str, on_wait: Callable[[], None] | None) -> None:
    if on_wait is not None and _sqlite_write_locked(conn):
        on_wait()
    try:
        conn.begin()  # BEGIN IMMEDIATE (storage.engine): waits up to MIGRATION_WAIT_S for the write lock
    except OperationalError as exc:
        raise MigrationBusy(waited_s=MIGRATION_WAIT_S) from exc
    _run_alembic(conn, url, revision)  # inside our transaction, Alembic commits nothing itself
    conn.commit()


def _sqlite_write_locked(conn: Connection) -> bool:
    """Whether another connection holds the write lock now (asked without waiting)."""
    raw = conn.connection.dbapi_connection  # the driver's own: SQLAlchemy would BEGIN on first use
    assert raw is not None
    cursor = raw.cursor()
    cursor.execute("PRAGMA busy_timeout=0")
    try:
        cursor.execute("BEGIN IMMEDIATE")
        cursor.execute("ROLLBACK")
        return False
    except Exception as exc:  # sqlite3.OperationalError: database is locked
        if "locked" not in str(exc):
            raise
        return True
    finally:
        cursor.execute(f"PRAGMA busy_timeout={MIGRATION_WAIT_S * 1000}")
        cursor.close()


def current_revision(url: str) -> str | None:
    engine = make_sync_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def head_revision(url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def pending_changes(url: str) -> list[Any]:
    """What autogenerate would add: empty when the models match the migrations."""
    engine = make_sync_engine(url)
    cfg = alembic_config(url)
    script = ScriptDirectory.from_config(cfg)
    try:
        with engine.connect() as conn:
            with EnvironmentContext(cfg, script):
                ctx = MigrationContext.configure(
                    conn, opts={"compare_type": True, "target_metadata": metadata}
                )
                diffs: list[Any] = compare_metadata(ctx, metadata)  # alembic types it Any; it is a list
                return diffs
    finally:
        engine.dispose()


SchemaState = Literal["missing", "not_migrated", "outdated", "current"]


def schema_state(url: str) -> SchemaState:
    """Whether the database exists and has the current schema, found out without creating anything.

    A dry run asks this first: opening a SQLite URL the usual way creates the file and its
    directory, and a `--dry-run` on a fresh checkout left an empty data/tdc.db behind. A
    PostgreSQL database that does not exist (or cannot be reached) is "missing".
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if not path or path == ":memory:" or not Path(path).is_file():
            return "missing"
        # mode=rw: open only what exists (never create); read-only would fail on a WAL file's lock files.
        with closing(sqlite3.connect(f"file:{quote(path)}?mode=rw", uri=True)) as conn:
            found = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'")
            if found.fetchone() is None:
                return "not_migrated"
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        version = row[0] if row else None
    else:
        engine = make_sync_engine(url)
        try:
            with engine.connect() as conn:
                version = MigrationContext.configure(conn).get_current_revision()
        except OperationalError:
            return "missing"
        finally:
            engine.dispose()
    if version is None:
        return "not_migrated"
    return "current" if version == head_revision(url) else "outdated"
