"""`tdc-bot run` as a real process: Telegram and Zalo at once against their stand-ins, a clean stop
on SIGTERM, one-line errors for a missing or refused Zalo token, and no token in any output."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from handlers.texts import t
from testkit.telegram_app import TOKEN as TELEGRAM_TOKEN
from testkit.telegram_standin import BotApiStandin
from testkit.zalo_app import SECRET, free_port
from testkit.zalo_standin import TOKEN as ZALO_TOKEN
from testkit.zalo_standin import ZaloStandin

TDC_BOT = str(Path(sys.executable).with_name("tdc-bot"))


def _config(tmp_path: Path, telegram: BotApiStandin | None, zalo: ZaloStandin | None, *, mode: str = "polling",
            port: int = 0) -> Path:
    lines = [f'[database]\nurl = "sqlite:///{tmp_path / "run.db"}"\n']
    if telegram is not None:
        lines.append(f'[telegram]\nbase_url = "{telegram.base_url}"\nbase_file_url = "{telegram.base_file_url}"\n')
    else:
        lines.append("[telegram]\nenabled = false\n")
    if zalo is not None:
        public = f'public_base_url = "http://127.0.0.1:{port}"\nport = {port}\n' if mode == "webhook" else ""
        lines.append(f'[zalo]\nenabled = true\nbase_url = "{zalo.base_url}"\nmode = "{mode}"\n{public}')
    path = tmp_path / "config.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDC_")}
    return {**env, "TDC_TELEGRAM_TOKEN": TELEGRAM_TOKEN, "TDC_ZALO_TOKEN": ZALO_TOKEN, **extra}


def _run_sync(config: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([TDC_BOT, "--config", str(config), *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture
async def standins() -> AsyncIterator[tuple[BotApiStandin, ZaloStandin]]:
    telegram, zalo = BotApiStandin(TELEGRAM_TOKEN), ZaloStandin()
    await telegram.start()
    await zalo.start()
    try:
        yield telegram, zalo
    finally:
        await telegram.stop()
        await zalo.stop()


async def test_both_channels_in_one_process_answer_and_stop_on_sigterm(
        tmp_path: Path, standins: tuple[BotApiStandin, ZaloStandin]) -> None:
    """Telegram polling and Zalo by webhook (the production shape; Zalo polling is covered in
    tests/channels), in one `tdc-bot run`."""
    telegram, zalo = standins
    mode = "webhook"
    config = _config(tmp_path, telegram, zalo, mode=mode, port=free_port())
    env = _env(TDC_ZALO_WEBHOOK_SECRET=SECRET)
    assert (await asyncio.to_thread(_run_sync, config, "db", "upgrade", env=env)).returncode == 0
    process = await asyncio.create_subprocess_exec(TDC_BOT, "--config", str(config), "run", env=env,
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        await zalo.wait_until(lambda: bool(zalo.webhook), timeout=90, what="setWebhook")
        await telegram.wait_until(lambda: bool(telegram.calls_to("getUpdates")), timeout=90, what="Telegram polls")
        telegram.push_message(8001, 8001, "/help")
        assert (await zalo.push(zalo.event("8a9b0c1d2e3f4a5b", "/help"))).status_code == 200
        on_telegram = await telegram.wait_for_sent(lambda s: s.chat_id == 8001, timeout=90)
        [on_zalo] = await zalo.wait_for_sent("8a9b0c1d2e3f4a5b", timeout=90)
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(60):
            _out, err = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, err.decode()
    assert on_telegram.text.startswith(t("help_header")) and on_zalo.text.startswith(t("help_header"))
    log = err.decode()
    assert "running: telegram, zalo" in log and "stopping" in log
    for secret in (TELEGRAM_TOKEN, ZALO_TOKEN, ZALO_TOKEN.split(":")[1], SECRET):
        assert secret not in log


def test_a_missing_zalo_token_is_one_line_naming_the_variable(tmp_path: Path) -> None:
    """(Placeholders and malformed values: tests/unit/test_config.py.)"""
    config = _config(tmp_path, None, ZaloStandin())
    env = _env()
    env.pop("TDC_ZALO_TOKEN")
    result = _run_sync(config, "run", env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "TDC_ZALO_TOKEN" in result.stderr, result.stderr


async def test_a_refused_zalo_token_is_one_line_without_the_token(
        tmp_path: Path, standins: tuple[BotApiStandin, ZaloStandin]) -> None:
    _telegram, zalo = standins
    config = _config(tmp_path, None, zalo)
    wrong = "987654321:" + "W" * 40
    result = await asyncio.to_thread(_run_sync, config, "run", env=_env(TDC_ZALO_TOKEN=wrong))
    assert result.returncode == 2
    assert result.stderr.strip() == ("tdc-bot: Zalo bot token: the Zalo Bot API refused the token in "
                                     "TDC_ZALO_TOKEN (401)")
    assert wrong not in result.stderr + result.stdout


def test_no_channel_enabled_is_a_clear_error(tmp_path: Path) -> None:
    config = _config(tmp_path, None, None)
    result = _run_sync(config, "run", env=_env())
    assert result.returncode == 2 and "no channel to run" in result.stderr
