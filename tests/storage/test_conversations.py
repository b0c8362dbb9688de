"""The duplicate-update claim and the conversation state commit with the event, or not at all."""

from __future__ import annotations

import pytest

from storage.conversations import StateConflict, claim_update, load_state, persist_state, save_state, snapshot
from tests.conftest import Clock, Db


async def test_a_claim_rolled_back_with_its_event_is_not_kept(db: Db, clock: Clock) -> None:
    async with db.sessions() as s:
        assert await claim_update(session=s, channel="telegram", bot_id="1", update_key="42", now=clock())
        await s.rollback()  # the event failed: its update must be handled again on redelivery
    async with db.sessions() as s:
        assert await claim_update(session=s, channel="telegram", bot_id="1", update_key="42", now=clock())
        await s.commit()
    async with db.sessions() as s:
        assert not await claim_update(session=s, channel="telegram", bot_id="1", update_key="42", now=clock())
        assert await claim_update(session=s, channel="zalo", bot_id="1", update_key="42", now=clock())


async def test_state_written_over_a_newer_version_is_refused(db: Db, clock: Clock) -> None:
    async with db.sessions() as s:
        state = await load_state(session=s, channel="console", chat_id="c", user_id="u")
        before = snapshot(state)
        save_state(session=s, state=state, flow="register", step="menu", data={"a": 1}, now=clock())
        await persist_state(session=s, state=state, before=before)
        await s.commit()
    async with db.sessions() as second:  # one worker reads the state and is still busy with it …
        two = await load_state(session=second, channel="console", chat_id="c", user_id="u")
        two_before = snapshot(two)
        await second.rollback()
        async with db.sessions() as first:  # … while another handles the chat's next message
            one = await load_state(session=first, channel="console", chat_id="c", user_id="u")
            one_before = snapshot(one)
            save_state(session=first, state=one, flow="register", step="field:full_name", data={}, now=clock())
            await persist_state(session=first, state=one, before=one_before)
            await first.commit()
        save_state(session=second, state=two, flow=None, step=None, data={}, now=clock())
        with pytest.raises(StateConflict):
            await persist_state(session=second, state=two, before=two_before)
    async with db.sessions() as s:
        final = await load_state(session=s, channel="console", chat_id="c", user_id="u")
        assert (final.step, final.version) == ("field:full_name", 2)
