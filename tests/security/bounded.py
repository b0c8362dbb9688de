"""Read a hostile file in a child process held to a memory ceiling and a time limit.

A regression (a bomb that inflates, a parse that never ends) then fails one test instead of
taking the machine down: the child dies of RLIMIT_AS or is killed at the deadline, and the test
sees that as a failure. The child prints what `document_text` gave: the refusal or the text's size.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY = 1536 * 1024 * 1024  # address space: the interpreter, lxml, pypdf and a normal document fit
SECONDS = 90  # wall clock, generous for a loaded machine; a bounded refusal takes a few seconds

_CHILD = """
import json, sys
if sys.argv[3] == "no-cryptography":
    sys.modules["cryptography"] = None  # as on an install without it: pypdf cannot do AES
from domain.documents import DocumentError, document_text
data = open(sys.argv[1], "rb").read()
try:
    text = document_text(sys.argv[2], data)
except DocumentError as error:
    print(json.dumps({"refused": str(error)}))
else:
    print(json.dumps({"chars": len(text), "start": text[:200]}))
"""


@dataclass
class Outcome:
    refused: str | None
    chars: int | None
    start: str


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


def read_bounded(tmp_path: Path, name: str, data: bytes, *, without_cryptography: bool = False) -> Outcome:
    """`document_text(name, data)` in a child process with at most MEMORY bytes and SECONDS seconds."""
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    mode = "no-cryptography" if without_cryptography else "-"
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path), name, mode], cwd=ROOT, capture_output=True,
                              text=True, timeout=SECONDS, preexec_fn=_limits)
    except subprocess.TimeoutExpired as error:
        raise AssertionError(f"reading {name} took more than {SECONDS} s") from error
    assert done.returncode == 0, f"reading {name} died (exit {done.returncode}): {done.stderr[-2000:]}"
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return Outcome(found.get("refused"), found.get("chars"), found.get("start", ""))
