"""The one cached HTTP session every link check and snapshot goes through.

SQLite (WAL, busy timeout) in the configured folder, or Redis for a team's shared cache; always
the JSON serializer, never pickle, because a cache restored in CI may be untrusted. Only answers
that verify a link (2xx and redirects) are stored, so failures are asked again on every run.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

import requests
from requests_cache import CachedSession
from requests_cache.backends.base import BaseCache
from requests_cache.backends.sqlite import SQLiteCache

from .adapter import BODY_ERROR, GuardedAdapter
from .guard import Guard
from .verdict import CacheError

log = logging.getLogger("briefcheck.links")

CACHE_FILE = "links.sqlite"
VERIFYING = (*range(200, 300), 301, 302, 303, 307, 308)
# A HEAD answered with an error is always followed by a fresh GET, so keeping it costs nothing
# and spares servers that refuse HEAD a wasted request on every run (and serves offline runs).
_HEAD_ERRORS = (*(c for c in range(400, 500) if c not in (408, 429)), 501)


def _keep(response: requests.Response) -> bool:
    if BODY_ERROR in response.headers:
        return False
    if response.status_code in VERIFYING:
        return True
    method = response.request.method if response.request is not None else None
    return method == "HEAD" and response.status_code in _HEAD_ERRORS


USER_AGENT = "briefcheck link checker (+https://pypi.org/project/briefcheck/)"


def _set_aside(path: Path) -> None:
    """A truncated or garbage cache file is moved aside (never deleted) and a new one begun."""
    if not path.exists():
        return
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            ok = db.execute("PRAGMA quick_check").fetchone()
        if ok and ok[0] == "ok":
            return
    except sqlite3.DatabaseError:
        pass
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.replace(aside)
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            sidecar.replace(aside.with_name(aside.name + suffix))
    log.warning(f"link cache {path} was unreadable; moved to {aside.name} and started afresh")


def _backend(cache: str, root: Path) -> BaseCache:
    if cache.startswith(("redis://", "rediss://", "unix://")):
        try:
            from redis import Redis
            from requests_cache.backends.redis import RedisCache
        except ImportError as exc:
            raise CacheError("links.cache: a redis:// cache needs the redis package") from exc
        connection = Redis.from_url(cache, socket_timeout=5, socket_connect_timeout=5)
        try:
            connection.ping()
        except Exception as exc:  # redis raises its own hierarchy; any failure means no cache
            raise CacheError(f"links.cache: cannot reach {cache}: {exc}") from exc
        return RedisCache(namespace="briefcheck", connection=connection, serializer="json")
    folder = Path(cache) if Path(cache).is_absolute() else root / cache
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CacheError(f"links.cache: cannot create {folder}: {exc.strerror or exc}") from exc
    path = folder / CACHE_FILE
    _set_aside(path)
    return SQLiteCache(path, serializer="json", wal=True, busy_timeout=30_000)


def open_session(
    cache: str | None,
    root: Path,
    max_age: dt.timedelta,
    guard: Guard,
    *,
    pool_size: int = 32,
) -> CachedSession:
    """``cache=None`` keeps the cache in memory (one run)."""
    backend: BaseCache | str = "memory" if cache is None else _backend(cache, root)
    session = CachedSession(
        backend=backend,
        serializer="json",
        expire_after=max_age,
        allowable_codes=(*VERIFYING, *_HEAD_ERRORS),
        allowable_methods=("GET", "HEAD"),
        stale_if_error=False,
        filter_fn=_keep,
    )
    # Proxies from the environment would be reached instead of the checked address.
    session.trust_env = False
    session.headers["User-Agent"] = USER_AGENT
    session.max_redirects = 10
    adapter = GuardedAdapter(guard, pool_connections=pool_size, pool_maxsize=pool_size)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


__all__ = ["CacheError", "open_session"]
