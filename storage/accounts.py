"""A member's accounts on several channels: linking a second one, and which one to write to.

A commune officer may use Telegram at the office and Zalo on the phone. Both accounts belong
to one member; a reminder goes to the one the person used last, never to both.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import NotAllowed
from storage.audit import record
from storage.members import Identity
from storage.models import ChannelAccount, LinkCode, Member, Unit, saved_id

# 32 symbols without the look-alikes I/1 and O/0: 8 of them are 40 bits, typed by hand from one
# phone to another. Guessing one in its 15 minutes would take billions of messages.
LINK_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LINK_LENGTH = 8
LINK_VALID = timedelta(minutes=15)
# How stale a last-seen stamp may get before a message writes it again. Finer is not needed to
# pick a channel, and writing on every message is the "touch the user" anti-pattern.
SEEN_EVERY = timedelta(hours=6)


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def normalise_link_code(text: str) -> str | None:
    """'k7qm-2pxa', 'K7QM 2PXA' → 'K7QM2PXA'; None for anything not shaped like our codes."""
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) != LINK_LENGTH or any(c not in LINK_ALPHABET for c in code):
        return None
    if code.isalpha() or code.isdigit():  # ours always mix letters and digits; words do not
        return None
    return code


def show_link_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(LINK_ALPHABET) for _ in range(LINK_LENGTH))
        if normalise_link_code(code):
            return code


async def create_link_code(*, session: AsyncSession, member_id: int, channel: str, now: datetime) -> str:
    """A fresh code for `member_id`; earlier unused codes of the member stop working."""
    await session.exec(update(LinkCode)
                       .where(col(LinkCode.member_id) == member_id, col(LinkCode.used_at).is_(None))
                       .values(expires_at=now))
    code = _new_code()
    session.add(LinkCode(code_hash=_hash(code), member_id=member_id, channel=channel, expires_at=now + LINK_VALID))
    record(session=session, actor_id=member_id, action="account.link_code", subject=f"member:{member_id}",
           channel=channel)
    await session.flush()
    return code


async def redeem_link_code(*, session: AsyncSession, code: str, now: datetime, channel: str, external_id: str,
                           chat_id: str) -> Identity:
    """Add this account to the member who asked for the code; the use is taken by one conditional UPDATE."""
    digest = _hash(code)
    taken = await session.exec(update(LinkCode)
                               .where(col(LinkCode.code_hash) == digest, col(LinkCode.used_at).is_(None),
                                      col(LinkCode.expires_at) > now, col(LinkCode.channel) != channel)
                               .values(used_at=now))
    link = (await session.exec(select(LinkCode).where(LinkCode.code_hash == digest))).first()
    if taken.rowcount != 1 or link is None:
        if link is None:
            raise NotAllowed("link_unknown")
        if link.channel == channel:
            raise NotAllowed("link_same_channel")
        raise NotAllowed("link_used" if link.used_at is not None else "link_expired")
    member = await session.get(Member, link.member_id)
    if member is None or not member.active:
        raise NotAllowed("link_unknown")
    account = (await session.exec(select(ChannelAccount).where(ChannelAccount.channel == channel,
                                                               ChannelAccount.external_id == external_id))).first()
    if account is not None and account.member_id != member.id:
        owner = await session.get(Member, account.member_id)
        if owner is not None and owner.active:
            raise NotAllowed("link_other_member")
    member_id = saved_id(member)
    if account is None:
        account = ChannelAccount(member_id=member_id, channel=channel, external_id=external_id, chat_id=chat_id)
        session.add(account)
    account.member_id, account.chat_id, account.reachable, account.last_seen_at = member_id, chat_id, True, now
    await session.flush()
    record(session=session, actor_id=member.id, action="account.link", subject=f"member:{member.id}",
           channel=channel)
    unit = await session.get(Unit, member.unit_id)
    assert unit is not None
    return Identity(member, unit, account)


async def note_seen(*, session: AsyncSession, identity: Identity, now: datetime) -> bool:
    """Stamp the account as the one in use, if that changes anything; True when it wrote.

    It writes when the stamp is older than SEEN_EVERY, or when the member's other account was
    used more recently (the person switched channels): at most a few writes a day per person,
    and the newest stamp always marks the channel used last.
    """
    account = identity.account
    seen = account.last_seen_at
    switched = identity.seen_elsewhere_at is not None and (seen is None or identity.seen_elsewhere_at >= seen)
    if seen is not None and now - seen < SEEN_EVERY and not switched:
        return False
    await session.exec(update(ChannelAccount).where(col(ChannelAccount.id) == account.id)
                       .values(last_seen_at=now))
    account.last_seen_at = now
    return True


async def preferred_accounts(*, session: AsyncSession, member_ids: list[int],
                             skip_channels: frozenset[str] = frozenset()) -> dict[int, ChannelAccount]:
    """For each member, the one reachable account to write to: the one used last.

    An account with a stamp comes before one without (one made by an administrator, or from
    before stamps existed); among those without, the newest. `skip_channels` leaves out a
    channel that cannot take more messages now (a Zalo bot whose monthly budget is spent).
    """
    if not member_ids:
        return {}
    rows = (await session.exec(
        select(ChannelAccount)
        .where(col(ChannelAccount.member_id).in_(member_ids), col(ChannelAccount.reachable).is_(True),
               col(ChannelAccount.channel).not_in(skip_channels))
        .order_by(col(ChannelAccount.member_id), col(ChannelAccount.last_seen_at).is_(None),
                  col(ChannelAccount.last_seen_at).desc(), col(ChannelAccount.created_at).desc(),
                  col(ChannelAccount.id).desc()))).all()
    chosen: dict[int, ChannelAccount] = {}
    for account in rows:
        chosen.setdefault(account.member_id, account)
    return chosen


async def organiser_ids(*, session: AsyncSession) -> list[int]:
    """Active organisers and admins: who is told when a Zalo bot's monthly budget runs low or out."""
    members = (await session.exec(select(Member).where(col(Member.role).in_(("organizer", "admin")),
                                                       col(Member.active).is_(True)).order_by(col(Member.id)))).all()
    return [saved_id(m) for m in members]


async def accounts_of(*, session: AsyncSession, member_id: int) -> list[ChannelAccount]:
    """Every account of a member (the linking flow shows them)."""
    return list((await session.exec(select(ChannelAccount).where(ChannelAccount.member_id == member_id)
                                    .order_by(col(ChannelAccount.id)))).all())
