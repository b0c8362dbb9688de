"""A .docx is a zip of XML parts: look at it before python-docx inflates and parses it all.

A 525 KB file with 60 million empty paragraphs grows to gigabytes in memory once parsed. Here the
zip's directory (sizes, ratio, number of parts) is checked first, then every XML part is read as a
stream, counting elements, paragraphs and table rows and stopping at the first limit passed, so the
work before a refusal is bounded too. The limits are in domain.documents.limits.
"""

from __future__ import annotations

import zipfile

from domain.documents import limits
from domain.documents.errors import DocumentError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH, _ROW = f"{_W}p", f"{_W}tr"
_RESAVE = "Vui lòng mở bằng Word, lưu lại (hoặc tách thành nhiều tệp) rồi gửi lại."


def check_docx(archive: zipfile.ZipFile) -> None:
    """DocumentError naming the limit when the .docx would cost too much to read."""
    entries = archive.infolist()
    if len(entries) > limits.DOCX_MAX_PARTS:
        raise DocumentError(f"Tệp .docx có {limits.count(len(entries))} phần bên trong, quá giới hạn "
                            f"{limits.count(limits.DOCX_MAX_PARTS)} phần. {_RESAVE}")
    total = 0
    for entry in entries:
        if entry.file_size > limits.DOCX_MAX_PART_BYTES:
            raise DocumentError(f"Tệp .docx khi giải nén có phần «{entry.filename}» lớn "
                                f"{limits.megabytes(entry.file_size)}, quá giới hạn "
                                f"{limits.megabytes(limits.DOCX_MAX_PART_BYTES)} một phần. {_RESAVE}")
        ratio = entry.file_size / max(1, entry.compress_size)
        if entry.file_size > limits.DOCX_RATIO_FLOOR and ratio > limits.DOCX_MAX_RATIO:
            raise DocumentError(f"Tệp .docx nén bất thường: phần «{entry.filename}» giải nén ra gấp "
                                f"{limits.count(int(ratio))} lần, quá giới hạn {limits.DOCX_MAX_RATIO} lần "
                                f"(dấu hiệu tệp «bom nén»). {_RESAVE}")
        total += entry.file_size
    if total > limits.DOCX_MAX_TOTAL_BYTES:
        raise DocumentError(f"Tệp .docx khi giải nén lớn {limits.megabytes(total)}, quá giới hạn "
                            f"{limits.megabytes(limits.DOCX_MAX_TOTAL_BYTES)}. {_RESAVE}")
    _count_elements(archive, [e.filename for e in entries if e.filename.endswith((".xml", ".rels"))])


def _count_elements(archive: zipfile.ZipFile, names: list[str]) -> None:
    from lxml import etree  # type: ignore[import-untyped]  # python-docx depends on lxml; no stubs shipped

    elements = paragraphs = rows = 0
    for name in names:
        with archive.open(name) as stream:
            for _event, element in etree.iterparse(stream, events=("end",), resolve_entities=False,
                                                   no_network=True, huge_tree=False):
                elements += 1
                if element.tag == _PARAGRAPH:
                    paragraphs += 1
                elif element.tag == _ROW:
                    rows += 1
                element.clear(keep_tail=False)  # what was counted is not kept: memory stays flat
                if elements > limits.DOCX_MAX_ELEMENTS:
                    raise DocumentError(f"Tệp .docx có hơn {limits.count(limits.DOCX_MAX_ELEMENTS)} thành phần "
                                        f"(đoạn, dòng, ô, định dạng), quá giới hạn đọc được. {_RESAVE}")
                if paragraphs > limits.DOCX_MAX_PARAGRAPHS:
                    raise DocumentError(f"Tệp .docx có hơn {limits.count(limits.DOCX_MAX_PARAGRAPHS)} đoạn văn, "
                                        f"quá giới hạn đọc được. {_RESAVE}")
                if rows > limits.DOCX_MAX_TABLE_ROWS:
                    raise DocumentError(f"Tệp .docx có hơn {limits.count(limits.DOCX_MAX_TABLE_ROWS)} dòng bảng, "
                                        f"quá giới hạn đọc được. {_RESAVE}")
