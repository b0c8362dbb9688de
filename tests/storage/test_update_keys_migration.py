"""Migration 0006_update_keys keeps what is there: a private chat's state gets its person, marks get bot ''."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.engine import make_sync_engine
from storage.migrate import upgrade
from tests.conftest import throwaway_postgres


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    with throwaway_postgres("tdc_keys") as url:
        yield url


def test_states_and_marks_from_before_survive_with_their_new_keys(empty_url: str) -> None:
    upgrade(empty_url, "0004_reminders")
    engine = make_sync_engine(empty_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO conversationstate (channel, chat_id, flow, step, data, version, updated_at) "
                "VALUES ('telegram', '5001', 'register', 'menu', :data, 3, '2026-05-20 09:00:00+07:00')"),
                {"data": json.dumps({"meeting_id": 1})})
            conn.execute(text("INSERT INTO inboundupdate (channel, update_key, handled_at) "
                              "VALUES ('telegram', '42', '2026-05-20 09:00:00+07:00')"))
        upgrade(empty_url)
        with engine.connect() as conn:
            state = conn.execute(text("SELECT chat_id, user_id, step, version FROM conversationstate")).one()
            mark = conn.execute(text("SELECT bot_id, update_key FROM inboundupdate")).one()
    finally:
        engine.dispose()
    assert tuple(state) == ("5001", "5001", "menu", 3)
    assert tuple(mark) == ("", "42")
