"""From extracted text to lines the readers can walk: one paragraph or one table row a line.

Text reaches us from Word, from PDF and from pastes of converted files, with markdown bold,
<p> tags, page numbers, separator rules and paragraphs cut in two by a page break. We clean
that once, here. A table row stays one line with its cells separated by tabs; a row that
starts with a tab continues the row above (the table readers join those).
"""

from __future__ import annotations

import re
import unicodedata

_MARKUP = re.compile(r"\*\*|__|</?(?:p|br|b|i|u|strong|em|span|div|sup|sub|font)\b[^>]*>", re.IGNORECASE)
# A lone "*" that opens or closes emphasis (*Chi tiết theo Phụ lục*), not one inside a word.
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])")
_SPACES = re.compile(r"[^\S\t\n]+")
_PAGE_NUMBER = re.compile(r"(?:trang\s*)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*/\s*\d{1,3})?", re.IGNORECASE)
_RULE = re.compile(r"[\s\-–—_=*|:.~+]+")
# A footnote at a page foot, "1 Quyết định số …" or "¹ …": a bare number then a capital.
_FOOTNOTE = re.compile(r"(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s+(?P<first>\w)")
_LETTER_ITEM = re.compile(r"[a-zđ]\)\s")


def _clean_cell(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "*" in text or "_" in text or "<" in text:
        text = _EMPHASIS.sub("", _MARKUP.sub("", text))
    return _SPACES.sub(" ", text).strip()


def _clean_line(raw: str) -> str:
    stripped = raw.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        raw = "\t".join(stripped[1:-1].split("|"))  # a markdown table row
    if "\t" not in raw:
        return _clean_cell(raw)
    cells = [_clean_cell(cell) for cell in raw.split("\t")]
    return "\t".join(cells) if any(cells) else ""


def _is_noise(line: str) -> bool:
    """Page numbers, separator rules and footnotes carry nothing the readers need."""
    if "\t" in line:
        return all(not cell or _RULE.fullmatch(cell) for cell in line.split("\t"))
    if _PAGE_NUMBER.fullmatch(line) or _RULE.fullmatch(line):
        return True
    footnote = _FOOTNOTE.match(line)
    return bool(footnote and footnote.group("first").isupper())


def _continues(previous: str, line: str) -> bool:
    """A paragraph cut by a page break resumes in lower case ("Phối" / "hợp với …")."""
    if "\t" in previous or "\t" in line:
        return False
    return line[0].islower() and not _LETTER_ITEM.match(line)


def clean_lines(text: str) -> list[str]:
    """The text as cleaned, non-empty lines; page-break halves of a paragraph joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    lines: list[str] = []
    for raw in text.split("\n"):
        line = _clean_line(raw)
        if not line or _is_noise(line):
            continue
        if lines and _continues(lines[-1], line):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return lines
