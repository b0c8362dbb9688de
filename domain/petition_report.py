"""The draft "Báo cáo kết quả giải quyết kiến nghị" as a .docx, from plain values.

The words come from the caller (handlers/texts); this lays them out as the Department's drafts
look: a centred title, the summary table (one row per field, one column per state, totals), then
each petition with its organisation, content and answer. python-docx writes text runs only, so
nothing typed by a petitioner can become a field code or a macro.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

# XML 1.0 cannot carry control characters; python-docx refuses them, so they are dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class ReportEntry:
    """One petition as the report prints it."""

    heading: str  # "KN-12-03 – Công ty X (Đo lường)"
    lines: Sequence[str]  # content, handler, state, answer …


@dataclass(frozen=True)
class ReportParts:
    title: str
    subtitle: str
    intro: str
    summary_heading: str
    columns: Sequence[str]  # the first is the row label's ("Lĩnh vực"), the last the total's
    rows: Sequence[Sequence[str | int]]
    details_heading: str
    entries: Sequence[ReportEntry]
    empty: str


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def report_docx(parts: ReportParts) -> bytes:
    # python-docx is imported when a report is made, not with the bot: it is several MB a process
    # keeps for nothing between exports (bench/chat's peak memory).
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    for text, bold in ((parts.title, True), (parts.subtitle, False)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(_clean(text))
        run.bold = bold
    document.add_paragraph(_clean(parts.intro))
    document.add_heading(_clean(parts.summary_heading), level=2)
    table = document.add_table(rows=1, cols=len(parts.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, parts.columns, strict=True):
        cell.text = _clean(name)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in parts.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = _clean(str(value))
    document.add_heading(_clean(parts.details_heading), level=2)
    if not parts.entries:
        document.add_paragraph(_clean(parts.empty))
    for entry in parts.entries:
        paragraph = document.add_paragraph()
        paragraph.add_run(_clean(entry.heading)).bold = True
        for line in entry.lines:
            document.add_paragraph(_clean(line))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
