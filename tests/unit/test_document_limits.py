"""Each limit of domain.documents.limits, hit in-process with the limit lowered (the full-size
hostile files are read in a bounded child process in tests/security/test_hostile_files.py)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from domain.documents import DocumentError, document_text, limits
from tests.conftest import FIXTURES


def _docx(paragraphs: int = 1, rows: int = 0) -> bytes:
    document = docx.Document()
    for i in range(paragraphs):
        document.add_paragraph(f"Đoạn {i}")
    if rows:
        document.add_table(rows=rows, cols=2)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(pages: int, line: str = "Kế hoạch kiểm tra đo lường", **encryption: object) -> bytes:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FIXTURES / "fonts" / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=11)
    if encryption:
        pdf.set_encryption(**encryption)  # type: ignore[arg-type]
    for _ in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 6, line)
    return bytes(pdf.output())


def _refusal(name: str, data: bytes) -> str:
    with pytest.raises(DocumentError) as raised:
        document_text(name, data)
    return str(raised.value)


@pytest.mark.parametrize(("limit", "value", "says"), [
    ("DOCX_MAX_PARTS", 3, "phần bên trong, quá giới hạn 3 phần"),
    ("DOCX_MAX_PART_BYTES", 2000, "quá giới hạn 0,0 MB một phần"),
    ("DOCX_MAX_TOTAL_BYTES", 20_000, "khi giải nén lớn"),
    ("DOCX_MAX_ELEMENTS", 50, "hơn 50 thành phần"),
    ("DOCX_MAX_PARAGRAPHS", 10, "hơn 10 đoạn văn"),
    ("DOCX_MAX_TABLE_ROWS", 10, "hơn 10 dòng bảng"),
])
def test_each_docx_limit_names_itself(monkeypatch: pytest.MonkeyPatch, limit: str, value: int, says: str) -> None:
    monkeypatch.setattr(limits, limit, value)
    assert says in _refusal("a.docx", _docx(paragraphs=30, rows=20))


def test_the_ratio_limit_spares_small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "DOCX_MAX_RATIO", 1)
    assert "Đoạn 0" in document_text("a.docx", _docx())  # every part is under DOCX_RATIO_FLOOR
    monkeypatch.setattr(limits, "DOCX_RATIO_FLOOR", 100)
    assert "nén bất thường" in _refusal("a.docx", _docx())


def test_a_docx_under_every_limit_reads() -> None:
    text = document_text("a.docx", _docx(paragraphs=200, rows=50))
    assert "Đoạn 199" in text


def test_a_zip_whose_parts_cannot_be_parsed_is_damaged() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    assert _refusal("a.docx", buffer.getvalue()).startswith("Tệp .docx bị hỏng")


def test_text_pdf_pages_and_size_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100)
    assert "Nội dung tệp quá dài (1.000 ký tự, tối đa 100 ký tự)" in _refusal("a.txt", b"x" * 1000)
    assert "Nội dung tệp quá dài (hơn giới hạn, tối đa 100 ký tự)" in _refusal("a.pdf", _pdf(5))
    monkeypatch.setattr(limits, "PDF_MAX_PAGES", 2)
    assert "Tệp PDF có 3 trang, quá giới hạn 2 trang" in _refusal("a.pdf", _pdf(3))


def test_an_aes_pdf_without_the_library_is_locked_not_damaged(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _pdf(1, owner_password="o", user_password="", encryption_method=EncryptionMethod.AES_128)
    assert "Kế hoạch kiểm tra" in document_text("a.pdf", data)
    from pypdf._crypt_providers import _fallback  # what pypdf uses without cryptography: AES refused

    for name in ("CryptAES", "aes_cbc_decrypt", "aes_cbc_encrypt", "aes_ecb_decrypt", "aes_ecb_encrypt"):
        monkeypatch.setattr(f"pypdf._encryption.{name}", getattr(_fallback, name))
    assert _refusal("a.pdf", data).startswith("Tệp PDF có mật khẩu")


def test_a_file_over_the_byte_limit_and_a_real_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1024 * 1024)
    assert "Tệp quá lớn (2,0 MB, tối đa 1,0 MB)" in _refusal("a.txt", b"x" * 2 * 1024 * 1024)
    locked = _pdf(1, owner_password="o", user_password="mat-khau", encryption_method=EncryptionMethod.AES_128)
    assert _refusal("a.pdf", locked).startswith("Tệp PDF có mật khẩu")
