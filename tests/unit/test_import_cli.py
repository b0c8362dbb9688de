"""`tdc-bot import-plan` and `import-meeting` as real processes on a temporary SQLite database."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import docx
import pytest

from bot.demo import UNITS
from tests.conftest import fixture_file
from tests.unit.test_cli import tdc

PLAN = "seeds/003_9dc728ae31be0994.txt"
INVITATION = "seeds/000_a3fd057809f7ec29.txt"
MEETING_PLAN = "seeds/001_09a72fef00e9e36f.txt"
TABLES = ("plan", "task", "taskunit", "deadline", "deadlineunit", "meeting", "agendaitem", "meetingunit",
          "auditevent")


def units_csv(path: Path, skip: str | None = None) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kind", "name", "short_names", "parent"])
    for row in UNITS:
        if row.name != skip:
            writer.writerow([row.kind, row.name, ";".join(row.short_names), row.parent or ""])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A migrated database holding the demo directory (6 communes, 5 divisions)."""
    assert tdc("db", "upgrade", cwd=tmp_path).returncode == 0
    imported = tdc("units", "import", str(units_csv(tmp_path / "units.csv")), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    return tmp_path


def counts(cwd: Path) -> dict[str, int]:
    with sqlite3.connect(cwd / "cli.db") as conn:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}


def run_json(*args: str, cwd: Path) -> dict[str, Any]:
    result = tdc(*args, "--json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def docx_from_text(text: str, path: Path) -> Path:
    """A Word file with the text's lines as paragraphs and its tab-separated rows as tables."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    table.cell(r, c).text = value
            rows.clear()

    for line in text.splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            document.add_paragraph(line)
    flush()
    document.save(str(path))
    return path


def task_view(task: dict[str, Any]) -> tuple:
    def names(matches: list[dict[str, Any]]) -> list[tuple]:
        return [(m["written"], m["status"], (m.get("unit") or {}).get("id"), m.get("units")) for m in matches]

    return (task["label"], task["row"], names(task["lead"]), names(task["coordinators"]),
            task["timeframe"]["parsed"], task["expected_result"])


def test_plan_json_shows_every_task_as_written_and_as_matched(workdir: Path) -> None:
    before = counts(workdir)
    preview = run_json("import-plan", str(fixture_file(PLAN)), "--dry-run", cwd=workdir)
    assert counts(workdir) == before  # --dry-run wrote nothing, not even an audit row
    assert preview["stored"] is None and preview["already_imported"] is None

    found = run_json("import-plan", str(fixture_file(PLAN)), cwd=workdir)
    assert found["stored"]["tasks"] == 21 and found["stored"]["deadlines"] == 2
    after = counts(workdir)
    assert (after["plan"], after["task"], after["deadline"]) == (1, 21, 2)
    assert found["plan"]["year"] == 2026 and found["plan"]["title"].startswith("Triển khai thực hiện Chỉ thị")
    tasks = {t["label"]: t for t in found["tasks"]}
    assert len(tasks) == 21
    assert {t["lead"][0]["unit"]["name"] for t in tasks.values()} == {
        "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng", "Trung tâm Khoa học và Công nghệ"}
    assert all(len(t["lead"]) == 1 and t["lead"][0]["status"] == "unit" for t in tasks.values())
    assert tasks["4.a"]["lead"][0]["unit"]["name"] == "Trung tâm Khoa học và Công nghệ"
    assert [(m["written"], m["group"], m["units"]) for m in tasks["5.a"]["coordinators"]] == [
        ("UBND các xã, phường", "communes", 6), ("các phòng, đơn vị trực thuộc Sở", "divisions", 5)]
    assert tasks["1.a"]["timeframe"] == {"text": "Quý III, IV/2026", "parsed": {
        "kind": "window", "start": "2026-07-01T00:00", "end": "2027-01-01T00:00", "matched": "Quý III, IV/2026"}}
    assert tasks["2.b"]["timeframe"]["parsed"]["kind"] == "on_demand"
    assert tasks["2.đ"]["section"] == "2" and tasks["2.đ"]["number"] == "đ"
    first, second = found["deadlines"]
    assert (first["due_at"], second["due_at"]) == ("2026-11-15T00:00", "2026-11-01T00:00")
    assert [(m["group"], m["units"]) for m in second["owed_by"]] == [("divisions", 5)]
    assert first["to"]["unit"]["name"] == "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
    assert found["unmatched"] == [] and any("4.c" in w for w in found["warnings"])
    assert task_view(tasks["2.g"]) == task_view(next(t for t in preview["tasks"] if t["label"] == "2.g"))


def test_plan_summary_names_what_did_not_match(tmp_path: Path) -> None:
    assert tdc("db", "upgrade", cwd=tmp_path).returncode == 0
    tdc("units", "import", str(units_csv(tmp_path / "u.csv", skip="Phòng Chuyển đổi số")), cwd=tmp_path)
    preview = run_json("import-plan", str(fixture_file(PLAN)), "--dry-run", cwd=tmp_path)
    assert preview["unmatched"] == ["Phòng Chuyển đổi số"]
    missing = next(m for m in preview["tasks"][9]["coordinators"] if m["written"] == "Phòng Chuyển đổi số")
    assert missing["status"] == "unmatched" and isinstance(missing["suggestions"], list)

    summary = tdc("import-plan", str(fixture_file(PLAN)), cwd=tmp_path)
    assert summary.returncode == 0, summary.stderr
    lines = summary.stdout.splitlines()
    assert "21 nhiệm vụ, 2 hạn báo cáo (tasks, deadlines)" in lines
    assert "  - Phòng Chuyển đổi số" in lines or any(x.startswith("  - Phòng Chuyển đổi số (") for x in lines)
    assert any(x.startswith("đã lưu: kế hoạch số 1 ") for x in lines)


def test_docx_gives_the_same_tasks_as_the_text(workdir: Path) -> None:
    text = fixture_file(PLAN).read_text(encoding="utf-8")
    word = docx_from_text(text, workdir / "ke-hoach.docx")
    from_text = run_json("import-plan", str(fixture_file(PLAN)), "--dry-run", cwd=workdir)
    from_word = run_json("import-plan", str(word), "--dry-run", cwd=workdir)
    assert len(from_word["tasks"]) == 21
    assert [task_view(t) for t in from_word["tasks"]] == [task_view(t) for t in from_text["tasks"]]
    assert [t["content"] for t in from_word["tasks"]] == [t["content"] for t in from_text["tasks"]]
    assert [d["due_at"] for d in from_word["deadlines"]] == ["2026-11-15T00:00", "2026-11-01T00:00"]
    stored = run_json("import-plan", str(word), cwd=workdir)
    assert stored["stored"]["tasks"] == 21 and counts(workdir)["task"] == 21


def one_line_failure(*args: str, cwd: Path) -> str:
    result = tdc(*args, cwd=cwd)
    assert result.returncode == 2, (args, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tdc-bot: "), result.stderr
    return lines[0]


def test_bad_files_are_one_line_errors(workdir: Path) -> None:
    (workdir / "bang.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (workdir / "hong.docx").write_bytes(b"PK\x03\x04 truncated zip")
    (workdir / "hong.pdf").write_bytes(b"%PDF-1.7\n garbage")
    (workdir / "rong.txt").write_bytes(b"")
    before = counts(workdir)
    assert "file not found" in one_line_failure("import-plan", str(workdir / "khong-co.docx"), cwd=workdir)
    assert "Chưa đọc được tệp .xlsx" in one_line_failure("import-plan", str(workdir / "bang.xlsx"), cwd=workdir)
    assert "Tệp .docx bị hỏng" in one_line_failure("import-plan", str(workdir / "hong.docx"), cwd=workdir)
    assert "Tệp .pdf bị hỏng" in one_line_failure("import-plan", str(workdir / "hong.pdf"), cwd=workdir)
    assert "Tệp trống" in one_line_failure("import-plan", str(workdir / "rong.txt"), cwd=workdir)
    # import-meeting reads files the same way; one missing and one damaged file show it does.
    assert "file not found" in one_line_failure("import-meeting", str(workdir / "khong-co.md"), cwd=workdir)
    assert "Tệp .pdf bị hỏng" in one_line_failure("import-meeting", str(workdir / "hong.pdf"), cwd=workdir)
    assert "no tasks found" in one_line_failure("import-plan", str(fixture_file(INVITATION)), cwd=workdir)
    assert counts(workdir) == before


def test_plan_imported_twice_is_refused(workdir: Path) -> None:
    assert tdc("import-plan", str(fixture_file(PLAN)), cwd=workdir).returncode == 0
    message = one_line_failure("import-plan", str(fixture_file(PLAN)), cwd=workdir)
    assert "đã được nhập" in message and "plan_exists" in message
    again = run_json("import-plan", str(fixture_file(PLAN)), "--dry-run", cwd=workdir)
    assert again["already_imported"] == 1
    assert counts(workdir)["task"] == 21


def test_database_not_migrated_is_a_one_line_error(tmp_path: Path) -> None:
    message = one_line_failure("import-plan", str(fixture_file(PLAN)), cwd=tmp_path)
    assert "tdc-bot db upgrade" in message


def test_meeting_letter_json_then_refused_the_second_time(workdir: Path) -> None:
    before = counts(workdir)
    preview = run_json("import-meeting", str(fixture_file(MEETING_PLAN)), "--dry-run", cwd=workdir)
    assert counts(workdir) == before
    assert preview["meeting"]["mode"] == "in_person" and preview["meeting"]["end"] == "2026-04-24T17:00"
    assert len(preview["agenda"]) == 10 and preview["agenda"][0]["time"] == "13h45-14h00"
    assert [d["due_at"] for d in preview["follow_ups"]] == ["2026-04-15T00:00"]
    assert preview["unmatched"] == ["Chi cục Tiêu chuẩn Đo lường Chất lượng"]

    found = run_json("import-meeting", str(fixture_file(INVITATION)), cwd=workdir)
    meeting = found["meeting"]
    assert (meeting["start"], meeting["mode"], meeting["tentative"]) == ("2026-05-28T14:00", "online", True)
    assert meeting["contact"]["phone"] == "0919422038" and meeting["contact"]["name"].endswith("Đoàn Minh Hải")
    assert found["registration"]["due_at"] == "2026-05-26T00:00"
    assert [(m["status"], m["group"], m["units"]) for m in found["invited"]] == [("group", "communes", 6)]
    assert found["stored"] == {"meeting_id": 1, "agenda": 4, "invited": 6, "deadlines": 0, "unresolved": []}
    after = counts(workdir)
    assert (after["meeting"], after["agendaitem"], after["meetingunit"]) == (1, 4, 6)

    message = one_line_failure("import-meeting", str(fixture_file(INVITATION)), cwd=workdir)
    assert "meeting_exists" in message and "id 1" in message
    summary = tdc("import-meeting", str(fixture_file(MEETING_PLAN)), cwd=workdir)
    assert summary.returncode == 0, summary.stderr
    assert "mời 0 đơn vị, chương trình 10 mục, 1 hạn sau họp" in summary.stdout
    assert "đã lưu: cuộc họp số 2 (stored)" in summary.stdout
