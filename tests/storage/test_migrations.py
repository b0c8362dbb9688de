"""The schema is Alembic's: upgrade from empty works on both engines, twice is a no-op,
and the models match the migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from storage.engine import make_sync_engine
from storage.migrate import current_revision, head_revision, pending_changes, upgrade
from storage.models.base import metadata
from tests.conftest import throwaway_postgres


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    with throwaway_postgres("tdc_mig") as url:
        yield url


def _table_names(url: str) -> set[str]:
    engine = make_sync_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_from_empty_creates_every_table(empty_url: str) -> None:
    assert current_revision(empty_url) is None
    upgrade(empty_url)
    assert current_revision(empty_url) == head_revision(empty_url)
    assert set(metadata.tables) | {"alembic_version"} == _table_names(empty_url)


def test_upgrade_twice_changes_nothing(empty_url: str) -> None:
    upgrade(empty_url)
    before = (current_revision(empty_url), _table_names(empty_url))
    upgrade(empty_url)
    assert (current_revision(empty_url), _table_names(empty_url)) == before


def test_models_match_migrations(empty_url: str) -> None:
    upgrade(empty_url)
    assert pending_changes(empty_url) == []
