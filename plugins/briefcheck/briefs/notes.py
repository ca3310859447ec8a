"""Turn a parsed brief's definitions and inline citations into notes, then resolve what each
note cites: ``@key`` directly, ``Ibid.`` from the nearest preceding note with a source,
``n. N`` from note N, free text by matching the bibliography (SPEC §1).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Citation, Note, NoteKind
from ..sources.match import EntryIndex, free_text
from .cite_syntax import KeyUse, find_backrefs, find_ibid, find_keys
from .parse import Definition, ParsedBrief
from .text import Positions

INLINE_LABEL = "bc-inline-{}"


def build_notes(brief: ParsedBrief, known: Callable[[str], bool], index: EntryIndex) -> list[Note]:
    """Notes in order, resolved; ``known(key)`` says whether the bibliography has ``key``."""
    notes = [
        _from_definition(d, n, brief.positions, known, index)
        for n, d in enumerate(brief.definitions, start=1)
    ]
    for group in brief.groups:
        number = len(notes) + 1
        note = Note(
            INLINE_LABEL.format(number),
            number,
            group.line,
            group.column,
            brief.text[group.start : group.end],
            group.start,
            NoteKind.INLINE,
            citations=[_citation(k, brief.positions) for k in group.keys],
        )
        _direct_keys(note, known)
        notes.append(note)
    _resolve(notes, defined=len(brief.definitions))
    return notes


def _citation(use: KeyUse, pos: Positions) -> Citation:
    line, column = pos.line_col(use.start)
    return Citation(use.key, use.locator, line, column, use.start, use.end)


def _from_definition(
    definition: Definition,
    number: int,
    pos: Positions,
    known: Callable[[str], bool],
    index: EntryIndex,
) -> Note:
    body = definition.body
    shift = definition.body_start
    uses = [KeyUse(k.key, k.locator, k.start + shift, k.end + shift) for k in find_keys(body)]
    ibid = find_ibid(body)
    skip = [(u.start - shift, u.end - shift) for u in uses]
    backrefs = [(n, offset + shift) for n, offset in find_backrefs(body, skip)]
    note = Note(
        definition.label,
        number,
        definition.line,
        definition.column,
        body,
        shift,
        NoteKind.PROSE,
        citations=[_citation(u, pos) for u in uses],
        ibid=ibid is not None,
        locator=ibid[2] if ibid else None,
        backrefs=backrefs,
    )
    if uses:
        note.kind = NoteKind.KEYS
        _direct_keys(note, known)
    elif ibid:
        note.kind = NoteKind.IBID
    elif backrefs:
        note.kind = NoteKind.BACKREF
    else:
        written = free_text(body)
        if written.looks_like_citation:
            note.kind = NoteKind.FREE_TEXT
            note.keys, note.matched_by = index.match(written)
            note.opaque = not note.keys
    return note


def _direct_keys(note: Note, known: Callable[[str], bool]) -> None:
    for citation in note.citations:
        if known(citation.key):
            if citation.key not in note.keys:
                note.keys.append(citation.key)
        else:
            note.opaque = True


def _resolve(notes: list[Note], defined: int) -> None:
    """Follow Ibid. and n. N in note order; a backref may point forward, so resolve lazily."""
    state: dict[int, str] = {}  # number -> "busy" | "done"

    def resolve(note: Note) -> None:
        if state.get(note.number) == "done":
            return
        if state.get(note.number) == "busy":  # n. N cycles cite nothing
            return
        state[note.number] = "busy"
        if note.ibid:
            _follow_ibid(note, notes, resolve)
        for target, offset in note.backrefs:
            _follow_backref(note, target, offset, notes, defined, resolve)
        state[note.number] = "done"

    for note in notes:
        resolve(note)


def _follow_ibid(note: Note, notes: list[Note], resolve: Callable[[Note], None]) -> None:
    for earlier in reversed(notes[: note.number - 1]):
        resolve(earlier)
        if earlier.has_source:
            _add(note, earlier)
            return
    note.ibid_orphan = True


def _follow_backref(
    note: Note,
    target: int,
    offset: int,
    notes: list[Note],
    defined: int,
    resolve: Callable[[Note], None],
) -> None:
    if target == note.number:
        note.bad_backrefs.append((target, offset, "it points to itself"))
        return
    if not 1 <= target <= defined:
        note.bad_backrefs.append((target, offset, f"this brief has {defined} notes"))
        return
    other = notes[target - 1]
    resolve(other)
    if not other.has_source:
        note.bad_backrefs.append((target, offset, f"note {target} cites no source"))
        return
    _add(note, other)


def _add(note: Note, source: Note) -> None:
    for key in source.keys:
        if key not in note.keys:
            note.keys.append(key)
    note.opaque = note.opaque or source.opaque
