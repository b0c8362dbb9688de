"""Petitions end to end through the real flows, planner and dispatcher, on a frozen clock.

An enterprise registered for the demo meeting (20/5/2026; registration, and so petitions, close
at the first minute of 27/5; the meeting is on 30/5) sends two petitions, corrects one, is refused
after the cutoff; the organiser assigns one (the unit's officer is told once, and reminded before
the deadline until it is answered), answers it (the petitioner receives it once), rules the other
out of scope with its reason, and sends the conclusion notice once to every registered participant.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from handlers.types import Inbound, InFile
from storage.models import Petition, ReminderOutbox
from tests.conftest import TZ, Clock, Db
from tests.flows.harness import Chat, chat_as, make_runtime
from tests.flows.petitions_kit import COMPANY_A, ENT_A, ENT_B, VP, petition_world
from tests.flows.reminders_kit import machinery, outbox_rows

FIRST = "Đề nghị hướng dẫn thủ tục kiểm định cân điện tử dùng trong thương mại bán lẻ tại chợ"
SECOND = "Kiến nghị giảm thời gian cấp giấy chứng nhận hợp quy cho sản phẩm thực phẩm đóng gói"
ANSWER = "Theo Nghị định 36/2026/NĐ-CP, doanh nghiệp nộp hồ sơ trực tuyến: https://dichvucong.example.vn/kd"


def at(d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 5, d, hh, mm, tzinfo=TZ)


async def _send(chat: Chat, field: str, content: str, file: InFile | None = None) -> str:
    await chat.say("/guikiennghi")
    await chat.press(field)
    await chat.say(content)
    if file is None:
        return await chat.press("Bỏ qua")
    return "\n".join(r.text for r in await chat.send(Inbound(file=file)))


async def _petitions(db: Db) -> list[Petition]:
    async with db.sessions() as session:
        return list((await session.exec(select(Petition).order_by(Petition.number))).all())


def _pdf() -> InFile:
    async def fetch() -> bytes:
        return b"%PDF-1.4 ho so"

    return InFile(name="ho-so-hop-quy.pdf", size=14, fetch=fetch, ref="tg-file-1")


async def test_a_registrant_sends_two_petitions_corrects_one_and_is_refused_after_the_cutoff(
        db: Db, clock: Clock) -> None:
    world = await petition_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    ent = chat_as(runtime, ENT_A)
    first = await _send(ent, "Đo lường", FIRST)
    assert f"Đã tiếp nhận kiến nghị số KN-{world.meeting_id}-01" in first and "Đo lường" in first
    assert "trước ngày 27/05/2026" in first  # the petition cutoff is the registration cutoff
    second = await _send(ent, "Thủ tục hành chính", SECOND, _pdf())
    assert f"KN-{world.meeting_id}-02" in second and "ho-so-hop-quy.pdf" in second
    listed = await ent.say("/kiennghi")
    assert f"KN-{world.meeting_id}-01" in listed and f"KN-{world.meeting_id}-02" in listed
    await ent.say("xem 1")
    await ent.press("Sửa nội dung")
    edited = await ent.say(FIRST + " và cân đồng hồ lò xo")
    assert "Đã sửa kiến nghị" in edited
    stored = await _petitions(db)
    assert [(p.number, p.field, p.version) for p in stored] == [(1, "metrology", 2), (2, "procedure", 1)]
    assert stored[0].content.endswith("cân đồng hồ lò xo") and stored[1].file_ref == "tg-file-1"
    # Another enterprise sees none of it; its own list holds only its own.
    other = chat_as(runtime, ENT_B)
    answer = await other.say("/kiennghi")
    assert FIRST[:30] not in answer and "KN-" not in answer
    await other.say("/huy")
    # After the cutoff: editing is refused in words, nothing changes, and no new petition is taken.
    clock.now = at(27, 8)
    await ent.say("/kiennghi")
    await ent.say("xem 1")
    refused = await ent.press("Sửa nội dung")
    assert "Không sửa được kiến nghị" in refused and "đã hết hạn" in refused
    assert "hết hạn gửi kiến nghị" in await ent.say("/guikiennghi")
    assert [p.version for p in await _petitions(db)] == [2, 1]


async def test_the_cap_per_organisation_is_kept(db: Db, clock: Clock) -> None:
    await petition_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    runtime.petitions = type(runtime.petitions)(max_per_unit=1)
    ent = chat_as(runtime, ENT_A)
    await _send(ent, "Tiêu chuẩn", FIRST)
    assert "tối đa 1 kiến nghị" in await ent.say("/guikiennghi")
    assert len(await _petitions(db)) == 1


async def _assign_first(org: Chat) -> str:
    await org.say("/kiennghi")
    await org.say("xem 1")
    await org.press("Giao đơn vị")
    await org.say("văn phòng")
    return await org.press("Mặc định")


async def test_assigned_answered_out_of_scope_and_the_conclusion_each_go_once(db: Db, clock: Clock) -> None:
    world = await petition_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    ent = chat_as(runtime, ENT_A)
    await _send(ent, "Đo lường", FIRST)
    await _send(ent, "Khác", SECOND)
    org = chat_as(runtime, "organizer")
    listing = await org.say("/kiennghi")
    assert "Kiến nghị – " in listing and COMPANY_A in listing and "Đã tiếp nhận 2" in listing
    assigned = await _assign_first(org)
    assert "Đã giao kiến nghị" in assigned and "Văn phòng Sở" in assigned and "Đã báo 1 cán bộ" in assigned
    assert "trước ngày 04/06/2026" in assigned  # three working days after Saturday 30/5: Mon 1 … Wed 3/6
    await _assign_first(org)  # assigning the same unit again tells nobody twice
    told = [r for r in await outbox_rows(db) if r.kind == "petition_assigned"]
    assert [(r.member_id, r.unit_id) for r in told] == [(world.vp, world.vp_unit)]
    # The assigned unit sees it in its "what's due" answer and in /kiennghi; not the other petition.
    vp = chat_as(runtime, VP)
    due = await vp.say("/viec")
    assert "Kiến nghị chờ đơn vị trả lời (1)" in due and f"KN-{world.meeting_id}-01" in due
    mine = await vp.say("/kiennghi")
    assert f"KN-{world.meeting_id}-01" in mine and f"KN-{world.meeting_id}-02" not in mine
    await vp.say("/huy")
    # The planner reminds the unit before the answer deadline …
    m = machinery(db, clock)
    await m.round()
    [notice] = [text for text in m.inbox.to(VP) if "Sở giao đơn vị chuẩn bị trả lời" in text]
    assert FIRST[:40] in notice and "trước ngày 04/06/2026" in notice
    due_rows = [r for r in await outbox_rows(db) if r.kind == "petition_due"]
    assert [r.send_at for r in due_rows] == [at(25, 7, 30), at(29, 7, 30), datetime(2026, 6, 2, 7, 30, tzinfo=TZ),
                                             datetime(2026, 6, 3, 7, 30, tzinfo=TZ)]
    assert {r.member_id for r in due_rows} == {world.vp} and all(r.state == "pending" for r in due_rows)
    clock.now = at(25, 7, 31)
    await m.round()
    [reminded] = [text for text in m.inbox.to(VP) if "Nhắc hạn trả lời kiến nghị" in text]
    assert "trước ngày 04/06/2026" in reminded
    # … the organiser answers; the petitioner is told once, a correction is not sent again.
    await org.say("/kiennghi")
    await org.say("xem 1")
    await org.press("Trả lời bằng văn bản")
    assert "Người gửi sẽ nhận được trả lời" in await org.say(ANSWER)
    await org.say("/kiennghi")
    await org.say("xem 1")
    await org.press("Trả lời bằng văn bản")
    assert "không gửi lại" in await org.say(ANSWER + " (bổ sung)")
    # The other petition is out of scope, with its reason.
    await org.say("/kiennghi")
    await org.say("xem 2")
    await org.press("Không thuộc phạm vi")
    await org.press("thẩm quyền của cơ quan tư pháp")
    [first, second] = await _petitions(db)
    assert first.state == "answered_in_writing" and first.answer == ANSWER + " (bổ sung)"
    assert second.state == "out_of_scope" and "cơ quan tư pháp" in (second.answer or "")
    # Once answered, the reminders are dropped with that reason; the messages go once each.
    await m.planner.run_once()
    assert [(r.state, r.reason) for r in await outbox_rows(db) if r.kind == "petition_due"] == [
        ("sent", None), ("skipped", "answered"), ("skipped", "answered"), ("skipped", "answered")]
    await m.dispatcher.drain()
    await m.dispatcher.drain()
    to_ent = m.inbox.to(ENT_A)
    assert len(to_ent) == 2  # one answer per petition
    assert sum(ANSWER in text for text in to_ent) == 1 and "(bổ sung)" not in to_ent[0] + to_ent[1]
    assert sum("cơ quan tư pháp" in text for text in to_ent) == 1
    assert len([text for text in m.inbox.to(VP) if "Sở giao đơn vị chuẩn bị trả lời" in text]) == 1  # not twice
    # The conclusion notice: once to every registered participant, a second send doubles nothing.
    await org.say("/ketluan")
    await org.say("Hội nghị kết luận: Sở hướng dẫn thủ tục kiểm định trực tuyến trong tháng 6/2026.")
    queued = await org.press("Gửi")
    assert "Đã xếp gửi thông báo kết luận" in queued
    await org.say("/ketluan")
    await org.say("Hội nghị kết luận (gửi lại).")
    assert "không gửi lại" in await org.press("Gửi")
    rows = [r for r in await outbox_rows(db) if r.kind == "conclusion"]
    assert {world.ent_a, world.ent_b} <= {r.member_id for r in rows}
    assert len(rows) == len({r.member_id for r in rows})
    await m.dispatcher.drain()
    for chat_id in (ENT_A, ENT_B):
        assert len([text for text in m.inbox.to(chat_id) if "Thông báo kết luận" in text]) == 1


async def test_an_answer_file_goes_with_the_answer(db: Db, clock: Clock) -> None:
    await petition_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    await _send(chat_as(runtime, ENT_A), "Chất lượng", FIRST)
    org = chat_as(runtime, "organizer")
    await org.say("/kiennghi")
    await org.say("xem 1")
    await org.press("Trả lời bằng văn bản")
    reply = await org.send(Inbound(file=_pdf()))
    assert "Người gửi sẽ nhận được trả lời" in reply[0].text
    m = machinery(db, clock)
    await m.dispatcher.drain()
    [(_chat, text, file)] = [g for g in m.inbox.got if g[0] == ENT_A]
    assert "ho-so-hop-quy.pdf" in text and file is not None and file.data == b"%PDF-1.4 ho so"


async def test_only_rows_keyed_once_reach_the_outbox(db: Db, clock: Clock) -> None:
    """An assignment notice is keyed by (petition, unit): the key names both."""
    await petition_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    await _send(chat_as(runtime, ENT_A), "Đo lường", FIRST)
    await _assign_first(chat_as(runtime, "organizer"))
    async with db.sessions() as session:
        keys = (await session.exec(select(ReminderOutbox.reminder_key))).all()
    assert [k for k in keys if k.startswith("petition_assigned:")] == [
        f"petition_assigned:p{(await _petitions(db))[0].id}:u{(await _vp_unit(db))}"]


async def _vp_unit(db: Db) -> int:
    from storage.units import find_unit

    async with db.sessions() as session:
        return (await find_unit(session=session, name="Văn phòng Sở")).id or 0


async def test_an_enterprise_that_registers_is_told_it_may_petition_a_commune_is_not(db: Db, clock: Clock) -> None:
    from storage.members import add_member
    from storage.models import MeetingUnit
    from storage.units import UnitRow, find_unit, upsert_units
    from tests.flows.harness import register

    world = await petition_world(db, clock)
    async with db.sessions() as session:
        await upsert_units(session=session, rows=[UnitRow("enterprise", "Công ty TNHH Bao bì Tiên Lãng", (), None)])
        unit = await find_unit(session=session, name="Công ty TNHH Bao bì Tiên Lãng")
        session.add(MeetingUnit(meeting_id=world.meeting_id, unit_id=unit.id or 0))
        await add_member(session=session, unit_id=unit.id or 0, full_name="Đỗ Văn Lãng", role="officer",
                         channel="console", external_id="ent-c")
        await session.commit()
    runtime = make_runtime(db.sessions, clock)
    done = await register(chat_as(runtime, "ent-c"), [("Đỗ Văn Lãng", "Giám đốc", "0912000444")])
    assert "Đã đăng ký 1 người tham dự" in done and "/guikiennghi" in done and "trước ngày 27/05/2026" in done
    commune = await register(chat_as(runtime, "officer"), [("Nguyễn Văn An", "Phó Chủ tịch", "0919422038")])
    assert "Đã đăng ký 1 người tham dự" in commune
    assert "/guikiennghi" not in commune


async def test_a_conclusion_sent_as_a_file_goes_with_its_file(db: Db, clock: Clock) -> None:
    await petition_world(db, clock)
    org = chat_as(make_runtime(db.sessions, clock), "organizer")
    assert "Gửi thông báo kết luận" in await org.say("/ketluan")
    await org.send(Inbound(file=_pdf()))
    assert "Đã xếp gửi thông báo kết luận" in await org.press("Gửi")
    m = machinery(db, clock)
    await m.dispatcher.drain()
    got = [(text, file) for chat, text, file in m.inbox.got if chat in (ENT_A, ENT_B)]
    assert len(got) == 2 and all("ho-so-hop-quy.pdf" in text and file is not None and file.data == b"%PDF-1.4 ho so"
                                 for text, file in got)


async def test_on_zalo_a_petition_is_typed_and_numbered_choices_answer(db: Db, clock: Clock) -> None:
    """No buttons and no files (Zalo): the fields are numbered lines, there is no file step."""
    from bot.dispatch import Sender, dispatch
    from handlers.types import Capabilities

    world = await petition_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    sender = Sender(channel="console", chat_id=ENT_A, user_id=ENT_A, user_name="ent")
    zalo = Capabilities(buttons=False, deep_links=False, files_in=False, files_out=False)

    async def say(text: str) -> str:
        return "\n".join(r.text for r in await dispatch(runtime, sender, Inbound(text=text), caps=zalo))

    assert "thuộc lĩnh vực nào" in await say("/guikiennghi")
    assert "nội dung kiến nghị" in await say("2")  # the second field: Đo lường
    receipt = await say(FIRST)
    assert f"KN-{world.meeting_id}-01" in receipt and "Đo lường" in receipt
    [petition] = await _petitions(db)
    assert petition.field == "metrology" and petition.file_ref is None
