"""What ``mkdocs serve`` keeps across rebuilds, so a rebuild redoes only what an edit changed:
parsed briefs and bibliographies (by content hash), each brief's notes and their rendered HTML
(while neither it nor the bibliography changed) and its figures (``figures.memo``)."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from .background import Background
from .briefs.parse import ParsedBrief
from .config import ConfigError
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

if TYPE_CHECKING:
    from .figures.memo import MentionMemo


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ParseCache:
    def __init__(self) -> None:
        self._briefs: dict[tuple[str, str], ParsedBrief] = {}
        self._bib: dict[str, bibtex.Bibliography] = {}
        self._notes: dict[str, tuple[ParsedBrief, bibtex.Bibliography, list[Note]]] = {}
        self._rendered: dict[str, tuple[ParsedBrief, bibtex.Bibliography, RenderedNotes]] = {}
        # The figures, kept pickled until asked for: a build reads them where the checks run
        # (``background``), and the process rendering pages never loads them or their modules.
        self._memo: MentionMemo | None = None
        self._memo_blob: bytes | None = None
        self.dirty = True  # holds something the copy on disk does not

    @property
    def memo(self) -> MentionMemo:
        if self._memo is None:
            from .figures.memo import MentionMemo

            blob, self._memo_blob = self._memo_blob, None
            self._memo = pickle.loads(blob) if blob is not None else MentionMemo()
        return self._memo

    @memo.setter
    def memo(self, value: MentionMemo) -> None:
        # Figures read elsewhere (the background checks) are new to the copy on disk.
        self._memo, self._memo_blob, self.dirty = value, None, True

    def __getstate__(self) -> dict[str, object]:
        # What is written is what a later run starts from: nothing in it is new to the disk.
        state = {**self.__dict__, "dirty": False}
        if self._memo is not None:
            state["_memo"] = None
            state["_memo_blob"] = pickle.dumps(self._memo, protocol=pickle.HIGHEST_PROTOCOL)
        return state

    @property
    def changed(self) -> bool:
        return self.dirty or (self._memo is not None and self._memo.dirty)

    def mark_saved(self) -> None:
        self.dirty = False
        if self._memo is not None:
            self._memo.dirty = False

    def site(self, project: Project) -> Site:
        """The site as ``load_site`` reads it, reusing whatever did not change. A bibliography
        to parse is parsed in a child process while this one parses the briefs."""
        bibliography = self._bibliography_later(project)
        briefs = self.briefs(project)
        bib = bibliography()
        site = load_site(project, bibliography=bib, briefs=briefs, resolve=self.notes)
        site.memo_source = lambda: self.memo
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

    def _bibliography_later(self, project: Project) -> Callable[[], bibtex.Bibliography]:
        try:
            files = sorted({f for p in project.bibliography_paths() for f in bibtex.bib_files(p)})
        except bibtex.SourceError as exc:
            raise ConfigError(str(exc)) from exc
        digest = _digest(b"\0".join(f.as_posix().encode() + read_bytes(f, str(f)) for f in files))
        if digest in self._bib:
            return partial(self._bib.__getitem__, digest)
        job = Background(partial(load_bibliography, project))

        def parsed() -> bibtex.Bibliography:
            self._bib = {digest: job.result()}
            self.dirty = True
            return self._bib[digest]

        return parsed
