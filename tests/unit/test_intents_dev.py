"""The intent dev set (tests/fixtures/intents.jsonl): every phrase reaches its intent, for its role.

Each line: {"text", "intent", "role" (officer when absent), "kind" (act when absent: "refuse" when
the role may not do it, "ask" with "also" when two intents must be offered, "none" when nothing
may match), "action" (what the intent must lead to for that role, where the role changes it)}.
All must pass; the test lists every failure at once, with the scores, so the bank can be mended.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

import pytest

import handlers  # noqa: F401  (registers every flow, so the bank holds every intent reachable here)
from handlers.intents import bank, read
from tests.conftest import fixture_file

NOW = datetime(2026, 5, 20, 9, 0)
ROLES = ("guest", "officer", "unit_head", "organizer", "admin")


def _cases() -> list[dict[str, object]]:
    lines = fixture_file("intents.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _verdict(case: dict[str, object]) -> str | None:
    """None when the case holds, else what went wrong."""
    text, role = str(case["text"]), str(case.get("role", "officer"))
    kind, want = case.get("kind", "act"), case.get("intent")
    decision, _ = read(text, role, NOW)
    got = f"{decision.kind} {'/'.join(decision.intents) or '-'} {decision.score:.2f}"
    if decision.kind != kind:
        return got
    if kind in ("act", "refuse") and decision.intents[0] != want:
        return got
    if kind == "ask" and not {want, *case.get("also", [])} <= set(decision.intents):  # type: ignore[misc]
        return got
    action = case.get("action")
    if action is not None and bank().intents[str(want)].action_for(role) != action:
        return f"{got}, action {bank().intents[str(want)].action_for(role)}"
    return None


def test_the_dev_set_is_big_and_covers_every_intent_and_role() -> None:
    cases = _cases()
    assert len([c for c in cases if c.get("kind") != "none"]) >= 200
    reached = {c["intent"] for c in cases if c.get("kind", "act") == "act"}
    assert reached >= set(bank().intents), set(bank().intents) - reached  # every intent reachable here
    roles = Counter(c.get("role", "officer") for c in cases)
    assert all(roles[role] >= 10 for role in ROLES), roles
    kinds = Counter(c.get("kind", "act") for c in cases)
    assert kinds["refuse"] >= 10 and kinds["ask"] >= 3 and kinds["none"] >= 30, kinds
    # the ways people write: without marks, English, abbreviations, typos
    texts = [str(c["text"]) for c in cases]
    assert sum(t.isascii() for t in texts) >= 80
    for shorthand in (" dk", " ko", " j ", " bc", "ạ", "ad ơi", "e muốn", "cho mình hỏi"):
        assert any(shorthand in f" {t} " for t in texts), shorthand


def test_every_phrase_of_the_dev_set_reaches_its_intent() -> None:
    failures = [f"{c['text']!r} as {c.get('role', 'officer')}: want {c.get('kind', 'act')} {c.get('intent', '-')}, "
                f"got {verdict}" for c in _cases() if (verdict := _verdict(c)) is not None]
    assert not failures, f"{len(failures)} of {len(_cases())} failed:\n" + "\n".join(failures)


@pytest.mark.parametrize("text", ["thời tiết hôm nay thế nào", "kể chuyện cười đi", "0919422038", "Nguyễn Văn An"])
def test_what_must_not_match_gets_the_fallback_for_every_role(text: str) -> None:
    for role in ROLES:
        decision, _ = read(text, role, NOW)
        assert decision.kind == "none", (text, role, decision)
        assert 1 <= len(decision.offers) <= 3, decision  # the likeliest actions, as choices
