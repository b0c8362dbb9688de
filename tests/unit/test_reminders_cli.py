"""`tdc-bot reminders plan|status|dispatch` on a real SQLite file: what would go out, counts, and the
refusal of a second process on the same file."""

from __future__ import annotations

import asyncio
import fcntl
from datetime import datetime
from pathlib import Path

from bot.demo import load_demo_data
from storage.engine import make_async_engine, session_factory
from storage.migrate import upgrade
from tests.conftest import TZ
from tests.unit.test_cli import tdc

TOKEN = "123456789:" + "A" * 35


def _demo_db(path: Path) -> None:
    url = f"sqlite:///{path}"
    upgrade(url)

    async def fill() -> None:
        engine = make_async_engine(url)
        async with session_factory(engine)() as session:
            await load_demo_data(session=session, now=datetime.now(TZ))
            await session.commit()
        await engine.dispose()

    asyncio.run(fill())


def test_plan_prints_who_gets_what_and_when_and_sends_nothing(tmp_path: Path) -> None:
    _demo_db(tmp_path / "cli.db")
    plan = tdc("reminders", "plan", "--days", "14", "--text", cwd=tmp_path)
    assert plan.returncode == 0, plan.stderr
    assert "cutoff" in plan.stdout and "Nguyễn Thị Lan (Phường Trấn Biên; console)" in plan.stdout
    assert "👉 Gõ /dangky để đăng ký." in plan.stdout  # --text shows the message as it would read
    assert "nothing was sent" in plan.stdout.splitlines()[-1]
    status = tdc("reminders", "status", cwd=tmp_path)
    assert status.returncode == 0 and status.stdout.startswith("outbox: empty")  # plan wrote nothing


def test_status_counts_per_meeting_after_an_update(tmp_path: Path) -> None:
    _demo_db(tmp_path / "cli.db")
    update = tdc("meeting", "update", "1", "--start", "9h00 ngày 2/3/2031", cwd=tmp_path)
    assert update.returncode == 0, update.stderr
    assert "2 people of 6 units" in update.stdout
    status = tdc("reminders", "status", cwd=tmp_path)
    assert "outbox: pending 2" in status.stdout and "Hội nghị số 1" in status.stdout


def test_a_second_process_on_the_same_sqlite_file_is_refused(tmp_path: Path) -> None:
    _demo_db(tmp_path / "cli.db")
    with open(tmp_path / "cli.db.lock", "a+") as held:  # another tdc-bot holds the file
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("4242")
        held.flush()
        refused = tdc("reminders", "dispatch", cwd=tmp_path, env={"TDC_TELEGRAM_TOKEN": TOKEN})
    assert refused.returncode == 2
    assert "another tdc-bot process (pid 4242) is already running" in refused.stderr
    assert "use PostgreSQL to run two workers" in refused.stderr


def test_the_demo_clock_brings_reminders_due_and_prints_them_as_they_arrive(tmp_path: Path) -> None:
    steps = "".join("/demo-clock +3h\n" for _ in range(8 * 7))  # a week in three-hour steps
    shown = tdc("demo", "--as", "organizer", "--db", str(tmp_path / "demo.db"), cwd=tmp_path,
                stdin="/nhacviec\n" + steps + "/nhacviec\n")
    assert shown.returncode == 0, shown.stderr
    assert "🔔 Nhắc việc: 6 tin chờ gửi, 0 tin đã gửi" in shown.stdout  # planned at start, nothing sent yet
    assert "🔔 ── tin nhắn đến Nguyễn Thị Lan ──\n⏰ Nhắc đăng ký tham dự" in shown.stdout
    assert "🔔 ── tin nhắn đến Trần Văn Bình ──" in shown.stdout
    assert "🕰 Đồng hồ chạy thử:" in shown.stdout and "✅ đã gửi" in shown.stdout.rsplit("» /nhacviec", 1)[1]
