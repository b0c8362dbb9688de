"""`tdc-bot import FILE [--dry-run] [--json]`: any document, read the way the chat reads it.

The file is read by domain.documents.upload.read_upload in a child process under the chat's time
limit (handlers.worker.run_limited, domain.documents.limits), so a hostile file stops here as it
would in chat. What it turned out to be decides where it goes: a plan to `import-plan`'s storing,
a meeting letter to `import-meeting`'s, a request letter to deadlines (bot.commands.import_request).
The first line says which kind and why. `--dry-run` lists every field with its value or
"không thấy" (handlers.intake_fields, the chat's own words); `--json` is documented in
docs/import-json.md. `import-plan` and `import-meeting` stay as the explicit forms.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.commands.common import settings_from
from bot.commands.import_meeting import import_meeting_doc, meeting_reason
from bot.commands.import_plan import (
    CommandFailed,
    add_common_arguments,
    finish,
    import_plan_doc,
    plan_reason,
    read_bytes,
)
from bot.commands.import_request import import_request_doc, request_reason

if TYPE_CHECKING:
    from pathlib import Path

    from domain.documents.upload import Upload

NOTHING = ("không thấy nhiệm vụ (kế hoạch), thời gian họp (giấy mời) hay hạn nộp (công văn đề nghị) nào: "
           "không có gì để nhập (nothing to import)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import", help="nhập văn bản bất kỳ: kế hoạch, giấy mời họp hoặc công văn đề nghị (import any document)",
        description="Đọc văn bản (.docx, .pdf có lớp chữ, .txt, .md) như khi gửi trong khung chat, cho biết đó là "
        "kế hoạch, giấy mời họp hay công văn đề nghị (và vì sao), rồi lưu. --dry-run liệt kê mọi trường tìm thấy "
        "(hoặc «không thấy»), không ghi gì; --json in một đối tượng JSON (docs/import-json.md). "
        "(Read any document as the chat does, say what kind it is and why, and store it.)",
    )
    add_common_arguments(p)
    p.set_defaults(func=_run)


def read_file(path: Path) -> Upload:
    """The file read in a child process, at most READ_SECONDS, as the chat reads it (tests replace this)."""
    import asyncio
    import logging

    from domain.documents.limits import MAX_TEXT_CHARS, READ_SECONDS
    from domain.documents.upload import read_upload
    from handlers.worker import TooSlow, WorkFailed, run_limited

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    data = read_bytes(path)
    try:
        return asyncio.run(run_limited(read_upload, path.name, data, MAX_TEXT_CHARS, limit_s=READ_SECONDS))
    except TooSlow as err:
        raise CommandFailed(f"{path.name}: đọc quá {int(READ_SECONDS)} giây nên đã dừng; không có gì được lưu "
                            "(reading took too long)") from err
    except WorkFailed as err:
        raise CommandFailed(f"{path.name}: không đọc được tệp ({err.params.get('reason')}); không có gì được lưu "
                            "(reading failed)") from err


def shown(args: argparse.Namespace, fields: list[str]) -> list[str] | None:
    """Every field is listed by a dry run (a stored run shows the summary and what was stored)."""
    return fields if args.dry_run else None


def _run(args: argparse.Namespace) -> int:
    return finish(lambda: _import(args))


def _import(args: argparse.Namespace) -> int:
    from bot.planner import calendar_from
    from domain.documents.limits import MAX_TEXT_CHARS, count
    from handlers.intake_fields import deadline_lines, meeting_fields, plan_fields, request_fields, task_lines

    upload = read_file(args.file)
    name = args.file.name
    if upload.error:
        raise CommandFailed(f"{name}: {upload.error}")
    if upload.too_long:
        raise CommandFailed(f"{name}: văn bản quá dài (trên {count(MAX_TEXT_CHARS)} ký tự) (text too long)")
    settings = settings_from(args)
    tz, calendar = settings.tz, calendar_from(settings)
    if upload.plan is not None and upload.plan.tasks:
        plan = upload.plan
        reason = upload.reason or plan_reason(plan)
        fields = [*plan_fields(plan), *(line for task in plan.tasks for line in task_lines(task, detail=True)),
                  *(line for d in plan.deadlines for line in deadline_lines(d, tz, calendar))]
        return import_plan_doc(args, plan, reason=reason, heading=True, fields=shown(args, fields))
    if upload.letter is not None:
        letter = upload.letter
        reason = upload.reason or meeting_reason(letter, tz)
        fields = [*meeting_fields(letter, tz),
                  *(line for d in letter.follow_ups for line in deadline_lines(d, tz, calendar))]
        return import_meeting_doc(args, letter, reason=reason, heading=True, fields=shown(args, fields))
    if upload.request is not None:
        request = upload.request
        reason = upload.reason or request_reason(request)
        return import_request_doc(args, request, reason=reason, heading=True,
                                  fields=shown(args, request_fields(request, tz, calendar)))
    raise CommandFailed(f"{name}: {NOTHING}")
