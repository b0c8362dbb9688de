"""Bytes of an uploaded file to text; nothing else here knows about file formats.

Tables become one line a row with tab-separated cells, in document order among the
paragraphs, because the plan appendix and the meeting programme are tables. A failure of
any library becomes a DocumentError with a Vietnamese sentence: the sender needs to know
what to send instead, not a traceback.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from pathlib import PurePath
from typing import TYPE_CHECKING

from domain.documents import limits
from domain.documents.errors import ACCEPTED, DocumentError

if TYPE_CHECKING:  # python-docx is imported when a .docx arrives, not at start-up
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table
    from docx.types import ProvidesStoryPart

_PARAGRAPH_BREAK = "\n\n"


def document_text(filename: str, data: bytes) -> str:
    """The text of an uploaded file, chosen by its extension (.docx, .pdf, .txt, .md)."""
    suffix = PurePath(filename or "").suffix.lower()
    readers = {".docx": text_from_docx, ".pdf": text_from_pdf, ".txt": text_from_plain, ".md": text_from_plain}
    reader = readers.get(suffix)
    if reader is None:
        shown = suffix or "không có đuôi"
        raise DocumentError(f"Chưa đọc được tệp {shown}. Vui lòng gửi tệp {ACCEPTED}.")
    if not data:
        raise DocumentError("Tệp trống, không có nội dung để đọc.")
    if len(data) > limits.MAX_FILE_BYTES:
        raise DocumentError(f"Tệp quá lớn ({limits.megabytes(len(data))}, tối đa "
                            f"{limits.megabytes(limits.MAX_FILE_BYTES)}). Vui lòng gửi bản nhỏ hơn.")
    text = reader(data)
    if len(text) > limits.MAX_TEXT_CHARS:
        raise text_too_long(len(text))
    return text


def text_too_long(chars: int | None = None) -> DocumentError:
    """The refusal of a text past MAX_TEXT_CHARS (`chars` when known: a PDF stops reading early)."""
    found = f"{limits.count(chars)} ký tự" if chars is not None else "hơn giới hạn"
    return DocumentError(f"Nội dung tệp quá dài ({found}, tối đa {limits.count(limits.MAX_TEXT_CHARS)} ký tự). "
                         "Vui lòng tách thành nhiều tệp nhỏ hơn rồi gửi lần lượt.")


def text_from_plain(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows Vietnamese (cp1258)."""
    candidates: tuple[str, ...]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "cp1258", "latin-1")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    raise DocumentError("Không nhận ra bảng mã của tệp văn bản. Vui lòng lưu lại dưới dạng UTF-8.")


def text_from_docx(data: bytes) -> str:
    """Paragraphs and tables in document order; paragraphs apart by a blank line."""
    if not data.startswith(b"PK"):
        raise DocumentError(f"Tệp .docx bị hỏng hoặc không phải tệp Word. Vui lòng gửi tệp {ACCEPTED}.")
    try:
        import zipfile

        import docx

        from domain.documents.docx_guard import check_docx

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_docx(archive)  # sizes and counts first: a compression bomb is refused before it inflates
        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document.element.body, document))
    except DocumentError:
        raise
    except Exception as error:  # any library failure on a bad file means the same to the sender
        raise DocumentError(
            f"Tệp .docx bị hỏng hoặc không đọc được. Vui lòng mở lại bằng Word, lưu rồi gửi lại ({ACCEPTED})."
        ) from error
    return unicodedata.normalize("NFC", _PARAGRAPH_BREAK.join(block for block in blocks if block.strip()))


def _docx_blocks(container: BaseOxmlElement, parent: ProvidesStoryPart) -> Iterator[str]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent).text.replace("\t", " ")
        elif child.tag == qn("w:tbl"):
            yield "\n".join(_table_rows(Table(child, parent)))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content, parent)


def _table_rows(table: Table) -> Iterator[str]:
    """One line a row. A cell spanning columns is written once, then empty cells keep the
    columns in place; a cell continuing a vertical merge is empty (its text is above)."""
    from docx.table import _Cell

    for tr in table._tbl.tr_lst:
        cells: list[str] = []
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                text = ""
            else:
                cell = _Cell(tc, table)
                parts = [paragraph.text for paragraph in cell.paragraphs]
                parts += ["\t".join(_table_rows(inner)).replace("\n", " ") for inner in cell.tables]
                text = " ".join(part.replace("\t", " ").replace("\n", " ").strip() for part in parts if part.strip())
            cells.append(text)
            cells.extend([""] * (max(1, tc.grid_span) - 1))
        yield "\t".join(cells)


def text_from_pdf(data: bytes) -> str:
    """The text layer of a PDF, tables as tab-separated rows (see pdf_text)."""
    if b"%PDF" not in data[:1024]:
        raise DocumentError(f"Tệp .pdf bị hỏng hoặc không phải PDF. Vui lòng gửi tệp {ACCEPTED}.")
    from pypdf.errors import DependencyError, FileNotDecryptedError

    locked = DocumentError("Tệp PDF có mật khẩu, chưa mở được. Vui lòng gửi bản không đặt mật khẩu "
                           f"hoặc gửi tệp {ACCEPTED}.")
    try:
        from pypdf import PdfReader

        from domain.documents.pdf_text import pdf_reader_text

        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are encrypted with an empty password (only printing or copying is restricted):
        # those open (AES needs the `cryptography` package); a real password cannot be guessed.
        if reader.is_encrypted and not reader.decrypt(""):
            raise locked
        if len(reader.pages) > limits.PDF_MAX_PAGES:
            raise DocumentError(f"Tệp PDF có {limits.count(len(reader.pages))} trang, quá giới hạn "
                                f"{limits.count(limits.PDF_MAX_PAGES)} trang. Vui lòng tách thành nhiều tệp.")
        text = pdf_reader_text(reader, max_chars=limits.MAX_TEXT_CHARS)
    except DocumentError:
        raise
    except (DependencyError, FileNotDecryptedError) as error:
        raise locked from error
    except OverflowError as error:  # pdf_text: more text than we keep, found page by page
        raise text_too_long() from error
    except Exception as error:  # pypdf raises many kinds on damaged files; the sender's fix is one
        raise DocumentError(
            f"Tệp .pdf bị hỏng hoặc không đọc được. Vui lòng gửi lại hoặc gửi tệp {ACCEPTED}."
        ) from error
    if not text.strip():
        raise DocumentError(
            "Tệp PDF không có lớp chữ (có thể là bản quét). Vui lòng gửi tệp Word (.docx) hoặc PDF xuất từ Word."
        )
    return unicodedata.normalize("NFC", text)
