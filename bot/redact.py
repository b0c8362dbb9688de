"""Secrets out of everything the process prints: log records whole, tracebacks, error lines.

A bot token reaches text by many roads: httpx logs request URLs (the token is in the path),
PTB puts it in the message of `InvalidToken`, and a traceback repeats both. Rewriting only a
record's message is not enough, so the whole formatted output is redacted (message, traceback,
stack), and so are the uncaught-exception hooks and the command line's error lines.

Three kinds of value are blanked: anything shaped like a Telegram bot token, the exact values
of the secrets this process read from its environment (whatever their shape), and, generically,
long random-looking runs of letters and digits (an API key, a webhook secret, an invite code).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
import warnings
from collections.abc import Iterable
from types import TracebackType
from typing import Any, TextIO
from urllib.parse import quote

# Telegram's tokens are <5–12 digits>:<35 characters>; Zalo's are <bot number>:<secret>, with
# 19-digit numbers and 64-letter secrets seen in public (its docs only say "12345689:abc-xyz").
# One pattern covers both; the colon may come percent-encoded (httpx logs /file/bot<id>%3A<secret>).
TELEGRAM_TOKEN = re.compile(r"(?:bot)?\d{5,25}(?::|%3A)[A-Za-z0-9_.~-]{16,}", re.IGNORECASE)
# Whatever its shape, a token sits in the Bot API path /bot<TOKEN>/method of both platforms.
_TOKEN_IN_PATH = re.compile(r"/bot[^/\s\"']{8,}/")
# A run of 32+ URL-safe characters (words, paths and names break at dots, slashes and spaces) is a
# secret when it mixes upper case, lower case and digits (tokens, keys, invite codes) or is hex
# with letters and digits (hashes, hex keys, UUIDs); a long snake_case name with a number is not.
_RUN = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])")
_HEX = re.compile(r"^(?=.*\d)(?=.*[a-fA-F])[0-9a-fA-F-]+$")
TOKEN_MARK, SECRET_MARK = "<token>", "<secret>"
_MIN_KNOWN = 8  # shorter "secrets" would blank ordinary words

_known: set[str] = set()


def register_secret(value: str) -> None:
    """Blank this exact value (and its percent-encoded form) wherever it appears from now on."""
    value = value.strip()
    if len(value) >= _MIN_KNOWN:
        _known.update({value, quote(value, safe="")})


def _secret_run(run: str) -> bool:
    mixed = any(c.islower() for c in run) and any(c.isupper() for c in run) and any(c.isdigit() for c in run)
    return mixed or bool(_HEX.match(run))


def _blank_runs(text: str) -> str:
    return _RUN.sub(lambda m: SECRET_MARK if _secret_run(m.group()) else m.group(), text)


def looks_secret(value: str) -> bool:
    """True for a token-shaped or long random-looking value: one that must never be echoed."""
    return bool(TELEGRAM_TOKEN.search(value)) or any(_secret_run(m.group()) for m in _RUN.finditer(value))


def redact(text: str) -> str:
    """The text with every token, registered secret and long secret-looking value blanked."""
    if not text:
        return text
    for secret in sorted(_known, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, SECRET_MARK)
    text = _TOKEN_IN_PATH.sub(f"/{TOKEN_MARK}/", text)
    text = TELEGRAM_TOKEN.sub(TOKEN_MARK, text)
    return _blank_runs(text)


class RedactingFilter(logging.Filter):
    """Rewrite every part of a record in place: message, traceback text and stack.

    A filter on a handler runs before any formatter, so a formatter that is not ours (pytest's,
    a deployment's) still formats the redacted parts.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class RedactingFormatter(logging.Formatter):
    """A formatter whose whole output is redacted: the sure way, whatever the parts held."""

    def __init__(self, inner: logging.Formatter | None = None) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()  # what a handler without a formatter prints

    def format(self, record: logging.LogRecord) -> str:
        return redact(self.inner.format(record))


def protect_handler(handler: logging.Handler) -> None:
    """Install the filter and the redacting formatter on `handler`, once."""
    if not any(isinstance(f, RedactingFilter) for f in handler.filters):
        handler.addFilter(RedactingFilter())
    if not isinstance(handler.formatter, RedactingFormatter):
        handler.setFormatter(RedactingFormatter(handler.formatter))


def protect_handlers(handlers: Iterable[logging.Handler]) -> None:
    for handler in handlers:
        protect_handler(handler)


def _print_redacted(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                    stream: TextIO | None = None) -> None:
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    print(redact(text), end="", file=stream or sys.stderr, flush=True)


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    _print_redacted(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    thread = args.thread.name if args.thread is not None else "?"
    print(f"Exception in thread {thread}:", file=sys.stderr)
    _print_redacted(args.exc_type, args.exc_value, args.exc_traceback)


def _unraisablehook(unraisable: Any) -> None:
    where = f"{unraisable.err_msg or 'Exception ignored in'}: {unraisable.object!r}"
    print(redact(where), file=sys.stderr)
    if unraisable.exc_value is not None:
        _print_redacted(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback)


def _showwarning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                 file: TextIO | None = None, line: str | None = None) -> None:
    text = warnings.formatwarning(message, category, filename, lineno, line)
    try:
        print(redact(text), end="", file=file or sys.stderr)
    except OSError:  # what warnings' own printer does when stderr is gone
        pass


def install_hooks() -> None:
    """Redact what Python itself prints: uncaught exceptions (main thread and others), exceptions
    ignored in finalizers, warnings, and the last-resort handler used when logging has none."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    sys.unraisablehook = _unraisablehook
    warnings.showwarning = _showwarning
    if logging.lastResort is not None:  # prints WARNING and above when no handler is configured
        protect_handler(logging.lastResort)
