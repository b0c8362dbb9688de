"""`tdc-bot import-meeting FILE [--dry-run] [--json]`: an invitation letter or meeting plan into a meeting.

Same shape as `import-plan`: `--json` shows what the letter says and how each unit name
matched, `--dry-run` writes nothing. The same letter twice (same title and start) is refused.
`import` (bot.commands.import_any) hands a letter it read to `import_meeting_doc`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from bot.commands.common import settings_from
from bot.commands.import_plan import (
    CommandFailed,
    add_common_arguments,
    database_ready,
    deadline_json,
    empty_directory,
    envelope,
    finish,
    match_json,
    print_fields,
    print_heading,
    print_json,
    print_outcome,
    print_warnings,
    read_document,
    run_in_session,
    time_json,
    unit_names,
    when,
)
from domain.errors import Conflict

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from sqlmodel.ext.asyncio.session import AsyncSession

    from domain.documents import MeetingDoc, UnitIndex


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-meeting", help="nhập cuộc họp từ công văn, giấy mời hoặc kế hoạch tổ chức (import a meeting)",
        description="Đọc công văn từ .docx, .pdf (có lớp chữ), .txt hoặc .md và lưu cuộc họp, chương trình, "
        "đơn vị được mời và các hạn sau họp. Cùng một văn bản nhập hai lần bị từ chối. "
        "(Read a letter and store the meeting; the same letter twice is refused.)",
    )
    add_common_arguments(p)
    p.set_defaults(func=_run)


def meeting_json(doc: MeetingDoc, index: UnitIndex, source_name: str) -> dict[str, Any]:
    """Everything the letter says about its meeting, each unit name matched to the directory."""
    from storage.meeting_import import due_of, meeting_title

    names = unit_names(index)
    unmatched: list[str] = []
    contact = doc.contact
    registration = doc.registration
    return {
        "meeting": {
            "kind": doc.kind, "title": meeting_title(doc, source_name), "document_number": doc.document_number,
            "issuer": doc.issuer, "place": doc.place, "time": time_json(doc.time_text, doc.time),
            "start": when(doc.start), "end": when(doc.end), "time_label": doc.time_label, "tentative": doc.tentative,
            "duration": doc.duration_text, "mode": doc.mode, "mode_text": doc.mode_text, "location": doc.location,
            "join_url": doc.join_url, "attendance": doc.attendance,
            "contact": {"name": contact.name, "position": contact.position, "phone": contact.phone,
                        "email": contact.email} if contact else None,
            "signer": doc.signer, "signer_title": doc.signer_title,
        },
        "registration": deadline_json(registration, due_of(registration, doc.start), index, names, unmatched)
        if registration else None,
        "agenda": [{"time": item.time_text, "start": when(item.start), "end": when(item.end),
                    "content": item.content, "presenter": item.presenter, "note": item.note,
                    "sub_item": item.sub_item} for item in doc.agenda],
        "invited": [match_json(index, names, name, unmatched) for name in doc.invited],
        "invited_units": len({i for name in doc.invited for i in index.match(name).unit_ids}),
        "follow_ups": [deadline_json(d, due_of(d, doc.start), index, names, unmatched) for d in doc.follow_ups],
        "warnings": list(doc.warnings),
        "unmatched": list(dict.fromkeys(unmatched)),
    }


def meeting_reason(doc: MeetingDoc, tz: ZoneInfo) -> str:
    """Why a document was taken for a meeting letter, when the reader did not say."""
    from handlers.formatting import moment
    from storage.types import local_aware

    start = local_aware(doc.start, tz)
    if start is not None:
        return f"có thời gian họp {moment(start, tz)}"
    return "có chương trình hoặc nơi nhận của cuộc họp"


def _run(args: argparse.Namespace) -> int:
    return finish(lambda: _import(args))


def _import(args: argparse.Namespace) -> int:
    from domain.documents import read_meeting_letter

    doc = read_meeting_letter(read_document(args.file))
    if doc.start is None and not doc.agenda and not doc.invited:
        raise CommandFailed(f"{args.file.name}: không thấy thời gian, chương trình hay nơi nhận của cuộc họp "
                            "(no meeting found)")
    return import_meeting_doc(args, doc, reason=meeting_reason(doc, settings_from(args).tz))


def import_meeting_doc(args: argparse.Namespace, doc: MeetingDoc, *, reason: str, heading: bool = False,
                       fields: list[str] | None = None) -> int:
    """Match, show and (unless a dry run) store a meeting letter already read; `fields` are printed
    after the summary lines (the human form of `import --dry-run`)."""
    from datetime import datetime

    from storage.meeting_import import find_existing_meeting, meeting_title, meeting_warnings, store_meeting_doc
    from storage.plans import unit_index
    from storage.types import local_aware

    state = database_ready(args)
    tz = settings_from(args).tz
    start = local_aware(doc.start, tz)

    def preview(index: UnitIndex) -> dict[str, Any]:
        payload = envelope("meeting", reason, meeting_json(doc, index, args.file.name), args, index, state)
        payload["warnings"] = meeting_warnings(doc, args.file.name, tz)
        past = start is not None and start <= datetime.now(tz)
        payload["meeting"]["past"] = past
        if past:
            payload["warnings"].insert(0, f"cuộc họp đã diễn ra ({payload['meeting']['start']}): kiểm tra lại "
                                          "văn bản (the meeting is in the past)")
        if not args.json:
            if heading:
                print_heading("meeting", reason)
            _print_summary(payload, index, fields)
        return payload

    async def work(session: AsyncSession) -> dict[str, Any]:
        existing = await find_existing_meeting(session=session, title=meeting_title(doc, args.file.name),
                                               start_at=start)
        if existing is not None and not args.dry_run:  # refused before the summary: one line, nothing else
            raise Conflict("meeting_exists", id=existing.id, title=existing.title)
        payload = preview(await unit_index(session=session))
        if args.dry_run:
            payload["already_imported"] = existing.id if existing else None
            return payload
        report = await store_meeting_doc(session=session, doc=doc, source_name=args.file.name, tz=tz)
        payload["unmatched"] = list(dict.fromkeys(report.unmatched))
        payload["stored"] = {"meeting_id": report.meeting.id, "agenda": report.agenda, "invited": report.invited,
                             "deadlines": report.deadlines, "unresolved": report.unresolved}
        return payload

    # Not migrated (only a dry run gets here): no session at all, so nothing is created on disk.
    payload = run_in_session(args, work) if state == "current" else preview(empty_directory())
    if args.json:
        print_json(payload)
        return 0
    stored = payload["stored"]
    print_outcome(payload, "cuộc họp", f"cuộc họp số {stored['meeting_id']}" if stored else None)
    return 0


def _print_summary(payload: dict[str, Any], index: UnitIndex, fields: list[str] | None) -> None:
    """The meeting as read, then what would go wrong: printed before anything is saved."""
    meeting = payload["meeting"]
    registration = payload["registration"]
    print(f"{meeting['title']} (số {meeting['document_number'] or '?'})")
    print(f"bắt đầu {meeting['time_label'] or meeting['start'] or '?'}{' (dự kiến)' if meeting['tentative'] else ''}, "
          f"hình thức {meeting['mode'] or '?'}, hạn đăng ký {registration['due_at'] if registration else '?'} "
          "(start, mode, registration cutoff)")
    print(f"mời {payload['invited_units']} đơn vị, chương trình {len(payload['agenda'])} mục, "
          f"{len(payload['follow_ups'])} hạn sau họp (invited units, agenda items, follow-up deadlines)")
    print_fields(fields)
    print_warnings(payload, index)
