"""The petition world: the demo's meeting, two enterprises registered for it (their contact people
are members, as the open registration makes them), and an officer in the Văn phòng Sở to assign to."""

from __future__ import annotations

from dataclasses import dataclass

from domain.attendees import AttendeeDraft
from storage.members import add_member
from storage.models import MeetingUnit, saved_id
from storage.registrations import save_registration
from storage.units import UnitRow, find_unit, upsert_units
from tests.conftest import Clock, Db
from tests.flows.harness import demo_world

ENT_A, ENT_B, VP = "ent-a", "ent-b", "vp-officer"
COMPANY_A, COMPANY_B = "Công ty TNHH Cân Điện tử Hải Phòng", "Công ty CP Thực phẩm Đồ Sơn"


@dataclass(frozen=True)
class PetitionWorld:
    meeting_id: int
    ent_a: int  # member ids
    ent_b: int
    vp: int
    unit_a: int
    unit_b: int
    vp_unit: int


async def petition_world(db: Db, clock: Clock) -> PetitionWorld:
    ids = await demo_world(db, clock)
    meeting_id = ids["meeting"]
    async with db.sessions() as session:
        await upsert_units(session=session, rows=[UnitRow("enterprise", COMPANY_A, (), None),
                                                  UnitRow("enterprise", COMPANY_B, (), None)])
        members = []
        for name, ext, person, phone in ((COMPANY_A, ENT_A, "Phạm Văn Cân", "0912000111"),
                                         (COMPANY_B, ENT_B, "Vũ Thị Sơn", "0912000222")):
            unit = await find_unit(session=session, name=name)
            session.add(MeetingUnit(meeting_id=meeting_id, unit_id=saved_id(unit)))
            ident = await add_member(session=session, unit_id=saved_id(unit), full_name=person, role="officer",
                                     channel="console", external_id=ext, phone=phone)
            await save_registration(session=session, meeting_id=meeting_id, unit_id=saved_id(unit),
                                    attendees=[AttendeeDraft(person, "Giám đốc", phone, None, True)],
                                    based_on_version=None, actor_id=ident.member_id, now=clock())
            members.append(ident)
        office = await find_unit(session=session, name="Văn phòng Sở")
        vp = await add_member(session=session, unit_id=saved_id(office), full_name="Ngô Văn Phòng", role="officer",
                              channel="console", external_id=VP, phone="0912000333")
        await session.commit()
    a, b = members
    return PetitionWorld(meeting_id, a.member_id, b.member_id, vp.member_id, a.unit_id, b.unit_id, vp.unit_id)
