"""A thin client for the Zalo Bot API: six calls over httpx, and errors sorted by what they mean.

Why not python-zalo-bot (the SDK Zalo's docs point to, 0.1.9): it is a trimmed fork of
python-telegram-bot in which setWebhook, deleteWebhook and getWebhookInfo call asyncio.run()
(so they fail inside a running event loop), Bot.initialize puts the token into the text of the
exception it raises, the package ships no type information, dates come out naive, and a 429 or
a read timeout is not told apart from other network errors. The API is six POSTs of JSON.

What matters for sending is whether a failed call may have reached Zalo:
- ZaloNotSent: it certainly did not (connection refused, connect or pool timeout): retry freely;
- ZaloUncertain: the request went out and no answer came (read timeout, connection dropped):
  the message may have arrived, so a send is never repeated blindly;
- ZaloApiError: Zalo answered with an error code (400, 401, 403, 404, 408, 429, 5xx).
The token is part of every URL (/bot<TOKEN>/method): nothing here logs a URL, and no exception
raised here carries one.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com"
TEXT_LIMIT = 2000  # sendMessage takes 1–2,000 characters
RETRY_STATUSES = frozenset({500, 502, 503, 504})


class ZaloError(Exception):
    """Any failure of a Zalo Bot API call (the message names the method, never the URL)."""


class ZaloNotSent(ZaloError):
    """The request never reached Zalo: safe to send again."""


class ZaloUncertain(ZaloError):
    """The request went out and no answer came back: it may have been carried out."""


class ZaloApiError(ZaloError):
    """Zalo answered with an error: `code` is its error_code (or the HTTP status)."""

    def __init__(self, method: str, code: int, description: str, retry_after: float | None = None) -> None:
        super().__init__(f"{method}: {code} {description}".strip())
        self.method, self.code, self.description, self.retry_after = method, code, description, retry_after


Sleep = Callable[[float], Awaitable[None]]


class ZaloClient:
    """One httpx connection pool for one bot; `await aclose()` at the end."""

    def __init__(self, token: str, *, base_url: str = DEFAULT_BASE_URL, connect_timeout: float = 5.0,
                 read_timeout: float = 10.0, attempts: int = 3, max_pause: float = 5.0,
                 sleep: Sleep = asyncio.sleep) -> None:
        self._prefix = f"{base_url.rstrip('/')}/bot{token}/"
        self.bot_id = token.split(":", 1)[0]  # the bot's number, not secret (the part after ':' is)
        self._read_timeout = read_timeout
        self.attempts, self.max_pause, self._sleep = attempts, max_pause, sleep
        timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout, write=connect_timeout, pool=connect_timeout)
        self._http = httpx.AsyncClient(timeout=timeout, limits=httpx.Limits(max_connections=20))

    async def aclose(self) -> None:
        await self._http.aclose()

    async def call(self, method: str, params: dict[str, Any] | None = None, *, idempotent: bool = False,
                   read_timeout: float | None = None, attempts: int | None = None) -> Any:
        """POST one method and return its `result`.

        Calls that never reached Zalo, 5xx answers and short 429 pauses are tried again up to
        `attempts` times. A read timeout is tried again only for `idempotent` calls (getMe,
        setWebhook …); for a send it raises ZaloUncertain at once.
        """
        tries = attempts or self.attempts
        for attempt in range(1, tries + 1):
            last = attempt == tries
            try:
                return await self._once(method, params or {}, read_timeout)
            except ZaloNotSent:
                if last:
                    raise
                await self._sleep(self._backoff(attempt))
            except ZaloUncertain:
                if not idempotent or last:
                    raise
            except ZaloApiError as err:
                if last:
                    raise
                if err.code in RETRY_STATUSES:
                    await self._sleep(self._backoff(attempt))
                elif err.code == 429 and (err.retry_after or 0) <= self.max_pause:
                    await self._sleep(err.retry_after or self._backoff(attempt))
                else:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _backoff(attempt: int) -> float:
        return float(min(0.5 * 2 ** (attempt - 1), 4.0))

    async def _once(self, method: str, params: dict[str, Any], read_timeout: float | None) -> Any:
        timeout = None
        if read_timeout is not None:
            timeout = httpx.Timeout(self._http.timeout.connect, read=read_timeout, write=self._http.timeout.write,
                                    pool=self._http.timeout.pool)
        try:
            if timeout is None:
                response = await self._http.post(self._prefix + method, json=params)
            else:
                response = await self._http.post(self._prefix + method, json=params, timeout=timeout)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.WriteTimeout,
                httpx.UnsupportedProtocol) as exc:
            raise ZaloNotSent(f"{method}: {type(exc).__name__}") from None
        except (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError) as exc:
            raise ZaloUncertain(f"{method}: {type(exc).__name__}") from None
        except httpx.HTTPError as exc:
            raise ZaloUncertain(f"{method}: {type(exc).__name__}") from None
        return _result(method, response)

    # ---- the methods ----------------------------------------------------------------------------

    async def get_me(self) -> dict[str, Any]:
        return dict(await self.call("getMe", idempotent=True))

    async def get_updates(self, timeout: int = 30) -> list[dict[str, Any]]:
        """Long poll (development only): one update, or none when Zalo answers 408."""
        try:
            result = await self.call("getUpdates", {"timeout": str(timeout)}, idempotent=True,
                                     read_timeout=timeout + self._read_timeout, attempts=1)
        except ZaloApiError as err:
            if err.code == 408:
                return []
            raise
        if not result:
            return []
        return [u for u in (result if isinstance(result, list) else [result]) if isinstance(u, dict)]

    async def set_webhook(self, url: str, secret_token: str) -> None:
        await self.call("setWebhook", {"url": url, "secret_token": secret_token}, idempotent=True)

    async def delete_webhook(self) -> None:
        await self.call("deleteWebhook", idempotent=True)

    async def get_webhook_info(self) -> dict[str, Any]:
        return dict(await self.call("getWebhookInfo", idempotent=True) or {})

    async def send_message(self, chat_id: str, text: str, *, attempts: int | None = None) -> dict[str, Any]:
        """Send one text of at most 2,000 characters (split longer ones first)."""
        if not 1 <= len(text) <= TEXT_LIMIT:
            raise ValueError(f"a Zalo message has 1–{TEXT_LIMIT} characters, not {len(text)}")
        result = await self.call("sendMessage", {"chat_id": chat_id, "text": text}, attempts=attempts)
        return dict(result or {})

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        await self.call("sendChatAction", {"chat_id": chat_id, "action": action}, attempts=1)


def _result(method: str, response: httpx.Response) -> Any:
    """The `result` of a Zalo answer, or ZaloApiError from its error_code (or its HTTP status)."""
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        if response.status_code >= 500:
            raise ZaloApiError(method, response.status_code, "not a JSON answer")
        if response.is_success:
            raise ZaloUncertain(f"{method}: not a JSON answer")
        raise ZaloApiError(method, response.status_code, "not a JSON answer")
    if body.get("ok") is True and response.is_success:
        return body.get("result")
    code = body.get("error_code") or response.status_code
    parameters = body.get("parameters") if isinstance(body.get("parameters"), dict) else {}
    retry_after = parameters.get("retry_after") if parameters else None
    try:
        code = int(code)
    except (TypeError, ValueError):
        code = response.status_code
    if retry_after is None and response.headers.get("Retry-After", "").isdecimal():
        retry_after = int(response.headers["Retry-After"])
    raise ZaloApiError(method, code, str(body.get("description") or "")[:200],
                       float(retry_after) if isinstance(retry_after, int | float) else None)
