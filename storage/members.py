"""Members, their channel accounts, and invite codes."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import InvalidInput, NotAllowed
from domain.guess_limit import minutes_left
from storage.audit import record
from storage.guesses import guess_lock, guesser, note_failed_guess
from storage.models import ChannelAccount, Invite, Member, Unit, saved_id
from storage.models.people import ROLES

# 32 bytes from the OS's CSPRNG: 256 bits, 43 URL-safe characters, fits Telegram's 64-character
# deep-link payload.
TOKEN_BYTES = 32


@dataclass(frozen=True)
class Identity:
    """Who is writing: the member, their unit and the account they write from."""

    member: Member
    unit: Unit
    account: ChannelAccount
    # The latest use of the member's other accounts (another channel): see storage/accounts.note_seen.
    seen_elsewhere_at: datetime | None = None

    @property
    def member_id(self) -> int:
        return saved_id(self.member)

    @property
    def unit_id(self) -> int:
        return saved_id(self.unit)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def looks_like_token(text: str) -> bool:
    """A code as we issue them: long, URL-safe; anything else is not worth a database look-up."""
    text = text.strip()
    return 40 <= len(text) <= 64 and all(c.isascii() and (c.isalnum() or c in "-_") for c in text)


_CODE_RUN = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,64}(?![A-Za-z0-9_-])")


def invite_code_in(text: str) -> str | None:
    """The invite code in what a person pasted: the code alone, broken by spaces or line breaks
    (copied from a letter or a narrow chat bubble), or one code inside a sentence or a t.me link."""
    joined = "".join(text.split())
    if looks_like_token(joined):
        return joined
    found = _CODE_RUN.findall(text)
    return found[0] if len(found) == 1 else None


async def create_invite(*, session: AsyncSession, unit_id: int, role: str, now: datetime, valid_days: int,
                        created_by: int | None = None, uses: int = 1) -> tuple[Invite, str]:
    """A new code for `unit_id` with `role`; the code itself is returned once and never stored."""
    if role not in ROLES:
        raise InvalidInput("role", role=role, allowed=", ".join(ROLES))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invite = Invite(token_hash=hash_token(token), unit_id=unit_id, role=role,
                    expires_at=now + timedelta(days=valid_days), uses_left=uses, created_by=created_by)
    session.add(invite)
    await session.flush()
    record(session=session, actor_id=created_by, action="invite.create", subject=f"invite:{invite.id}",
           unit_id=unit_id, role=role)
    return invite, token


async def redeem_invite(*, session: AsyncSession, token: str, now: datetime, channel: str,
                        external_id: str, chat_id: str, full_name: str) -> Identity:
    """Use one use of a code and join the person to its unit with its role.

    The use is taken by one conditional UPDATE, so two people racing for the last use cannot
    both win. A wrong, used-up, withdrawn or expired code changes nothing but the account's
    count of wrong codes (storage/guesses.py); past the limit no code is even looked at. A
    member removed earlier comes back on their old rows: the account is the same account.
    """
    who = guesser(channel, external_id)
    locked = await guess_lock(session=session, who=who, now=now)
    if locked is not None:
        record(session=session, actor_id=None, action="invite.guess_locked", subject=f"guesser:{who[:16]}",
               channel=channel)
        raise NotAllowed("invite_wait", minutes=minutes_left(locked, now))
    digest = hash_token(token)
    result = await session.exec(
        update(Invite)
        .where(col(Invite.token_hash) == digest, col(Invite.uses_left) > 0, col(Invite.expires_at) > now,
               col(Invite.revoked_at).is_(None))
        .values(uses_left=Invite.uses_left - 1)
    )
    if result.rowcount != 1:
        found_invite = (await session.exec(select(Invite).where(Invite.token_hash == digest))).first()
        reason = ("invite_unknown" if found_invite is None else "invite_revoked" if found_invite.revoked_at
                  else "invite_used" if found_invite.uses_left <= 0 else "invite_expired")
        await note_failed_guess(session=session, who=who, channel=channel, reason=reason, now=now)
        raise NotAllowed(reason)
    invite = (await session.exec(select(Invite).where(Invite.token_hash == digest))).one()
    account = (await session.exec(select(ChannelAccount).where(ChannelAccount.channel == channel,
                                                               ChannelAccount.external_id == external_id))).first()
    if account is None:
        member = Member(full_name=full_name[:120] or "?", role=invite.role, unit_id=invite.unit_id)
        session.add(member)
        await session.flush()
        account = ChannelAccount(member_id=saved_id(member), channel=channel, external_id=external_id,
                                 chat_id=chat_id, last_seen_at=now)
        session.add(account)
    else:  # a member who joins again (removed before, or moving to another unit): the same rows
        found_member = await session.get(Member, account.member_id)
        assert found_member is not None  # the foreign key holds it
        member = found_member
        member.unit_id, member.role, member.active = invite.unit_id, invite.role, True
    account.chat_id, account.reachable, account.last_seen_at = chat_id, True, now
    await session.flush()
    record(session=session, actor_id=member.id, action="invite.redeem", subject=f"invite:{invite.id}",
           unit_id=invite.unit_id, role=invite.role)
    unit = await session.get(Unit, invite.unit_id)
    assert unit is not None
    return Identity(member, unit, account)


async def identity_for(*, session: AsyncSession, channel: str, external_id: str) -> Identity | None:
    """The active member behind a channel account, with their unit, or None for a stranger.

    The same statement tells when the member last wrote from another account, so that a
    switch of channel is noticed without a second query.
    """
    row = (await session.exec(_IDENTITY, params={"channel": channel, "external_id": external_id})).first()
    return Identity(*row) if row else None


def _identity_statement() -> Any:
    """Built once: every event runs it, and making the alias and the correlated subquery anew each
    time cost more CPU than running the statement (bench/chat.py --profile)."""
    other = aliased(ChannelAccount)
    elsewhere = (select(func.max(other.last_seen_at))
                 .where(other.member_id == Member.id, other.id != ChannelAccount.id)
                 .correlate(Member, ChannelAccount).scalar_subquery())
    return (select(Member, Unit, ChannelAccount, elsewhere)
            .join(ChannelAccount, col(ChannelAccount.member_id) == col(Member.id))
            .join(Unit, col(Unit.id) == col(Member.unit_id))
            .where(col(ChannelAccount.channel) == bindparam("channel"),
                   col(ChannelAccount.external_id) == bindparam("external_id"), col(Member.active).is_(True)))


_IDENTITY = _identity_statement()


async def add_member(*, session: AsyncSession, unit_id: int, full_name: str, role: str,
                     channel: str, external_id: str, chat_id: str | None = None,
                     phone: str | None = None) -> Identity:
    """Create a member with one channel account directly (demo data, admin import)."""
    member = Member(full_name=full_name, role=role, unit_id=unit_id, phone=phone)
    session.add(member)
    await session.flush()
    account = ChannelAccount(member_id=saved_id(member), channel=channel, external_id=external_id,
                             chat_id=chat_id or external_id)
    session.add(account)
    await session.flush()
    unit = await session.get(Unit, unit_id)
    assert unit is not None
    return Identity(member, unit, account)


async def unit_officers(*, session: AsyncSession, unit_ids: list[int]) -> dict[int, list[Member]]:
    """Active members of each unit, for the organiser's 'who has not registered' list."""
    if not unit_ids:
        return {}
    rows = (await session.exec(
        select(Member).where(col(Member.unit_id).in_(unit_ids), col(Member.active).is_(True))
        .order_by(Member.full_name))).all()
    out: dict[int, list[Member]] = {}
    for member in rows:
        out.setdefault(member.unit_id, []).append(member)
    return out
