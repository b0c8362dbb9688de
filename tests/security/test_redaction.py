"""Every road by which a secret could reach a log or the terminal: records whole, tracebacks,
stacks, asyncio's handler, warnings, uncaught exceptions in any thread, and the failure lines."""

from __future__ import annotations

import asyncio
import errno
import io
import logging
import socket
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest
from telegram.error import Conflict, InvalidToken, NetworkError

from bot.failures import Hints, StartupFailureFilter, explain
from bot.redact import RedactingFilter, looks_secret, protect_handler, redact, register_secret
from tests.security.conftest import WRONG_TOKEN

SECRET_HALF = WRONG_TOKEN.split(":", 1)[1]


@pytest.fixture
def root_output() -> Iterator[io.StringIO]:
    """What a protected handler on the root logger writes, as production's stderr handler would."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    protect_handler(handler)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def _refused() -> InvalidToken:
    try:
        try:
            raise InvalidToken("Unauthorized")
        except InvalidToken as inner:
            raise InvalidToken(f"The token `{WRONG_TOKEN}` was rejected by the server.") from inner
    except InvalidToken as outer:
        return outer


def test_the_traceback_and_stack_of_a_record_are_redacted(root_output: io.StringIO) -> None:
    logging.getLogger("telegram.ext").error("failed with %s", WRONG_TOKEN, exc_info=_refused(), stack_info=True)
    text = root_output.getvalue()
    assert "Traceback" in text and "was rejected by the server" in text and "Stack (most recent call last)" in text
    assert WRONG_TOKEN not in text and SECRET_HALF not in text
    assert text.count("<token>") >= 2


def test_the_filter_alone_protects_a_handler_with_someone_elses_formatter() -> None:
    """pytest's or a deployment's handler formats the record itself: the parts must be clean already."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "token %s", (WRONG_TOKEN,), None)
    record.exc_info = (InvalidToken, _refused(), _refused().__traceback__)
    record.stack_info = f"Stack:\n  bot{WRONG_TOKEN}"
    handler.handle(record)
    assert stream.getvalue() and WRONG_TOKEN not in stream.getvalue() and SECRET_HALF not in stream.getvalue()


async def test_asyncio_s_exception_handler_goes_through_the_redacting_handlers(root_output: io.StringIO) -> None:
    loop = asyncio.get_running_loop()
    loop.call_exception_handler({"message": f"Task exception was never retrieved {WRONG_TOKEN}",
                                 "exception": _refused()})
    text = root_output.getvalue()
    assert "Task exception was never retrieved" in text and "Traceback" in text
    assert WRONG_TOKEN not in text and SECRET_HALF not in text


@pytest.mark.parametrize("secret", [
    "Q2xZr7TnW9pLs3eYh6uBc8dMf1JqXk4vAG",  # mixed case and digits: an API key, an invite code
    "7e5d6e730e7dae87d560a2cee218b852f6498c8be61966f3cd02ead971e48d14",  # hex: a hash or hex key
    "3f2b1c9e-8d7a-4b6c-9e5f-1a2b3c4d5e6f",  # a UUID
])
def test_long_secret_looking_values_are_blanked(secret: str) -> None:
    assert looks_secret(secret) and redact(f"key={secret}; ok") == "key=<secret>; ok"


def test_registered_secrets_of_any_shape_and_long_secret_looking_values_are_blanked() -> None:
    odd = "zalo-Secret.With.Dots!42"  # not token-shaped, not long: only registration catches it
    register_secret(odd)
    text = redact(f"GET /v1/{odd}/send?key=%s and bot{WRONG_TOKEN}/getMe" % "Q2xZr7TnW9pLs3eYh6uBc8dMf1JqXk4vAG")
    assert odd not in text and "Q2xZr7TnW9pLs3eYh6uBc8dMf1JqXk4vAG" not in text and SECRET_HALF not in text
    assert redact("zalo-Secret.With.Dots%2142 ok").startswith("<secret>")  # the percent-encoded form too


@pytest.mark.parametrize("ordinary", [
    "meeting 12 has 34 attendees",
    'File "/work/wt/secrets/.venv/lib/python3.11/site-packages/telegram/_bot.py", line 865, in initialize',
    "set the environment variable TDC_TELEGRAM_WEBHOOK_SECRET",
    "Hội nghị trực tuyến triển khai Chỉ thị số 38/CT-TTg ngày 26/5/2026",
    "Running upgrade 0004_reminders -> 0005_reminder_outbox_claims_and_leases",
    "test_an_edited_name_is_not_read_and_the_officer_is_told_what_to_do",
])
def test_ordinary_text_is_left_alone(ordinary: str) -> None:
    assert redact(ordinary) == ordinary and not looks_secret(ordinary)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("where", ["main thread", "other thread", "warning"])
def test_what_python_itself_prints_is_redacted(where: str) -> None:
    raise_it = f"raise RuntimeError('rejected: {WRONG_TOKEN}')"
    body = {
        "main thread": raise_it,
        "other thread": (f"import threading\ndef f():\n    {raise_it}\n"
                         "t = threading.Thread(target=f)\nt.start()\nt.join()"),
        "warning": f"import warnings\nwarnings.warn('rejected: {WRONG_TOKEN}')",
    }[where]
    result = _python(f"from bot.redact import install_hooks\ninstall_hooks()\n{body}\n")
    assert "rejected: <token>" in result.stderr, result.stderr
    assert WRONG_TOKEN not in result.stderr and SECRET_HALF not in result.stderr
    if where != "warning":
        assert "Traceback" in result.stderr  # a bug keeps its traceback, only redacted


def _chained(outer: BaseException, *causes: BaseException) -> BaseException:
    """`outer` raised from causes[0], raised from causes[1], …: a real chain, as libraries build it."""
    for inner, cause in zip([outer, *causes], causes, strict=False):
        inner.__cause__ = cause
    return outer


def test_failures_a_person_can_act_on_are_named_in_one_line() -> None:
    hints = Hints(token_env="MY_TOKEN", base_url="http://bot-api.example.internal:8081/bot")
    dns = _chained(NetworkError("httpx.ConnectError: [Errno -2] Name or service not known"),
                   httpx.ConnectError("[Errno -2] Name or service not known"),
                   socket.gaierror(-2, "Name or service not known"))
    lines = {
        "token": explain(_refused(), hints),
        "dns": explain(dns, hints),
        "other network": explain(NetworkError("httpx.RemoteProtocolError: Server disconnected"), hints),
        "conflict": explain(Conflict("terminated by other getUpdates request"), hints),
        "port": explain(OSError(errno.EADDRINUSE, "Address already in use"), hints),
    }
    assert "(InvalidToken)" in str(lines["token"]) and "MY_TOKEN" in str(lines["token"])
    assert "không tìm thấy máy chủ Telegram Bot API bot-api.example.internal:8081 (DNS" in str(lines["dns"])
    assert "(NetworkError: httpx.RemoteProtocolError: Server disconnected)" in str(lines["other network"])
    assert "(Conflict)" in str(lines["conflict"])
    assert "(Address already in use)" in str(lines["port"]) and "webhook_port" in str(lines["port"])
    assert all(line is not None and "\n" not in line and line.startswith("Lỗi: ") for line in lines.values())
    assert explain(ValueError("a bug")) is None  # a bug keeps its traceback


def test_ptb_s_repeat_of_a_start_up_failure_is_dropped_and_other_records_kept() -> None:
    keep = StartupFailureFilter()

    def record(message: str, exc: BaseException | None, name: str = "telegram.ext") -> logging.LogRecord:
        exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else None
        return logging.LogRecord(name, logging.ERROR, __file__, 1, message, None, exc_info)

    bootstrap = "Network Retry Loop (Bootstrap Initialize Application): Invalid token. Aborting retry loop."
    assert not keep.filter(record(bootstrap, _refused()))
    assert keep.filter(record(bootstrap, ValueError("a bug")))  # not one we explain: keep the traceback
    assert keep.filter(record("Network Retry Loop (Polling Updates): error", NetworkError("x")))
    assert keep.filter(record(bootstrap, _refused(), name="bot.channels.telegram"))
