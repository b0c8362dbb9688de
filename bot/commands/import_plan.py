"""`tdc-bot import-plan FILE [--dry-run] [--json]`: a Kế hoạch into tasks, leads and deadlines.

`--json` shows every name as written next to what it matched in the unit directory, so the
organiser can fix the directory (or the document) before anything is stored; `--dry-run`
reads and matches but writes nothing. The helpers here are shared with `import-meeting` and
`import` (bot.commands.import_any), which reads any kind and hands a plan to `import_plan_doc`.
The JSON printed is documented key by key in docs/import-json.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bot.commands.common import settings_from, with_session
from domain.errors import Conflict, DomainError

if TYPE_CHECKING:  # the document readers load only when a command runs, not for `tdc-bot --help`
    from sqlmodel.ext.asyncio.session import AsyncSession

    from domain.documents import DeadlineDoc, PlanDoc, TaskDoc, UnitIndex
    from domain.timeexpr import TimeExpr

T = TypeVar("T")


class CommandFailed(Exception):
    """A one-line reason to stop with exit status 2 (no traceback for the person at the terminal)."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-plan", help="nhập kế hoạch: nhiệm vụ, đơn vị chủ trì/phối hợp, hạn báo cáo (import a plan)",
        description="Đọc kế hoạch từ .docx, .pdf (có lớp chữ), .txt hoặc .md và lưu nhiệm vụ, hạn báo cáo, "
        "khớp tên đơn vị với danh bạ. Kế hoạch đã nhập (cùng nội dung, cùng số hoặc tên trong năm) bị từ chối. "
        "(Read a plan and store its tasks and deadlines; a plan already imported is refused.)",
    )
    add_common_arguments(p)
    p.set_defaults(func=_run)


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="văn bản (.docx, .pdf, .txt, .md) (the document)")
    parser.add_argument("--dry-run", action="store_true",
                        help="chạy thử: đọc và khớp tên, không ghi gì (read and match, write nothing)")
    parser.add_argument("--json", action="store_true", help="in mọi thứ tìm thấy dạng JSON (print as JSON)")


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or CommandFailed saying why not."""
    if not path.is_file():
        raise CommandFailed(f"không tìm thấy tệp {path} (file not found)")
    try:
        return path.read_bytes()
    except OSError as err:
        raise CommandFailed(f"không đọc được tệp {path} ({err.strerror or err})") from err


def read_document(path: Path) -> str:
    """The file's text, or CommandFailed with the reader's Vietnamese sentence."""
    from domain.documents import DocumentError, document_text

    # pypdf logs "EOF marker not found" and the like before failing; the DocumentError says it once.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    data = read_bytes(path)
    try:
        return document_text(path.name, data)
    except DocumentError as err:
        raise CommandFailed(f"{path.name}: {err}") from err


DIRECTORY_NOTE = {
    "missing": "chưa có cơ sở dữ liệu",
    "not_migrated": "cơ sở dữ liệu chưa được tạo bảng",
    "outdated": "cơ sở dữ liệu cần nâng cấp",
    "current": "chưa nhập đơn vị nào",
}


def database_ready(args: argparse.Namespace) -> str:
    """The database's schema state (storage.migrate.schema_state), asked without creating anything;
    storing needs "current", so a command that would store stops here with the fix."""
    from storage.migrate import schema_state

    state = schema_state(settings_from(args).database.url)
    if state != "current" and not args.dry_run:
        raise CommandFailed(f"{DIRECTORY_NOTE[state]}, không lưu được; chạy `tdc-bot db upgrade` trước, rồi "
                            f"`tdc-bot units import` (database not ready: {state})")
    return state


def empty_directory() -> UnitIndex:
    from domain.documents import UnitIndex

    return UnitIndex(())


def directory_json(index: UnitIndex, state: str) -> dict[str, Any]:
    """How many units names were matched against, and why none when there are none."""
    out: dict[str, Any] = {"units": len(index.units), "database": state}
    if not index.units:
        out["note"] = (f"danh bạ đơn vị trống ({DIRECTORY_NOTE[state]}): mọi tên đơn vị đều chưa khớp "
                       "(the unit directory is empty)")
    return out


def run_in_session(args: argparse.Namespace, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """`work` in one committed session; database trouble becomes CommandFailed."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return with_session(settings_from(args), work)
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).splitlines()[0]
        hint = "đã chạy `tdc-bot db upgrade` chưa?"
        raise CommandFailed(f"lỗi cơ sở dữ liệu (database error: {reason}); {hint}") from err


def finish(main: Callable[[], int]) -> int:
    """Run a command body; a known failure is one line on stderr and exit status 2."""
    try:
        return main()
    except CommandFailed as err:
        print(f"tdc-bot: {err}", file=sys.stderr)
    except Conflict as err:
        what = {"plan_exists": "kế hoạch", "meeting_exists": "cuộc họp",
                "request_exists": "công văn đề nghị"}.get(err.code, err.code)
        title = f": «{err.params['title']}»" if err.params.get("title") else ""
        print(f"tdc-bot: {what} này đã được nhập (id {err.params.get('id')}{title}); "
              f"không nhập lại ({err.code})", file=sys.stderr)
    except DomainError as err:
        print(f"tdc-bot: {err.code}: {err.params}", file=sys.stderr)
    return 2


def when(value: datetime | None) -> str | None:
    return value.isoformat(timespec="minutes") if value is not None else None


def time_json(text: str | None, expr: TimeExpr | None) -> dict[str, Any]:
    return {"text": text, "parsed": expr.to_json() if expr is not None else None}


def match_json(index: UnitIndex, names: dict[int, str], written: str, unmatched: list[str]) -> dict[str, Any]:
    """One name as written and as matched: a unit, a group with its size, or nothing with suggestions."""
    found = index.match(written)
    out: dict[str, Any] = {"written": written, "status": found.status}
    if found.status == "unit":
        out["unit"] = {"id": found.unit_id, "name": names.get(found.unit_id or 0)}
    elif found.status == "group":
        out["group"], out["units"] = found.group, len(found.unit_ids)
    else:
        out["suggestions"] = list(found.suggestions)
        unmatched.append(written)
    return out


def deadline_json(doc: DeadlineDoc, due_at: datetime | None, index: UnitIndex, names: dict[int, str],
                  unmatched: list[str]) -> dict[str, Any]:
    return {
        "what": doc.what, "due": time_json(doc.due_text, doc.due), "due_at": when(due_at),
        "owed_by": [match_json(index, names, name, unmatched) for name in doc.owed_by],
        "to": match_json(index, names, doc.to, unmatched) if doc.to else None,
        "onward_to": list(doc.onward_to),
    }


def unit_names(index: UnitIndex) -> dict[int, str]:
    return {unit.id: unit.name for unit in index.units}


def unmatched_lines(index: UnitIndex, unmatched: list[str]) -> list[str]:
    """'name (gần nhất: a, b)' once per name, for the human summary."""
    lines = []
    for name in dict.fromkeys(unmatched):
        close = index.match(name).suggestions
        lines.append(f"  - {name}" + (f" (gần nhất: {', '.join(close)})" if close else ""))
    return lines


def print_warnings(payload: dict[str, Any], index: UnitIndex) -> None:
    """What would go wrong, said before anything is saved: warnings and names matched to nothing."""
    directory = payload["unit_directory"]
    if directory.get("note"):
        print(f"cảnh báo: {directory['note']}")
    for warning in payload["warnings"]:
        print(f"cảnh báo: {warning}")
    if payload["unmatched"]:
        print(f"{len(payload['unmatched'])} tên đơn vị chưa có trong danh bạ, sẽ không được giao việc hay nhắc "
              "(unmatched names):")
        print("\n".join(unmatched_lines(index, payload["unmatched"])))


def print_outcome(payload: dict[str, Any], what: str, stored: str | None) -> None:
    """The last line of a human summary: what was written, or that nothing was."""
    if stored:
        print(f"đã lưu: {stored} (stored)")
    elif payload.get("already_imported"):
        print(f"chạy thử: không ghi gì; {what} này đã được nhập (số {payload['already_imported']}) "
              "(dry run: already imported)")
    else:
        print("chạy thử: không ghi gì (dry run)")


def print_json(payload: dict[str, Any]) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2))


def envelope(kind: str, reason: str, body: dict[str, Any], args: argparse.Namespace, index: UnitIndex,
             state: str) -> dict[str, Any]:
    """The keys every kind's JSON has around what was read (docs/import-json.md, top level)."""
    return {"kind": kind, "reason": reason} | body | {
        "file": args.file.name, "dry_run": args.dry_run, "stored": None, "already_imported": None,
        "unit_directory": directory_json(index, state)}


def print_heading(kind: str, reason: str) -> None:
    """What `tdc-bot import` took the file for, and why, before what it found."""
    words = {"plan": "kế hoạch", "meeting": "cuộc họp", "request": "công văn đề nghị"}[kind]
    print(f"loại: {words} — {reason} (kind: {kind})")


def print_fields(lines: list[str] | None) -> None:
    """Every field with its value or "không thấy" (handlers.intake_fields), for a dry run of `import`."""
    for line in lines or ():
        print(f"  {line}")


def _task_json(task: TaskDoc, index: UnitIndex, names: dict[int, str], unmatched: list[str]) -> dict[str, Any]:
    return {
        "label": task.label, "section": task.section, "number": task.number, "row": task.row,
        "source": task.source, "content": task.content, "expected_result": task.expected_result,
        "lead": [match_json(index, names, name, unmatched) for name in task.lead],
        "coordinators": [match_json(index, names, name, unmatched) for name in task.coordinators],
        "timeframe": time_json(task.timeframe_text, task.timeframe),
    }


def plan_json(doc: PlanDoc, index: UnitIndex) -> dict[str, Any]:
    """Everything the plan says, each unit name matched; `unmatched` lists the names that fit nothing."""
    names = unit_names(index)
    unmatched: list[str] = []
    fields = ("number", "title", "issuer", "place", "year", "signer", "signer_title", "budget_text", "budget_amount")
    return {
        "plan": {name: getattr(doc, name) for name in fields} | {"legal_basis": list(doc.legal_basis)},
        "tasks": [_task_json(task, index, names, unmatched) for task in doc.tasks],
        "deadlines": [deadline_json(d, d.due_at, index, names, unmatched) for d in doc.deadlines],
        "warnings": list(doc.warnings),
        "unmatched": list(dict.fromkeys(unmatched)),
    }


def plan_reason(doc: PlanDoc) -> str:
    """Why a document was taken for a plan, when the reader did not say."""
    return f"có {len(doc.tasks)} nhiệm vụ"


def _run(args: argparse.Namespace) -> int:
    return finish(lambda: _import(args))


def _import(args: argparse.Namespace) -> int:
    from domain.documents import read_plan

    doc = read_plan(read_document(args.file))
    if not doc.tasks:
        raise CommandFailed(f"{args.file.name}: không thấy nhiệm vụ nào — có phải là một Kế hoạch? (no tasks found)")
    return import_plan_doc(args, doc, reason=plan_reason(doc))


def import_plan_doc(args: argparse.Namespace, doc: PlanDoc, *, reason: str, heading: bool = False,
                    fields: list[str] | None = None) -> int:
    """Match, show and (unless a dry run) store a plan already read. `heading`: first say the kind
    and why (`import`); `fields` are printed after the summary line (`import --dry-run`)."""
    from storage.plans import find_existing_plan, store_plan, unit_index

    state = database_ready(args)

    def preview(index: UnitIndex) -> dict[str, Any]:
        payload = envelope("plan", reason, plan_json(doc, index), args, index, state)
        if not args.json:
            if heading:
                print_heading("plan", reason)
            plan = payload["plan"]
            print(f"{plan['title']} (số {plan['number'] or '?'}, năm {plan['year'] or '?'})")
            print(f"{len(doc.tasks)} nhiệm vụ, {len(doc.deadlines)} hạn báo cáo (tasks, deadlines)")
            print_fields(fields)
            print_warnings(payload, index)
        return payload

    async def work(session: AsyncSession) -> dict[str, Any]:
        existing = await find_existing_plan(session=session, doc=doc)
        if existing is not None and not args.dry_run:  # refused before the summary: one line, nothing else
            raise Conflict("plan_exists", id=existing.id, title=existing.title)
        payload = preview(await unit_index(session=session))
        if args.dry_run:
            payload["already_imported"] = existing.id if existing else None
            return payload
        report = await store_plan(session=session, doc=doc, source_name=args.file.name)
        payload["stored"] = {"plan_id": report.plan.id, "tasks": report.tasks, "deadlines": report.deadlines,
                             "links": report.links}
        return payload

    # Not migrated (only a dry run gets here): no session at all, so nothing is created on disk.
    payload = run_in_session(args, work) if state == "current" else preview(empty_directory())
    if args.json:
        print_json(payload)
        return 0
    stored = payload["stored"]
    print_outcome(payload, "kế hoạch",
                  f"kế hoạch số {stored['plan_id']} ({stored['links']} liên kết đơn vị)" if stored else None)
    return 0
