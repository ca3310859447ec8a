"""The ``cite-*`` rules (SPEC §5): every note of every brief resolved against the bibliography."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..briefs.parse import ParsedBrief
from ..model import Citation, Entry, Finding, Location, Note, NoteKind, short
from ..rules import finding
from ..site import Site
from ..sources.dates import date_parts, earliest_date


def check_citations(site: Site) -> Iterator[Finding]:
    for brief in site.briefs:
        notes = site.notes[brief.path]
        if brief.encoding_error:
            line, column, reason = brief.encoding_error
            yield finding(
                "brief-encoding",
                brief.path,
                line,
                column,
                f"the file is not UTF-8 text ({reason}), so it is left out of the site; save it"
                " as UTF-8 (or move a non-text file out of the docs folder)",
            )
        if brief.meta_error:
            yield finding(
                "brief-front-matter",
                brief.path,
                1,
                1,
                f"{brief.meta_error}; fix it so the brief's title and date are read.",
            )
        yield from _markers(brief)
        for note in notes:
            yield from _note(site, brief, note)
    yield from _uncited(site)


def _markers(brief: ParsedBrief) -> Iterator[Finding]:
    defined = {d.label for d in brief.definitions}
    used = {m.label for m in brief.markers}
    for marker in brief.markers:
        if marker.label not in defined:
            yield finding(
                "cite-undefined-note",
                brief.path,
                marker.line,
                marker.column,
                f"Note [^{marker.label}] is used here but never defined; add a line "
                f"`[^{marker.label}]: @key` at the end of the brief or fix the label.",
            )
    for definition in brief.definitions:
        if definition.label not in used:
            yield finding(
                "cite-unused-note",
                brief.path,
                definition.line,
                definition.column,
                f"Note [^{definition.label}] is defined but no [^{definition.label}] marker "
                "uses it; add the marker where the claim is made or delete the note.",
            )


def _note(site: Site, brief: ParsedBrief, note: Note) -> Iterator[Finding]:
    where = "inline citation" if note.kind is NoteKind.INLINE else f"note [^{note.label}]"
    for citation in note.citations:
        if site.entry(citation.key) is None and citation.key not in site.bibliography.broken:
            yield _unknown(site, brief, citation)
    if note.kind is NoteKind.FREE_TEXT and not note.keys:
        yield finding(
            "cite-unmatched-note",
            brief.path,
            note.line,
            note.column,
            f"{where.capitalize()} reads like a citation but matches no bibliography entry "
            "by URL, DOI or title; add the source to the bibliography (with the same title "
            "or URL) or cite it as @key.",
        )
    if note.ibid_orphan:
        yield finding(
            "cite-ibid-orphan",
            brief.path,
            note.line,
            note.column,
            f"{where.capitalize()} says Ibid. but no earlier note of this brief cites a source; "
            "replace Ibid. with the @key it means.",
        )
    for target, offset, why in note.bad_backrefs:
        line, column = brief.positions.line_col(offset)
        yield finding(
            "cite-bad-backref",
            brief.path,
            line,
            column,
            f"{where.capitalize()} refers to n. {target}, but {why}; point it at the note that "
            "gives the full citation, or cite the @key.",
            _note_location(brief, target, site),
        )
    yield from _anachronisms(site, brief, note)


def _note_location(brief: ParsedBrief, number: int, site: Site) -> tuple[Location, ...]:
    notes = site.notes[brief.path]
    if 1 <= number <= len(brief.definitions):
        target = notes[number - 1]
        return (Location(brief.path, target.line, target.column, f"note {number}"),)
    return ()


def _unknown(site: Site, brief: ParsedBrief, citation: Citation) -> Finding:
    close = difflib.get_close_matches(citation.key, list(site.bibliography.entries), n=1)
    hint = f"did you mean @{close[0]}? " if close else ""
    sources = ", ".join(site.project.settings.bibliography)
    return finding(
        "cite-unknown-key",
        brief.path,
        citation.line,
        citation.column,
        f"@{short(citation.key)} is not in the bibliography ({sources}); {hint}fix the key or add "
        "the entry (write \\@ if it is not a citation).",
    )


def _anachronisms(site: Site, brief: ParsedBrief, note: Note) -> Iterator[Finding]:
    published = brief.date
    if published is None:
        return
    # Direct citations are judged where they stand; Ibid. and n. N repeat an earlier note,
    # which was judged already.
    if note.kind is NoteKind.FREE_TEXT:
        places = [(key, note.line, note.column) for key in note.keys]
    else:
        places = [(c.key, c.line, c.column) for c in note.citations]
    for key, line, column in places:
        entry = site.entry(key)
        dated = earliest_date(entry) if entry else None
        if entry is None or dated is None or dated <= published:
            continue
        yield finding(
            "cite-anachronism",
            brief.path,
            line,
            column,
            f"@{short(key)} is dated {_show(entry)}, after "
            f"this brief's date {published.isoformat()}; check the source's date or the "
            "brief's `date:`.",
            (Location(entry.path, entry.line, None, f"@{short(key)}"),),
        )


def _show(entry: Entry) -> str:
    """The entry's date at its own precision: 2021, 2021-09 or 2021-09-07."""
    year, month, day = date_parts(entry) or (0, None, None)
    return "-".join([f"{year:04d}", *(f"{n:02d}" for n in (month, day) if n)])


def _uncited(site: Site) -> Iterator[Finding]:
    cited = {key for notes in site.notes.values() for note in notes for key in note.keys}
    for entry in site.bibliography.entries.values():
        if entry.key not in cited:
            yield finding(
                "cite-uncited-entry",
                entry.path,
                entry.line,
                None,
                f"@{short(entry.key)} is cited by no brief; cite it or remove it if it is not"
                " needed.",
            )
