"""A meeting's petitions as files: the Excel list (every petition, one row) and the draft
"Báo cáo kết quả giải quyết kiến nghị" (.docx). For organisers only; callers audit the export."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.file_names import title_slug
from domain.petition_report import ReportEntry, ReportParts, report_docx
from domain.petitions import FIELDS, STATES, label
from domain.spreadsheets import CellValue, table_xlsx
from handlers.formatting import day, moment
from handlers.petition_messages import field_name
from handlers.petitions_view import state_name
from handlers.texts import t
from handlers.types import OutFile
from storage.models import Meeting, Unit, saved_id
from storage.petitions import PetitionLine, meeting_petitions

HEADER = ("STT", "Số", "Tổ chức", "Mã số thuế", "Lĩnh vực", "Nội dung kiến nghị", "Đơn vị xử lý", "Trạng thái",
          "Trả lời", "Ngày trả lời")
WIDTHS = (6, 11, 30, 14, 16, 60, 26, 18, 60, 13)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def tax_code_of(unit: Unit) -> str:
    """The organisation's tax code: self-registered enterprises give one (migration 0011); others have none."""
    return unit.tax_code or ""


def _answer(line: PetitionLine) -> str:
    p = line.petition
    parts = [p.answer or ""]
    if p.answer_file_name:
        parts.append(t("pet_card_file", name=p.answer_file_name))
    return "\n".join(x for x in parts if x)


async def petitions_files(*, session: AsyncSession, meeting: Meeting, tz: ZoneInfo, now: datetime
                          ) -> tuple[OutFile, OutFile]:
    """(the .xlsx list, the .docx draft report) of the meeting's petitions."""
    lines = await meeting_petitions(session=session, meeting_id=saved_id(meeting))
    slug = title_slug(meeting.title, "hoi-nghi")
    made = now.astimezone(tz).strftime("%d/%m/%Y %H:%M")
    rows: list[tuple[CellValue, ...]] = [
        (i, label(ln.petition.meeting_id, ln.petition.number), ln.unit.name, tax_code_of(ln.unit),
         field_name(ln.petition.field), ln.petition.content, ln.handler.name if ln.handler else "",
         state_name(ln.petition.state), _answer(ln),
         day(ln.petition.answered_at, tz) if ln.petition.answered_at else "")
        for i, ln in enumerate(lines, start=1)]
    data = table_xlsx(title=t("pet_export_title", title=meeting.title).upper(),
                      subtitle=t("pet_export_subtitle", n=len(lines), made=made), header=HEADER, rows=rows,
                      widths=WIDTHS, sheet="Kiến nghị")
    xlsx_name = f"kien-nghi-{meeting.id}-{slug}.xlsx"
    command = f"tdc-bot export petitions --meeting {meeting.id} --out {xlsx_name}"
    docx_name = f"bao-cao-kien-nghi-{meeting.id}-{slug}.docx"
    return (OutFile(xlsx_name, data, XLSX, command=command),
            OutFile(docx_name, report_docx(_report_parts(meeting, lines, tz, made)), DOCX, command=command))


def _report_parts(meeting: Meeting, lines: list[PetitionLine], tz: ZoneInfo, made: str) -> ReportParts:
    counts = Counter((ln.petition.field, ln.petition.state) for ln in lines)
    rows: list[list[str | int]] = []
    for field in FIELDS:
        row: list[str | int] = [field_name(field), *(counts[(field, s)] for s in STATES)]
        rows.append([*row, sum(counts[(field, s)] for s in STATES)])
    rows.append([t("pet_report_total"), *(sum(counts[(f, s)] for f in FIELDS) for s in STATES), len(lines)])
    entries = []
    for ln in lines:
        p = ln.petition
        body = [t("pet_card_content", content=p.content), t("pet_card_state", state=state_name(p.state))]
        if ln.handler is not None:
            body.append(t("pet_card_handler", unit=ln.handler.name))
        if p.answer or p.answer_file_name:
            key = "pet_card_reason" if p.state == "out_of_scope" else "pet_card_answer"
            body.append(t(key, answer=_answer(ln)))
        else:
            body.append(t("pet_report_no_answer"))
        entries.append(ReportEntry(f"{label(p.meeting_id, p.number)} – {ln.unit.name} ({field_name(p.field)})", body))
    answered = sum(1 for ln in lines if ln.petition.state in ("answered_at_conference", "answered_in_writing"))
    when = moment(meeting.start_at, tz) if meeting.start_at else ""
    return ReportParts(
        title=t("pet_report_title"), subtitle=meeting.title,
        intro=t("pet_report_intro", when=when, n=len(lines), units=len({ln.unit.id for ln in lines}),
                answered=answered, made=made),
        summary_heading=t("pet_report_summary"),
        columns=[t("pet_report_field"), *(state_name(s) for s in STATES), t("pet_report_total")], rows=rows,
        details_heading=t("pet_report_details"), entries=entries, empty=t("pet_org_empty"))
