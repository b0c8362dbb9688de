"""The dependencies: bounded on both sides, pypdf past its published vulnerabilities, and a lock
that `make install` refuses once pyproject.toml's dependencies changed without `make lock`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = (ROOT / "requirements.lock").read_text(encoding="utf-8")
REQUIREMENTS = [
    *PYPROJECT["build-system"]["requires"],
    *PYPROJECT["project"]["dependencies"],
    *[r for extra in PYPROJECT["project"]["optional-dependencies"].values() for r in extra],
]


@pytest.mark.parametrize("requirement", REQUIREMENTS)
def test_every_dependency_has_a_lower_and_an_upper_bound(requirement: str) -> None:
    specifier = re.sub(r"^[A-Za-z0-9_.-]+(\[[^\]]*\])?", "", requirement)
    assert "==" in specifier or (">=" in specifier and "<" in specifier.replace("<=", "")), requirement


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_pypdf_is_past_its_published_vulnerabilities_and_7_is_allowed() -> None:
    [pypdf] = [r for r in PYPROJECT["project"]["dependencies"] if r.startswith("pypdf")]
    floor = re.search(r">=([\d.]+)", pypdf)
    assert floor is not None and _version(floor.group(1)) >= (7, 1, 1)  # CVE-2026-134366 and later fixes
    assert "<8" in pypdf
    locked = re.search(r"^pypdf==([\d.]+)", LOCK, re.M)
    assert locked is not None and _version(locked.group(1)) >= (7, 1, 1)


def test_the_lock_pins_every_package_with_hashes() -> None:
    entries = re.split(r"\n(?=[a-z0-9])", LOCK.split("\n", 1)[1].split("\n", 2)[2].strip())
    assert len(entries) > 20
    for entry in entries:
        assert re.match(r"^[a-z0-9._-]+==\S+", entry) and "--hash=sha256:" in entry, entry
    names = {e.split("==", 1)[0] for e in entries}
    assert {"pip", "setuptools", "wheel", "pypdf", "python-telegram-bot", "pytest"} <= names


def _check(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(tree / "tools" / "lock.py"), "check"], capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of what `tools/lock.py check` reads: pyproject.toml, the lock and the script."""
    (tmp_path / "tools").mkdir()
    for name in ("pyproject.toml", "requirements.lock", "tools/lock.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_the_committed_lock_is_the_lock_of_pyproject(tree: Path) -> None:
    assert _check(tree).returncode == 0


def test_a_dependency_changed_without_relocking_is_refused_with_what_to_do(tree: Path) -> None:
    pyproject = tree / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('"openpyxl>=3.1,<4"', '"openpyxl>=3.1,<5"'), encoding="utf-8")
    result = _check(tree)
    assert result.returncode == 1 and "out of date" in result.stderr and "make lock" in result.stderr


def test_other_settings_in_pyproject_need_no_relock(tree: Path) -> None:
    pyproject = tree / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace("line-length = 120", "line-length = 100"),
                         encoding="utf-8")
    assert _check(tree).returncode == 0


def test_a_missing_lock_is_refused(tree: Path) -> None:
    (tree / "requirements.lock").unlink()
    result = _check(tree)
    assert result.returncode == 1 and "missing" in result.stderr
