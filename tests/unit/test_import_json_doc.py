"""docs/import-json.md is the contract of `--json`: the JSON each kind prints has exactly the keys
its tables list, with the types they say, and every key they list is printed by some document.

The schema is read from the page itself (its `### \\`name\\`` headings and key tables), so the page,
not this test, is the source of truth; its examples are checked against it too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import fixture_file
from tests.unit.test_cli import tdc
from tests.unit.test_import_any_cli import LETTER, request_json
from tests.unit.test_import_cli import INVITATION, MEETING_PLAN, PLAN, units_csv

DOC = Path(__file__).resolve().parents[2] / "docs" / "import-json.md"
TOP = {"plan": "plan output", "meeting": "meeting output", "request": "request output"}
# The time-expression object has its own contract (tests/fixtures/specs/time-expressions.md); its
# optional keys need not all occur in these documents.
OTHER_CONTRACTS = {"parsed time"}

Schema = dict[str, dict[str, tuple[list[str], bool]]]


def read_schema(text: str) -> Schema:
    """{object name: {key: (type alternatives, always)}} from every table under a `### \\`name\\`` heading."""
    schema: Schema = {}
    current: str | None = None
    for line in text.splitlines():
        heading = re.fullmatch(r"### `([^`]+)`", line.strip())
        if heading:
            current = heading.group(1)
            schema[current] = {}
            continue
        row = re.fullmatch(r"\| `([^`]+)` \| ([^|]+) \| (yes|no) \|.*\|", line.strip())
        if row and current is not None:
            schema[current][row.group(1)] = ([alt.strip() for alt in row.group(2).split(" or ")], row.group(3) == "yes")
    return schema


def check(value: Any, name: str, schema: Schema, seen: set[tuple[str, str]], path: str) -> None:
    """`value` is an object `name`: exactly its keys (those marked always at least), each of its type."""
    assert isinstance(value, dict), f"{path}: not an object"
    keys = schema[name]
    required = {key for key, (_, always) in keys.items() if always}
    missing, extra = sorted(required - value.keys()), sorted(value.keys() - keys.keys())
    assert not missing and not extra, f"{path} ({name}): missing {missing}, undocumented {extra}"
    for key, item in value.items():
        seen.add((name, key))
        assert any(fits(item, alt, schema, seen, f"{path}.{key}") for alt in keys[key][0]), (
            f"{path}.{key} = {item!r} is not {' or '.join(keys[key][0])}")


def fits(value: Any, kind: str, schema: Schema, seen: set[tuple[str, str]], path: str) -> bool:
    if kind.startswith("array of "):
        item = kind.removeprefix("array of ")
        return isinstance(value, list) and all(fits(v, item, schema, seen, f"{path}[{i}]") for i, v in enumerate(value))
    if kind.startswith("`"):
        if not isinstance(value, dict):
            return False
        check(value, kind.strip("`"), schema, seen, path)  # a wrong key inside fails here, with its path
        return True
    simple = {"string": str, "integer": int, "boolean": bool, "null": type(None)}
    assert kind in simple, f"unknown type {kind!r} in the doc"
    return isinstance(value, simple[kind]) and not (kind == "integer" and isinstance(value, bool))


@pytest.fixture(scope="module")
def schema() -> Schema:
    found = read_schema(DOC.read_text(encoding="utf-8"))
    assert set(TOP.values()) <= found.keys() and len(found) > 15, sorted(found)
    return found


def json_of(*args: str, cwd: Path) -> dict[str, Any]:
    result = tdc(*args, "--json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_the_doc_names_every_object_it_uses(schema: Schema) -> None:
    for name, keys in schema.items():
        assert keys, f"{name}: no key table"
        for key, (alts, _) in keys.items():
            for alt in alts:
                ref = alt.removeprefix("array of ")
                assert not ref.startswith("`") or ref.strip("`") in schema, f"{name}.{key}: {ref} is not described"


def test_the_examples_follow_the_tables(schema: Schema) -> None:
    examples = re.findall(r"```json\n(.*?)\n```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(examples) == 3
    for example in examples:
        value = json.loads(example)
        check(value, TOP[value["kind"]], schema, set(), value["kind"])


def test_every_kind_prints_exactly_the_documented_keys(tmp_path: Path, schema: Schema,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    fresh = tmp_path / "fresh"  # no database: the directory note
    fresh.mkdir()
    work = tmp_path / "work"  # a directory without one unit: a name with suggestions
    work.mkdir()
    assert tdc("db", "upgrade", cwd=work).returncode == 0
    assert tdc("units", "import", str(units_csv(work / "u.csv", skip="Phòng Chuyển đổi số")), cwd=work).returncode == 0
    outputs = [
        json_of("import", str(fixture_file(PLAN)), "--dry-run", cwd=fresh),
        json_of("import-plan", str(fixture_file(PLAN)), cwd=work),
        json_of("import-meeting", str(fixture_file(INVITATION)), cwd=work),
        json_of("import", str(fixture_file(MEETING_PLAN)), cwd=work),  # a follow-up counted from the meeting
        request_json(monkeypatch, work, capsys, LETTER),
    ]
    assert [o["kind"] for o in outputs] == ["plan", "plan", "meeting", "meeting", "request"]
    assert all(o["stored"] is not None for o in outputs[1:])
    seen: set[tuple[str, str]] = set()
    for output in outputs:
        check(output, TOP[output["kind"]], schema, seen, output["kind"])
    never = {(name, key) for name, keys in schema.items() if name not in OTHER_CONTRACTS for key in keys} - seen
    assert not never, f"documented but never printed: {sorted(never)}"
