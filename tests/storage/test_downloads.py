"""One-time download links: random, short-lived, a few uses, stored as a hash; expired ones are cleared."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import func, select

from storage.downloads import create_download, take_download
from storage.models import Download
from tests.conftest import Clock, Db


async def _create(db: Db, clock: Clock, uses: int = 3, minutes: int = 30) -> str:
    async with db.sessions() as s:
        token = await create_download(session=s, name="danh-sach.xlsx", mime="application/x", data=b"PK\x03\x04",
                                      member_id=None, now=clock(), valid_for=timedelta(minutes=minutes), uses=uses)
        await s.commit()
    return token


async def _take(db: Db, clock: Clock, token: str) -> bytes | None:
    async with db.sessions() as s:
        found = await take_download(session=s, token=token, now=clock())
        await s.commit()
        return found.data if found else None


async def test_a_link_gives_the_file_as_many_times_as_allowed(db: Db, clock: Clock) -> None:
    token = await _create(db, clock, uses=2)
    assert len(token) >= 43
    async with db.sessions() as s:
        assert token not in (await s.exec(select(Download.token_hash))).one()
    assert [await _take(db, clock, token) for _ in range(3)] == [b"PK\x03\x04", b"PK\x03\x04", None]


async def test_a_link_expires_and_is_cleared_by_the_next_one(db: Db, clock: Clock) -> None:
    old = await _create(db, clock, minutes=30)
    clock.advance(minutes=30)
    assert await _take(db, clock, old) is None
    await _create(db, clock)
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Download))).one() == 1


async def test_unknown_or_absurd_tokens_give_nothing(db: Db, clock: Clock) -> None:
    await _create(db, clock)
    for token in ("", "x", "A" * 43, "A" * 500):
        assert await _take(db, clock, token) is None


async def test_two_fetches_of_the_last_use_give_one_file(db: Db, clock: Clock) -> None:
    token = await _create(db, clock, uses=1)
    got = await asyncio.gather(*(_take(db, clock, token) for _ in range(6)))
    assert sum(g is not None for g in got) == 1


async def test_a_used_up_link_leaves_no_file_behind(db: Db, clock: Clock) -> None:
    token = await _create(db, clock, uses=1)
    assert await _take(db, clock, token) == b"PK\x03\x04"
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Download))).one() == 0
