"""How many wrong invite codes one account may send: a few a minute, then a pause.

An invite code is 256 random bits, so guessing one is hopeless; the limit makes trying
expensive and visible all the same, and keeps a bot from walking the code space.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

GUESS_LIMIT = 5  # wrong codes …
GUESS_WINDOW = timedelta(minutes=1)  # … within this span …
GUESS_LOCK = timedelta(minutes=15)  # … lock the account out of joining for this long after the last of them


def locked_until(failures: Sequence[datetime]) -> datetime | None:
    """When the account may try again, or None: GUESS_LIMIT failures within GUESS_WINDOW lock it
    for GUESS_LOCK after the last of them. `failures` may come in any order."""
    times = sorted(failures)
    until: datetime | None = None
    for first, last in zip(times, times[GUESS_LIMIT - 1:], strict=False):
        if last - first <= GUESS_WINDOW:
            candidate = last + GUESS_LOCK
            until = candidate if until is None or candidate > until else until
    return until


def minutes_left(until: datetime, now: datetime) -> int:
    """Whole minutes to wait, rounded up, at least 1: what the refusal says."""
    return max(1, math.ceil((until - now).total_seconds() / 60))
