"""`tdc-bot meeting update ID --open-registration / --close-registration` and `tdc-bot units merge`,
run as real processes on a temporary SQLite database."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from sqlmodel import select

from domain.open_registration import EnterpriseDetails
from storage.engine import make_async_engine, session_factory
from storage.models import Meeting, MeetingUnit, Member, Unit
from storage.open_registration import register_enterprise
from tests.conftest import TZ
from tests.unit.test_cli import tdc

UNITS = ("kind,name,short_names,parent\ncommune,Xã Long Thành,,\n"
         "enterprise,Công ty Cổ phần Bình Minh,Bình Minh,\n")


def _world(tmp_path: Path) -> None:
    csv = tmp_path / "units.csv"
    csv.write_text(UNITS, encoding="utf-8")
    assert tdc("db", "upgrade", cwd=tmp_path).returncode == 0
    assert tdc("units", "import", str(csv), cwd=tmp_path).returncode == 0
    made = tdc("meeting", "create", "--title", "Hội nghị đối thoại doanh nghiệp", "--start", "2099-12-10T14:00",
               "--cutoff", "2099-12-07T00:00", cwd=tmp_path)
    assert made.returncode == 0, made.stderr


def test_open_and_close_the_public_link(tmp_path: Path) -> None:
    _world(tmp_path)
    opened = tdc("meeting", "update", "1", "--open-registration", "--cap", "5", cwd=tmp_path)
    assert opened.returncode == 0, opened.stderr
    assert "at most 5 organisations" in opened.stdout
    link = re.search(r"telegram: https://t\.me/<bot_username>\?start=(dk_[A-Za-z0-9_-]{22})$", opened.stdout, re.M)
    code = re.search(r"^zalo code: (DN-[A-Z0-9]{7})$", opened.stdout, re.M)
    assert link and code, opened.stdout
    again = tdc("meeting", "update", "1", "--open-registration", cwd=tmp_path)  # the default cap, the same codes
    assert link.group(1) in again.stdout and code.group(1) in again.stdout and "at most 150" in again.stdout
    closed = tdc("meeting", "update", "1", "--close-registration", cwd=tmp_path)
    assert closed.returncode == 0 and "public registration closed (0 organisations" in closed.stdout
    both = tdc("meeting", "update", "1", "--open-registration", "--close-registration", cwd=tmp_path)
    assert both.returncode == 2 and "not both" in both.stdout
    bad = tdc("meeting", "update", "1", "--open-registration", "--cap", "0", cwd=tmp_path)
    assert bad.returncode == 2 and "--cap" in bad.stdout
    missing = tdc("meeting", "update", "9", "--open-registration", cwd=tmp_path)
    assert missing.returncode == 2 and "no such meeting" in missing.stderr and "Traceback" not in missing.stderr
    never = tdc("meeting", "create", "--title", "Khác", "--start", "2099-12-10T14:00", "--cutoff", "2099-12-07T00:00",
                cwd=tmp_path)
    assert never.returncode == 0
    refused = tdc("meeting", "update", "2", "--close-registration", cwd=tmp_path)
    assert refused.returncode == 2 and "no public registration link" in refused.stderr


async def _self_register(url: str) -> int:
    engine = make_async_engine(url)
    try:
        async with session_factory(engine)() as s:
            meeting = (await s.exec(select(Meeting))).first()
            assert meeting is not None and meeting.id is not None
            from datetime import datetime

            ident = await register_enterprise(
                session=s, meeting_id=meeting.id, channel="telegram", external_id="42", chat_id="42",
                now=datetime(2026, 12, 1, 9, 0, tzinfo=TZ),
                details=EnterpriseDetails("CP Bình Minh", "0300588569", "Số 3 đường Ba Tháng Hai", "Trần Thị Hoa",
                                          "0912345678"))
            await s.commit()
            return ident.unit_id
    finally:
        await engine.dispose()


async def _after_merge(url: str, target: int) -> tuple[Unit | None, list[int], list[int]]:
    engine = make_async_engine(url)
    try:
        async with session_factory(engine)() as s:
            unit = await s.get(Unit, target)
            members = [m.unit_id for m in (await s.exec(select(Member))).all()]
            invited = [row.unit_id for row in (await s.exec(select(MeetingUnit))).all()]
            return unit, members, invited
    finally:
        await engine.dispose()


def test_units_merge_moves_the_enterprise_into_the_directory(tmp_path: Path) -> None:
    _world(tmp_path)
    assert tdc("meeting", "update", "1", "--open-registration", cwd=tmp_path).returncode == 0
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    source = asyncio.run(_self_register(url))
    listing = tdc("units", "list", "--kind", "enterprise", cwd=tmp_path).stdout
    assert "CP Bình Minh  [self-registered]" in listing
    target = int(next(line.split()[0] for line in listing.splitlines() if "Công ty Cổ phần Bình Minh" in line))
    wrong_way = tdc("units", "merge", str(target), str(source), cwd=tmp_path)
    assert wrong_way.returncode == 2 and "self-registered" in wrong_way.stderr
    merged = tdc("units", "merge", str(source), str(target), cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr
    assert "member 1" in merged.stdout and "meetingunit 1" in merged.stdout
    unit, members, invited = asyncio.run(_after_merge(url, target))
    assert unit is not None and unit.name == "Công ty Cổ phần Bình Minh" and unit.tax_code == "0300588569"
    assert unit.contact_phone == "0912345678" and not unit.self_registered
    assert members == [target] and target in invited and source not in invited
    assert "self-registered" not in tdc("units", "list", cwd=tmp_path).stdout
    assert tdc("units", "merge", "--help", cwd=tmp_path).returncode == 0
