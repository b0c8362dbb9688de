"""One-time download links for files a channel cannot send (Zalo has no file sending).

The file waits in the database, not in memory or on disk, so a link keeps working across a
restart and from any worker. The link holds a random token; only its hash is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.audit import record
from storage.models import Download

TOKEN_BYTES = 32


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def purge_downloads(*, session: AsyncSession, now: datetime) -> None:
    """Delete files whose link expired or is used up: they hold personal data (names, phones)."""
    await session.exec(delete(Download).where(or_(col(Download.expires_at) <= now, col(Download.uses_left) <= 0)))


async def create_download(*, session: AsyncSession, name: str, mime: str, data: bytes, member_id: int | None,
                          now: datetime, valid_for: timedelta, uses: int) -> str:
    """Store the file and return the token for its link; spent links are cleared on the way."""
    await purge_downloads(session=session, now=now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(Download(token_hash=_hash(token), name=name[:200], mime=mime[:120], data=data, member_id=member_id,
                         expires_at=now + valid_for, uses_left=uses))
    record(session=session, actor_id=member_id, action="download.create", subject=name[:120])
    await session.flush()
    return token


async def take_download(*, session: AsyncSession, token: str, now: datetime) -> Download | None:
    """The file behind a link, using up one of its uses; None when unknown, used up or expired."""
    if not token or len(token) > 100:
        return None
    digest = _hash(token)
    taken = await session.exec(update(Download)
                               .where(col(Download.token_hash) == digest, col(Download.uses_left) > 0,
                                      col(Download.expires_at) > now)
                               .values(uses_left=Download.uses_left - 1))
    if taken.rowcount != 1:
        return None
    found = (await session.exec(select(Download).where(Download.token_hash == digest))).one()
    session.expunge(found)  # keep the bytes in hand: the row goes if that was its last use
    await purge_downloads(session=session, now=now)
    record(session=session, actor_id=found.member_id, action="download.fetch", subject=found.name[:120])
    return found
