"""`tdc-bot run` that cannot start says why in one line, exits non-zero, and never shows the token.

Each test runs the real command as a process against the local Telegram stand-in (which, like
Telegram, answers 401 Unauthorized to a wrong token) or against an address where nothing listens.
"""

from __future__ import annotations

import socket
from pathlib import Path

from testkit.telegram_app import TOKEN
from testkit.telegram_standin import BotApiStandin
from tests.security.conftest import WRONG_TOKEN, assert_never_shown, run_tdc_bot, write_config


def _config(directory: Path, base_url: str) -> Path:
    return write_config(directory, f'[telegram]\nbase_url = "{base_url}"\n')


def _one_error_line(result_lines: list[str]) -> str:
    assert len(result_lines) == 1, result_lines
    [line] = result_lines
    assert line.startswith("tdc-bot: Lỗi: "), line
    return line


async def test_a_refused_token_is_one_line_naming_the_variable(standin: BotApiStandin, tmp_path: Path) -> None:
    config = _config(tmp_path, standin.base_url)
    result = await run_tdc_bot("--config", str(config), "run", cwd=tmp_path,
                               env={"TDC_TELEGRAM_TOKEN": WRONG_TOKEN})
    assert result.returncode != 0
    line = _one_error_line(result.lines)
    assert "Telegram từ chối token" in line and "(InvalidToken)" in line and "TDC_TELEGRAM_TOKEN" in line
    assert "@BotFather" in line  # what to do about it
    assert "Traceback" not in result.stderr
    assert_never_shown(result, WRONG_TOKEN, tmp_path)


async def test_a_refused_token_names_the_configured_variable(standin: BotApiStandin, tmp_path: Path) -> None:
    config = write_config(tmp_path, f'[telegram]\nbase_url = "{standin.base_url}"\ntoken_env = "MY_BOT_TOKEN"\n')
    result = await run_tdc_bot("--config", str(config), "run", cwd=tmp_path, env={"MY_BOT_TOKEN": WRONG_TOKEN})
    line = _one_error_line(result.lines)
    assert "MY_BOT_TOKEN" in line and "(InvalidToken)" in line
    assert_never_shown(result, WRONG_TOKEN, tmp_path)


def _closed_port() -> int:
    """A local port nothing listens on (bound once to pick it, then closed): connecting is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_an_unreachable_bot_api_is_one_line_naming_the_address(tmp_path: Path) -> None:
    port = _closed_port()
    config = _config(tmp_path, f"http://127.0.0.1:{port}/bot")
    result = await run_tdc_bot("--config", str(config), "run", cwd=tmp_path, env={"TDC_TELEGRAM_TOKEN": TOKEN})
    assert result.returncode != 0
    line = _one_error_line(result.lines)
    assert f"127.0.0.1:{port}" in line and "từ chối kết nối" in line and "connection refused" in line
    assert "base_url" in line
    assert_never_shown(result, TOKEN, tmp_path)


async def test_a_bot_api_that_does_not_answer_is_one_line_naming_the_timeout(
        standin: BotApiStandin, tmp_path: Path) -> None:
    standin.fail_next("getMe", "timeout")  # answers after 6 s; PTB reads for 5 s
    config = _config(tmp_path, standin.base_url)
    result = await run_tdc_bot("--config", str(config), "run", cwd=tmp_path, env={"TDC_TELEGRAM_TOKEN": TOKEN})
    assert result.returncode != 0
    line = _one_error_line(result.lines)
    assert "không trả lời kịp (TimedOut)" in line and f"127.0.0.1:{standin.port}" in line
    assert_never_shown(result, TOKEN, tmp_path)
    assert [c.method for c in standin.calls] == ["getMe"]  # it did reach the API, with the right token
