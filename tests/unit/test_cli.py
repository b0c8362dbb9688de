"""The `tdc-bot` command, run as a real process on a temporary SQLite database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TDC_BOT = str(Path(sys.executable).with_name("tdc-bot"))
SUBCOMMANDS = [
    ["db"], ["db", "upgrade"], ["db", "current"], ["db", "check"], ["run"], ["demo"], ["units"],
    ["units", "import"], ["units", "list"], ["invite"], ["invite", "create"], ["meeting"],
    ["meeting", "create"], ["meeting", "list"], ["meeting", "update"], ["reminders"], ["reminders", "plan"],
    ["reminders", "status"], ["reminders", "dispatch"], ["member", "list"], ["member", "remove"],
    ["invite", "list"], ["invite", "revoke"], ["person", "export"], ["person", "erase"], ["audit", "list"],
    ["deadline"], ["deadline", "create"], ["deadline", "edit"], ["deadline", "cancel"], ["deadline", "list"],
    ["deadline", "status"],
]


def tdc(*args: str, cwd: Path, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "TDC_DATABASE_URL": f"sqlite:///{cwd / 'cli.db'}", **(env or {})}
    full_env.pop("TDC_CONFIG", None)
    return subprocess.run([TDC_BOT, *args], cwd=cwd, input=stdin, capture_output=True, text=True,
                          env=full_env, timeout=120)


def test_help_on_every_subcommand(tmp_path: Path) -> None:
    for sub in [[], *SUBCOMMANDS]:
        result = tdc(*sub, "--help", cwd=tmp_path)
        assert result.returncode == 0, (sub, result.stderr)
        assert "usage: tdc-bot" in result.stdout


def test_db_upgrade_twice_then_check(tmp_path: Path) -> None:
    first = tdc("db", "upgrade", cwd=tmp_path)
    second = tdc("db", "upgrade", cwd=tmp_path)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.strip() == second.stdout.strip()
    assert tdc("db", "check", cwd=tmp_path).returncode == 0


def test_units_import_list_and_invite(tmp_path: Path) -> None:
    csv = tmp_path / "units.csv"
    csv.write_text(
        "kind,name,short_names,parent\n"
        "department,Sở Khoa học và Công nghệ,Sở KH&CN,\n"
        "division,Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng,Phòng TĐC,Sở Khoa học và Công nghệ\n"
        "commune,Phường Trấn Biên,,\n",
        encoding="utf-8",
    )
    assert tdc("db", "upgrade", cwd=tmp_path).returncode == 0
    first = tdc("units", "import", str(csv), cwd=tmp_path)
    assert "3 added" in first.stdout, first.stderr
    again = tdc("units", "import", str(csv), cwd=tmp_path)
    assert "0 added, 0 updated" in again.stdout
    listing = tdc("units", "list", "--kind", "commune", cwd=tmp_path)
    assert listing.stdout.count("\n") == 1 and "Phường Trấn Biên" in listing.stdout

    invite = tdc("invite", "create", "--unit", "phuong tran bien", "--role", "officer", cwd=tmp_path)
    assert invite.returncode == 0, invite.stderr
    code = next(line.split(": ", 1)[1] for line in invite.stdout.splitlines() if line.startswith("code: "))
    assert len(code) >= 43
    assert f"?start={code}" in invite.stdout

    wrong = tdc("invite", "create", "--unit", "Phuong Tran Bienn", "--role", "officer", cwd=tmp_path)
    assert wrong.returncode == 2
    assert "no such unit" in wrong.stderr and "Phường Trấn Biên" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_meeting_create_with_iso_times(tmp_path: Path) -> None:
    csv = tmp_path / "units.csv"
    csv.write_text("kind,name,short_names,parent\ncommune,Xã Long Thành,,\ncommune,Phường Trấn Biên,,\n",
                   encoding="utf-8")
    tdc("db", "upgrade", cwd=tmp_path)
    tdc("units", "import", str(csv), cwd=tmp_path)
    made = tdc("meeting", "create", "--title", "Hội nghị trực tuyến", "--start", "2026-12-10T14:00",
               "--cutoff", "2026-12-07T00:00", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "2 units invited" in made.stdout and "10/12/2026 14:00" in made.stdout
    assert "Hội nghị trực tuyến" in tdc("meeting", "list", cwd=tmp_path).stdout


def test_bad_csv_file_is_a_clear_error(tmp_path: Path) -> None:
    tdc("db", "upgrade", cwd=tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nx\n", encoding="utf-8")
    result = tdc("units", "import", str(bad), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "csv_header" in result.stderr


@pytest.mark.parametrize("persona", ["officer", "unit_head", "organizer"])
def test_scripted_demo_answers_help_in_vietnamese(tmp_path: Path, persona: str) -> None:
    result = tdc("demo", "--as", persona, stdin="/start\n/help\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Xin chào" in result.stdout
    assert "Các lệnh anh/chị có thể dùng:" in result.stdout
    assert "/help – Hướng dẫn sử dụng" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_meeting_create_with_times_in_words(tmp_path: Path) -> None:
    csv = tmp_path / "units.csv"
    csv.write_text("kind,name,short_names,parent\ncommune,Xã Long Thành,,\n", encoding="utf-8")
    tdc("db", "upgrade", cwd=tmp_path)
    tdc("units", "import", str(csv), cwd=tmp_path)
    made = tdc("meeting", "create", "--title", "Hội nghị trực tuyến", "--start", "14h00, thứ Năm ngày 28/5/2026",
               "--cutoff", "trước ngày 26/5/2026", "--contact-phone", "0919.422.038", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "starts 28/05/2026 14:00, registration closes 26/05/2026 00:00" in made.stdout
    vague = tdc("meeting", "create", "--title", "X", "--start", "sắp tới", "--cutoff", "trước ngày 26/5/2026",
                cwd=tmp_path)
    assert vague.returncode == 2 and "Traceback" not in vague.stderr and "sắp tới" in vague.stderr


def test_demo_unit_head_asks_what_is_due_this_quarter(tmp_path: Path) -> None:
    result = tdc("demo", "--as", "unit_head", stdin="quý này có việc gì?\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Nhiệm vụ của Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng" in result.stdout
    assert "Chủ trì" in result.stdout


def test_demo_as_zalo_shows_numbered_lines_typed_answers_and_no_files(tmp_path: Path) -> None:
    officer = tdc("demo", "--as", "officer", "--channel", "zalo", cwd=tmp_path,
                  stdin="/start\n/dangky\nthêm người\n/huy\nfile: /etc/hostname\n")
    assert officer.returncode == 0, officer.stderr
    out = officer.stdout
    assert "1. ➕ Thêm người" in out and "Trả lời 1 hoặc 2, hoặc gõ tên mục (ví dụ: Thêm người)." in out
    assert "Họ và tên người tham dự" in out  # "thêm người" typed picked the option
    assert "dán mã mời" not in out and "bấm" not in out.lower()
    assert "Tôi chỉ đọc được tin nhắn chữ." in out  # no files from a Zalo user
    organiser = tdc("demo", "--as", "organizer", "--channel", "zalo", stdin="/xuat\n1\n", cwd=tmp_path)
    assert organiser.returncode == 0, organiser.stderr
    assert "Zalo không gửi được tệp" in organiser.stdout and "tdc-bot export" in organiser.stdout
    assert not (tmp_path / "data" / "demo-files").exists()
