"""``briefcheck snapshot``: fetch cited pages through the link session and guard, keep their
readable text in ``sources/snapshots/KEY.txt`` under a small header, written atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests
from requests_cache import CachedSession

from ..sources.snapshots import SUFFIXES, file_safe, html_text
from .adapter import BODY_ERROR, TRUNCATED
from .guard import Guard, HostNotFound, Refused

_HASH = re.compile(r"^Content-Hash: sha256:([0-9a-f]{64})$", re.MULTILINE)
_OURS = re.compile(r"^Url: ", re.MULTILINE)
_FETCHED = re.compile(r"^Fetched-At: (\S+)$", re.MULTILINE)


@dataclass(frozen=True)
class Outcome:
    key: str
    state: str  # "new", "changed", "unchanged", "kept" (hand-made) or "failed"
    detail: str  # the file written, or why nothing was


def _text(response: requests.Response) -> str | None:
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    body = response.content.decode(response.encoding or "utf-8", errors="replace")
    if kind in ("text/html", "application/xhtml+xml") or (not kind and "<html" in body[:2000]):
        return html_text(body)
    if kind.startswith("text/") or kind in ("application/json", ""):
        return body
    return None


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename it over: a run killed halfway
    leaves the old file or the new one, never half of one."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _hand_written(folder: Path, key: str) -> Path | None:
    """A snapshot an author made: any file for the key that this command did not write."""
    for suffix in SUFFIXES:
        file = folder / f"{key}{suffix}"
        if file.is_file():
            head = file.read_text(encoding="utf-8", errors="replace")[:2000]
            if suffix != ".txt" or not _OURS.match(head):
                return file
    return None


def take(
    key: str, url: str, folder: Path, session: CachedSession, guard: Guard, timeout: float
) -> Outcome:
    if not file_safe(key):
        return Outcome(
            key,
            "failed",
            "this key cannot name a file (a path separator, a leading"
            " dot or over 200 characters): rename the entry to take a snapshot",
        )
    own = _hand_written(folder, key)
    if own is not None:
        return Outcome(key, "kept", f"{own} was not written by this command and is left alone")
    try:
        guard.check_url(url)
        response = session.get(url, timeout=(timeout, timeout), force_refresh=True)
    except (Refused, HostNotFound) as exc:
        return Outcome(key, "failed", str(exc))
    except requests.RequestException as exc:
        return Outcome(key, "failed", f"could not fetch {url}: {type(exc).__name__}")
    if not 200 <= response.status_code < 300 or BODY_ERROR in response.headers:
        reason = f"{response.status_code} {response.reason or ''}".strip()
        return Outcome(key, "failed", f"{url} answered {reason}; nothing written")
    text = _text(response)
    if text is None:
        kind = response.headers.get("Content-Type", "unknown type")
        return Outcome(key, "failed", f"{url} is {kind}, not text: save its text by hand")
    text = text.strip() + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    target = folder / f"{key}.txt"
    previous = target.read_text(encoding="utf-8", errors="replace") if target.is_file() else None
    header = [
        f"Url: {url}",
        f"Final-Url: {response.url}" if response.url != url else None,
        f"Fetched-At: {dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}",
        f"Http-Status: {response.status_code}",
        f"Content-Hash: sha256:{digest}",
        "Truncated: yes" if TRUNCATED in response.headers else None,
    ]
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(target, "\n".join(h for h in header if h) + "\n\n" + text)
    if previous is None:
        return Outcome(key, "new", str(target))
    old = _HASH.search(previous)
    if old and old.group(1) == digest:
        return Outcome(key, "unchanged", str(target))
    when = _FETCHED.search(previous)
    since = f" since {when.group(1)}" if when else ""
    return Outcome(key, "changed", f"{target} (the page changed{since})")
