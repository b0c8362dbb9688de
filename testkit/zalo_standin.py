"""A local Zalo Bot API over real HTTP, so our Zalo channel can be tested offline.

It follows the shapes of Zalo's documentation: POST /bot<TOKEN>/<method> with a JSON body;
answers `{ok, result}` or `{ok: false, error_code, description}`; getUpdates hands out ONE
update at a time and answers 408 when none came within `timeout`, and is refused while a
webhook is set; setWebhook takes a secret of 8–256 characters, which pushes then carry in
X-Bot-Api-Secret-Token; sendMessage refuses an empty text or one over 2,000 characters.

Tests queue events for polling (`queue`), push them to our webhook (`push`, wrapped in
{ok, result} or bare), read what the bot sent (`sent`, `sent_to`, `wait_for_sent`), and make
the next calls of a method fail the way Zalo or a network fails (`fail_next`). Served by
tornado, which python-telegram-bot's webhooks extra installs.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import socket
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

import httpx
import tornado.httpserver
import tornado.iostream
import tornado.netutil
import tornado.web

from testkit.standin_base import StandinBase

TOKEN = "3141592653589793238:" + "Zk" * 32  # shaped like a Zalo token (number, colon, secret), fake
FAULTS = ("429", "403", "400", "500", "timeout", "drop")
SECRET_HEADER = "X-Bot-Api-Secret-Token"
TEXT_LIMIT = 2000
EVENT_NAMES = {"text": "message.text.received", "image": "message.image.received",
               "sticker": "message.sticker.received", "unsupported": "message.unsupported.received"}


class ZaloApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


class _Drop(Exception):
    """Close the connection without an answer."""


@dataclass
class Sent:
    """A message the bot sent."""

    method: str
    chat_id: str
    message_id: str
    text: str = ""


@dataclass
class Call:
    method: str
    params: dict[str, Any]


class ZaloStandin(StandinBase):
    """The fake Zalo server; `await start()` before use, `await stop()` after.

    `http_errors`: answer an error with its code as the HTTP status too (True), or with HTTP 200
    and ok=false (False): Zalo's documentation shows the body, not the status, so our client
    must read both.
    """

    def __init__(self, token: str = TOKEN, *, http_errors: bool = True) -> None:
        self.token, self.http_errors = token, http_errors
        self.bot_id = token.split(":", 1)[0]
        self.timeout_hold = 1.0  # a "timeout" fault answers this late (tests give the client less)
        self.calls: list[Call] = []
        self.sent: list[Sent] = []
        self.webhook: dict[str, str] = {}
        self.port = 0
        self._updates: deque[dict[str, Any]] = deque()
        self._faults: dict[str, deque[tuple[str | None, int | None]]] = defaultdict(deque)
        self._ids = itertools.count(1)
        super().__init__()
        self._closing = asyncio.Event()
        self._server: tornado.httpserver.HTTPServer | None = None
        self._http = httpx.AsyncClient(timeout=10)

    # ---- life cycle -----------------------------------------------------------------------------

    async def start(self) -> None:
        app = tornado.web.Application([(r"/bot([^/]*)/([A-Za-z]+)", _ApiHandler, {"standin": self})],
                                      log_function=lambda _handler: None)
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1", family=socket.AF_INET)
        self.port = sockets[0].getsockname()[1]
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        self._closing.set()
        self._notify()
        await self._http.aclose()
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ---- events, as Zalo would send them ---------------------------------------------------------

    def event(self, user_id: str, text: str | None = None, *, kind: str = "text", chat_id: str | None = None,
              name: str = "Nguyễn Thị Lan", group: bool = False, message_id: str | None = None,
              from_bot: bool = False) -> dict[str, Any]:
        """An event body `{event_name, message}`: hex ids, the date in milliseconds."""
        message: dict[str, Any] = {
            "from": {"id": user_id, "display_name": name, "is_bot": from_bot},
            "chat": {"id": chat_id or user_id, "chat_type": "GROUP" if group else "PRIVATE"},
            "message_id": message_id or secrets.token_hex(16),
            "date": int(time.time() * 1000),
        }
        if kind == "text":
            message["text"] = text or ""
        elif kind == "image":
            message["photo_url"], message["caption"] = "https://example.invalid/p.jpg", text or ""
        elif kind == "sticker":
            message["sticker"], message["url"] = "d063f44dc80821567819", "https://example.invalid/s.png"
        return {"event_name": EVENT_NAMES[kind], "message": message}

    def queue(self, event: dict[str, Any]) -> dict[str, Any]:
        """Make `event` the next thing getUpdates hands out."""
        self._updates.append(event)
        self._notify()
        return event

    async def push(self, event: dict[str, Any], *, bare: bool = False, secret: str | bool | None = True,
                   url: str | None = None) -> httpx.Response:
        """POST `event` to the webhook as Zalo does: wrapped in {ok, result} (or bare), with the
        registered secret (or `secret` given, or no header for secret=None)."""
        target = url or self.webhook.get("url")
        assert target, "no webhook set"
        headers = {}
        value = self.webhook.get("secret_token") if secret is True else secret
        if isinstance(value, str):
            headers[SECRET_HEADER] = value
        body = event if bare else {"ok": True, "result": event}
        return await self._http.post(target, content=json.dumps(body, ensure_ascii=False).encode(),
                                     headers={"Content-Type": "application/json", **headers})

    def fail_next(self, method: str, kind: str, count: int = 1, *, retry_after: int | None = None,
                  after: int = 0) -> None:
        """After `after` good calls, the next `count` calls of `method` fail: "429" (quota exceeded;
        with `retry_after` in `parameters` if given: Zalo documents none), "403", "400", "500";
        "timeout" (carried out, answered only after `timeout_hold`); "drop" (carried out, the
        connection closed unanswered)."""
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; use one of {FAULTS}")
        self._faults[method.lower()].extend([(None, None)] * after + [(kind, retry_after)] * count)

    # ---- what tests read --------------------------------------------------------------------------

    def sent_to(self, chat_id: str) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id]



    async def wait_for_sent(self, chat_id: str, count: int = 1, timeout: float = 5) -> list[Sent]:
        """Every message `chat_id` has received, once there are at least `count` of them."""
        await self.wait_until(lambda: len(self.sent_to(chat_id)) >= count, timeout, f"{count} messages to {chat_id}")
        return self.sent_to(chat_id)

    # ---- the Bot API ------------------------------------------------------------------------------


    async def call(self, method: str, params: dict[str, Any]) -> Any:
        name = method.lower()
        self.calls.append(Call(method, params))
        fault, retry_after = self._faults[name].popleft() if self._faults.get(name) else (None, None)
        try:
            if fault in _FAULT_ERRORS:
                raise ZaloApiError(*_FAULT_ERRORS[fault], retry_after=retry_after)
            handler = getattr(self, f"_api_{name}", None)
            if handler is None:
                raise ZaloApiError(404, "Not Found")
            result = await handler(params)
        finally:
            self._notify()
        if fault == "timeout":
            try:
                async with asyncio.timeout(self.timeout_hold):
                    await self._closing.wait()
            except TimeoutError:
                pass
        if fault == "drop":
            raise _Drop
        return result

    async def _api_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"id": self.bot_id, "account_name": "bot.TroLyTDC", "account_type": "BASIC", "can_join_groups": False}

    async def _api_getupdates(self, params: dict[str, Any]) -> dict[str, Any]:
        if self.webhook.get("url"):
            raise ZaloApiError(400, "getUpdates is disabled while a webhook is set")
        deadline = asyncio.get_running_loop().time() + float(params.get("timeout") or 0)
        while not self._updates and not self._closing.is_set():
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                break
            try:
                async with asyncio.timeout(left):
                    await self._changed.wait()
            except TimeoutError:
                break
        if not self._updates:
            raise ZaloApiError(408, "Request timeout")
        return self._updates.popleft()  # one update, not a list, and gone once handed out

    async def _api_setwebhook(self, params: dict[str, Any]) -> dict[str, Any]:
        url, secret = str(params.get("url") or ""), str(params.get("secret_token") or "")
        if not url.startswith(("https://", "http://")) or not 8 <= len(secret) <= 256:
            raise ZaloApiError(400, "Bad Request: url or secret_token invalid")
        self.webhook = {"url": url, "secret_token": secret}
        return {"url": url, "updated_at": int(time.time() * 1000)}

    async def _api_deletewebhook(self, params: dict[str, Any]) -> dict[str, Any]:
        self.webhook = {}
        return {"url": "", "updated_at": int(time.time() * 1000)}

    async def _api_getwebhookinfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.webhook.get("url", ""), "updated_at": int(time.time() * 1000)}

    async def _api_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        text, chat_id = params.get("text"), str(params.get("chat_id") or "")
        if not chat_id:
            raise ZaloApiError(400, "Bad Request: chat_id is required")
        if not isinstance(text, str) or not 1 <= len(text) <= TEXT_LIMIT:
            raise ZaloApiError(400, f"Bad Request: text must have 1 to {TEXT_LIMIT} characters")
        return self._record("sendMessage", chat_id, text)

    async def _api_sendphoto(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._record("sendPhoto", str(params.get("chat_id") or ""), str(params.get("caption") or ""))

    async def _api_sendsticker(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._record("sendSticker", str(params.get("chat_id") or ""), str(params.get("sticker") or ""))

    async def _api_sendchataction(self, params: dict[str, Any]) -> bool:
        return True

    def _record(self, method: str, chat_id: str, text: str) -> dict[str, Any]:
        sent = Sent(method, chat_id, secrets.token_hex(16), text)
        self.sent.append(sent)
        return {"message_id": sent.message_id, "date": int(time.time() * 1000)}


_FAULT_ERRORS: dict[str, tuple[int, str]] = {
    "429": (429, "Quota exceeded"),
    "403": (403, "Forbidden: the user has blocked the bot"),
    "400": (400, "Bad Request: injected failure"),
    "500": (500, "Internal Server Error"),
}


class _ApiHandler(tornado.web.RequestHandler):
    """POST /bot<token>/<method>: a JSON body in, {ok, result} or {ok: false, error_code, description} out."""

    def initialize(self, standin: ZaloStandin) -> None:
        self.standin = standin

    async def post(self, token: str, method: str) -> None:
        if token != self.standin.token:
            self._answer(ZaloApiError(401, "Unauthorized"))
            return
        try:
            params = json.loads(self.request.body or b"{}")
        except ValueError:
            self._answer(ZaloApiError(400, "Bad Request: body is not JSON"))
            return
        try:
            result = await self.standin.call(method, params if isinstance(params, dict) else {})
        except ZaloApiError as err:
            self._answer(err)
            return
        except _Drop:
            assert self.request.connection is not None
            stream = getattr(self.request.connection, "stream", None)
            if isinstance(stream, tornado.iostream.IOStream):
                stream.close()
            return
        self._answer(result)

    def _answer(self, result: Any) -> None:
        if isinstance(result, ZaloApiError):
            if self.standin.http_errors:
                self.set_status(result.code)
            body: dict[str, Any] = {"ok": False, "error_code": result.code, "description": result.description}
            if result.retry_after is not None:
                body["parameters"] = {"retry_after": result.retry_after}
        else:
            body = {"ok": True, "result": result}
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body, ensure_ascii=False))
