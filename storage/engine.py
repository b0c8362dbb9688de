"""Engines and sessions: async for the bot, sync for migrations and the command line's setup."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

DEFAULT_BUSY_TIMEOUT_MS = 5000


def _driver_url(url: str, *, asynchronous: bool) -> str:
    """The URL with the driver we use: aiosqlite / psycopg (3) for async, pysqlite / psycopg for sync."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        driver = "aiosqlite" if asynchronous else "pysqlite"
    elif backend == "postgresql":
        driver = "psycopg"
    else:
        raise ValueError(f"unsupported database: {backend} (use sqlite or postgresql)")
    return parsed.set(drivername=f"{backend}+{driver}").render_as_string(hide_password=False)


def _ensure_sqlite_dir(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(busy_timeout_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # WAL lets readers go on while one writer commits; the busy timeout makes a second
        # writer wait for the lock instead of failing at once; SQLite ignores foreign keys
        # unless asked.
        # The busy timeout first: switching a new file to WAL needs a lock another process may hold.
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def _sqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not Python's sqlite3 module, start transactions, and start them IMMEDIATE.

    The sqlite3 module issues no BEGIN before a SAVEPOINT, so a savepoint outside a transaction
    committed on release (a duplicate-update claim survived a rollback), and a transaction that
    read before writing failed with "database is locked" without waiting when another writer
    had committed meanwhile. BEGIN IMMEDIATE takes the write lock up front, where the busy
    timeout applies. This is SQLAlchemy's documented recipe for pysqlite and aiosqlite.
    """

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


_DETAIL = re.compile(r"^(DETAIL|CONTEXT):.*(?:\n(?!\[|HINT:).*)*\n?", re.M)


def _hide_error_details(engine: Engine) -> None:
    """Drop PostgreSQL's DETAIL (and CONTEXT) lines from error messages: they quote the row's
    values ('Key (channel, external_id)=(telegram, 8123456789) already exists'), which
    `hide_parameters` does not cover. The error keeps its type, SQLSTATE and `diag`."""

    @event.listens_for(engine, "handle_error")
    def _strip(context: Any) -> None:
        for err in (context.original_exception, context.sqlalchemy_exception):
            if err is not None and err.args and isinstance(err.args[0], str):
                err.args = (_DETAIL.sub("", err.args[0]).rstrip("\n"), *err.args[1:])


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_async_engine(url: str, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS, echo: bool = False) -> AsyncEngine:
    """The bot's engine; SQLite gets WAL, a busy timeout and foreign keys on every connection.

    `hide_parameters`: SQL parameters hold names, phones and Telegram/Zalo ids, and SQLAlchemy
    puts them in its echo log and in the text of every error (an IntegrityError's message), which
    reach the logs; with it the statement is kept and the values are not.
    """
    _ensure_sqlite_dir(url)
    if is_sqlite(url):
        # SQLite has one writer at a time: one connection per process makes writers queue in
        # asyncio instead of sleeping in SQLite's busy handler (other processes still get the
        # busy timeout).
        engine = create_async_engine(_driver_url(url, asynchronous=True), echo=echo, pool_size=1, max_overflow=0,
                                     pool_timeout=60, hide_parameters=True)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        _sqlite_transactions(engine.sync_engine)
        return engine
    engine = create_async_engine(_driver_url(url, asynchronous=True), echo=echo, pool_pre_ping=True,
                                 hide_parameters=True)
    _hide_error_details(engine.sync_engine)
    return engine


def make_sync_engine(url: str, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    """A synchronous engine for Alembic."""
    _ensure_sqlite_dir(url)
    engine = create_engine(_driver_url(url, asynchronous=False), hide_parameters=True)
    if is_sqlite(url):
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        _sqlite_transactions(engine)
    else:
        _hide_error_details(engine)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded values after commit, so replies can be formatted from them."""
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


@asynccontextmanager
async def session_scope(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One session for one piece of work; rolled back if it fails, the caller commits."""
    async with factory() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
