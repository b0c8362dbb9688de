"""domain.documents.upload: one call from a sent file to what it is, as plain picklable values."""

from __future__ import annotations

import pickle

from domain.documents.upload import read_upload, read_upload_text
from tests.conftest import fixture_file


def test_a_plan_a_letter_neither_and_an_unreadable_file() -> None:
    plan = read_upload("ke-hoach.txt", fixture_file("seeds/003_9dc728ae31be0994.txt").read_bytes(), 400_000)
    assert plan.plan is not None and len(plan.plan.tasks) == 21 and plan.letter is None
    assert pickle.loads(pickle.dumps(plan)) == plan  # it crosses the process boundary intact
    letter = read_upload("giay-moi.txt", fixture_file("seeds/000_a3fd057809f7ec29.txt").read_bytes(), 400_000)
    assert letter.plan is None and letter.letter is not None and letter.letter.start is not None
    assert read_upload_text("Kính gửi anh chị, chúc mừng năm mới.") .plan is None
    broken = read_upload("hong.docx", b"PK\x03\x04 not a docx", 400_000)
    assert broken.error and "Tệp .docx bị hỏng" in broken.error
    assert read_upload("dai.txt", b"x" * 101, 100).too_long
