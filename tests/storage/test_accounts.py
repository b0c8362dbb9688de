"""One member, two apps: link codes (short, one-time, expiring, for the other app only), the
last-seen stamp written rarely, and the one account a reminder goes to."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from domain.errors import NotAllowed
from storage.accounts import (
    SEEN_EVERY,
    create_link_code,
    normalise_link_code,
    note_seen,
    organiser_ids,
    preferred_accounts,
    redeem_link_code,
    show_link_code,
)
from storage.members import add_member, identity_for
from storage.models import AuditEvent, ChannelAccount, LinkCode, Member, Unit
from tests.conftest import Clock, Db


async def _member(db: Db, clock: Clock, name: str = "Nguyễn Thị Lan", ext: str = "1001") -> int:
    async with db.sessions() as s:
        unit = (await s.exec(select(Unit))).first()
        if unit is None:
            unit = Unit(kind="commune", name="Phường Trấn Biên", name_key="phuong tran bien")
            s.add(unit)
            await s.flush()
        ident = await add_member(session=s, unit_id=unit.id, full_name=name, role="officer",  # type: ignore[arg-type]
                                 channel="telegram", external_id=ext)
        await s.commit()
        return ident.member.id  # type: ignore[return-value]


async def _code(db: Db, clock: Clock, member_id: int) -> str:
    async with db.sessions() as s:
        code = await create_link_code(session=s, member_id=member_id, channel="telegram", now=clock())
        await s.commit()
    return code


async def _redeem(db: Db, clock: Clock, code: str, ext: str = "a1b2c3", channel: str = "zalo"):  # type: ignore[no-untyped-def]
    async with db.sessions() as s:
        ident = await redeem_link_code(session=s, code=code, now=clock(), channel=channel, external_id=ext,
                                       chat_id=ext)
        await s.commit()
        return ident


def test_codes_are_short_typed_forgivingly_and_never_plain_words() -> None:
    assert normalise_link_code("k7qm-2pxa") == normalise_link_code(" K7QM 2PXA ") == "K7QM2PXA"
    assert show_link_code("K7QM2PXA") == "K7QM-2PXA"
    for word in ("DANGKYXA", "12345678", "K7QM2PX", "K7QM2PXA9", "K7QM2PX0", "ĐĂNGKÝ12"):
        assert normalise_link_code(word) is None, word


async def test_a_code_links_a_zalo_account_to_the_same_member_once(db: Db, clock: Clock) -> None:
    member_id = await _member(db, clock)
    code = await _code(db, clock, member_id)
    assert normalise_link_code(code) == code
    ident = await _redeem(db, clock, code)
    assert ident.member.id == member_id and ident.account.channel == "zalo"
    with pytest.raises(NotAllowed) as used:
        await _redeem(db, clock, code, ext="d4e5f6")
    assert used.value.code == "link_used"
    async with db.sessions() as s:
        stored = (await s.exec(select(LinkCode))).one()
        assert code not in stored.code_hash
        accounts = (await s.exec(select(ChannelAccount.channel, ChannelAccount.member_id))).all()
        assert sorted(accounts) == [("telegram", member_id), ("zalo", member_id)]
        actions = (await s.exec(select(AuditEvent.action))).all()
        assert "account.link" in actions


@pytest.mark.parametrize("case", ["expired", "same_channel", "unknown", "replaced"])
async def test_a_bad_code_links_nothing(db: Db, clock: Clock, case: str) -> None:
    member_id = await _member(db, clock)
    code = await _code(db, clock, member_id)
    channel, expected = "zalo", f"link_{case}"
    if case == "expired":
        clock.advance(minutes=16)
    elif case == "same_channel":
        channel = "telegram"
    elif case == "unknown":
        code = "ABCD2345" if code != "ABCD2345" else "ABCD2346"
    else:
        await _code(db, clock, member_id)  # a new code makes the earlier one stop working
        expected = "link_expired"
    with pytest.raises(NotAllowed) as refused:
        await _redeem(db, clock, code, channel=channel)
    assert refused.value.code == expected
    async with db.sessions() as s:
        assert (await s.exec(select(func.count()).select_from(ChannelAccount))).one() == 1


async def test_an_account_of_another_active_member_is_not_taken_over(db: Db, clock: Clock) -> None:
    lan = await _member(db, clock)
    binh = await _member(db, clock, "Trần Văn Bình", ext="2002")
    async with db.sessions() as s:  # Bình already uses Zalo account b0b0
        await add_member(session=s, unit_id=(await s.get(Member, binh)).unit_id, full_name="Trần Văn Bình",  # type: ignore[union-attr]
                         role="officer", channel="zalo", external_id="b0b0")
        await s.commit()
    with pytest.raises(NotAllowed) as refused:
        await _redeem(db, clock, await _code(db, clock, lan), ext="b0b0")
    assert refused.value.code == "link_other_member"


async def _seen(db: Db, clock: Clock, channel: str, ext: str) -> bool:
    async with db.sessions() as s:
        ident = await identity_for(session=s, channel=channel, external_id=ext)
        assert ident is not None
        wrote = await note_seen(session=s, identity=ident, now=clock())
        await s.commit()
        return wrote


async def _preferred(db: Db, member_id: int, skip: frozenset[str] = frozenset()) -> str | None:
    async with db.sessions() as s:
        found = await preferred_accounts(session=s, member_ids=[member_id], skip_channels=skip)
    return found[member_id].channel if member_id in found else None


async def test_the_stamp_is_written_rarely_yet_the_last_channel_used_wins(db: Db, clock: Clock) -> None:
    member_id = await _member(db, clock)
    await _redeem(db, clock, await _code(db, clock, member_id))  # linking stamps the Zalo account
    assert await _preferred(db, member_id) == "zalo"
    clock.advance(minutes=5)
    assert await _seen(db, clock, "telegram", "1001")  # never stamped: written
    assert await _preferred(db, member_id) == "telegram"
    clock.advance(minutes=5)
    assert not await _seen(db, clock, "telegram", "1001")  # same channel, fresh stamp: no write
    clock.advance(minutes=5)
    assert await _seen(db, clock, "zalo", "a1b2c3")  # a switch of channel is written at once
    assert await _preferred(db, member_id) == "zalo"
    assert await _preferred(db, member_id, skip=frozenset({"zalo"})) == "telegram"  # a spent Zalo budget
    clock.advance(minutes=5)
    assert not await _seen(db, clock, "zalo", "a1b2c3")
    clock.advance(seconds=SEEN_EVERY.total_seconds())
    assert await _seen(db, clock, "zalo", "a1b2c3")  # stale after SEEN_EVERY


async def test_an_unreachable_account_is_never_preferred(db: Db, clock: Clock) -> None:
    member_id = await _member(db, clock)
    await _redeem(db, clock, await _code(db, clock, member_id))
    async with db.sessions() as s:
        zalo = (await s.exec(select(ChannelAccount).where(ChannelAccount.channel == "zalo"))).one()
        zalo.reachable = False
        await s.commit()
    assert await _preferred(db, member_id) == "telegram"
    assert await _preferred(db, member_id, skip=frozenset({"telegram"})) is None
    async with db.sessions() as s:
        assert await preferred_accounts(session=s, member_ids=[]) == {}


async def test_organisers_are_the_active_organisers_and_admins(db: Db, clock: Clock) -> None:
    officer = await _member(db, clock)
    async with db.sessions() as s:
        unit_id = (await s.get(Member, officer)).unit_id  # type: ignore[union-attr]
        ids = [(await add_member(session=s, unit_id=unit_id, full_name=n, role=r, channel="zalo",
                                 external_id=n)).member.id for n, r in (("A", "organizer"), ("B", "admin"),
                                                                         ("C", "organizer"))]
        (await s.get(Member, ids[2])).active = False  # type: ignore[union-attr]
        await s.commit()
    async with db.sessions() as s:
        assert await organiser_ids(session=s) == ids[:2]
