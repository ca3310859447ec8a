"""The ``briefcheck.markdown`` Python-Markdown extension: renders a brief's notes.

It runs wherever Python-Markdown runs (MkDocs, ProperDocs, Zensical, a bare
``markdown.markdown(text, extensions=["footnotes", "briefcheck.markdown"])``). It checks
nothing: findings come from ``briefcheck check`` and the MkDocs plugin.

The preprocessor reads the page with the same parser as the checks, swaps each ``@key``
span for its Chicago form (through the HTML stash, so bibliography text is never read as
Markdown), turns inline ``[@key]`` groups into footnotes, and appends the list of sources.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .briefs.notes import build_notes
from .briefs.parse import ParsedBrief, parse
from .model import Note, NoteKind
from .render.notes import RenderedNotes, Replacement, render
from .render.pages import GENERATED_MARK
from .sources import bibtex

# Under MkDocs this logger counts toward --strict; elsewhere it is an ordinary warning.
log = logging.getLogger("mkdocs.plugins.briefcheck.markdown")
_FOOTNOTE_MARKER = "///Footnotes Go Here///"


class _Library:
    """A bibliography with its match index, reloaded when a file changes."""

    def __init__(self, bib: bibtex.Bibliography) -> None:
        self.bib = bib
        self.index = bib.index


_CACHE: dict[tuple[tuple[str, float, int], ...], _Library] = {}


def _signature(paths: list[Path]) -> tuple[tuple[str, float, int], ...]:
    files = [f for p in paths for f in bibtex.bib_files(p)]
    return tuple((f.as_posix(), f.stat().st_mtime, f.stat().st_size) for f in sorted(files))


def load_library(paths: list[Path], root: Path) -> _Library:
    signature = _signature(paths)
    if signature not in _CACHE:
        _CACHE.clear()
        _CACHE[signature] = _Library(bibtex.load(paths, root))
    return _CACHE[signature]


class NotesPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: BriefcheckExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if GENERATED_MARK in text:
            return lines
        library = self.extension.library()
        if library is None:
            return lines
        known = self.extension.known_brief(text)
        if known is None:
            brief = parse(text, "<page>")
            notes = build_notes(brief, library.bib.__contains__, library.index)
        else:
            brief, notes = known
        if not notes:
            return lines
        rendered = self.extension.render(brief, notes, library)
        # The notes' offsets count from the start of the parsed file, front matter included.
        text, appended = self._apply(brief.text, rendered.replacements, notes)
        if known is not None:
            text = text[brief.body_start :].lstrip("\n")
        tail = appended
        if rendered.sources:
            if brief.definitions or appended:
                tail.append(_FOOTNOTE_MARKER if _FOOTNOTE_MARKER not in text else "")
            items = "".join(f"<li>{entry}</li>" for entry in rendered.sources)
            html = f'<ul class="briefcheck-sources">{items}</ul>'
            tail += [self.extension.getConfig("sources_heading"), self.md.htmlStash.store(html)]
        if tail:
            # No blank line after the last placeholder, or Python-Markdown wraps it in <p>.
            text = text.rstrip("\n") + "\n\n" + "\n\n".join(t for t in tail if t)
        return text.split("\n")

    def _apply(
        self, text: str, replacements: list[Replacement], notes: list[Note]
    ) -> tuple[str, list[str]]:
        inline: dict[str, list[Replacement]] = defaultdict(list)
        edits: list[tuple[int, int, str]] = []
        for item in replacements:
            if item.note is None:
                edits.append((item.start, item.end, self._stash(item)))
            else:
                inline[item.note.label].append(item)
        appended: list[str] = []
        for note in notes:
            items = inline.get(note.label)
            if note.kind is not NoteKind.INLINE or not items:
                continue
            inner_start, inner_end = note.body_start + 1, note.body_start + len(note.body) - 1
            body = text[inner_start:inner_end]
            for item in sorted(items, key=lambda r: r.start, reverse=True):
                start, end = item.start - inner_start, item.end - inner_start
                body = body[:start] + self._stash(item) + body[end:]
            # The marker hugs the word before it, as Pandoc places inline citation notes.
            start = len(text[: note.body_start].rstrip(" \t"))
            edits.append((start, note.body_start + len(note.body), f"[^{note.label}]"))
            appended.append(f"[^{note.label}]: {body.strip()}")
        for start, end, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text, appended

    def _stash(self, item: Replacement) -> str:
        placeholder: str = self.md.htmlStash.store(
            f'<span class="briefcheck-cite">{item.html}</span>'
        )
        return placeholder


class BriefcheckExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "bibliography": [["sources"], "A .bib file or folder, or a list of them."],
            "base_dir": ["", "Folder the paths are relative to (default: the working folder)."],
            "sources_heading": ["## Sources", "Markdown heading above each brief's sources."],
        }
        # The MkDocs plugin hands over the bibliography it already loaded.
        self._preloaded: _Library | None = None
        # ... and the briefs it already parsed, resolved and rendered, by the text Markdown
        # will see.
        self._known: dict[str, tuple[ParsedBrief, list[Note]]] = {}
        self._rendered: Callable[[ParsedBrief, list[Note]], RenderedNotes] | None = None
        self._warned = False
        super().__init__(**kwargs)

    def use_bibliography(self, bib: bibtex.Bibliography) -> None:
        self._preloaded = _Library(bib)

    def use_briefs(
        self,
        resolved: Iterable[tuple[ParsedBrief, list[Note]]],
        rendered: Callable[[ParsedBrief, list[Note]], RenderedNotes] | None = None,
    ) -> None:
        """Briefs parsed and resolved before, and optionally where their rendered notes are
        kept (the plugin's parse cache), so a page is neither parsed nor rendered twice."""
        self._known = {brief.body: (brief, notes) for brief, notes in resolved}
        self._rendered = rendered

    def known_brief(self, text: str) -> tuple[ParsedBrief, list[Note]] | None:
        """A brief parsed before whose body is exactly this page's text, so it is not parsed
        twice; None when the renderer changed the text (tabs expanded, say)."""
        return self._known.get(text.strip("\n"))

    def render(self, brief: ParsedBrief, notes: list[Note], library: _Library) -> RenderedNotes:
        if self._rendered is not None and self._known.get(brief.body, (None,))[0] is brief:
            return self._rendered(brief, notes)
        return render(notes, library.bib.get)

    def library(self) -> _Library | None:
        if self._preloaded is not None:
            return self._preloaded
        raw = self.getConfig("bibliography")
        paths = [raw] if isinstance(raw, str) else list(raw)
        root = Path(self.getConfig("base_dir") or os.getcwd())
        try:
            return load_library([root / p for p in paths], root)
        except (bibtex.SourceError, OSError) as exc:
            if not self._warned:
                self._warned = True
                log.warning(f"briefcheck.markdown: notes left as written: {exc}")
            return None

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # "\@handle" is how an author says "not a citation"; show it as "@handle".
        if "@" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("@")
        # Before Python-Markdown stashes raw HTML blocks (20); after whitespace is normalised.
        md.preprocessors.register(NotesPreprocessor(md, self), "briefcheck_notes", 25)


def makeExtension(**kwargs: Any) -> BriefcheckExtension:
    return BriefcheckExtension(**kwargs)
