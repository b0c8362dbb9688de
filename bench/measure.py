"""What bench/chat.py measures besides time: statements, CPU by package (cProfile), peak memory, load."""

from __future__ import annotations

import cProfile
import os
import pstats
import resource
import sys
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine


class StatementCount:
    """Statements our engine sends, counted at the cursor (BEGIN and COMMIT included)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.count = 0
        event.listen(engine.sync_engine, "before_cursor_execute", self._on_execute)
        event.listen(engine.sync_engine, "commit", self._on_commit)

    def _on_execute(self, *_: object) -> None:
        self.count += 1

    def _on_commit(self, *_: object) -> None:
        self.count += 1  # the DBAPI commit is no cursor statement, but it is a round trip


def load_average() -> float:
    return os.getloadavg()[0]


def package_of(filename: str) -> str:
    """Where a profiled function lives: a site package, one of our folders, the standard library, C."""
    if filename.startswith("~") or filename.startswith("<"):
        return "C calls (sockets, epoll, isinstance, dict...)"
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0].removeprefix("_")
    for ours in ("bot", "handlers", "storage", "domain", "testkit", "bench"):
        if ours in parts:
            return f"ours: {ours}/"
    return f"stdlib: {Path(filename).stem}" if "asyncio" not in parts else "stdlib: asyncio"


def print_profile(profile: cProfile.Profile, top: int = 25) -> None:
    """Own time summed by package first (cumulative times of coroutines mean little: a suspended
    coroutine is charged what ran meanwhile), then the top functions by own and cumulative time."""
    stats = pstats.Stats(profile, stream=sys.stdout)
    by_package: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_package[package_of(filename)] = by_package.get(package_of(filename), 0.0) + own
    whole = sum(by_package.values())
    print(f"profile of ours (cProfile over process CPU time; {whole:.1f} s with the profiler's own cost), "
          "own time by package:")
    for name, own in sorted(by_package.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {own / whole:6.1%}  {own:7.2f} s  {name}")
    print(f"top {top} by own time:")
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    print(f"top {top} by cumulative time:")
    stats.sort_stats("cumulative").print_stats(top)


def peak_memory_mb() -> float:
    """The process's peak resident set (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
