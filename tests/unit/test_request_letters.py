"""Request letters (Công văn đề nghị báo cáo, Thông báo): every fact a commune officer reads from one.

The letters in tests/fixtures/requests are written the way a provincial Department of Science and
Technology writes them; two are sent here as real files (a .docx made with python-docx, a .pdf made
with fpdf2) and read through document_text. The traps are the dates that are not due dates: cited
documents, the letter's own date, an earlier letter's deadline, the Department's own deadline upward.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import docx
import pytest
from fpdf import FPDF

from domain.documents.extract import document_text
from domain.documents.models import RequestDoc, RequestItemDoc
from domain.documents.request import read_request
from domain.recurrence import Recurrence
from tests.conftest import fixture_file

REF = datetime(2026, 12, 2, 10, 0)  # "now" for the readings below
TDC = "Chuyên viên Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
NO_DEADLINE = "Văn bản không nêu hạn gửi báo cáo hay hồ sơ nào (không thấy «trước ngày …», «chậm nhất …»)."


def letter_text(name: str) -> str:
    return fixture_file(f"requests/{name}").read_text(encoding="utf-8")


def read(name: str, ref: datetime = REF) -> RequestDoc:
    return read_request(letter_text(name), ref)


def only(doc: RequestDoc) -> RequestItemDoc:
    assert len(doc.requests) == 1, doc.requests
    return doc.requests[0]


def as_docx(text: str) -> bytes:
    """The letter as Word writes it: the two-column header as a borderless table, then paragraphs."""
    document = docx.Document()
    lines = [line for line in text.splitlines() if line.strip()]
    header = [line.split("\t") for line in lines if "\t" in line]
    table = document.add_table(rows=0, cols=2)
    for left, right in header:
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = left, right
    for line in lines:
        if "\t" not in line:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_pdf(text: str) -> bytes:
    """The letter as a PDF: the header as a two-column table, the body as wrapped paragraphs."""
    font = fixture_file("fonts/DejaVuSans.ttf")
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    lines = [line for line in text.splitlines() if line.strip()]
    header = [line.split("\t") for line in lines if "\t" in line]
    with pdf.table(col_widths=(40, 60), first_row_as_headings=False) as table:
        for cells in header:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    for line in lines:
        if "\t" not in line:
            pdf.multi_cell(0, 5, line)
            pdf.ln(2)
    return bytes(pdf.output())


def check_year_end_report(doc: RequestDoc) -> None:
    assert (doc.document_number, doc.issuer, doc.place, doc.issued_on, doc.year) == (
        "1245/SKHCN-TĐC", "Sở Khoa học và Công nghệ", "Gia Lai", date(2026, 11, 20), 2026)
    assert doc.title == ("báo cáo kết quả công tác quản lý nhà nước về tiêu chuẩn, đo lường, chất lượng năm 2026")
    assert (doc.signer, doc.warnings) == ("Lê Văn Thành", ())
    item = only(doc)
    assert item.what == ("Báo cáo kết quả công tác quản lý nhà nước về tiêu chuẩn, đo lường, chất lượng năm 2026 "
                         "trên địa bàn (theo Đề cương gửi kèm)")
    assert item.owed_by == ("UBND các xã, phường",)
    assert item.to == "Sở Khoa học và Công nghệ (qua Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng)"
    assert (item.address, item.email) == (None, "phongtdc.skhcn@gialai.gov.vn")
    # the figures run to 30/11; the 25/12 is the Department's own deadline to the province; 05/11 a cited letter
    assert item.data_cutoff_text == "Số liệu báo cáo tính từ ngày 01/12/2025 đến ngày 30/11/2026"
    assert item.data_cutoff == date(2026, 11, 30)
    assert (item.due_text, item.due_at, item.recurrence) == ("trước ngày 12/12/2026", datetime(2026, 12, 12), None)
    assert item.contact is not None
    assert (item.contact.name, item.contact.position, item.contact.phone) == (
        "Bà Nguyễn Thị Thu Hà", TDC, "02693824615")


def test_year_end_report_from_communes_with_cutoff_and_email() -> None:
    check_year_end_report(read("01_bao_cao_cuoi_nam_xa.txt"))


def test_year_end_report_as_a_word_file_reads_the_same() -> None:
    text = document_text("cong-van-1245.docx", as_docx(letter_text("01_bao_cao_cuoi_nam_xa.txt")))
    check_year_end_report(read_request(text, REF))


def test_registration_form_with_postal_address_and_phones() -> None:
    doc = read("02_phieu_dang_ky_doanh_nghiep.txt")
    assert (doc.document_number, doc.place, doc.issued_on, doc.signer) == (
        "968/SKHCN-TĐC", "Quảng Ngãi", date(2026, 7, 22), "Huỳnh Thị Ngọc Lan")
    item = only(doc)
    assert item.what == "Phiếu đăng ký nhu cầu hỗ trợ (theo mẫu đính kèm)"
    assert item.owed_by == ("các doanh nghiệp có nhu cầu",)  # who is asked, as written, not every addressee
    assert item.to == "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi"
    assert item.address == "Số 96 đường Nguyễn Du, phường Cẩm Thành, tỉnh Quảng Ngãi"
    assert (item.email, item.data_cutoff, item.recurrence) == (None, None, None)
    # "trước ngày 15 tháng 8 năm 2026": the 15th itself is late
    assert (item.due_text, item.due_at) == ("trước ngày 15 tháng 8 năm 2026", datetime(2026, 8, 15))
    assert item.contact is not None
    assert (item.contact.name, item.contact.position, item.contact.phone) == (
        "Ông Trần Minh Quang", "Phó Trưởng phòng Quản lý Tiêu chuẩn Đo lường Chất lượng", "02553822747")


@pytest.mark.parametrize(("ref", "due_at"), [
    (datetime(2026, 3, 10, 8, 0), datetime(2026, 5, 31)),   # the day the letter is signed: this May
    (datetime(2026, 5, 31, 0, 0), datetime(2027, 5, 31)),   # 31 May has begun: too late for this year's
    (REF, datetime(2027, 5, 31)),
])
def test_yearly_report_before_31_may_every_year(ref: datetime, due_at: datetime) -> None:
    doc = read("03_bao_cao_hang_nam_kiem_dinh.txt", ref)
    assert (doc.document_number, doc.issued_on, doc.warnings) == ("312/SKHCN-TĐC", date(2026, 3, 10), ())
    item = only(doc)
    assert item.what == ("Báo cáo tình hình hoạt động kiểm định, hiệu chuẩn, thử nghiệm của năm trước liền kề "
                         "(theo Mẫu số 09/BCHĐ)")
    assert item.owed_by == ("các tổ chức kiểm định, hiệu chuẩn, thử nghiệm phương tiện đo",)
    assert item.to == "Sở Khoa học và Công nghệ"
    assert item.address == "Số 35 Trần Hưng Đạo, phường Xuân Hương - Đà Lạt, tỉnh Lâm Đồng"
    assert item.email == "tdc@lamdong.gov.vn"
    assert item.recurrence == Recurrence(every="year", day=31, month=5, inclusive=False,
                                         text="trước ngày 31/5 hàng năm")
    assert (item.due_text, item.due_at) == ("trước ngày 31/5 hàng năm", due_at)
    assert item.due is not None and item.due.end == due_at
    assert item.contact is not None and (item.contact.name, item.contact.phone) == ("Ông Phan Quốc Việt", "02633822564")


@pytest.mark.parametrize(("ref", "due_at"), [
    (REF, datetime(2027, 1, 21)),                           # the 2026 report: by 20/01/2027 inclusive
    (datetime(2027, 1, 20, 17, 0), datetime(2027, 1, 21)),  # the 20th is still in time
    (datetime(2027, 1, 21, 0, 0), datetime(2028, 1, 21)),
])
def test_statistics_by_20_january_of_the_year_after_the_reporting_year_as_pdf(ref: datetime,
                                                                             due_at: datetime) -> None:
    text = document_text("cong-van-1507.pdf", as_pdf(letter_text("04_bao_cao_thong_ke_nam_ke_tiep.txt")))
    doc = read_request(text, ref)
    assert (doc.document_number, doc.issuer, doc.place, doc.issued_on) == (
        "1507/SKHCN-TĐC", "Sở Khoa học và Công nghệ", "Tây Ninh", date(2026, 10, 14))
    item = only(doc)
    assert item.what == ("Báo cáo thống kê cơ sở về tiêu chuẩn, đo lường, chất lượng "
                         "(theo các biểu mẫu kèm theo Thông tư)")
    assert (item.owed_by, item.to) == (("UBND các xã, phường",), "Sở Khoa học và Công nghệ")  # from "Kính gửi"
    assert (item.address, item.email) == (None, "thongke.skhcn@tayninh.gov.vn")
    assert item.recurrence == Recurrence(every="year", day=20, month=1, inclusive=True,
                                         text="chậm nhất là ngày 20/01 năm kế tiếp của năm báo cáo")
    assert item.due_at == due_at
    assert item.contact is not None and (item.contact.name, item.contact.phone) == (
        "Bà Võ Thị Ngọc Trâm", "02723826418")


def test_quarterly_report_and_a_quarterly_list_with_no_day() -> None:
    doc = read("05_bao_cao_hang_quy_xa.txt")
    report, listing = doc.requests
    assert report.what == "Báo cáo kết quả kiểm tra nhà nước về đo lường, chất lượng sản phẩm, hàng hóa trên địa bàn"
    assert report.owed_by == ("UBND các xã, phường",)  # the lead-in line above the bullets
    assert report.to == "Sở Khoa học và Công nghệ (qua Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng)"
    assert report.recurrence == Recurrence(every="quarter", day=15, month=3, inclusive=False,
                                           text="Định kỳ hằng quý, trước ngày 15 của tháng cuối quý")
    assert report.due_at == datetime(2026, 12, 15)
    assert read("05_bao_cao_hang_quy_xa.txt", datetime(2026, 12, 20)).requests[0].due_at == datetime(2027, 3, 15)
    # "hằng quý" with no day: kept, undated, and said so, never placed on a guessed day
    assert listing.what == "Cập nhật danh sách cơ sở kinh doanh xăng dầu, khí dầu mỏ hóa lỏng trên địa bàn"
    assert (listing.owed_by, listing.to) == (("UBND các xã, phường",), "Sở Khoa học và Công nghệ")
    assert (listing.due_text, listing.due, listing.due_at, listing.recurrence) == ("hằng quý", None, None, None)
    assert doc.warnings == ("«Cập nhật danh sách cơ sở kinh doanh xăng dầu, khí dầu mỏ hóa lỏng trên địa bàn»: "
                            "«hằng quý» không ghi ngày nộp trong mỗi quý, chưa đặt được hạn nhắc.",)
    assert report.contact is not None and (report.contact.phone, report.contact.email) == (
        "0919422038", "haidm.skhcn@dongnai.gov.vn")
    assert report.email is None  # the contact's own address is not where the report goes


def test_a_notice_with_its_own_dates_cited_documents_and_an_earlier_deadline() -> None:
    doc = read("06_thong_bao_nhiem_vu_khcn.txt")
    # "Ngày thông báo: 03-03-2025" is the notice's date ("Cập nhật 05/03/2025" comes after it)
    assert (doc.issued_on, doc.year, doc.document_number) == (date(2025, 3, 3), 2025, None)
    assert doc.title == "nộp báo cáo định kỳ tình hình thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh"
    item = only(doc)  # not 11/6/2014, 15/8/2024 (cited), 10/01/2025 or 20/02/2025 (the earlier letter)
    assert item.what == "Báo cáo định kỳ tình hình thực hiện nhiệm vụ (theo Mẫu B1-BCĐK)"
    # a group no unit kind expands to: kept as written for the caller to report
    assert item.owed_by == ("các tổ chức, cá nhân chủ trì nhiệm vụ khoa học và công nghệ cấp tỉnh đang triển khai",)
    assert item.to == "Sở Khoa học và Công nghệ (qua Phòng Quản lý Khoa học)"
    assert item.address == "Số 04 Phan Chu Trinh, phường Nha Trang, tỉnh Khánh Hòa"
    assert item.email == "qlkh.skhcn@khanhhoa.gov.vn"
    assert (item.due_text, item.due_at) == ("chậm nhất là ngày 20/3/2025", datetime(2025, 3, 21))
    assert item.contact is not None and (item.contact.name, item.contact.phone) == ("Bà Phạm Thị Mai", "02583822491")


def test_a_letter_with_no_deadline_asks_for_nothing_and_says_so() -> None:
    doc = read("07_khong_co_han.txt")
    assert (doc.requests, doc.warnings) == ((), (NO_DEADLINE,))
    assert (doc.document_number, doc.issued_on, doc.signer) == ("58/SKHCN-TĐC", date(2026, 1, 12), "Lê Văn Thành")


HEAD = """UBND TỈNH GIA LAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ KHOA HỌC VÀ CÔNG NGHỆ\tĐộc lập - Tự do - Hạnh phúc
Số: 1302/SKHCN-TĐC\tGia Lai, ngày 02 tháng 12 năm 2026
V/v đôn đốc báo cáo
Kính gửi: UBND các xã, phường.
"""


def test_an_earlier_letters_deadline_is_recalled_not_asked() -> None:
    doc = read_request(HEAD + (
        "Ngày 10/11/2026, Sở Khoa học và Công nghệ đã có văn bản đề nghị UBND các xã, phường gửi báo cáo kết quả "
        "trước ngày 25/11/2026; đến nay còn 12 xã, phường chưa gửi.\n"
        "Đề nghị các xã, phường chưa gửi khẩn trương gửi báo cáo về Sở Khoa học và Công nghệ trước ngày 08/12/2026.\n"
    ), REF)
    item = only(doc)
    assert (item.what, item.owed_by, item.due_at) == ("Báo cáo", ("các xã, phường chưa gửi",), datetime(2026, 12, 8))
    assert doc.warnings == ("Hạn «trước ngày 25/11/2026» không sau ngày của văn bản (02/12/2026): "
                            "là hạn của văn bản trước, không lấy.",)


def test_a_deadline_before_the_letters_date_is_never_taken() -> None:
    doc = read_request(HEAD + "Đề nghị UBND các xã, phường gửi báo cáo về Sở trước ngày 30/11/2026.\n", REF)
    assert doc.requests == ()
    assert doc.warnings[0].startswith("Hạn «trước ngày 30/11/2026» không sau ngày của văn bản (02/12/2026)")


def test_grounds_with_a_deadline_and_a_year_less_date_in_the_letters_year() -> None:
    doc = read_request(HEAD + (
        "Theo Kế hoạch, các xã, phường gửi báo cáo về Sở trước ngày 30/11/2026.\n"
        "Đề nghị Quý cơ quan, đơn vị gửi báo cáo về Sở Khoa học và Công nghệ chậm nhất ngày 10/12.\n"
    ), REF)
    item = only(doc)
    assert item.owed_by == ("UBND các xã, phường",)  # "Quý cơ quan, đơn vị" is whom the letter is sent to
    assert (item.due_text, item.due_at) == ("chậm nhất ngày 10/12", datetime(2026, 12, 11))


def test_two_things_asked_and_a_closing_repeat() -> None:
    doc = read_request(HEAD + (
        "Đề nghị UBND các xã, phường:\n"
        "- Gửi Báo cáo kết quả kiểm tra về Sở Khoa học và Công nghệ trước ngày 10/12/2026;\n"
        "- Gửi danh sách cơ sở kinh doanh xăng dầu về Sở Khoa học và Công nghệ trước ngày 20/12/2026.\n"
        "Sở Khoa học và Công nghệ đề nghị UBND các xã, phường gửi báo cáo đúng hạn trước ngày 10/12/2026./.\n"
    ), REF)
    assert [(item.what, item.owed_by, item.due_at) for item in doc.requests] == [
        ("Báo cáo kết quả kiểm tra", ("UBND các xã, phường",), datetime(2026, 12, 10)),
        ("Danh sách cơ sở kinh doanh xăng dầu", ("UBND các xã, phường",), datetime(2026, 12, 20)),
    ]


def test_next_year_monthly_and_half_yearly() -> None:
    doc = read_request(HEAD + (
        "Đề nghị UBND các xã, phường gửi Kế hoạch năm 2027 về Sở chậm nhất ngày 15/01 năm kế tiếp.\n"
        "Hằng tháng, UBND các xã, phường gửi báo cáo tình hình kinh doanh xăng dầu về Sở Khoa học và Công nghệ "
        "trước ngày 25 hằng tháng.\n"
        "Đề nghị UBND các xã, phường gửi báo cáo định kỳ 6 tháng về Sở Khoa học và Công nghệ.\n"
    ), REF)
    plan, monthly, half = doc.requests
    assert (plan.what, plan.due_at, plan.recurrence) == ("Kế hoạch năm 2027", datetime(2027, 1, 16), None)
    assert monthly.recurrence == Recurrence(every="month", day=25, month=None, inclusive=False,
                                            text="trước ngày 25 hằng tháng")
    assert monthly.due_at == datetime(2026, 12, 25)
    assert (half.what, half.due_text, half.due_at) == ("Báo cáo định kỳ 6 tháng", "định kỳ 6 tháng", None)
    assert doc.warnings == ("«Báo cáo định kỳ 6 tháng»: «định kỳ 6 tháng» không ghi ngày nộp của mỗi kỳ, "
                            "chưa đặt được hạn nhắc.",)


@pytest.mark.parametrize("text", ["", "   \n", "Kính gửi anh chị, chúc mừng năm mới.", None, 42])
def test_empty_or_foreign_input_is_a_reading_with_a_warning(text: object) -> None:
    doc = read_request(text, REF)  # type: ignore[arg-type]
    assert (doc.requests, doc.warnings) == ((), (NO_DEADLINE,))


def test_without_ref_a_recurring_rule_is_placed_from_now() -> None:
    item = only(read_request(letter_text("03_bao_cao_hang_nam_kiem_dinh.txt")))
    now = datetime.now()  # the machine's zone; Vietnam's differs from it by less than a day
    assert item.due_at is not None and item.due_at.month == 5 and item.due_at.day == 31
    assert now.year <= item.due_at.year <= now.year + 1


LATE_DECEMBER = HEAD.replace("ngày 02 tháng 12 năm 2026", "ngày 22 tháng 12 năm 2026")


def test_a_year_less_date_before_the_letters_own_is_next_year() -> None:
    doc = read_request(LATE_DECEMBER + "Đề nghị UBND các xã, phường gửi Báo cáo tổng kết về Sở trước ngày 10/01.\n",
                       datetime(2026, 12, 22, 9, 0))
    item = only(doc)
    assert (item.what, item.to, item.due_text, item.due_at) == (
        "Báo cáo tổng kết", "Sở", "trước ngày 10/01", datetime(2027, 1, 10))
    assert doc.warnings == ()


@pytest.mark.parametrize(("deadline_line", "due_text", "due_at"), [
    ("Hạn nộp hồ sơ: 15/01/2027.", "Hạn nộp hồ sơ: 15/01/2027", datetime(2027, 1, 16)),
    ("- Thời hạn gửi: trước ngày 15/01/2027.", "Thời hạn gửi: trước ngày 15/01/2027", datetime(2027, 1, 15)),
    ("Thời gian gửi hồ sơ: chậm nhất ngày 15/01/2027.", "chậm nhất ngày 15/01/2027", datetime(2027, 1, 16)),
])
def test_a_labelled_deadline_line_dates_the_ask_above_it(deadline_line: str, due_text: str, due_at: datetime) -> None:
    doc = read_request(LATE_DECEMBER + (
        "Đề nghị các doanh nghiệp có nhu cầu gửi hồ sơ đề nghị hỗ trợ về Sở Khoa học và Công nghệ.\n"
        f"{deadline_line}\n"
    ), datetime(2026, 12, 22, 9, 0))
    item = only(doc)
    assert (item.what, item.owed_by, item.to, item.due_at) == (
        "Hồ sơ đề nghị hỗ trợ", ("các doanh nghiệp có nhu cầu",), "Sở Khoa học và Công nghệ", due_at)
    assert item.due_text == due_text


def test_a_paragraph_of_a_thousand_triggers_costs_a_few_short_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A hostile paragraph ("trước trước trước …") is read a phrase at a time, not once per trigger to its end."""
    import domain.documents.request as request_module

    read: list[int] = []
    real = request_module.parse_time

    def counted(text: str, ref: datetime, year: int | None = None) -> object:
        read.append(len(text))
        return real(text, ref, year)

    monkeypatch.setattr(request_module, "parse_time", counted)
    doc = read_request("Đề nghị UBND các xã gửi báo cáo trước " * 2000, REF)
    assert doc.requests == ()
    assert 0 < len(read) <= 12 and max(read) <= 160


ADDRESSEES = """SỞ KHOA HỌC VÀ CÔNG NGHỆ
Số: 77/SKHCN-TĐC
V/v cung cấp thông tin cán bộ đầu mối
Kính gửi:
- UBND các xã, phường;
- Các phòng, đơn vị thuộc Sở.
Để tổng hợp, Sở đề nghị Quý cơ quan, đơn vị cung cấp thông tin về cán bộ đầu mối theo mẫu gửi kèm về Văn phòng Sở \
trước ngày 20/12/2026.
"""


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_addressees_listed_under_kinh_gui_owe_it_in_any_unicode_form(form: str) -> None:
    import unicodedata

    item = only(read_request(unicodedata.normalize(form, ADDRESSEES), REF))
    assert (item.what, item.owed_by, item.to, item.due_at) == (
        "Thông tin về cán bộ đầu mối theo mẫu gửi kèm", ("UBND các xã, phường", "Các phòng, đơn vị thuộc Sở"),
        "Văn phòng Sở", datetime(2026, 12, 20))


def test_a_letter_typed_without_diacritics() -> None:
    item = only(read_request(
        "De nghi UBND cac xa, phuong gui bao cao ket qua ve So Khoa hoc va Cong nghe truoc ngay 12/12/2026.", REF))
    assert (item.what, item.owed_by, item.to, item.due_at) == (
        "Bao cao ket qua", ("UBND cac xa, phuong",), "So Khoa hoc va Cong nghe", datetime(2026, 12, 12))
    assert item.contact is None and item.data_cutoff is None


def test_the_owners_as_written_match_the_directory_or_are_reported() -> None:
    from domain.documents.units import UnitIndex, UnitRef

    index = UnitIndex([
        UnitRef(1, "commune", "Phường Pleiku"), UnitRef(2, "commune", "Xã Ia Grai"),
        UnitRef(3, "division", "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"), UnitRef(4, "division", "Văn phòng Sở"),
        UnitRef(5, "service_org", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng"),
    ])
    owners = {name: index.match(owner) for name in ("01_bao_cao_cuoi_nam_xa.txt", "03_bao_cao_hang_nam_kiem_dinh.txt",
                                                    "06_thong_bao_nhiem_vu_khcn.txt")
              for owner in only(read(name)).owed_by}
    assert (owners["01_bao_cao_cuoi_nam_xa.txt"].group, owners["01_bao_cao_cuoi_nam_xa.txt"].unit_ids) == (
        "communes", (1, 2))
    assert (owners["03_bao_cao_hang_nam_kiem_dinh.txt"].group,
            owners["03_bao_cao_hang_nam_kiem_dinh.txt"].unit_ids) == ("service_orgs", (5,))
    # "các tổ chức, cá nhân chủ trì nhiệm vụ …" is no kind of unit: unmatched, for the caller to report
    assert owners["06_thong_bao_nhiem_vu_khcn.txt"].status == "unmatched"
    divisions = index.match(only(read_request(ADDRESSEES, REF)).owed_by[1])
    assert (divisions.group, divisions.unit_ids) == ("divisions", (3, 4))
    assert index.match("các đơn vị trực thuộc Sở").group == "divisions"
    assert index.match("các phòng chuyên môn, đơn vị sự nghiệp trực thuộc Sở").group == "divisions"


def test_an_aware_ref_is_read_in_vietnam_time() -> None:

    # 30/5 17:30 UTC is 31/5 00:30 in Vietnam: this year's "trước ngày 31/5" has passed there
    item = only(read("03_bao_cao_hang_nam_kiem_dinh.txt", datetime(2026, 5, 30, 17, 30, tzinfo=UTC)))
    assert item.due_at == datetime(2027, 5, 31)
