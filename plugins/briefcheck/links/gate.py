"""Politeness: a bounded number of requests per host at once, a pause between them, and a
whole host slowed down after it answers 429. Also how long to wait before a retry."""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from requests import Response


@dataclass
class _Host:
    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    not_before: float = 0.0
    spacing: float = 0.0


class HostGates:
    def __init__(
        self,
        per_host: int = 4,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        max_spacing: float = 5.0,
    ) -> None:
        self.per_host = per_host
        self.clock = clock
        self.sleep = sleep
        self.max_spacing = max_spacing
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self.peak: dict[str, int] = {}  # most requests in flight at once, per host
        self._active: dict[str, int] = {}

    def _host(self, name: str) -> _Host:
        with self._lock:
            if name not in self._hosts:
                self._hosts[name] = _Host(threading.Semaphore(self.per_host))
            return self._hosts[name]

    @contextmanager
    def slot(self, name: str) -> Iterator[None]:
        host = self._host(name)
        with host.slots:
            with host.lock:
                wait = host.not_before - self.clock()
                host.not_before = max(host.not_before, self.clock()) + host.spacing
            if wait > 0:
                self.sleep(wait)
            with self._lock:
                self._active[name] = self._active.get(name, 0) + 1
                self.peak[name] = max(self.peak.get(name, 0), self._active[name])
            try:
                yield
            finally:
                with self._lock:
                    self._active[name] -= 1

    def slow(self, name: str, pause: float) -> None:
        """After a 429: nothing more to this host for ``pause``, and more space between requests."""
        host = self._host(name)
        with host.lock:
            host.not_before = max(host.not_before, self.clock() + pause)
            host.spacing = min(self.max_spacing, max(0.5, host.spacing * 2))


def retry_after(response: Response, now: dt.datetime | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (a number or an HTTP date), if any."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())
