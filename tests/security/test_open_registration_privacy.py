"""Open registration by link (issue 15) keeps an enterprise's data to those who need it: its tax
code, contact and phone reach organisers and its own registrant only; a second chat giving the
same tax code learns nothing of the first; audit rows say who saw or changed what, never the
values; wrong public codes count towards the guess limit like invites. Both engines."""

from __future__ import annotations

import re

from sqlmodel import select

from storage.models import AuditEvent
from tests.conftest import Clock, Db
from tests.flows.harness import Chat, chat_as, demo_world, make_runtime

TAX, PHONE, CONTACT = "0101248141", "0912345678", "Trần Thị Hoa"
ORG = ("Công ty TNHH Cơ khí An Phát", TAX, "Số 12 đường Lê Lợi, phường Trấn Biên", CONTACT, PHONE)


async def _open(organiser: Chat) -> tuple[str, str]:
    await organiser.say("/dangkymo")
    text = await organiser.press("Mở đăng ký")
    link = re.search(r"\?start=(dk_[A-Za-z0-9_-]{22})", text)
    code = re.search(r"\bDN-[A-Z0-9]{7}\b", text)
    assert link and code, text
    return link.group(1), code.group(0)


async def _register(chat: Chat, first: str, org: tuple[str, ...] = ORG) -> str:
    await chat.say(first)
    for value in org:
        await chat.say(value)
    return await chat.press("Gửi đăng ký")


async def test_tax_codes_and_phones_reach_organisers_and_the_registrant_only(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    organiser = chat_as(runtime, "organizer")
    link, code = await _open(organiser)
    firm = chat_as(runtime, "firm-1")
    await _register(firm, f"/start {link}")
    await firm.say("/huy")
    own = await firm.say("/doanhnghiep")
    assert TAX in own and PHONE in own  # the registrant sees its own
    # A second chat with the same tax code: refused, and nothing of the first shows.
    other = chat_as(runtime, "firm-2")
    refused = await _register(other, code, ("Công ty Giả Danh", TAX, "Số 1 đường Võ Thị Sáu", "Lê Văn Tám",
                                            "0987654321"))
    assert "đã được một tài khoản khác đăng ký" in refused
    for secret in (ORG[0], ORG[2], CONTACT, PHONE):
        assert all(secret not in r.text for r in other.last), secret
    # Nobody but an organiser gets the list: the commune officer, the other chat, a stranger.
    for persona in ("officer", "firm-2", "stranger"):
        chat = chat_as(runtime, persona)
        answer = await chat.say("/dangkymo")
        assert TAX not in answer and PHONE not in answer, persona
        await chat.say("/huy")
    await organiser.say("/dangkymo")
    listed = await organiser.press("Doanh nghiệp đã đăng ký")
    assert TAX in listed and PHONE in listed and CONTACT in listed
    async with db.sessions() as s:
        events = (await s.exec(select(AuditEvent).order_by(AuditEvent.id))).all()
    actions = [e.action for e in events]
    assert "open_registration.open" in actions and "enterprise.register" in actions
    assert "open_registration.tax_code_taken" in actions and "open_registration.view" in actions
    assert actions.count("access.refused") >= 3  # officer, second chat's member, stranger trying /dangkymo
    for event in events:  # ids and counts, never the values
        text = f"{event.subject} {event.detail}"
        assert TAX not in text and PHONE not in text and CONTACT not in text and link not in text, event


async def test_wrong_public_codes_count_towards_the_guess_limit(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    link, code = await _open(chat_as(runtime, "organizer"))
    guesser = chat_as(runtime, "guesser")
    for attempt in ("DN-ABCD234", f"/start dk_{'A' * 22}", "DN-ABCD236", "dn abcd237", "DN-ABCD238"):
        assert "Mã đăng ký không đúng" in await guesser.say(attempt), attempt
    assert "phút" in await guesser.say(code)  # locked out, even with the right code
    assert "phút" in await guesser.say(f"/start {link}")
    assert "Tên doanh nghiệp" not in guesser.text
    clock.advance(minutes=16)
    assert "Tên doanh nghiệp" in await guesser.say(code)
    async with db.sessions() as s:
        failed = (await s.exec(select(AuditEvent).where(AuditEvent.action == "invite.guess_failed"))).all()
    assert len(failed) == 5 and all("guesser:" in (e.subject or "") for e in failed)


async def test_the_contact_person_is_in_their_export_and_is_erased_on_request(db: Db, clock: Clock) -> None:
    from storage.models import Unit
    from storage.personal_data import ERASED_NAME, erase_person, export_person, find_person

    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    link, _ = await _open(chat_as(runtime, "organizer"))
    await _register(chat_as(runtime, "firm-1"), f"/start {link}")
    async with db.sessions() as s:
        person = await find_person(session=s, phone="0912 345 678")
        data = await export_person(session=s, person=person)
        assert [(c["contact_name"], c["contact_phone"]) for c in data["unit_contacts"]] == [(CONTACT, PHONE)]
        counts = await erase_person(session=s, person=person, actor_id=None, now=clock())
        await s.commit()
    assert counts["unit_contacts"] == 1 and counts["members"] == 1
    async with db.sessions() as s:
        unit = (await s.exec(select(Unit).where(Unit.tax_code == TAX))).one()
        assert (unit.contact_name, unit.contact_phone) == (ERASED_NAME, None)
