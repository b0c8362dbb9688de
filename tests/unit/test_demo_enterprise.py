"""`make demo` as an enterprise (issue 15): nobody yet, it follows the dialogue conference's public
link (Telegram) or types its code (Zalo), registers the organisation and then its attendees."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.commands.demo import persona_of
from tests.unit.test_cli import tdc

FORM = "Công ty TNHH Cơ khí An Phát\n0101248141\nSố 12 đường Lê Lợi\nTrần Thị Hoa\n0912345678\n1\n"


@pytest.mark.parametrize("typed", ["enterprise", "doanh nghiệp", "Doanh-Nghiep", "company"])
def test_enterprise_persona_words(typed: str) -> None:
    assert persona_of(typed) == "enterprise"


def test_the_enterprise_follows_the_public_link_and_registers(tmp_path: Path) -> None:
    attendee = "1\nNguyễn Văn An\nGiám đốc\n0919422038\n-\n1\nxác nhận gửi\n"
    result = tdc("demo", "--as", "enterprise", stdin=FORM + attendee, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "?start=dk_" in out and "Hội nghị đối thoại" in out
    assert "Tên doanh nghiệp" in out and "Mã số thuế: 0101248141" in out
    assert "Đã ghi nhận Công ty TNHH Cơ khí An Phát" in out
    assert "Đã đăng ký 1 người tham dự Hội nghị đối thoại" in out and "Traceback" not in out + result.stderr


def test_on_zalo_the_enterprise_types_the_notices_code(tmp_path: Path) -> None:
    result = tdc("demo", "--as", "enterprise", "--channel", "zalo", stdin=FORM, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "» DN-" in result.stdout and "?start=" not in result.stdout
    assert "Đã ghi nhận Công ty TNHH Cơ khí An Phát" in result.stdout
