"""`tdc-bot db upgrade` twice at once: both succeed, the schema is at head, nothing is done twice.

Real processes on a fresh database of each engine. Without a lock the loser on PostgreSQL exited
with a raw UniqueViolation (both created the same tables); on SQLite a second upgrade could give
up after the bot's 5-second busy timeout.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from sqlalchemy import inspect

from storage.engine import make_sync_engine
from storage.migrate import MIGRATION_LOCK_KEY, alembic_config, current_revision, head_revision, pending_changes
from storage.models.base import metadata
from tests.conftest import throwaway_postgres

TDC_BOT = str(Path(sys.executable).with_name("tdc-bot"))
WAITING = "đang chờ một lệnh `db upgrade` khác"


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    with throwaway_postgres("tdc_race") as url:
        yield url


def _upgrade_process(url: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "TDC_DATABASE_URL": url}
    env.pop("TDC_CONFIG", None)
    return subprocess.Popen([TDC_BOT, "db", "upgrade"], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _at_head(url: str) -> None:
    assert current_revision(url) == head_revision(url)
    engine = make_sync_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) == set(metadata.tables) | {"alembic_version"}
    finally:
        engine.dispose()
    assert pending_changes(url) == []


def test_two_upgrades_at_once_both_succeed_and_leave_the_schema_at_head(fresh_url: str, tmp_path: Path) -> None:
    processes = [_upgrade_process(fresh_url, tmp_path) for _ in range(2)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    for code, out, err in results:
        assert code == 0, err
        assert "Traceback" not in err
        assert out.strip() == f"database is at revision {head_revision(fresh_url)}"
    _at_head(fresh_url)


class _Lines:
    """The stderr lines of a process, read in a thread, so a test can wait for one with a limit."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        assert process.stderr is not None
        stream = process.stderr
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, words: str, timeout: float = 60) -> None:
        while True:
            line = self.lines.get(timeout=timeout)
            if line is None:
                raise AssertionError(f"the process ended without saying {words!r}; it said {self.seen}")
            self.seen.append(line)
            if words in line:
                return

    def rest(self) -> str:
        tail = []
        while (line := self.lines.get(timeout=60)) is not None:
            tail.append(line)
        return "".join(self.seen + tail)


def test_a_second_upgrade_waits_for_the_first_then_finds_nothing_to_do(fresh_url: str, tmp_path: Path) -> None:
    """The test plays the first upgrade: it holds the lock, migrates, and lets go."""
    engine = make_sync_engine(fresh_url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                holder = psycopg.connect(fresh_url, autocommit=True)
                holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
            else:
                holder = None
                conn.begin()  # BEGIN IMMEDIATE: SQLite's write lock is the migration lock
            second = _upgrade_process(fresh_url, tmp_path)
            lines = _Lines(second)
            lines.wait_for(WAITING)  # it noticed the lock and waits; no sleeping on our side
            assert second.poll() is None
            cfg = alembic_config(fresh_url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")  # the first upgrade's work, done while holding the lock
            conn.commit()
            if holder is not None:
                holder.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
                holder.close()
    finally:
        engine.dispose()
    assert second.wait(timeout=120) == 0, lines.rest()
    out = second.stdout.read() if second.stdout else ""
    assert out.strip() == f"database is at revision {head_revision(fresh_url)}"
    assert "Traceback" not in lines.rest()
    _at_head(fresh_url)


def test_an_upgrade_that_waits_too_long_gives_up_with_a_clear_error(
        fresh_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """In process, with the wait shortened to one second: the lock is held the whole time."""
    from storage import migrate

    monkeypatch.setattr(migrate, "MIGRATION_WAIT_S", 1)
    told: list[str] = []
    engine = make_sync_engine(fresh_url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                holder = psycopg.connect(fresh_url, autocommit=True)
                holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
            else:
                holder = None
                conn.begin()
            with pytest.raises(migrate.MigrationBusy) as refused:
                migrate.upgrade(fresh_url, on_wait=lambda: told.append("waiting"))
            conn.rollback()
            if holder is not None:
                holder.close()
    finally:
        engine.dispose()
    assert told == ["waiting"] and refused.value.params == {"waited_s": 1}
    assert current_revision(fresh_url) is None  # nothing half-done
    migrate.upgrade(fresh_url)  # and once the lock is free, it goes through
    _at_head(fresh_url)
