"""The issue's phrases typed into the real `tdc-bot demo --as …` process, for each persona it offers.

The demo's clock is the real one: its meeting is ten days ahead, moved on to a working day (start
14h00), with the registration cutoff three days before it at midnight; three communes have
registered already (bot.demo.SEEDED), so the organiser sees a real roster.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.demo import SEEDED, next_working_day

TODAY = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
DAYS = (next_working_day(TODAY + timedelta(days=10)) - TODAY).days

TDC_BOT = str(Path(sys.executable).with_name("tdc-bot"))
PHRASES = ("chào bạn", "cảm ơn", "tôi đã đăng ký chưa?", "link họp ở đâu", "mấy giờ họp", "họp ở đâu",
           "còn mấy ngày nữa hết hạn", "ai chưa đăng ký?", "hạn báo cáo", "cập nhật tiến độ nhiệm vụ")
COMMANDS = {"hạn báo cáo": "/baocao", "cập nhật tiến độ nhiệm vụ": "/capnhat"}
NO_MEETING = "không có hội nghị sắp tới nào mời Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
EXPECTED = {
    "officer": {
        "chào bạn": ["Chào anh/chị Lan!", "1. 📝 Đăng ký người tham dự"], "cảm ơn": ["không có gì"],
        "tôi đã đăng ký chưa?": ["⏳ Phường Trấn Biên chưa đăng ký."], "link họp ở đâu": ["Sở chưa gửi đường dẫn"],
        "mấy giờ họp": ["🕑 Thời gian: 14h00", f"còn {DAYS} ngày nữa"], "họp ở đâu": ["Hình thức: Trực tuyến"],
        "còn mấy ngày nữa hết hạn": ["⏳ Hạn đăng ký: trước ngày", f"còn {DAYS - 3} ngày"],
        "ai chưa đăng ký?": ["chỉ dành cho cán bộ Sở"],
    },
    "unit_head": {
        "chào bạn": ["Chào anh/chị Hùng!"], "cảm ơn": ["không có gì"],
        **{p: [NO_MEETING] for p in PHRASES[2:7]}, "ai chưa đăng ký?": ["chỉ dành cho cán bộ Sở"],
    },
    "organizer": {
        "chào bạn": ["Chào anh/chị Hải!", "1. 📋 Tình hình đăng ký"], "cảm ơn": ["không có gì"],
        "tôi đã đăng ký chưa?": [f"Đã đăng ký: {len(SEEDED)}/6 đơn vị"],
        "link họp ở đâu": ["Chưa có đường dẫn tham dự"],
        "mấy giờ họp": ["🕑 Thời gian: 14h00"], "họp ở đâu": ["Hình thức: Trực tuyến"],
        "còn mấy ngày nữa hết hạn": [f"còn {DAYS - 3} ngày", f"Đã có {len(SEEDED)}/6 đơn vị đăng ký"],
        "ai chưa đăng ký?": [f"{6 - len(SEEDED)} đơn vị chưa đăng ký"],
    },
}


def demo(persona: str, lines: list[str], tmp_path: Path) -> dict[str, str]:
    """Each typed line → what the demo printed after it (it echoes a line as '» line')."""
    env = {k: v for k, v in os.environ.items() if k not in ("TDC_CONFIG", "TDC_DATABASE_URL")}
    done = subprocess.run([TDC_BOT, "demo", "--as", persona, "--db", str(tmp_path / "demo.db")],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    answers: dict[str, list[str]] = {}
    current: list[str] = []
    for line in done.stdout.splitlines():
        if line.startswith("» "):  # the echo of a typed line starts a line; «…» inside answers does not
            current = answers.setdefault(line[2:], []) if line[2:] not in answers else []
        else:
            current.append(line)
    return {said: "\n".join(lines).strip() for said, lines in answers.items()}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_the_issues_phrases_in_the_demo(persona: str, tmp_path: Path) -> None:
    said = [line for phrase in PHRASES for line in (phrase, "/huy")] + list(COMMANDS.values())
    answers = demo(persona, said, tmp_path)
    for phrase in PHRASES:
        answer = answers[phrase]
        assert "chưa hiểu" not in answer and "Xin lỗi, đã có lỗi" not in answer, (persona, phrase, answer)
        for fragment in EXPECTED[persona].get(phrase, []):
            assert fragment in answer, (persona, phrase, fragment, answer)
    for phrase, command in COMMANDS.items():  # the same first step as the command
        assert answers[phrase] == answers[command], (persona, phrase)
    assert "📋 Nhiệm vụ của" not in answers["cập nhật tiến độ nhiệm vụ"]
