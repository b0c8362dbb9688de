"""Plans shaped as other provinces write them (issue 12, part 4), each read the way a person reads it.

Every shape is a document written here the way a Department writes it (tests/fixtures/plan_shapes):
a plan in Markdown, footnotes in the middle of a task, a unit spelled with an en dash and a hyphen,
a working session's duties listed per unit, and a budget stated as a figure. Some are also built
as real .docx files (python-docx) and one as a PDF (fpdf2), read through `document_text` as an
upload is, and must read to the same plan as the text.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

import docx
import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.documents.extract import document_text
from domain.documents.footnotes import strip_footnotes
from domain.documents.header import amount
from domain.documents.markdown import unescape, unmark
from domain.documents.mentions import plan_unit_names, unmatched_names
from domain.documents.models import PlanDoc
from domain.documents.names import split_names, unit_key
from domain.documents.plan import read_plan
from domain.documents.units import UnitIndex, UnitRef
from tests.conftest import FIXTURES

SHAPES = FIXTURES / "plan_shapes"
FONT = FIXTURES / "fonts/DejaVuSans.ttf"
TDC = "Phòng Quản lý TĐC"
TDC_FULL = "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
TECH_CENTRE = "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng"
INSPECTION = "Phòng Thanh tra – Pháp chế"  # as the Khánh Hòa plan first writes it


def shape(name: str) -> str:
    path = SHAPES / name
    if not path.exists():
        pytest.fail(f"Fixture missing: {path}")
    return path.read_text(encoding="utf-8")


def window(start: tuple[int, int, int], end: tuple[int, int, int]) -> tuple[str, datetime, datetime]:
    return "window", datetime(*start), datetime(*end)


def before(day: tuple[int, int, int]) -> tuple[str, None, datetime]:
    return "deadline", None, datetime(*day)


def read_tasks(plan: PlanDoc) -> list[tuple[object, ...]]:
    """What a person reads of each task: its label, text, lead, coordinators, time (as written and read)."""
    return [
        (t.label, t.content, t.lead, t.coordinators, t.timeframe_text,
         (t.timeframe.kind, t.timeframe.start, t.timeframe.end) if t.timeframe else None)
        for t in plan.tasks
    ]


def as_docx(text: str, superscripts: re.Pattern[str] | None = None) -> bytes:
    """The text as a Word file: a paragraph a line, tab-separated lines as one table, and the
    footnote markers `superscripts` finds as superscript runs (how Word writes a marker typed by hand)."""
    document = docx.Document()
    rows = [line.split("\t") for line in text.splitlines() if "\t" in line]
    table = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if "\t" in line:
            if table is None:
                table = document.add_table(rows=0, cols=max(len(row) for row in rows))
            cells = table.add_row().cells
            values = line.split("\t")
            if len([value for value in values if value]) == 2 and re.fullmatch(r"[IVX]+", values[0]):
                cells[0].text = values[0]
                cells[1].merge(cells[-1]).text = values[1]  # a group title across the columns
            else:
                for cell, value in zip(cells, values, strict=False):
                    cell.text = value
            continue
        paragraph = document.add_paragraph()
        position = 0
        for marker in superscripts.finditer(line) if superscripts else ():
            paragraph.add_run(line[position: marker.start()])
            paragraph.add_run(marker.group(0)).font.superscript = True
            position = marker.end()
        paragraph.add_run(line[position:])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- 1. Markdown ---------------------------------------------------------------------------

MARKDOWN_TASKS = [
    ("1.a", "Kiểm tra phương tiện đo, phép đo trong kinh doanh xăng dầu.", (TDC,),
     ("Công an tỉnh", "Chi cục Quản lý thị trường"), "Quý II/2026", window((2026, 4, 1), (2026, 7, 1))),
    ("1.b", "Kiểm tra cân, đồng hồ đo nước tại các chợ.", (TDC,), (), "Quý III/2026",
     window((2026, 7, 1), (2026, 10, 1))),
    ("2.a", "Kiểm tra chất lượng mũ bảo hiểm cho người đi mô tô, xe máy.", (TDC,), ("UBND các xã, phường",),
     "Quý IV/2026", window((2026, 10, 1), (2027, 1, 1))),
    ("2.b", "Kiểm tra chất lượng đồ chơi trẻ em dịp Tết Trung thu.", (TDC,), (), "tháng 8/2026",
     window((2026, 8, 1), (2026, 9, 1))),
]


def test_a_markdown_plan_reads_its_title_and_keeps_each_tasks_section() -> None:
    plan = read_plan(shape("markdown.md"))
    assert plan.title == "Kiểm tra nhà nước về đo lường, chất lượng sản phẩm, hàng hóa năm 2026"
    assert plan.number == "45/KH-SKHCN"
    assert plan.issuer == "Sở Khoa học và Công nghệ"
    assert (plan.place, plan.year) == ("Quảng Ngãi", 2026)
    assert plan.legal_basis == (
        "Căn cứ Luật Đo lường ngày 11 tháng 11 năm 2011",
        "Căn cứ Luật Chất lượng sản phẩm, hàng hóa ngày 21 tháng 11 năm 2007",  # its [^1] marker gone
    )
    # Before: the "###" marks hid the section numbers and the tasks came out as a, b, a, b.
    assert read_tasks(plan) == MARKDOWN_TASKS
    assert len({task.label for task in plan.tasks}) == len(plan.tasks)
    assert [(t.section, t.number, t.row, t.source) for t in plan.tasks] == [
        ("1", "a", 1, "both"), ("1", "b", 2, "both"), ("2", "a", 1, "both"), ("2", "b", 2, "both"),
    ]
    assert plan.budget_text == (
        "Dự toán kinh phí thực hiện: 215.500.000 đồng (bằng chữ: Hai trăm mười lăm triệu năm trăm nghìn đồng)."
    )
    assert plan.budget_amount == 215_500_000
    (report,) = plan.deadlines
    assert (report.due_text, report.due_at, report.owed_by, report.to) == (
        "trước ngày 15/12/2026", datetime(2026, 12, 15), (TDC,), "Văn phòng Sở")
    assert (plan.signer, plan.signer_title) == ("Lê Văn Bình", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert plan.warnings == ()


def test_markdown_marks_and_escapes_come_off_and_other_lines_stay() -> None:
    assert unmark(["# KẾ HOẠCH Triển khai công tác TĐC năm 2026", "### 1. Tuyên truyền ###", "#", "Giữ #1"]) == [
        "KẾ HOẠCH", "Triển khai công tác TĐC năm 2026", "1. Tuyên truyền", "Giữ #1"]
    assert unescape("2\\. Kiểm tra\na\\) Việc một \\- \\*") == "2. Kiểm tra\na) Việc một - *"
    plan = read_plan("# KẾ HOẠCH Tuyên truyền năm 2026\n## 1\\. Tuyên truyền\na\\) Đăng tin.\n"
                     "- Cơ quan chủ trì: Văn phòng Sở.\n- Thời gian thực hiện: Quý II/2026.")
    assert plan.title == "Tuyên truyền năm 2026"
    assert [(t.label, t.content, t.lead) for t in plan.tasks] == [("1.a", "Đăng tin.", ("Văn phòng Sở",))]


def test_tasks_under_unnumbered_headings_that_restart_their_letters_are_said_to_share_a_number() -> None:
    plan = read_plan("II. NHIỆM VỤ\n**Tuyên truyền**\na) Đăng tin.\n- Cơ quan chủ trì: Văn phòng Sở.\n"
                     "**Kiểm tra**\na) Kiểm tra xăng dầu.\n- Cơ quan chủ trì: Phòng Quản lý TĐC.",
                     ref=datetime(2026, 1, 1))
    assert [(t.label, t.content) for t in plan.tasks] == [("a", "Đăng tin."), ("a", "Kiểm tra xăng dầu.")]
    assert plan.warnings == ("Có hơn một nhiệm vụ mang số a: kiểm tra cách đánh số mục trong văn bản.",)


# --- 2. Footnotes --------------------------------------------------------------------------

FOOTNOTE_TASKS = [
    ("1.a", "Triển khai các nhiệm vụ thuộc Đề án nâng cao năng suất dựa trên nền tảng khoa học, công nghệ và "
     "đổi mới sáng tạo (Đề án 68) và hướng dẫn doanh nghiệp áp dụng hệ thống quản lý tiên tiến, công cụ cải "
     "tiến năng suất theo Quyết định số 1322/QĐ-TTg.", (TDC_FULL,), (TECH_CENTRE,), "Quý II, III/2026",
     window((2026, 4, 1), (2026, 10, 1))),
    ("1.b", "Khảo sát nhu cầu của 30 doanh nghiệp có nhà xưởng trên 500 m2 về áp dụng TCVN ISO 9001:2015 và "
     "Giải thưởng Chất lượng Quốc gia.", (TECH_CENTRE,), (), "Quý III/2026", window((2026, 7, 1), (2026, 10, 1))),
    ("2.a", "Đăng tin, bài về năng suất, chất lượng trên Cổng thông tin điện tử của Sở.", ("Văn phòng Sở",), (),
     "Thường xuyên", ("ongoing", None, None)),
]
# Markers as typed in Word: a digit after ")" or after "TTg", right before a space, "." or ";".
_TYPED_MARKER = re.compile(r"(?<=\)|g)[123](?=[ .;])")


def assert_footnote_plan(plan: PlanDoc) -> None:
    assert plan.title == "Hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa năm 2026"
    assert (plan.number, plan.issuer, plan.place, plan.year) == (
        "112/KH-SKHCN", "Sở Khoa học và Công nghệ", "Gia Lai", 2026)
    assert plan.legal_basis == (
        "Căn cứ Quyết định số 1322/QĐ-TTg ngày 31/8/2020 của Thủ tướng Chính phủ phê duyệt Chương trình quốc gia "
        "hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm, hàng hóa giai đoạn 2021-2030 "
        "(Chương trình 1322)",
    )
    # Before: "(Đề án 68)2 và hướng dẫn doanh nghiệp áp dụng đoạn 2021-2030. hệ thống …/QĐ-TTg3."
    assert read_tasks(plan) == FOOTNOTE_TASKS
    (report,) = plan.deadlines
    assert (report.due_text, report.due_at, report.owed_by, report.to) == (
        "trước ngày 30/11/2026", datetime(2026, 11, 30), ("Các phòng, đơn vị",), TDC_FULL)
    assert (plan.budget_text, plan.budget_amount) == (None, None)
    assert (plan.signer, plan.signer_title) == ("Phạm Thị Thu", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert plan.warnings == ()


def test_footnotes_in_the_middle_of_a_task_are_taken_out_and_the_task_runs_on() -> None:
    assert_footnote_plan(read_plan(shape("footnotes.txt")))


def test_footnotes_in_a_word_file_with_superscript_markers_read_the_same() -> None:
    data = as_docx(shape("footnotes.txt"), _TYPED_MARKER)
    text = document_text("ke-hoach-nang-suat.docx", data)
    assert "(Đề án 68)2 và" in text  # Word gives the superscript marker as a glued digit
    assert_footnote_plan(read_plan(text))


def footnotes_as_pdf() -> bytes:
    """The plan on three pages: the notes in small type at the foot of the page they belong to,
    then the page number, then the next page, where the task's sentence resumes."""
    if not FONT.exists():
        pytest.fail(f"Unicode font missing: {FONT}")
    note = re.compile(r"(?:\d|⁴) \w")
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    at_foot = False
    for line in (line for line in shape("footnotes.txt").splitlines() if line.strip()):
        if line.isdigit():  # the page number: the page ends here
            pdf.set_y(282)
            pdf.set_font("DejaVu", size=9)
            pdf.cell(0, 5, line, align="C")
            pdf.add_page()
            pdf.set_font("DejaVu", size=11)
            at_foot = False
            continue
        if note.match(line):
            if not at_foot:
                pdf.set_y(max(pdf.get_y(), 240))
                pdf.set_font("DejaVu", size=8)
                at_foot = True
            pdf.multi_cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
            continue
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    return bytes(pdf.output())


def test_footnotes_in_a_pdf_at_the_foot_of_the_page_read_the_same() -> None:
    text = document_text("ke-hoach-nang-suat.pdf", footnotes_as_pdf())
    assert "2 Đề án 68" in re.sub(r"\s+", " ", text)  # the note is in the text layer, between the pages
    assert_footnote_plan(read_plan(text))


@pytest.mark.parametrize("text", [
    "Nhà xưởng trên 500 m2 theo TCVN 7790:2020, năm 2026, Quý II/2026.\n1 Quyết định số 12 là ghi chú.",
    "Khí thải CO2 và (Đề án 68)2 khi không có ghi chú số 2.",
    "1\tKiểm tra (Đề án 68)\tPhòng TĐC\nGhi chú",
    "Không có số nào ở đây.",
    "Kho rộng 300 m² và bể 20 m³.",
])
def test_text_without_a_note_for_its_marker_is_left_as_it_is(text: str) -> None:
    assert strip_footnotes(text) == text


def test_a_marker_goes_only_with_a_note_after_it_and_a_note_runs_on_in_lower_case() -> None:
    text = ("Theo Quyết định 123/QĐ-TTg3 và Đề án 68²,\n"
            "3 Quyết định 123/QĐ-TTg ngày 01/02/2025 của Thủ tướng\n"
            "Chính phủ\n"
            "tiếp tục nội dung; diện tích 20 m3 và (Phụ lục)3.\n"
            "[^a]: Ghi chú Markdown.\n"
            "Kết thúc[^a].")
    assert strip_footnotes(text) == (
        "Theo Quyết định 123/QĐ-TTg và Đề án 68,\n"
        "Chính phủ\n"  # a note's next line in capitals is the body again
        "tiếp tục nội dung; diện tích 20 m3 và (Phụ lục)3.\n"  # no note 3 after it: not a marker
        "Kết thúc.")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab Đđ)(.;:\t0123456789/-QĐTg", max_size=30), max_size=8))
def test_text_with_no_note_line_comes_back_unchanged(lines: list[str]) -> None:
    text = "\n".join(line for line in lines if not re.match(r"[ \u00a0]*\d{1,2}[ \u00a0]+\w", line))
    assert strip_footnotes(text) == text


# --- 3. One unit, two dashes ----------------------------------------------------------------

DASH_TASKS = [
    ("1.a", "Thanh tra việc chấp hành quy định về nhãn hàng hóa tại các siêu thị.", (INSPECTION,), (TDC,),
     "Quý II/2026", window((2026, 4, 1), (2026, 7, 1))),
    ("1.b", "Kiểm tra đo lường đối với cửa hàng kinh doanh vàng trang sức.", (TDC,), (INSPECTION, "Văn phòng Sở"),
     "Quý III/2026", window((2026, 7, 1), (2026, 10, 1))),
    ("2.a", "Phổ biến quy định mới về nhãn hàng hóa cho doanh nghiệp.", (INSPECTION,),
     ("Ban Quản lý Khu kinh tế Vân Phong - Khánh Hòa",), "Quý IV/2026", window((2026, 10, 1), (2027, 1, 1))),
]


def assert_dash_plan(plan: PlanDoc) -> None:
    assert plan.title == "Thanh tra, kiểm tra chuyên ngành về tiêu chuẩn, đo lường, chất lượng năm 2026"
    assert (plan.number, plan.issuer, plan.place, plan.year) == (
        "27/KH-SKHCN", "Sở Khoa học và Công nghệ", "Khánh Hòa", 2026)
    # "Phòng Thanh tra - Pháp chế", "Phòng Thanh tra-Pháp chế" and the appendix's spellings: one name.
    assert read_tasks(plan) == DASH_TASKS
    assert [(t.row, t.source, t.expected_result) for t in plan.tasks] == [
        (1, "both", "Kết luận thanh tra"), (2, "both", "Báo cáo kết quả kiểm tra"), (1, "both", "Hội nghị phổ biến")]
    (report,) = plan.deadlines
    assert (report.owed_by, report.to, report.due_text, report.due_at) == (
        (INSPECTION,), "Văn phòng Sở", "trước ngày 10/12/2026", datetime(2026, 12, 10))
    assert (plan.signer, plan.signer_title) == ("Trần Quốc Nam", "GIÁM ĐỐC")
    assert plan.warnings == ()  # the appendix's hyphens are no disagreement with section II


def test_a_unit_written_with_an_en_dash_and_a_hyphen_is_one_name() -> None:
    plan = read_plan(shape("unit_dashes.txt"))
    assert_dash_plan(plan)
    names = set(plan_unit_names(plan))
    assert names == {INSPECTION, TDC, "Văn phòng Sở", "Ban Quản lý Khu kinh tế Vân Phong - Khánh Hòa"}
    assert unmatched_names(UnitIndex([]), plan_unit_names(plan)) == [
        INSPECTION, TDC, "Văn phòng Sở", "Ban Quản lý Khu kinh tế Vân Phong - Khánh Hòa"]


def test_the_dashed_plan_as_a_word_file_with_its_appendix_table_reads_the_same() -> None:
    text = document_text("ke-hoach-thanh-tra.docx", as_docx(shape("unit_dashes.txt")))
    assert_dash_plan(read_plan(text))


def test_a_directory_unit_answers_to_every_dash_and_a_spaced_hyphen_never_splits_a_list() -> None:
    index = UnitIndex([UnitRef(7, "division", "Phòng Thanh tra - Pháp chế"), UnitRef(8, "division", "Văn phòng Sở")])
    for written in ("Phòng Thanh tra – Pháp chế", "Phòng Thanh tra-Pháp chế", "Phòng Thanh tra — Pháp chế"):
        assert unit_key(written) == unit_key("Phòng Thanh tra - Pháp chế")
        assert index.match(written).unit_id == 7
    assert split_names("Phòng Thanh tra - Pháp chế, Văn phòng Sở") == ("Phòng Thanh tra - Pháp chế", "Văn phòng Sở")
    assert split_names("Ban Pháp chế - Thanh tra; Văn phòng Sở") == ("Ban Pháp chế - Thanh tra", "Văn phòng Sở")
    # Names that differ in more than a dash keep their own spelling.
    plan = read_plan("II. NHIỆM VỤ\n1. Việc\na) Một.\n- Cơ quan chủ trì: Văn phòng Sở (bộ phận pháp chế).\n"
                     "- Thời gian thực hiện: Quý II/2026.\nb) Hai.\n- Cơ quan chủ trì: Văn phòng Sở.\n"
                     "- Thời gian thực hiện: Quý II/2026.")
    assert [task.lead for task in plan.tasks] == [("Văn phòng Sở (bộ phận pháp chế)",), ("Văn phòng Sở",)]


# --- 4. A working session's duties per unit --------------------------------------------------

SESSION_TASKS = [
    ("1.1", "Chủ trì xây dựng báo cáo kết quả công tác tiêu chuẩn, đo lường, chất lượng năm 2025 và 9 tháng "
     "năm 2026", (TDC,), (), "trước ngày 15/9/2026", before((2026, 9, 15))),
    ("1.2", "Chủ trì chuẩn bị chương trình làm việc", (TDC,), ("Văn phòng Sở",), "trước ngày 18/9/2026",
     before((2026, 9, 18))),
    ("1.3", "Tổng hợp kiến nghị của các xã, phường gửi Đoàn công tác trước ngày 19/9/2026. Kiến nghị về cơ chế, "
     "chính sách; Kiến nghị về kinh phí.", (TDC,), (), "trước ngày 19/9/2026", before((2026, 9, 19))),
    ("2.1", "Chuẩn bị hội trường, âm thanh, ánh sáng", ("Văn phòng Sở",), (), "ngày 21/9/2026",
     window((2026, 9, 21), (2026, 9, 22))),
    ("2.2", "Bố trí xe đưa đón Đoàn công tác.", ("Văn phòng Sở",), (), None, None),
    ("2.3", "Đăng thông báo trên Cổng thông tin điện tử của Sở trước 05 ngày diễn ra buổi làm việc.",
     ("Văn phòng Sở",), (), None, None),
    ("3.1", "Chuẩn bị số liệu kiểm định, hiệu chuẩn phương tiện đo năm 2026", (TECH_CENTRE,), (),
     "trước ngày 15/9/2026", before((2026, 9, 15))),
    ("4.1", "Cử lãnh đạo tham dự buổi làm việc, chuẩn bị ý kiến theo lĩnh vực phụ trách.",
     ("Các phòng, đơn vị trực thuộc Sở",), (), None, None),
]


def assert_session_plan(plan: PlanDoc) -> None:
    assert plan.title == (
        "Tổ chức buổi làm việc với Đoàn công tác của Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia về công tác "
        "tiêu chuẩn, đo lường, chất lượng tại địa phương"
    )
    assert (plan.number, plan.issuer, plan.place, plan.year) == (
        "301/KH-SKHCN", "Sở Khoa học và Công nghệ", "Lâm Đồng", 2026)
    assert read_tasks(plan) == SESSION_TASKS
    assert all(task.source == "section" and task.row is None for task in plan.tasks)
    # A duty's own date is its timeframe, not a second deadline; a date relative to the session is
    # not a timeframe and stays the deadline it was.
    (relative,) = plan.deadlines
    assert (relative.due_text, relative.due.kind, relative.owed_by, relative.due_at) == (
        "trước 05 ngày diễn ra buổi làm việc", "relative", ("Văn phòng Sở",), None)
    assert (plan.budget_text, plan.budget_amount) == (
        "Tổng kinh phí: 50.000.000đ (từ nguồn chi thường xuyên của Sở).", 50_000_000)
    assert (plan.signer, plan.signer_title) == ("Nguyễn Văn Sơn", "GIÁM ĐỐC")
    assert plan.warnings == ()


def test_a_working_session_plan_gives_each_units_duties_as_its_tasks() -> None:
    assert_session_plan(read_plan(shape("working_session.txt")))


def test_the_working_session_plan_as_a_word_file_reads_the_same() -> None:
    text = document_text("ke-hoach-lam-viec.docx", as_docx(shape("working_session.txt")))
    assert_session_plan(read_plan(text))


def test_a_meeting_plans_division_of_labour_without_times_is_still_no_task_list() -> None:
    # Seed 001 (Hải Phòng) lists duties per unit too, with no time: it stays a meeting plan.
    plan = read_plan((FIXTURES / "seeds/001_09a72fef00e9e36f.txt").read_text(encoding="utf-8"))
    assert plan.tasks == ()
    assert [d.due_text for d in plan.deadlines] == ["trước 10 ngày diễn ra Hội nghị"]


# --- 5. Budget as an amount -----------------------------------------------------------------

def test_a_budget_of_items_gives_the_total_as_its_amount() -> None:
    plan = read_plan(shape("budget.txt"))
    assert plan.budget_text == (
        "- Chi tập huấn, hướng dẫn áp dụng tiêu chuẩn: 700 triệu đồng.\n"
        "- Chi thử nghiệm mẫu cà phê: 500.000.000 đồng.\n"
        "Tổng kinh phí: 1,2 tỷ đồng (Một tỷ hai trăm triệu đồng), từ nguồn sự nghiệp khoa học và công nghệ năm 2026."
    )
    assert plan.budget_amount == 1_200_000_000
    assert (plan.title, plan.number, plan.place, plan.year) == (
        "Xây dựng và áp dụng tiêu chuẩn quốc gia về cà phê năm 2026", "88/KH-SKHCN", "Đắk Lắk", 2026)
    assert read_tasks(plan) == [
        ("1.a", "Hướng dẫn hợp tác xã áp dụng TCVN 4193:2014 về cà phê nhân.",
         ("Chi cục Tiêu chuẩn Đo lường Chất lượng",), ("UBND các xã, phường",), "Quý III/2026",
         window((2026, 7, 1), (2026, 10, 1))),
    ]
    (report,) = plan.deadlines
    assert (report.owed_by, report.to, report.due_at) == (
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng",), "Sở", datetime(2026, 11, 30))
    assert (plan.signer, plan.signer_title) == ("Y Khiêm Niê", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert plan.warnings == ()


@pytest.mark.parametrize(("written", "value"), [
    ("Dự toán kinh phí thực hiện: 215.500.000 đồng (bằng chữ: Hai trăm mười lăm triệu năm trăm nghìn đồng)",
     215_500_000),
    ("Tổng kinh phí: 1,2 tỷ đồng", 1_200_000_000),
    ("Tổng kinh phí: 50.000.000đ", 50_000_000),
    ("Kinh phí: 1.5 tỷ", 1_500_000_000),
    ("Kinh phí: 300 triệu", 300_000_000),
    ("Kinh phí: 12.000.000 VNĐ", 12_000_000),
    ("Chi in tài liệu 5.000.000 đồng; tổng cộng: 65.000.000 đồng", 65_000_000),
    ("Từ nguồn kinh phí chi thường xuyên của Sở", None),
    ("Theo Quyết định số 1703/QĐ-TTg ngày 31/12/2024", None),
])
def test_an_amount_as_plans_write_it(written: str, value: int | None) -> None:
    assert amount(written) == value


@pytest.mark.parametrize(("line", "text"), [
    ("5. Dự toán kinh phí thực hiện: 215.500.000 đồng.", "215.500.000 đồng."),
    ("Dự toán kinh phí thực hiện: 215.500.000 đồng.", "Dự toán kinh phí thực hiện: 215.500.000 đồng."),
    ("- Tổng kinh phí: 215.500.000đ", "Tổng kinh phí: 215.500.000đ"),
])
def test_a_budget_stated_on_one_line_outside_a_budget_section(line: str, text: str) -> None:
    plan = read_plan(f"KẾ HOẠCH\nTập huấn năm 2026\nII. NỘI DUNG\n1. Tập huấn\n{line}\nIII. TỔ CHỨC THỰC HIỆN\n")
    assert (plan.budget_text, plan.budget_amount) == (text, 215_500_000)


def test_duties_under_a_request_to_the_communes_and_a_paragraph_that_introduces_bullets() -> None:
    plan = read_plan(
        "KẾ HOẠCH\nKiểm tra đo lường năm 2026\nIII. TỔ CHỨC THỰC HIỆN\n"
        "1. Trách nhiệm của Phòng Quản lý TĐC\nChuẩn bị các nội dung sau:\n"
        "- Danh sách cơ sở kinh doanh xăng dầu; thời hạn: tháng 10/2026.\n"
        "- Báo cáo kết quả kiểm tra năm 2025\n"
        "Đề nghị UBND các xã, phường:\n"
        "- Gửi danh sách cán bộ đầu mối về Phòng Quản lý TĐC trước ngày 05/10/2026.\n"
        "- Cử cán bộ phối hợp với Đoàn kiểm tra.\n"
        "Nơi nhận:\n- Như trên;\n"
    )
    assert read_tasks(plan) == [
        ("1.1", "Chuẩn bị các nội dung sau: Danh sách cơ sở kinh doanh xăng dầu", (TDC,), (), "tháng 10/2026",
         window((2026, 10, 1), (2026, 11, 1))),
        ("1.2", "Chuẩn bị các nội dung sau: Báo cáo kết quả kiểm tra năm 2025", (TDC,), (), None, None),
        ("2.1", "Gửi danh sách cán bộ đầu mối về Phòng Quản lý TĐC trước ngày 05/10/2026.",
         ("UBND các xã, phường",), (), "trước ngày 05/10/2026", before((2026, 10, 5))),
        ("2.2", "Cử cán bộ phối hợp với Đoàn kiểm tra.", ("UBND các xã, phường",), (), None, None),
    ]
    assert plan.deadlines == ()  # the date is the communes' task, not a second deadline


DUTY_PIECES = st.sampled_from([
    "III. TỔ CHỨC THỰC HIỆN", "TỔ CHỨC THỰC HIỆN", "1. Phòng Quản lý TĐC:", "2. Văn phòng Sở: Chuẩn bị; thời gian: "
    "Quý III/2026", "Văn phòng Sở:", "- Chủ trì …; thời gian: trước ngày 15/9/2026", "- Thời gian: Quý IV/2026",
    "+ Nội dung thêm;", "a) Việc; phối hợp: Văn phòng Sở", "Đề nghị UBND các xã, phường:", "Trên đây là Kế hoạch",
    "GIÁM ĐỐC", "- Gửi báo cáo trước ngày 30/2/2026.", "(thời gian:)", "; thời gian:", ":", "-", "II. NHIỆM VỤ",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(DUTY_PIECES, st.text(max_size=30)), max_size=20))
def test_duties_listings_never_raise_and_each_duty_has_its_unit(pieces: list[str]) -> None:
    plan = read_plan("\n".join(pieces), ref=datetime(2026, 1, 1))
    for task in plan.tasks:
        assert (task.timeframe is None) == (task.timeframe_text is None)
        assert task.label != "?"
    labels = [task.label for task in plan.tasks]
    for label in {label for label in labels if labels.count(label) > 1}:  # only a document that repeats a number
        assert f"Có hơn một nhiệm vụ mang số {label}: kiểm tra cách đánh số mục trong văn bản." in plan.warnings
