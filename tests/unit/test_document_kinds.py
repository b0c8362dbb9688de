"""What a sent document is: a plan, a meeting, a request, or none of these, and why.

The seeds are real documents: 000 an invitation letter (which also asks for a list of names by a
date, and is still a meeting), 001 a plan for organising a meeting (a meeting, read as a meeting
plan, as the intake does today), 003 a plan with 21 tasks.
"""

from __future__ import annotations

import io
import pickle
from datetime import datetime

import docx
import pytest

from domain.documents.kinds import recognise
from domain.documents.models import MeetingDoc, PlanDoc, RequestDoc
from domain.documents.request import read_request
from domain.documents.upload import read_upload, read_upload_text
from tests.conftest import FIXTURES, fixture_file

REF = datetime(2026, 12, 2, 10, 0)


def text_of(relative: str) -> str:
    return fixture_file(relative).read_text(encoding="utf-8")


def test_the_seed_plan_is_a_plan() -> None:
    found = recognise(text_of("seeds/003_9dc728ae31be0994.txt"), REF)
    assert (found.kind, found.reason) == ("plan", "có 21 nhiệm vụ")
    assert isinstance(found.document, PlanDoc) and len(found.document.tasks) == 21


def test_an_invitation_that_asks_for_names_by_a_date_is_a_meeting() -> None:
    text = text_of("seeds/000_a3fd057809f7ec29.txt")
    assert read_request(text, REF).requests  # read as a request it would ask for the list …
    found = recognise(text, REF)  # … but it is a meeting, whose registration cutoff the letter reader keeps
    assert (found.kind, found.reason) == ("meeting", "có thời gian họp 14h00 ngày 28/5/2026")
    assert isinstance(found.document, MeetingDoc) and found.document.registration is not None
    assert found.document.registration.due_at == datetime(2026, 5, 26)


def test_a_meeting_plan_is_a_meeting() -> None:
    found = recognise(text_of("seeds/001_09a72fef00e9e36f.txt"), REF)
    assert (found.kind, found.reason) == ("meeting", "có thời gian họp 14h00 ngày 24/4/2026")
    assert isinstance(found.document, MeetingDoc) and found.document.kind == "plan"


@pytest.mark.parametrize(("name", "reason"), [
    ("01_bao_cao_cuoi_nam_xa.txt", "đề nghị gửi báo cáo kết quả công tác quản lý nhà nước về tiêu chuẩn, đo lường, "
                                   "chất lượng n… trước ngày 12/12/2026"),
    ("02_phieu_dang_ky_doanh_nghiep.txt", "đề nghị gửi phiếu đăng ký nhu cầu hỗ trợ (theo mẫu đính kèm) "
                                          "trước ngày 15 tháng 8 năm 2026"),
    ("03_bao_cao_hang_nam_kiem_dinh.txt", "đề nghị gửi báo cáo tình hình hoạt động kiểm định, hiệu chuẩn, thử nghiệm "
                                          "của năm trước liề… trước ngày 31/5 hàng năm"),
    ("05_bao_cao_hang_quy_xa.txt", "đề nghị gửi báo cáo kết quả kiểm tra nhà nước về đo lường, chất lượng sản phẩm, "
                                   "hàng hóa tr… Định kỳ hằng quý, trước ngày 15 của tháng cuối quý và 1 yêu cầu khác"),
    ("06_thong_bao_nhiem_vu_khcn.txt", "đề nghị gửi báo cáo định kỳ tình hình thực hiện nhiệm vụ (theo Mẫu B1-BCĐK) "
                                       "chậm nhất là ngày 20/3/2025"),
])
def test_request_letters_are_requests(name: str, reason: str) -> None:
    found = recognise(text_of(f"requests/{name}"), REF)
    assert (found.kind, found.reason) == ("request", reason)
    assert isinstance(found.document, RequestDoc) and found.document.requests


def test_a_letter_that_asks_for_nothing_by_a_date_is_unknown() -> None:
    found = recognise(text_of("requests/07_khong_co_han.txt"), REF)
    assert (found.kind, found.document, found.reason) == (
        "unknown", None, "không thấy nhiệm vụ, cuộc họp hay hạn nộp nào")
    assert recognise("", REF).kind == "unknown"


def test_an_upload_carries_the_request_and_crosses_the_process_boundary() -> None:
    upload = read_upload_text(text_of("requests/03_bao_cao_hang_nam_kiem_dinh.txt"), REF)
    assert (upload.plan, upload.letter) == (None, None)
    assert upload.request is not None and upload.request.requests[0].due_at == datetime(2027, 5, 31)
    assert upload.reason is not None and upload.reason.startswith("đề nghị gửi báo cáo tình hình")
    assert pickle.loads(pickle.dumps(upload)) == upload


def test_plans_and_meetings_upload_as_before() -> None:
    plan = read_upload_text(text_of("seeds/003_9dc728ae31be0994.txt"))
    assert plan.plan is not None and (plan.letter, plan.request, plan.reason) == (None, None, "có 21 nhiệm vụ")
    meeting = read_upload_text(text_of("seeds/000_a3fd057809f7ec29.txt"))
    assert meeting.letter is not None and (meeting.plan, meeting.request) == (None, None)
    nothing = read_upload_text(text_of("requests/07_khong_co_han.txt"))
    assert (nothing.plan, nothing.letter, nothing.request) == (None, None, None)


def test_a_request_sent_as_a_word_file() -> None:
    document = docx.Document()
    for line in text_of("requests/02_phieu_dang_ky_doanh_nghiep.txt").splitlines():
        if line.strip():
            document.add_paragraph(line.replace("\t", "    "))
    buffer = io.BytesIO()
    document.save(buffer)
    upload = read_upload("phieu-dang-ky.docx", buffer.getvalue(), 400_000)
    assert upload.error is None and upload.request is not None
    assert upload.request.requests[0].due_at == datetime(2026, 8, 15)


def test_a_meeting_with_only_a_period_is_recognised_by_that_period_never_by_midnight() -> None:
    found = recognise((FIXTURES / "letter_shapes" / "thong_bao_cuoi_thang.txt").read_text(encoding="utf-8"))
    assert (found.kind, found.reason) == ("meeting", "có thời gian họp 8h00, cuối tháng 9/2026")
