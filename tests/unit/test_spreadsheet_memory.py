"""An export's memory does not grow with its rows: the sheet is streamed (domain/spreadsheets.py),
so beyond the finished file itself (which is sent whole) a 20,000-row table costs what a 2,000-row
one does. Measured with tracemalloc, so it is about bytes allocated, never about time."""

from __future__ import annotations

import io
import tracemalloc

import openpyxl

from domain.spreadsheets import table_xlsx


def _overhead(rows: int) -> tuple[int, bytes]:
    """Peak bytes allocated while writing, beyond the finished file."""
    lines = ((i, f"Xã số {i}", "Nguyễn Văn An", "=cmd|' /C calc'!A0", "0912345678", "", "x") for i in range(rows))
    tracemalloc.start()
    try:
        data = table_xlsx(title="DANH SÁCH", subtitle="Tạo lúc", header=("STT", "Đơn vị", "Họ tên", "Chức vụ",
                          "Điện thoại", "Email", "Đầu mối"), rows=lines, widths=(6, 30, 26, 24, 14, 28, 9))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak - len(data), data


def test_ten_times_the_rows_cost_no_more_memory_beyond_the_file() -> None:
    small, _ = _overhead(2_000)
    large, data = _overhead(20_000)
    assert large < 2 * small, (small, large)  # held in memory, 20,000 rows would be tens of MB
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.max_row == 4 + 20_000 and sheet.freeze_panes == "A5"
    assert sheet["A1"].value == "DANH SÁCH" and "A1:G1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["D5"].data_type == "s" and sheet["D5"].quotePrefix and sheet["E5"].value == "0912345678"
