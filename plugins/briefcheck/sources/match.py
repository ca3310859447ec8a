"""Match a free-text note to a bibliography entry by URL, DOI or normalised title."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..model import Entry

URL_RE = re.compile(r"https?://[^\s<>\"'“”‘’)\]]+", re.IGNORECASE)
DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s\"'<>“”]+)", re.IGNORECASE)
# Titles are quoted in the house style: straight or curly double quotes, or *italics*.
QUOTED_RE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|(?<![*\w])\*([^*\n]+)\*(?!\*)|(?<!\w)_([^_\n]+)_")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "Accessed on July 6, 2022" / "retrieved 2022-07-06"; "could not be accessed" is prose.
ACCESSED_RE = re.compile(
    r"\b(?:accessed|retrieved|viewed)\s+(?:on\s+)?(?:\d|" + _MONTH + r"\s)", re.IGNORECASE
)
# Where a title stands in a written-out citation: first, or after the author(s) and a comma,
# or after a signal ("See", "Cf."); and followed by a comma or period, or ending the note.
# A phrase quoted in the middle of prose ('its "online dispute portal";') is no title.
_TITLE_LEAD = re.compile(
    r"^\s*(?:(?:see(?:\s+also)?|cf\.|compare|e\.g\.,?|quoted\s+in)\s+)?"
    r"(?:[^;:“”\"*_\n]{1,200}?,\s*)?$",
    re.IGNORECASE,
)
_TITLE_TAIL = re.compile(r"^\s*(?:[,.(]|$)")


def norm_title(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.casefold()).split())


def norm_url(url: str) -> str:
    url = url.strip().rstrip(".,;:")
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def norm_doi(doi: str) -> str:
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.IGNORECASE)
    return doi.rstrip(".,;").casefold()


@dataclass(frozen=True)
class FreeText:
    """What a written-out citation offers for matching."""

    titles: tuple[str, ...]
    urls: tuple[str, ...]
    dois: tuple[str, ...]
    accessed: bool
    placed_title: bool = False  # a quoted title where a citation puts one

    @property
    def looks_like_citation(self) -> bool:
        # An explanatory note ("The author thanks ...") has none of these.
        return bool(self.placed_title or self.urls or self.dois or self.accessed)


def free_text(text: str) -> FreeText:
    quoted = list(QUOTED_RE.finditer(text))
    titles = tuple(next(g for g in m.groups() if g) for m in quoted)
    urls = tuple(m.group(0) for m in URL_RE.finditer(text))
    dois = tuple(m.group(1) for m in DOI_RE.finditer(text))
    placed = any(
        _TITLE_LEAD.match(text[: m.start()])
        and (_TITLE_TAIL.match(text[m.end() :]) or m.group(0)[-2:-1] in ",.")
        for m in quoted
    )
    return FreeText(titles, urls, dois, bool(ACCESSED_RE.search(text)), placed)


@dataclass
class EntryIndex:
    by_url: dict[str, str] = field(default_factory=dict)
    by_doi: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[Entry]) -> EntryIndex:
        index = cls()
        for entry in entries:
            if entry.url:
                index.by_url.setdefault(norm_url(entry.url), entry.key)
            if entry.doi:
                index.by_doi.setdefault(norm_doi(entry.doi), entry.key)
            for name in ("title", "shorttitle"):
                value = entry.get(name)
                if value and norm_title(value):
                    index.by_title.setdefault(norm_title(value), entry.key)
        return index

    def match(self, text: FreeText) -> tuple[list[str], str | None]:
        """Keys the text cites and what matched them ("url", "doi" or "title")."""
        keys: list[str] = []
        how: str | None = None
        candidates = (
            ("url", self.by_url, [norm_url(u) for u in text.urls]),
            ("doi", self.by_doi, [norm_doi(d) for d in text.dois]),
            ("title", self.by_title, [norm_title(t) for t in text.titles]),
        )
        for kind, table, values in candidates:
            for value in values:
                key = table.get(value)
                if key and key not in keys:
                    keys.append(key)
                    how = how or kind
        return keys, how

    def closest_title(self, text: FreeText) -> str | None:
        import difflib

        for title in text.titles:
            close = difflib.get_close_matches(norm_title(title), self.by_title, n=1, cutoff=0.6)
            if close:
                return self.by_title[close[0]]
        return None
