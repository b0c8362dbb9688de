"""The bot's own web server for Zalo: the webhook receiver and the one-time download links.

POST <webhook_path>: Zalo's push. Refused with 403 unless X-Bot-Api-Secret-Token holds our
secret (compared in constant time); otherwise the event is stored (committed) and answered 200
at once, and handled after (see bot/channels/zalo.py).
GET /tep/<token>: a file offered by link, while the link lasts and has uses left.
GET /healthz: "ok", for a load balancer or a person checking.
Served by tornado, which python-telegram-bot's webhooks extra already brings.
"""

from __future__ import annotations

import hmac
import json
import logging
import socket
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import quote

import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.channels.zalo import CHANNEL, ZaloChannel
from bot.dispatch import Runtime
from handlers.formatting import moment
from handlers.texts import t
from handlers.types import OutFile
from storage.downloads import create_download, take_download
from storage.members import identity_for

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Bot-Api-Secret-Token"
DOWNLOAD_PATH = "/tep/"
MAX_BODY = 256 * 1024  # a Zalo event is a few hundred bytes


@dataclass
class DownloadLinks:
    """Offers files as links on the public address of this server."""

    runtime: Runtime
    public_base_url: str
    valid_for: timedelta = timedelta(minutes=30)
    uses: int = 3

    async def offer(self, file: OutFile, user_id: str) -> str:
        """Store the file, commit, and return the message that carries its link."""
        async with self.runtime.sessions() as session:
            now = self.runtime.clock()
            ident = await identity_for(session=session, channel=CHANNEL, external_id=user_id)
            token = await create_download(session=session, name=file.name, mime=file.mime, data=file.data,
                                          member_id=ident.member.id if ident else None, now=now,
                                          valid_for=self.valid_for, uses=self.uses)
            await session.commit()
        url = f"{self.public_base_url.rstrip('/')}{DOWNLOAD_PATH}{token}"
        return t("file_link", name=file.name, url=url, uses=self.uses, until=moment(now + self.valid_for,
                                                                                       self.runtime.tz))


class _Webhook(tornado.web.RequestHandler):
    def initialize(self, channel: ZaloChannel, secret: str) -> None:
        self.channel, self.secret = channel, secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not self.secret or not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.set_status(403)
            self.finish({"ok": False, "description": "forbidden"})
            return
        try:
            body = json.loads(self.request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            body = None
        try:
            accepted = await self.channel.accept(body)
        except Exception:
            log.exception("zalo: could not store an incoming event; answering 500 so it is not lost silently")
            self.set_status(500)
            self.finish({"ok": False})
            return
        if not accepted:
            self.set_status(400)
            self.finish({"ok": False, "description": "not a Zalo event"})
            return
        self.finish({"ok": True})


class _Download(tornado.web.RequestHandler):
    def initialize(self, runtime: Runtime) -> None:
        self.runtime = runtime

    async def get(self, token: str) -> None:
        async with self.runtime.sessions() as session:
            found = await take_download(session=session, token=token, now=self.runtime.clock())
            await session.commit()
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Robots-Tag", "noindex")
        self.set_header("Referrer-Policy", "no-referrer")
        if found is None:
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(t("file_link_gone"))
            return
        self.set_header("Content-Type", found.mime)
        self.set_header("Content-Disposition", f"attachment; filename*=UTF-8''{quote(found.name)}")
        self.finish(found.data)


class _Health(tornado.web.RequestHandler):
    def get(self) -> None:
        self.finish("ok")


class ZaloWebServer:
    """Listens on `listen:port` (0 = a free port, for tests); `url` is where it is reachable locally."""

    def __init__(self, runtime: Runtime, channel: ZaloChannel, *, listen: str, port: int, webhook_path: str,
                 secret: str | None) -> None:
        routes: list[tuple[Any, ...]] = [
            (r"/healthz", _Health),
            (DOWNLOAD_PATH + r"([A-Za-z0-9_-]{1,100})", _Download, {"runtime": runtime}),
        ]
        if secret is not None:
            routes.append((webhook_path, _Webhook, {"channel": channel, "secret": secret}))
        # No access log: a download URL holds its token.
        self._app = tornado.web.Application(routes, log_function=lambda _handler: None)
        self.listen, self.port, self.webhook_path = listen, port, webhook_path
        self._server: tornado.httpserver.HTTPServer | None = None

    async def start(self) -> None:
        sockets = tornado.netutil.bind_sockets(self.port, self.listen, family=socket.AF_INET)
        self.port = sockets[0].getsockname()[1]
        self._server = tornado.httpserver.HTTPServer(self._app, max_body_size=MAX_BODY)
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None

    @property
    def url(self) -> str:
        return f"http://{self.listen}:{self.port}"
