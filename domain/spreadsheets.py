"""Excel files laid out the way the Department files them: a title, a header row, numbered rows."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

ROSTER_HEADER = ("STT", "Đơn vị", "Họ và tên", "Chức vụ", "Điện thoại", "Email", "Đầu mối")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# What a cell can hold here (openpyxl takes a few more kinds; we write no others).
CellValue = str | int | float | date | None


def table_xlsx(*, title: str, subtitle: str, header: Sequence[str], rows: Sequence[Sequence[CellValue]],
               widths: Sequence[int], sheet: str = "Danh sách") -> bytes:
    """One sheet: title and subtitle merged across the table, a bold boxed header, boxed rows.

    Phone numbers are written as text so Excel keeps their leading zero.
    """
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook has one sheet (`active` is typed as possibly none)
    ws.title = sheet[:31]
    last = get_column_letter(len(header))
    for row_no, (text, size) in enumerate(((title, 13), (subtitle, 11)), start=1):
        ws.merge_cells(f"A{row_no}:{last}{row_no}")
        cell = ws.cell(row=row_no, column=1, value=text)
        cell.font = Font(bold=row_no == 1, size=size)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for col, (name, width) in enumerate(zip(header, widths, strict=True), start=1):
        cell = ws.cell(row=4, column=col, value=name)
        cell.font, cell.border = Font(bold=True), _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=5):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.border = _BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(value, str) and value.isdigit():
                cell.number_format = "@"
    ws.freeze_panes = "A5"
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
