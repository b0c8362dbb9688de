"""Excel files laid out the way the Department files them: a title, a header row, numbered rows.

Every cell of every export is written by `put`, and text is always a text cell, never a formula.
A name, a position or a progress note is typed by someone else than the organiser who opens the
file: "=HYPERLINK(…)" or "=cmd|' /C calc'!A0" must stay words on the screen (OWASP, CSV/formula
injection). Text is written as a string (openpyxl would make anything starting with "=" a
formula), formatted as Text ("@": Excel keeps it text when the cell is edited), and a value
starting with =, +, -, @, a tab or a carriage return also gets Excel's quote-prefix flag, which
is what Excel itself records when a person types an apostrophe before a value. We do not put a
visible apostrophe into the value: the organiser would see and copy "'+84 912…" instead of the
phone number, and "'- Ghi chú"; the flag shows the text exactly as typed and is never evaluated.
Characters XML cannot carry (control characters) are dropped rather than failing the export.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

ROSTER_HEADER = ("STT", "Đơn vị", "Họ và tên", "Chức vụ", "Điện thoại", "Email", "Đầu mối")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# What a cell can hold here (openpyxl takes a few more kinds; we write no others).
CellValue = str | int | float | date | None
# What spreadsheet programs read as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def put(ws: WriteOnlyWorksheet, value: CellValue, *, font: Font | None = None, border: Border | None = None,
        alignment: Alignment | None = None) -> Cell | CellValue:
    """One cell to append; text becomes a text cell that no spreadsheet evaluates (see the module)."""
    if not (isinstance(value, str) and value) and font is None and border is None and alignment is None:
        return value
    cell = WriteOnlyCell(ws)
    if isinstance(value, str) and value:
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        cell.data_type = "s"  # after the value: openpyxl makes "=…" a formula when it is set
        cell.number_format = "@"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
    if font is not None:
        cell.font = font
    if border is not None:
        cell.border = border
    if alignment is not None:
        cell.alignment = alignment
    return cell


def table_xlsx(*, title: str, subtitle: str, header: Sequence[str], rows: Iterable[Sequence[CellValue]],
               widths: Sequence[int], sheet: str = "Danh sách") -> bytes:
    """One sheet: title and subtitle merged across the table, a bold boxed header, boxed rows.

    Every cell goes through `put`: text stays text (phone numbers keep their leading zero, a typed
    formula is not run). The sheet is written as a stream (openpyxl's write-only mode): each row
    goes to the file as it is appended, so the memory an export takes does not grow with its rows
    (a province's status table is tasks × communes: tens of thousands of rows).
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet[:31])
    ws.freeze_panes = "A5"  # before the first row: a streamed sheet writes its view first
    last = get_column_letter(len(header))
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for row_no, (text, size) in enumerate(((title, 13), (subtitle, 11)), start=1):
        ws.append([put(ws, text, font=Font(bold=row_no == 1, size=size),
                       alignment=Alignment(horizontal="center", wrap_text=True))])
        ws.merged_cells.add(f"A{row_no}:{last}{row_no}")
    ws.append([])
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.append([put(ws, name, font=Font(bold=True), border=_BOX, alignment=centred) for name in header])
    top = Alignment(vertical="top", wrap_text=True)
    for values in rows:
        ws.append([put(ws, value, border=_BOX, alignment=top) for value in values])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def roster_xlsx(*, title: str, subtitle: str, rows: Sequence[tuple[str, str, str | None, str | None, str | None, bool]]
                ) -> bytes:
    """The attendee list: (unit, name, position, phone, email, focal point) per person."""
    numbered = [(i, unit, name, position or "", phone or "", email or "", "x" if focal else "")
                for i, (unit, name, position, phone, email, focal) in enumerate(rows, start=1)]
    return table_xlsx(title=title, subtitle=subtitle, header=ROSTER_HEADER, rows=numbered,
                      widths=(6, 30, 26, 24, 14, 28, 9))
