"""Meeting letters as other provinces write them (issue 12, part 4): each shape read right.

Every document here is written the way a Department writes it (tests/fixtures/letter_shapes/);
the programme annex and the grouped attendance are also built as real Word files (the programme
as a Word table with merged session rows), the wrapped venue as a PDF, and each reads to the
same facts as its text.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from domain.documents.cleanup import clean_lines
from domain.documents.extract import document_text
from domain.documents.letter import read_meeting_letter
from domain.documents.mentions import letter_unit_names
from domain.documents.models import MeetingDoc
from domain.documents.web_page import is_web_page, strip_web_chrome
from domain.documents.when import clock_of, when_label
from domain.timeexpr import parse_time
from handlers.meeting_when import meeting_when, when_text
from storage.models import Meeting
from tests.conftest import FIXTURES
from tests.unit.document_files import as_docx, as_pdf

SHAPES = FIXTURES / "letter_shapes"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def shape(name: str) -> str:
    path = SHAPES / name
    if not path.exists():
        pytest.fail(f"Fixture missing: {path}")
    return path.read_text(encoding="utf-8")


def _facts(meeting: MeetingDoc) -> tuple[object, ...]:
    return (
        meeting.title, meeting.start, meeting.end, meeting.time_label, meeting.tentative, meeting.mode,
        meeting.location, meeting.invited, meeting.attendance, meeting.registration, meeting.contact,
        [(a.time_text, a.start, a.end, a.content, a.presenter, a.note, a.sub_item) for a in meeting.agenda],
        meeting.warnings,
    )


# 1. A programme in an annex table; the meeting's first hour from its first row.

ANNEX = "cong_van_phu_luc_chuong_trinh.txt"
ANNEX_ROWS = [
    ("8h00-8h30", (8, 0), (8, 30), "Đón tiếp đại biểu; khai mạc Hội nghị", "Lãnh đạo Sở", None),
    ("8h30-10h00", (8, 30), (10, 0), "Phổ biến Luật Tiêu chuẩn và Quy chuẩn kỹ thuật sửa đổi, bổ sung năm 2025",
     "Phòng Quản lý TĐC", None),
    ("10h00-10h15", (10, 0), (10, 15), "Giải lao", None, None),
    ("10h15-11h30", (10, 15), (11, 30), "Quản lý đo lường đối với phương tiện đo nhóm 2 tại chợ, cửa hàng xăng dầu",
     "Phòng Quản lý TĐC", "Mang theo tài liệu"),
    ("13h30 -13h45", (13, 30), (13, 45), "Ổn định tổ chức", "Văn phòng Sở", None),
    ("13h45-14h00", (13, 45), (14, 0), "Triển khai các văn bản mới về chất lượng sản phẩm, hàng hóa",
     "Phòng Quản lý TĐC", None),
    ("14h00 – 14h15", (14, 0), (14, 15), "Giải lao", None, None),
    ("14h15-16h30", (14, 15), (16, 30), "Thảo luận, giải đáp khó khăn, vướng mắc của các xã, phường", "Lãnh đạo Sở",
     None),
    ("16h30-17h00", (16, 30), (17, 0), "Tổng kết, bế mạc Hội nghị", "Lãnh đạo Sở", None),
]


def _on_25_9(hour: int, minute: int) -> datetime:
    return datetime(2026, 9, 25, hour, minute)


def _check_annex(meeting: MeetingDoc) -> None:
    assert meeting.kind == "letter"
    assert meeting.title == (
        "tổ chức Hội nghị phổ biến các quy định mới về tiêu chuẩn, đo lường, chất lượng cho cán bộ cấp xã năm 2026"
    )
    assert (meeting.document_number, meeting.issuer) == ("1250/SKHCN-TĐC", "Sở Khoa học và Công nghệ")
    assert (meeting.place, meeting.year) == ("Gia Lai", 2026)
    assert meeting.time_text == "01 ngày, ngày 25/9/2026 (thứ Sáu)"
    assert meeting.time is not None and meeting.time.kind == "window"
    # The letter gives the day only; the annex's first row gives the hour, its last row the end.
    assert (meeting.start, meeting.end, meeting.time_label) == (_on_25_9(8, 0), _on_25_9(17, 0), None)
    assert (meeting.duration_text, meeting.tentative) == ("01 ngày", False)
    assert [
        (a.time_text, a.start, a.end, a.content, a.presenter, a.note, a.sub_item) for a in meeting.agenda
    ] == [
        (time, _on_25_9(*start), _on_25_9(*end), content, presenter, note, False)
        for time, start, end, content, presenter, note in ANNEX_ROWS
    ]  # the "Buổi sáng" / "Buổi chiều" rows across the table are no items
    assert meeting.location == (
        "Hội trường tầng 3, Sở Khoa học và Công nghệ, số 02 Trần Phú, phường Pleiku, tỉnh Gia Lai"
    )
    assert (meeting.mode, meeting.mode_text) == ("in_person", None)  # a hall, no word of online
    assert meeting.invited == ("Ủy ban nhân dân các xã, phường trên địa bàn tỉnh",)
    assert meeting.attendance == (
        "Lãnh đạo UBND xã, phường và công chức phụ trách lĩnh vực khoa học và công nghệ (01 người/đơn vị)."
    )
    cutoff = meeting.registration
    assert cutoff is not None
    assert (cutoff.due_text, cutoff.due_at) == ("trước ngày 22/9/2026", datetime(2026, 9, 22))
    assert cutoff.owed_by == ("UBND các xã, phường",)
    assert cutoff.to == "Sở Khoa học và Công nghệ (qua Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng)"
    assert meeting.contact is not None
    assert (meeting.contact.name, meeting.contact.phone) == ("Bà Nguyễn Thị Thu Hà", "02693824567")
    assert meeting.contact.position == "Chuyên viên Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
    assert (meeting.signer, meeting.signer_title) == ("Trần Văn Bình", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert (meeting.join_url, meeting.follow_ups, meeting.warnings) == (None, (), ())


def test_a_programme_annex_gives_its_rows_and_the_first_hour_of_a_day_only_meeting() -> None:
    _check_annex(read_meeting_letter(shape(ANNEX)))


def test_the_programme_annex_as_a_word_table_reads_the_same() -> None:
    text = document_text("cong-van.docx", as_docx(shape(ANNEX)))
    assert "Buổi sáng\t\t\t\n8h00-8h30\tĐón tiếp đại biểu" in text  # merged across the row, then the first row
    meeting = read_meeting_letter(text)
    _check_annex(meeting)
    assert _facts(meeting) == _facts(read_meeting_letter(shape(ANNEX)))


def test_a_period_keeps_its_words_and_the_programme_hours_get_no_invented_day() -> None:
    meeting = read_meeting_letter(shape("thong_bao_cuoi_thang.txt"))
    assert meeting.title == (
        "tổ chức Hội nghị đối thoại với doanh nghiệp về hoạt động tiêu chuẩn, đo lường, chất lượng năm 2026"
    )
    assert meeting.document_number == "1302/TB-SKHCN"
    assert meeting.time_text == "cuối tháng 9 năm 2026 (Sở sẽ thông báo ngày cụ thể sau)"
    assert meeting.tentative is True  # "Thời gian dự kiến"
    # The hour is the first row's; the day is not known, so the time reads as the letter wrote it.
    assert meeting.time_label == "8h00, cuối tháng 9/2026"
    assert (meeting.start, meeting.end) == (datetime(2026, 9, 30), datetime(2026, 10, 1))  # for ordering only
    assert [(a.time_text, a.start, a.end, a.content, a.presenter) for a in meeting.agenda] == [
        ("8h00-8h30", None, None, "Đón tiếp đại biểu", "Văn phòng Sở"),
        ("8h30-10h30", None, None, "Đối thoại, giải đáp kiến nghị của doanh nghiệp", "Lãnh đạo Sở"),
        ("10h30-11h00", None, None, "Kết luận Hội nghị", "Giám đốc Sở"),
    ]
    assert (meeting.mode, meeting.location) == ("in_person", "Phòng họp tầng 2, Sở Khoa học và Công nghệ")
    assert (meeting.signer, meeting.signer_title) == ("Lê Minh Tuấn", "GIÁM ĐỐC")
    assert (meeting.registration, meeting.invited, meeting.contact) == (None, (), None)
    assert meeting.warnings == (
        "Văn bản chỉ ghi thời gian họp «cuối tháng 9 năm 2026 (Sở sẽ thông báo ngày cụ thể sau)», "
        "chưa có ngày cụ thể.",
    )


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("ngày 25/9/2026", "ngày 25/9/2026"),
        ("Thứ Sáu, ngày 25 tháng 9 năm 2026", "ngày 25/9/2026"),
        ("cuối tháng 9 năm 2026", "cuối tháng 9/2026"),
        ("đầu tháng 10/2026", "đầu tháng 10/2026"),
        ("trong tháng 9/2026", "tháng 9/2026"),
        ("Quý III/2026", "quý III/2026"),
        ("14h00 ngày 25/9/2026", None),
    ],
)
def test_a_time_without_an_hour_reads_as_its_day_or_period(written: str, label: str | None) -> None:
    assert when_label(parse_time(written, datetime(2026, 1, 1), 2026)) == label


@pytest.mark.parametrize(("cell", "clock"), [("8h00-8h30", "8h00"), ("13h30 -13h45", "13h30"),
                                             ("14h00 – 14h15", "14h00"), ("8 giờ", "8h00"), ("Buổi sáng", None)])
def test_the_first_hour_of_a_programme_row(cell: str, clock: str | None) -> None:
    assert clock_of(cell) == clock


# 2. A venue wrapped onto the next line; the issuing place and date are never the venue.

WRAPPED = "giay_moi_dia_diem_xuong_dong.txt"


def _check_wrapped(meeting: MeetingDoc) -> None:
    assert meeting.title == "Họp triển khai kiểm tra nhà nước về đo lường đối với cân tại các chợ năm 2026"
    assert meeting.document_number == "318/GM-SKHCN"
    assert meeting.location == "Hội trường UBND phường Quy Nhơn, số 25 Lê Lợi, phường Quy Nhơn, tỉnh Gia Lai"
    assert (meeting.place, meeting.year) == ("Bình Định", 2026)
    assert (meeting.start, meeting.end, meeting.time_label) == (datetime(2026, 9, 16, 14, 0), None, None)
    assert meeting.mode == "hybrid"  # "trực tiếp và trực tuyến"
    assert meeting.mode_text == "trực tiếp và trực tuyến (điểm cầu các phường kết nối qua phần mềm Zoom)"
    # "Sở … trân trọng kính mời:" then "- Đại diện lãnh đạo UBND phường Quy Nhơn;": the units invited.
    assert meeting.invited == ("UBND phường Quy Nhơn", "UBND phường Quy Nhơn Nam", "Ban Quản lý chợ Lớn Quy Nhơn")
    assert (meeting.signer, meeting.signer_title) == ("Phạm Thị Lan Anh", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert (meeting.registration, meeting.contact, meeting.agenda, meeting.warnings) == (None, None, (), ())


def test_a_venue_wrapped_onto_the_next_line_is_read_whole_and_stops_at_the_date_line() -> None:
    _check_wrapped(read_meeting_letter(shape(WRAPPED)))


def test_the_wrapped_venue_as_a_pdf_reads_the_same() -> None:
    meeting = read_meeting_letter(document_text("giay-moi.pdf", as_pdf(shape(WRAPPED))))
    _check_wrapped(meeting)


def test_an_empty_venue_label_does_not_take_the_place_and_date_line() -> None:
    text = (
        "V/v họp kiểm tra cân tại chợ\nThời gian: 14h00 ngày 16/9/2026.\nHình thức: trực tiếp.\n"
        "Địa điểm:\nBình Định, ngày 10 tháng 9 năm 2026\nGIÁM ĐỐC\nLê Minh Tuấn"
    )
    meeting = read_meeting_letter(text)
    assert meeting.location is None
    assert (meeting.place, meeting.mode) == ("Bình Định", "in_person")
    assert meeting.warnings == ("Họp trực tiếp nhưng văn bản không ghi địa điểm.",)


def test_a_finished_venue_does_not_take_the_sentence_after_it() -> None:
    text = (
        "Thời gian: 8h00 ngày 16/9/2026\nĐịa điểm: Phòng họp số 2, Sở Khoa học và Công nghệ.\n"
        "Phòng họp tầng 5 dành cho đại biểu các phường, tỉnh Gia Lai.\nĐường dẫn: https://zoom.us/j/1"
    )
    assert read_meeting_letter(text).location == "Phòng họp số 2, Sở Khoa học và Công nghệ"


# 3. A hall or meeting room with no word of online is in person; in person and online is hybrid.

@pytest.mark.parametrize(
    ("lines", "mode"),
    [
        ("Địa điểm: Hội trường UBND xã Tuy Phước", "in_person"),
        ("Địa điểm: Phòng họp số 3, Sở Khoa học và Công nghệ", "in_person"),
        ("Địa điểm: tầng 3, trụ sở Sở Khoa học và Công nghệ", "in_person"),
        ("Hình thức: trực tiếp và trực tuyến\nĐịa điểm: Hội trường tầng 3", "hybrid"),
        ("Hình thức: trực tiếp\nĐịa điểm: Hội trường tầng 3 và trực tuyến tại điểm cầu các xã", "hybrid"),
        ("Hình thức: trực tuyến\nĐịa điểm: Phòng họp tầng 3 (điểm cầu chính)", "online"),
        ("Địa điểm: Hội trường tầng 3 và trực tuyến qua Zoom", "hybrid"),
        ("Địa điểm: trực tuyến qua Zoom", "online"),
    ],
)
def test_the_mode_a_venue_implies(lines: str, mode: str) -> None:
    meeting = read_meeting_letter(f"V/v họp\nThời gian: 8h00 ngày 16/9/2026\n{lines}")
    assert meeting.mode == mode
    assert "Văn bản không nói hình thức họp (trực tiếp hay trực tuyến)." not in meeting.warnings


def test_a_venue_that_is_no_hall_says_nothing_of_the_mode() -> None:
    meeting = read_meeting_letter("V/v họp\nThời gian: 8h00 ngày 16/9/2026\nĐịa điểm: UBND xã Tuy Phước")
    assert meeting.mode is None
    assert meeting.warnings == ("Văn bản không nói hình thức họp (trực tiếp hay trực tuyến).",)


# 4. Units listed as bullets under the numbered groups of "Thành phần".

GROUPS = "ke_hoach_thanh_phan_nhom.txt"
GROUP_UNITS = (
    "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng", "Văn phòng Sở", "UBND xã Tuy Phước", "UBND phường Quy Nhơn Nam",
    "UBND xã Phù Cát", "Công an tỉnh (Phòng Cảnh sát kinh tế)", "Chi cục Quản lý thị trường tỉnh Gia Lai",
)


def _check_groups(meeting: MeetingDoc) -> None:
    assert meeting.kind == "plan"
    assert meeting.title == (
        "Tổ chức Hội nghị tập huấn nghiệp vụ quản lý đo lường, chất lượng cho cán bộ cấp xã năm 2026"
    )
    assert (meeting.document_number, meeting.place, meeting.year) == ("88/KH-SKHCN", "Gia Lai", 2026)
    assert meeting.invited == GROUP_UNITS  # "- Lãnh đạo Sở" is who attends, not a unit
    assert letter_unit_names(meeting) == list(GROUP_UNITS)  # what the caller matches and reports
    assert meeting.attendance is not None
    assert meeting.attendance.startswith("3.1. Đại biểu Sở Khoa học và Công nghệ:\n- Lãnh đạo Sở;\n")
    assert meeting.attendance.endswith("3.3. Đại biểu các cơ quan liên quan:\n- Công an tỉnh (Phòng Cảnh sát kinh tế);"
                                       "\n- Chi cục Quản lý thị trường tỉnh Gia Lai.")
    assert (meeting.start, meeting.end) == (datetime(2026, 10, 8, 7, 30), datetime(2026, 10, 8, 11, 30))
    assert (meeting.time_text, meeting.time_label) == ("7h30, thứ Năm ngày 08/10/2026", None)
    assert (meeting.mode, meeting.mode_text) == ("in_person", "Trực tiếp")
    assert meeting.location == "Hội trường UBND xã Tuy Phước, số 12 Đào Tấn, xã Tuy Phước, tỉnh Gia Lai"
    assert [(a.time_text, a.content, a.presenter) for a in meeting.agenda] == [
        ("7h30-8h00", "Đón tiếp đại biểu", "Văn phòng Sở"),
        ("8h00-9h30", "Hướng dẫn kiểm tra phương tiện đo nhóm 2 tại chợ", "Phòng Quản lý TĐC"),
        ("9h30-11h00", "Hướng dẫn kiểm tra chất lượng hàng hóa lưu thông trên thị trường", "Phòng Quản lý TĐC"),
        ("11h00-11h30", "Thảo luận và bế mạc", "Lãnh đạo Sở"),
    ]
    assert (meeting.signer, meeting.signer_title) == ("Lê Minh Tuấn", "GIÁM ĐỐC")
    assert (meeting.registration, meeting.contact, meeting.follow_ups, meeting.warnings) == (None, None, (), ())


def test_units_listed_under_numbered_attendance_groups_are_invited() -> None:
    _check_groups(read_meeting_letter(shape(GROUPS)))


def test_the_grouped_attendance_as_word_reads_the_same() -> None:
    meeting = read_meeting_letter(document_text("ke-hoach.docx", as_docx(shape(GROUPS))))
    _check_groups(meeting)
    assert _facts(meeting) == _facts(read_meeting_letter(shape(GROUPS)))


def test_kinh_gui_pointing_at_the_list_is_no_unit_and_both_lists_add_up() -> None:
    text = (
        "V/v họp\nKính gửi: Như thành phần mời.\nThời gian: 8h00 ngày 16/9/2026\n3. Thành phần:\n"
        "- UBND xã Tuy Phước;\n- Phòng Kinh tế xã Phù Cát;\n- Đại diện lãnh đạo Ủy ban TĐC.\n4. Nội dung: Trao đổi."
    )
    assert read_meeting_letter(text).invited == ("UBND xã Tuy Phước", "Phòng Kinh tế xã Phù Cát")


# 6. A notice copied from a web page.

WEB = "thong_bao_trang_web.txt"


def test_a_notice_copied_from_a_web_page_is_read_without_the_site_around_it() -> None:
    meeting = read_meeting_letter(shape(WEB))
    assert meeting.title == "Tổ chức Hội nghị tập huấn về truy xuất nguồn gốc sản phẩm, hàng hóa năm 2024"
    # "vào ngày 21/6/2024" is the meeting: not "Cập nhật 14/02/2024", "Ngày đăng", nor another notice's date.
    assert meeting.time_text == "ngày 21/6/2024 (thứ Sáu)"
    assert (meeting.start, meeting.end) == (datetime(2024, 6, 21), datetime(2024, 6, 22))
    assert meeting.time_label == "ngày 21/6/2024"
    assert meeting.year == 2024
    assert meeting.location == (
        "Hội trường tầng 2, Sở Khoa học và Công nghệ, số 10 Trần Phú, thành phố Quy Nhơn"
    )
    assert meeting.mode == "in_person"
    assert meeting.attendance == (
        "đại diện các doanh nghiệp, hợp tác xã sản xuất, kinh doanh trên địa bàn tỉnh; công chức phụ trách "
        "lĩnh vực khoa học và công nghệ của UBND các xã, phường, thị trấn."
    )
    cutoff = meeting.registration
    assert cutoff is not None
    assert (cutoff.due_text, cutoff.due_at) == ("trước ngày 18/6/2024", datetime(2024, 6, 18))
    assert cutoff.to == "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
    assert meeting.contact is not None  # the notice's contact, not the footer's switchboard
    assert (meeting.contact.name, meeting.contact.phone) == ("Ông Phạm Văn Nam", "0905123456")
    assert meeting.contact.position == "Phó Trưởng phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
    assert (meeting.document_number, meeting.place, meeting.signer) == (None, None, None)
    assert (meeting.invited, meeting.agenda, meeting.follow_ups) == ((), (), ())
    assert meeting.warnings == ("Văn bản chỉ ghi thời gian họp «ngày 21/6/2024 (thứ Sáu)», chưa có giờ cụ thể.",)


def test_the_page_chrome_is_cut_and_the_footer_phone_is_never_the_contact() -> None:
    lines = clean_lines(shape(WEB))
    kept = strip_web_chrome(lines)
    assert kept[0] == "Thông báo tổ chức Hội nghị tập huấn về truy xuất nguồn gốc sản phẩm, hàng hóa năm 2024"
    assert kept[-1] == "Mọi chi tiết xin liên hệ: Ông Phạm Văn Nam, Phó Trưởng phòng Quản lý Tiêu chuẩn Đo lường " \
                       "Chất lượng, điện thoại: 0905.123.456."
    assert len(kept) == 6
    without_contact = "\n".join(line for line in shape(WEB).splitlines() if not line.startswith("Mọi chi tiết"))
    assert read_meeting_letter(without_contact).contact is None
    # Without its own day the notice has none: another notice's "vào ngày 25/01/2024" under "Tin cùng loại" is not it.
    undated = read_meeting_letter(shape(WEB).replace(" vào ngày 21/6/2024 (thứ Sáu)", ""))
    assert (undated.time_text, undated.start) == (None, None)
    assert undated.warnings[0] == "Không thấy dòng «Thời gian» của cuộc họp."


def test_letters_are_no_web_pages_and_keep_every_line() -> None:
    for name in ("000_a3fd057809f7ec29.txt", "001_09a72fef00e9e36f.txt"):
        lines = clean_lines((FIXTURES / "seeds" / name).read_text(encoding="utf-8"))
        assert not is_web_page(lines) and strip_web_chrome(lines) == lines
    one_sign = ["Liên hệ", "Kính gửi: UBND các xã", "Thời gian: 8h00 ngày 16/9/2026"]
    assert strip_web_chrome(one_sign) == one_sign


# 5. A time with no hour is shown as its day or period, never 00h00 (the storage side: tests/storage).

def test_times_are_shown_as_people_read_them() -> None:
    at = datetime(2026, 9, 25, tzinfo=TZ)
    assert when_text(at, TZ) == "ngày 25/9/2026"
    assert when_text(at.replace(hour=14), TZ) == "14h00, ngày 25/09/2026"
    assert when_text(datetime(2026, 9, 30, tzinfo=TZ), TZ, "cuối tháng 9/2026") == "cuối tháng 9/2026"
    meeting = Meeting(title="Hội nghị", start_at=datetime(2026, 9, 29, 17, tzinfo=ZoneInfo("UTC")))
    assert meeting_when(meeting, TZ) == "ngày 30/9/2026"  # midnight in Hà Nội is 17h00 UTC the day before
    assert meeting_when(Meeting(title="Hội nghị"), TZ) == ""
