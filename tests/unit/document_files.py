"""Word and PDF files made from a fixture's text, for tests that read the same document in each form.

Lines with tabs are table rows: a run of them becomes a Word table (a row with only its first
cell filled, such as "Buổi sáng", is one cell merged across the row, as Word users make it) or a
PDF table drawn by fpdf2 with a font the repository carries.
"""

from __future__ import annotations

import io

import docx
import pytest
from fpdf import FPDF

from tests.conftest import FIXTURES

FONT = FIXTURES / "fonts/DejaVuSans.ttf"


def _blocks(text: str) -> list[str | list[list[str]]]:
    """The fixture as paragraphs and tables (runs of tab-separated rows)."""
    blocks: list[str | list[list[str]]] = []
    for line in text.splitlines():
        if "\t" in line:
            if not blocks or isinstance(blocks[-1], str):
                blocks.append([])
            table = blocks[-1]
            assert isinstance(table, list)
            table.append(line.split("\t"))
        elif line.strip():
            blocks.append(line)
    return blocks


def as_docx(text: str) -> bytes:
    """A Word file: paragraphs, and each table a Word table; a row with one filled cell (a
    session such as "Buổi sáng") is one cell merged across the row, as Word users make it."""
    document = docx.Document()
    for block in _blocks(text):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = max(len(row) for row in block)
        table = document.add_table(rows=0, cols=width)
        for cells in block:
            row = table.add_row()
            filled = [cell for cell in cells if cell.strip()]
            if len(filled) == 1 and cells[0].strip():
                row.cells[0].merge(row.cells[width - 1]).text = cells[0]
            else:
                for position, cell in enumerate(cells):
                    row.cells[position].text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_pdf(text: str) -> bytes:
    if not FONT.exists():
        pytest.fail(f"Unicode font missing: {FONT}")
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for block in _blocks(text):
        if isinstance(block, str):
            pdf.multi_cell(0, 5, block)
            pdf.ln(2)
            continue
        width = max(len(row) for row in block)
        with pdf.table(v_align="TOP", first_row_as_headings=False) as table:
            for cells in block:
                row = table.row()
                for cell in (cells + [""] * width)[:width]:
                    row.cell(cell)
    return bytes(pdf.output())
