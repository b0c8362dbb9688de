"""The console channel: the real flows in a terminal, for the demo and for flow tests.

A line is what a person types; `file: PATH` sends a file. Replies print as plain text with
numbered choices, and files the bot sends are written to `out_dir`. With `zalo=True` it
shows what a Zalo user would see: the same pieces of at most 2,000 characters, no files in
either direction (a file is offered the way Zalo offers it).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from bot.channels import zalo
from bot.channels.outbound import Delivery, Outcome
from bot.channels.plain import render_plain
from bot.dispatch import Runtime, Sender, dispatch
from handlers.types import Capabilities, Inbound, InFile, OutFile, Reply

QUIT = {"/quit", "/exit", "/thoat"}
CAPS = Capabilities(buttons=False, deep_links=False)
ZALO_PIECE = "─── tin nhắn Zalo {n}/{total} ({chars} ký tự) ───"


def inbound_from_line(line: str, files: bool = True) -> Inbound:
    """What the console user meant: a file to send, or text (commands are text too)."""
    if files and line.lower().startswith("file:"):
        path = Path(line[5:].strip()).expanduser()
        if not path.is_file():
            return Inbound(text=line)
        data = path.read_bytes()

        async def fetch() -> bytes:
            return data

        return Inbound(file=InFile(name=path.name, size=len(data), fetch=fetch, ref=str(path)))
    if not files and line.lower().startswith("file:"):
        return Inbound(unsupported="document")
    return Inbound(text=line)


class ConsoleChannel:
    """Feeds lines through `dispatch` as one person and prints what the bot says."""

    QUIT = QUIT

    def __init__(self, runtime: Runtime, sender: Sender, write: Callable[[str], None],
                 out_dir: Path | None = None, *, zalo: bool = False) -> None:
        self.runtime, self.sender, self.write = runtime, sender, write
        self.out_dir = out_dir or Path("data/demo-files")
        self.zalo = zalo
        self._counter = itertools.count(1)

    async def say(self, line: str) -> list[Reply]:
        """One line in, the replies out (also printed)."""
        replies = await dispatch(self.runtime, self.sender, inbound_from_line(line, files=not self.zalo),
                                 update_key=f"{self.sender.chat_id}:{next(self._counter)}:{id(self)}",
                                 caps=zalo.CAPS if self.zalo else CAPS)
        for reply in replies:
            if self.zalo:
                await self._as_zalo(reply)
                continue
            self.write(render_plain(reply))
            if reply.file is not None:
                self.out_dir.mkdir(parents=True, exist_ok=True)
                target = self.out_dir / reply.file.name
                target.write_bytes(reply.file.data)
                self.write(f"📎 {target.resolve()}")
        return replies

    async def _as_zalo(self, reply: Reply) -> None:
        pieces = zalo.render(reply)
        if reply.file is not None:
            pieces.append(await zalo.no_file_links(reply.file, self.sender.user_id))
        for n, piece in enumerate(pieces, start=1):
            if len(pieces) > 1:
                self.write(ZALO_PIECE.format(n=n, total=len(pieces), chars=len(piece)))
            self.write(piece)

    async def run(self, read_line: Callable[[], str | None]) -> None:
        """Read lines until end of input or /quit."""
        while True:
            line = read_line()
            if line is None or line.strip().lower() in QUIT:
                return
            if line.strip():
                await self.say(line.strip())


class ConsoleOutbound:
    """Reminders in the terminal: printed as they would arrive, files written and their path shown."""

    channel = "console"

    def __init__(self, write: Callable[[str], None], out_dir: Path | None = None,
                 label: Callable[[str], str] = lambda chat_id: chat_id) -> None:
        self.write, self.label = write, label
        self.out_dir = out_dir or Path("data/demo-files")

    async def deliver(self, *, chat_id: str, text: str, file: OutFile | None = None) -> Delivery:
        self.write(f"🔔 ── tin nhắn đến {self.label(chat_id)} ──\n{text}")
        if file is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            target = self.out_dir / file.name
            target.write_bytes(file.data)
            self.write(f"📎 {target}")
        return Delivery(Outcome.SENT)
