"""Sending to Zalo outside an update (reminders, announcements), by the contract of outbound.py.

Every piece is one sendMessage tried once: retrying is the dispatcher's job, because only it
knows how long this row may wait. Zalo's answers become outcomes:
403 → UNREACHABLE (the person blocked the bot); 429 ("quota exceeded") → RETRY after a pause
(retry_after if Zalo gives one), flagged `quota` so the dispatcher treats it as a spent budget;
5xx, 401/404 (a token being replaced) and calls that never left → RETRY; no answer after the
request went out → UNCERTAIN; 400 → FAILED. When a long text was split and a later piece fails,
the earlier ones have arrived: sending again would repeat them, so that too is UNCERTAIN.
"""

from __future__ import annotations

from bot.channels.outbound import Delivery, Outcome
from bot.channels.plain import split_message
from bot.channels.zalo import OfferFile, no_file_links
from bot.channels.zalo_client import RETRY_STATUSES, TEXT_LIMIT, ZaloApiError, ZaloClient, ZaloNotSent, ZaloUncertain
from bot.send_budget import SendBudget
from handlers.types import OutFile

DEFAULT_PAUSE = 60.0  # after a 429 without retry_after: Zalo publishes no rate limits
TOKEN_PAUSE = 300.0  # after 401/404: the bot's token was refused; nothing goes out until it is fixed


def outcome_of(err: ZaloApiError) -> Delivery:
    """What a Zalo error answer means for a message that was not sent."""
    if err.code == 403:
        return Delivery(Outcome.UNREACHABLE, detail=str(err))
    if err.code == 429:
        return Delivery(Outcome.RETRY, retry_after=err.retry_after or DEFAULT_PAUSE, detail=str(err), quota=True)
    if err.code in RETRY_STATUSES or err.code == 408:
        return Delivery(Outcome.RETRY, detail=str(err))
    if err.code in (401, 404):
        return Delivery(Outcome.RETRY, retry_after=TOKEN_PAUSE, detail=str(err))
    return Delivery(Outcome.FAILED, detail=str(err))


class ZaloOutbound:
    """A Zalo bot's sender for the reminder dispatcher; `budget` is its monthly cap (None: no cap)."""

    channel = "zalo"

    def __init__(self, client: ZaloClient, *, offer_file: OfferFile = no_file_links,
                 budget: SendBudget | None = None) -> None:
        self.client, self.offer_file, self.budget = client, offer_file, budget

    @staticmethod
    def message_count(text: str, file: OutFile | None = None) -> int:
        """How many Zalo messages `deliver` sends for this: what to take from the monthly budget."""
        return len([p for p in split_message(text, TEXT_LIMIT) if p.strip()]) + (1 if file is not None else 0)

    async def deliver(self, *, chat_id: str, text: str, file: OutFile | None = None) -> Delivery:
        """Send `text` (in pieces if long) and, for a file, its link or how to get it; never raises."""
        pieces = [p for p in split_message(text, TEXT_LIMIT) if p.strip()]
        if file is not None:
            pieces += [p for p in split_message(await self.offer_file(file, chat_id), TEXT_LIMIT) if p.strip()]
        if not pieces:
            return Delivery(Outcome.FAILED, detail="empty message")
        for sent, piece in enumerate(pieces):
            try:
                await self.client.send_message(chat_id, piece, attempts=1)
                continue
            except ZaloUncertain as err:
                failed = Delivery(Outcome.UNCERTAIN, detail=str(err))
            except ZaloNotSent as err:
                failed = Delivery(Outcome.RETRY, detail=str(err))
            except ZaloApiError as err:
                failed = outcome_of(err)
            if sent and failed.outcome is not Outcome.UNREACHABLE:
                return Delivery(Outcome.UNCERTAIN, detail=f"{sent} of {len(pieces)} pieces sent, then {failed.detail}")
            return failed
        return Delivery(Outcome.SENT, detail=f"{len(pieces)} piece(s)")
