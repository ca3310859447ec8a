"""The parse cache (``serve_cache.ParseCache``) kept on disk between builds, so a build after a
build re-reads only the briefs and bibliography files that changed.

It lives in the user's cache folder (``~/.cache/briefcheck`` on Linux, or ``$XDG_CACHE_HOME``),
never in the project: it holds pickled objects, and a file anyone could commit next to the
briefs must not be able to run code (the threat model trusts the Python environment, not the
repository). One file per project folder, named for the folder and for the exact code that
wrote it (every module's size and modification time, the Python version), so an upgraded or
edited briefcheck never reads another version's objects; inside, every piece is still checked
against the content it came from, as in ``mkdocs serve``. A missing or broken file is ignored
and rewritten; a folder that cannot be written costs the speed-up, never the build. Files not
used for 30 days are removed. ``BRIEFCHECK_NO_CACHE=1`` turns it off (the benchmarks' cold runs).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

from platformdirs import user_cache_dir

from . import __version__
from .serve_cache import ParseCache
from .site import Project

log = logging.getLogger("mkdocs.plugins.briefcheck.cache")
_KEEP_DAYS = 30


@cache
def _fingerprint() -> str:
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(package)} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _enabled() -> bool:
    return os.environ.get("BRIEFCHECK_NO_CACHE", "") in ("", "0")


def folder() -> Path:
    return Path(user_cache_dir("briefcheck", appauthor=False)) / "parsed"


def _project_id(project: Project) -> str:
    return hashlib.sha256(str(project.root.resolve()).encode()).hexdigest()[:16]


def cache_file(project: Project) -> Path:
    return folder() / f"{_project_id(project)}-{_fingerprint()}.pickle"


def load(project: Project) -> ParseCache | None:
    """The cache the last build left, or None."""
    path = cache_file(project)
    if not _enabled() or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
        os.utime(path)  # in use: kept by _tidy
    except Exception as exc:  # a truncated or foreign file is only a missed speed-up
        log.debug(f"briefcheck: parse cache {path} not used: {exc}")
        return None
    return found if isinstance(found, ParseCache) else None


def save(project: Project, parsed: ParseCache) -> None:
    """Write the cache atomically (a reader never sees half a file) and drop older versions'."""
    path = cache_file(project)
    if not _enabled() or (not parsed.changed and path.is_file()):
        return
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        parsed.mark_saved()
        _tidy(path, _project_id(project))
    except (OSError, pickle.PicklingError, RecursionError) as exc:
        log.debug(f"briefcheck: parse cache not written to {path}: {exc}")
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _tidy(kept: Path, project_id: str) -> None:
    """Drop this project's files from other code versions, and any file unused for a month."""
    stale = time.time() - _KEEP_DAYS * 86400
    for old in kept.parent.glob("*.pickle"):
        if old != kept and (old.name.startswith(project_id) or old.stat().st_mtime < stale):
            old.unlink(missing_ok=True)
