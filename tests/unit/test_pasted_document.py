"""A long message is taken for a pasted document only when it has a document's shape."""

from __future__ import annotations

import pytest

from domain.documents.pasted import looks_like_document
from tests.conftest import fixture_file

CHATTY = ("Chào anh, em là cán bộ phường Trấn Biên.\nHôm qua em có gửi danh sách rồi ạ.\n"
          "Anh kiểm tra giúp em xem đã nhận được chưa nhé, vì em chưa thấy phản hồi.\n"
          "Nếu cần bổ sung gì thì anh nhắn lại giúp em, em cảm ơn anh nhiều.\n" * 2)


@pytest.mark.parametrize("seed", ["seeds/000_a3fd057809f7ec29.txt", "seeds/001_09a72fef00e9e36f.txt",
                                  "seeds/003_9dc728ae31be0994.txt"])
def test_real_letters_and_plans_pasted_are_documents(seed: str) -> None:
    assert looks_like_document(fixture_file(seed).read_text(encoding="utf-8")[:4000])


def test_words_said_are_not_documents() -> None:
    assert not looks_like_document("quý này có việc gì?")
    assert not looks_like_document(CHATTY)  # long and on many lines, but no document's marks
    one_mark = CHATTY + "Kính gửi anh.\n"
    assert not looks_like_document(one_mark)  # one mark is not enough
    short = "Số: 12/SKHCN\nKính gửi: UBND các xã\nV/v báo cáo\nĐề nghị gửi trước 30/5"
    assert not looks_like_document(short)  # the marks, but too short to be the letter
    assert looks_like_document(CHATTY + "Số: 12/SKHCN-TĐC\nKính gửi: UBND các xã, phường\n")
