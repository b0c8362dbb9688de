"""`tdc-bot parse-time TEXT [--ref …] [--year …]` and `tdc-bot parse-time --batch`.

Prints what the time-expression parser reads, as the contract's JSON object: for checking
a phrase by hand, and (with --batch) for other programs, one JSON line in, one out, without
restarting. The parser is imported inside `run`: the command line imports every command
module at start and must stay quick.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import IO, Any

_REF_HELP = "'now' as YYYY-MM-DDTHH:MM, local time in Asia/Ho_Chi_Minh (default: the current time)"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "parse-time",
        help="read a Vietnamese time expression (\"14h00, thứ Năm ngày 28/5/2026\") as JSON",
        description="Print one JSON object: kind, start, end (exclusive), and for relative spans "
        "offset_days, anchor, working_days. With --batch, read JSON lines {\"text\", \"ref\", \"year\"} "
        "from stdin and answer each with one line.",
    )
    p.add_argument("text", nargs="?", help="the phrase or sentence to read")
    p.add_argument("--ref", help=_REF_HELP)
    p.add_argument("--year", type=int, help="the document's year, for dates written without one")
    p.add_argument("--batch", action="store_true", help="read JSON lines from stdin, write one per line")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.batch:
        if args.text is not None:
            print("tdc-bot parse-time: give TEXT or --batch, not both", file=sys.stderr)
            return 2
        return _batch(sys.stdin.buffer, sys.stdout)
    if args.text is None:
        print("tdc-bot parse-time: TEXT is required (or use --batch)", file=sys.stderr)
        return 2
    try:
        ref = _parse_ref(args.ref)
    except ValueError as exc:
        print(f"tdc-bot parse-time: --ref: {exc}", file=sys.stderr)
        return 2
    from domain.timeexpr import parse_time

    _write(sys.stdout, parse_time(args.text, ref, args.year).to_json())
    return 0


def _parse_ref(value: str | None) -> datetime:
    """--ref as an ISO local date-time; an offset ("+07:00", "Z") is converted by the parser."""
    if value is None:
        from domain.timeexpr.parser import LOCAL

        return datetime.now(LOCAL).replace(tzinfo=None)
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"bad ref {value!r}: expected YYYY-MM-DDTHH:MM") from None


def answer(line: str) -> dict[str, Any]:
    """One batch line's answer; a malformed line gets an "unknown" with an "error"."""
    from domain.timeexpr import parse_time

    try:
        if not line.strip():
            raise ValueError("empty line")
        item = json.loads(line)
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ValueError('expected an object with a string "text"')
        ref = item.get("ref")
        if ref is not None and not isinstance(ref, str):
            raise ValueError('"ref" must be a string YYYY-MM-DDTHH:MM or null')
        year = item.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise ValueError('"year" must be an integer or null')
        when = _parse_ref(ref)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        return {"kind": "unknown", "start": None, "end": None, "error": str(exc)}
    return parse_time(item["text"], when, year).to_json()


def _batch(stdin: IO[bytes], stdout: IO[str]) -> int:
    """Answer each input line in order, flushing each, so a caller can talk to one process."""
    for raw in iter(stdin.readline, b""):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            _write(stdout, {"kind": "unknown", "start": None, "end": None, "error": f"not UTF-8: {exc}"})
            continue
        _write(stdout, answer(line))
    return 0


def _write(stdout: IO[str], obj: dict[str, Any]) -> None:
    try:
        stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    except UnicodeEncodeError:  # a terminal that cannot show Vietnamese, or a lone surrogate
        stdout.write(json.dumps(obj) + "\n")
    stdout.flush()
