"""Properties of the parser, checked with hypothesis on phrases built from a grammar of the
real forms (and on random text where the property is about any input).

`parse_strict` is the parser without its safety net, so an exception here is a real bug
rather than an "unknown" that hides it.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.text import fold
from domain.timeexpr import KINDS, TimeExpr, parse_time
from domain.timeexpr.parser import parse_strict

REFS = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 12, 31))
YEARS = st.one_of(st.none(), st.integers(2024, 2028))
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
ROMAN = ["I", "II", "III", "IV"]


@st.composite
def written_date(draw: st.DrawFn) -> str:
    d = draw(DAYS)
    forms = [
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02}/{d.month:02}/{d.year}",
        f"{d.day}-{d.month}-{d.year}",
        f"{d.day}.{d.month}.{d.year}",
        f"ngày {d.day} tháng {d.month} năm {d.year}",
        f"{d.day} tháng {d.month}",
        f"ngày {d.day}/{d.month}",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def time_of_day(draw: st.DrawFn) -> str:
    h, m = draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45]))
    forms = [
        f"{h}h",
        f"{h}h{m:02}",
        f"{h}h{m:02}'",
        f"{h}h{m:02}’",
        f"{h} giờ",
        f"{h} giờ {m} phút",
        f"{h}g{m:02}",
        f"{h}:{m:02}",
    ]
    text = draw(st.sampled_from(forms))
    if 1 <= h <= 11:
        text += draw(st.sampled_from(["", " sáng", " chiều", " tối"]))
    return text


WEEKDAYS = st.sampled_from(
    [
        "thứ Hai",
        "thứ Ba",
        "thứ Tư",
        "thứ Năm",
        "thứ Sáu",
        "thứ Bảy",
        "Chủ nhật",
        "thứ 2",
        "thứ 7",
        "CN",
        "T2",
        "T5",
        "T7",
    ]
)
MARKERS = st.sampled_from(
    [
        "",
        "trước ",
        "trước ngày ",
        "chậm nhất ",
        "chậm nhất là ngày ",
        "hạn chót ",
        "hạn nộp ",
        "đến hết ngày ",
        "không muộn hơn ngày ",
        "muộn nhất ",
        "đến ngày ",
    ]
)
CHAT = st.sampled_from(
    [
        "hôm nay",
        "ngày mai",
        "ngày kia",
        "hôm qua",
        "3 ngày nữa",
        "sau 5 ngày",
        "tuần này",
        "tuần sau",
        "tuần tới",
        "tháng này",
        "tháng sau",
        "quý này",
        "quý sau",
        "quý tới",
        "năm nay",
        "năm sau",
        "thứ sáu tuần sau",
        "9h sáng mai",
        "2 giờ chiều thứ năm",
    ]
)
STANDING = st.sampled_from(
    [
        "Thường xuyên",
        "Thường xuyên.",
        "Định kỳ hoặc đột xuất theo yêu cầu.",
        "Khi có yêu cầu",
        "chậm nhất 03 ngày sau khi diễn ra buổi làm việc",
        "trước 10 ngày diễn ra Hội nghị",
        "trong vòng 5 ngày làm việc sau khi kết thúc hội nghị",
    ]
)


@st.composite
def period(draw: st.DrawFn) -> str:
    y = draw(st.integers(2024, 2028))
    m = draw(st.integers(1, 12))
    q = draw(st.integers(1, 4))
    q2 = draw(st.integers(q, 4))
    forms = [
        f"Quý {ROMAN[q - 1]}/{y}",
        f"quý {q} năm {y}",
        f"Quý {ROMAN[q - 1]} và {ROMAN[q2 - 1]} /{y}",
        f"Quý {ROMAN[q - 1]}, {ROMAN[q2 - 1]}/{y}",
        f"tháng {m}/{y}",
        f"tháng {m} năm {y}",
        f"6 tháng đầu năm {y}",
        f"6 tháng cuối năm {y}",
        f"năm {y}",
        f"cuối tháng {m}/{y}",
        f"đầu tháng {m}/{y}",
        f"giữa tháng {m}/{y}",
        f"cuối năm {y}",
        f"đầu năm {y}",
        f"Từ tháng {q}/{y} đến tháng {q + 8}/{y}",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def phrase(draw: st.DrawFn) -> str:
    """A phrase made of real forms, sometimes inside a sentence that cites a document."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        parts = [draw(MARKERS)]
        if draw(st.booleans()):
            parts.append(draw(time_of_day()) + draw(st.sampled_from([", ", " ", " ngày "])))
        if draw(st.booleans()):
            parts.append(draw(WEEKDAYS) + draw(st.sampled_from([", ", " "])))
        parts.append(draw(written_date()))
        body = "".join(parts)
    elif kind == 1:
        body = draw(MARKERS) + draw(period())
    elif kind == 2:
        body = draw(CHAT)
    elif kind == 3:
        body = draw(STANDING)
    elif kind == 4:
        body = f"từ {draw(written_date())} đến {draw(written_date())}"
    else:
        body = f"từ nay đến ngày {draw(written_date())}"
    if draw(st.booleans()):
        body = f"Thực hiện Công văn số 1702/TĐC-KHTC ngày 19/5/2026, đề nghị gửi báo cáo {body}."
    return body


def well_formed(expr: TimeExpr) -> None:
    assert expr.kind in KINDS
    for value in (expr.start, expr.end):
        assert value is None or (value.second == 0 and value.microsecond == 0 and value.tzinfo is None)
    if expr.kind == "instant":
        assert expr.start is not None and expr.end is None
    elif expr.kind == "window":
        assert expr.start is not None and expr.end is not None and expr.end > expr.start
    elif expr.kind == "deadline":
        assert expr.start is None and expr.end is not None
    else:
        assert expr.start is None and expr.end is None
    rel = (expr.offset_days, expr.anchor, expr.working_days)
    if expr.kind == "relative":
        assert isinstance(rel[0], int) and rel[1] == "event" and isinstance(rel[2], bool)
        assert {"offset_days", "anchor", "working_days"} <= expr.to_json().keys()
    else:
        assert rel == (None, None, None)
        assert not {"offset_days", "anchor", "working_days"} & expr.to_json().keys()


def answer(expr: TimeExpr) -> dict[str, object]:
    """What the contract compares (the matched substring naturally follows the spelling)."""
    out = expr.to_json()
    out.pop("matched", None)
    return out


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(phrase(), REFS, YEARS)
def test_grammar_phrases_are_well_formed(text: str, ref: datetime, year: int | None) -> None:
    well_formed(parse_strict(text, ref, year))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(phrase(), REFS, YEARS, st.sampled_from(["fold", "nfd", "upper", "nfd-upper", "spaces", "nfc-of-nfd"]))
def test_spelling_never_changes_the_answer(text: str, ref: datetime, year: int | None, how: str) -> None:
    variant = {
        "fold": fold,
        "nfd": lambda s: unicodedata.normalize("NFD", s),
        "upper": str.upper,
        "nfd-upper": lambda s: unicodedata.normalize("NFD", s.upper()),
        "spaces": lambda s: "  " + s.replace(" ", "   ") + " ",
        "nfc-of-nfd": lambda s: unicodedata.normalize("NFC", unicodedata.normalize("NFD", s)),
    }[how](text)
    assert answer(parse_strict(variant, ref, year)) == answer(parse_strict(text, ref, year)), (text, variant)


@settings(max_examples=300)
@given(phrase(), REFS)
def test_minute_precision_whatever_the_ref(text: str, ref: datetime) -> None:
    ref = ref.replace(second=59, microsecond=999_999)
    well_formed(parse_strict(text, ref))


@settings(max_examples=1500, deadline=None)  # the first dateparser fallback loads its data
@given(st.text(max_size=200), REFS, st.one_of(st.none(), st.integers(-(10**6), 10**6)))
def test_no_input_raises(text: str, ref: datetime, year: int | None) -> None:
    well_formed(parse_strict(text, ref, year))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(phrase(), st.text(max_size=30), st.sampled_from(["/", "-", ".", ":", "’", "h", "g"])),
        max_size=6,
    ),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)),
)
def test_no_mixture_raises_even_at_the_edges_of_time(parts: list[str], ref: datetime) -> None:
    well_formed(parse_strict(" ".join(parts), ref))


# Words that say nothing about time, from the seed documents, and letters that cannot spell
# a keyword (no vowels, no digits).
PLAIN_WORDS = st.sampled_from(
    [
        "Cơ quan",
        "chủ trì",
        "Phòng",
        "Quản lý",
        "Tiêu chuẩn",
        "Đo lường",
        "Chất lượng",
        "doanh nghiệp",
        "kiểm tra",
        "UBND",
        "xã",
        "phường",
        "đại biểu",
        "Sở",
        "Khoa học",
        "Công nghệ",
        "kinh phí",
        "đề nghị",
        "tổng hợp",
        "báo cáo kết quả",
        "Trung tâm",
        "văn phòng",
        "đăng ký",
        "tham dự",
        "nội dung",
        "Giám đốc",
        "KT.",
        "Nơi nhận",
    ]
)
CONSONANTS = st.text(alphabet="bcdfklmpqrsvwxzBCDFKLMPQRSVWXZ", min_size=1, max_size=8)
PUNCT = st.sampled_from([" ", ", ", ". ", "; ", " - ", ": ", " (", ") ", "/", "\n"])


@settings(max_examples=500)
@given(st.lists(st.tuples(st.one_of(PLAIN_WORDS, CONSONANTS), PUNCT), max_size=12), REFS)
def test_text_without_digits_or_date_words_is_unknown(words: list[tuple[str, str]], ref: datetime) -> None:
    text = "".join(w + p for w, p in words)
    assert parse_strict(text, ref).kind == "unknown", text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), REFS)
def test_the_public_function_agrees_with_the_strict_one(text: str, ref: datetime) -> None:
    assert parse_time(text, ref) == parse_strict(text, ref)


@settings(max_examples=200)
@given(phrase(), REFS, st.integers(-12, 14))
def test_aware_ref_equals_its_local_wall_time(text: str, ref: datetime, offset: int) -> None:
    from datetime import timezone

    aware = ref.replace(tzinfo=timezone(timedelta(hours=7))).astimezone(timezone(timedelta(hours=offset)))
    assert answer(parse_strict(text, aware)) == answer(
        parse_strict(text, ref.replace(second=0, microsecond=0))
    )
