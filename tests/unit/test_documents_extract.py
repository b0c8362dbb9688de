"""From uploaded bytes to text: Word tables and PDF tables come out as rows, bad files as DocumentError.

The seed plan is rebuilt here as a real Word document (section II as paragraphs, the appendix
as a Word table with merged group rows and rows split by a page break) and as a PDF made with
fpdf2; both must read to the same 21 tasks as the text.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

import docx
import pytest
from fpdf import FPDF

from domain.documents.errors import DocumentError
from domain.documents.extract import document_text, text_from_docx, text_from_pdf, text_from_plain
from domain.documents.letter import read_meeting_letter
from domain.documents.models import MeetingDoc, PlanDoc
from domain.documents.plan import read_plan
from tests.conftest import FIXTURES

SEEDS = FIXTURES / "seeds"
SEED_003 = SEEDS / "003_9dc728ae31be0994.txt"
FONT = FIXTURES / "fonts/DejaVuSans.ttf"  # carried by the repository: no system font needed
_MARKUP = re.compile(r"</?p>|\*\*|\*")
_GROUP = re.compile(r"[IVX]+\.\s")


def seed_plan_text() -> str:
    if not SEED_003.exists():
        pytest.fail(f"Seed plan missing: {SEED_003}")
    return SEED_003.read_text(encoding="utf-8")


def _seed_parts() -> tuple[list[str], list[list[str]]]:
    """The seed as body paragraphs and appendix rows (six cells; continuation rows start empty)."""
    lines = seed_plan_text().splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("TT\t"))
    body = [_MARKUP.sub("", line) for line in lines[:start] if line.strip()]
    rows = []
    for line in lines[start:]:
        if line.strip() and not line.startswith("--"):
            cells = _MARKUP.sub("", line).split("\t")
            rows.append((cells + [""] * 6)[:6])
    return body, rows


def seed_as_docx() -> bytes:
    body, rows = _seed_parts()
    document = docx.Document()
    for line in body:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=6)
    for cells in rows:
        row = table.add_row()
        if _GROUP.match(cells[0]):
            row.cells[0].merge(row.cells[5]).text = cells[0]  # a group title across all six columns
        else:
            for position, text in enumerate(cells):
                row.cells[position].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seed_as_pdf() -> bytes:
    if not FONT.exists():
        pytest.fail(f"Unicode font missing: {FONT}")
    body, rows = _seed_parts()
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for line in body:
        pdf.multi_cell(0, 5, line)
        pdf.ln(2)
    pdf.set_font("DejaVu", size=8)
    with pdf.table(col_widths=(8, 60, 35, 25, 35, 20), v_align="TOP", first_row_as_headings=False) as table:
        for cells in rows:
            row = table.row()
            if _GROUP.match(cells[0]):
                row.cell(cells[0], colspan=6)
            else:
                for text in cells:
                    row.cell(text)
    return bytes(pdf.output())


def _tasks(plan: PlanDoc) -> list[tuple[object, ...]]:
    return [
        (t.section, t.number, t.row, t.lead, t.coordinators, t.timeframe_text, t.timeframe, t.source)
        for t in plan.tasks
    ]


def _spaced(text: str | None) -> str:
    return " ".join((text or "").split())


def test_the_seed_plan_as_word_reads_to_the_same_21_tasks() -> None:
    expected = read_plan(seed_plan_text())
    text = document_text("ke-hoach.docx", seed_as_docx())
    plan = read_plan(text)
    assert len(plan.tasks) == 21
    assert _tasks(plan) == _tasks(expected)
    assert [_spaced(t.expected_result) for t in plan.tasks] == [_spaced(t.expected_result) for t in expected.tasks]
    assert plan.warnings == expected.warnings
    assert [d.due_at for d in plan.deadlines] == [d.due_at for d in expected.deadlines]
    # The merged group row is written once, then empty cells keep the columns in place.
    assert "\nII. Tổ chức triển khai có hiệu quả công tác quản lý nhà nước" in text
    assert re.search(r"\nII\. Tổ chức triển khai[^\n\t]*\t\t\t\t\t\n", text)
    # The row split by a page break stays two rows, the second starting with an empty cell.
    assert "\n\thội nhập quốc tế (Đề án 996)" in text


def test_the_seed_plan_as_pdf_reads_to_the_same_21_tasks() -> None:
    expected = read_plan(seed_plan_text())
    plan = read_plan(document_text("ke-hoach.pdf", seed_as_pdf()))
    assert len(plan.tasks) == 21
    assert _tasks(plan) == _tasks(expected)
    assert [_spaced(t.expected_result) for t in plan.tasks] == [_spaced(t.expected_result) for t in expected.tasks]
    assert [_spaced(t.content) for t in plan.tasks] == [_spaced(t.content) for t in expected.tasks]
    assert plan.warnings == expected.warnings
    assert (plan.title, plan.year, plan.signer) == (expected.title, expected.year, expected.signer)
    assert [(d.owed_by, d.to, d.due_at) for d in plan.deadlines] == [
        (d.owed_by, d.to, d.due_at) for d in expected.deadlines
    ]


def _seed_lines(name: str) -> list[str]:
    path = SEEDS / name
    if not path.exists():
        pytest.fail(f"Seed missing: {path}")
    return [_MARKUP.sub("", line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def letter_as_pdf(name: str, widths: tuple[int, ...]) -> bytes:
    """A seed letter as a PDF: paragraphs, and its table with narrow first column, borders drawn."""
    if not FONT.exists():
        pytest.fail(f"Unicode font missing: {FONT}")
    lines = _seed_lines(name)
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    index = 0
    while index < len(lines):
        if "\t" not in lines[index]:
            pdf.multi_cell(0, 5, lines[index])
            pdf.ln(2)
            index += 1
            continue
        with pdf.table(col_widths=widths, v_align="TOP", first_row_as_headings=False) as table:
            while index < len(lines) and "\t" in lines[index]:
                row = table.row()
                for text in (lines[index].split("\t") + [""] * len(widths))[: len(widths)]:
                    row.cell(text)
                index += 1
    return bytes(pdf.output())


def letter_as_docx(name: str) -> bytes:
    document = docx.Document()
    for line in _seed_lines(name):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _meeting(meeting: MeetingDoc) -> tuple[object, ...]:
    return (
        meeting.title, meeting.start, meeting.end, meeting.tentative, meeting.mode, meeting.location,
        meeting.invited, meeting.attendance, meeting.registration, meeting.contact, meeting.follow_ups,
        [(a.time_text, a.start, a.end, _spaced(a.content), a.presenter, a.sub_item) for a in meeting.agenda],
    )


def test_the_meeting_plan_as_pdf_keeps_its_programme_rows_whole() -> None:
    # The time column is narrow: "13h45-14h00" prints on two lines, and so do most contents.
    text = document_text("ke-hoach-hoi-nghi.pdf", letter_as_pdf("001_09a72fef00e9e36f.txt", (20, 80, 50, 20)))
    expected = read_meeting_letter("\n".join(_seed_lines("001_09a72fef00e9e36f.txt")))
    meeting = read_meeting_letter(text)
    times = [item.time_text for item in meeting.agenda]
    assert times[:4] == ["13h45-14h00", "14h00 -14h10", "14h10-14h20", "14h20-14h50"]
    assert _meeting(meeting) == _meeting(expected)


def test_the_invitation_as_word_reads_like_the_text() -> None:
    expected = read_meeting_letter("\n".join(_seed_lines("000_a3fd057809f7ec29.txt")))
    meeting = read_meeting_letter(document_text("giay-moi.docx", letter_as_docx("000_a3fd057809f7ec29.txt")))
    assert _meeting(meeting) == _meeting(expected)
    assert meeting.contact is not None and meeting.contact.phone == "0919422038"


def _docx(build) -> bytes:  # type: ignore[no-untyped-def]
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_tables_keep_document_order_and_write_merged_cells_once() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("Trước bảng")
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "Gộp ngang"
        table.cell(1, 0).merge(table.cell(2, 0)).text = "Gộp dọc"
        table.cell(1, 1).text = "b1"
        table.cell(2, 1).text = "b2"
        cell = table.cell(1, 2)
        cell.text = "dòng một"
        cell.add_paragraph("dòng\thai")
        document.add_paragraph("Sau bảng")

    text = text_from_docx(_docx(build))
    assert text.split("\n") == [
        "Trước bảng",
        "",
        "Gộp ngang\t\t",
        "Gộp dọc\tb1\tdòng một dòng hai",
        "\tb2\t",
        "",
        "Sau bảng",
    ]


def test_plain_text_encodings() -> None:
    words = "Kế hoạch số 12/KH-SKHCN: Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
    assert text_from_plain(words.encode("utf-8")) == words
    assert text_from_plain(b"\xef\xbb\xbf" + words.encode("utf-8")) == words
    assert text_from_plain(words.encode("utf-16")) == words
    assert text_from_plain(unicodedata.normalize("NFD", words).encode("utf-8")) == words
    assert text_from_plain(_cp1258(words)) == words
    assert text_from_plain("dòng một\r\ndòng hai".encode()) == "dòng một\ndòng hai"


def _cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letters precomposed, tone marks combining."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            for cut in (2, 1):  # keep â/ê/ô/ơ/ư/ă whole when the code page has them
                try:
                    out += unicodedata.normalize("NFC", decomposed[:cut]).encode("cp1258")
                    out += decomposed[cut:].encode("cp1258")
                    break
                except UnicodeEncodeError:
                    continue
    return out


def test_document_text_chooses_by_extension() -> None:
    assert document_text("ghi-chu.TXT", "Kính gửi".encode()) == "Kính gửi"
    assert document_text("ghi-chu.md", "**Kính gửi**".encode()) == "**Kính gửi**"
    assert "Trước bảng" in document_text("A.DOCX", _docx(lambda d: d.add_paragraph("Trước bảng")))


@pytest.mark.parametrize("name", ["ke-hoach.doc", "bang.xls", "bang.xlsx", "anh.png", "anh.jpg", "khong-duoi", ""])
def test_unsupported_types_are_refused_in_vietnamese(name: str) -> None:
    with pytest.raises(DocumentError) as raised:
        document_text(name, b"anything")
    message = str(raised.value)
    assert message.startswith("Chưa đọc được tệp")
    assert "Word (.docx), PDF có lớp chữ (.pdf) hoặc văn bản (.txt, .md)" in message
    assert raised.value.code == "document_unreadable"


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("a.docx", b"not a zip at all", "Tệp .docx bị hỏng"),
        ("a.docx", _zip_without_word(), "Tệp .docx bị hỏng"),
        ("a.docx", b"PK\x03\x04broken", "Tệp .docx bị hỏng"),
        ("a.pdf", b"hello", "Tệp .pdf bị hỏng"),
        ("a.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
         "Tệp .pdf bị hỏng"),
        ("a.txt", b"", "Tệp trống"),
    ],
)
def test_corrupt_files_raise_document_error_not_a_library_traceback(name: str, data: bytes, says: str) -> None:
    with pytest.raises(DocumentError) as raised:
        document_text(name, data)
    assert str(raised.value).startswith(says)


def test_a_pdf_of_images_has_no_text_layer_and_says_so() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")
    with pytest.raises(DocumentError) as raised:
        text_from_pdf(bytes(pdf.output()))
    assert "không có lớp chữ" in str(raised.value)


def test_a_truncated_seed_pdf_is_refused_cleanly() -> None:
    data = seed_as_pdf()
    with pytest.raises(DocumentError):
        text_from_pdf(data[: len(data) // 3])
