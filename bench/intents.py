"""Intent matcher: phrases per second, warm, against fold() alone over the same phrases.

The phrases are the dev set's (tests/fixtures/intents.jsonl: short Zalo-style messages, typos,
no diacritics, English). Measured in one process, one after the other:
- baseline: domain.text.fold over each phrase (the least any reading of a message costs);
- matcher: Matcher.rank over each phrase, warm (one untimed pass fills the per-word caches);
- first sight: the same with the per-word caches emptied before every pass (typos looked up anew);
- whole reading: handlers.intents.read (the matcher, the "what's due" reader, the decision for a role),
  which is what runs on every message that is not a command.

    .venv/bin/python bench/intents.py [--seconds 3]

Aim on a 2-core machine: matcher ≥ 20,000 phrases/s warm. Figures only: the suite never asserts on them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import timeit
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO / "tests/fixtures/intents.jsonl"
NOW = datetime(2026, 5, 20, 9, 0)


def load() -> list[tuple[str, str]]:
    if not DEV_SET.is_file():
        sys.exit(f"bench.intents: the dev set is missing: {DEV_SET}")
    rows = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["text"], row.get("role", "officer")) for row in rows]


def rate(work: Callable[[], None], count: int, seconds: float) -> tuple[float, float]:
    """Phrases per second by wall clock and by CPU time, after one untimed pass."""
    work()
    done, started, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        work()
        done += count
    return done / (time.perf_counter() - started), done / max(time.process_time() - cpu, 1e-9)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each timed run (default 3)")
    args = parser.parse_args()

    import handlers  # noqa: F401  (registers the flows: the bank holds every intent reachable here)
    from domain.text import fold
    from handlers.intents import bank, build_bank, read

    cases = load()
    texts = [text for text, _ in cases]
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; {len(texts)} phrases")
    # How fast this machine runs plain Python right now (about 10 µs when it is idle): scale by it.
    reference = min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000 * 1e6
    print(f"calibration: sum(range(1000)) takes {reference:.1f} µs")
    started = time.perf_counter()
    build_bank()
    print(f"building the bank: {(time.perf_counter() - started) * 1000:.1f} ms "
          f"({len(bank().intents)} intents, {sum(len(i.phrases) for i in bank().intents.values())} phrases)")
    matcher = bank().matcher

    def baseline() -> None:
        for text in texts:
            fold(text)

    def warm() -> None:
        for text in texts:
            matcher.rank(text)

    def first_sight() -> None:
        matcher.forget()
        for text in texts:
            matcher.rank(text)

    def whole() -> None:
        for text, role in cases:
            read(text, role, NOW)

    results = {}
    for label, work in (("fold() alone (baseline)", baseline), ("matcher, warm", warm),
                        ("matcher, first sight of every word", first_sight), ("whole reading, warm", whole)):
        wall, cpu = rate(work, len(texts), args.seconds)
        results[label] = wall
        print(f"{label}: {wall:,.0f} phrases/s ({1e6 / wall:.1f} µs each); by CPU time {cpu:,.0f}/s")
    base, matched = results["fold() alone (baseline)"], results["matcher, warm"]
    print(f"intents: {matched:,.0f} phrases/s warm (fold alone {base:,.0f}/s, {base / matched:.1f}× its cost); "
          f"whole reading {results['whole reading, warm']:,.0f}/s; calibration {reference:.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
