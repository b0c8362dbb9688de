"""Configuration: one TOML file, one pydantic model per section, secrets from the environment.

Secrets (bot tokens, webhook secrets) never live in a committed file: the TOML names the
environment variable, and a missing or placeholder value is a one-line error naming it.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date, time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

DEFAULT_CONFIG_PATHS = (Path("config.toml"),)
_PLACEHOLDERS = re.compile(r"^(|changeme|change-me|xxx+|your[-_ ].*|<.*>|token|secret|placeholder)$", re.I)
_TELEGRAM_TOKEN = re.compile(r"^\d{5,12}:[A-Za-z0-9_-]{30,}$")


class ConfigError(Exception):
    """A configuration problem, said in one line for the person running the bot."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DatabaseConfig(_Section):
    url: str = "sqlite:///data/tdc.db"
    busy_timeout_ms: int = Field(default=5000, ge=0)
    echo: bool = False


class AppConfig(_Section):
    timezone: str = "Asia/Ho_Chi_Minh"
    language: Literal["vi", "en"] = "vi"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        ZoneInfo(value)
        return value


class TelegramConfig(_Section):
    token_env: str = "TDC_TELEGRAM_TOKEN"
    base_url: str = ""
    base_file_url: str = ""
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret_env: str = "TDC_TELEGRAM_WEBHOOK_SECRET"
    bot_username: str = ""
    # Telegram's sending limits for messages outside an update (reminders, announcements).
    send_per_second: float = Field(default=30, gt=0)
    send_per_chat_per_second: float = Field(default=1, gt=0)
    send_per_group_per_minute: float = Field(default=20, gt=0)


class ZaloConfig(_Section):
    enabled: bool = False
    token_env: str = "TDC_ZALO_TOKEN"
    webhook_secret_env: str = "TDC_ZALO_WEBHOOK_SECRET"
    base_url: str = "https://bot-api.zaloplatforms.com"


class RemindersConfig(_Section):
    enabled: bool = True
    cutoff_days_before: list[int] = Field(default_factory=lambda: [3, 1])
    cutoff_last_morning: bool = True
    deadline_days_before: list[int] = Field(default_factory=lambda: [7, 3, 1])
    deadline_on_the_day: bool = True
    meeting_day_before_at: time = time(15, 0)
    meeting_minutes_before: int = Field(default=60, ge=0, le=24 * 60)
    digest_weekday: int = Field(default=0, ge=0, le=6)
    digest_days: int = Field(default=14, ge=1, le=60)
    escalate_after: int = Field(default=2, ge=1)
    max_late_hours: float = Field(default=24, gt=0)
    horizon_days: int = Field(default=14, ge=1, le=120)
    planner_interval_seconds: int = Field(default=300, ge=10)
    dispatcher_interval_seconds: int = Field(default=5, ge=1)
    max_attempts: int = Field(default=5, ge=1)
    retry_base_seconds: float = Field(default=30, gt=0)
    claim_lease_seconds: int = Field(default=90, ge=30)
    batch_size: int = Field(default=100, ge=1, le=1000)
    concurrency: int = Field(default=8, ge=1, le=64)

    @field_validator("cutoff_days_before", "deadline_days_before")
    @classmethod
    def _positive_days(cls, value: list[int]) -> list[int]:
        if any(n < 1 or n > 60 for n in value):
            raise ValueError("days before must be between 1 and 60")
        return value


class WorkingHoursConfig(_Section):
    start: time = time(7, 30)
    end: time = time(17, 0)
    send_only_in_working_hours: bool = True
    extra_days_off: list[date] = Field(default_factory=list)
    extra_working_days: list[date] = Field(default_factory=list)


class InvitesConfig(_Section):
    valid_days: int = Field(default=14, ge=1, le=365)


class Settings(_Section):
    database: DatabaseConfig = Field(default_factory=DatabaseConfig)
    app: AppConfig = Field(default_factory=AppConfig)
    telegram: TelegramConfig = Field(default_factory=TelegramConfig)
    zalo: ZaloConfig = Field(default_factory=ZaloConfig)
    reminders: RemindersConfig = Field(default_factory=RemindersConfig)
    working_hours: WorkingHoursConfig = Field(default_factory=WorkingHoursConfig)
    invites: InvitesConfig = Field(default_factory=InvitesConfig)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.app.timezone)


def load_settings(path: str | Path | None = None) -> Settings:
    """Read the TOML file (explicit, $TDC_CONFIG, or ./config.toml if present), then env overrides."""
    chosen = Path(path) if path else (Path(os.environ["TDC_CONFIG"]) if os.environ.get("TDC_CONFIG") else None)
    if chosen is None:
        chosen = next((p for p in DEFAULT_CONFIG_PATHS if p.exists()), None)
    raw: dict[str, Any] = {}
    if chosen is not None:
        try:
            raw = tomllib.loads(chosen.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file not found: {chosen}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{chosen}: not valid TOML ({exc})") from exc
    try:
        settings = Settings.model_validate(raw)
    except ValueError as exc:
        first = str(exc).splitlines()
        raise ConfigError(f"{chosen}: {' '.join(first[:3])}") from exc
    if os.environ.get("TDC_DATABASE_URL"):
        settings.database.url = os.environ["TDC_DATABASE_URL"]
    return settings


def _secret_from_env(name: str, what: str) -> SecretStr:
    value = os.environ.get(name, "").strip()
    if _PLACEHOLDERS.match(value):
        raise ConfigError(f"{what}: set the environment variable {name} (it is missing or a placeholder)")
    return SecretStr(value)


def telegram_token(settings: Settings) -> SecretStr:
    """The Telegram bot token from the environment, checked for shape, never logged."""
    token = _secret_from_env(settings.telegram.token_env, "Telegram bot token")
    if not _TELEGRAM_TOKEN.match(token.get_secret_value()):
        raise ConfigError(
            f"Telegram bot token: {settings.telegram.token_env} does not look like a token from @BotFather"
        )
    return token


def webhook_secret(env_name: str, what: str) -> SecretStr:
    """A webhook secret from the environment: at least 16 characters, Telegram's allowed set."""
    secret = _secret_from_env(env_name, what)
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret.get_secret_value()):
        raise ConfigError(f"{what}: {env_name} must be 16–256 characters of A–Z, a–z, 0–9, _ or -")
    return secret


def zalo_token(settings: Settings) -> SecretStr:
    """The Zalo bot token from the environment."""
    return _secret_from_env(settings.zalo.token_env, "Zalo bot token")
