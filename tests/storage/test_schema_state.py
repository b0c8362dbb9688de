"""storage.migrate.schema_state: asked before a dry run, it creates nothing (issue 9.4)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg

from storage.migrate import schema_state, upgrade
from tests.conftest import postgres_admin_url, throwaway_postgres


def test_sqlite_missing_empty_current_and_outdated(tmp_path: Path) -> None:
    missing = tmp_path / "data" / "tdc.db"
    assert schema_state(f"sqlite:///{missing}") == "missing"
    assert list(tmp_path.iterdir()) == []  # no file, no directory
    assert schema_state("sqlite:///:memory:") == "missing"
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert schema_state(f"sqlite:///{empty}") == "not_migrated"
    migrated = tmp_path / "migrated.db"
    upgrade(f"sqlite:///{migrated}")
    assert schema_state(f"sqlite:///{migrated}") == "current"
    with sqlite3.connect(migrated) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004_reminders'")
    assert schema_state(f"sqlite:///{migrated}") == "outdated"
    with sqlite3.connect(migrated) as conn:
        conn.execute("DELETE FROM alembic_version")
    assert schema_state(f"sqlite:///{migrated}") == "not_migrated"


def test_postgresql_missing_empty_and_current() -> None:
    with throwaway_postgres("tdc_state") as url:
        assert schema_state(url) == "not_migrated"
        upgrade(url)
        assert schema_state(url) == "current"
        gone = url.rsplit("/", 1)[0] + "/tdc_no_such_database"
        assert schema_state(gone) == "missing"
        admin = postgres_admin_url()
        assert admin is not None
        with psycopg.connect(admin) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'tdc_no_such_database'").fetchone()
        assert exists is None  # asking did not create it
