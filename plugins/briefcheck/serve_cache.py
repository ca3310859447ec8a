"""What ``mkdocs serve`` keeps across rebuilds, so a rebuild redoes only what an edit changed:
parsed briefs and bibliographies (by content hash), each brief's notes and their rendered HTML
(while neither it nor the bibliography changed) and its figures (``figures.memo``)."""

from __future__ import annotations

import hashlib

from .briefs.parse import ParsedBrief
from .config import ConfigError
from .figures.memo import MentionMemo
from .model import Note
from .render.notes import RenderedNotes, render
from .site import (
    Project,
    Site,
    brief_files,
    load_bibliography,
    load_site,
    parse_brief,
    read_bytes,
    resolve_brief,
)
from .sources import bibtex


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ParseCache:
    def __init__(self) -> None:
        self._briefs: dict[tuple[str, str], ParsedBrief] = {}
        self._bib: dict[str, bibtex.Bibliography] = {}
        self._notes: dict[str, tuple[ParsedBrief, bibtex.Bibliography, list[Note]]] = {}
        self._rendered: dict[str, tuple[ParsedBrief, bibtex.Bibliography, RenderedNotes]] = {}
        self.memo = MentionMemo()
        self.dirty = True  # holds something the copy on disk does not

    @property
    def changed(self) -> bool:
        return self.dirty or self.memo.dirty

    def mark_saved(self) -> None:
        self.dirty = self.memo.dirty = False

    def site(self, project: Project) -> Site:
        """The site as ``load_site`` reads it, reusing whatever did not change."""
        bib = self.bibliography(project)
        briefs = self.briefs(project)
        site = load_site(project, bibliography=bib, briefs=briefs, resolve=self.notes)
        site.memo = self.memo
        self._notes = {b.path: self._notes[b.path] for b in briefs if b.path in self._notes}
        self._rendered = {b.path: v for b in briefs if (v := self._rendered.get(b.path))}
        return site

    def notes(self, brief: ParsedBrief, bib: bibtex.Bibliography) -> list[Note]:
        kept = self._notes.get(brief.path)
        if kept is not None and kept[0] is brief and kept[1] is bib:
            return kept[2]
        notes = resolve_brief(brief, bib, bib.index)
        self._notes[brief.path] = (brief, bib, notes)
        self.dirty = True
        return notes

    def rendered(self, brief: ParsedBrief, notes: list[Note]) -> RenderedNotes:
        """The HTML of a brief's notes, for the notes ``notes`` gave it."""
        resolved = self._notes.get(brief.path)
        assert resolved is not None and resolved[0] is brief, "resolve the brief's notes first"
        bib = resolved[1]
        kept = self._rendered.get(brief.path)
        if kept is not None and kept[0] is brief and kept[1] is bib:
            return kept[2]
        result = render(notes, bib.get)
        self._rendered[brief.path] = (brief, bib, result)
        self.dirty = True
        return result

    def briefs(self, project: Project) -> list[ParsedBrief]:
        fresh: dict[tuple[str, str], ParsedBrief] = {}
        for path in brief_files(project.docs_dir):
            rel = project.rel(path)
            data = read_bytes(path, rel)
            key = (rel, _digest(data))
            if key not in self._briefs:
                self._briefs[key] = parse_brief(data, rel)
                self.dirty = True
            fresh[key] = self._briefs[key]
        if len(fresh) != len(self._briefs):
            self.dirty = True
        self._briefs = fresh
        return list(fresh.values())

    def bibliography(self, project: Project) -> bibtex.Bibliography:
        try:
            files = sorted({f for p in project.bibliography_paths() for f in bibtex.bib_files(p)})
        except bibtex.SourceError as exc:
            raise ConfigError(str(exc)) from exc
        digest = _digest(b"\0".join(f.as_posix().encode() + read_bytes(f, str(f)) for f in files))
        if digest not in self._bib:
            self._bib = {digest: load_bibliography(project)}
            self.dirty = True
        return self._bib[digest]
