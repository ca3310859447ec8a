"""Load BibTeX/BibLaTeX files into entries with their file and 1-based line.

bibtexparser 2 keeps going past broken entries and drops duplicate keys into
``failed_blocks``; both are turned into findings here rather than lost.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Entry, Finding, Location, short
from ..rules import finding
from .fields import missing_fields
from .match import EntryIndex

if TYPE_CHECKING:  # bibtexparser itself loads only when a file is parsed
    from bibtexparser import model as bibmodel


class SourceError(Exception):
    """A bibliography that cannot be read at all (missing, unreadable, not UTF-8)."""


@dataclass
class Bibliography:
    entries: dict[str, Entry] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    @cached_property
    def index(self) -> EntryIndex:
        """Entries by URL, DOI and title, built once per bibliography (site and renderer)."""
        return EntryIndex.build(self.entries.values())

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)


_LINE_BREAKS = re.compile(r"\s*\n\s*")


# Braces in a name list mark a corporate author ("{World Health Organization}"), which the
# name parser needs; elsewhere they only protect case and readers never need to see them.
NAME_FIELDS = frozenset({"author", "editor", "translator", "bookauthor"})


def _clean(name: str, value: object) -> str:
    text = str(value)
    if name not in NAME_FIELDS:
        text = text.replace("{", "").replace("}", "")
    return _LINE_BREAKS.sub(" ", text).strip()


def _first_line(block: bibmodel.Block) -> int:
    # bibtexparser counts from 0; a block's text may start with blank lines.
    raw = block.raw or ""
    leading = len(raw) - len(raw.lstrip("\n"))
    return (block.start_line or 0) + 1 + raw[:leading].count("\n")


def _failure_message(block: bibmodel.Block) -> str:
    error = getattr(block, "error", None)
    reason = getattr(error, "abort_reason", None) or str(error or "").strip()
    detail = reason.splitlines()[0].rstrip(".") if reason else "it cannot be parsed"
    head = (block.raw or "").strip().splitlines()[0][:60] if (block.raw or "").strip() else "entry"
    return (
        f"BibTeX entry `{head}` cannot be parsed ({detail}); "
        "check its braces, quotes and the commas between fields."
    )


_FIELD_NAME = re.compile(r"\s*([A-Za-z][\w-]*)\s*=")


def _enclosed_end(value: str) -> int | None:
    """Index just past the `{...}` or `"..."` that opens ``value``, if it opens with one."""
    if value.startswith('"'):
        depth = 0
        for i, char in enumerate(value[1:], start=1):
            depth += {"{": 1, "}": -1}.get(char, 0)
            if char == '"' and depth == 0:
                return i + 1
        return None
    if value.startswith("{"):
        depth = 0
        for i, char in enumerate(value):
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 0:
                return i + 1
    return None


def _run_on_field(block: bibmodel.Entry) -> str | None:
    # Without a comma, the splitter reads `title={A} url={B}` as one value; what follows
    # the closing brace is then `name =`, which no legal value contains.
    for fld in block.fields:
        value = str(fld.value).strip()
        if "=" not in value:  # nothing can run on without its `name =`
            continue
        end = _enclosed_end(value)
        if end is not None and (match := _FIELD_NAME.match(value[end:])):
            return f"{fld.key} and {match.group(1)}"
    return None


@contextlib.contextmanager
def _quiet_parser() -> Iterator[None]:
    # bibtexparser logs each failure itself; they become findings here instead.
    logger = logging.getLogger("bibtexparser")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


@dataclass
class ParsedFile:
    entries: list[Entry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Keys of entries too broken to use: citing them is covered by the bib-syntax finding.
    broken: set[str] = field(default_factory=set)


# Characters LaTeX gives a meaning to (accents, dashes, quotes, ties, groups, math, comments).
_LATEX = re.compile(r"[\\{}~%$&^#]|--|``|''|\s{2}|\n")
# BibLaTeX's verbatim fields: a URL's "%20" is not a LaTeX comment.
_VERBATIM = {"url", "doi", "eprint", "file", "pdf", "verba", "verbb", "verbc", "urldate", "date"}


@cache
def _plain_skipping_decoder() -> type:
    from bibtexparser.middlewares import LatexDecodingMiddleware

    class PlainSkippingDecoder(LatexDecodingMiddleware):
        """Decodes only the values that hold LaTeX, and never a verbatim field. Most titles
        and names are plain text, and pylatexenc costs about a millisecond a value."""

        def transform_entry(self, entry: Any, library: Any) -> Any:
            kept = [(f, f.value, f.enclosing) for f in entry.fields if f.key.lower() in _VERBATIM]
            block = super().transform_entry(entry, library)
            for item, value, enclosing in kept:
                item.value = value
                item.enclosing = enclosing
            return block

        def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
            if not _LATEX.search(python_string):
                return python_string, ""
            result: tuple[str, str] = super()._transform_python_value_string(python_string)
            return result

    return PlainSkippingDecoder


_ENTRY_HEAD = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()=]+)")


def parse_text(text: str, path: str) -> ParsedFile:
    """Entries and findings of one file's text (duplicates within the file included)."""
    from bibtexparser import model as bibmodel
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.middlewares.parsestack import default_parse_stack

    with _quiet_parser():
        library = parse_string(text, parse_stack=[])
        # Run-on fields are only visible before the middleware strips the braces.
        run_on = {(b.start_line or 0): pair for b in library.entries if (pair := _run_on_field(b))}
        stack = [
            *default_parse_stack(allow_inplace_modification=True),
            _plain_skipping_decoder()(keep_braced_groups=True),
        ]
        for middleware in stack:
            library = middleware.transform(library=library)
    parsed = ParsedFile()
    seen: dict[str, Entry] = {}

    def syntax(line: int, message: str) -> None:
        parsed.findings.append(finding("bib-syntax", path, line, None, message))

    blocks = sorted([*library.entries, *library.failed_blocks], key=lambda b: b.start_line or 0)
    for block in blocks:
        line = _first_line(block)
        if isinstance(block, bibmodel.DuplicateBlockKeyBlock):
            first = seen.get(block.key)
            where = f" at line {first.line}" if first else ""
            related = (Location(path, first.line, None, "first defined here"),) if first else ()
            parsed.findings.append(
                finding(
                    "bib-duplicate-key",
                    path,
                    line,
                    None,
                    f"Key `{short(block.key)}` is already defined{where}; "
                    "rename one of the two entries or delete the copy.",
                    related,
                )
            )
        elif isinstance(block, bibmodel.DuplicateFieldKeyBlock):
            names = ", ".join(sorted(getattr(block, "duplicate_keys", None) or [])) or "a field"
            key = getattr(getattr(block, "ignore_error_block", None), "key", None) or "?"
            parsed.broken.add(key)
            syntax(line, f"Entry `{short(key)}` sets {names} more than once; keep one.")
        elif isinstance(block, bibmodel.ParsingFailedBlock):
            head = _ENTRY_HEAD.match((block.raw or "").lstrip())
            if head:
                parsed.broken.add(head.group(2))
            syntax(line, _failure_message(block))
        elif isinstance(block, bibmodel.Entry):
            pair = run_on.get(block.start_line or 0)
            if pair:
                parsed.broken.add(block.key)
                syntax(
                    line,
                    f"Entry `{short(block.key)}` lacks a comma between its fields {pair}; "
                    "add it so both fields are read.",
                )
                continue
            values = {f.key.lower(): _clean(f.key.lower(), f.value) for f in block.fields}
            entry = Entry(block.key, block.entry_type.lower(), values, path, line)
            seen[entry.key] = entry
            parsed.entries.append(entry)
            parsed.findings.extend(_field_findings(entry))
    return parsed


def _field_findings(entry: Entry) -> Iterable[Finding]:
    missing = missing_fields(entry)
    if missing:
        yield finding(
            "bib-missing-field",
            entry.path,
            entry.line,
            None,
            f"@{entry.entry_type}{{{short(entry.key)}}} lacks {', '.join(missing)}; "
            f"add {'it' if len(missing) == 1 else 'them'} so notes and links can be checked.",
        )


def bib_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*.bib") if p.is_file())
    if path.is_file():
        return [path]
    raise SourceError(f"bibliography not found: {path}")


def load(paths: Sequence[Path], root: Path) -> Bibliography:
    """Load every ``.bib`` under ``paths``; keys must be unique across all of them."""
    bib = Bibliography()
    for file in sorted({f for p in paths for f in bib_files(p)}, key=lambda f: f.as_posix()):
        rel = _relative(file, root)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read {rel}: {exc.strerror or exc}") from exc
        text, bad = _decode(data, rel)
        parsed = parse_text(text, rel)
        bib.files.append(rel)
        bib.findings.extend(bad)
        bib.findings.extend(parsed.findings)
        bib.broken |= parsed.broken
        for entry in parsed.entries:
            first = bib.entries.get(entry.key)
            if first is None:
                bib.entries[entry.key] = entry
                continue
            bib.findings.append(
                finding(
                    "bib-duplicate-key",
                    entry.path,
                    entry.line,
                    None,
                    f"Key `{short(entry.key)}` is already defined in {first.path}:{first.line}; "
                    "rename one of the two entries or delete the copy.",
                    (Location(first.path, first.line, None, "first defined here"),),
                )
            )
    return bib


def _decode(data: bytes, rel: str) -> tuple[str, list[Finding]]:
    """UTF-8 text; other bytes are read as U+FFFD so the file's entries stay known (one
    finding rather than an unknown key at every citation)."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = (
            f"{rel} is not UTF-8 text (byte 0x{data[exc.start]:02x} on this line); save it as"
            " UTF-8: until then the unreadable characters show as \ufffd"
        )
        text = data.decode("utf-8-sig", errors="replace")
        return text, [finding("bib-syntax", rel, line, None, message)]


def _relative(file: Path, root: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()
