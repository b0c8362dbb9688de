"""Hostile uploads: each kind is refused clearly (the Vietnamese sentence names the limit it hit,
never a false "too big" or "corrupted"), and the refusal is bounded in memory and time: every
reading here runs in a child process under RLIMIT_AS and a deadline (tests/security/bounded.py).

Files are made here: .docx with python-docx and zipfile (the bombs write the XML a bomb carries),
PDFs with fpdf2 (its encryption for the locked ones).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from domain.documents import limits
from tests.conftest import FIXTURES, Clock, Db
from tests.security.bounded import read_bounded

FONT = FIXTURES / "fonts" / "DejaVuSans.ttf"
_BODY = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
_END = "</w:body></w:document>"


def _docx(build=None) -> bytes:  # type: ignore[no-untyped-def]
    document = docx.Document()
    document.add_paragraph("Kế hoạch kiểm tra đo lường")
    if build is not None:
        build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_body(xml: str) -> bytes:
    """A real .docx whose word/document.xml is replaced by `xml`."""
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for entry in source.infolist():
            out.writestr(entry.filename, xml if entry.filename == "word/document.xml" else source.read(entry))
    return buffer.getvalue()


def _pdf(lines: list[str], pages: int = 1, **encryption: object) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    if encryption:
        pdf.set_encryption(**encryption)  # type: ignore[arg-type]
    for _ in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# ---------- bombs ----------

def test_a_docx_bomb_of_empty_paragraphs_is_refused_by_its_unpacked_size(tmp_path: Path) -> None:
    data = _with_body(_BODY + "<w:p/>" * 6_000_000 + _END)  # 36 MB of XML in a few hundred KB
    assert len(data) < 1024 * 1024
    outcome = read_bounded(tmp_path, "ke-hoach.docx", data)
    assert outcome.refused is not None and "word/document.xml" in outcome.refused
    assert f"quá giới hạn {limits.megabytes(limits.DOCX_MAX_PART_BYTES)} một phần" in outcome.refused


def test_a_docx_that_unpacks_a_hundredfold_is_refused_by_its_ratio(tmp_path: Path) -> None:
    data = _with_body(_BODY + "<w:p/>" * 1_000_000 + _END)  # 6 MB: under the size limit, ratio about 1,000
    outcome = read_bounded(tmp_path, "ke-hoach.docx", data)
    assert outcome.refused is not None and "nén bất thường" in outcome.refused
    assert f"quá giới hạn {limits.DOCX_MAX_RATIO} lần" in outcome.refused


def test_too_many_paragraphs_are_refused_by_the_paragraph_limit(tmp_path: Path) -> None:
    body = "".join(f"<w:p><w:r><w:t>Đoạn {i} của văn bản kế hoạch năm</w:t></w:r></w:p>" for i in range(25_000))
    outcome = read_bounded(tmp_path, "ke-hoach.docx", _with_body(_BODY + body + _END))
    assert outcome.refused is not None
    assert f"hơn {limits.count(limits.DOCX_MAX_PARAGRAPHS)} đoạn văn" in outcome.refused


def test_a_small_docx_with_10000_table_rows_names_the_row_limit_not_the_file_size(tmp_path: Path) -> None:
    row = "<w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"
    table = "<w:tbl>" + "".join(row.format(i) for i in range(10_000)) + "</w:tbl>"
    data = _with_body(_BODY + table + _END)
    assert len(data) < 200 * 1024
    outcome = read_bounded(tmp_path, "phu-luc.docx", data)
    assert outcome.refused is not None
    assert f"hơn {limits.count(limits.DOCX_MAX_TABLE_ROWS)} dòng bảng" in outcome.refused
    assert "MB" not in outcome.refused


# ---------- huge ----------

def test_a_file_over_the_size_limit_says_its_size(tmp_path: Path) -> None:
    data = b"a" * (limits.MAX_FILE_BYTES + 1024 * 1024)
    outcome = read_bounded(tmp_path, "ghi-chu.txt", data)
    assert outcome.refused is not None and "Tệp quá lớn (21 MB, tối đa 20 MB)" in outcome.refused


def test_a_text_too_long_to_keep_names_the_character_limit(tmp_path: Path) -> None:
    outcome = read_bounded(tmp_path, "ghi-chu.txt", ("Kế hoạch " * 50_000).encode())
    assert outcome.refused is not None
    assert f"450.000 ký tự, tối đa {limits.count(limits.MAX_TEXT_CHARS)} ký tự" in outcome.refused


def test_a_pdf_with_too_many_pages_is_refused_by_its_page_count(tmp_path: Path) -> None:
    outcome = read_bounded(tmp_path, "ke-hoach.pdf", _pdf(["Trang"], pages=limits.PDF_MAX_PAGES + 1))
    assert outcome.refused is not None
    assert f"{limits.count(limits.PDF_MAX_PAGES + 1)} trang, quá giới hạn" in outcome.refused


def test_a_pdf_with_too_much_text_stops_at_the_character_limit(tmp_path: Path) -> None:
    page = ["Tổ chức triển khai nhiệm vụ kiểm tra đo lường, chất lượng trên địa bàn tỉnh năm 2026 " * 2] * 38
    outcome = read_bounded(tmp_path, "ke-hoach.pdf", _pdf(page, pages=80))
    assert outcome.refused is not None and "Nội dung tệp quá dài" in outcome.refused
    assert f"tối đa {limits.count(limits.MAX_TEXT_CHARS)} ký tự" in outcome.refused


# ---------- truncated and fake ----------

@pytest.mark.parametrize(("name", "says"), [("ke-hoach.docx", "Tệp .docx bị hỏng"),
                                            ("ke-hoach.pdf", "Tệp .pdf bị hỏng")])
def test_a_truncated_file_is_called_damaged(tmp_path: Path, name: str, says: str) -> None:
    data = _docx() if name.endswith(".docx") else _pdf(["Kế hoạch kiểm tra"] * 30, pages=3)
    outcome = read_bounded(tmp_path, name, data[: len(data) // 2])
    assert outcome.refused is not None and outcome.refused.startswith(says)


@pytest.mark.parametrize(("name", "kind"), [("ke-hoach.pdf", "docx"), ("ke-hoach.docx", "pdf"),
                                            ("ke-hoach.pdf", "png"), ("ke-hoach.docx", "zip")])
def test_a_fake_extension_is_refused_as_not_that_kind(tmp_path: Path, name: str, kind: str) -> None:
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    data = {"docx": _docx(), "pdf": _pdf(["Kế hoạch"]), "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000,
            "zip": other.getvalue()}[kind]
    outcome = read_bounded(tmp_path, name, data)
    assert outcome.refused is not None
    word = "Word" if name.endswith(".docx") else "PDF"
    assert outcome.refused.startswith("Tệp .") and word in outcome.refused


# ---------- encrypted ----------

@pytest.mark.parametrize("method", [EncryptionMethod.RC4, EncryptionMethod.AES_128, EncryptionMethod.AES_256])
def test_a_pdf_locked_with_an_empty_password_opens(tmp_path: Path, method: EncryptionMethod) -> None:
    data = _pdf(["Kế hoạch kiểm tra đo lường năm 2026"], owner_password="chu-so-huu", user_password="",
                encryption_method=method)
    outcome = read_bounded(tmp_path, "ke-hoach.pdf", data)
    assert outcome.refused is None and "Kế hoạch kiểm tra đo lường năm 2026" in outcome.start


def test_a_pdf_with_a_real_password_says_so(tmp_path: Path) -> None:
    data = _pdf(["Kế hoạch"], owner_password="chu-so-huu", user_password="mat-khau",
                encryption_method=EncryptionMethod.AES_128)
    outcome = read_bounded(tmp_path, "ke-hoach.pdf", data)
    assert outcome.refused is not None and outcome.refused.startswith("Tệp PDF có mật khẩu")
    assert "hỏng" not in outcome.refused


def test_without_the_aes_library_an_encrypted_pdf_is_called_locked_not_damaged(tmp_path: Path) -> None:
    data = _pdf(["Kế hoạch"], owner_password="chu-so-huu", user_password="", encryption_method=EncryptionMethod.AES_128)
    outcome = read_bounded(tmp_path, "ke-hoach.pdf", data, without_cryptography=True)
    assert outcome.refused is not None and outcome.refused.startswith("Tệp PDF có mật khẩu")


# ---------- through the chat ----------

async def test_an_organiser_sending_the_10000_row_docx_is_told_the_row_limit(sqlite_db: Db, clock: Clock) -> None:
    """The reported case: a 107 KB .docx was answered "Tệp quá lớn (tối đa 10 MB)", which was false."""
    from handlers.types import Inbound, InFile
    from tests.flows.harness import chat_as, demo_world, make_runtime

    await demo_world(sqlite_db, clock)
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    row = "<w:tr>" + cell.format("{} Kiểm tra đo lường tại Phường Trấn Biên") + cell.format("Quý II/2026") + "</w:tr>"
    data = _with_body(_BODY + "<w:tbl>" + "".join(row.format(i) for i in range(10_000)) + "</w:tbl>" + _END)
    assert len(data) < 200 * 1024  # its text is over 400,000 characters: main called it "too big (10 MB)"

    async def fetch() -> bytes:
        return data

    replies = await organiser.send(Inbound(file=InFile(name="phu-luc.docx", size=len(data), fetch=fetch)))
    text = "\n".join(reply.text for reply in replies)
    assert f"hơn {limits.count(limits.DOCX_MAX_TABLE_ROWS)} dòng bảng" in text
    assert "Tệp quá lớn" not in text
