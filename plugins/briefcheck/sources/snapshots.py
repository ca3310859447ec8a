"""Source snapshots (``sources/snapshots/KEY.txt``, ``.md`` or ``.html``): the text of a cited
page as the author read it, and the figures in it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

from ..briefs.text import Positions
from ..figures.grammar import extract
from ..figures.quantity import Quantity

SUFFIXES = (".txt", ".md", ".html", ".htm")


def file_safe(key: str) -> bool:
    """A key that can name a file inside the snapshots folder: no path separators, no leading
    dot (``../``), no NUL, and short enough for any file system."""
    return 0 < len(key) <= 200 and not key.startswith(".") and not any(c in key for c in "/\\\0")


# "URL: ...", "Fetched: ..." lines that ``briefcheck snapshot`` writes above the text.
_HEADER = re.compile(r"^(?:[A-Z][A-Za-z-]*: .*\n)+\n", re.MULTILINE)
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "td", "th", "table", "ul", "ol", "section", "article",
    "blockquote", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skipping:
            self.skipping -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """Readable text of an HTML page: scripts and styles dropped, blocks on their own lines."""
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


@dataclass(frozen=True)
class SnapshotFigure:
    quantity: Quantity
    line: int


@dataclass
class Snapshot:
    key: str
    path: str  # relative to the project root
    text: str

    @cached_property
    def figures(self) -> list[SnapshotFigure]:
        positions = Positions(self.text)
        body = _HEADER.match(self.text)
        start = body.end() if body else 0
        return [
            SnapshotFigure(q, positions.line_col(start + q.start)[0])
            for q in extract(self.text[start:])
        ]


class Snapshots:
    """The snapshots folder, read lazily: only the keys briefs cite are opened."""

    def __init__(self, folder: Path | None, rel: str | None) -> None:
        self.folder = folder
        self.rel = rel
        self._cache: dict[str, Snapshot | None] = {}

    def get(self, key: str) -> Snapshot | None:
        if key not in self._cache:
            self._cache[key] = self._read(key)
        return self._cache[key]

    def _read(self, key: str) -> Snapshot | None:
        if self.folder is None or not self.folder.is_dir() or not file_safe(key):
            return None
        for suffix in SUFFIXES:
            file = self.folder / f"{key}{suffix}"
            if not file.is_file():
                continue
            try:
                raw = file.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
            except OSError:
                return None
            text = html_text(raw) if suffix in (".html", ".htm") else raw
            return Snapshot(key, f"{self.rel}/{file.name}" if self.rel else file.name, text)
        return None
