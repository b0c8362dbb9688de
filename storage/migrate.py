"""Running Alembic from code: `tdc-bot db upgrade`, the demo and the tests use these."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory

import storage.models  # noqa: F401
from storage.engine import make_sync_engine
from storage.models.base import metadata

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database to `revision`; running it again changes nothing."""
    command.upgrade(alembic_config(url), revision)


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
