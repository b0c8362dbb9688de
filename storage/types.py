"""Column types shared by the tables."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class AwareDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware going in and coming out.

    PostgreSQL keeps the zone (timestamptz); SQLite keeps none and would hand back naive
    values, so we store UTC and put the zone back on the way out. A naive value going in is
    a bug in the caller, and is refused rather than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to an AwareDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


# The zone documents and people mean when they write a time (UTC+7, no daylight saving): the
# default where storage attaches a zone to the naive local values the domain returns.
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow() -> datetime:
    """Now, aware, in UTC: the default for created/updated stamps."""
    return datetime.now(UTC)


@overload
def local_aware(value: datetime, tz: ZoneInfo) -> datetime: ...
@overload
def local_aware(value: None, tz: ZoneInfo) -> None: ...
@overload
def local_aware(value: datetime | None, tz: ZoneInfo) -> datetime | None: ...
def local_aware(value: datetime | None, tz: ZoneInfo) -> datetime | None:
    """A naive local value from the domain (documents, time expressions) made aware in `tz`."""
    return value.replace(tzinfo=tz) if value is not None and value.tzinfo is None else value
