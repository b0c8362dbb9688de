"""The demo as a new user runs it (issue 9 item 11): the persona words people type, Ctrl-C, the
meeting on a working day, and a roster that is not empty."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.commands.demo import persona_of
from bot.demo import SEEDED, next_working_day
from domain.workdays import default_calendar

TDC_BOT = str(Path(sys.executable).with_name("tdc-bot"))


@pytest.mark.parametrize(("typed", "persona"), [
    ("organiser", "organizer"), ("organizer", "organizer"), ("Tổ chức", "organizer"),
    ("head", "unit_head"), ("unit_head", "unit_head"), ("lãnh đạo", "unit_head"), ("LANH-DAO", "unit_head"),
    ("officer", "officer"), ("cán bộ", "officer"),
])
def test_persona_words(typed: str, persona: str) -> None:
    assert persona_of(typed) == persona


def test_an_unknown_persona_lists_the_words_accepted() -> None:
    with pytest.raises(argparse.ArgumentTypeError) as err:
        persona_of("boss")
    assert "boss" in str(err.value) and "organiser" in str(err.value) and "lanh dao" in str(err.value)


def test_the_meeting_falls_on_a_working_day() -> None:
    assert next_working_day(date(2026, 12, 5)) == date(2026, 12, 7)  # a Saturday moves to Monday
    assert next_working_day(date(2026, 12, 7)) == date(2026, 12, 7)
    for offset in range(14):
        day = next_working_day(date(2026, 12, 1 + offset))
        assert default_calendar().is_working_day(day)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("TDC_CONFIG", "TDC_DATABASE_URL")}


def test_the_organiser_sees_a_real_roster_and_an_absolute_export_path(tmp_path: Path) -> None:
    done = subprocess.run([TDC_BOT, "demo", "--as", "organiser", "--db", str(tmp_path / "demo.db")],
                          input="/danhsach\n/xuat 1\n", capture_output=True, text=True, env=_env(), cwd=tmp_path,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"Đã đăng ký: {len(SEEDED)}/6 đơn vị" in done.stdout
    path = next(line[2:].strip() for line in done.stdout.splitlines() if line.startswith("📎"))
    assert Path(path).is_absolute() and Path(path).is_file()
    assert "-cong-tac-tcdlcl-dia-phuong-quy-" in Path(path).name  # the whole title, not its first six words


def test_ctrl_c_leaves_at_once_without_a_traceback(tmp_path: Path) -> None:
    proc = subprocess.Popen([TDC_BOT, "demo", "--as", "head", "--db", str(tmp_path / "demo.db")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(), cwd=tmp_path)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("/help\n")
    proc.stdin.flush()
    for line in proc.stdout:  # the answer to /help is printed: the demo now waits for the next line
        if "/huy" in line:
            break
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)  # stdin stays open: only Ctrl-C can end it
    assert proc.returncode in (0, 130), err
    assert "Traceback" not in err and "CancelledError" not in err, err
