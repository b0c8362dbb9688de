"""Wrong invite codes per account, in the database: the limit holds across restarts and processes."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.guess_limit import GUESS_LOCK, locked_until
from storage.audit import record
from storage.models import InviteGuess


def guesser(channel: str, external_id: str) -> str:
    """The account as the guess table and the audit know it: a hash, not the Telegram or Zalo id."""
    return hashlib.sha256(f"guess:{channel}:{external_id}".encode()).hexdigest()


async def guess_lock(*, session: AsyncSession, who: str, now: datetime) -> datetime | None:
    """Until when `who` may not try a code, or None."""
    since = now - GUESS_LOCK * 2
    times = (await session.exec(select(InviteGuess.at).where(InviteGuess.who == who,
                                                             col(InviteGuess.at) > since))).all()
    until = locked_until(list(times))
    return until if until is not None and until > now else None


async def note_failed_guess(*, session: AsyncSession, who: str, channel: str, reason: str, now: datetime) -> None:
    """Count one wrong code, audit it, and drop counts too old to matter to anyone."""
    await session.exec(delete(InviteGuess).where(col(InviteGuess.at) < now - GUESS_LOCK * 2))
    session.add(InviteGuess(who=who, at=now))
    record(session=session, actor_id=None, action="invite.guess_failed", subject=f"guesser:{who[:16]}",
           channel=channel, reason=reason)
    await session.flush()
