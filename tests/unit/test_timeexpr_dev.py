"""Every case of the contract's dev set (tests/fixtures/specs/time-expressions-dev.jsonl) must pass.

The repository carries a copy of the contract and its dev set. If the file is missing the test
fails, loudly: a skipped contract test passes silently.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from domain.timeexpr import parse_time
from tests.conftest import FIXTURES

DEV_SET = FIXTURES / "specs/time-expressions-dev.jsonl"
_MISSING = {"missing": True}


def _cases() -> list[Any]:
    if not DEV_SET.is_file():
        return [pytest.param(_MISSING, id="dev-set-missing")]
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()
    return [
        pytest.param(json.loads(line), id=f"{n}:{json.loads(line)['text'][:40]}")
        for n, line in enumerate(lines, 1)
        if line.strip()
    ]


@pytest.mark.parametrize("case", _cases())
def test_dev_case(case: dict[str, Any]) -> None:
    if case is _MISSING:
        pytest.fail(
            f"the contract's dev set is missing: expected it at {DEV_SET}"
        )
    got = parse_time(case["text"], datetime.fromisoformat(case["ref"]), case["year"]).to_json()
    expect = case["expect"]
    assert {key: got.get(key) for key in expect} == expect, f"{case['text']!r} → {got}"
    if expect["kind"] != "relative":
        assert not {"offset_days", "anchor", "working_days"} & got.keys()


def test_dev_set_is_the_full_set() -> None:
    """Guard against a truncated copy: the contract ships 72 cases."""
    assert DEV_SET.is_file(), f"missing {DEV_SET}"
    assert sum(1 for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()) >= 72
