"""A request letter (Công văn đề nghị báo cáo) read by `tdc-bot import`: its JSON and its storing.

Not a subcommand of its own: `import` recognises the letter and hands it here, as it hands a plan
to import_plan and a meeting letter to import_meeting. Each request becomes a deadline
(storage.deadlines.store_request_doc); a letter with no due date makes none, and says so.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from bot.commands.common import settings_from
from bot.commands.import_plan import (
    CommandFailed,
    database_ready,
    empty_directory,
    envelope,
    match_json,
    print_fields,
    print_heading,
    print_json,
    print_outcome,
    print_warnings,
    run_in_session,
    time_json,
    unit_names,
    when,
)
from domain.errors import Conflict

if TYPE_CHECKING:
    from sqlmodel.ext.asyncio.session import AsyncSession

    from domain.documents import UnitIndex
    from domain.documents.models import RequestDoc, RequestItemDoc

NO_DEADLINE = "không thấy hạn nộp nào; không tạo hạn (no deadline found, nothing stored)"


def request_reason(doc: RequestDoc) -> str:
    """Why a document was taken for a request letter, when the reader did not say."""
    if not doc.requests:
        return "công văn đề nghị nhưng không có hạn nộp"
    first = doc.requests[0]
    more = f" và {len(doc.requests) - 1} yêu cầu khác" if len(doc.requests) > 1 else ""
    return f"đề nghị gửi {first.what} {first.due_text or '(không rõ hạn)'}{more}"


def _item_json(item: RequestItemDoc, index: UnitIndex, names: dict[int, str], unmatched: list[str]) -> dict[str, Any]:
    from storage.deadlines import contact_json

    return {
        "what": item.what, "owed_by": [match_json(index, names, name, unmatched) for name in item.owed_by],
        "to": match_json(index, names, item.to, unmatched) if item.to else None,
        "address": item.address, "email": item.email,
        "data_cutoff": {"text": item.data_cutoff_text,
                        "date": item.data_cutoff.isoformat() if item.data_cutoff else None},
        "contact": contact_json(item.contact), "due": time_json(item.due_text, item.due),
        "due_at": when(item.due_at), "recurrence": item.recurrence.as_json() if item.recurrence else None,
    }


def request_json(doc: RequestDoc, index: UnitIndex) -> dict[str, Any]:
    """Everything the letter asks, each unit name matched; `unmatched` lists the names that fit nothing."""
    names = unit_names(index)
    unmatched: list[str] = []
    fields = ("title", "document_number", "issuer", "place", "year", "signer", "signer_title", "text_hash")
    return {
        "request": {name: getattr(doc, name) for name in fields}
        | {"issued_on": doc.issued_on.isoformat() if doc.issued_on else None},
        "requests": [_item_json(item, index, names, unmatched) for item in doc.requests],
        "warnings": list(doc.warnings),
        "unmatched": list(dict.fromkeys(unmatched)),
    }


def import_request_doc(args: argparse.Namespace, doc: RequestDoc, *, reason: str, heading: bool = False,
                       fields: list[str] | None = None) -> int:
    """Match, show and (unless a dry run, or the letter has no due date) store a request letter."""
    from storage.deadlines import find_request_import, store_request_doc
    from storage.migrate import schema_state
    from storage.plans import unit_index

    # A letter with no due date stores nothing, so it is shown even where nothing could be stored.
    state = database_ready(args) if doc.requests else schema_state(settings_from(args).database.url)
    tz = settings_from(args).tz

    def preview(index: UnitIndex) -> dict[str, Any]:
        payload = envelope("request", reason, request_json(doc, index), args, index, state)
        if not args.json:
            if heading:
                print_heading("request", reason)
            print(f"{doc.title or '?'} (số {doc.document_number or '?'})")
            print(f"{len(doc.requests)} yêu cầu có hạn nộp (requests with a due date)")
            print_fields(fields)
            print_warnings(payload, index)
        return payload

    async def work(session: AsyncSession) -> dict[str, Any]:
        existing = await find_request_import(session=session, text_hash=doc.text_hash)
        if existing is not None and not args.dry_run and doc.requests:  # refused before the summary
            raise Conflict("request_exists", id=existing.id, title=existing.title)
        payload = preview(await unit_index(session=session))
        payload["already_imported"] = existing.id if existing else None
        if args.dry_run or not doc.requests:
            return payload
        saved = await store_request_doc(session=session, doc=doc, source_name=args.file.name, actor_id=None, tz=tz)
        payload["unmatched"] = list(dict.fromkeys(name for s in saved for name in s.unmatched))
        payload["stored"] = {"deadline_ids": [s.deadline.id for s in saved], "deadlines": len(saved),
                             "owed_units": len({unit for s in saved for unit in s.owed}),
                             "groups": list(dict.fromkeys(g for s in saved for g in s.groups))}
        return payload

    # Not migrated (only a dry run gets here): no session at all, so nothing is created on disk.
    payload = run_in_session(args, work) if state == "current" else preview(empty_directory())
    if args.json:
        print_json(payload)
    if not doc.requests:  # read and shown, but nothing to import: said on stderr, exit status 2
        raise CommandFailed(f"{args.file.name}: {NO_DEADLINE}")
    if not args.json:
        stored = payload["stored"]
        print_outcome(payload, "công văn", f"{stored['deadlines']} hạn nộp (số "
                      f"{', '.join(str(i) for i in stored['deadline_ids'])})" if stored else None)
    return 0
