"""The answer the parser gives: one value type, shaped like the contract's JSON object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

KINDS = frozenset({"instant", "window", "deadline", "ongoing", "on_demand", "relative", "unknown"})
_FMT = "%Y-%m-%dT%H:%M"


def _fmt(value: datetime | None) -> str | None:
    return value.strftime(_FMT) if value is not None else None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression read from text.

    `start`/`end` are naive local wall times (Asia/Ho_Chi_Minh) at minute precision; `end` is
    exclusive. The relative fields are set only for kind "relative", where the event the span
    counts from is not known yet (see `resolve_relative`).
    """

    kind: str
    start: datetime | None
    end: datetime | None
    offset_days: int | None = None
    anchor: str | None = None
    working_days: bool | None = None
    matched: str | None = None
    warning: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract's output object; relative keys only for "relative", extras when set."""
        out: dict[str, Any] = {"kind": self.kind, "start": _fmt(self.start), "end": _fmt(self.end)}
        if self.kind == "relative":
            out["offset_days"] = self.offset_days
            out["anchor"] = self.anchor
            out["working_days"] = self.working_days
        if self.matched is not None:
            out["matched"] = self.matched
        if self.warning is not None:
            out["warning"] = self.warning
        return out


UNKNOWN = TimeExpr(kind="unknown", start=None, end=None)
