"""`tdc-bot member list|remove`, `invite list|revoke`, `person export|erase` on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.test_cli import tdc
from tests.unit.test_reminders_cli import _demo_db


def test_member_list_and_remove_then_invite_revoke(tmp_path: Path) -> None:
    _demo_db(tmp_path / "cli.db")
    listed = tdc("member", "list", "--unit", "Phuong Tran Bien", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "officer    Nguyễn Thị Lan  – Phường Trấn Biên" in listed.stdout
    member_id = listed.stdout.split()[0]
    removed = tdc("member", "remove", member_id, cwd=tmp_path)
    assert removed.returncode == 0 and "removed member" in removed.stdout, removed.stderr
    assert tdc("member", "list", "--unit", "Phuong Tran Bien", cwd=tmp_path).stdout.strip() == "no members"
    assert "(removed)" in tdc("member", "list", "--all", cwd=tmp_path).stdout
    again = tdc("member", "remove", member_id, cwd=tmp_path)
    assert again.returncode == 2 and "no such member" in again.stderr

    created = tdc("invite", "create", "--unit", "Xã Trảng Bom", "--role", "officer", cwd=tmp_path)
    invite_id = next(line.split(": ")[1] for line in created.stdout.splitlines() if line.startswith("id: "))
    assert f"{invite_id:>5}  officer" in tdc("invite", "list", cwd=tmp_path).stdout
    revoked = tdc("invite", "revoke", invite_id, cwd=tmp_path)
    assert revoked.returncode == 0 and "revoked invite" in revoked.stdout, revoked.stderr
    twice = tdc("invite", "revoke", invite_id, cwd=tmp_path)
    assert twice.returncode == 2 and "cannot be used any more" in twice.stderr
    assert tdc("invite", "list", "--unit", "Xã Trảng Bom", cwd=tmp_path).stdout.strip() == "no open invites"
    actions = tdc("audit", "list", cwd=tmp_path).stdout
    assert "invite.revoke" in actions and "member.remove" in actions


def test_person_export_then_erase_with_a_dry_run_first(tmp_path: Path) -> None:
    _demo_db(tmp_path / "cli.db")
    out = tmp_path / "lan.json"
    exported = tdc("person", "export", "--member", "1", "--out", str(out), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["members"][0]["full_name"] == "Nguyễn Thị Lan"
    assert data["channel_accounts"][0]["external_id"] == "demo-officer"
    dry = tdc("person", "erase", "--member", "1", cwd=tmp_path)
    assert dry.returncode == 2 and "would erase 1 member(s), 1 channel account(s)" in dry.stdout
    assert "Nguyễn Thị Lan" in tdc("member", "list", cwd=tmp_path).stdout  # the dry run changed nothing
    erased = tdc("person", "erase", "--member", "1", "--yes", cwd=tmp_path)
    assert erased.returncode == 0 and "erased 1 member(s)" in erased.stdout, erased.stderr
    assert "Nguyễn Thị Lan" not in tdc("member", "list", "--all", cwd=tmp_path).stdout
    after = json.loads(tdc("person", "export", "--member", "1", cwd=tmp_path).stdout)
    assert after["members"][0]["full_name"] == "Đã xoá" and after["channel_accounts"] == []
    assert tdc("person", "erase", cwd=tmp_path).returncode == 2
    bad = tdc("person", "export", "--phone", "12", cwd=tmp_path)
    assert bad.returncode == 2 and "not a phone number" in bad.stderr
    nobody = tdc("person", "export", "--phone", "0911111111", cwd=tmp_path)
    assert nobody.returncode == 2 and "no such person" in nobody.stderr
    audit = tdc("audit", "list", "--action", "person.", cwd=tmp_path).stdout
    assert "person.erase" in audit and "person.export" in audit and "Nguyễn" not in audit
