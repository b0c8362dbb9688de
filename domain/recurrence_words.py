"""The due words of one occurrence of a recurring deadline, as the rule's kind of words say it.

The first occurrence keeps the words it was written with; a rolled occurrence needs its own
("trước ngày 31/05/2028", not last year's date). Pure: naive local times.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from domain.recurrence import Recurrence


def occurrence_words(rule: Recurrence, end: datetime) -> str:
    """'trước ngày 31/05/2028' for a rule that excludes its day, 'chậm nhất ngày 31/05/2028' for one
    that includes it (`end` is then the next day's first minute, as `next_due` gives it)."""
    if end.time() != time(0, 0):
        return f"trước {end:%Hh%M}, ngày {end:%d/%m/%Y}"
    if rule.inclusive:
        return f"chậm nhất ngày {end - timedelta(days=1):%d/%m/%Y}"
    return f"trước ngày {end:%d/%m/%Y}"
