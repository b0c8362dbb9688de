"""CPU-bound work (reading a document) in a child process, stopped at a time limit.

Why a process, not a thread: a thread cannot be stopped. A reading that runs past its limit in
a thread goes on using the CPU, and the GIL every chat needs, until it ends by itself, which
for a hostile file may be never. A child process is killed at the limit, and the kernel's
limits set in the child (RLIMIT_CPU, RLIMIT_AS) stop it even if this process is too busy to,
and keep a decompression bomb from taking the bot's memory with it.
Why a fresh interpreter (`python -c`), not multiprocessing's fork or spawn: the bot's process
has threads (aiosqlite's, asyncio's executor), and a fork copies a snapshot of them, locks held
at that instant included; spawn re-runs the parent's main module in the child. Starting an
interpreter costs a fraction of a second, small beside reading a document, and reading is rare.
asyncio's own subprocess support waits for it without a thread.

Arguments and result cross the process boundary by pickle, so they are plain values, and the
function is named by module and name.
"""

from __future__ import annotations

import asyncio
import math
import pickle
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from domain.errors import DomainError

T = TypeVar("T")
MEMORY_BYTES = 2 * 1024**3  # address space of the child: far above a real plan, far below the machine

_CHILD = """
import pickle, resource, sys
stdin, result = sys.stdin.buffer, sys.stdout.buffer
sys.stdout = sys.stderr  # what the work prints must not mix with the result
path, cpu, memory, module, name = pickle.load(stdin)
sys.path[:0] = path
resource.setrlimit(resource.RLIMIT_CPU, cpu)
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
import importlib
args = pickle.load(stdin)
pickle.dump(getattr(importlib.import_module(module), name)(*args), result)
"""


class TooSlow(DomainError):
    """The work did not finish within its limit and was stopped."""

    code = "work_too_slow"


class WorkFailed(DomainError):
    """The child process ended without a result (an exception, a kernel limit, a kill)."""

    code = "work_failed"


def _cpu_limit(seconds: float) -> tuple[int, int]:
    soft = math.ceil(seconds) + 1
    return soft, soft + 1


async def run_limited(fn: Callable[..., T], *args: Any, limit_s: float, memory_bytes: int = MEMORY_BYTES) -> T:
    """`fn(*args)` in a new child process; TooSlow if it has not returned within `limit_s` seconds.

    `fn` must be a module-level function. The child is gone when this returns or raises, also
    when the awaiting task is cancelled.
    """
    header = (list(sys.path), _cpu_limit(limit_s), memory_bytes, fn.__module__, fn.__qualname__)
    payload = pickle.dumps(header) + pickle.dumps(args)
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _CHILD, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    try:
        try:
            out, err = await asyncio.wait_for(child.communicate(payload), limit_s)
        except TimeoutError as exc:
            raise TooSlow(limit_s=limit_s) from exc
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
    if child.returncode != 0 or not out:
        last = (err.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
        raise WorkFailed(exit=child.returncode, reason=last[:300])
    result: T = pickle.loads(out)  # our own child's answer
    return result
