"""Reading meetings from an invitation letter (seed 000) and a meeting plan (seed 001); phones."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.documents.letter import read_meeting_letter
from domain.phones import canonical_phone, find_phones
from tests.conftest import FIXTURES

SEEDS = FIXTURES / "seeds"


def seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.fail(f"Seed missing: {path}")
    return path.read_text(encoding="utf-8")


def test_seed_000_invitation_to_an_online_conference() -> None:
    meeting = read_meeting_letter(seed("000_a3fd057809f7ec29.txt"))
    assert meeting.kind == "letter"
    assert meeting.title == "Hội nghị trực tuyến về công tác TCĐLCL địa phương Quý II/2026"
    assert meeting.document_number == "/SKHCN-TĐC"
    assert meeting.issuer == "Sở Khoa học và Công nghệ"
    assert (meeting.place, meeting.year) == ("Đồng Nai", 2026)
    assert meeting.time_text == "14h00, thứ Năm ngày 28/5/2026"
    assert meeting.time is not None and meeting.time.kind == "instant"
    # The cited Công văn 1702/TĐC-KHTC of 19/5/2026 is not the meeting.
    assert (meeting.start, meeting.end, meeting.tentative) == (datetime(2026, 5, 28, 14, 0), None, True)
    assert (meeting.duration_text, meeting.duration) == (None, None)
    assert meeting.mode == "online"
    assert meeting.mode_text is not None and meeting.mode_text.startswith("Trực tuyến (Sở Khoa học")
    assert (meeting.location, meeting.join_url) == (None, None)
    assert meeting.invited == ("UBND các xã, phường trên địa bàn thành phố",)
    assert meeting.attendance is not None
    assert meeting.attendance.startswith("Đại diện Lãnh đạo UBND xã, phường; công chức phụ trách")
    assert meeting.attendance.endswith("tại địa phương.")
    assert (meeting.signer, meeting.signer_title) == ("Trịnh Thị Hoà", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert meeting.follow_ups == ()
    assert meeting.warnings == ()


def test_seed_000_registration_cutoff_and_contact() -> None:
    meeting = read_meeting_letter(seed("000_a3fd057809f7ec29.txt"))
    cutoff = meeting.registration
    assert cutoff is not None
    assert cutoff.due_text == "trước ngày 26/5/2026"
    assert cutoff.due is not None and (cutoff.due.kind, cutoff.due.end) == ("deadline", datetime(2026, 5, 26))
    assert cutoff.due_at == datetime(2026, 5, 26)
    assert cutoff.owed_by == ("UBND các xã, phường",)
    assert cutoff.to == "Sở Khoa học và Công nghệ"
    assert cutoff.what.startswith("Gửi danh sách cán bộ đầu mối liên hệ")
    contact = meeting.contact
    assert contact is not None
    assert contact.name == "Ông Đoàn Minh Hải"
    assert contact.position == "Chuyên viên Phòng quản lý Tiêu chuẩn Đo lường Chất lượng"
    assert (contact.phone, contact.phone_text, contact.email) == ("0919422038", "0919.422.038", None)


def test_seed_000_agenda_is_the_four_main_points() -> None:
    meeting = read_meeting_letter(seed("000_a3fd057809f7ec29.txt"))
    assert [item.content for item in meeting.agenda] == [
        "Báo cáo chuyên đề “Phân cấp, cắt giảm và đơn giản hóa thủ tục hành chính trong lĩnh vực tiêu chuẩn, "
        "đo lường, chất lượng”",
        "Báo cáo chuyên đề “Hoạt động công bố hợp chuẩn, công bố hợp quy, đánh giá sự phù hợp”",
        "Báo cáo chuyên đề “Triển khai quy định mới về QCVN đối với xăng, nhiên liệu điêzen và nhiên liệu sinh học”",
        "Trao đổi, thảo luận và giải đáp khó khăn, vướng mắc của địa phương",
    ]
    assert all(item.time_text is None and item.start is None for item in meeting.agenda)


AGENDA_TIMES = [
    "13h45-14h00", "14h00 -14h10", "14h10-14h20", "14h20-14h50", None, None, None,
    "14h50-16h30", "16h30-16h45", "16h45-17h00",
]


def test_seed_001_meeting_plan_programme_in_order() -> None:
    meeting = read_meeting_letter(seed("001_09a72fef00e9e36f.txt"))
    assert [item.time_text for item in meeting.agenda] == AGENDA_TIMES
    assert [item.sub_item for item in meeting.agenda] == [time is None for time in AGENDA_TIMES]
    first, second = meeting.agenda[:2]
    assert (first.content, first.presenter) == ("Đón tiếp đại biểu", "Ban tổ chức")
    assert (first.start, first.end) == (datetime(2026, 4, 24, 13, 45), datetime(2026, 4, 24, 14, 0))
    assert (second.start, second.end) == (datetime(2026, 4, 24, 14, 0), datetime(2026, 4, 24, 14, 10))
    talks = meeting.agenda[4:7]
    assert [talk.presenter for talk in talks] == [
        "Ban Tiêu chuẩn", "Ban Đo lường", "Ban Quản lý chất lượng và Đánh giá sự phù hợp",
    ]
    assert talks[0].content.startswith("“Một số nội dung, quy định mới tại Nghị định số 22/2026/NĐ-CP")
    dialogue = meeting.agenda[7]
    # Its last words were cut to the next page ("\tchất lượng.\t\t") and are joined back.
    assert dialogue.content.endswith("trong lĩnh vực tiêu chuẩn đo lường chất lượng.")
    assert dialogue.presenter == "Ông Nguyễn Cao Thắng Giám đốc Sở KH&CN Các đại biểu tham dự Hội nghị"


def test_seed_001_meeting_plan_time_place_and_follow_up() -> None:
    meeting = read_meeting_letter(seed("001_09a72fef00e9e36f.txt"))
    assert meeting.kind == "plan"
    assert meeting.title == (
        "Tổ chức Hội nghị đối thoại và giải quyết kiến nghị của doanh nghiệp về hoạt động tiêu chuẩn, "
        "đo lường chất lượng năm 2026"
    )
    assert meeting.document_number == "/KH-SKHCN"
    assert meeting.time_text == "Dự kiến ½ ngày, từ 14 giờ, ngày 24/4/2026 (thứ Sáu)"
    assert (meeting.start, meeting.tentative) == (datetime(2026, 4, 24, 14, 0), True)
    assert meeting.end == datetime(2026, 4, 24, 17, 0)  # the programme's last row
    assert (meeting.duration_text, meeting.duration) == ("½ ngày", timedelta(hours=4))
    assert (meeting.mode, meeting.mode_text) == ("in_person", "Trực tiếp")
    assert meeting.location == (
        "Trung tâm Hội nghị - Biểu diễn thành phố Hải Phòng, đường Trần Kiên, Khu đô thị Bắc Sông Cấm, "
        "phường Thủy Nguyên, thành phố Hải Phòng"
    )
    assert meeting.registration is None
    assert meeting.attendance is not None
    assert meeting.attendance.startswith("1.1 Lãnh đạo Ủy ban nhân dân thành phố")
    assert "1.7 Các đơn vị thông tin truyền thông" in meeting.attendance
    assert (meeting.signer, meeting.signer_title) == ("Nguyễn Cao Thắng", "GIÁM ĐỐC")
    assert len(meeting.follow_ups) == 1
    notice = meeting.follow_ups[0]
    assert notice.due_text == "trước 10 ngày diễn ra Hội nghị"
    assert notice.due is not None
    assert (notice.due.kind, notice.due.offset_days) == ("relative", -10)
    assert notice.due_at == datetime(2026, 4, 15)  # by the end of 14/4, ten days before 24/4
    assert notice.owed_by == ("Chi cục Tiêu chuẩn Đo lường Chất lượng",)
    assert notice.what.startswith("Phối hợp với Trung tâm Công nghệ thông tin và Truyền thông đăng Thông báo")
    assert meeting.warnings == ()


LETTER = """Số: 15/GM-SKHCN
Đồng Nai, ngày 02 tháng 6 năm 2026
GIẤY MỜI
Họp triển khai kiểm tra chất lượng xăng dầu
Kính gửi:
- Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng;
- UBND phường Trấn Biên.
Căn cứ Công văn số 1702/TĐC-KHTC ngày 19/5/2026 của Ủy ban TĐC, Sở tổ chức cuộc họp như sau:
1. Thời gian: từ 8h00 đến 11h30 ngày 05/6/2026.
2. Hình thức: trực tiếp kết hợp trực tuyến qua phần mềm Zoom.
3. Địa điểm: Phòng họp số 2, Sở Khoa học và Công nghệ.
Đường dẫn: https://zoom.us/j/123456789?pwd=abc.
Đầu mối: bà Lê Thị Mai, chuyên viên, ĐT 0251 3822 123, email mai.lt@dongnai.gov.vn; hoặc anh Tư di động +84 912 345 678.
"""


def test_a_letter_with_a_time_range_hybrid_mode_and_a_link() -> None:
    meeting = read_meeting_letter(LETTER)
    assert meeting.title == "Họp triển khai kiểm tra chất lượng xăng dầu"
    assert meeting.document_number == "15/GM-SKHCN"
    assert (meeting.start, meeting.end) == (datetime(2026, 6, 5, 8, 0), datetime(2026, 6, 5, 11, 30))
    assert meeting.tentative is False
    assert meeting.mode == "hybrid"
    assert meeting.location == "Phòng họp số 2, Sở Khoa học và Công nghệ"
    assert meeting.join_url == "https://zoom.us/j/123456789?pwd=abc"
    assert meeting.invited == ("Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng", "UBND phường Trấn Biên")
    assert meeting.contact is not None
    # The landline (11 digits with its area code) is Bà Mai's, the first phone on her line (issue 9.8).
    assert (meeting.contact.phone, meeting.contact.phone_text) == ("02513822123", "0251 3822 123")
    assert meeting.contact.email == "mai.lt@dongnai.gov.vn"
    assert meeting.contact.name == "bà Lê Thị Mai"


def test_a_registration_asked_for_in_one_sentence() -> None:
    text = (
        "V/v mời dự tập huấn\nThời gian: 8h00 ngày 02/6/2026\nHình thức: trực tiếp\n"
        "Đề nghị UBND các xã, phường đăng ký tham dự trước ngày 25/5/2026 qua hệ thống."
    )
    meeting = read_meeting_letter(text, ref=datetime(2026, 5, 1))
    assert meeting.registration is not None
    assert meeting.registration.owed_by == ("UBND các xã, phường",)
    assert meeting.registration.due_at == datetime(2026, 5, 25)
    assert meeting.location is None  # in person, but the letter does not say where
    assert meeting.warnings == ("Họp trực tiếp nhưng văn bản không ghi địa điểm.",)
    assert meeting.title == "mời dự tập huấn"


def test_a_letter_that_states_no_time_leaves_it_empty_and_says_so() -> None:
    text = "Kính gửi: UBND các xã\nThực hiện Công văn số 1702/TĐC-KHTC ngày 19/5/2026, Sở mời họp trực tuyến."
    meeting = read_meeting_letter(text, ref=datetime(2026, 5, 20))
    assert (meeting.time_text, meeting.time, meeting.start, meeting.end) == (None, None, None, None)
    assert meeting.tentative is False
    assert meeting.mode is None  # no "Hình thức" line; the title says nothing either
    assert meeting.warnings == (
        "Không thấy dòng «Thời gian» của cuộc họp.",
        "Văn bản không nói hình thức họp (trực tiếp hay trực tuyến).",
    )


def test_a_weekday_that_disagrees_with_the_date_is_reported() -> None:
    meeting = read_meeting_letter("Thời gian: 14h00, thứ Sáu ngày 28/5/2026\nHình thức: trực tuyến")
    assert meeting.start == datetime(2026, 5, 28, 14, 0)
    assert len(meeting.warnings) == 1 and meeting.warnings[0].startswith("Thời gian họp «14h00, thứ Sáu")


@pytest.mark.parametrize(
    "written",
    ["0919 422 038", "0919.422.038", "0919-422-038", "0919422038", " 0919 422 038 ", "+84 919 422 038",
     "+84919422038", "+84-919-422-038", "+84.919.422.038",
     # issue 9.8: the forms Excel and people also produce (lost zero, 84 / 0084, the trunk zero, brackets)
     "919422038", "84919422038", "0084919422038", "+84 0919 422 038", "+84 (0) 919 422 038", "(0919) 422 038",
     "(+84) 91-942-2038"],
)
def test_phone_numbers_in_every_accepted_form_become_one(written: str) -> None:
    assert canonical_phone(written) == "0919422038"


@pytest.mark.parametrize(
    "written",
    ["", "   ", "09194220381", "0919 422 03a", "0919/422/038", "0019422038", "+1 202 555 0100",
     "số 0919.422.038", "0351 3822 123"],
)
def test_anything_else_is_not_a_phone(written: str) -> None:
    assert canonical_phone(written) is None


def test_phones_found_in_a_sentence() -> None:
    sentence = "Liên hệ: 0919.422.038 hoặc +84 912 345 678; số văn bản 1702/TĐC, năm 2026."
    assert find_phones(sentence) == [("0919.422.038", "0919422038"), ("+84 912 345 678", "0912345678")]


LETTER_PIECES = st.sampled_from([
    "Kính gửi:", "- UBND các xã, phường;", "V/v họp", "Số: /SKHCN-TĐC", "KẾ HOẠCH", "GIẤY MỜI",
    "2. Thời gian dự kiến: 14h00, thứ Năm ngày 28/5/2026.", "Thời gian: Dự kiến ½ ngày, từ 14 giờ, ngày 24/4/2026",
    "Thời gian: ", "Hình thức: Trực tuyến", "- Địa điểm: Hội trường", "4. Nội dung chính:", "- Báo cáo",
    "Thời gian\tNội dung\tChủ trì\tGhi chú", "13h45-14h00\tĐón tiếp\tBan tổ chức\t", "\tchất lượng.\t\t",
    "\t“Một số”\tBan\t", "25h00-26h00\tSai giờ\t\t", "Đề nghị UBND các xã, phường:",
    "- Gửi danh sách về Sở trước ngày 26/5/2026.", "trước 10 ngày diễn ra Hội nghị", "Liên hệ: Ông A B, 0919.422.038",
    "https://zoom.us/j/1", "5. Thành phần tham dự", "III. TỔ CHỨC THỰC HIỆN", "2. Chi cục TĐC", "GIÁM ĐỐC",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LETTER_PIECES, st.text(max_size=40)), max_size=20))
def test_read_meeting_letter_never_raises_and_its_values_hang_together(pieces: list[str]) -> None:
    meeting = read_meeting_letter("\n".join(pieces), ref=datetime(2026, 1, 1))
    assert meeting.kind in ("letter", "plan")
    assert meeting.mode in (None, "online", "in_person", "hybrid")
    if meeting.start is not None:
        assert meeting.time is not None and meeting.time_text
        assert meeting.end is None or meeting.end > meeting.start
    else:
        assert meeting.end is None
    assert not meeting.tentative or meeting.time_text
    if meeting.registration is not None:
        assert meeting.registration.due is not None and meeting.registration.due.kind == "deadline"
        assert meeting.registration.due_text in meeting.registration.what
    if meeting.contact is not None:
        assert meeting.contact.phone is not None and canonical_phone(meeting.contact.phone) == meeting.contact.phone
    for item in meeting.agenda:
        assert item.start is None or item.end is None or item.end >= item.start
        assert not (item.sub_item and item.time_text)


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("tham dự Hội nghị trực tuyến về công tác TCĐLCL", "Hội nghị trực tuyến về công tác TCĐLCL"),
        ("đăng ký tham dự Hội nghị đối thoại", "Hội nghị đối thoại"),
        ("mời tham dự buổi làm việc", "Buổi làm việc"),
        ("tổ chức Hội nghị tập huấn", "tổ chức Hội nghị tập huấn"),
        ("tham dự", "tham dự"),
    ],
)
def test_the_meeting_is_named_without_the_request_to_attend(subject: str, name: str) -> None:
    from domain.documents.letter import meeting_name

    assert meeting_name(subject) == name
