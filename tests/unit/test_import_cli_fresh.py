"""Issue 9.4 and the command line's part of 9.9: `tdc-bot import-plan FILE --dry-run --json`, the
README's first command, on a fresh checkout (no database), as a real process in a temp directory."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import fixture_file
from tests.unit.test_cli import TDC_BOT, tdc
from tests.unit.test_import_cli import INVITATION, MEETING_PLAN, PLAN, one_line_failure, workdir  # noqa: F401


def fresh(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """tdc-bot with the default configuration: no config file, no TDC_DATABASE_URL (data/tdc.db)."""
    env = {k: v for k, v in os.environ.items() if k not in ("TDC_DATABASE_URL", "TDC_CONFIG")}
    return subprocess.run([TDC_BOT, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def fresh_json(*args: str, cwd: Path) -> dict[str, Any]:
    result = fresh(*args, "--json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_a_dry_run_on_a_fresh_checkout_reads_the_plan_and_creates_nothing(tmp_path: Path) -> None:
    preview = fresh_json("import-plan", str(fixture_file(PLAN)), "--dry-run", cwd=tmp_path)
    assert len(preview["tasks"]) == 21 and preview["stored"] is None
    assert preview["unit_directory"]["units"] == 0 and preview["unit_directory"]["database"] == "missing"
    assert "danh bạ đơn vị trống" in preview["unit_directory"]["note"]
    assert "Phòng Chuyển đổi số" in preview["unmatched"]
    assert list(tmp_path.iterdir()) == []  # no data/tdc.db, not even data/


def test_a_dry_run_of_a_meeting_on_a_fresh_checkout_creates_nothing(tmp_path: Path) -> None:
    human = fresh("import-meeting", str(fixture_file(MEETING_PLAN)), "--dry-run", cwd=tmp_path)
    assert human.returncode == 0, human.stderr
    assert "cảnh báo: danh bạ đơn vị trống (chưa có cơ sở dữ liệu)" in human.stdout
    assert "Chi cục Tiêu chuẩn Đo lường Chất lượng" in human.stdout
    assert human.stdout.rstrip().endswith("chạy thử: không ghi gì (dry run)")
    assert list(tmp_path.iterdir()) == []


def test_a_database_file_that_is_not_migrated_is_left_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    empty = tmp_path / "data" / "tdc.db"
    sqlite3.connect(empty).close()  # what today's main left behind: an empty file
    preview = fresh_json("import-plan", str(fixture_file(PLAN)), "--dry-run", cwd=tmp_path)
    assert preview["unit_directory"]["database"] == "not_migrated" and preview["unmatched"]
    assert empty.stat().st_size == 0
    message = one_line_failure("import-plan", str(fixture_file(PLAN)), cwd=tmp_path)
    assert "tdc-bot db upgrade" in message and "cli.db" not in os.listdir(tmp_path)


def test_storing_without_a_database_says_what_to_run_and_creates_nothing(tmp_path: Path) -> None:
    result = fresh("import-plan", str(fixture_file(PLAN)), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "chưa có cơ sở dữ liệu" in result.stderr and "tdc-bot db upgrade" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_warnings_come_before_saving_and_speak_vietnamese(workdir: Path) -> None:  # noqa: F811
    summary = tdc("import-meeting", str(fixture_file(INVITATION)), cwd=workdir)
    assert summary.returncode == 0, summary.stderr
    lines = summary.stdout.splitlines()
    past = next(i for i, x in enumerate(lines) if x.startswith("cảnh báo: cuộc họp đã diễn ra (2026-05-28T14:00)"))
    assert past < len(lines) - 1 and lines[-1] == "đã lưu: cuộc họp số 1 (stored)"
    dry = tdc("import-plan", str(fixture_file(PLAN)), "--dry-run", cwd=workdir).stdout.splitlines()
    assert dry[-1] == "chạy thử: không ghi gì (dry run)"
    assert any(x.startswith("cảnh báo: Nhiệm vụ 4.c") for x in dry)
    assert not any(x.startswith(("warning:", "stored:", "dry run:")) for x in dry + lines)
