"""What an organiser reads before "Lưu": the plan, meeting or request found in a document, every
field with its value or "không thấy" (handlers.intake_fields), and what would go wrong if it were
saved as it is (names not in the directory, a meeting already past, a letter with no due date, a
document imported before)."""

from __future__ import annotations

from domain.documents import MeetingDoc, PlanDoc
from domain.documents.models import RequestDoc
from handlers.intake_fields import deadline_lines, meeting_fields, plan_fields, request_fields, task_lines
from handlers.meeting_when import when_text
from handlers.texts import t
from handlers.types import Ctx
from storage.types import local_aware

SHOWN_TASKS = 8
SHOWN_NAMES = 10


def unmatched_line(names: list[str]) -> list[str]:
    """One warning listing the names no unit matches (the first few, then how many more)."""
    if not names:
        return []
    shown = "; ".join(names[:SHOWN_NAMES]) + (t("intake_more_names", n=len(names) - SHOWN_NAMES)
                                              if len(names) > SHOWN_NAMES else "")
    return [t("intake_unmatched_before", n=len(names), names=shown)]


def plan_summary(ctx: Ctx, plan: PlanDoc, unmatched: list[str]) -> str:
    lines = [t("intake_plan", title=plan.title or "?", year=plan.year or "?", tasks=len(plan.tasks),
               deadlines=len(plan.deadlines))]
    lines += plan_fields(plan, heading=False)
    lines += [line for task in plan.tasks[:SHOWN_TASKS] for line in task_lines(task, detail=False)]
    if len(plan.tasks) > SHOWN_TASKS:
        lines.append(t("intake_more", n=len(plan.tasks) - SHOWN_TASKS))
    lines += [line for d in plan.deadlines for line in deadline_lines(d, ctx.tz, ctx.calendar)]
    lines += [f"⚠️ {w}" for w in plan.warnings[:5]]
    lines += unmatched_line(unmatched)
    return "\n".join(lines)


def meeting_summary(ctx: Ctx, doc: MeetingDoc, unmatched: list[str]) -> str:
    lines = [t("intake_meeting", title=doc.title or "?"), *meeting_fields(doc, ctx.tz, heading=False)]
    start = local_aware(doc.start, ctx.tz)
    if doc.registration and doc.registration.due_at:
        cutoff = local_aware(doc.registration.due_at, ctx.tz)
        if cutoff <= ctx.now and (start is None or start > ctx.now):
            lines.append(t("intake_cutoff_past"))
    lines += [line for d in doc.follow_ups for line in deadline_lines(d, ctx.tz, ctx.calendar)]
    if start is not None and start <= ctx.now:
        lines.append(t("intake_meeting_past", when=when_text(start, ctx.tz, doc.time_label)))
    lines += [f"⚠️ {w}" for w in doc.warnings[:5]]
    lines += unmatched_line(unmatched)
    return "\n".join(lines)


def request_summary(ctx: Ctx, doc: RequestDoc, unmatched: list[str]) -> str:
    """A request letter: the letter's fields, each request with all of its own, warnings, unknown names."""
    lines = [t("intake_request", n=len(doc.requests)), *request_fields(doc, ctx.tz, ctx.calendar)]
    lines += [f"⚠️ {w}" for w in doc.warnings[:5]]
    lines += unmatched_line(unmatched)
    return "\n".join(lines)
