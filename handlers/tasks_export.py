"""The status table of a plan: every task × every unit on it, as the Department files it in Excel."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.file_names import title_slug
from domain.spreadsheets import CellValue, table_xlsx
from handlers.formatting import task_label
from handlers.texts import t
from handlers.types import OutFile
from storage.models import Plan, TaskUnit, Unit, saved_id
from storage.plans import plan_tasks, task_units

HEADER = ("STT", "Mục", "Nội dung nhiệm vụ", "Thời gian", "Đơn vị", "Vai trò", "Tình trạng", "Ghi chú", "Cập nhật")
WIDTHS = (6, 7, 60, 18, 32, 10, 16, 30, 16)


async def status_file(*, session: AsyncSession, plan: Plan, tz: ZoneInfo, now: datetime) -> OutFile:
    """One row per task and unit, leads first, numbered by task."""
    rows: list[tuple[CellValue, ...]] = []
    for number, task in enumerate(await plan_tasks(session=session, plan_id=saved_id(plan)), start=1):
        on_task = await task_units(session=session, task_id=saved_id(task))
        # A task no unit could be matched to still gets its row, with the names as written.
        links: list[tuple[TaskUnit | None, Unit | None]] = list(on_task) or [(None, None)]
        for i, (link, unit) in enumerate(links):
            first = i == 0
            rows.append((
                number if first else "", task_label(task) if first else "", task.content if first else "",
                (task.timeframe_text or "") if first else "",
                unit.name if unit else ", ".join(task.units_unmatched),
                (t("role_lead") if link.role == "lead" else t("role_coordinator")) if link else "",
                t("status_" + link.status) if link else "", (link.note or "") if link else "",
                link.updated_at.astimezone(tz).strftime("%d/%m/%Y") if link and link.updated_at else "",
            ))
    subtitle = t("tasks_export_subtitle", made=now.astimezone(tz).strftime("%d/%m/%Y %H:%M"))
    data = table_xlsx(title=plan.title.upper(), subtitle=subtitle, header=HEADER, rows=rows, widths=WIDTHS,
                      sheet="Tiến độ")
    slug = title_slug(plan.title, "ke-hoach")
    name = f"tien-do-{plan.id}-{slug}.xlsx"
    return OutFile(name=name, data=data, mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   command=f"tdc-bot export tasks --plan {plan.id} --out {name}")
