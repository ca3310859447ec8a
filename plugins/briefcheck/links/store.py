"""Verdicts of links that checked out, kept beside the HTTP cache and read in one go.

requests-cache answers one request at a time (building the request, hashing it, reading and
decoding a response: about 0.7 ms each), so 5,000 cited URLs cost seconds even when every
answer is cached. A run first reads the verdicts of all its URLs with one query; only the
rest go to the checker. Only ``ok`` and ``redirect`` verdicts are kept: the ones built from
answers requests-cache keeps too (a failure is always asked again). Two backends behind one
small interface, like the HTTP cache: a SQLite file beside requests-cache's (its own file, so
two runs opening the cache at once never lock each other out), a hash in the same Redis. A
store that cannot be read or written only costs the speed-up. Stored as JSON, never pickled:
a tampered store holds at worst a wrong verdict, which ``max_age`` expires.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from .guard import Guard, HostNotFound, Refused
from .verdict import Status, Verdict

KEPT = (Status.OK, Status.REDIRECT)
VERDICTS_FILE = "verdicts.sqlite"  # beside requests-cache's links.sqlite
log = logging.getLogger("mkdocs.plugins.briefcheck.links")
_TABLE = "briefcheck_verdicts"
_REDIS_KEY = "briefcheck:verdicts"


class VerdictStore(Protocol):
    def get_many(self, urls: Sequence[str]) -> dict[str, Verdict]: ...

    def put_many(self, verdicts: Iterable[Verdict]) -> None: ...

    def close(self) -> None: ...


def _dump(verdict: Verdict) -> str:
    when = verdict.checked_at.isoformat() if verdict.checked_at else None
    return json.dumps([verdict.status.value, verdict.detail, verdict.code, verdict.final_url, when])


def _load(url: str, text: str | bytes) -> Verdict | None:
    try:
        status, detail, code, final, when = json.loads(text)
        checked = dt.datetime.fromisoformat(when)
        if checked.tzinfo is None:
            checked = checked.replace(tzinfo=dt.timezone.utc)
        verdict = Verdict(url, Status(status), str(detail), code, final, checked, from_cache=True)
    except (ValueError, TypeError):
        return None  # written by someone else, or damaged: ask the checker instead
    return verdict if verdict.status in KEPT else None


def _kept(verdicts: Iterable[Verdict]) -> list[tuple[str, str]]:
    return [(v.url, _dump(v)) for v in verdicts if v.status in KEPT and v.checked_at]


def reusable(
    found: dict[str, Verdict], guard: Guard, max_age: dt.timedelta, offline: bool
) -> dict[str, Verdict]:
    """The stored verdicts a run may give as they are: younger than ``max_age`` (any age when
    offline, as the HTTP cache serves stale answers then), and for a URL the guard still lets
    through (its host resolved once per run), so a stored verdict never hides a refusal."""
    now = dt.datetime.now(dt.timezone.utc)
    allowed: dict[tuple[str, int], bool] = {}

    def passes(url: str) -> bool:
        try:
            where = guard.endpoint(url)
        except Refused:
            return False
        if offline:
            return True
        if where not in allowed:
            try:
                guard.addresses(*where)
                allowed[where] = True
            except (Refused, HostNotFound):
                allowed[where] = False
        return allowed[where]

    return {
        url: verdict
        for url, verdict in found.items()
        if verdict.checked_at is not None
        and (offline or now - verdict.checked_at < max_age)
        and passes(url)
    }


def open_store(cache: Any) -> VerdictStore | None:
    """The store beside a requests-cache backend (None for an in-memory cache)."""
    from requests_cache.backends.redis import RedisCache
    from requests_cache.backends.sqlite import SQLiteCache

    if isinstance(cache, SQLiteCache):
        # A file of its own: a second connection writing to requests-cache's file while another
        # run opens it can make requests-cache's own set-up fail with "database is locked".
        try:
            return SQLiteVerdicts(Path(cache.responses.db_path).with_name(VERDICTS_FILE))
        except sqlite3.Error as exc:
            log.warning(f"briefcheck: link verdict store not used: {exc}")
            return None
    if isinstance(cache, RedisCache):
        return RedisVerdicts(cache.responses.connection)  # type: ignore[attr-defined]
    return None


class SQLiteVerdicts:
    """The store as a SQLite file; every failure (locked, damaged) only costs the speed-up."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        # Another run may be switching the journal right now; the default journal works too.
        with contextlib.suppress(sqlite3.OperationalError):
            self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {_TABLE} (url TEXT PRIMARY KEY, data TEXT)")

    def get_many(self, urls: Sequence[str]) -> dict[str, Verdict]:
        found: dict[str, Verdict] = {}
        wanted = set(urls)
        try:
            rows = self.db.execute(f"SELECT url, data FROM {_TABLE}").fetchall()
        except sqlite3.Error as exc:
            log.warning(f"briefcheck: link verdict store not read: {exc}")
            return found
        for url, data in rows:
            if url in wanted and (verdict := _load(url, data)) is not None:
                found[url] = verdict
        return found

    def put_many(self, verdicts: Iterable[Verdict]) -> None:
        rows = _kept(verdicts)
        if not rows:
            return
        try:
            with self.db:
                self.db.executemany(f"INSERT OR REPLACE INTO {_TABLE} VALUES (?, ?)", rows)
        except sqlite3.Error as exc:
            log.warning(f"briefcheck: link verdicts not stored: {exc}")

    def close(self) -> None:
        self.db.close()


class RedisVerdicts:
    def __init__(self, connection: Any) -> None:
        self.redis = connection

    def get_many(self, urls: Sequence[str]) -> dict[str, Verdict]:
        if not urls:
            return {}
        values = self.redis.hmget(_REDIS_KEY, list(urls))
        found = {url: _load(url, data) for url, data in zip(urls, values, strict=True) if data}
        return {url: verdict for url, verdict in found.items() if verdict is not None}

    def put_many(self, verdicts: Iterable[Verdict]) -> None:
        rows = _kept(verdicts)
        if rows:
            self.redis.hset(_REDIS_KEY, mapping=dict(rows))

    def close(self) -> None:
        pass  # the connection belongs to the HTTP cache's backend
