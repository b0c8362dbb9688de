"""`tdc-bot import FILE`: one command for every kind, on a temporary SQLite database.

Plans and meeting letters go through the real command in a real process (Word files made here
with python-docx). Request letters are read by a reader still being written, so those tests run
the command in this process with the reading replaced by an Upload holding a hand-built
RequestDoc (as tests/flows/test_intake_request.py does for the chat): they prove the command's
side: the kind said, every field listed, the deadlines stored once, nothing from a letter with
no due date.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import bot.commands.import_any as import_any
import domain.documents.limits as limits
import domain.documents.upload as upload_module
from bot.cli import build_parser
from domain.documents.models import ContactDoc, RequestDoc, RequestItemDoc
from domain.documents.upload import Upload
from domain.recurrence import Recurrence
from tests.conftest import fixture_file
from tests.unit.test_cli import tdc
from tests.unit.test_import_cli import INVITATION, PLAN, counts, docx_from_text, one_line_failure, run_json, workdir
from tests.worker_jobs import spin

__all__ = ["workdir"]  # the fixture, shared with test_import_cli

TDC = "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
ANNUAL = RequestItemDoc(
    what="báo cáo tình hình hoạt động đo lường", owed_by=("UBND các xã, phường", "Công ty ABC"), to="Phòng TĐC",
    address="số 2 Nguyễn Văn Trỗi, phường Trấn Biên", email="tdc@skhcn.example.gov.vn",
    data_cutoff_text="số liệu tính đến ngày 30/4", data_cutoff=date(2027, 4, 30),
    contact=ContactDoc("Ông Trần Văn A", "Chuyên viên", "0912345678", "0912.345.678", None, "…"),
    due_text="trước ngày 31/5 hàng năm", due=None, due_at=datetime(2027, 5, 31),
    recurrence=Recurrence("year", 31, 5, inclusive=False, text="trước ngày 31/5 hàng năm"))
ONCE = RequestItemDoc(
    what="danh sách cán bộ đầu mối", owed_by=("Xã Long Thành",), to=None, address=None, email=None,
    data_cutoff_text=None, data_cutoff=None, contact=None, due_text="chậm nhất ngày 15/01/2027", due=None,
    due_at=datetime(2027, 1, 16))
LETTER = RequestDoc(
    title="V/v báo cáo tình hình hoạt động đo lường", document_number="12/SKHCN-TĐC",
    issuer="Sở Khoa học và Công nghệ", place="Đồng Nai", issued_on=date(2026, 11, 20), year=2026,
    requests=(ANNUAL, ONCE), text_hash="ab" * 32)
NO_DEADLINE = RequestDoc(
    title="V/v tăng cường kiểm tra đo lường", document_number="13/SKHCN-TĐC", issuer=None, place=None,
    issued_on=date(2026, 11, 21), year=2026, requests=(), text_hash="cd" * 32)
PLAIN_LETTER = ("SỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 14/SKHCN-TĐC\nV/v tăng cường kiểm tra đo lường\n"
                "Kính gửi: UBND các xã, phường\nĐề nghị các đơn vị quan tâm phối hợp thực hiện./.\n")


def run_here(monkeypatch: pytest.MonkeyPatch, cwd: Path, capsys: pytest.CaptureFixture[str], *args: str,
             upload: Upload | None = None) -> tuple[int, str, str]:
    """`tdc-bot ARGS` in this process on cwd's database; `upload` replaces the reading when given."""
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("TDC_DATABASE_URL", f"sqlite:///{cwd / 'cli.db'}")
    monkeypatch.delenv("TDC_CONFIG", raising=False)
    if upload is not None:
        monkeypatch.setattr(import_any, "read_file", lambda path: upload)
    parsed = build_parser().parse_args(list(args))
    capsys.readouterr()
    status = int(parsed.func(parsed) or 0)
    out = capsys.readouterr()
    return status, out.out, out.err


def request_json(monkeypatch: pytest.MonkeyPatch, cwd: Path, capsys: pytest.CaptureFixture[str], doc: RequestDoc,
                 *flags: str) -> dict[str, Any]:
    (cwd / "cong-van.docx").write_bytes(b"read by the injected reader")
    status, out, err = run_here(monkeypatch, cwd, capsys, "import", str(cwd / "cong-van.docx"), "--json", *flags,
                                upload=Upload("text", request=doc, reason="đề nghị gửi báo cáo"))
    assert status == 0, err
    parsed: dict[str, Any] = json.loads(out)
    return parsed


def test_a_plan_file_is_found_stored_and_refused_the_second_time(workdir: Path) -> None:
    word = docx_from_text(fixture_file(PLAN).read_text(encoding="utf-8"), workdir / "ke-hoach.docx")
    result = tdc("import", str(word), cwd=workdir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "loại: kế hoạch — có 21 nhiệm vụ (kind: plan)"
    assert "21 nhiệm vụ, 2 hạn báo cáo (tasks, deadlines)" in lines
    assert any(x.startswith("đã lưu: kế hoạch số 1 ") for x in lines)
    stored = counts(workdir)
    assert (stored["plan"], stored["task"], stored["deadline"]) == (1, 21, 2)
    assert "plan_exists" in one_line_failure("import", str(word), cwd=workdir)
    assert counts(workdir) == stored


def test_a_meeting_letter_is_found_and_stored(workdir: Path) -> None:
    word = docx_from_text(fixture_file(INVITATION).read_text(encoding="utf-8"), workdir / "giay-moi.docx")
    before = counts(workdir)
    preview = tdc("import", str(word), "--dry-run", "--json", cwd=workdir)
    assert preview.returncode == 0, preview.stderr
    found = json.loads(preview.stdout)
    assert (found["kind"], found["reason"]) == ("meeting", "có thời gian họp 14h00 ngày 28/5/2026")
    assert found["meeting"]["start"] == "2026-05-28T14:00" and found["stored"] is None
    assert counts(workdir) == before
    result = tdc("import", str(word), cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("loại: cuộc họp — có thời gian họp 14h00 ngày 28/5/2026")
    assert "đã lưu: cuộc họp số 1 (stored)" in result.stdout
    after = counts(workdir)
    assert (after["meeting"], after["agendaitem"], after["meetingunit"]) == (1, 4, 6)


def test_a_dry_run_lists_every_field_and_stores_nothing(workdir: Path) -> None:
    before = counts(workdir)
    plan = tdc("import", str(fixture_file(PLAN)), "--dry-run", cwd=workdir)
    assert plan.returncode == 0, plan.stderr
    lines = plan.stdout.splitlines()
    for line in ("  Số văn bản: /KH-SKH&CN", "  Năm: 2026", "  Người ký: Trịnh Thị Hoà, KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
                 "     Phối hợp: không thấy", f"     chủ trì: {TDC}",
                 "     Hạn nộp: trước ngày 01 tháng 11 (hạn cuối: hết ngày 31/10/2026 "
                 "(ngày nghỉ, nên theo luật kéo dài đến hết ngày 02/11/2026))"):
        assert line in lines, (line, plan.stdout)
    assert sum(x.startswith("  • ") for x in lines) == 21  # every task, not the chat's first eight
    assert any(x.startswith("cảnh báo: Nhiệm vụ 4.c") for x in lines)
    assert lines[-1] == "chạy thử: không ghi gì (dry run)"
    meeting = tdc("import", str(fixture_file(INVITATION)), "--dry-run", cwd=workdir)
    assert "  Đường dẫn kết nối: không thấy" in meeting.stdout.splitlines()
    assert "  Hạn đăng ký: trước ngày 26/05/2026" in meeting.stdout.splitlines()
    assert counts(workdir) == before


def test_a_letter_with_nothing_to_import_stores_nothing(workdir: Path) -> None:
    word = docx_from_text(PLAIN_LETTER, workdir / "cong-van.docx")
    before = counts(workdir)
    for flags in ((), ("--dry-run",), ("--json",)):
        assert "không có gì để nhập" in one_line_failure("import", str(word), *flags, cwd=workdir)
    assert "file not found" in one_line_failure("import", str(workdir / "khong-co.docx"), cwd=workdir)
    (workdir / "hong.docx").write_bytes(b"PK\x03\x04 truncated zip")
    assert "Tệp .docx bị hỏng" in one_line_failure("import", str(workdir / "hong.docx"), cwd=workdir)
    assert counts(workdir) == before


def test_a_request_letter_lists_its_fields_then_is_stored_once(workdir: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    before = counts(workdir)
    (workdir / "cong-van.docx").write_bytes(b"read by the injected reader")
    status, out, err = run_here(monkeypatch, workdir, capsys, "import", str(workdir / "cong-van.docx"), "--dry-run",
                                upload=Upload("text", request=LETTER, reason="đề nghị gửi báo cáo đo lường"))
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == "loại: công văn đề nghị — đề nghị gửi báo cáo đo lường (kind: request)"
    for line in ("  Số văn bản: 12/SKHCN-TĐC", "  Ngày văn bản: 20/11/2026", "  Người ký: không thấy",
                 "  📝 Yêu cầu 2: danh sách cán bộ đầu mối", "     Địa chỉ: không thấy",
                 "     Hạn nộp: trước ngày 31/5 hàng năm (hạn cuối: hết ngày 30/05/2027 "
                 "(ngày nghỉ, nên theo luật kéo dài đến hết ngày 31/05/2027))",
                 "     Số liệu tính đến: số liệu tính đến ngày 30/4 (30/04/2027)", "  - Công ty ABC"):
        assert line in lines or any(x.startswith(line + " (") for x in lines), (line, out)
    assert lines[-1] == "chạy thử: không ghi gì (dry run)" and counts(workdir) == before

    stored = request_json(monkeypatch, workdir, capsys, LETTER)
    assert stored["stored"] == {"deadline_ids": [1, 2], "deadlines": 2, "owed_units": 6, "groups": ["communes"]}
    assert stored["unmatched"] == ["Công ty ABC"] and stored["requests"][0]["to"]["unit"]["name"] == TDC
    assert counts(workdir)["deadline"] == 2 and counts(workdir)["deadlineunit"] == 7
    again = request_json(monkeypatch, workdir, capsys, LETTER, "--dry-run")
    assert again["already_imported"] == 1 and again["stored"] is None
    status, out, err = run_here(monkeypatch, workdir, capsys, "import", str(workdir / "cong-van.docx"),
                                upload=Upload("text", request=LETTER))
    assert status == 2 and out == "" and "request_exists" in err and "id 1" in err
    assert counts(workdir)["deadline"] == 2


def test_a_request_letter_with_no_due_date_stores_nothing(workdir: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = counts(workdir)
    (workdir / "thong-bao.pdf").write_bytes(b"read by the injected reader")
    for flags in ((), ("--dry-run",)):
        status, out, err = run_here(monkeypatch, workdir, capsys, "import", str(workdir / "thong-bao.pdf"), *flags,
                                    upload=Upload("text", request=NO_DEADLINE))
        assert status == 2
        assert out.splitlines()[0] == "loại: công văn đề nghị — công văn đề nghị nhưng không có hạn nộp (kind: request)"
        assert "0 yêu cầu có hạn nộp (requests with a due date)" in out
        assert err.strip() == "tdc-bot: thong-bao.pdf: không thấy hạn nộp nào; không tạo hạn (no deadline found, " \
                              "nothing stored)"
    status, out, err = run_here(monkeypatch, workdir, capsys, "import", str(workdir / "thong-bao.pdf"), "--json",
                                upload=Upload("text", request=NO_DEADLINE))
    assert status == 2 and json.loads(out)["requests"] == [] and json.loads(out)["stored"] is None
    assert counts(workdir) == before


def test_a_reading_past_its_limit_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(limits, "READ_SECONDS", 1.0)
    monkeypatch.setattr(upload_module, "read_upload", spin)  # the child runs this one: it never returns
    (tmp_path / "ke-hoach.pdf").write_bytes(b"%PDF-1.7 ...")
    status, out, err = run_here(monkeypatch, tmp_path, capsys, "import", str(tmp_path / "ke-hoach.pdf"))
    assert status == 2 and out == ""
    assert err.strip() == ("tdc-bot: ke-hoach.pdf: đọc quá 1 giây nên đã dừng; không có gì được lưu "
                           "(reading took too long)")
    assert not (tmp_path / "cli.db").exists()


def test_help_names_the_kinds_and_the_json_doc(tmp_path: Path) -> None:
    result = tdc("import", "--help", cwd=tmp_path)
    assert result.returncode == 0 and "usage: tdc-bot import" in result.stdout
    assert "docs/import-json.md" in result.stdout and "--dry-run" in result.stdout


def test_a_real_request_letter_is_read_stored_once_and_owed_by_every_commune(workdir: Path) -> None:
    """Seed-like letter 1245/SKHCN-TĐC as a Word file, through the real reader in a real process."""
    word = docx_from_text(fixture_file("requests/01_bao_cao_cuoi_nam_xa.txt").read_text(encoding="utf-8"),
                          workdir / "cong-van-1245.docx")
    before = counts(workdir)
    preview = run_json("import", str(word), "--dry-run", cwd=workdir)
    assert (preview["kind"], preview["stored"], counts(workdir)) == ("request", None, before)
    assert preview["request"]["document_number"] == "1245/SKHCN-TĐC"
    assert preview["request"]["issued_on"] == "2026-11-20"  # the letter's date, never the due date
    [item] = preview["requests"]
    assert (item["due_at"], item["email"], item["data_cutoff"]["date"]) == (
        "2026-12-12T00:00", "phongtdc.skhcn@gialai.gov.vn", "2026-11-30")
    assert (item["owed_by"][0]["status"], item["owed_by"][0]["units"]) == ("group", 6)
    assert item["to"]["status"] == "unit"  # "Sở … (qua Phòng Quản lý TĐC)": the division receives it
    result = tdc("import", str(word), cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("loại: công văn đề nghị — đề nghị gửi báo cáo")
    after = counts(workdir)
    assert (after["deadline"] - before["deadline"], after["deadlineunit"] - before["deadlineunit"]) == (1, 6)
    assert "request_exists" in one_line_failure("import", str(word), cwd=workdir)
    assert counts(workdir) == after


def test_a_real_letter_with_no_deadline_stores_nothing(workdir: Path) -> None:
    before = counts(workdir)
    result = tdc("import", str(fixture_file("requests/07_khong_co_han.txt")), cwd=workdir)
    assert result.returncode == 2
    assert "hạn nộp (công văn đề nghị) nào: không có gì để nhập" in result.stderr  # said, and why
    assert counts(workdir) == before
