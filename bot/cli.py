"""`tdc-bot`: the command line. Each subcommand lives in bot/commands/ and registers itself."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from bot.config import ConfigError, load_settings
from bot.failures import Hints, explain
from bot.redact import install_hooks, redact
from domain.errors import DomainError, NotFound

COMMAND_MODULES = (
    "db", "run", "demo", "units", "invite", "meeting", "parse_time", "import_any", "import_plan", "import_meeting",
    "export", "reminders", "member", "person", "audit", "deadline",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tdc-bot",
        description="Trợ lý TĐC: chat assistant for standards, metrology and quality work.",
    )
    parser.add_argument("--config", help="path to config.toml (default: $TDC_CONFIG or ./config.toml)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"bot.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bot.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


CLI_MESSAGES = {
    "time_text": "cannot read the time {text!r}: {hint}",
    "csv_header": "the CSV header must be: {expected}",
    "csv_row": "CSV line {line}: {problem}",
    "role": "unknown role {role!r} (use one of: {allowed})",
    "plan_exists": "this plan is already imported as plan {id}",
    "meeting_exists": "this meeting is already imported as meeting {id}",
    "bad_join_url": "the join link must start with https:// (or http://) and have no spaces",
    "meeting_cancelled": "this meeting is cancelled and cannot be changed",
    "meeting_times": "the end must be after the start",
    "invite_not_open": "invite {id} cannot be used any more (used up, expired or already revoked)",
    "phone_format": "not a phone number: use 10 digits starting with 0, or +84 and 9 digits",
    "person_needs_key": "name the person with --member ID or --phone PHONE",
    "open_never": "this meeting has no public registration link to close",
    "open_cap_bad": "--cap must be 1 or more",
    "merge_same": "a unit cannot be merged into itself",
    "merge_not_self_registered": "only a self-registered enterprise can be merged (the first number)",
    "merge_into_self_registered": "the second number must be a directory unit, not a self-registered one",
    "merge_both_registered": "both units registered for meeting {meeting}: withdraw one registration first",
    "migration_busy": "một lệnh `db upgrade` khác vẫn giữ khóa sau {waited_s} giây; chạy lại khi nó xong "
                      "(another migration still holds the lock)",
}


def describe(err: DomainError) -> str:
    """One line for a refused command: a sentence where we have one, the code and values otherwise."""
    template = CLI_MESSAGES.get(err.code)
    if template is not None:
        try:
            return f"{err.code}: " + template.format(**err.params)
        except (KeyError, IndexError):
            pass
    details = ", ".join(f"{k}={v}" for k, v in err.params.items())
    return f"{err.code}" + (f" ({details})" if details else "")


def _hints(args: argparse.Namespace) -> Hints:
    """What a start-up failure's line names (the token's variable, the Bot API), from the config if
    it loads; the defaults otherwise."""
    try:
        telegram = load_settings(getattr(args, "config", None)).telegram
    except (ConfigError, OSError, ValueError):
        return Hints()
    return Hints(token_env=telegram.token_env, base_url=telegram.base_url)


def _say(line: str) -> None:
    print(f"tdc-bot: {redact(line)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    # Uncaught exceptions, warnings and the last-resort log handler print redacted from here on.
    install_hooks()
    # pypdf reports recoverable damage as warnings on stderr; our own one-line error says it better.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ConfigError as err:
        _say(str(err))
        return 2
    except NotFound as err:
        what = err.params.get("name", "")
        suggestions = err.params.get("suggestions")
        hint = ", ".join(str(s) for s in suggestions) if isinstance(suggestions, list) else ""
        _say(f"no such {err.code if err.code != 'not_found' else 'item'}: {what}"
             + (f" (closest: {hint})" if hint else ""))
        return 2
    except DomainError as err:
        _say(describe(err))
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        # A failure a person can act on (token refused, API unreachable, …) is one line; anything
        # else is a bug and keeps its traceback, which the installed hook prints redacted.
        line = explain(exc, _hints(args))
        if line is None:
            raise
        _say(line)
        return 1


if __name__ == "__main__":
    sys.exit(main())
