"""Start-up failures in one line: what went wrong, in Vietnamese, with the cause named in brackets.

`tdc-bot` turns the exceptions a person can act on (Telegram refused the token, the Bot API is
unreachable or silent, the webhook port is taken, the database cannot be reached or has no
tables) into one line and a non-zero exit code instead of a traceback. Anything else is a bug
and keeps its traceback, redacted like every other output.

Library modules are looked up in `sys.modules` rather than imported: an exception of a library
that was never imported cannot be in hand, and the command line stays quick to start.
"""

from __future__ import annotations

import errno
import logging
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_API = "api.telegram.org"
_DNS_WORDS = ("name or service not known", "temporary failure in name resolution", "nodename nor servname",
              "getaddrinfo failed", "no address associated with hostname")


@dataclass(frozen=True)
class Hints:
    """What the messages name: the token's environment variable and the Bot API address."""

    token_env: str = "TDC_TELEGRAM_TOKEN"
    base_url: str = ""

    @property
    def api(self) -> str:
        return urlsplit(self.base_url).netloc or DEFAULT_API


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it was raised from or during, outermost first, each once."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _module_class(module: str, name: str) -> type[BaseException] | None:
    found = getattr(sys.modules.get(module), name, None)
    return found if isinstance(found, type) and issubclass(found, BaseException) else None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].strip() if text else type(exc).__name__


def _network_cause(exc: BaseException) -> str | None:
    """'dns' or 'refused' when the chain says so, else None."""
    for err in _chain(exc):
        text = str(err).lower()
        if isinstance(err, socket.gaierror) or any(word in text for word in _DNS_WORDS):
            return "dns"
        if isinstance(err, ConnectionRefusedError) or getattr(err, "errno", None) == errno.ECONNREFUSED \
                or "connection refused" in text:
            return "refused"
    return None


def _telegram(exc: BaseException, hints: Hints) -> str | None:
    invalid = _module_class("telegram.error", "InvalidToken")
    if invalid is None:
        return None
    conflict = _module_class("telegram.error", "Conflict")
    timed_out = _module_class("telegram.error", "TimedOut")
    network = _module_class("telegram.error", "NetworkError")
    telegram_error = _module_class("telegram.error", "TelegramError")
    env, api = hints.token_env, hints.api
    if isinstance(exc, invalid):
        return (f"Lỗi: Telegram từ chối token trong {env} (InvalidToken): token sai hoặc đã bị thu hồi. "
                f"Lấy token mới từ @BotFather, đặt vào biến môi trường {env} rồi chạy lại.")
    if conflict is not None and isinstance(exc, conflict):
        return ("Lỗi: Telegram báo xung đột (Conflict): một tiến trình khác đang nhận cập nhật bằng token này. "
                "Dừng tiến trình kia rồi chạy lại.")
    if timed_out is not None and isinstance(exc, timed_out):
        return (f"Lỗi: máy chủ Telegram Bot API {api} không trả lời kịp (TimedOut). "
                "Kiểm tra mạng và base_url trong [telegram] rồi chạy lại.")
    if network is not None and isinstance(exc, network):
        cause = _network_cause(exc)
        if cause == "dns":
            return (f"Lỗi: không tìm thấy máy chủ Telegram Bot API {api} (DNS: tên máy không phân giải được). "
                    "Kiểm tra base_url trong [telegram] và mạng.")
        if cause == "refused":
            return (f"Lỗi: máy chủ Telegram Bot API {api} từ chối kết nối (connection refused). "
                    "Kiểm tra base_url trong [telegram] và máy chủ Bot API.")
        return (f"Lỗi: không kết nối được máy chủ Telegram Bot API {api} (NetworkError: {_first_line(exc)}). "
                "Kiểm tra mạng và base_url trong [telegram].")
    if telegram_error is not None and isinstance(exc, telegram_error):
        return f"Lỗi: Telegram trả lời lỗi khi khởi động ({type(exc).__name__}: {_first_line(exc)})."
    return None


def _database(exc: BaseException) -> str | None:
    operational = _module_class("sqlalchemy.exc", "OperationalError")
    programming = _module_class("sqlalchemy.exc", "ProgrammingError")
    known = tuple(c for c in (operational, programming) if c is not None)
    if not known or not isinstance(exc, known):
        return None
    orig = getattr(exc, "orig", None) or exc
    detail = _first_line(orig)
    kind = type(orig).__name__
    if "no such table" in detail or kind == "UndefinedTable":
        return (f"Lỗi: cơ sở dữ liệu chưa có bảng ({kind}: {detail}). "
                "Chạy `tdc-bot db upgrade` trước rồi chạy lại.")
    if "database is locked" in detail:
        return (f"Lỗi: cơ sở dữ liệu đang bị một tiến trình khác giữ khóa ghi ({kind}: {detail}). "
                "Chờ tiến trình kia xong rồi chạy lại.")
    if operational is not None and isinstance(exc, operational):
        return (f"Lỗi: không dùng được cơ sở dữ liệu ({kind}: {detail}). "
                "Kiểm tra [database] url trong tệp cấu hình hoặc biến TDC_DATABASE_URL.")
    return None


def _system(exc: BaseException) -> str | None:
    if isinstance(exc, OSError) and exc.errno == errno.EADDRINUSE:
        return ("Lỗi: cổng nhận webhook đã có tiến trình khác dùng (Address already in use). "
                "Đổi webhook_port trong [telegram] hoặc dừng tiến trình kia.")
    return None


def explain(exc: BaseException, hints: Hints | None = None) -> str | None:
    """One line for a failure a person can act on, or None for anything else (a bug)."""
    hints = hints or Hints()
    for err in _chain(exc):
        line = _telegram(err, hints) or _database(err) or _system(err)
        if line:
            return line
    return None


class StartupFailureFilter(logging.Filter):
    """Drop PTB's traceback of a start-up step that failed for a reason `explain` knows.

    PTB logs the failed bootstrap (initialize, delete/set webhook) with its traceback and then
    raises; the command line says the same in one line, so the log record would only repeat it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not (record.exc_info and record.exc_info[1] is not None and record.name.startswith("telegram")):
            return True
        return not ("Bootstrap" in record.getMessage() and explain(record.exc_info[1]) is not None)
