"""Duplicates are refused by the database itself, not only by code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from storage.models import (
    Attendee,
    ChannelAccount,
    Invite,
    Meeting,
    Member,
    Registration,
    ReminderOutbox,
    Unit,
)
from tests.conftest import TZ, Db


async def _base(db: Db) -> dict[str, int]:
    async with db.sessions() as s:
        unit = Unit(kind="commune", name="Phường Trấn Biên", name_key="phuong tran bien")
        s.add(unit)
        await s.flush()
        member = Member(full_name="Nguyễn Thị Lan", role="officer", unit_id=unit.id)
        meeting = Meeting(title="Hội nghị", start_at=datetime(2026, 5, 28, 14, tzinfo=TZ))
        s.add_all([member, meeting])
        await s.flush()
        account = ChannelAccount(member_id=member.id, channel="telegram", external_id="42", chat_id="42")
        s.add(account)
        await s.commit()
        return {"unit": unit.id, "member": member.id, "meeting": meeting.id, "account": account.id}


async def test_second_registration_for_same_meeting_and_unit_is_refused(db: Db) -> None:
    ids = await _base(db)
    async with db.sessions() as s:
        s.add(Registration(meeting_id=ids["meeting"], unit_id=ids["unit"]))
        await s.commit()
    async with db.sessions() as s:
        s.add(Registration(meeting_id=ids["meeting"], unit_id=ids["unit"]))
        with pytest.raises(IntegrityError):
            await s.commit()


async def test_same_phone_twice_in_one_registration_is_refused(db: Db) -> None:
    ids = await _base(db)
    async with db.sessions() as s:
        reg = Registration(meeting_id=ids["meeting"], unit_id=ids["unit"])
        s.add(reg)
        await s.flush()
        s.add(Attendee(registration_id=reg.id, full_name="A", phone="0919422038"))
        await s.commit()
        s.add(Attendee(registration_id=reg.id, full_name="B", phone="0919422038"))
        with pytest.raises(IntegrityError):
            await s.commit()


def _round(member_id: int, due: datetime) -> ReminderOutbox:
    return ReminderOutbox(reminder_key="meeting:1:cutoff:3d", member_id=member_id, kind="cutoff",
                          subject="meeting:1", send_at=due)


async def test_same_reminder_to_same_person_is_refused(db: Db) -> None:
    """Rows are per person (the account is chosen at send time): planning a round twice adds nothing."""
    ids = await _base(db)
    due = datetime(2026, 5, 25, 8, tzinfo=TZ)
    async with db.sessions() as s:
        s.add(_round(ids["member"], due))
        await s.commit()
    async with db.sessions() as s:
        s.add(_round(ids["member"], due))
        with pytest.raises(IntegrityError):
            await s.commit()


async def test_same_channel_account_twice_is_refused(db: Db) -> None:
    ids = await _base(db)
    async with db.sessions() as s:
        s.add(ChannelAccount(member_id=ids["member"], channel="telegram", external_id="42", chat_id="x"))
        with pytest.raises(IntegrityError):
            await s.commit()


async def test_unit_folded_name_is_unique(db: Db) -> None:
    await _base(db)
    async with db.sessions() as s:
        s.add(Unit(kind="commune", name="PHƯỜNG TRẤN BIÊN", name_key="phuong tran bien"))
        with pytest.raises(IntegrityError):
            await s.commit()


async def test_foreign_keys_are_enforced(db: Db) -> None:
    async with db.sessions() as s:
        s.add(Member(full_name="Ai đó", role="officer", unit_id=999))
        with pytest.raises(IntegrityError):
            await s.commit()


async def test_timestamps_come_back_aware_and_equal(db: Db) -> None:
    ids = await _base(db)
    expires = datetime(2026, 6, 1, 23, 30, tzinfo=TZ)
    async with db.sessions() as s:
        s.add(Invite(token_hash="h" * 64, unit_id=ids["unit"], role="officer", expires_at=expires))
        await s.commit()
    async with db.sessions() as s:
        invite = (await s.exec(select(Invite))).one()
        assert invite.expires_at.tzinfo is not None
        assert invite.expires_at == expires
        assert invite.created_at.tzinfo is not None
        assert abs(invite.created_at - datetime.now(UTC)) < timedelta(minutes=5)


async def test_naive_timestamp_is_refused(db: Db) -> None:
    ids = await _base(db)
    async with db.sessions() as s:
        s.add(Invite(token_hash="n" * 64, unit_id=ids["unit"], role="officer", expires_at=datetime(2026, 6, 1)))
        with pytest.raises(Exception, match="naive"):
            await s.commit()
