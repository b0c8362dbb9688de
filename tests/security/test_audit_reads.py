"""The audit records who saw or took personal data: roster views, /chuadangky, exports in chat and
on the command line, and refused attempts (a member trying an organiser's action, by command or in
plain words). Chat on both engines; the command line on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import select

from storage.models import AuditEvent
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime, register
from tests.unit.test_cli import tdc
from tests.unit.test_reminders_cli import _demo_db

AN = ("Nguyễn Văn An", "Phó Chủ tịch UBND phường", "0919.422.038")


async def _events(db: Db) -> list[tuple[int | None, str, str | None]]:
    async with db.sessions() as s:
        rows = (await s.exec(select(AuditEvent).order_by(AuditEvent.id))).all()
    return [(e.actor_id, e.action, e.subject) for e in rows]


async def test_roster_missing_and_export_in_chat_are_recorded_with_who(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    await register(chat_as(runtime, "officer"), [AN])
    organiser = chat_as(runtime, "organizer")
    meeting = ids["meeting"]
    assert "Đã đăng ký: 1/6" in await organiser.say(f"/danhsach {meeting}")
    assert "chưa đăng ký" in await organiser.say(f"/chuadangky {meeting}")
    await organiser.say(f"/xuat {meeting}")
    assert organiser.last[0].file is not None
    await organiser.say("/xuat")
    await organiser.press("📑")  # the plan's status table
    seen = [e for e in await _events(db) if e[1].startswith(("roster.", "missing.", "export."))]
    assert seen == [(ids["organizer"], "roster.view", f"meeting:{meeting}"),
                    (ids["organizer"], "missing.view", f"meeting:{meeting}"),
                    (ids["organizer"], "export.registrations", f"meeting:{meeting}"),
                    (ids["organizer"], "export.tasks", f"plan:{ids['plan']}")]


async def test_refused_attempts_are_recorded_by_command_and_in_plain_words(db: Db, clock: Clock) -> None:
    ids = await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    officer = chat_as(runtime, "officer")
    assert "chỉ dành cho" in await officer.say("/danhsach")
    assert "chỉ dành cho" in await officer.say("/export")
    assert "chỉ dành cho" in await officer.say("xuất excel danh sách đăng ký")
    assert "chỉ dành cho" in await chat_as(runtime, "stranger").say("/chuadangky")
    refused = [e for e in await _events(db) if e[1] == "access.refused"]
    assert refused[:2] == [(ids["officer"], "access.refused", "command:danhsach"),
                           (ids["officer"], "access.refused", "command:xuat")]
    assert refused[2][0] == ids["officer"] and (refused[2][2] or "").startswith("intent:")
    assert refused[3] == (None, "access.refused", "command:chuadangky")
    async with db.sessions() as s:
        stranger = (await s.exec(select(AuditEvent).where(AuditEvent.subject == "command:chuadangky"))).one()
    assert stranger.detail["role"] == "guest" and "stranger" not in json.dumps(stranger.detail)


def test_cli_exports_are_recorded_and_audit_list_filters(tmp_path: Path) -> None:
    _demo_db(tmp_path / "cli.db")
    out = tmp_path / "ds.xlsx"
    assert tdc("export", "registrations", "--meeting", "1", "--out", str(out), cwd=tmp_path).returncode == 0
    listed = tdc("audit", "list", "--action", "export", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["actor"], r["action"], r["subject"], r["detail"]) for r in rows] == [
        (None, "export.registrations", "meeting:1", {"via": "cli"})]
    assert "export.registrations" in tdc("audit", "list", "--since", "2000-01-01", cwd=tmp_path).stdout
    assert tdc("audit", "list", "--until", "2000-01-01", cwd=tmp_path).stdout.strip() == "no events"
    assert tdc("audit", "list", "--since", "yesterday", cwd=tmp_path).returncode == 2

