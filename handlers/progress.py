"""/capnhat (/progress): a unit marks its progress on a task; the lead unit and organisers see everyone's."""

from __future__ import annotations

from domain.text import fold, holds_words
from handlers.engine import end_flow, set_state
from handlers.formatting import one_line, task_label
from handlers.notes import read_note
from handlers.paging import OPENERS, choice_page, turned
from handlers.permissions import is_organiser, need_member
from handlers.registry import command, flow
from handlers.tasks import STATUS_MARK
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, Reply
from storage.models import Task, saved_id
from storage.plans import UnitTask, set_progress, task_units, unit_tasks

FLOW = "progress"
MAX_CHOICES = 40
STATUSES = ("not_started", "in_progress", "done")


@command("capnhat")
async def progress_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/capnhat: pick one of the unit's tasks (unfinished first)."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    tasks = await unit_tasks(session=ctx.session, unit_id=ident.unit_id)
    if not tasks:
        return [Reply(t("progress_no_tasks", unit=ident.unit.name))]
    set_state(ctx, FLOW, "pick", {"at": 0})
    return [_pick_page(_ordered(tasks), 0, t("progress_pick"))]


def _ordered(tasks: list[UnitTask]) -> list[UnitTask]:
    return sorted(tasks, key=lambda ut: (ut.link.status == "done", ut.task.plan_id, ut.task.position))[:MAX_CHOICES]


def _pick_page(tasks: list[UnitTask], at: int, text: str) -> Reply:
    """Ten tasks at a time; typing a task's number ("2.c") or words of its title finds it on any page."""
    return choice_page([Choice(f"t{ut.task.id}", f"{STATUS_MARK[ut.link.status]} [{task_label(ut.task)}] "
                                                 f"{one_line(ut.task.content, 45)}") for ut in tasks],
                       at, text, "progress_pick_pages")


def _search(tasks: list[UnitTask], typed: str) -> list[UnitTask]:
    """Tasks named by their number ("2.c", "[2.c]") or whose title holds every typed word."""
    words = fold(typed).strip(" []#.").split()
    if not words:
        return []
    by_label = [ut for ut in tasks if fold(task_label(ut.task)) == " ".join(words)]
    return by_label or [ut for ut in tasks if holds_words(words, ut.task.content)]


async def _card(ctx: Ctx, task: Task) -> str:
    """The task, and progress: every unit's for the lead unit and organisers, one's own otherwise."""
    assert ctx.identity is not None
    links = await task_units(session=ctx.session, task_id=saved_id(task))
    mine = next((link for link, unit in links if unit.id == ctx.identity.unit_id), None)
    lines = [f"[{task_label(task)}] {task.content}"]
    if task.timeframe_text:
        lines.append(t("progress_timeframe", timeframe=task.timeframe_text))
    if task.expected_result:
        lines.append(t("progress_result", result=task.expected_result))
    sees_all = is_organiser(ctx.identity) or (mine is not None and mine.role == "lead")
    shown = links if sees_all else [(mine, ctx.identity.unit)] if mine else []
    if shown:
        lines.append(t("progress_units"))
        for link, unit in shown:
            role = t("role_lead") if link.role == "lead" else t("role_coordinator")
            note = f" – {link.note}" if link.note else ""
            lines.append(f"{STATUS_MARK[link.status]} {unit.name} ({role}): {t('status_' + link.status)}{note}")
    return "\n".join(lines)


async def open_task(ctx: Ctx, task_id: int) -> list[Reply]:
    """"xem 3" under a task answer: task 3 in full, with the progress this person may see."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        return ident
    mine = {ut.task.id: ut.task for ut in await unit_tasks(session=ctx.session, unit_id=ident.unit_id)}
    if task_id not in mine:
        return [Reply(t("stale_choice"))]
    return [Reply(await _card(ctx, mine[task_id]) + "\n\n" + t("tasks_opened_footer"))]


OPENERS["task"] = open_task


@flow(FLOW)
async def step(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """Task chosen → status → a short note or a file → saved."""
    ident = need_member(ctx)
    if isinstance(ident, list):
        end_flow(ctx)
        return ident
    current = ctx.state.step or "pick"
    if current == "pick":
        everything = _ordered(await unit_tasks(session=ctx.session, unit_id=ident.unit_id))
        mine = {ut.task.id: ut.task for ut in everything}
        at = int(ctx.data.get("at", 0))
        if inbound.choice in ("next", "prev"):
            at = turned(at, inbound.choice, len(everything))
            set_state(ctx, FLOW, "pick", {"at": at})
            return [_pick_page(everything, at, t("progress_pick"))]
        task_id = int(inbound.choice[1:]) if inbound.choice and inbound.choice[1:].isdecimal() else None
        if task_id is None and inbound.text:
            found = _search(everything, inbound.text)
            if len(found) == 1:
                task_id = found[0].task.id
            elif found:
                set_state(ctx, FLOW, "pick", {"at": 0})
                return [_pick_page(found, 0, t("progress_found", n=len(found)))]
        if task_id not in mine:
            return [Reply(t("progress_pick_again"))]
        set_state(ctx, FLOW, "status", {"task_id": task_id})
        choices = [Choice(s, f"{STATUS_MARK[s]} {t('status_' + s)}") for s in STATUSES]
        return [Reply(await _card(ctx, mine[task_id]) + "\n\n" + t("progress_ask_status"), choices)]
    if current == "status":
        if inbound.choice not in STATUSES:
            return [Reply(t("progress_ask_status"), [Choice(s, t("status_" + s)) for s in STATUSES])]
        set_state(ctx, FLOW, "note", {"task_id": ctx.data["task_id"], "status": inbound.choice})
        return [Reply(_ask_note(ctx), [Choice("skip", t("btn_skip"))])]
    got = read_note(inbound)
    if got is None and inbound.choice not in ("skip", None):
        return [Reply(_ask_note(ctx), [Choice("skip", t("btn_skip"))])]
    note = (t("progress_file_note", name=got.file_name) if got.file_name else got.text) if got else None
    file_ref = got.file_ref if got else None
    link = await set_progress(session=ctx.session, task_id=ctx.data["task_id"], unit_id=ident.unit_id,
                              status=ctx.data["status"], note=note, file_ref=file_ref,
                              actor_id=ident.member_id, now=ctx.now)
    end_flow(ctx)
    task = await ctx.session.get(Task, link.task_id)
    assert task is not None
    return [Reply(t("progress_saved", label=task_label(task), status=t("status_" + link.status)))]


def _ask_note(ctx: Ctx) -> str:
    return t("progress_ask_note" if ctx.caps.files_in else "progress_ask_note_typed")
