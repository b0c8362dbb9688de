"""Commands typed nearly right: "/dang ky" split by a space, "/dangki" one letter off.

Pure: the typed name, its argument and the names that exist in; what was meant out. The engine
runs a joined command and answers a near miss with a suggestion instead of "Không có lệnh".
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from domain.text import fold


@dataclass(frozen=True)
class Meant:
    """What a typed command turned out to be: `run` it with `arg`, or only `suggest` a name."""

    name: str
    arg: str
    run: bool


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, with a swap of two neighbouring letters counted as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _allowed(name: str) -> int:
    """How many edits still count as a typo: none for very short names, two for long ones."""
    return 0 if len(name) < 3 else 1 if len(name) < 6 else 2


def nearest(name: str, known: Collection[str]) -> str | None:
    """The one known name closest to `name` within a typo's reach, or None (none, or a tie)."""
    scored = sorted((edit_distance(name, k), k) for k in known)
    if not scored or scored[0][0] > _allowed(name):
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def suggest_command(name: str, arg: str, known: Collection[str]) -> Meant | None:
    """A command split by a space ("/dang ky abc") runs as the joined name with the rest as its
    argument; otherwise the nearest known name (of the typed or the joined form) is suggested."""
    first, _, rest = arg.partition(" ")
    joined = name + fold(first) if first else ""
    if joined and joined in known:
        return Meant(joined, rest.strip(), run=True)
    for candidate in (joined, name) if joined else (name,):
        close = nearest(candidate, known)
        if close is not None:
            return Meant(close, arg, run=False)
    return None
