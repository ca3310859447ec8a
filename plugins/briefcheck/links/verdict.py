"""What a link check concluded about one URL."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class Status(str, enum.Enum):
    OK = "ok"
    REDIRECT = "redirect"
    BROKEN = "broken"
    BLOCKED = "blocked"
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"
    UNCHECKED = "unchecked"

    @property
    def rule(self) -> str | None:
        return None if self is Status.OK else f"link-{self.value}"


@dataclass(frozen=True)
class Verdict:
    url: str
    status: Status
    detail: str  # what happened, for messages: "404 Not Found", "connection refused"
    code: int | None = None
    final_url: str | None = None  # where a redirect ends
    checked_at: dt.datetime | None = None  # when the deciding answer was received (UTC)
    from_cache: bool = False

    def age(self, now: dt.datetime | None = None) -> str | None:
        """How old a cached verdict is, in words: "3 days", "5 hours"."""
        if self.checked_at is None:
            return None
        now = now or dt.datetime.now(dt.timezone.utc)
        seconds = max(0, int((now - self.checked_at).total_seconds()))
        for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
            if seconds >= size:
                count = seconds // size
                return f"{count} {unit}{'' if count == 1 else 's'}"
        return "less than a minute"


class CacheError(Exception):
    """The link cache cannot be opened (an unreachable Redis, an unwritable folder)."""
