"""A Zalo bot's monthly budget of proactive messages (reminders, announcements).

Some Zalo plans cap what a bot may send on its own. The dispatcher takes from the budget
before it sends and gives back what was certainly not sent; the count lives in the database
so that two workers share one budget, and the 80% warning is claimed once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, case, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.dialects import insert_ignoring_conflicts
from storage.models import MessageBudget

WARN_AT = 0.8


def month_of(now: datetime, tz: ZoneInfo) -> str:
    """The budget month of a moment, in the bot's local time: '2026-05'."""
    return now.astimezone(tz).strftime("%Y-%m")


@dataclass(frozen=True)
class BudgetTake:
    """What taking from the budget gave: may it send, how much is used, and is it time to warn."""

    allowed: bool
    used: int
    limit: int | None
    month: str
    warn: bool = False  # True exactly once per bot and month, for the first take past WARN_AT
    spent_first: bool = False  # True exactly once per bot and month, for the first take refused


def _key(channel: str, bot_key: str, month: str) -> list[ColumnElement[bool]]:
    return [col(MessageBudget.channel) == channel, col(MessageBudget.bot_key) == bot_key,
            col(MessageBudget.month) == month]


async def budget_used(*, session: AsyncSession, channel: str, bot_key: str, now: datetime, tz: ZoneInfo) -> int:
    """Messages counted against the bot's budget this month."""
    row = await session.get(MessageBudget, (channel, bot_key, month_of(now, tz)))
    return row.used if row else 0


async def take_budget(*, session: AsyncSession, channel: str, bot_key: str, now: datetime, tz: ZoneInfo,
                      limit: int | None, count: int = 1) -> BudgetTake:
    """Count `count` messages if they fit in `limit` (None: no limit, still counted).

    One conditional UPDATE decides, so two dispatchers cannot both take the last message.
    """
    month = month_of(now, tz)
    connection = await session.connection()
    await connection.execute(insert_ignoring_conflicts(session, MessageBudget, channel=channel, bot_key=bot_key,
                                                       month=month, used=0))
    fits = [] if limit is None else [col(MessageBudget.used) + count <= limit]
    statement = (update(MessageBudget).where(*_key(channel, bot_key, month), *fits)
                 .values(used=MessageBudget.used + count).returning(col(MessageBudget.used)))
    row = (await connection.execute(statement)).first()
    if row is None:
        used = (await session.exec(select(MessageBudget.used).where(*_key(channel, bot_key, month)))).one()
        first = await _claim(session, channel, bot_key, month, col(MessageBudget.spent_at), now)
        return BudgetTake(False, used, limit, month, spent_first=first)
    used = int(row[0])
    warn = False
    if limit is not None and used >= math.ceil(WARN_AT * limit):
        warn = await _claim(session, channel, bot_key, month, col(MessageBudget.warned_at), now)
    return BudgetTake(True, used, limit, month, warn)


async def _claim(session: AsyncSession, channel: str, bot_key: str, month: str, stamp: Any, now: datetime) -> bool:
    """Set a once-a-month stamp if nobody has: the one who sets it tells the organisers."""
    connection = await session.connection()
    claimed = await connection.execute(update(MessageBudget).where(*_key(channel, bot_key, month), stamp.is_(None))
                                       .values({stamp: now}))
    return bool(claimed.rowcount == 1)


async def give_back(*, session: AsyncSession, channel: str, bot_key: str, month: str, count: int = 1) -> None:
    """Return messages that were certainly not sent (RETRY, FAILED) to the month they were taken from."""
    await session.exec(update(MessageBudget).where(*_key(channel, bot_key, month))
                       .values(used=case((col(MessageBudget.used) >= count, col(MessageBudget.used) - count),
                                         else_=0)))


SPENT_PREFIX = "budget_spent:"  # the reason of an outbox row no channel could take


def spent_reason(*, channel: str, month: str, limit: int | None) -> str:
    """The reason recorded on an undeliverable row: 'budget_spent:zalo:2026-05:2000'."""
    return f"{SPENT_PREFIX}{channel}:{month}:{limit or 0}"


def read_spent_reason(reason: str) -> tuple[str, str, int] | None:
    """(channel, month, limit) of a spent-budget reason; None for any other reason."""
    if not reason.startswith(SPENT_PREFIX):
        return None
    channel, _, rest = reason.removeprefix(SPENT_PREFIX).partition(":")
    month, _, limit = rest.partition(":")
    return (channel, month, int(limit)) if limit.isdecimal() else None
