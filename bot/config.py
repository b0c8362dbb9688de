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
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from bot.redact import looks_secret, redact, register_secret

DEFAULT_CONFIG_PATHS = (Path("config.toml"),)
_PLACEHOLDERS = re.compile(r"^(|changeme|change-me|xxx+|your[-_ ].*|<.*>|token|secret|placeholder)$", re.I)
_TELEGRAM_TOKEN = re.compile(r"^\d{5,12}:[A-Za-z0-9_-]{30,}$")
# Zalo's docs show a bot token as "12345689:abc-xyz" (the bot's number, a colon, a secret), and
# published ones have a 19-digit number and a 64-letter secret. The check is loose on purpose:
# digits, a colon, at least 16 characters that can stand in a URL path.
_ZALO_TOKEN = re.compile(r"^\d{3,25}:[A-Za-z0-9_.~-]{16,}$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")
# An unknown key with one of these names is a secret written into the file by mistake.
_SECRET_KEY = re.compile(r"(token|secret|password|passwd|api_?key|credential)", re.I)


class ConfigError(Exception):
    """A configuration problem, said in one line for the person running the bot."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _env_name(value: str) -> str:
    """A `*_env` setting names a variable; a secret pasted there must be refused, never echoed."""
    if not _ENV_NAME.match(value) or looks_secret(value):
        raise ValueError(
            "phải là TÊN một biến môi trường (ví dụ TDC_TELEGRAM_TOKEN), không phải chính token hay bí mật; "
            "giá trị không được in ra. Đặt bí mật vào biến môi trường đó và ghi tên biến ở đây "
            "(must name an environment variable, not hold the secret)"
        )
    return value


def _no_token_in_url(value: str) -> str:
    if looks_secret(value):
        raise ValueError(
            "không được chứa token (thư viện tự thêm token vào sau); giá trị không được in ra. "
            "Ghi địa chỉ dạng http://127.0.0.1:8081/bot (the URL must not hold the token)"
        )
    return value


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
    enabled: bool = True
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

    _env_names = field_validator("token_env", "webhook_secret_env")(_env_name)
    _urls = field_validator("base_url", "base_file_url", "webhook_url")(_no_token_in_url)


class ZaloConfig(_Section):
    enabled: bool = False
    token_env: str = "TDC_ZALO_TOKEN"
    base_url: str = "https://bot-api.zaloplatforms.com"
    mode: Literal["polling", "webhook"] = "polling"
    # The public https origin that reaches this process's web server (listen:port), e.g. behind
    # a reverse proxy. The webhook is public_base_url + webhook_path; download links live there too.
    public_base_url: str = ""
    listen: str = "127.0.0.1"
    port: int = Field(default=8444, ge=0, le=65535)
    webhook_path: str = "/zalo/webhook"
    webhook_secret_env: str = "TDC_ZALO_WEBHOOK_SECRET"
    download_minutes: int = Field(default=30, ge=1, le=24 * 60)
    download_uses: int = Field(default=3, ge=1, le=20)
    # Proactive messages (reminders, announcements) a bot may send per month; 0 = no limit.
    monthly_message_budget: int = Field(default=0, ge=0)

    @field_validator("public_base_url")
    @classmethod
    def _origin(cls, value: str) -> str:
        if value and not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", value):
            raise ValueError("public_base_url must look like https://bot.example.vn")
        return value.rstrip("/")

    @field_validator("webhook_path")
    @classmethod
    def _path(cls, value: str) -> str:
        if not re.match(r"^/[A-Za-z0-9/_-]*$", value):
            raise ValueError("webhook_path must start with / and hold only letters, digits, / _ -")
        return value

    _env_names = field_validator("token_env", "webhook_secret_env")(_env_name)
    _urls = field_validator("base_url")(_no_token_in_url)


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


class OpenRegistrationConfig(_Section):
    # Organisations one meeting's public link takes when the organiser gives no number of their own.
    max_organisations: int = Field(default=150, ge=1, le=10000)


class PetitionsConfig(_Section):
    max_per_unit: int = Field(default=10, ge=1, le=200)
    answer_days_after: int = Field(default=3, ge=0, le=60)


class Settings(_Section):
    database: DatabaseConfig = Field(default_factory=DatabaseConfig)
    app: AppConfig = Field(default_factory=AppConfig)
    telegram: TelegramConfig = Field(default_factory=TelegramConfig)
    zalo: ZaloConfig = Field(default_factory=ZaloConfig)
    reminders: RemindersConfig = Field(default_factory=RemindersConfig)
    working_hours: WorkingHoursConfig = Field(default_factory=WorkingHoursConfig)
    invites: InvitesConfig = Field(default_factory=InvitesConfig)
    open_registration: OpenRegistrationConfig = Field(default_factory=OpenRegistrationConfig)
    petitions: PetitionsConfig = Field(default_factory=PetitionsConfig)

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
    except ValidationError as exc:
        # `from None`: pydantic's own text echoes each offending value, and a value may be a token.
        raise ConfigError(f"{chosen or 'config'}: {describe_validation(exc, raw)}") from None
    if os.environ.get("TDC_DATABASE_URL"):
        settings.database.url = os.environ["TDC_DATABASE_URL"]
    _register_url_password(settings.database.url)
    return settings


def describe_validation(exc: ValidationError, raw: dict[str, Any]) -> str:
    """Pydantic's errors said without the values it would echo: where, and what to do."""
    parts = []
    for error in exc.errors(include_url=False, include_input=False, include_context=False)[:3]:
        loc = [str(p) for p in error["loc"]]
        where = f"[{loc[0]}] {'.'.join(loc[1:])}".strip() if len(loc) > 1 else (loc[0] if loc else "?")
        key = loc[-1] if loc else ""
        if error["type"] == "extra_forbidden" and _SECRET_KEY.search(key):
            parts.append(f"{where}: không ghi token hay bí mật vào tệp cấu hình (unknown key; giá trị không được "
                         f"in ra). Xóa dòng này và đặt giá trị vào biến môi trường {_env_hint(raw, loc)}")
        elif error["type"] == "extra_forbidden":
            parts.append(f"{where}: khóa không hợp lệ (unknown key)")
        else:
            parts.append(f"{where}: {redact(str(error['msg']).removeprefix('Value error, '))}")
    return "; ".join(parts)


def _env_hint(raw: dict[str, Any], loc: list[str]) -> str:
    """The variable a misplaced secret belongs in: the section's `*_env` setting, or its default."""
    models: dict[str, type[BaseModel]] = {"telegram": TelegramConfig, "zalo": ZaloConfig}
    model = models.get(loc[0])
    if model is None:
        return "(ghi tên biến đó ở mục *_env tương ứng)"
    field = "webhook_secret_env" if "secret" in loc[-1].lower() else "token_env"
    section = raw.get(loc[0])
    named = section.get(field) if isinstance(section, dict) else None
    usable = isinstance(named, str) and _ENV_NAME.match(named) and not looks_secret(named)
    name = named if usable else model.model_fields[field].default
    return f"{name} (tên biến ghi ở {field} trong [{loc[0]}])"


def _register_url_password(url: str) -> None:
    """A database password in the URL is a secret too: blank it in every output from now on."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return
    if password:
        register_secret(password)


def _secret_from_env(name: str, what: str) -> SecretStr:
    value = os.environ.get(name, "").strip()
    if _PLACEHOLDERS.match(value):
        raise ConfigError(f"{what}: set the environment variable {name} (it is missing or a placeholder)")
    register_secret(value)  # from here on no output of this process shows it, whatever its shape
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
    """The Zalo bot token from the environment, checked for shape, never logged."""
    token = _secret_from_env(settings.zalo.token_env, "Zalo bot token")
    if not _ZALO_TOKEN.match(token.get_secret_value()):
        raise ConfigError(f"Zalo bot token: {settings.zalo.token_env} does not look like a token from Zalo Bot "
                          "Manager (digits, a colon, then the secret)")
    return token
