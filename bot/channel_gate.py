"""Which channels may take a message now: the dispatcher's memory of 429 pauses and spent budgets.

A Telegram 429 pauses Telegram: its rows wait for the pause (the pacer holds them). A budgeted
channel (a Zalo bot) is different: its 429 means "quota exceeded", and a spent monthly budget
means no more messages this month. While either holds, the channel is left out of the choice
of account, so the person's other account (Telegram) gets the message; someone with no other
account waits for the pause to end, or, for a spent budget, the row is `undeliverable` with the
reason. What is spent is remembered per process and month; another process learns it from its
own first refusal (the count itself is shared, in the database).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.send_budget import SendBudget
from domain.recipients import AccountView, pick_account
from storage.budget import month_of


@dataclass
class ChannelGate:
    outbounds: Mapping[str, Any]
    monotonic: Callable[[], float] = time.monotonic
    paused_until: dict[str, float] = field(default_factory=dict)
    spent: dict[str, tuple[str, str]] = field(default_factory=dict)  # channel → (month, reason)

    def budget_of(self, channel: str) -> SendBudget | None:
        budget: SendBudget | None = getattr(self.outbounds[channel], "budget", None)
        return budget

    def paused_for(self, channel: str) -> float:
        """Seconds left of the channel's 429 pause (≤ 0: none)."""
        return self.paused_until.get(channel, 0.0) - self.monotonic()

    def pause(self, channel: str, seconds: float) -> None:
        until = self.monotonic() + seconds
        self.paused_until[channel] = max(self.paused_until.get(channel, until), until)

    def note_spent(self, channel: str, month: str, reason: str) -> None:
        self.spent[channel] = (month, reason)

    def spent_reason(self, channel: str, now: datetime) -> str | None:
        """Why the channel's budget takes nothing this month, or None."""
        budget, noted = self.budget_of(channel), self.spent.get(channel)
        if budget is None or noted is None or noted[0] != month_of(now, budget.tz):
            return None
        return noted[1]

    def usable(self, now: datetime) -> set[str]:
        """Channels a message may go to now."""
        return {c for c in self.outbounds if self.budget_of(c) is None
                or (self.paused_for(c) <= 0 and self.spent_reason(c, now) is None)}

    def why_not(self, accounts: Sequence[AccountView], now: datetime) -> datetime | str:
        """For a person none of whose accounts is usable now: when to try again (a paused channel),
        the spent budget's reason, or "no_account" (nothing reachable at all: `unreachable`)."""
        usable = self.usable(now)
        blocked = [c for c in self.outbounds if c not in usable and pick_account(accounts, {c}) is not None]
        paused = [c for c in blocked if self.spent_reason(c, now) is None]
        if paused:
            return now + timedelta(seconds=max(1.0, min(self.paused_for(c) for c in paused)))
        reasons = [r for c in blocked if (r := self.spent_reason(c, now)) is not None]
        return reasons[0] if reasons else "no_account"
