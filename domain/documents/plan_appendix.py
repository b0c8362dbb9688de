"""Tasks as a plan's appendix table lists them (PHỤ LỤC).

    TT | Nội dung nhiệm vụ | Kết quả thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
    I. Tổ chức các lớp tập huấn …                   ← a group row: roman I = section "1"
    1  | Tổ chức các lớp …   | Nội dung và …      | Phòng TĐC       | Các phòng, …     | Quý III, IV/2026
       | hội nhập quốc tế …  |                    |                 |                  |   ← same row, next page

Rows arrive as tab-separated lines (see extract). A row whose first cell is empty continues
the row above, cell by cell. Columns are found from the header row by their titles; without
a header, six cells are read in the order above and five without "Kết quả".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.documents.folding import fold_fast
from domain.documents.structure import heading, roman_value, to_roman

_NUMBER = re.compile(r"(\d{1,3})\s*\.?")
_GROUP_CELL = re.compile(r"(?P<numeral>[IVXLC]{1,7})\s*[.)]?\s*(?P<title>.*)", re.DOTALL)
_APPENDIX_TITLE = re.compile(r"phu luc\b")
_COLUMNS = ("number", "content", "result", "lead", "coordinators", "timeframe")
_DEFAULT_LAYOUTS = {
    6: {"number": 0, "content": 1, "result": 2, "lead": 3, "coordinators": 4, "timeframe": 5},
    5: {"number": 0, "content": 1, "lead": 2, "coordinators": 3, "timeframe": 4},
}


@dataclass
class AppendixRow:
    group: int | None
    number: int
    ordinal: int
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def section(self) -> str | None:
        return str(self.group) if self.group is not None else None

    def get(self, column: str) -> str | None:
        value = self.cells.get(column, "").strip(" \t;,")
        return value or None


def _column_of(title: str) -> str | None:
    folded = fold_fast(title)
    if folded in {"tt", "stt", "so tt", "so thu tu"}:
        return "number"
    if "thoi gian" in folded or "thoi han" in folded or "tien do" in folded:
        return "timeframe"
    if "phoi hop" in folded:
        return "coordinators"
    if "chu tri" in folded or ("thuc hien" in folded and ("co quan" in folded or "don vi" in folded)):
        return "lead"
    if "ket qua" in folded or "san pham" in folded:
        return "result"
    if "noi dung" in folded or "nhiem vu" in folded:
        return "content"
    return None


def header_layout(cells: list[str]) -> dict[str, int] | None:
    """Column positions when `cells` is the header of a task table, else None.

    A task table has a TT column or a "nhiệm vụ" column: a meeting programme (Thời gian |
    Nội dung | Chủ trì) has neither and is left to the letter reader.
    """
    layout: dict[str, int] = {}
    for position, cell in enumerate(cells):
        column = _column_of(cell)
        if column and column not in layout:
            layout[column] = position
    folded = [fold_fast(cell) for cell in cells]
    is_task_table = "number" in layout or any("nhiem vu" in cell for cell in folded)
    if is_task_table and "content" in layout and ("lead" in layout or "timeframe" in layout):
        return layout
    return None


def appendix_start(lines: list[str]) -> int | None:
    """Index of the line that opens the appendix: "PHỤ LỤC …", else a task table's header."""
    for index, line in enumerate(lines):
        if "\t" not in line and len(line) <= 80 and _APPENDIX_TITLE.match(fold_fast(line)):
            return index
    for index, line in enumerate(lines):
        if "\t" in line and header_layout(line.split("\t")):
            return index
    return None


@dataclass
class _State:
    layout: dict[str, int] | None = None
    group: int | None = None
    last: AppendixRow | str | None = None  # the row a continuation extends; "group"/"header"
    rows: list[AppendixRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    started: bool = False
    other_table: bool = False  # inside a table that is not a task table (a budget appendix)
    group_titles: dict[int, str] = field(default_factory=dict)


def read_appendix(lines: list[str]) -> tuple[list[AppendixRow], list[str]]:
    """Task rows of the appendix (lines from its start on) and warnings about unreadable rows."""
    state = _State()
    for line in lines:
        if "\t" not in line:
            _plain_line(state, line)
        else:
            _table_line(state, line.split("\t"))
    _check_numbering(state)
    return [row for row in state.rows if row.get("content")], state.warnings


def _plain_line(state: _State, line: str) -> None:
    if state.rows and len(line) <= 80 and _APPENDIX_TITLE.match(fold_fast(line)):
        state.layout, state.other_table, state.last = None, True, None  # "PHỤ LỤC II": another table
        return
    found = heading(line)
    if found and found.level == "roman" and state.started:
        _open_group(state, found.number, found.title)


def _open_group(state: _State, number: int, title: str) -> None:
    state.group = number
    state.group_titles[number] = title
    state.last = "group"


def _table_line(state: _State, cells: list[str]) -> None:
    layout = header_layout(cells)
    if layout:
        state.layout, state.started, state.last, state.other_table = layout, True, "header", False
        return
    first = cells[0].strip()
    if fold_fast(first) in {"tt", "stt", "so tt"}:  # the header of some other table
        state.layout, state.other_table, state.last = None, True, None
        return
    if state.other_table:
        return
    if not first:
        _continue_row(state, cells)
        return
    number = _NUMBER.fullmatch(first)
    if number:
        _new_row(state, int(number.group(1)), cells)
        return
    group = _GROUP_CELL.fullmatch(first)
    if group and roman_value(group.group("numeral")) is not None:
        title = " ".join(part for part in [group.group("title"), *cells[1:]] if part.strip())
        state.started = True
        _open_group(state, roman_value(group.group("numeral")) or 0, title.strip())
        return
    if sum(1 for cell in cells if cell.strip()) >= 3 and state.started:
        state.warnings.append(f"Phụ lục: không đọc được dòng «{_short(' | '.join(cells))}».")


def _new_row(state: _State, number: int, cells: list[str]) -> None:
    if state.layout is None:
        state.layout = _DEFAULT_LAYOUTS.get(len(cells))
        if state.layout is None:
            state.warnings.append(
                f"Phụ lục: dòng {number} có {len(cells)} cột, không rõ cột nào là nội dung, chủ trì, thời gian."
            )
            return
    state.started = True
    ordinal = 1 + sum(1 for row in state.rows if row.group == state.group)
    row = AppendixRow(state.group, number, ordinal)
    _fill(row, state.layout, cells)
    state.rows.append(row)
    state.last = row


def _continue_row(state: _State, cells: list[str]) -> None:
    if isinstance(state.last, AppendixRow) and state.layout is not None:
        _fill(state.last, state.layout, cells)
    elif state.last == "group" and state.group is not None:
        extra = " ".join(cell.strip() for cell in cells if cell.strip())
        state.group_titles[state.group] = f"{state.group_titles.get(state.group, '')} {extra}".strip()


def _fill(row: AppendixRow, layout: dict[str, int], cells: list[str]) -> None:
    for column in _COLUMNS:
        position = layout.get(column)
        if position is None or position >= len(cells) or column == "number":
            continue
        text = cells[position].strip()
        if text:
            before = row.cells.get(column, "")
            row.cells[column] = f"{before} {text}".strip() if before else text


def _check_numbering(state: _State) -> None:
    seen: dict[int | None, list[int]] = {}
    for row in state.rows:
        seen.setdefault(row.group, []).append(row.number)
    for group, numbers in seen.items():
        expected = list(range(1, len(numbers) + 1))
        if numbers != expected:
            where = f"nhóm {_roman(group)}" if group is not None else "bảng"
            shown = ", ".join(str(number) for number in numbers)
            state.warnings.append(f"Phụ lục, {where}: số thứ tự {shown} không liền nhau; kiểm tra dòng bị thiếu.")
    for row in state.rows:
        if not row.get("content"):
            where = f"{_roman(row.group)}.{row.number}" if row.group is not None else str(row.number)
            state.warnings.append(f"Phụ lục: dòng {where} không có nội dung nhiệm vụ, đã bỏ qua.")


def _roman(value: int | None) -> str:
    return to_roman(value) if value else "?"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
