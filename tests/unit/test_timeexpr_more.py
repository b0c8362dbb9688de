"""Cases beyond the dev set, one or more per rule and surface form of the contract.

Expected values are worked out by hand from the contract and a printed calendar
(20/5/2026 is a Wednesday, 20/11/2026 a Friday), never copied from the parser's output.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from domain.timeexpr import UNKNOWN, TimeExpr, parse_time, resolve_relative
from domain.workdays import WorkCalendar

WED = "2026-05-20T09:00"  # Wednesday 20 May 2026
FRI = "2026-11-20T10:00"  # Friday 20 November 2026

# (text, ref, year, kind, start, end)
CASES: list[tuple[str, str, int | None, str, str | None, str | None]] = [
    # Missing year: the document's year, else the first year that puts the date on or after ref.
    # Found by hypothesis: a year and a count of days that fit no one reading.
    ("năm 2024 chậm nhất 03 ngày", FRI, None, "unknown", None, None),
    ("năm 2024 chậm nhất 03 ngày sau khi diễn ra buổi làm việc", FRI, None, "unknown", None, None),
    # "12 giờ đêm" is midnight at one end of the day or the other: not guessed.
    ("12 giờ đêm ngày 25/5/2026", FRI, None, "unknown", None, None),
    ("trước 12h đêm ngày 25/5/2026", FRI, None, "unknown", None, None),
    ("11 giờ đêm ngày 25/5/2026", FRI, None, "instant", "2026-05-25T23:00", None),
    ("28/5", FRI, None, "window", "2027-05-28T00:00", "2027-05-29T00:00"),
    ("28/5", FRI, 2026, "window", "2026-05-28T00:00", "2026-05-29T00:00"),
    ("28/5/2026", FRI, 2027, "window", "2026-05-28T00:00", "2026-05-29T00:00"),
    ("ngày 20/11", FRI, None, "window", "2026-11-20T00:00", "2026-11-21T00:00"),
    ("ngày 19/11", FRI, None, "window", "2027-11-19T00:00", "2027-11-20T00:00"),
    ("trước ngày 15 tháng 12", FRI, None, "deadline", None, "2026-12-15T00:00"),
    ("trước ngày 15 tháng 11", FRI, None, "deadline", None, "2027-11-15T00:00"),
    ("Quý IV", FRI, None, "window", "2026-10-01T00:00", "2027-01-01T00:00"),
    ("Quý I", FRI, None, "window", "2027-01-01T00:00", "2027-04-01T00:00"),
    ("tháng 12", FRI, None, "window", "2026-12-01T00:00", "2027-01-01T00:00"),
    ("tháng 3", FRI, None, "window", "2027-03-01T00:00", "2027-04-01T00:00"),
    ("tháng 3", WED, 2026, "window", "2026-03-01T00:00", "2026-04-01T00:00"),
    ("tháng 1", WED, None, "window", "2027-01-01T00:00", "2027-02-01T00:00"),
    ("29/2", WED, None, "window", "2028-02-29T00:00", "2028-03-01T00:00"),
    ("ngày 5 tháng 6", WED, 2026, "window", "2026-06-05T00:00", "2026-06-06T00:00"),
    ("6 tháng đầu năm", WED, 2027, "window", "2027-01-01T00:00", "2027-07-01T00:00"),
    ("quý 1 năm nay", WED, None, "window", "2026-01-01T00:00", "2026-04-01T00:00"),
    # Weekdays: T2..T7, thứ 2..7, thứ Hai..Bảy, Chủ nhật, CN; next such day on or after today.
    ("T2", WED, None, "window", "2026-05-25T00:00", "2026-05-26T00:00"),
    ("T4", WED, None, "window", "2026-05-20T00:00", "2026-05-21T00:00"),
    ("T7", WED, None, "window", "2026-05-23T00:00", "2026-05-24T00:00"),
    ("CN", WED, None, "window", "2026-05-24T00:00", "2026-05-25T00:00"),
    ("thứ 2", WED, None, "window", "2026-05-25T00:00", "2026-05-26T00:00"),
    ("thứ Bảy", WED, None, "window", "2026-05-23T00:00", "2026-05-24T00:00"),
    ("Chủ nhật", WED, None, "window", "2026-05-24T00:00", "2026-05-25T00:00"),
    ("chu nhat", WED, None, "window", "2026-05-24T00:00", "2026-05-25T00:00"),
    ("chủ nhật tuần sau", WED, None, "window", "2026-05-31T00:00", "2026-06-01T00:00"),
    ("thứ sáu tuần này", WED, None, "window", "2026-05-22T00:00", "2026-05-23T00:00"),
    ("thu sau tuan sau", WED, None, "window", "2026-05-29T00:00", "2026-05-30T00:00"),
    ("thứ sáu", FRI, None, "window", "2026-11-20T00:00", "2026-11-21T00:00"),
    ("thứ sáu tới", FRI, None, "window", "2026-11-27T00:00", "2026-11-28T00:00"),
    ("thứ hai tuần sau", FRI, None, "window", "2026-11-23T00:00", "2026-11-24T00:00"),
    # Times of day and their forms.
    ("14g30 ngày 2/6/2026", WED, None, "instant", "2026-06-02T14:30", None),
    ("13h30’ ngày 3/6/2026", WED, None, "instant", "2026-06-03T13:30", None),
    ("14h30' ngày 4/6/2026", WED, None, "instant", "2026-06-04T14:30", None),
    ("14 giờ 30 phút, ngày 5/6/2026", WED, None, "instant", "2026-06-05T14:30", None),
    ("14 giờ 30 ngày 5/6/2026", WED, None, "instant", "2026-06-05T14:30", None),
    ("9:45 ngày 8/6/2026", WED, None, "instant", "2026-06-08T09:45", None),
    ("lúc 9h ngày 28.5.2026", WED, None, "instant", "2026-05-28T09:00", None),
    ("8 giờ tối ngày 5/6/2026", WED, None, "instant", "2026-06-05T20:00", None),
    ("2 giờ chiều ngày 5/6/2026", WED, None, "instant", "2026-06-05T14:00", None),
    ("11 giờ trưa ngày 5/6/2026", WED, None, "instant", "2026-06-05T11:00", None),
    ("2 giờ chiều", WED, None, "instant", "2026-05-20T14:00", None),
    ("sáng mai 8h", WED, None, "instant", "2026-05-21T08:00", None),
    ("3 giờ chiều nay", WED, None, "instant", "2026-05-20T15:00", None),
    ("tối thứ sáu lúc 7 giờ", WED, None, "instant", "2026-05-22T19:00", None),
    ("9h sáng thứ hai", WED, None, "instant", "2026-05-25T09:00", None),
    ("hôm nay lúc 15h", WED, None, "instant", "2026-05-20T15:00", None),
    # đầu / giữa / cuối tháng, năm (Civil Code Art. 146).
    ("đầu năm 2027", WED, None, "window", "2027-01-01T00:00", "2027-01-02T00:00"),
    ("giữa năm 2026", WED, None, "window", "2026-06-30T00:00", "2026-07-01T00:00"),
    ("cuối năm", WED, None, "window", "2026-12-31T00:00", "2027-01-01T00:00"),
    ("đầu năm", WED, None, "window", "2027-01-01T00:00", "2027-01-02T00:00"),
    ("đầu năm", WED, 2026, "window", "2026-01-01T00:00", "2026-01-02T00:00"),
    ("đầu năm", FRI, None, "window", "2027-01-01T00:00", "2027-01-02T00:00"),
    ("giữa tháng 2/2027", WED, None, "window", "2027-02-15T00:00", "2027-02-16T00:00"),
    ("cuối tháng 2/2028", WED, None, "window", "2028-02-29T00:00", "2028-03-01T00:00"),
    ("cuối tháng 2 năm 2027", WED, None, "window", "2027-02-28T00:00", "2027-03-01T00:00"),
    # Quarters, months, halves, ranges.
    ("Quý I, II/2027", WED, None, "window", "2027-01-01T00:00", "2027-07-01T00:00"),
    ("Quý I và II /2027", WED, None, "window", "2027-01-01T00:00", "2027-07-01T00:00"),
    ("quý 2 năm 2027", WED, None, "window", "2027-04-01T00:00", "2027-07-01T00:00"),
    ("quy 1 nam 2027", WED, None, "window", "2027-01-01T00:00", "2027-04-01T00:00"),
    ("Q3/2026", WED, None, "window", "2026-07-01T00:00", "2026-10-01T00:00"),
    ("Quý III và IV/2026", WED, None, "window", "2026-07-01T00:00", "2027-01-01T00:00"),
    ("trong tháng 6", WED, None, "window", "2026-06-01T00:00", "2026-07-01T00:00"),
    ("tháng 7-2026", WED, None, "window", "2026-07-01T00:00", "2026-08-01T00:00"),
    ("ngày 28-5-2026", WED, None, "window", "2026-05-28T00:00", "2026-05-29T00:00"),
    ("ngày 8 - 10/12/2026", WED, None, "window", "2026-12-08T00:00", "2026-12-11T00:00"),
    ("ngày 8, 9 và 10/6/2026", WED, None, "window", "2026-06-08T00:00", "2026-06-11T00:00"),
    ("từ ngày 14 đến ngày 19/9/2026", WED, None, "window", "2026-09-14T00:00", "2026-09-20T00:00"),
    ("giai đoạn 2026 - 2030", WED, None, "window", "2026-01-01T00:00", "2031-01-01T00:00"),
    ("Từ tháng 3 đến tháng 5/2026", WED, None, "window", "2026-03-01T00:00", "2026-06-01T00:00"),
    ("từ 20/12 đến 5/1/2027", WED, None, "window", "2026-12-20T00:00", "2027-01-06T00:00"),
    ("Từ 28/12/2026 - 3/1/2027", WED, None, "window", "2026-12-28T00:00", "2027-01-04T00:00"),
    ("từ ngày 1/6/2026 đến ngày 30/6/2026", WED, None, "window", "2026-06-01T00:00", "2026-07-01T00:00"),
    ("từ 7h30 đến 11h30 ngày 09/6/2026", WED, None, "window", "2026-06-09T07:30", "2026-06-09T11:30"),
    ("ngày 09/6/2026, từ 7h30 - 9h00", WED, None, "window", "2026-06-09T07:30", "2026-06-09T09:00"),
    # From now.
    ("từ nay đến ngày 30/6/2026", "2026-05-20T09:45", None, "window", "2026-05-20T09:45", "2026-07-01T00:00"),
    ("từ nay đến cuối tháng 6/2026", WED, None, "window", "2026-05-20T09:00", "2026-07-01T00:00"),
    # Deadlines: "trước X" excludes X; the others include it; a time of day is that minute.
    ("không muộn hơn ngày 15/6/2026", WED, None, "deadline", None, "2026-06-16T00:00"),
    ("muộn nhất 15/6/2026", WED, None, "deadline", None, "2026-06-16T00:00"),
    ("muộn nhất là ngày 15/6/2026", WED, None, "deadline", None, "2026-06-16T00:00"),
    ("hạn nộp 20/6/2026", WED, None, "deadline", None, "2026-06-21T00:00"),
    ("Hạn nộp báo cáo: 20/6/2026", WED, None, "deadline", None, "2026-06-21T00:00"),
    ("đến ngày 30/6/2026", WED, None, "deadline", None, "2026-07-01T00:00"),
    ("đến 30/6/2026", WED, None, "deadline", None, "2026-07-01T00:00"),
    ("đến hết ngày 30/6", WED, 2026, "deadline", None, "2026-07-01T00:00"),
    ("trước 16 giờ 30 ngày 5/6/2026", WED, None, "deadline", None, "2026-06-05T16:30"),
    ("trước 17h00 thứ Sáu, ngày 29/5/2026", WED, None, "deadline", None, "2026-05-29T17:00"),
    ("hạn chót: 17h00 ngày 10/6/2026", WED, None, "deadline", None, "2026-06-10T17:00"),
    ("chậm nhất cuối tháng 6/2026", WED, None, "deadline", None, "2026-07-01T00:00"),
    ("trước Quý III/2026", WED, None, "deadline", None, "2026-07-01T00:00"),
    ("TRƯỚC NGÀY 26/5/2026", WED, None, "deadline", None, "2026-05-26T00:00"),
    ("trong vòng 3 ngày", WED, None, "deadline", None, "2026-05-24T00:00"),
    # Relative to today.
    ("hôm qua", WED, None, "window", "2026-05-19T00:00", "2026-05-20T00:00"),
    ("ngày kia", WED, None, "window", "2026-05-22T00:00", "2026-05-23T00:00"),
    ("5 ngày nữa", WED, None, "window", "2026-05-25T00:00", "2026-05-26T00:00"),
    ("sau 10 ngày", WED, None, "window", "2026-05-30T00:00", "2026-05-31T00:00"),
    ("tuần này", WED, None, "window", "2026-05-18T00:00", "2026-05-25T00:00"),
    ("tuần tới", WED, None, "window", "2026-05-25T00:00", "2026-06-01T00:00"),
    ("tháng sau", WED, None, "window", "2026-06-01T00:00", "2026-07-01T00:00"),
    ("quý tới", WED, None, "window", "2026-07-01T00:00", "2026-10-01T00:00"),
    ("năm nay", WED, None, "window", "2026-01-01T00:00", "2027-01-01T00:00"),
    ("năm sau", WED, None, "window", "2027-01-01T00:00", "2028-01-01T00:00"),
    ("ngày mai", FRI, None, "window", "2026-11-21T00:00", "2026-11-22T00:00"),
    ("tuần sau", FRI, None, "window", "2026-11-23T00:00", "2026-11-30T00:00"),
    ("quý sau", FRI, None, "window", "2027-01-01T00:00", "2027-04-01T00:00"),
    # Ongoing and on demand.
    ("Thường xuyên, liên tục", WED, 2026, "ongoing", None, None),
    ("thuong xuyen", WED, None, "ongoing", None, None),
    ("Khi có yêu cầu của UBND tỉnh", WED, 2026, "on_demand", None, None),
    ("theo yêu cầu", WED, None, "on_demand", None, None),
    # Impossible → unknown.
    ("31/4/2026", WED, None, "unknown", None, None),
    ("Quý V/2026", WED, None, "unknown", None, None),
    ("29/2/2027", WED, None, "unknown", None, None),
    ("29/2", WED, 2027, "unknown", None, None),
    ("tháng 13/2026", WED, None, "unknown", None, None),
    ("30/2/2026", WED, None, "unknown", None, None),
    ("ngày 32/5/2026", WED, None, "unknown", None, None),
    ("25h ngày 1/6/2026", WED, None, "unknown", None, None),
    ("14h75 ngày 1/6/2026", WED, None, "unknown", None, None),
    ("từ 30/6/2026 đến 1/6/2026", WED, None, "unknown", None, None),
    # No date at all → unknown (never a guess).
    ("Kính gửi: UBND các xã, phường", WED, None, "unknown", None, None),
    ("Sở KH&CN thông báo", WED, None, "unknown", None, None),
    ("Cơ quan phối hợp: Văn phòng Sở", WED, None, "unknown", None, None),
    ("theo thứ tự ưu tiên", WED, None, "unknown", None, None),
    ("Phòng 305, tầng 3", WED, None, "unknown", None, None),
    ("Kinh phí: 349.000.000 đồng", WED, None, "unknown", None, None),
    ("Điện thoại: 0919.422.038", WED, None, "unknown", None, None),
    ("3.5", WED, None, "unknown", None, None),
    ("12.5%", WED, None, "unknown", None, None),
    ("1-2", WED, None, "unknown", None, None),
    ("Q1, TP.HCM", WED, None, "unknown", None, None),
    ("Kinh phí: Từ nguồn kinh phí chi thường xuyên của Sở", WED, None, "unknown", None, None),
    # Dates of cited documents are not the answer.
    ("Căn cứ Quyết định số 1295/QĐ-UBND ngày 23/4/2025 của UBND tỉnh", WED, None, "unknown", None, None),
    ("Nghị định số 22/2026/NĐ-CP ngày 16/01/2026 của Chính phủ", WED, None, "unknown", None, None),
    ("Thực hiện Kế hoạch số 77/KH-UBND ngày 31/1/2026, Sở tổ chức Hội nghị lúc 14h00 ngày 24/4/2026",
     WED, None, "instant", "2026-04-24T14:00", None),
    ("Theo Chỉ thị số 38-CT/TW ngày 30/7/2024, hoàn thành trong Quý III/2026",
     WED, None, "window", "2026-07-01T00:00", "2026-10-01T00:00"),
    ("Công văn 1702/TĐC-KHTC ngày 19/5/2026 đề nghị báo cáo chậm nhất ngày 30/5/2026",
     WED, None, "deadline", None, "2026-05-31T00:00"),
    ("(Kèm theo Kế hoạch số /KH-SKHCN ngày tháng năm 2026 của Sở Khoa học và Công nghệ)",
     WED, None, "unknown", None, None),
]


@pytest.mark.parametrize(("text", "ref", "year", "kind", "start", "end"), CASES)
def test_case(text: str, ref: str, year: int | None, kind: str, start: str | None, end: str | None) -> None:
    got = parse_time(text, datetime.fromisoformat(ref), year).to_json()
    assert (got["kind"], got["start"], got["end"]) == (kind, start, end), f"{text!r} → {got}"


RELATIVE: list[tuple[str, int, bool]] = [
    ("chậm nhất 05 ngày làm việc sau khi kết thúc Hội nghị", 5, True),
    ("trước 7 ngày tổ chức Hội nghị", -7, False),
    ("trong vòng 10 ngày kể từ ngày họp", 10, False),
    ("3 ngày trước khi diễn ra Hội nghị", -3, False),
    ("5 ngày làm việc", 5, True),
    ("cham nhat 03 ngay sau khi dien ra buoi lam viec", 3, False),
    ("trước 03 ngày làm việc", -3, True),
    ("chậm nhất 03 ngày", 3, False),
    ("Trước Hội nghị 10 ngày", -10, False),
    ("10 ngày trước Hội nghị", -10, False),
    ("trong thời hạn 15 ngày kể từ ngày nhận được văn bản", 15, False),
]


@pytest.mark.parametrize(("text", "offset", "working"), RELATIVE)
def test_relative(text: str, offset: int, working: bool) -> None:
    got = parse_time(text, datetime.fromisoformat(WED)).to_json()
    assert got == {**got, "kind": "relative", "start": None, "end": None, "offset_days": offset,
                   "anchor": "event", "working_days": working}


def test_relative_with_the_event_date_in_the_text_is_resolved() -> None:
    got = parse_time("chậm nhất 03 ngày sau khi diễn ra buổi làm việc ngày 24/4/2026", datetime(2026, 4, 1))
    assert (got.kind, got.start, got.end) == ("deadline", None, datetime(2026, 4, 28))


def test_resolve_relative_counts_calendar_days_then_working_days() -> None:
    event = datetime(2026, 4, 24, 14, 0)  # Friday; Mon 27/4 is the Hùng Kings day off (observed)
    after = parse_time("chậm nhất 03 ngày sau khi diễn ra buổi làm việc", datetime(2026, 4, 1))
    assert resolve_relative(after, event).end == datetime(2026, 4, 28)
    before = parse_time("trước 10 ngày diễn ra Hội nghị", datetime(2026, 4, 1))
    assert resolve_relative(before, event).end == datetime(2026, 4, 15)
    working = parse_time("5 ngày làm việc", datetime(2026, 4, 1))
    # 28, 29 April, (30/4, 1/5 holidays, weekend), 4, 5, 6 May → last day 6/5.
    assert resolve_relative(working, event).end == datetime(2026, 5, 7)
    local = WorkCalendar(extra_days_off=[datetime(2026, 5, 5).date()])
    assert resolve_relative(working, event, local).end == datetime(2026, 5, 8)
    window = parse_time("ngày 24/4/2026", datetime(2026, 4, 1))
    assert resolve_relative(window, event) is window


def test_weekday_that_disagrees_with_the_date_warns_and_the_date_wins() -> None:
    got = parse_time("thứ Sáu, ngày 28/5/2026", datetime.fromisoformat(WED))
    assert (got.kind, got.start) == ("window", datetime(2026, 5, 28))
    assert got.warning is not None and "28/05/2026" in got.warning
    agrees = parse_time("28/5/2026 (thứ Năm)", datetime.fromisoformat(WED))
    assert (agrees.start, agrees.warning) == (datetime(2026, 5, 28), None)


def test_until_date_alone_is_a_deadline_but_inside_from_to_is_a_range_end() -> None:
    ref = datetime.fromisoformat(WED)
    alone = parse_time("đến ngày 15/6/2026", ref)
    ranged = parse_time("từ ngày 10/6/2026 đến ngày 15/6/2026", ref)
    assert (alone.kind, alone.start, alone.end) == ("deadline", None, datetime(2026, 6, 16))
    assert (ranged.kind, ranged.start, ranged.end) == ("window", datetime(2026, 6, 10), datetime(2026, 6, 16))


def test_aware_ref_is_converted_to_local_time() -> None:
    utc = datetime(2026, 5, 20, 20, 30, tzinfo=UTC)  # 03:30 on 21 May in Hà Nội
    got = parse_time("hôm nay", utc)
    assert (got.start, got.end) == (datetime(2026, 5, 21), datetime(2026, 5, 22))
    ict = timezone(timedelta(hours=7))
    assert parse_time("từ nay đến ngày 30/6/2026", datetime(2026, 5, 20, 9, 15, 42, tzinfo=ict)).start == (
        datetime(2026, 5, 20, 9, 15))


def test_matched_is_the_substring_that_was_read() -> None:
    got = parse_time("Gửi danh sách trước ngày 26/5/2026 để tổng hợp.", datetime.fromisoformat(WED))
    assert got.matched == "trước ngày 26/5/2026"


def test_to_json_has_relative_keys_only_for_relative() -> None:
    assert set(UNKNOWN.to_json()) == {"kind", "start", "end"}
    rel = TimeExpr(kind="relative", start=None, end=None, offset_days=-3, anchor="event", working_days=False)
    assert rel.to_json() == {"kind": "relative", "start": None, "end": None, "offset_days": -3,
                             "anchor": "event", "working_days": False}


def test_english_chat_goes_through_the_checked_fallback() -> None:
    ref = datetime.fromisoformat(WED)
    may = parse_time("May 28", ref)
    assert (may.kind, may.start, may.end) == ("window", datetime(2026, 5, 28), datetime(2026, 5, 29))
    late = parse_time("May 28", datetime.fromisoformat(FRI))
    assert late.start == datetime(2027, 5, 28)  # our missing-year rule, not dateparser's
    assert parse_time("tomorrow 3pm", ref).start == datetime(2026, 5, 21, 15, 0)
    assert parse_time("call me maybe", ref).kind == "unknown"


def test_non_string_input_is_unknown_not_an_error() -> None:
    assert parse_time(None, datetime.fromisoformat(WED)).kind == "unknown"  # type: ignore[arg-type]
