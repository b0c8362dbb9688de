"""Plans written as Markdown: heading marks and escapes off, so the lines read like a Word file's.

Cleanup already drops bold and emphasis ("**a)**", "*Chi tiết*") and reads "| … |" tables; what
is left is the escapes converters add ("1\\. Tuyên truyền", "a\\) Tổ chức"), taken off the raw
text before cleanup (which would join "a\\) …" to the line above as a paragraph's second half),
and the heading marks ("## II. NHIỆM VỤ", "### 1. Tuyên truyền") that hide a section's number
from `structure.heading`, taken off the cleaned lines. A one-line heading that joins the
document type and the title ("# KẾ HOẠCH Triển khai …") is two lines, as a Word file writes them.
"""

from __future__ import annotations

import re

_HEADING_MARK = re.compile(r"#{1,6}(?:\s+|$)")
_CLOSING_MARKS = re.compile(r"\s+#+\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_DOCUMENT_TYPE = re.compile(r"(KẾ HOẠCH|THÔNG BÁO|CÔNG VĂN|GIẤY MỜI|BÁO CÁO)\s*[:.–-]?\s+(?P<title>\S.*)")


def unescape(text: str) -> str:
    """Raw text without Markdown's backslash escapes ("2\\." → "2.")."""
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def unmark(lines: list[str]) -> list[str]:
    """Cleaned lines without Markdown heading marks; other lines as they are."""
    if not any(line.startswith("#") for line in lines):
        return lines
    result: list[str] = []
    for line in lines:
        mark = _HEADING_MARK.match(line)
        if mark is None:
            result.append(line)
            continue
        text = _CLOSING_MARKS.sub("", line[mark.end():]).strip()
        joined = _DOCUMENT_TYPE.fullmatch(text)
        if joined:
            result += [joined.group(1), joined.group("title")]
        elif text:
            result.append(text)
    return result
