"""A channel's monthly cap of proactive messages, as the dispatcher keeps it (a Zalo bot's plan).

The count is in the database (storage/budget.py), shared by every worker. The dispatcher
takes a message's pieces (each 2,000-character piece is one Zalo message; a file's link one
more) in the commit that marks it `sending`, before the request goes, and gives back what was
certainly not sent (RETRY, FAILED, a 403, a row skipped at the last check). A crash after that
commit leaves the row `uncertain` and the take counted (it may have arrived); a crash before it
took nothing. So the budget is never exceeded, and counts what went out or may have. At 80%
and when it is spent, the organisers get one message each, once per month, through the same
outbox (keyed by bot and month, so two workers do not both tell them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.reminders import Planned
from handlers.texts import t
from storage.accounts import organiser_ids
from storage.budget import BudgetTake, give_back, spent_reason, take_budget
from storage.outbox import add_rows

NOTICE_KIND = "notice"  # a message from the bot itself to the organisers
NOTICE_SUBJECT = "budget:"  # + channel: the subject of the warnings in /nhacviec


@dataclass
class SendBudget:
    """The cap of one bot: `bot_key` names it (the Zalo bot's id, known for sure after getMe)."""

    channel: str
    bot_key: str
    limit: int
    tz: ZoneInfo


@dataclass(frozen=True)
class Taken:
    """What one message took from a budget, to give back if it was certainly not sent."""

    budget: SendBudget
    month: str
    count: int


def reason_spent(budget: SendBudget, took: BudgetTake) -> str:
    """Why a row went nowhere: this bot's budget for the month is spent (shown in /nhacviec)."""
    return spent_reason(channel=budget.channel, month=took.month, limit=budget.limit)


async def take(*, session: AsyncSession, budget: SendBudget, count: int, now: datetime) -> tuple[BudgetTake, Taken]:
    """Take `count` messages (they fit or nothing is taken) and queue the organisers' notice when due."""
    took = await take_budget(session=session, channel=budget.channel, bot_key=budget.bot_key, now=now,
                             tz=budget.tz, limit=budget.limit, count=count)
    if took.warn:
        await _tell_organisers(session, budget, f"warn:{took.month}", now,
                               t("zalo_budget_warning", used=took.used, limit=budget.limit, month=_month(took.month)))
    if took.spent_first:
        await _tell_organisers(session, budget, f"spent:{took.month}", now,
                               t("zalo_budget_spent", limit=budget.limit, month=_month(took.month)))
    return took, Taken(budget, took.month, count)


async def give(*, session: AsyncSession, taken: Taken) -> None:
    await give_back(session=session, channel=taken.budget.channel, bot_key=taken.budget.bot_key, month=taken.month,
                    count=taken.count)


def _month(month: str) -> str:
    """'2026-05' as people write it: '05/2026'."""
    year, _, number = month.partition("-")
    return f"{number}/{year}"


async def _tell_organisers(session: AsyncSession, budget: SendBudget, what: str, now: datetime, text: str) -> None:
    """One outbox row per organiser, keyed by bot and month: a second worker's notice adds nothing."""
    key = f"budget:{budget.channel}:{budget.bot_key}:{what}"[:200]
    rows = [Planned(key, member_id, NOTICE_KIND, NOTICE_SUBJECT + budget.channel, None, now, None, True)
            for member_id in await organiser_ids(session=session)]
    await add_rows(session=session, rows=rows, now=now, text=text)
