"""Shared fixtures: a migrated database on SQLite and on PostgreSQL, a frozen clock.

Storage tests take `db` and run once per engine. PostgreSQL comes from
$TDC_TEST_POSTGRES_URL, or 127.0.0.1:5432 if a server answers there; each test run gets its
own throwaway database. When $TDC_TEST_POSTGRES_URL is set (CI sets it) an unreachable server
is an error, not a skip.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.engine import make_async_engine, session_factory
from storage.migrate import upgrade
from storage.models.base import metadata

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def postgres_admin_url() -> str | None:
    """The server to make test databases on, or None when there is none (and none was asked for)."""
    explicit = os.environ.get("TDC_TEST_POSTGRES_URL")
    url = explicit or DEFAULT_PG
    try:
        with psycopg.connect(url, connect_timeout=3):
            return url
    except psycopg.OperationalError as exc:
        if explicit:
            raise RuntimeError(f"TDC_TEST_POSTGRES_URL={explicit} does not answer: {exc}") from exc
        return None


@contextmanager
def throwaway_postgres(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for a test, dropped afterwards; skips (saying why) when
    there is no server and none was asked for (with TDC_TEST_POSTGRES_URL set, that is an error)."""
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432 and TDC_TEST_POSTGRES_URL not set")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test run, dropped at the end."""
    with throwaway_postgres("tdc_test") as url:
        upgrade(url)
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating once is the slow part)."""
    path = tmp_path_factory.mktemp("tpl") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@dataclass
class Db:
    """A migrated, empty database of one engine, with its async engine and session factory."""

    kind: str
    url: str
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]


async def _truncate_all(engine: AsyncEngine) -> None:
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Db]:
    """The database a storage or flow test runs on: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "tdc.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("pg_url")
    engine = make_async_engine(url)
    if request.param == "postgresql":
        await _truncate_all(engine)
    try:
        yield Db(request.param, url, engine, session_factory(engine))
    finally:
        await engine.dispose()


@pytest.fixture
async def sqlite_db(tmp_path: Path, sqlite_template: Path) -> AsyncIterator[Db]:
    """SQLite only: for channel tests and anything that does not depend on the engine."""
    path = tmp_path / "tdc.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_async_engine(url)
    try:
        yield Db("sqlite", url, engine, session_factory(engine))
    finally:
        await engine.dispose()


class Clock:
    """A clock the test moves by hand: no test waits for real time to pass."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 5, 20, 9, 0, tzinfo=TZ))


def fixture_file(relative: str) -> Path:
    """A file of tests/fixtures (seed documents, the time-expression dev set, a font).

    The repository carries them itself, so a clone runs its tests with nothing beside it.
    """
    path = FIXTURES / relative
    if not path.exists():
        pytest.fail(f"missing test fixture {path}")
    return path
