"""Text from a PDF page by position, so tables come out as rows of cells.

pypdf's plain extraction writes a table cell by cell, one wrapped line after another, and
the columns are lost. We take every text run with its position instead: runs at one height
form a line; a line with the column titles of a table ("TT", "Nội dung", "Thời gian" …)
fixes where the columns are; later lines are cut into cells by those columns and written
with tabs, a wrapped line of a row starting with a tab like a row continued across a page.
Wrapped lines of ordinary paragraphs are joined back into one line.

Limits, said plainly: cells must be top-aligned (Word's default); a vertically centred cell
puts its text on a later line of the row, which still lands in the right column but may
start a line of its own. Widths are estimated from character counts, not font metrics.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pypdf import PageObject, PdfReader

from domain.documents.structure import heading, is_bullet, is_upper_line, letter_item
from domain.text import fold

_HEADER_WORDS = re.compile(
    r"^(?:s?tt|so tt|noi dung|thoi gian|chu tri|phoi hop|ket qua|ghi chu|nhiem vu|don vi|co quan|san pham"
    r"|thoi han|tien do)\b"
)
_STARTS_NEW = re.compile(r"^(?:can cu|kinh gui|noi nhan|so\s*:|v/v)")
# Em per character, low on purpose: a column boundary placed too early is harmless, too late
# moves a cell's text into the column before it.
_NARROW_EM = 0.4
_AVERAGE_EM = 0.5


@dataclass
class _Run:
    x: float
    y: float
    size: float
    text: str

    def end(self, em: float = _AVERAGE_EM) -> float:
        return self.x + len(self.text) * self.size * em


@dataclass
class _Line:
    y: float
    size: float
    runs: list[_Run] = field(default_factory=list)


@dataclass
class _Out:
    text: str
    tabular: bool
    x: float = 0.0
    y: float = 0.0
    size: float = 10.0
    end: float = 0.0
    page: int = 0


def _page_runs(page: PageObject) -> list[_Run]:
    runs: list[_Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font_dict: object, font_size: float) -> None:
        text = text.replace("\n", " ").replace("\r", " ")
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(tm[3]) or abs(tm[0]) or 1.0) * (abs(cm[3]) or abs(cm[0]) or 1.0)
        size = (font_size or 10.0) * scale
        runs.append(_Run(x, y, size if size > 0.5 else 10.0, text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def _lines(runs: list[_Run]) -> list[_Line]:
    lines: list[_Line] = []
    for run in sorted(runs, key=lambda r: (-r.y, r.x)):
        if lines and abs(lines[-1].y - run.y) <= 0.4 * max(run.size, lines[-1].size):
            lines[-1].runs.append(run)
            lines[-1].size = max(lines[-1].size, run.size)
        else:
            lines.append(_Line(run.y, run.size, [run]))
    for line in lines:
        line.runs.sort(key=lambda r: r.x)
    return lines


def _segments(line: _Line) -> list[_Run]:
    """Runs that touch are one segment; a gap wider than a few spaces starts another."""
    segments: list[_Run] = []
    for run in line.runs:
        if segments and run.x - segments[-1].end() < 0.8 * run.size:
            last = segments[-1]
            glue = "" if last.text.endswith(" ") or run.x - last.end() < 0.05 * run.size else " "
            segments[-1] = _Run(last.x, last.y, last.size, f"{last.text}{glue}{run.text}")
        else:
            segments.append(_Run(run.x, run.y, run.size, run.text))
    return segments


def _is_header(segments: list[_Run]) -> bool:
    if len(segments) < 3:
        return False
    titled = sum(1 for segment in segments if _HEADER_WORDS.match(fold(segment.text)))
    return titled >= 2


def _cells(line: _Line, boundaries: list[float]) -> list[str]:
    cells = [""] * (len(boundaries) + 1)
    for run in line.runs:
        column = bisect.bisect_right(boundaries, run.x + 0.1)
        cells[column] = f"{cells[column]} {run.text}".strip() if cells[column] else run.text
    return cells


def _page_out(page: PageObject, number: int, state: dict[str, object]) -> list[_Out]:
    out: list[_Out] = []
    for line in _lines(_page_runs(page)):
        segments = _segments(line)
        if _is_header(segments):
            boundaries = [segment.end(_NARROW_EM) for segment in segments[:-1]]
            state["boundaries"] = boundaries
            state["first_width"] = boundaries[0] - segments[0].x
            out.append(_Out("\t".join(segment.text for segment in segments), True, page=number))
            continue
        text = " ".join(segment.text for segment in segments)
        boundaries = state.get("boundaries")
        if isinstance(boundaries, list):
            cells = _cells(line, boundaries)
            first_only = not any(cells[1:])
            too_wide = len(cells[0]) * line.size * _NARROW_EM > 1.5 * float(state["first_width"])  # type: ignore[arg-type]
            if not (first_only and too_wide):
                out.append(_Out("\t".join(cells), True, page=number))
                continue
            found = heading(text)
            if not (found and found.level == "roman") and not text[:1].islower():
                state["boundaries"] = None  # a paragraph: the table has ended
        first = segments[0]
        end = max(segment.end() for segment in segments)
        out.append(_Out(text, False, first.x, line.y, line.size, end, number))
    return out


def _structural(text: str) -> bool:
    return bool(
        heading(text) or letter_item(text) or is_bullet(text) or is_upper_line(text)
        or _STARTS_NEW.match(fold(text))
    )


def _join_wrapped(lines: list[_Out]) -> list[str]:
    """Join a paragraph's wrapped lines: the line before reached the right margin."""
    right: dict[int, float] = {}
    for line in lines:
        if not line.tabular:
            right[line.page] = max(right.get(line.page, 0.0), line.end)
    joined: list[_Out] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.tabular
            and not line.tabular
            and previous.end >= 0.8 * right.get(previous.page, previous.end)
            and (
                (line.page == previous.page and 0 < previous.y - line.y <= 1.9 * line.size)
                or line.page == previous.page + 1
            )
            and not _structural(line.text)
            and not is_upper_line(previous.text)
        ):
            previous.text = f"{previous.text} {line.text}"
            previous.end, previous.y, previous.page = line.end, line.y, line.page
            continue
        joined.append(line)
    return [line.text for line in joined]


def pdf_reader_text(reader: PdfReader) -> str:
    """All pages as lines: paragraphs joined, table rows as tab-separated cells."""
    state: dict[str, object] = {"boundaries": None, "first_width": 0.0}
    lines: list[_Out] = []
    for number, page in enumerate(reader.pages):
        lines.extend(_page_out(page, number, state))
    return "\n".join(_join_wrapped(lines))
