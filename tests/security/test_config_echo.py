"""A secret written into the config file is refused without being echoed, with what to do instead.

pydantic's own messages repeat each offending value (`input_value='…'`), and a variable name
that is really a pasted token used to be printed as "set the environment variable <token>".
Each case runs the real `tdc-bot` process; the value must appear in no output and no file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.conftest import WRONG_TOKEN, assert_never_shown, run_tdc_bot, write_config

# Not Telegram-shaped: a Zalo-style or generic API key that only the "long secret-looking" rule catches.
OTHER_SECRET = "zk9Qm2Lr7Tv4Bn8Kp1Wy6Hj3Ds5Ga0XeCcV"

CASES = {
    "token key in [telegram]": (f'[telegram]\ntoken = "{WRONG_TOKEN}"\n', WRONG_TOKEN,
                                ["[telegram] token", "TDC_TELEGRAM_TOKEN", "biến môi trường"]),
    "token pasted into token_env": (f'[telegram]\ntoken_env = "{WRONG_TOKEN}"\n', WRONG_TOKEN,
                                    ["[telegram] token_env", "TÊN một biến môi trường"]),
    "other secret in [zalo] token_env": (f'[zalo]\ntoken_env = "{OTHER_SECRET}"\n', OTHER_SECRET,
                                         ["[zalo] token_env", "TÊN một biến môi trường"]),
    "secret key in [zalo]": (f'[zalo]\napi_key = "{OTHER_SECRET}"\n', OTHER_SECRET,
                             ["[zalo] api_key", "TDC_ZALO_TOKEN"]),
    "token inside base_url": (f'[telegram]\nbase_url = "https://api.telegram.org/bot{WRONG_TOKEN}/"\n',
                              WRONG_TOKEN, ["[telegram] base_url", "không được chứa token"]),
    "token as a wrong-typed value": (f'[telegram]\nwebhook_port = "{WRONG_TOKEN}"\n', WRONG_TOKEN,
                                     ["[telegram] webhook_port"]),
}


# Every case through a quick command; the two the issue names through `run` as well.
RUNS = [(case, ["db", "current"]) for case in CASES] + [
    ("token key in [telegram]", ["run"]), ("token pasted into token_env", ["run"])]


@pytest.mark.parametrize(("case", "command"), RUNS, ids=[f"{case} ({' '.join(cmd)})" for case, cmd in RUNS])
async def test_a_secret_in_the_config_file_is_never_echoed(case: str, command: list[str], tmp_path: Path) -> None:
    body, secret, expected = CASES[case]
    config = write_config(tmp_path, body)
    result = await run_tdc_bot("--config", str(config), *command, cwd=tmp_path,
                               env={"TDC_TELEGRAM_TOKEN": ""})
    assert result.returncode == 2
    assert len(result.lines) == 1, result.lines
    for words in expected:
        assert words in result.lines[0], result.lines[0]
    assert "Traceback" not in result.stderr
    assert_never_shown(result, secret, tmp_path / "data")  # config.toml itself holds it, by the test's design


async def test_a_secret_placed_in_the_config_keeps_the_right_env_name(tmp_path: Path) -> None:
    """The advice names the variable the file already chose, when it chose a proper one."""
    config = write_config(tmp_path, f'[telegram]\ntoken_env = "BOT_TOKEN_PROD"\ntoken = "{WRONG_TOKEN}"\n')
    result = await run_tdc_bot("--config", str(config), "run", cwd=tmp_path)
    assert result.returncode == 2
    assert "BOT_TOKEN_PROD" in result.stderr
    assert_never_shown(result, WRONG_TOKEN, tmp_path / "data")
