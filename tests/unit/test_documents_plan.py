"""Reading plans: the seed plan's 21 tasks and two deadlines, and plans shaped otherwise."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.documents.plan import read_plan
from tests.conftest import FIXTURES

SEED_003 = FIXTURES / "seeds/003_9dc728ae31be0994.txt"

TDC = "Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng"
UNITS = "Các phòng, đơn vị trực thuộc Sở"
CENTRE = "Trung tâm Khoa học và Công nghệ"
Q2 = ("window", datetime(2026, 4, 1), datetime(2026, 7, 1))
Q3 = ("window", datetime(2026, 7, 1), datetime(2026, 10, 1))
Q4 = ("window", datetime(2026, 10, 1), datetime(2027, 1, 1))
Q34 = ("window", datetime(2026, 7, 1), datetime(2027, 1, 1))
Q234 = ("window", datetime(2026, 4, 1), datetime(2027, 1, 1))
ONGOING = ("ongoing", None, None)
ON_DEMAND = ("on_demand", None, None)

# Written by hand from the seed: (section, letter, appendix row, lead, coordinators, timeframe text, parsed).
EXPECTED = [
    ("1", "a", 1, (TDC,), (UNITS,), "Quý III, IV/2026", Q34),
    ("1", "b", 2, (TDC,), (), "Quý II /2026", Q2),
    ("2", "a", 1, (TDC,), (UNITS,), "Quý IV/2026", Q4),
    ("2", "b", 2, (TDC,), ("Văn phòng Sở (bộ phận pháp chế)", "các phòng, đơn vị trực thuộc Sở"),
     "Định kỳ hoặc đột xuất theo yêu cầu", ON_DEMAND),
    ("2", "c", 3, (TDC,), (UNITS,), "Thường xuyên", ONGOING),
    ("2", "d", 4, (TDC,), ("Văn phòng Sở", "các phòng, đơn vị trực thuộc Sở"), "Quý III, IV/2026", Q34),
    ("2", "đ", 5, (TDC,), (UNITS,), "Quý IV/2026", Q4),
    ("2", "e", 6, (TDC,), (CENTRE,), "Thường xuyên", ONGOING),
    ("2", "f", 7, (TDC,), ("Văn phòng Sở", "Phòng Chuyển đổi số"), "Quý II/2026", Q2),
    ("2", "g", 8, (TDC,), ("Phòng Chuyển đổi số", "Văn phòng Sở", CENTRE), "Thường xuyên", ONGOING),
    ("3", "a", 1, (TDC,), (), "Quý II, III và IV/2026", Q234),
    ("3", "b", 2, (TDC,), (UNITS,), "Quý III/2026", Q3),
    ("3", "c", 3, (TDC,), (UNITS,), "Quý III và IV/2026", Q34),
    ("4", "a", 1, (CENTRE,), ("Văn phòng Sở", TDC), "Thường xuyên", ONGOING),
    ("4", "b", 2, (TDC,), ("Văn phòng Sở (bộ phận pháp chế)",), "Thường xuyên", ONGOING),
    ("4", "c", 3, (TDC,), (CENTRE,), "Thường xuyên", ONGOING),
    ("5", "a", 1, (TDC,), ("UBND các xã, phường", "các phòng, đơn vị trực thuộc Sở"), "Thường xuyên", ONGOING),
    ("5", "b", 2, (TDC,), ("UBND các xã, phường",), "Quý III/2026", Q3),
    ("5", "c", 3, (TDC,), (UNITS,), "Thường xuyên", ONGOING),
    ("6", "a", 1, (TDC,), (UNITS,), "Thường xuyên", ONGOING),
    ("6", "b", 2, (TDC,), (UNITS,), "Thường xuyên", ONGOING),
]


def seed_plan_text() -> str:
    if not SEED_003.exists():
        pytest.fail(f"Seed plan missing: {SEED_003}")
    return SEED_003.read_text(encoding="utf-8")


def parsed(task) -> tuple[str, datetime | None, datetime | None]:  # type: ignore[no-untyped-def]
    return task.timeframe.kind, task.timeframe.start, task.timeframe.end


def test_seed_plan_gives_exactly_its_21_tasks_with_lead_coordinators_and_timeframe() -> None:
    plan = read_plan(seed_plan_text())
    assert len(plan.tasks) == 21
    got = [
        (t.section, t.number, t.row, t.lead, t.coordinators, t.timeframe_text, parsed(t)) for t in plan.tasks
    ]
    assert got == EXPECTED
    assert all(task.source == "both" for task in plan.tasks)
    assert all(task.expected_result for task in plan.tasks)


def test_seed_plan_tasks_keep_their_text_across_page_breaks_and_the_appendix_adds_results() -> None:
    tasks = {task.label: task for task in read_plan(seed_plan_text()).tasks}
    assert "ban hành; Phối hợp với các sở, ban, ngành liên quan" in tasks["2.đ"].content
    assert "các khóa đào tạo, tập huấn chuyên sâu" in tasks["3.a"].content
    assert tasks["2.a"].expected_result == "Báo cáo kết quả thực hiện"
    # A result cut by a page break in the appendix comes back whole.
    assert tasks["2.đ"].expected_result == (
        "- Ban hành Kế hoạch quy chuẩn kỹ thuật địa phương (nếu có). - Số lượng tiêu chuẩn, "
        "quy chuẩn kỹ thuật xây dựng, góp ý."
    )
    assert tasks["4.a"].expected_result == "Báo cáo kết quả"


def test_seed_plan_warns_once_about_the_lead_that_section_ii_and_the_appendix_disagree_on() -> None:
    plan = read_plan(seed_plan_text())
    assert len(plan.warnings) == 1
    warning = plan.warnings[0]
    assert warning.startswith("Nhiệm vụ 4.c:")
    assert "phụ lục (dòng IV.3) ghi chủ trì «Trung tâm Khoa học và Công nghệ», phối hợp «Phòng TĐC»" in warning
    task = next(task for task in plan.tasks if task.label == "4.c")
    assert (task.lead, task.coordinators) == ((TDC,), (CENTRE,))


def test_seed_plan_deadlines_and_who_owes_them() -> None:
    plan = read_plan(seed_plan_text())
    assert len(plan.deadlines) == 2
    urged, sent = plan.deadlines
    assert urged.due_text == "trước ngày 15 tháng 11"
    assert (urged.due.kind, urged.due.end, urged.due_at) == ("deadline", datetime(2026, 11, 15), datetime(2026, 11, 15))
    assert urged.owed_by == ("các Sở, ban ngành có liên quan", "các địa phương")
    assert urged.to == TDC
    assert urged.onward_to == ("UBND tỉnh", "Bộ Khoa học và Công nghệ")
    assert sent.due_text == "trước ngày 01 tháng 11"
    assert (sent.due.kind, sent.due.end) == ("deadline", datetime(2026, 11, 1))
    assert sent.owed_by == ("Các phòng và đơn vị trực thuộc Sở",)
    assert sent.to == TDC
    assert sent.onward_to == ()
    assert sent.what.startswith("Các phòng và đơn vị trực thuộc Sở gửi báo cáo")


def test_seed_plan_header() -> None:
    plan = read_plan(seed_plan_text())
    assert plan.number == "/KH-SKH&CN"
    assert plan.title == (
        "Triển khai thực hiện Chỉ thị số 38-CT/TW ngày 30/7/2024 của Ban Bí thư về đẩy mạnh công tác "
        "tiêu chuẩn, đo lường, chất lượng quốc gia năm 2026"
    )
    assert plan.issuer == "Sở Khoa học và Công nghệ tỉnh Đồng Nai"
    assert (plan.place, plan.year) == ("Đồng Nai", 2026)
    assert len(plan.legal_basis) == 4
    assert plan.legal_basis[1].startswith("Căn cứ Quyết định số 1703/QĐ-TTg")
    assert plan.budget_text is not None and plan.budget_text.startswith("Nguồn kinh phí thực hiện gồm")
    assert plan.budget_amount is None
    assert (plan.signer, plan.signer_title) == ("Trịnh Thị Hoà", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")


def test_nfd_and_windows_line_ends_read_the_same() -> None:
    text = seed_plan_text()
    expected = read_plan(text)
    for variant in (unicodedata.normalize("NFD", text), text.replace("\n", "\r\n")):
        plan = read_plan(variant)
        assert plan.tasks == expected.tasks
        assert plan.deadlines == expected.deadlines
        assert plan.warnings == expected.warnings


def _appendix_only(text: str) -> str:
    lines = text.splitlines()
    return "\n".join(lines[:2] + lines[lines.index("PHỤ LỤC"):])


def _section_ii_only(text: str) -> str:
    return text[: text.index("PHỤ LỤC")]


def test_a_plan_with_only_the_appendix_gives_the_same_tasks_with_appendix_leads() -> None:
    plan = read_plan(_appendix_only(seed_plan_text()))
    assert len(plan.tasks) == 21
    assert [(t.section, t.number, t.row) for t in plan.tasks] == [(s, str(r), r) for s, _, r, *_ in EXPECTED]
    assert all(task.source == "appendix" for task in plan.tasks)
    assert plan.warnings == ()
    by_row = {(t.section, t.row): t for t in plan.tasks}
    # The appendix says Trung tâm leads 4.c (IV.3); with no section II, that is what we read.
    assert by_row[("4", 3)].lead == ("Trung tâm Khoa học và Công nghệ",)
    assert by_row[("2", 8)].coordinators == ("Phòng Chuyển đổi số", "Văn phòng Sở", CENTRE)
    assert by_row[("2", 1)].content.endswith("(Đề án 100)")
    assert "nâng cao năng lực cạnh tranh và hội nhập quốc tế (Đề án 996)" in by_row[("2", 1)].content
    assert [parsed(t) for t in plan.tasks] == [row[-1] for row in EXPECTED]
    assert plan.year == 2026  # from the appendix title, the header's date line being cut


def test_a_plan_with_only_section_ii_gives_the_same_tasks_without_results() -> None:
    plan = read_plan(_section_ii_only(seed_plan_text()))
    expected = [(s, n, lead, coordinators, text) for s, n, _, lead, coordinators, text, _ in EXPECTED]
    assert [(t.section, t.number, t.lead, t.coordinators, t.timeframe_text) for t in plan.tasks] == expected
    assert all(task.source == "section" and task.row is None for task in plan.tasks)
    assert all(task.expected_result is None for task in plan.tasks)
    assert plan.warnings == ()
    assert len(plan.deadlines) == 2


SKIPPING = """KẾ HOẠCH
Công tác tiêu chuẩn năm 2026
II. NHIỆM VỤ
1. Tuyên truyền
a) Việc một.
- Cơ quan chủ trì: Phòng TĐC.
- Thời gian thực hiện: Quý II/2026.
b) Việc hai.
- Cơ quan chủ trì: Văn phòng Sở.
- Thời gian thực hiện: Thường xuyên.
d) Việc bốn.
- Cơ quan chủ trì: Phòng Chuyển đổi số.
- Thời gian thực hiện: Quý IV/2026.
2. Kiểm tra
a) Việc năm.
- Cơ quan chủ trì: Phòng TĐC.
- Thời gian thực hiện: Quý III/2026.
12
e) Việc sáu, viết sau chữ a.
- Cơ quan chủ trì: Phòng TĐC.
- Thời gian thực hiện: Quý III/2026.
g) Việc bảy.
- Cơ quan chủ trì: Phòng TĐC.
- Thời gian thực hiện: Quý III/2026.
1 Ghi chú cuối trang: đây là chú thích, không phải nhiệm vụ.
"""


def test_letters_that_skip_keep_every_task_and_warn_where_a_letter_is_missing() -> None:
    plan = read_plan(SKIPPING)
    assert [task.label for task in plan.tasks] == ["1.a", "1.b", "1.d", "2.a", "2.e", "2.g"]
    assert plan.tasks[2].lead == ("Phòng Chuyển đổi số",)
    assert plan.tasks[-1].content == "Việc bảy."
    assert plan.warnings == (
        "Mục 1: sau b) là d), không thấy c); kiểm tra xem văn bản có thiếu nhiệm vụ không.",
        "Mục 2: sau a) là e), không thấy b), c), d); kiểm tra xem văn bản có thiếu nhiệm vụ không.",
    )
    assert plan.year == 2026


def test_e_to_g_is_no_gap_since_f_is_optional() -> None:
    text = SKIPPING.replace("a) Việc năm.", "a) Việc năm.\n- Cơ quan chủ trì: Phòng TĐC.\nb) x\nc) y\nd) z\nđ) w")
    warnings = [w for w in read_plan(text).warnings if w.startswith("Mục 2")]
    assert warnings == []


def test_an_appendix_row_without_a_match_in_section_ii_is_kept_and_reported() -> None:
    text = seed_plan_text().replace(
        "\nIII. Xây dựng, đào tạo nguồn nhân lực",
        "\n9\tKiểm tra đột xuất cửa hàng xăng dầu dịp Tết\tBáo cáo\tPhòng TĐC\t\tQuý I/2026"
        "\nIII. Xây dựng, đào tạo nguồn nhân lực",
    )
    plan = read_plan(text)
    assert len(plan.tasks) == 22
    extra = plan.tasks[10]
    assert (extra.section, extra.number, extra.source, extra.lead) == ("2", "9", "appendix", ("Phòng TĐC",))
    assert any(w.startswith("Nhiệm vụ II.9 chỉ có trong phụ lục") for w in plan.warnings)
    assert not any("không liền nhau" in w for w in plan.warnings)


def test_a_second_appendix_that_is_not_a_task_table_adds_no_tasks() -> None:
    budget = (
        "\nPHỤ LỤC II\nDỰ TOÁN KINH PHÍ\nTT\tNội dung\tĐơn vị tính\tSố lượng\tThành tiền (đồng)\tGhi chú"
        "\n1\tTập huấn cho công chức\tLớp\t3\t45.000.000\t\n2\tKhảo sát chất lượng\tMẫu\t20\t60.000.000\t\n"
    )
    plan = read_plan(seed_plan_text() + budget)
    assert len(plan.tasks) == 21
    assert len(plan.warnings) == 1


def test_a_plan_without_tasks_says_so() -> None:
    plan = read_plan("Một đoạn văn bản bình thường, không có nhiệm vụ nào.")
    assert plan.tasks == ()
    assert plan.warnings == (
        "Không tìm thấy nhiệm vụ nào (mục có «Cơ quan chủ trì», «Thời gian thực hiện» hoặc bảng phụ lục).",
    )


def test_budget_amount_is_read_when_stated() -> None:
    plan = read_plan(
        "KẾ HOẠCH\nAbc\nIII. KINH PHÍ THỰC HIỆN\n"
        "Tổng kinh phí: 349.000.000 đồng (Ba trăm bốn mươi chín triệu đồng).\nIV. TỔ CHỨC"
    )
    assert plan.budget_amount == 349_000_000
    assert plan.budget_text == "Tổng kinh phí: 349.000.000 đồng (Ba trăm bốn mươi chín triệu đồng)."


PLAN_PIECES = st.sampled_from([
    "II. NHIỆM VỤ", "1. Tuyên truyền", "a) Tổ chức", "đ) Chủ trì", "- Cơ quan chủ trì: Phòng TĐC.",
    "- Cơ quan phối hợp: Văn phòng Sở, các phòng, đơn vị trực thuộc Sở.", "- Thời gian thực hiện: Quý II/2026.",
    "- Thời gian thực hiện: Thường xuyên", "PHỤ LỤC", "TT\tNội dung\tKết quả\tCơ quan chủ trì\tPhối hợp\tThời gian",
    "I. Nhóm", "1\tViệc\tBáo cáo\tPhòng TĐC\t\tQuý III/2026", "\tnối tiếp\t\t\t\t", "2\t\t\t\t", "3",
    "Đồng Nai, ngày tháng năm 2026", "Số: /KH-SKHCN", "KT. GIÁM ĐỐC", "Nguyễn Văn A", "**", "<p>", "\t\t",
    "trước ngày 01 tháng 11", "Các phòng gửi báo cáo về Phòng TĐC trước ngày 30/2/2026.", "III. KINH PHÍ",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PLAN_PIECES, st.text(max_size=40)), max_size=25))
def test_read_plan_never_raises_and_its_values_hang_together(pieces: list[str]) -> None:
    plan = read_plan("\n".join(pieces), ref=datetime(2026, 1, 1))
    assert isinstance(plan.warnings, tuple)
    for task in plan.tasks:
        assert task.source in ("section", "appendix", "both")
        assert isinstance(task.lead, tuple) and isinstance(task.coordinators, tuple)
        assert (task.timeframe is None) == (task.timeframe_text is None)
        assert (task.row is None) == (task.source == "section")
    for deadline in plan.deadlines:
        assert deadline.due_text and deadline.due_text in deadline.what
        assert deadline.due is not None and deadline.due.kind in ("deadline", "relative")


NUMBERED_ONLY = """II. NHIỆM VỤ
1. Tập huấn cho cán bộ xã, phường
- Cơ quan chủ trì: Phòng TĐC.
- Thời gian thực hiện: Quý II/2026.
2. Hình thức, thời gian tổ chức
- Thời gian: Dự kiến ½ ngày, ngày 24/4/2026.
"""


def test_a_numbered_section_is_a_task_only_when_it_names_a_lead() -> None:
    plan = read_plan(NUMBERED_ONLY, ref=datetime(2026, 1, 1))
    assert [(t.section, t.number, t.content, t.lead) for t in plan.tasks] == [
        ("1", None, "Tập huấn cho cán bộ xã, phường", ("Phòng TĐC",)),
    ]


APPENDIX_PROBLEMS = """PHỤ LỤC
TT\tNội dung nhiệm vụ\tKết quả thực hiện\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian
I. Nhóm một\t\t\t\t\t
1\tViệc một\tBáo cáo\tPhòng TĐC\t\tQuý II/2026
2\t\t\t\t\t
4\tViệc bốn\tBáo cáo\tPhòng TĐC\tVăn phòng Sở\tThường xuyên
Ghi chú\tđây\tlà\tmột dòng lạ\t\t
"""


def test_appendix_rows_that_cannot_be_read_and_numbering_gaps_are_reported() -> None:
    plan = read_plan(APPENDIX_PROBLEMS, ref=datetime(2026, 1, 1))
    assert [(t.section, t.number, t.content) for t in plan.tasks] == [("1", "1", "Việc một"), ("1", "4", "Việc bốn")]
    assert plan.warnings == (
        "Phụ lục: không đọc được dòng «Ghi chú | đây | là | một dòng lạ |  | ».",
        "Phụ lục, nhóm I: số thứ tự 1, 2, 4 không liền nhau; kiểm tra dòng bị thiếu.",
        "Phụ lục: dòng I.2 không có nội dung nhiệm vụ, đã bỏ qua.",
    )
