"""Which of a person's chat accounts a message goes to: exactly one, the one they used last.

An outbox row is for a member; a member may have a Telegram and a Zalo account. The dispatcher
asks `pick_account` at the moment of sending, so a person who moved to Zalo yesterday gets
today's reminder there, once. Extend it here (not in the dispatcher) for new channel rules.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class AccountView:
    """What the choice looks at: the channel, whether it can still be reached, when last used."""

    account_id: int
    channel: str
    chat_id: str
    reachable: bool
    last_seen_at: datetime | None


def pick_account(accounts: Sequence[AccountView], channels: Collection[str]) -> AccountView | None:
    """The reachable account on a channel we can send on that the person used most recently.

    Never-used accounts count as oldest; among them (or on a tie) the newest account wins, as
    storage.accounts.preferred_accounts orders them in SQL: one rule, whichever asks. None when
    no account can be reached: the row is then `unreachable`.
    """
    usable = [a for a in accounts if a.reachable and a.channel in channels]
    if not usable:
        return None
    return max(usable, key=lambda a: (a.last_seen_at or _NEVER, a.account_id))
