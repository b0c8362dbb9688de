"""Text from a PDF page by position, so tables come out as rows of cells.

pypdf's plain extraction writes a table cell by cell, one wrapped line after another, and
the columns are lost. We take every text run with its position instead: runs at one height
form a line; a line with the column titles of a table ("TT", "Nội dung", "Thời gian" …)
fixes where the columns are; later lines are cut into cells by those columns and written
with tabs, a wrapped line of a row starting with a tab like a row continued across a page.
Wrapped lines of ordinary paragraphs are joined back into one line.

When the page draws the table's borders, the horizontal rules mark the rows: the wrapped
lines of one row (a time "13h45-14h" / "00", a long content cell) become one line again.
Without borders each printed line stays a line of its own, which the plan appendix still
reads (a row begins where the TT column has a number) but a programme does less well.

Limits, said plainly: cells must be top-aligned (Word's default); a vertically centred cell
puts its text on a later line of the row, which still lands in the right column but may
start a line of its own. Widths are estimated from character counts, not font metrics.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from pypdf import PageObject, PdfReader

from domain.documents.structure import heading, is_bullet, is_upper_line, letter_item
from domain.text import fold

_HEADER_WORDS = re.compile(
    r"^(?:s?tt|so tt|noi dung|thoi gian|chu tri|phoi hop|ket qua|ghi chu|nhiem vu|don vi|co quan|san pham"
    r"|thoi han|tien do)\b"
)
_CUT_NUMBER = re.compile(r"\d[h:/-]$")
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
    band: int | None = None  # which gap between the page's horizontal rules the line sits in
    cells: list[str] | None = None


_IDENTITY: tuple[float, ...] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PAINT = frozenset({b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"})
_MIN_RULE = 20.0  # points: shorter strokes are glyph-like decorations, not table borders


def _multiply(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _point(ctm: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = ctm
    return a * x + c * y + e, b * x + d * y + f


class _Rules:
    """Heights of the page's painted horizontal lines and rectangle edges, collected while pypdf
    walks the page for its text (one parse of the content stream, not two).

    Only the page's own operators count: those inside a form (between "Do" and its end) are
    skipped, as they were when the page's contents were walked on their own."""

    def __init__(self) -> None:
        self.ctm = _IDENTITY
        self.stack: list[tuple[float, ...]] = []
        self.path: list[float] = []
        self.found: set[float] = set()
        self.start = (0.0, 0.0)
        self.depth = 0
        self.broken = False

    def before(self, operator: bytes, operands: list[Any], _cm: object, _tm: object) -> None:
        if self.depth == 0 and not self.broken:
            try:
                self._see(operator, operands)
            except Exception:  # borders are only a hint; a page we cannot walk still has its text
                self.broken = True
        if operator == b"Do":
            self.depth += 1

    def after(self, operator: bytes, _operands: object, _cm: object, _tm: object) -> None:
        if operator == b"Do":
            self.depth -= 1

    def heights(self) -> list[float]:
        return [] if self.broken else sorted(self.found)

    def _see(self, operator: bytes, operands: list[Any]) -> None:
        if operator == b"q":
            self.stack.append(self.ctm)
        elif operator == b"Q":
            self.ctm = self.stack.pop() if self.stack else _IDENTITY
        elif operator == b"cm" and len(operands) == 6:
            self.ctm = _multiply(tuple(float(v) for v in operands), self.ctm)
        elif operator == b"re" and len(operands) == 4:
            x, y, w, h = (float(v) for v in operands)
            (x1, y1), (x2, y2) = _point(self.ctm, x, y), _point(self.ctm, x + w, y + h)
            if abs(x2 - x1) >= _MIN_RULE:
                self.path += [y1, y2]
        elif operator == b"m" and len(operands) == 2:
            self.start = _point(self.ctm, float(operands[0]), float(operands[1]))
        elif operator == b"l" and len(operands) == 2:
            end = _point(self.ctm, float(operands[0]), float(operands[1]))
            if abs(end[1] - self.start[1]) < 0.5 and abs(end[0] - self.start[0]) >= _MIN_RULE:
                self.path.append(self.start[1])
            self.start = end
        elif operator in _PAINT:
            self.found.update(round(y * 2) / 2 for y in self.path)
            self.path = []
        elif operator == b"n":
            self.path = []


def _band(rules: list[float], y: float) -> int | None:
    return len(rules) - bisect.bisect_right(rules, y) if rules else None


def _page_runs(page: PageObject) -> tuple[list[_Run], list[float]]:
    """The page's text runs and the heights of its rules, from one walk of the page."""
    runs: list[_Run] = []
    rules = _Rules()

    def visit(text: str, cm: list[float], tm: list[float], font_dict: object, font_size: float) -> None:
        text = text.replace("\n", " ").replace("\r", " ")
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(tm[3]) or abs(tm[0]) or 1.0) * (abs(cm[3]) or abs(cm[0]) or 1.0)
        size = (font_size or 10.0) * scale
        runs.append(_Run(x, y, size if size > 0.5 else 10.0, text.strip()))

    page.extract_text(visitor_text=visit, visitor_operand_before=rules.before, visitor_operand_after=rules.after)
    return runs, rules.heights()


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


@dataclass
class _Table:
    """The table being read across lines and pages: its column boundaries, once a header set them."""

    boundaries: list[float] | None = None
    first_width: float = 0.0


def _page_out(page: PageObject, number: int, state: _Table) -> list[_Out]:
    out: list[_Out] = []
    runs, rules = _page_runs(page)
    for line in _lines(runs):
        segments = _segments(line)
        band = _band(rules, line.y)
        if _is_header(segments):
            boundaries = [segment.end(_NARROW_EM) for segment in segments[:-1]]
            state.boundaries = boundaries
            state.first_width = boundaries[0] - segments[0].x
            cells = [segment.text for segment in segments]
            out.append(_Out("\t".join(cells), True, page=number, band=band, cells=cells))
            continue
        text = " ".join(segment.text for segment in segments)
        if state.boundaries is not None:
            cells = _cells(line, state.boundaries)
            first_only = not any(cells[1:])
            too_wide = len(cells[0]) * line.size * _NARROW_EM > 1.5 * state.first_width
            if not (first_only and too_wide):
                out.append(_Out("\t".join(cells), True, page=number, band=band, cells=cells))
                continue
            found = heading(text)
            if not (found and found.level == "roman") and not text[:1].islower():
                state.boundaries = None  # a paragraph: the table has ended
        first = segments[0]
        end = max(segment.end() for segment in segments)
        out.append(_Out(text, False, first.x, line.y, line.size, end, number))
    return out


def _structural(text: str) -> bool:
    return bool(
        heading(text) or letter_item(text) or is_bullet(text) or is_upper_line(text)
        or _STARTS_NEW.match(fold(text))
    )


def _upper_counts(text: str) -> tuple[int, bool]:
    """How many letters `text` has and whether all are capitals: `is_upper_line` in two parts,
    so a paragraph's answer follows from its pieces' without scanning the paragraph again."""
    letters = [c for c in text if c.isalpha()]
    return len(letters), all(c.isupper() for c in letters)


@dataclass
class _Paragraph:
    """A paragraph being joined: its pieces (joined once, at the end) and its last line's place
    (`tail`: the first line's record, moved to each line joined)."""

    tail: _Out
    parts: list[str]
    letters: int
    upper: bool

    def is_upper_line(self) -> bool:
        return self.letters >= 2 and self.upper


def _join_wrapped(lines: list[_Out]) -> list[str]:
    """Join a paragraph's wrapped lines: the line before reached the right margin.

    Linear in the text: each line is looked at once. Joining by concatenation and asking
    `is_upper_line` of the growing paragraph made a document-long paragraph quadratic."""
    right: dict[int, float] = {}
    for line in lines:
        if not line.tabular:
            right[line.page] = max(right.get(line.page, 0.0), line.end)
    joined: list[_Paragraph] = []
    for line in lines:
        previous = joined[-1] if joined else None
        last = previous.tail if previous is not None else None
        if (
            previous is not None
            and last is not None
            and not last.tabular
            and not line.tabular
            and last.end >= 0.8 * right.get(last.page, last.end)
            and (
                (line.page == last.page and 0 < last.y - line.y <= 1.9 * line.size)
                or line.page == last.page + 1
            )
            and not _structural(line.text)
            and not previous.is_upper_line()
        ):
            letters, upper = _upper_counts(line.text)
            previous.parts.append(line.text)
            previous.letters += letters
            previous.upper = previous.upper and upper
            last.end, last.y, last.page = line.end, line.y, line.page
            continue
        letters, upper = _upper_counts(line.text)
        joined.append(_Paragraph(line, [line.text], letters, upper))
    return [" ".join(paragraph.parts) for paragraph in joined]


def _glue(first: str, second: str) -> str:
    """Two printed lines of one cell: a space between words, none inside a time or number
    cut by a narrow column ("13h45-14h" + "00" → "13h45-14h00")."""
    if not first or not second:
        return first or second
    return first + second if _CUT_NUMBER.search(first) and second[0].isdigit() else f"{first} {second}"


def _join_rows(lines: list[_Out]) -> list[_Out]:
    """Table lines between the same two rules of a page are one row: join them cell by cell."""
    joined: list[_Out] = []
    for line in lines:
        previous = joined[-1] if joined else None
        same_row = (
            previous is not None and previous.cells is not None and line.cells is not None
            and line.band is not None and (previous.page, previous.band) == (line.page, line.band)
            and len(previous.cells) == len(line.cells)
        )
        if same_row and previous is not None and previous.cells is not None and line.cells is not None:
            previous.cells = [_glue(a, b) for a, b in zip(previous.cells, line.cells, strict=True)]
            previous.text = "\t".join(previous.cells)
            continue
        joined.append(line)
    return joined


def pdf_reader_text(reader: PdfReader, max_chars: int | None = None) -> str:
    """All pages as lines: paragraphs joined, table rows as tab-separated cells.

    OverflowError once the pages read hold more than `max_chars` characters: the pages after
    are not read at all, so the work stops with the limit."""
    state = _Table()
    lines: list[_Out] = []
    chars = 0
    for number, page in enumerate(reader.pages):
        found = _page_out(page, number, state)
        chars += sum(len(line.text) + 1 for line in found)
        if max_chars is not None and chars > max_chars:
            raise OverflowError(f"more than {max_chars} characters by page {number + 1}")
        lines.extend(found)
    return "\n".join(_join_wrapped(_join_rows(lines)))
