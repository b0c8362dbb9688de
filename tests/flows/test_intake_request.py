"""Issue 12 parts 2 and 5: a request letter sent in chat is summarised field by field ("không thấy"
where the letter is silent), stored as deadlines on "Lưu", known the second time; a letter with no
due date makes none. The plan and meeting summaries name every field too.

The reading is injected (an Upload with a hand-built RequestDoc, as the chat's reader returns it):
these tests prove the chat's side, whatever the request reader makes of a real letter.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import col, func, select

import handlers.intake as intake
from domain.documents.models import ContactDoc, RequestDoc, RequestItemDoc
from domain.documents.upload import Upload
from domain.recurrence import Recurrence
from storage.models import Deadline, DeadlineUnit, Meeting, Unit
from tests.conftest import TZ, Clock, Db, fixture_file
from tests.flows.harness import chat_as, make_runtime
from tests.flows.test_intake_flow import SEED_LETTER, SEED_PLAN, _count, _docx_of, _send, _world

TDC = "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
LETTER_TEXT = "SỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 12/SKHCN-TĐC\nV/v báo cáo tình hình hoạt động đo lường\n"
ANNUAL = RequestItemDoc(
    what="Báo cáo tình hình hoạt động đo lường trên địa bàn", owed_by=("UBND các xã, phường", "Công ty ABC"),
    to=TDC, address="số 2 Nguyễn Văn Trỗi, phường Trấn Biên", email="tdc@skhcn.example.gov.vn",
    data_cutoff_text="số liệu tính đến ngày 30/4", data_cutoff=date(2027, 4, 30),
    contact=ContactDoc("Ông Trần Văn A", "Chuyên viên", "0912345678", "0912.345.678", None, "…"),
    due_text="trước ngày 31/5 hàng năm", due=None, due_at=datetime(2027, 5, 31),
    recurrence=Recurrence("year", 31, 5, inclusive=False, text="trước ngày 31/5 hàng năm"))
ONCE = RequestItemDoc(
    what="Danh sách cán bộ đầu mối", owed_by=("Xã Long Thành",), to=None, address=None, email=None,
    data_cutoff_text=None, data_cutoff=None, contact=None, due_text="chậm nhất ngày 15/01/2027", due=None,
    due_at=datetime(2027, 1, 16))
LETTER = RequestDoc(
    title="V/v báo cáo tình hình hoạt động đo lường", document_number="12/SKHCN-TĐC", issuer=None,
    place="Đồng Nai", issued_on=date(2026, 11, 20), year=2026, requests=(ANNUAL, ONCE),
    warnings=("Yêu cầu 2 không ghi nơi nhận",), text_hash="ab" * 32)
PASTED_LETTER = (
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 12/SKHCN-TĐC\nV/v báo cáo tình hình hoạt động đo lường\n"
    "Kính gửi: UBND các xã, phường\n"
    "Thực hiện kế hoạch năm 2026, Sở Khoa học và Công nghệ đề nghị UBND các xã, phường báo cáo tình hình hoạt "
    "động đo lường trên địa bàn (số liệu tính đến ngày 30/4), gửi về Phòng Quản lý Tiêu chuẩn Đo lường Chất "
    "lượng trước ngày 31/5 hàng năm.\nNơi nhận:\n- Như trên;\n- Lưu: VT, TĐC.\n")
NO_DEADLINE = RequestDoc(
    title="V/v tăng cường kiểm tra đo lường", document_number="13/SKHCN-TĐC", issuer="Sở Khoa học và Công nghệ",
    place=None, issued_on=date(2026, 11, 21), year=2026, requests=(), text_hash="cd" * 32,
    warnings=("Không thấy hạn nộp nào trong văn bản",))


def read_as(monkeypatch: pytest.MonkeyPatch, doc: RequestDoc) -> None:
    """Both readings of the chat (the file, then the kept text on "Lưu") give this request letter."""

    async def from_file(name: str, data: bytes) -> Upload:
        return Upload(LETTER_TEXT, request=doc, reason="đề nghị gửi báo cáo")

    async def from_text(text: str) -> Upload:
        assert text == LETTER_TEXT  # the text kept from the summary is what is read again
        return Upload(text, request=doc, reason="đề nghị gửi báo cáo")

    monkeypatch.setattr(intake, "read_file", from_file)
    monkeypatch.setattr(intake, "read_text", from_text)


async def test_a_request_letter_lists_every_field_then_is_stored_once(db: Db, clock: Clock,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    await _world(db)
    read_as(monkeypatch, LETTER)
    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    summary = await _send(organiser, "cong-van.docx", _docx_of(LETTER_TEXT))
    lines = summary.splitlines()
    for line in ("Tên / trích yếu: V/v báo cáo tình hình hoạt động đo lường", "Số văn bản: 12/SKHCN-TĐC",
                 "Cơ quan ban hành: không thấy", "Ngày văn bản: 20/11/2026", "Người ký: không thấy",
                 "📝 Yêu cầu 1: Báo cáo tình hình hoạt động đo lường trên địa bàn",
                 "   Đơn vị phải gửi: UBND các xã, phường; Công ty ABC", f"   Gửi về: {TDC}",
                 "   Địa chỉ: số 2 Nguyễn Văn Trỗi, phường Trấn Biên", "   Thư điện tử: tdc@skhcn.example.gov.vn",
                 "   Số liệu tính đến: số liệu tính đến ngày 30/4 (30/04/2027)",
                 "   Liên hệ: Ông Trần Văn A, Chuyên viên, 0912345678",
                 "   Hạn nộp: trước ngày 31/5 hàng năm (hạn cuối: hết ngày 30/05/2027 "
                 "(ngày nghỉ, nên theo luật kéo dài đến hết ngày 31/05/2027))",
                 "   Lặp lại: trước ngày 31/5 hàng năm",
                 "📝 Yêu cầu 2: Danh sách cán bộ đầu mối", "   Gửi về: không thấy", "   Địa chỉ: không thấy",
                 "   Số liệu tính đến: không thấy", "   Liên hệ: không thấy",
                 "   Hạn nộp: chậm nhất ngày 15/01/2027 (hạn cuối: hết ngày 15/01/2027)", "   Lặp lại: không thấy",
                 "⚠️ Yêu cầu 2 không ghi nơi nhận"):
        assert line in lines, (line, summary)
    assert "Công ty ABC" in next(x for x in lines if "chưa có trong danh bạ" in x)
    assert "2 yêu cầu có hạn nộp" in summary and "Lưu vào hệ thống?" in summary
    assert await _count(db, Deadline) == 0  # nothing before "Lưu"

    saved = await organiser.press("Lưu hạn nộp")
    assert "Đã lưu 2 hạn nộp (số 1, 2), 6 đơn vị phải gửi" in saved and "Công ty ABC" in saved
    async with db.sessions() as s:
        rows = (await s.exec(select(Deadline).order_by(col(Deadline.id)))).all()
        owed = (await s.exec(select(func.count()).select_from(DeadlineUnit))).one()
    assert [(r.source, r.what, r.source_name, r.document_number) for r in rows] == [
        ("request", ANNUAL.what, "cong-van.docx", "12/SKHCN-TĐC"), ("request", ONCE.what, "cong-van.docx",
                                                                    "12/SKHCN-TĐC")]
    assert rows[0].owed_unmatched == ["Công ty ABC"] and rows[0].created_by is not None
    assert owed == 6 + 1  # the six communes for the first, Xã Long Thành (one of them) for the second

    again = await _send(organiser, "cong-van.docx", _docx_of(LETTER_TEXT))
    assert "12/SKHCN-TĐC" in again and "đã được nhập trước đó (số 1)" in again
    assert organiser.labels() == []  # nothing offered to save
    assert await _count(db, Deadline) == 2


async def test_a_letter_with_no_due_date_makes_no_deadline(sqlite_db: Db, clock: Clock,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    await _world(sqlite_db)
    read_as(monkeypatch, NO_DEADLINE)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    reply = await _send(organiser, "thong-bao.pdf", b"%PDF-1.7 read by the injected reader")
    assert "Số văn bản: 13/SKHCN-TĐC" in reply and "Người ký: không thấy" in reply
    assert "không thấy hạn nộp nào; không tạo hạn" in reply and "Lưu vào hệ thống?" not in reply
    assert organiser.labels() == []
    assert await _count(sqlite_db, Deadline) == 0
    # The conversation is over: a file sent next is read afresh.
    assert "không thấy hạn nộp nào" in await _send(organiser, "thong-bao.pdf", b"%PDF-1.7 again")


async def test_a_letter_that_no_longer_reads_as_a_request_on_save_stores_nothing(
        sqlite_db: Db, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    await _world(sqlite_db)
    read_as(monkeypatch, LETTER)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    await _send(organiser, "cong-van.txt", LETTER_TEXT.encode())

    async def nothing(text: str) -> Upload:
        return Upload(text)

    monkeypatch.setattr(intake, "read_text", nothing)
    assert "chưa nhận ra" in await organiser.press("Lưu hạn nộp")
    assert await _count(sqlite_db, Deadline) == 0


async def test_plan_and_meeting_summaries_name_every_field(sqlite_db: Db, clock: Clock) -> None:
    await _world(sqlite_db)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    plan = (await _send(organiser, "ke-hoach.txt", fixture_file(SEED_PLAN).read_bytes())).splitlines()
    assert "Năm: 2026 – 21 nhiệm vụ, 2 hạn báo cáo." in plan  # what it showed before stays
    assert plan[1] == "🔎 Nhận ra vì có 21 nhiệm vụ."  # which kind, and why, under the title
    for line in ("Số văn bản: /KH-SKH&CN", "Cơ quan ban hành: Sở Khoa học và Công nghệ tỉnh Đồng Nai",
                 "Người ký: Trịnh Thị Hoà, KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
                 "   Hạn nộp: trước ngày 01 tháng 11 (hạn cuối: hết ngày 31/10/2026 "
                 "(ngày nghỉ, nên theo luật kéo dài đến hết ngày 02/11/2026))"):
        assert line in plan, (line, plan)
    assert any(x.startswith("• 1.a: ") and x.endswith(f"chủ trì: {TDC}") for x in plan)
    assert any(x.startswith("Kinh phí: ") for x in plan) and any(x.startswith("Căn cứ: ") for x in plan)
    await organiser.press("Không lưu")

    meeting = (await _send(organiser, "giay-moi.txt", fixture_file(SEED_LETTER).read_bytes())).splitlines()
    for line in ("Thời gian: 14h00, ngày 28/05/2026 (dự kiến)", "Hình thức: Trực tuyến", "Địa điểm: không thấy",
                 "Đường dẫn kết nối: không thấy", "Thời lượng: không thấy", "Hạn đăng ký: trước ngày 26/05/2026",
                 "Kính gửi: UBND các xã, phường trên địa bàn thành phố", "Chương trình: 4 mục",
                 "Hạn sau họp: không thấy", "Liên hệ: Ông Đoàn Minh Hải, Chuyên viên Phòng quản lý Tiêu chuẩn Đo "
                 "lường Chất lượng, 0919422038"):
        assert line in meeting, (line, meeting)


async def test_an_organiser_pastes_a_letter_and_it_is_read_as_one(sqlite_db: Db, clock: Clock) -> None:
    """Zalo sends bots no files: the letter's text pasted as a message is read as the file would be."""
    await _world(sqlite_db)
    runtime = make_runtime(sqlite_db.sessions, clock)
    letter = fixture_file(SEED_LETTER).read_text(encoding="utf-8")[:3900]
    officer = chat_as(runtime, "officer")
    assert "Lưu vào hệ thống?" not in await officer.say(letter)  # an officer's long message is not imported
    organiser = chat_as(runtime, "organizer")
    summary = await organiser.say(letter)
    assert "Thời gian: 14h00, ngày 28/05/2026 (dự kiến)" in summary and "Lưu vào hệ thống?" in summary
    assert "Đã lưu hội nghị" in await organiser.press("Lưu và mở đăng ký")
    assert await _count(sqlite_db, Meeting) == 1
    assert "Lưu vào hệ thống?" not in await organiser.say("ai chưa đăng ký?")  # words are still understood


async def test_a_pasted_request_letter_is_stored_under_its_own_name(sqlite_db: Db, clock: Clock,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    await _world(sqlite_db)
    read_as(monkeypatch, LETTER)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    pasted = PASTED_LETTER

    async def from_text(text: str) -> Upload:
        assert text == pasted
        return Upload(text, request=LETTER)

    monkeypatch.setattr(intake, "read_text", from_text)
    assert "Số văn bản: 12/SKHCN-TĐC" in await organiser.say(pasted)
    assert "Đã lưu 2 hạn nộp" in await organiser.press("Lưu hạn nộp")
    async with sqlite_db.sessions() as s:
        names = (await s.exec(select(Deadline.source_name))).all()
    assert names == ["văn bản đã dán", "văn bản đã dán"]


async def test_a_real_request_letter_sent_in_chat_is_read_and_owed_by_every_commune(db: Db, clock: Clock) -> None:
    """Letter 1245/SKHCN-TĐC as a Word file through the real reader: every field the letter has, and
    the deadline stored for the six communes of the directory, received by Phòng TĐC."""
    await _world(db)
    organiser = chat_as(make_runtime(db.sessions, clock), "organizer")
    text = fixture_file("requests/01_bao_cao_cuoi_nam_xa.txt").read_text(encoding="utf-8")
    summary = (await _send(organiser, "cong-van-1245.docx", _docx_of(text))).splitlines()
    for line in ("Số văn bản: 1245/SKHCN-TĐC", "Ngày văn bản: 20/11/2026",
                 "   Thư điện tử: phongtdc.skhcn@gialai.gov.vn",
                 "   Hạn nộp: trước ngày 12/12/2026 (hạn cuối: hết ngày 11/12/2026)"):
        assert line in summary, (line, "\n".join(summary))
    assert any(x.startswith("   Liên hệ: Bà Nguyễn Thị Thu Hà") for x in summary)
    assert summary[1].startswith("🔎 Nhận ra vì đề nghị gửi báo cáo kết quả công tác")
    assert summary[1].endswith("trước ngày 12/12/2026.")
    assert any(x.startswith("   Số liệu tính đến: ") and x.endswith("(30/11/2026)") for x in summary)
    assert "Đã lưu 1 hạn nộp" in await organiser.press("Lưu hạn nộp")
    async with db.sessions() as s:
        [deadline] = (await s.exec(select(Deadline))).all()
        owed = (await s.exec(select(DeadlineUnit.unit_id).where(DeadlineUnit.deadline_id == deadline.id))).all()
        receiver = await s.get(Unit, deadline.to_unit_id)
    assert (deadline.source, deadline.due_at) == ("request", datetime(2026, 12, 12, tzinfo=TZ))
    assert len(owed) == 6 and receiver is not None and receiver.name == TDC
