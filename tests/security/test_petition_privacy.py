"""Petitions are seen by organisers, the unit they are assigned to and the petitioning organisation
only: another enterprise, another unit, a reassigned unit see none of them (lists, "xem", /viec);
the assigned unit's notice carries no phone; every change and every look by someone other than the
petitioner is audited with ids and counts, never the content, a name or a phone. Both engines."""

from __future__ import annotations

import json

from sqlmodel import select

from handlers.petitions_view import may_see
from storage.members import identity_for
from storage.models import AuditEvent, ReminderOutbox
from storage.petitions import assign_petition, create_petition, petition_line
from storage.units import find_unit
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, make_runtime
from tests.flows.petitions_kit import ENT_A, ENT_B, VP, PetitionWorld, petition_world

SECRET = "Kiến nghị riêng về lô hàng cân nhập khẩu số 4471 của công ty"


async def _world_with_one(db: Db, clock: Clock) -> tuple[PetitionWorld, int]:
    world = await petition_world(db, clock)
    async with db.sessions() as s:
        petition = await create_petition(session=s, meeting_id=world.meeting_id, unit_id=world.unit_a,
                                         actor_id=world.ent_a, field="metrology", content=SECRET, file_ref=None,
                                         file_name=None, max_per_unit=5, now=clock())
        await s.commit()
        assert petition.id is not None
        return world, petition.id


async def test_who_may_see_a_petition(db: Db, clock: Clock) -> None:
    world, petition_id = await _world_with_one(db, clock)
    async with db.sessions() as s:
        await assign_petition(session=s, petition_id=petition_id, unit_id=world.vp_unit, due=None, actor_id=None,
                              now=clock())
        await s.commit()
        line = await petition_line(session=s, petition_id=petition_id)
        assert line is not None
        verdicts = {}
        for ext in (ENT_A, ENT_B, VP, "demo-organizer", "demo-officer", "demo-unit_head"):
            verdicts[ext] = may_see(await identity_for(session=s, channel="console", external_id=ext), line)
        assert verdicts == {ENT_A: True, ENT_B: False, VP: True, "demo-organizer": True, "demo-officer": False,
                            "demo-unit_head": False}
        assert not may_see(None, line)


async def test_lists_and_the_due_answer_show_only_ones_own(db: Db, clock: Clock) -> None:
    _world, petition_id = await _world_with_one(db, clock)
    runtime = make_runtime(db.sessions, clock)
    org = chat_as(runtime, "organizer")
    await org.say("/kiennghi")
    await org.say("xem 1")
    await org.press("Giao đơn vị")
    await org.say("văn phòng")
    await org.press("Mặc định")
    for ext in (ENT_B, "demo-officer"):
        other = chat_as(runtime, ext)
        for command in ("/kiennghi", "/viec"):
            assert "4471" not in await other.say(command), (ext, command)
            await other.say("/huy")
    vp = chat_as(runtime, VP)
    assert "4471" in await vp.say("/viec")
    await vp.say("/kiennghi")
    card = await vp.say("xem 1")
    assert SECRET in card and "0912000111" in card  # the assigned unit reaches the petitioner
    # Reassigned to another division: the first unit sees it no more.
    async with db.sessions() as s:
        other_unit = await find_unit(session=s, name="Phòng Chuyển đổi số")
        await assign_petition(session=s, petition_id=petition_id, unit_id=other_unit.id or 0, due=None,
                              actor_id=None, now=clock())
        await s.commit()
    assert "4471" not in await vp.say("/kiennghi") and "4471" not in await vp.say("/viec")
    async with db.sessions() as s:
        notices = (await s.exec(select(ReminderOutbox).where(ReminderOutbox.kind == "petition_assigned"))).all()
    assert notices and all("0912000111" not in (n.text or "") for n in notices)


async def test_changes_and_looks_are_audited_without_content_or_phones(db: Db, clock: Clock) -> None:
    world, _ = await _world_with_one(db, clock)
    runtime = make_runtime(db.sessions, clock)
    ent = chat_as(runtime, ENT_A)
    await ent.say("/kiennghi")
    await ent.say("xem 1")
    await ent.press("Sửa lĩnh vực")
    await ent.press("Chất lượng")
    org = chat_as(runtime, "organizer")
    await org.say("/kiennghi")
    await org.say("xem 1")
    await org.press("Đã trả lời tại hội nghị")
    await org.say("Sở đã giải đáp tại hội nghị.")
    refused = chat_as(runtime, ENT_B)
    assert "chỉ dành cho" in await refused.say("/hankiennghi")
    async with db.sessions() as s:
        events = (await s.exec(select(AuditEvent).order_by(AuditEvent.id))).all()
    mine = [(e.actor_id, e.action) for e in events if e.action.startswith(("petition.", "access."))]
    assert (world.ent_a, "petition.create") in mine and (world.ent_a, "petition.edit") in mine
    assert (world.ent_b, "access.refused") in mine
    organiser = next(e.actor_id for e in events if e.action == "petition.answer")
    assert [a for who, a in mine if who == organiser] == ["petition.view", "petition.view", "petition.answer"]
    assert all(who != world.ent_a or action != "petition.view" for who, action in mine)  # one's own is not a "look"
    dumped = json.dumps([e.detail for e in events], ensure_ascii=False)
    assert "4471" not in dumped and "0912000111" not in dumped and "Phạm Văn Cân" not in dumped
