"""`tdc-bot import-meeting FILE [--dry-run] [--json]`: an invitation letter or meeting plan into a meeting.

Same shape as `import-plan`: `--json` shows what the letter says and how each unit name
matched, `--dry-run` writes nothing. The same letter twice (same title and start) is refused.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from bot.commands.import_plan import (
    CommandFailed,
    add_common_arguments,
    deadline_json,
    finish,
    match_json,
    print_json,
    print_outcome,
    read_document,
    run_in_session,
    time_json,
    unit_names,
    when,
)

if TYPE_CHECKING:
    from sqlmodel.ext.asyncio.session import AsyncSession

    from domain.documents import MeetingDoc, UnitIndex


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-meeting", help="import a meeting from an invitation letter (Công văn, Giấy mời) or meeting plan",
        description="Read a letter from .docx, .pdf (with a text layer), .txt or .md and store the meeting, its "
        "programme, the invited units and follow-up deadlines. The same letter twice is refused.",
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
            "start": when(doc.start), "end": when(doc.end), "tentative": doc.tentative,
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
        "unmatched": unmatched,
    }


def _run(args: argparse.Namespace) -> int:
    return finish(lambda: _import(args))


def _import(args: argparse.Namespace) -> int:
    from domain.documents import read_meeting_letter
    from storage.meeting_import import find_existing_meeting, meeting_title, store_meeting_doc
    from storage.plans import unit_index
    from storage.types import LOCAL_TZ, local_aware

    doc = read_meeting_letter(read_document(args.file))
    if doc.start is None and not doc.agenda and not doc.invited:
        raise CommandFailed(f"{args.file.name}: không thấy thời gian, chương trình hay nơi nhận của cuộc họp "
                            "(no meeting found)")

    async def work(session: AsyncSession) -> tuple[dict[str, Any], UnitIndex]:
        index = await unit_index(session=session)
        payload = meeting_json(doc, index, args.file.name) | {"file": args.file.name, "dry_run": args.dry_run,
                                                               "stored": None}
        if args.dry_run:
            start = local_aware(doc.start, LOCAL_TZ)
            existing = await find_existing_meeting(session=session, title=meeting_title(doc, args.file.name),
                                                   start_at=start)
            payload["already_imported"] = existing.id if existing else None
            return payload, index
        report = await store_meeting_doc(session=session, doc=doc, source_name=args.file.name)
        payload["warnings"] = list(dict.fromkeys(report.warnings))
        payload["unmatched"] = list(dict.fromkeys(report.unmatched))
        payload["stored"] = {"meeting_id": report.meeting.id, "agenda": report.agenda, "invited": report.invited,
                             "deadlines": report.deadlines, "unresolved": report.unresolved}
        return payload, index

    payload, index = run_in_session(args, work)
    payload["unmatched"] = list(dict.fromkeys(payload["unmatched"]))
    if args.json:
        print_json(payload)
        return 0
    meeting = payload["meeting"]
    print(f"{meeting['title']} (số {meeting['document_number'] or '?'})")
    print(f"starts {meeting['start'] or '?'}{' (dự kiến)' if meeting['tentative'] else ''}, "
          f"mode {meeting['mode'] or '?'}, registration closes "
          f"{payload['registration']['due_at'] if payload['registration'] else '?'}")
    print(f"{payload['invited_units']} units invited, {len(doc.agenda)} agenda items, "
          f"{len(doc.follow_ups)} follow-up deadlines")
    stored = payload["stored"]
    print_outcome(payload, index, "meeting", f"meeting {stored['meeting_id']}" if stored else None)
    return 0
