"""Petition storage on SQLite and PostgreSQL: numbers per meeting (also when two are saved at once),
the cutoff (the registration's unless set), the cap, corrections by the own organisation only, the
moves between states, and what waits for a unit."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from domain.errors import InvalidInput, NotAllowed, NotFound
from storage.models import AuditEvent, Meeting
from storage.petitions import (
    answer_petition,
    assign_petition,
    assigned_petitions,
    create_petition,
    edit_petition,
    meeting_petitions,
    open_for_unit,
    petition_cutoff,
    set_petition_cutoff,
    unit_petitions,
    waiting_petitions,
)
from tests.conftest import TZ, Clock, Db
from tests.flows.petitions_kit import PetitionWorld, petition_world

TEXT = "Đề nghị hướng dẫn hồ sơ công bố hợp quy sản phẩm thép"


async def _new(db: Db, world: PetitionWorld, now: datetime, unit: str = "a", cap: int = 10, field: str = "quality"):  # type: ignore[no-untyped-def]
    unit_id, member = (world.unit_a, world.ent_a) if unit == "a" else (world.unit_b, world.ent_b)
    async with db.sessions() as s:
        petition = await create_petition(session=s, meeting_id=world.meeting_id, unit_id=unit_id, actor_id=member,
                                         field=field, content=TEXT, file_ref=None, file_name=None, max_per_unit=cap,
                                         now=now)
        await s.commit()
        return petition


async def test_numbers_run_per_meeting_across_organisations_even_at_once(db: Db, clock: Clock) -> None:
    world = await petition_world(db, clock)
    first = await _new(db, world, clock())
    together = await asyncio.gather(_new(db, world, clock(), "b"), _new(db, world, clock(), "a"))
    assert first.number == 1 and sorted(p.number for p in together) == [2, 3]
    async with db.sessions() as s:
        lines = await meeting_petitions(session=s, meeting_id=world.meeting_id)
        assert [ln.petition.number for ln in lines] == [1, 2, 3]
        assert {ln.unit.kind for ln in lines} == {"enterprise"}
        own = await unit_petitions(session=s, unit_id=world.unit_b)
        assert [ln.petition.unit_id for ln in own] == [world.unit_b]
        assert [e.action for e in (await s.exec(select(AuditEvent).where(
            AuditEvent.action == "petition.create"))).all()] == ["petition.create"] * 3
        assert all(TEXT not in str(e.detail) for e in (await s.exec(select(AuditEvent))).all())


async def test_the_cutoff_is_the_registration_cutoff_unless_the_organiser_sets_one(db: Db, clock: Clock) -> None:
    world = await petition_world(db, clock)
    async with db.sessions() as s:
        meeting = await s.get(Meeting, world.meeting_id)
        assert meeting is not None and meeting.registration_cutoff is not None
        assert await petition_cutoff(session=s, meeting=meeting) == meeting.registration_cutoff
        later = meeting.registration_cutoff + timedelta(days=2)
        await set_petition_cutoff(session=s, meeting_id=world.meeting_id, cutoff=later, actor_id=None, now=clock())
        await s.commit()
        assert await petition_cutoff(session=s, meeting=meeting) == later
    clock.now = later - timedelta(hours=1)  # past the registration cutoff, before the petition cutoff
    assert (await _new(db, world, clock())).number == 1
    clock.now = later
    with pytest.raises(NotAllowed) as closed:
        await _new(db, world, clock())
    assert closed.value.code == "petition_closed"
    async with db.sessions() as s:
        assert await open_for_unit(session=s, unit_id=world.unit_a, now=clock()) == []


async def test_the_cap_a_unit_not_registered_and_bad_text_are_refused(db: Db, clock: Clock) -> None:
    world = await petition_world(db, clock)
    await _new(db, world, clock(), cap=1)
    with pytest.raises(NotAllowed) as capped:
        await _new(db, world, clock(), cap=1)
    assert capped.value.code == "petition_cap"
    async with db.sessions() as s:
        with pytest.raises(NotAllowed) as stranger:
            await create_petition(session=s, meeting_id=world.meeting_id, unit_id=world.vp_unit, actor_id=world.vp,
                                  field="other", content=TEXT, file_ref=None, file_name=None, max_per_unit=5,
                                  now=clock())
        assert stranger.value.code == "petition_not_registered"
        for field, content, code in (("nope", TEXT, "petition_field"), ("other", "ngắn", "petition_too_short")):
            with pytest.raises(InvalidInput) as bad:
                await create_petition(session=s, meeting_id=world.meeting_id, unit_id=world.unit_a,
                                      actor_id=world.ent_a, field=field, content=content, file_ref=None,
                                      file_name=None, max_per_unit=5, now=clock())
            assert bad.value.code == code


async def test_only_the_own_organisation_corrects_and_only_before_an_answer(db: Db, clock: Clock) -> None:
    world = await petition_world(db, clock)
    petition = await _new(db, world, clock())
    async with db.sessions() as s:
        with pytest.raises(NotFound):
            await edit_petition(session=s, petition_id=petition.id, unit_id=world.unit_b, actor_id=world.ent_b,
                                content=TEXT + " (sửa bởi người khác)", now=clock())
        edited = await edit_petition(session=s, petition_id=petition.id, unit_id=world.unit_a, actor_id=world.ent_a,
                                     field="metrology", now=clock())
        assert (edited.field, edited.version, edited.content) == ("metrology", 2, TEXT)
        await answer_petition(session=s, petition_id=petition.id, state="answered_in_writing", answer="Đã trả lời.",
                              file_name=None, file_data=None, actor_id=None, now=clock())
        with pytest.raises(NotAllowed) as answered:
            await edit_petition(session=s, petition_id=petition.id, unit_id=world.unit_a, actor_id=world.ent_a,
                                content=TEXT + " bổ sung", now=clock())
        assert answered.value.code == "petition_answered"


async def test_moves_between_states_and_what_waits_for_a_unit(db: Db, clock: Clock) -> None:
    world = await petition_world(db, clock)
    petition = await _new(db, world, clock())
    due = datetime(2026, 6, 4, tzinfo=TZ)
    async with db.sessions() as s:
        await assign_petition(session=s, petition_id=petition.id, unit_id=world.vp_unit, due=due, actor_id=None,
                              now=clock())
        await s.commit()
        assert [p.id for p in await waiting_petitions(session=s, now=clock())] == [petition.id]
        assert [ln.petition.id for ln in await assigned_petitions(session=s, unit_id=world.vp_unit,
                                                                  waiting_only=True)] == [petition.id]
        assert await assigned_petitions(session=s, unit_id=world.unit_b) == []
        with pytest.raises(InvalidInput):
            await answer_petition(session=s, petition_id=petition.id, state="out_of_scope", answer=" ",
                                  file_name=None, file_data=None, actor_id=None, now=clock())
        await answer_petition(session=s, petition_id=petition.id, state="out_of_scope",
                              answer="Kiến nghị của công dân", file_name=None, file_data=None, actor_id=None,
                              now=clock())
        with pytest.raises(NotAllowed):  # out of scope cannot become "answered" without being assigned again
            await answer_petition(session=s, petition_id=petition.id, state="answered_in_writing", answer="x",
                                  file_name=None, file_data=None, actor_id=None, now=clock())
        await s.commit()
        assert await waiting_petitions(session=s, now=clock()) == []
        again = await assign_petition(session=s, petition_id=petition.id, unit_id=world.vp_unit, due=due,
                                      actor_id=None, now=clock())
        assert again.state == "assigned"
        await answer_petition(session=s, petition_id=petition.id, state="answered_at_conference", answer="",
                              file_name="tra-loi.pdf", file_data=b"%PDF", actor_id=None, now=clock())
        await s.commit()
        [line] = await meeting_petitions(session=s, meeting_id=world.meeting_id, state="answered_at_conference")
        assert line.petition.answer_file == b"%PDF" and line.handler is not None and line.handler.id == world.vp_unit
        assert await meeting_petitions(session=s, meeting_id=world.meeting_id, field="metrology") == []


async def test_an_enterprise_registered_by_its_link_petitions_before_it_lists_attendees(db: Db, clock: Clock) -> None:
    """The public link stores the organisation for the meeting; its attendee list may come later, and
    its petitions need not wait for it. An organisation that is neither may not petition."""
    from storage.models import Attendee, Registration, Unit

    world = await petition_world(db, clock)
    async with db.sessions() as s:  # the attendee list withdrawn: only the link's registration is left
        for registration in (await s.exec(select(Registration).where(Registration.unit_id == world.unit_a))).all():
            for attendee in (await s.exec(select(Attendee).where(Attendee.registration_id == registration.id))).all():
                await s.delete(attendee)
            await s.flush()
            await s.delete(registration)
        unit = await s.get(Unit, world.unit_a)
        assert unit is not None
        unit.self_registered, unit.registered_meeting_id = True, world.meeting_id
        s.add(unit)
        await s.commit()
    assert [m.id for m, _ in await _open(db, world.unit_a, clock())] == [world.meeting_id]
    assert (await _new(db, world, clock())).number == 1
    async with db.sessions() as s:
        unit = await s.get(Unit, world.unit_a)
        assert unit is not None
        unit.registered_meeting_id = None
        s.add(unit)
        await s.commit()
    with pytest.raises(NotAllowed):
        await _new(db, world, clock())


async def _open(db: Db, unit_id: int, now: datetime) -> list[tuple[Meeting, datetime | None]]:
    async with db.sessions() as s:
        return await open_for_unit(session=s, unit_id=unit_id, now=now)
