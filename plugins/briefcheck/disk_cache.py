"""The parse cache (``serve_cache.ParseCache``) kept on disk between builds, so a build after a
build, or a CI run that restores ``.cache/``, re-reads only the briefs and bibliography files
that changed.

The file is named for the exact code that wrote it (every module's size and modification time,
the Python version), so an upgraded or edited briefcheck never reads another version's
objects; inside, every piece is still checked against the content it came from, as in
``mkdocs serve``. A missing, foreign or broken file is ignored and rewritten; a folder that
cannot be written costs the speed-up, never the build. ``BRIEFCHECK_NO_CACHE=1`` turns it off
(the benchmarks' cold runs).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path

from . import __version__
from .serve_cache import ParseCache
from .site import Project

log = logging.getLogger("mkdocs.plugins.briefcheck.cache")
FOLDER = Path(".cache") / "briefcheck"
_PREFIX = "parsed-"


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


def cache_file(project: Project) -> Path:
    return project.root / FOLDER / f"{_PREFIX}{_fingerprint()}.pickle"


def load(project: Project) -> ParseCache | None:
    """The cache the last build left, or None."""
    path = cache_file(project)
    if not _enabled() or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except Exception as exc:  # a truncated or foreign file is only a missed speed-up
        log.debug(f"briefcheck: parse cache {path} not used: {exc}")
        return None
    return found if isinstance(found, ParseCache) else None


def save(project: Project, parsed: ParseCache) -> None:
    """Write the cache atomically (a reader never sees half a file) and drop older versions'."""
    if not _enabled():
        return
    path = cache_file(project)
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for old in path.parent.glob(f"{_PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, RecursionError) as exc:
        log.debug(f"briefcheck: parse cache not written to {path}: {exc}")
        if temporary is not None:
            temporary.unlink(missing_ok=True)
