"""`tdc-bot deadline create|edit|cancel|list|status` on a real SQLite file: due words read (a
deadline's last day said back), groups expanded, typos and past dates refused with exit 2 and
nothing stored, a cancelled deadline no longer listed nor changeable, who submitted shown."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path

from storage.engine import make_async_engine, session_factory
from storage.plans import submit_report
from tests.conftest import TZ
from tests.unit.test_cli import tdc
from tests.unit.test_reminders_cli import _demo_db

NEXT = datetime.now(TZ).year + 1  # the CLI reads its dates at the real now: always a future year


def _submit(path: Path, deadline_id: int, unit_id: int) -> None:
    async def go() -> None:
        engine = make_async_engine(f"sqlite:///{path}")
        async with session_factory(engine)() as s:
            await submit_report(session=s, deadline_id=deadline_id, unit_id=unit_id, note="báo cáo", file_ref=None,
                                actor_id=1, now=datetime.now(TZ))
            await s.commit()
        await engine.dispose()

    asyncio.run(go())


def test_create_for_all_communes_then_list_status_edit_and_cancel(tmp_path: Path) -> None:
    _demo_db(tmp_path / "cli.db")
    made = tdc("deadline", "create", "--what", f"Báo cáo kết quả năm {NEXT - 1}", "--due", f"trước ngày 15/12/{NEXT}",
               "--owed-by", "all-communes", "--to", "Phòng TĐC", "--json", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    payload = json.loads(made.stdout)
    assert payload["owed"] == 6 and payload["groups"] == ["communes"] and payload["due"]["last_day"] == f"14/12/{NEXT}"
    assert payload["to"] == "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng" and payload["recurrence"] is None
    deadline_id = payload["id"]
    listed = json.loads(tdc("deadline", "list", "--json", cwd=tmp_path).stdout)
    mine = next(x for x in listed if x["id"] == deadline_id)
    assert (mine["source"], mine["owed"], mine["submitted"]) == ("manual", 6, 0)

    unit_id = next(u["id"] for u in payload["owed_units"] if u["name"] == "Phường Trấn Biên")
    _submit(tmp_path / "cli.db", deadline_id, unit_id)
    status = tdc("deadline", "status", str(deadline_id), cwd=tmp_path)
    assert status.returncode == 0 and "1/6 submitted" in status.stdout, status.stderr
    assert "submitted  Phường Trấn Biên" in status.stdout and "waiting    Xã Long Thành" in status.stdout

    edited = tdc("deadline", "edit", str(deadline_id), "--due", f"chậm nhất ngày 20/12/{NEXT}", cwd=tmp_path)
    assert edited.returncode == 0 and f"last day 20/12/{NEXT}" in edited.stdout, edited.stderr
    assert tdc("deadline", "edit", str(deadline_id), cwd=tmp_path).returncode == 2  # nothing to change

    cancelled = tdc("deadline", "cancel", str(deadline_id), cwd=tmp_path)
    assert cancelled.returncode == 0 and "cancelled" in cancelled.stdout, cancelled.stderr
    listed_ids = {line.split()[0] for line in tdc("deadline", "list", cwd=tmp_path).stdout.splitlines()}
    assert str(deadline_id) not in listed_ids
    assert "(cancelled)" in tdc("deadline", "list", "--all", cwd=tmp_path).stdout
    again = tdc("deadline", "cancel", str(deadline_id), cwd=tmp_path)
    assert again.returncode == 2 and "is cancelled" in again.stderr
    missing = tdc("deadline", "edit", "999", "--what", "x", cwd=tmp_path)
    assert missing.returncode == 2 and "no deadline 999" in missing.stderr
    assert "deadline.cancel" in tdc("audit", "list", cwd=tmp_path).stdout


def test_bad_due_words_past_dates_and_unknown_units_are_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    _demo_db(tmp_path / "cli.db")
    before = tdc("deadline", "list", cwd=tmp_path).stdout
    cases = [
        (["--due", "thường xuyên", "--owed-by", "all-communes"], "gives no date"),
        (["--due", "sau khi họp 3 ngày", "--owed-by", "all-communes"], "gives no date"),
        (["--due", "31/4/" + str(NEXT), "--owed-by", "all-communes"], "cannot read a due date"),
        (["--due", "trước ngày 1/1/2020", "--owed-by", "all-communes"], "already past (last day 31/12/2019)"),
        (["--due", f"trước ngày 1/3/{NEXT}", "--owed-by", "Phường Tran Bin"], "closest: Phường Trấn Biên"),
        (["--due", f"trước ngày 1/3/{NEXT}", "--owed-by", "all-communes", "--to", "Công ty ABC"], "--to"),
        (["--due", f"17h00 ngày 1/3/{NEXT}", "--owed-by", "all-communes", "--every", "year"], "without a time"),
    ]
    for extra, said in cases:
        result = tdc("deadline", "create", "--what", "Báo cáo", *extra, cwd=tmp_path)
        assert result.returncode == 2 and said in result.stderr, (extra, result.stderr)
        assert "Traceback" not in result.stderr
    dry = tdc("deadline", "create", "--what", "Báo cáo", "--due", f"trước ngày 1/3/{NEXT}", "--owed-by",
              "Xã Long Thành", "--owed-by", "all-divisions", "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0 and "dry run (nothing stored)" in dry.stdout and "owed by 6 units" in dry.stdout
    assert tdc("deadline", "list", cwd=tmp_path).stdout == before


def test_a_recurring_deadline_by_unit_id(tmp_path: Path) -> None:
    _demo_db(tmp_path / "cli.db")
    units = tdc("units", "list", cwd=tmp_path).stdout.splitlines()
    unit_id = next(line.split()[0] for line in units if line.endswith("Xã Nhơn Trạch"))
    made = json.loads(tdc("deadline", "create", "--what", "Báo cáo quý", "--due", f"chậm nhất ngày 15/3/{NEXT}",
                          "--owed-by", unit_id, "--every", "quarter", "--json", cwd=tmp_path).stdout)
    assert made["owed_units"] == [{"id": int(unit_id), "name": "Xã Nhơn Trạch"}]
    assert made["recurrence"] == {"every": "quarter", "day": 15, "month": 3, "inclusive": True,
                                  "text": f"chậm nhất ngày 15/3/{NEXT}, hằng quý"}
    assert "(recurring)" in tdc("deadline", "list", cwd=tmp_path).stdout
