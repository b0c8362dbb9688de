"""The organiser's view of a meeting: who registered (/danhsach), who not (/chuadangky), Excel (/xuat)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.file_names import title_slug
from domain.spreadsheets import roster_xlsx
from handlers.engine import end_flow, set_state
from handlers.formatting import day, one_line
from handlers.meeting_when import meeting_when
from handlers.nudges import offer_nudge
from handlers.permissions import require_organiser
from handlers.petitions_export import petitions_files
from handlers.registry import command, flow
from handlers.tasks_export import status_file
from handlers.texts import t
from handlers.types import Choice, Ctx, Inbound, OutFile, Reply
from storage.audit import record
from storage.meetings import list_meetings
from storage.members import unit_officers
from storage.models import Meeting, Plan, saved_id
from storage.petitions import meeting_petitions
from storage.plans import list_plans
from storage.registrations import invited_count, roster, units_not_registered

FLOW = "organiser"
MAX_MEETINGS_SHOWN = 10


async def _pick_or_run(ctx: Ctx, inbound: Inbound, action: str) -> list[Reply]:
    """The menu of meetings (and plans, for /xuat); "/xuat 2" is item 2 of that same menu."""
    require_organiser(ctx)
    meetings = (await list_meetings(session=ctx.session))[:MAX_MEETINGS_SHOWN]
    plans = (await list_plans(session=ctx.session))[:MAX_MEETINGS_SHOWN] if action == "export" else []
    menu: list[Meeting | Plan] = [*meetings, *plans]
    typed = inbound.arg.strip()
    if typed.isdecimal():
        if not 1 <= int(typed) <= len(menu):
            return [Reply(t("org_no_such_item", n=typed, last=len(menu)) if menu else t("org_no_meetings"))]
        return await _run(ctx, action, menu[int(typed) - 1])
    if not menu:
        return [Reply(t("org_no_meetings"))]
    if len(menu) == 1:
        return await _run(ctx, action, menu[0])
    set_state(ctx, FLOW, f"pick:{action}", {})
    labels = [Choice(f"m{m.id}", f"{day(m.start_at, ctx.tz) if m.start_at else '?'} {m.title[:50]}") for m in meetings]
    labels += [Choice(f"p{p.id}", "📑 " + one_line(p.title, 55)) for p in plans]
    return [Reply(t("org_pick_meeting" if not plans else "org_pick_export"), labels)]


async def _run(ctx: Ctx, action: str, item: Meeting | Plan) -> list[Reply]:
    return await (_export_plan(ctx, item) if isinstance(item, Plan) else _ACTIONS[action](ctx, item))


@command("danhsach")
async def roster_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/danhsach (/roster): registered units with attendee counts and the total."""
    return await _pick_or_run(ctx, inbound, "roster")


@command("chuadangky")
async def missing_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/chuadangky (/missing): invited units that have not registered, with their officers."""
    return await _pick_or_run(ctx, inbound, "missing")


@command("xuat")
async def export_command(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """/xuat (/export): the attendee list as an Excel file."""
    return await _pick_or_run(ctx, inbound, "export")


@flow(FLOW)
async def pick(ctx: Ctx, inbound: Inbound) -> list[Reply]:
    """The organiser chose a meeting from the list."""
    require_organiser(ctx)
    action = (ctx.state.step or "pick:roster").split(":")[1]
    if action == "export" and inbound.choice and inbound.choice.startswith("p") and inbound.choice[1:].isdecimal():
        plan = await ctx.session.get(Plan, int(inbound.choice[1:]))
        if plan is None:
            end_flow(ctx)
            return [Reply(t("stale_choice"))]
        return await _export_plan(ctx, plan)
    if not (inbound.choice and inbound.choice.startswith("m") and inbound.choice[1:].isdecimal()):
        return [Reply(t("org_pick_meeting_again"))]
    meeting = await ctx.session.get(Meeting, int(inbound.choice[1:]))
    if meeting is None:
        end_flow(ctx)
        return [Reply(t("stale_choice"))]
    return await _ACTIONS[action](ctx, meeting)


def _audit_read(ctx: Ctx, action: str, subject: str, **detail: int) -> None:
    """Who saw or took personal data (names, phones of attendees and officers), and of what."""
    record(session=ctx.session, actor_id=ctx.identity.member_id if ctx.identity else None, action=action,
           subject=subject, via=ctx.channel, **detail)


async def _roster(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    end_flow(ctx)
    lines = await roster(session=ctx.session, meeting_id=saved_id(meeting))
    invited = await invited_count(session=ctx.session, meeting_id=saved_id(meeting))
    people = sum(len(line.attendees) for line in lines)
    _audit_read(ctx, "roster.view", f"meeting:{meeting.id}", units=len(lines), people=people)
    text = [t("org_roster_header", title=meeting.title, units=len(lines), invited=invited, people=people)]
    for i, line in enumerate(lines, start=1):
        focal = next((a for a in line.attendees if a.is_focal_point), None)
        contact = f" – đầu mối: {focal.full_name}, {focal.phone}" if focal else ""
        text.append(f"{i}. {line.unit.name}: {len(line.attendees)} người{contact}")
    if not lines:
        text.append(t("org_roster_empty"))
    shown = [m.id for m in (await list_meetings(session=ctx.session))[:MAX_MEETINGS_SHOWN]]
    text.append(t("org_roster_footer", id=shown.index(meeting.id) + 1 if meeting.id in shown else meeting.id))
    return [Reply("\n".join(text))]


async def _missing(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    end_flow(ctx)
    units = await units_not_registered(session=ctx.session, meeting_id=saved_id(meeting))
    if not units:
        return [Reply(t("org_missing_none", title=meeting.title))]
    officers = await unit_officers(session=ctx.session, unit_ids=[saved_id(u) for u in units])
    _audit_read(ctx, "missing.view", f"meeting:{meeting.id}", units=len(units))
    text = [t("org_missing_header", title=meeting.title, n=len(units))]
    for i, unit in enumerate(units, start=1):
        names = ", ".join(m.full_name for m in officers.get(saved_id(unit), []))
        text.append(f"{i}. {unit.name}" + (f" – {names}" if names else " – " + t("org_no_officer")))
    still_open = meeting.registration_cutoff is None or meeting.registration_cutoff > ctx.now
    nudge = offer_nudge(ctx, f"meeting:{meeting.id}", [u.id for u in units if u.id is not None]) if still_open else []
    return [Reply("\n".join(text), nudge)]


async def _export(ctx: Ctx, meeting: Meeting) -> list[Reply]:
    end_flow(ctx)
    file = await roster_file(session=ctx.session, meeting=meeting, tz=ctx.tz, now=ctx.now)
    _audit_read(ctx, "export.registrations", f"meeting:{meeting.id}")
    replies = [Reply(t("org_export_ready", title=meeting.title), file=file)]
    if await meeting_petitions(session=ctx.session, meeting_id=saved_id(meeting)):  # a dialogue conference's too
        listed, report = await petitions_files(session=ctx.session, meeting=meeting, tz=ctx.tz, now=ctx.now)
        _audit_read(ctx, "export.petitions", f"meeting:{meeting.id}")
        replies += [Reply(t("pet_export_ready"), file=listed), Reply(t("pet_report_ready"), file=report)]
    return replies


async def _export_plan(ctx: Ctx, plan: Plan) -> list[Reply]:
    end_flow(ctx)
    file = await status_file(session=ctx.session, plan=plan, tz=ctx.tz, now=ctx.now)
    _audit_read(ctx, "export.tasks", f"plan:{plan.id}")
    return [Reply(t("org_export_plan_ready", title=plan.title), file=file)]


async def roster_file(*, session: AsyncSession, meeting: Meeting, tz: ZoneInfo, now: datetime) -> OutFile:
    """The Department's attendee list for a meeting, as an .xlsx file (chat and command line)."""
    lines = await roster(session=session, meeting_id=saved_id(meeting))
    rows = [(line.unit.name, a.full_name, a.position, a.phone, a.email, a.is_focal_point)
            for line in lines for a in line.attendees]
    when = meeting_when(meeting, tz)
    subtitle = t("org_export_subtitle", when=when, units=len(lines), people=len(rows),
                 made=now.astimezone(tz).strftime("%d/%m/%Y %H:%M"))
    data = roster_xlsx(title=t("org_export_title", title=meeting.title), subtitle=subtitle, rows=rows)
    slug = title_slug(meeting.title, "hoi-nghi")
    name = f"danh-sach-{meeting.id}-{slug}.xlsx"
    return OutFile(name=name, data=data, mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   command=f"tdc-bot export registrations --meeting {meeting.id} --out {name}")


_ACTIONS = {"roster": _roster, "missing": _missing, "export": _export}
