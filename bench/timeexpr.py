"""Time-expression parser: warm throughput and cold start.

Warm: the contract's dev set (tests/fixtures/specs/time-expressions-dev.jsonl),
parsed over and over in one process for a few seconds. Cold: the time from spawning the
command line (`tdc-bot parse-time "…"`, else `python -m bot.cli parse-time "…"`, else a
`python -c` that imports the parser) to its first answer, median of several runs.

    .venv/bin/python -m bench.timeexpr [--seconds 5] [--cold-runs 5]

Targets on a 2-core machine: warm ≥ 5,000 phrases/s, cold ≤ 1.5 s. Figures only: the test
suite never asserts on them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO / "tests/fixtures/specs/time-expressions-dev.jsonl"
PHRASE = "14h00, thứ Năm ngày 28/5/2026"


def load_cases() -> list[tuple[str, datetime, int | None]]:
    if not DEV_SET.is_file():
        sys.exit(f"bench.timeexpr: the dev set is missing: {DEV_SET}")
    cases = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(c["text"], datetime.fromisoformat(c["ref"]), c["year"]) for c in cases]


def warm(seconds: float) -> tuple[int, float, float]:
    """Phrases parsed, wall seconds and CPU seconds, after one untimed pass to fill caches."""
    from domain.timeexpr import parse_time

    cases = load_cases()
    for text, ref, year in cases:
        parse_time(text, ref, year)
    count, started, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for text, ref, year in cases:
            parse_time(text, ref, year)
        count += len(cases)
    return count, time.perf_counter() - started, time.process_time() - cpu


def cold_command() -> tuple[str, list[str]]:
    """The real entry point if it exists, from the most to the least complete."""
    script = Path(sys.executable).parent / "tdc-bot"
    args = ["parse-time", PHRASE, "--ref", "2026-05-20T09:00"]
    if script.exists() or shutil.which("tdc-bot"):
        return "tdc-bot script", [str(script) if script.exists() else "tdc-bot", *args]
    if (REPO / "bot/cli.py").is_file():
        return "python -m bot.cli", [sys.executable, "-m", "bot.cli", *args]
    code = (
        "import json, datetime; from domain.timeexpr import parse_time; "
        f"print(json.dumps(parse_time({PHRASE!r}, datetime.datetime(2026, 5, 20, 9)).to_json()))"
    )
    return "python -c (parser only)", [sys.executable, "-c", code]


def cold(argv: list[str]) -> float:
    """Seconds from spawning the process to its first line of output."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    elapsed = time.perf_counter() - started
    _, err = proc.communicate(timeout=60)
    if proc.returncode != 0 or json.loads(first).get("start") != "2026-05-28T14:00":
        sys.exit(f"bench.timeexpr: cold run failed ({proc.returncode}): {first.strip()} {err.strip()}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="warm run length (default 5)")
    parser.add_argument("--cold-runs", type=int, default=5, help="cold starts to time (default 5)")
    args = parser.parse_args()

    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    count, took, cpu = warm(args.seconds)
    rate = count / took
    print(f"warm: {count} phrases in {took:.2f} s = {rate:,.0f} phrases/s ({1e6 / rate:.0f} µs each); "
          f"by CPU time {count / cpu:,.0f} phrases/s")

    label, argv = cold_command()
    runs = [cold(argv) for _ in range(args.cold_runs)]
    median = statistics.median(runs)
    print(
        f"cold ({label}): median {median:.3f} s of {len(runs)} runs "
        f"(min {min(runs):.3f}, max {max(runs):.3f})"
    )

    import_started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import domain.timeexpr"], cwd=REPO, check=True)
    print(
        f"cold (python -c 'import domain.timeexpr', for scale): {time.perf_counter() - import_started:.3f} s"
    )

    print(f"timeexpr: {rate:.0f} phrases/s warm, cold {median:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
