"""Parsed briefs and bibliographies kept across ``mkdocs serve`` rebuilds, keyed by content
hash, so a rebuild re-reads only what changed."""

from __future__ import annotations

import hashlib

from .briefs.parse import ParsedBrief
from .config import ConfigError
from .site import Project, brief_files, load_bibliography, parse_brief, read_bytes
from .sources import bibtex


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ParseCache:
    def __init__(self) -> None:
        self._briefs: dict[tuple[str, str], ParsedBrief] = {}
        self._bib: dict[str, bibtex.Bibliography] = {}

    def briefs(self, project: Project) -> list[ParsedBrief]:
        fresh: dict[tuple[str, str], ParsedBrief] = {}
        for path in brief_files(project.docs_dir):
            rel = project.rel(path)
            data = read_bytes(path, rel)
            key = (rel, _digest(data))
            if key not in self._briefs:
                self._briefs[key] = parse_brief(data, rel)
            fresh[key] = self._briefs[key]
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
        return self._bib[digest]
