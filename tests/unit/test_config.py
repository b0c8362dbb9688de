"""Configuration: secrets only from the environment, one-line errors that name the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings, telegram_token, webhook_secret, zalo_token

GOOD_TOKEN = "123456789:" + "A" * 35


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TDC_CONFIG", raising=False)
    monkeypatch.delenv("TDC_DATABASE_URL", raising=False)
    settings = load_settings()
    assert settings.database.url == "sqlite:///data/tdc.db"
    assert settings.app.timezone == "Asia/Ho_Chi_Minh"


def test_example_config_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TDC_DATABASE_URL", raising=False)
    settings = load_settings(Path(__file__).resolve().parents[2] / "config.example.toml")
    assert settings.telegram.mode == "polling"


@pytest.mark.parametrize("value", [None, "", "changeme", "<your token>", "YOUR_TOKEN"])
def test_missing_or_placeholder_token_names_the_variable(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("TDC_TELEGRAM_TOKEN", raising=False)
    else:
        monkeypatch.setenv("TDC_TELEGRAM_TOKEN", value)
    with pytest.raises(ConfigError) as info:
        telegram_token(_settings())
    message = str(info.value)
    assert "TDC_TELEGRAM_TOKEN" in message and "\n" not in message


def test_malformed_token_is_refused_without_echoing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TDC_TELEGRAM_TOKEN", "12345:short-secret-value")
    with pytest.raises(ConfigError) as info:
        telegram_token(_settings())
    assert "short-secret-value" not in str(info.value)


def test_good_token_is_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TDC_TELEGRAM_TOKEN", GOOD_TOKEN)
    token = telegram_token(_settings())
    assert token.get_secret_value() == GOOD_TOKEN
    assert GOOD_TOKEN not in repr(token) and GOOD_TOKEN not in str(token)


def test_webhook_secret_must_be_long_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("S", "short")
    with pytest.raises(ConfigError, match="S must be"):
        webhook_secret("S", "webhook")
    monkeypatch.setenv("S", "a-long-enough-secret_123")
    assert webhook_secret("S", "webhook").get_secret_value() == "a-long-enough-secret_123"


def test_bad_file_gives_one_line_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[database\nurl=1", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad)
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('[database]\nurl = "sqlite:///x.db"\ncolour = "blue"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="colour"):
        load_settings(unknown)
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "absent.toml")


def test_database_url_from_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[database]\nurl = "sqlite:///file.db"\n', encoding="utf-8")
    monkeypatch.setenv("TDC_DATABASE_URL", "postgresql://u@h/db")
    assert load_settings(config).database.url == "postgresql://u@h/db"


def _settings() -> Settings:
    return Settings()


@pytest.mark.parametrize("value", [None, "", "changeme", "<token>", "your-zalo-token", "12345", "123:short",
                                   "123456:" + "x" * 20 + "/../getMe"])
def test_a_missing_placeholder_or_malformed_zalo_token_names_the_variable(monkeypatch: pytest.MonkeyPatch,
                                                                          value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("TDC_ZALO_TOKEN", raising=False)
    else:
        monkeypatch.setenv("TDC_ZALO_TOKEN", value)
    with pytest.raises(ConfigError) as info:
        zalo_token(_settings())
    message = str(info.value)
    assert "TDC_ZALO_TOKEN" in message and "\n" not in message
    assert not value or len(value) < 6 or value not in message


@pytest.mark.parametrize("token", ["12345689:abc-xyz-0123456789", "3141592653589793238:" + "Zk" * 32])
def test_zalo_tokens_as_documented_and_as_seen_are_accepted(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    monkeypatch.setenv("TDC_ZALO_TOKEN", token)
    assert zalo_token(_settings()).get_secret_value() == token


def test_zalo_webhook_settings_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[zalo]\npublic_base_url = "bot.example.vn"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="public_base_url"):
        load_settings(bad)
    good = tmp_path / "good.toml"
    good.write_text('[zalo]\nenabled = true\nmode = "webhook"\npublic_base_url = "https://bot.example.vn/"\n'
                    'monthly_message_budget = 2000\n', encoding="utf-8")
    settings = load_settings(good)
    assert settings.zalo.public_base_url == "https://bot.example.vn" and settings.zalo.monthly_message_budget == 2000
