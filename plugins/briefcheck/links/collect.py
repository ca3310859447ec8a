"""Every URL a site cites: the ``url`` of each bibliography entry a brief cites, and the links
written in briefs' prose and notes (code left out), each with the places it is written."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..briefs.text import code_spans
from ..model import Location

if TYPE_CHECKING:
    from ..site import Site

_URL = re.compile(r"https?://[^\s<>\"'`|]+", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TRAILING = ".,;:!?*_'\""


@dataclass
class Link:
    url: str
    places: list[Location] = field(default_factory=list)  # where the URL is written
    keys: set[str] = field(default_factory=set)  # bibliography entries giving it
    briefs: set[str] = field(default_factory=set)  # briefs citing or writing it
    citing: list[Location] = field(default_factory=list)  # notes citing an entry giving it


def clean(raw: str) -> str:
    """A URL as written in prose, without the punctuation and brackets around it."""
    url = raw
    while url:
        if (
            url[-1] in _TRAILING
            or (url[-1] == ")" and url.count("(") < url.count(")"))
            or (url[-1] == "]" and url.count("[") < url.count("]"))
        ):
            url = url[:-1]
        else:
            break
    return url


def _field_line(read: Callable[[str], list[str]], path: str, start: int, url: str) -> int:
    """The line of an entry's url field (the entry's own line when it cannot be told)."""
    lines = read(path)
    for number in range(start, min(len(lines), start + 200) + 1):
        text = lines[number - 1]
        if url in text or re.match(r"\s*url\s*=", text, re.IGNORECASE):
            return number
        if number > start and text.lstrip().startswith("@"):
            break
    return start


def collect(site: Site) -> list[Link]:
    links: dict[str, Link] = {}

    def add(url: str) -> Link:
        return links.setdefault(url, Link(url))

    cited: dict[str, list[Location]] = {}
    for path, notes in site.notes.items():
        for note in notes:
            for key in dict.fromkeys(note.keys):
                where = Location(path, note.line, note.column, f"note {note.number} cites {key}")
                cited.setdefault(key, []).append(where)
    for key in sorted(cited):
        entry = site.entry(key)
        url = entry.url.strip() if entry and entry.url else None
        if entry is None or not url:
            continue
        link = add(url)
        field_line = _field_line(site.file_lines, entry.path, entry.line, url)
        place = Location(entry.path, field_line, None)
        if place not in link.places:
            link.places.append(place)
        link.keys.add(key)
        link.briefs |= {place.path for place in cited[key]}
        link.citing += cited[key]
    for brief in site.briefs:
        for block in brief.blocks:
            text = brief.text[block.start : block.end]
            hidden = [*code_spans(text), *((m.start(), m.end()) for m in _COMMENT.finditer(text))]
            for match in _URL.finditer(text):
                if any(a <= match.start() < b for a, b in hidden):
                    continue
                url = clean(match.group())
                if len(url) <= len("https://"):
                    continue
                line, column = brief.positions.line_col(block.start + match.start())
                link = add(url)
                place = Location(brief.path, line, column)
                if place not in link.places:
                    link.places.append(place)
                link.briefs.add(brief.path)
    return list(links.values())
