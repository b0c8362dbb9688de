"""Invite codes: long, random, expiring, single-use; a bad code changes nothing."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import func, select

from domain.errors import NotAllowed
from storage.members import create_invite, identity_for, redeem_invite
from storage.models import Invite, Member, Unit
from tests.conftest import Clock, Db


async def _unit(db: Db) -> int:
    async with db.sessions() as s:
        unit = Unit(kind="commune", name="Xã Long Thành", name_key="xa long thanh")
        s.add(unit)
        await s.commit()
        return unit.id  # type: ignore[return-value]


async def _invite(db: Db, clock: Clock, uses: int = 1, days: int = 14) -> str:
    unit_id = await _unit(db)
    async with db.sessions() as s:
        _, token = await create_invite(session=s, unit_id=unit_id, role="officer", now=clock(),
                                       valid_days=days, uses=uses)
        await s.commit()
    return token


async def _redeem(db: Db, clock: Clock, token: str, user: str):  # type: ignore[no-untyped-def]
    async with db.sessions() as s:
        ident = await redeem_invite(session=s, token=token, now=clock(), channel="telegram",
                                    external_id=user, chat_id=user, full_name=f"Người {user}")
        await s.commit()
        return ident


async def test_code_is_long_random_and_stored_only_as_a_hash(db: Db, clock: Clock) -> None:
    token = await _invite(db, clock)
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    async with db.sessions() as s:
        stored = (await s.exec(select(Invite))).one()
        assert token not in stored.token_hash


async def test_code_joins_once_then_is_used_up(db: Db, clock: Clock) -> None:
    token = await _invite(db, clock)
    ident = await _redeem(db, clock, token, "1001")
    assert (ident.member.role, ident.unit.name) == ("officer", "Xã Long Thành")
    with pytest.raises(NotAllowed) as info:
        await _redeem(db, clock, token, "1002")
    assert info.value.code == "invite_used"
    async with db.sessions() as s:
        assert await identity_for(session=s, channel="telegram", external_id="1002") is None


async def test_expired_and_unknown_codes_change_nothing(db: Db, clock: Clock) -> None:
    token = await _invite(db, clock, days=1)
    clock.advance(days=1, seconds=1)
    with pytest.raises(NotAllowed) as info:
        await _redeem(db, clock, token, "1001")
    assert info.value.code == "invite_expired"
    with pytest.raises(NotAllowed) as info:
        await _redeem(db, clock, "x" * 43, "1001")
    assert info.value.code == "invite_unknown"
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Member))).one() == 0
        assert (await s.exec(select(Invite.uses_left))).one() == 1


async def test_two_people_racing_for_the_last_use_cannot_both_win(db: Db, clock: Clock) -> None:
    token = await _invite(db, clock)
    results = await asyncio.gather(
        *(_redeem(db, clock, token, str(2000 + i)) for i in range(4)), return_exceptions=True
    )
    winners = [r for r in results if not isinstance(r, BaseException)]
    losers = [r for r in results if isinstance(r, NotAllowed)]
    assert len(winners) == 1 and len(losers) == 3, results
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(Member))).one() == 1


async def test_a_code_for_several_people_counts_down(db: Db, clock: Clock) -> None:
    token = await _invite(db, clock, uses=2)
    await _redeem(db, clock, token, "1")
    clock.advance(hours=1)
    await _redeem(db, clock, token, "2")
    with pytest.raises(NotAllowed):
        await _redeem(db, clock, token, "3")
