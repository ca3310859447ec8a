"""Decide how each citation of a brief is shown: full form at its first note, "Ibid." for an
immediate repeat, the short form with "n. N" otherwise (Chicago notes-bibliography).

Pure: takes resolved notes and entries, returns HTML per span of the brief's text. Only the
``@key`` spans (and inline ``[@key]`` groups) are rewritten; whatever else an author wrote in
a note is kept as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Citation, Entry, Note, NoteKind
from ..sources.match import QUOTED_RE, URL_RE, norm_title
from . import chicago


@dataclass(frozen=True)
class Replacement:
    start: int  # offsets in the brief's text
    end: int
    html: str
    note: Note | None = None  # set for inline groups, which become notes of their own


# What may stand between citations in a note that is nothing but citations.
_GLUE = re.compile(r"^[\s;,.]*$")
_BARE_BACKREF = re.compile(r"^\s*n\.\s?\d+\.?\s*$")


def plan(notes: Sequence[Note], lookup: Callable[[str], Entry | None]) -> list[Replacement]:
    """Replacements for the citation spans of ``notes`` (which are in note order)."""
    first: dict[str, int] = {}
    previous: list[str] = []
    out: list[Replacement] = []
    for note in notes:
        parts = [_form(c, note, previous, first, lookup) for c in note.citations]
        if note.kind in (NoteKind.KEYS, NoteKind.INLINE) and note.citations:
            out.extend(_spans(note, parts))
        elif note.kind is NoteKind.FREE_TEXT and note.keys:
            out.extend(_link_free_text(note, lookup))
        elif note.kind is NoteKind.BACKREF and _BARE_BACKREF.match(note.body):
            # A bare "n. 3" tells a reader little; show the short form it stands for.
            shorts = [
                chicago.short_note(entry, None, first.get(key))
                for key in note.keys
                if (entry := lookup(key)) is not None
            ]
            if shorts:
                end = note.body_start + len(note.body)
                out.append(Replacement(note.body_start, end, chicago.join_citations(shorts)))
        for key in note.keys:
            first.setdefault(key, note.number)
        previous = list(note.keys)
    return out


def _form(
    citation: Citation,
    note: Note,
    previous: list[str],
    first: dict[str, int],
    lookup: Callable[[str], Entry | None],
) -> str | None:
    entry = lookup(citation.key)
    if entry is None:
        return None
    if len(note.citations) == 1 and previous == [citation.key]:
        return chicago.ibid(citation.locator)
    if citation.key in first:
        return chicago.short_note(entry, citation.locator, first[citation.key])
    return chicago.full_note(entry, citation.locator)


def _spans(note: Note, parts: list[str | None]) -> list[Replacement]:
    """Replace a note that is nothing but citations whole; otherwise each citation in place.
    Inline groups are measured inside their brackets, which the caller turns into a marker."""
    inline = note.kind is NoteKind.INLINE
    start = note.body_start + (1 if inline else 0)
    end = note.body_start + len(note.body) - (1 if inline else 0)
    owner = note if inline else None
    edges = [start, *(x for c in note.citations for x in (c.start, c.end)), end]
    glue = [
        note.body[a - note.body_start : b - note.body_start]
        for a, b in zip(edges[::2], edges[1::2], strict=True)
    ]
    if all(_GLUE.match(text) for text in glue) and all(p is not None for p in parts):
        html = chicago.join_citations([p for p in parts if p is not None])
        return [Replacement(start, end, html, owner)]
    return [
        Replacement(c.start, c.end, part[:-1] if part.endswith(".") else part, owner)
        for c, part in zip(note.citations, parts, strict=True)
        if part is not None
    ]


def _link_free_text(note: Note, lookup: Callable[[str], Entry | None]) -> list[Replacement]:
    """A written-out citation stays as written; its title (or bare URL) becomes the link."""
    out: list[Replacement] = []
    taken: list[tuple[int, int]] = []
    for match in URL_RE.finditer(note.body):
        out.append(_link(note, match.start(), match.end(), match.group(0).rstrip(".,;:")))
        taken.append(match.span())
    for key in note.keys:
        entry = lookup(key)
        url = entry.url if entry else None
        if entry is None or not url or not url.lower().startswith(("http://", "https://")):
            continue
        wanted = {norm_title(t) for t in (entry.title, entry.get("shorttitle")) if t}
        for match in QUOTED_RE.finditer(note.body):
            inner = next(g for g in match.groups() if g)
            if norm_title(inner) in wanted and not any(
                a < match.end() and match.start() < b for a, b in taken
            ):
                out.append(_link(note, match.start(), match.end(), url))
                taken.append(match.span())
                break
    return out


def _link(note: Note, start: int, end: int, url: str) -> Replacement:
    text = note.body[start:end]
    if not url.lower().startswith(("http://", "https://")):
        return Replacement(note.body_start + start, note.body_start + end, html.escape(text))
    markup = f'<a href="{html.escape(url, quote=True)}">{html.escape(text, quote=False)}</a>'
    return Replacement(note.body_start + start, note.body_start + end, markup)


@dataclass(frozen=True)
class RenderedNotes:
    """Everything a brief's notes add to its page: the citation spans' HTML and the list of
    sources (each entry's bibliography HTML, in bibliography order)."""

    replacements: list[Replacement]
    sources: list[str]


def render(notes: Sequence[Note], lookup: Callable[[str], Entry | None]) -> RenderedNotes:
    sources = [chicago.bibliography_entry(e) for e in cited_entries(notes, lookup)]
    return RenderedNotes(plan(notes, lookup), sources)


def cited_entries(notes: Sequence[Note], lookup: Callable[[str], Entry | None]) -> list[Entry]:
    """The brief's list of sources, in bibliography order."""
    seen: dict[str, Entry] = {}
    for note in notes:
        for key in note.keys:
            entry = lookup(key)
            if entry is not None:
                seen.setdefault(key, entry)
    return sorted(seen.values(), key=chicago.sort_key)
