"""The data every part of briefcheck exchanges: findings, bibliography entries, notes.

Paths are POSIX strings relative to the project root (the folder of ``mkdocs.yml``).
Lines and columns are 1-based everywhere.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Location:
    """A place in a file, optionally with a word on why it matters."""

    path: str
    line: int
    column: int | None = None
    message: str | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    path: str
    line: int
    column: int | None
    message: str
    related: tuple[Location, ...] = ()
    # Silenced by an ignore comment or the config: still counted, never fails a run.
    suppressed: bool = False

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column or 0, self.rule)


@dataclass(frozen=True)
class Entry:
    """One bibliography entry; ``fields`` hold plain Unicode text, names lower-cased."""

    key: str
    entry_type: str  # lower-cased: "online", "article", ...
    fields: Mapping[str, str]
    path: str
    line: int

    def get(self, name: str) -> str | None:
        value = self.fields.get(name)
        return value if value else None

    @property
    def title(self) -> str | None:
        return self.get("title")

    @property
    def url(self) -> str | None:
        return self.get("url")

    @property
    def doi(self) -> str | None:
        return self.get("doi")


@dataclass(frozen=True)
class Citation:
    """One reference to a bibliography key, as written (``@key, p. 4``)."""

    key: str
    locator: str | None
    line: int
    column: int
    # Offsets of the whole ``@key, p. 4`` span inside the note body text (for rendering).
    start: int = 0
    end: int = 0


class NoteKind(str, enum.Enum):
    KEYS = "keys"  # one or more @key
    IBID = "ibid"  # Ibid. [locator]
    BACKREF = "backref"  # n. N
    FREE_TEXT = "free-text"  # a citation written out in the house style
    PROSE = "prose"  # an explanatory note that cites nothing
    INLINE = "inline"  # generated from an inline [@key] in the text


@dataclass
class Note:
    """A footnote definition (or an inline citation turned into one), in note order."""

    label: str  # the footnote label; inline citations get a generated one
    number: int  # 1-based: defined notes in order of definition, then inline citations
    line: int
    column: int
    body: str
    body_start: int  # offset of the body in the brief's text
    kind: NoteKind
    citations: list[Citation] = field(default_factory=list)
    ibid: bool = False
    locator: str | None = None  # the locator given after Ibid.
    backrefs: list[tuple[int, int]] = field(default_factory=list)  # (N, offset in text)
    # Resolved: the keys this note cites once Ibid., n. N and free text are followed.
    keys: list[str] = field(default_factory=list)
    # It cites something briefcheck cannot identify (an unknown key, an unmatched
    # free-text citation): Ibid. after it is no orphan, and it is reported only once.
    opaque: bool = False
    matched_by: str | None = None  # "url", "doi" or "title" for a matched free-text note
    ibid_orphan: bool = False
    bad_backrefs: list[tuple[int, int, str]] = field(default_factory=list)  # (N, offset, why)

    @property
    def has_source(self) -> bool:
        return bool(self.keys) or self.opaque


def short(text: str, limit: int = 60) -> str:
    """A key or name as a message shows it: a 5,000-character key is cut, not printed whole."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
