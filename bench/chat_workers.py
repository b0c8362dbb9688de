"""Two `tdc-bot run` processes in webhook mode behind one address, on one PostgreSQL database.

`bench/chat.py --workers 2 --db postgresql` uses this. A small asyncio HTTP proxy stands where
nginx would: it takes the webhook calls (the bench posts each update there, as Telegram would)
and hands them to the workers in turn, so consecutive updates of one chat go to different
processes. Each process is the real command line (config file, token and webhook secret from
the environment); the reminders are off (their messages would mix with the answers counted).

A simulated person sends the next update once the previous one is answered: answered means as
many messages as the same step got from the in-process run of the same scripts just before.
Checked afterwards: each update answered with exactly its messages (none missing within the
wait, none extra), each update recorded once in the database, the same registrations and the
same conversation states as in process, no "internal error" reply, no conflict given up. Then
every officer's chat sends "/dangky" twice at once (one to each worker): both must be answered,
the state conflict between them resolved by handling the loser again.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import func, select

from handlers.texts import t
from storage.engine import make_async_engine, session_factory
from storage.models import Attendee, ConversationState, InboundUpdate, Registration
from testkit.telegram_standin import BotApiStandin

SECRET = "bench-webhook-secret-0123456789"
ANSWER_WAIT = 30.0  # seconds a person waits for an answer before counting it as missing
# At the end every officer's chat sends its third step ("/dangky") twice at once: both change the
# chat's state from the same version, on two workers, so one of them must lose and be handled again.
BURST_INDEX, BURST_STEP = 2, "/dangky"


def script_step(script: Callable[[int], list[object]], index: int) -> object:
    return script(0)[index]


class WebhookProxy:
    """HTTP/1.1 in front of the workers: each request goes to the next worker in turn."""

    def __init__(self, ports: list[int]) -> None:
        self._next = itertools.cycle(ports)
        self.forwarded: dict[int, int] = dict.fromkeys(ports, 0)
        self._server: asyncio.Server | None = None
        self.port = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(m.group(1)) if (m := re.search(rb"(?i)content-length:\s*(\d+)", head)) else 0
                body = await reader.readexactly(length)
                writer.write(await self._forward(next(self._next), head, body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def _forward(self, port: int, head: bytes, body: bytes) -> bytes:
        """One request to one worker on a connection of its own; its whole answer back."""
        self.forwarded[port] += 1
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
            writer.write(b"\r\n".join(lines[:-2]) + b"\r\nConnection: close\r\n\r\n" + body)
            await writer.drain()
            answer = await reader.read()
        finally:
            writer.close()
        return answer.replace(b"Connection: close", b"Connection: keep-alive") if answer else \
            b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def worker_config(folder: Path, *, url: str, base_url: str, port: int, webhook_url: str) -> Path:
    path = folder / f"worker-{port}.toml"
    path.write_text(f"""
[database]
url = "{url}"

[telegram]
base_url = "{base_url}"
mode = "webhook"
webhook_url = "{webhook_url}"
webhook_listen = "127.0.0.1"
webhook_port = {port}
bot_username = "bench_bot"

[reminders]
enabled = false
""", encoding="utf-8")
    return path


async def start_worker(config: Path, log: Path, token: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "TDC_TELEGRAM_TOKEN": token, "TDC_TELEGRAM_WEBHOOK_SECRET": SECRET,
           "PYTHONUNBUFFERED": "1"}
    env.pop("TDC_DATABASE_URL", None)
    with open(log, "ab") as out:
        return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli", "--config", str(config), "run",
                                                    stdout=out, stderr=out, env=env)


async def until_listening(port: int, process: asyncio.subprocess.Process, log: Path, timeout: float = 60) -> None:
    """Wait for the worker's webhook port (it listens before it sets the webhook)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.returncode is not None:
            raise RuntimeError(f"worker on port {port} exited: {log.read_text()[-2000:]}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"worker on port {port} did not listen within {timeout:.0f} s")


@dataclass
class ProcessRun:
    workers: int
    updates: int
    seconds: float
    cpu_seconds: float  # the workers' CPU (user + system), from /proc
    load: float
    sent: int
    missing: int  # steps not answered with all their messages within ANSWER_WAIT
    extra: int  # messages beyond what the steps expected
    errors: int  # "internal error" replies
    forwarded: dict[int, int]
    conflicts_resolved: int
    conflicts_given_up: int
    peak_mb: float
    recorded_updates: int
    registrations: int
    attendees: int
    states: dict[str, tuple[str | None, str | None]]
    bursts: int  # chats that sent two updates at once at the end
    burst_recorded: int  # of their 2 x bursts updates, how many the database recorded
    differing: dict[int, int]  # chats answered with more (or fewer) messages than in process, by how many

    @property
    def rate(self) -> float:
        return self.updates / self.seconds


def cpu_of(pid: int) -> float:
    """User + system seconds of a live process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory(pid: int) -> float:
    """A live process's peak resident set in MB (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def database_outcome(url: str) -> tuple[int, int, int, dict[str, tuple[str | None, str | None]]]:
    engine = make_async_engine(url)
    try:
        async with session_factory(engine)() as s:
            recorded = (await s.exec(select(func.count()).select_from(InboundUpdate))).one()  # type: ignore[call-overload]
            registrations = (await s.exec(select(func.count()).select_from(Registration))).one()  # type: ignore[call-overload]
            attendees = (await s.exec(select(func.count()).select_from(Attendee))).one()  # type: ignore[call-overload]
            rows = (await s.exec(select(ConversationState))).all()  # type: ignore[call-overload]
            states = {row[0].chat_id: (row[0].flow, row[0].step) for row in rows}
    finally:
        await engine.dispose()
    return int(recorded[0]), int(registrations[0]), int(attendees[0]), states


async def drive_workers(workers: int, url: str, token: str, scripts: dict[int, Callable[[int], list[object]]],
                        expected: dict[int, list[int]], total: int) -> ProcessRun:
    """Start `workers` processes behind the proxy, play the scripts, stop them, check the outcome."""
    standin = BotApiStandin(token, record_calls=False)
    await standin.start()
    ports = [free_port() for _ in range(workers)]
    proxy = WebhookProxy(ports)
    await proxy.start()
    webhook = f"http://127.0.0.1:{proxy.port}/telegram"
    issued = missing = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        logs = [folder / f"worker-{port}.log" for port in ports]
        processes = [await start_worker(worker_config(folder, url=url, base_url=standin.base_url, port=port,
                                                      webhook_url=webhook), log, token)
                     for port, log in zip(ports, logs, strict=True)]
        try:
            for port, process, log in zip(ports, processes, logs, strict=True):
                await until_listening(port, process, log)
            async with httpx.AsyncClient(base_url=webhook, timeout=ANSWER_WAIT,
                                         headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as client:

                async def send(user: int, step: object, answers: int) -> None:
                    nonlocal missing
                    before = len(standin.sent_to(user))
                    if isinstance(step, str):
                        update = standin.push_message(user, user, step)
                    else:
                        label = step[1]  # type: ignore[index]
                        shown = standin.sent_to(user)
                        message = shown[-1] if shown else None
                        data = next((d for text, d in (message.buttons if message else []) if label in text), None)
                        update = (standin.push_callback(user, user, data, message.message_id)
                                  if data is not None and message is not None
                                  else standin.push_message(user, user, "/huy"))
                    answer = await client.post("", json=update)
                    answer.raise_for_status()
                    try:
                        await standin.wait_until(lambda: len(standin.sent_to(user)) >= before + answers,
                                                 timeout=ANSWER_WAIT, what="an answer")
                    except AssertionError:
                        missing += 1

                async def person(user: int, script: Callable[[int], list[object]]) -> None:
                    nonlocal issued
                    for i, step in enumerate(s for r in itertools.count() for s in script(r)):
                        if issued >= total or i >= len(expected[user]):
                            return
                        issued += 1
                        await send(user, step, expected[user][i])

                async def burst(user: int, answers: int) -> None:
                    """Two "/dangky" of one chat at once: the proxy gives one to each worker."""
                    nonlocal missing
                    before = len(standin.sent_to(user))
                    pair = [standin.push_message(user, user, BURST_STEP) for _ in range(2)]
                    for answer in await asyncio.gather(*(client.post("", json=u) for u in pair)):
                        answer.raise_for_status()
                    try:
                        await standin.wait_until(lambda: len(standin.sent_to(user)) >= before + 2 * answers,
                                                 timeout=ANSWER_WAIT, what="two answers")
                    except AssertionError:
                        missing += 1

                cpu = sum(cpu_of(p.pid) for p in processes)
                began = time.perf_counter()
                await asyncio.gather(*(person(user, script) for user, script in scripts.items()))
                seconds = time.perf_counter() - began
                cpu = sum(cpu_of(p.pid) for p in processes) - cpu
                load = os.getloadavg()[0]
                outcome = await database_outcome(url)
                sent_before_burst = len(standin.sent)
                differing = {u: len(standin.sent_to(u)) - sum(c) for u, c in expected.items()
                             if len(standin.sent_to(u)) != sum(c)}
                bursting = {u: c[BURST_INDEX] for u, c in expected.items()
                            if len(c) > BURST_INDEX and script_step(scripts[u], BURST_INDEX) == BURST_STEP}
                await asyncio.gather(*(burst(user, answers) for user, answers in bursting.items()))
                burst_extra = len(standin.sent) - sent_before_burst - 2 * sum(bursting.values())
                burst_recorded = (await database_outcome(url))[0] - outcome[0]
        finally:
            peak = max((peak_memory(p.pid) for p in processes if p.returncode is None), default=0.0)
            for process in processes:
                if process.returncode is None:
                    process.terminate()
            for process in processes:
                await asyncio.wait_for(process.wait(), 30)
            text = "".join(log.read_text(errors="replace") for log in logs)
            await proxy.stop()
            await standin.stop()
    want = sum(sum(counts) for counts in expected.values())
    recorded, registrations, attendees, states = outcome
    return ProcessRun(
        workers, issued, seconds, cpu, load, sent_before_burst, missing, max(0, sent_before_burst - want) + burst_extra,
        sum(1 for s in standin.sent if s.text == t("internal_error")), proxy.forwarded,
        text.count("changed meanwhile"), text.count("gave up on an event"), peak, recorded, registrations, attendees,
        states, len(bursting), burst_recorded, differing)
