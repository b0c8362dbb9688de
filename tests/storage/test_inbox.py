"""The inbound inbox: an event kept once until handled, left ones listed oldest first."""

from __future__ import annotations

from storage.inbox import inbox_done, inbox_put, inbox_waiting
from tests.conftest import Clock, Db


async def test_an_event_is_kept_once_until_done(db: Db, clock: Clock) -> None:
    async with db.sessions() as s:
        assert await inbox_put(session=s, channel="zalo", update_key="ab12", payload={"n": 1}, now=clock())
        assert not await inbox_put(session=s, channel="zalo", update_key="ab12", payload={"n": 2}, now=clock())
        assert await inbox_put(session=s, channel="zalo", update_key="cd34", payload={"n": 3}, now=clock())
        assert await inbox_put(session=s, channel="telegram", update_key="ab12", payload={"n": 4}, now=clock())
        await s.commit()
    async with db.sessions() as s:
        assert [r.payload["n"] for r in await inbox_waiting(session=s, channel="zalo")] == [1, 3]
        await inbox_done(session=s, channel="zalo", update_key="ab12")
        await s.commit()
    async with db.sessions() as s:
        assert [r.update_key for r in await inbox_waiting(session=s, channel="zalo")] == ["cd34"]
        assert await inbox_put(session=s, channel="zalo", update_key="ab12", payload={"n": 5}, now=clock())
