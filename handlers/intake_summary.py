"""What an organiser reads before "Lưu": the plan or meeting found in a document, with what
would go wrong if it were saved as it is (names not in the directory, a meeting already past,
a document imported before)."""

from __future__ import annotations

from domain.documents import MeetingDoc, PlanDoc
from handlers.formatting import MODES, cutoff_text, one_line
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


def plan_summary(plan: PlanDoc, unmatched: list[str]) -> str:
    lines = [t("intake_plan", title=plan.title or "?", year=plan.year or "?", tasks=len(plan.tasks),
               deadlines=len(plan.deadlines))]
    lines += [f"• {task.label}: {one_line(task.content, 70)} – {task.timeframe_text or '?'}"
              for task in plan.tasks[:SHOWN_TASKS]]
    if len(plan.tasks) > SHOWN_TASKS:
        lines.append(t("intake_more", n=len(plan.tasks) - SHOWN_TASKS))
    lines += [f"📄 {one_line(d.what, 80)} – {d.due_text}" for d in plan.deadlines]
    lines += [f"⚠️ {w}" for w in plan.warnings[:5]]
    lines += unmatched_line(unmatched)
    return "\n".join(lines)


def meeting_summary(ctx: Ctx, doc: MeetingDoc, unmatched: list[str]) -> str:
    lines = [t("intake_meeting", title=doc.title or "?")]
    start = local_aware(doc.start, ctx.tz)
    if start is not None:
        lines.append(t("card_time", when=when_text(start, ctx.tz, doc.time_label)
                       + (" (dự kiến)" if doc.tentative else "")))
    lines.append(t("card_mode", mode=MODES.get(doc.mode or "", t("intake_unknown"))))
    if doc.location:
        lines.append(t("card_location", location=doc.location))
    if doc.registration and doc.registration.due_at:
        cutoff = local_aware(doc.registration.due_at, ctx.tz)
        lines.append(t("card_cutoff", cutoff=cutoff_text(cutoff, ctx.tz)))
        if cutoff <= ctx.now and (start is None or start > ctx.now):
            lines.append(t("intake_cutoff_past"))
    if doc.contact:
        lines.append(t("card_contact", contact=", ".join(x for x in (doc.contact.name, doc.contact.phone) if x)))
    if doc.agenda:
        lines.append(t("intake_agenda", n=len(doc.agenda)))
    if start is not None and start <= ctx.now:
        lines.append(t("intake_meeting_past", when=when_text(start, ctx.tz, doc.time_label)))
    lines += [f"⚠️ {w}" for w in doc.warnings[:5]]
    lines += unmatched_line(unmatched)
    return "\n".join(lines)
