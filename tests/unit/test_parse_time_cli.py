"""`tdc-bot parse-time`: through our own argparse parser, and through the real entry point."""

from __future__ import annotations

import argparse
import io
import json
import select
import subprocess
import sys
from pathlib import Path

import pytest

from bot.commands import parse_time as command

REPO = Path(__file__).resolve().parents[2]


def run_cli(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="tdc-bot")
    command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["parse-time", *argv])
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        code = args.func(args)
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def test_one_phrase_prints_the_contract_object() -> None:
    code, out, err = run_cli(["14h00, thứ Năm ngày 28/5/2026", "--ref", "2026-05-20T09:00"])
    assert (code, err) == (0, "")
    got = json.loads(out)
    assert (got["kind"], got["start"], got["end"]) == ("instant", "2026-05-28T14:00", None)
    assert "thứ Năm" in out  # ensure_ascii=False: Vietnamese stays readable


def test_year_argument_is_used_for_dates_without_one() -> None:
    code, out, _ = run_cli(["trước ngày 15 tháng 11", "--ref", "2026-05-20T09:00", "--year", "2027"])
    assert code == 0 and json.loads(out)["end"] == "2027-11-15T00:00"


def test_relative_output_has_the_relative_keys() -> None:
    _, out, _ = run_cli(["trước 10 ngày diễn ra Hội nghị", "--ref", "2026-05-20T09:00"])
    assert {k: v for k, v in json.loads(out).items() if k != "matched"} == {
        "kind": "relative",
        "start": None,
        "end": None,
        "offset_days": -10,
        "anchor": "event",
        "working_days": False,
    }


def test_bad_ref_is_one_line_on_stderr_and_exit_2() -> None:
    code, out, err = run_cli(["hôm nay", "--ref", "20/5/2026"])
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "--ref" in err


def test_missing_text_is_exit_2() -> None:
    code, _, err = run_cli([])
    assert code == 2 and "TEXT" in err


def test_batch_answers_each_line_in_order_and_survives_bad_lines() -> None:
    lines = [
        {"text": "Quý III/2026", "ref": "2026-05-20T09:00", "year": None},
        "not json",
        {"text": "ngày mai", "ref": "2026-05-20T09:00"},
        {"ref": "2026-05-20T09:00"},
        {"text": "hôm nay", "ref": "2026-13-01T00:00"},
        {"text": "trước ngày 15 tháng 11", "ref": "2026-05-20T09:00", "year": 2026},
        {"text": "hôm nay", "ref": "2026-05-20T09:00", "year": "2026"},
    ]
    raw = (
        b"".join(
            (x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)).encode() + b"\n" for x in lines
        )
        + b"\xff\xfe\n"
    )
    code, out, _ = run_cli(["--batch"], raw)
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(answers) == len(lines) + 1
    assert (answers[0]["kind"], answers[0]["start"]) == ("window", "2026-07-01T00:00")
    assert answers[2]["start"] == "2026-05-21T00:00"
    assert answers[5]["end"] == "2026-11-15T00:00"
    for bad in (1, 3, 4, 6, 7):
        assert answers[bad]["kind"] == "unknown" and answers[bad]["error"], answers[bad]
    assert all("error" not in answers[good] for good in (0, 2, 5))


def test_batch_and_text_together_is_refused() -> None:
    code, _, err = run_cli(["hôm nay", "--batch"])
    assert code == 2 and err


@pytest.fixture(params=["module", "script"])
def entry_point(request: pytest.FixtureRequest) -> list[str]:
    """The real command line: `python -m bot.cli`, and the installed `tdc-bot` console script."""
    if request.param == "module":
        return [sys.executable, "-m", "bot.cli"]
    script = Path(sys.executable).parent / "tdc-bot"
    assert script.exists(), f"the console script is not installed beside {sys.executable} (pip install -e .)"
    return [str(script)]


def test_through_the_real_command_line(entry_point: list[str]) -> None:
    done = subprocess.run(
        [*entry_point, "parse-time", "Quý II, III và IV/2026.", "--ref", "2026-05-20T09:00"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert (got["kind"], got["start"], got["end"]) == ("window", "2026-04-01T00:00", "2027-01-01T00:00")
    bad = subprocess.run(
        [*entry_point, "parse-time", "x", "--ref", "bad"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == "" and len(bad.stderr.strip().splitlines()) == 1


def test_batch_answers_a_line_before_the_next_is_sent(entry_point: list[str]) -> None:
    """One process, one answer per line as it arrives: no buffering until end of input."""
    proc = subprocess.Popen(
        [*entry_point, "parse-time", "--batch"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for text, start in (("ngày 24/4/2026", "2026-04-24T00:00"), ("Quý III/2026", "2026-07-01T00:00")):
            proc.stdin.write(json.dumps({"text": text, "ref": "2026-05-20T09:00"}).encode() + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 30)
            assert ready, "no answer within 30 s: the batch mode is buffering"
            assert json.loads(proc.stdout.readline())["start"] == start
    finally:
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
        proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
