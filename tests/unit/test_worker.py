"""handlers.worker: work in a child process, stopped at its time limit and memory limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from domain.documents.upload import read_upload_text
from handlers.worker import TooSlow, WorkFailed, run_limited
from tests.conftest import fixture_file
from tests.worker_jobs import double, grab_memory, spin_after_pid


async def test_the_result_comes_back_from_the_child() -> None:
    assert await run_limited(double, 21, limit_s=30) == 42
    upload = await run_limited(read_upload_text, fixture_file("seeds/003_9dc728ae31be0994.txt").read_text(
        encoding="utf-8"), limit_s=30)
    assert upload.plan is not None and len(upload.plan.tasks) == 21


async def test_work_past_its_limit_is_stopped_and_its_process_is_gone(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with pytest.raises(TooSlow):
        await run_limited(spin_after_pid, str(pid_file), limit_s=1.0)
    pid = int(pid_file.read_text(encoding="utf-8"))
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_a_failure_or_a_memory_grab_in_the_child_is_work_failed() -> None:
    with pytest.raises(WorkFailed) as failed:
        await run_limited(int, "không phải số", limit_s=30)
    assert "ValueError" in str(failed.value.params["reason"])
    with pytest.raises(WorkFailed) as grabbed:
        await run_limited(grab_memory, 3, limit_s=30, memory_bytes=1024**3)
    assert "MemoryError" in str(grabbed.value.params["reason"])
