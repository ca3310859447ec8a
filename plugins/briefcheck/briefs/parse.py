"""Read one brief with markdown-it-py: front matter, note markers, note definitions, inline
citations, each with its exact 1-based line and column.

markdown-it only turns a marker into a ``footnote_ref`` when its note is defined, so markers
are found by scanning the raw text of each inline block (code spans excluded), and
definitions come from the footnote plugin's own block tokens (its ``footnote_tail`` rule,
which drops unused definitions, is switched off).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import yaml

from .cite_syntax import INLINE_GROUP_RE, KeyUse, find_keys
from .text import Positions, code_spans, inside

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True)
class Marker:
    """A ``[^label]`` in the running text."""

    label: str
    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True)
class Definition:
    """A ``[^label]: body`` note definition; ``body_start`` is the body's offset in the text."""

    label: str
    line: int
    column: int
    body: str
    body_start: int


@dataclass(frozen=True)
class InlineGroup:
    """A Pandoc-style ``[@key, p. 4; @other]`` in the running text."""

    start: int
    end: int
    line: int
    column: int
    keys: tuple[KeyUse, ...]  # offsets relative to the text of the brief


@dataclass(frozen=True)
class Block:
    """A run of prose (paragraph, heading, table row, note body): where figures are read."""

    start: int
    end: int
    kind: str  # "paragraph", "heading", "table" or "note"
    note: str | None = None  # the label of the note definition it belongs to


@dataclass
class ParsedBrief:
    path: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    meta_error: str | None = None
    # Not UTF-8 text: (line, column, reason) of the first bad byte; the brief is read as empty.
    encoding_error: tuple[int, int, str] | None = None
    markers: list[Marker] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    groups: list[InlineGroup] = field(default_factory=list)
    body_start: int = 0  # offset of the first character after the front matter

    @property
    def body(self) -> str:
        """The text a Markdown renderer sees once the front matter is stripped: from the end of
        the front matter, without the blank lines around it."""
        return self.text[self.body_start :].strip("\n")

    blocks: list[Block] = field(default_factory=list)
    positions: Positions = field(init=False)

    def __post_init__(self) -> None:
        self.positions = Positions(self.text)

    @property
    def date(self) -> dt.date | None:
        return as_date(self.meta.get("date"))

    @property
    def title(self) -> str | None:
        title = self.meta.get("title")
        return str(title) if title else None

    @property
    def authors(self) -> list[str]:
        """`authors: [A, B]`, or one `author:` / `authors:` string."""
        return _strings(self.meta.get("authors", self.meta.get("author")))

    @property
    def tags(self) -> list[str]:
        return _strings(self.meta.get("tags"))

    @property
    def summary(self) -> str | None:
        text = self.meta.get("summary", self.meta.get("description"))
        return " ".join(str(text).split()) if text else None


def _strings(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    if value is None or not str(value).strip():
        return []
    return [str(value).strip()]


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


@cache  # markdown-it loads when a brief is first parsed, not with the package
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(footnote_plugin)
    md.disable("footnote_tail")
    return md


_MARKER = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")
_DEFINITION_HEAD = re.compile(r"[ \t]*\[\^([^\]\s]+)\]:[ \t]*")


def parse(text: str, path: str) -> ParsedBrief:
    brief = ParsedBrief(path, text)
    tokens = _markdown().parse(text, {})
    pos = brief.positions
    scanned: set[int] = set()
    notes: list[str] = []
    kind = "paragraph"
    for token in tokens:
        if token.type == "front_matter":
            brief.meta, brief.meta_error = _front_matter(token.content)
            if token.map:
                after = token.map[1] + 1  # 1-based line after the closing fence
                brief.body_start = pos.line_start(after) if after <= len(pos.starts) else len(text)
        elif token.type == "footnote_reference_open" and token.map:
            notes.append(str(token.meta.get("label", "")))
            brief.definitions.append(_definition(token, pos))
        elif token.type == "footnote_reference_close":
            notes.pop()
        elif token.type in _BLOCK_KINDS:
            kind = _BLOCK_KINDS[token.type]
        elif token.type == "inline" and token.map:
            _scan_inline(brief, token, scanned, kind, notes[-1] if notes else None)
    return brief


_BLOCK_KINDS = {"heading_open": "heading", "paragraph_open": "paragraph", "tr_open": "table"}


class _MetaLoader(yaml.SafeLoader):
    """Safe YAML where a date that cannot be ("2022-13-45") stays the text it was, so one bad
    value does not cost the brief its title."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> object:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[arg-type]
        except ValueError:
            return self.construct_scalar(node)  # type: ignore[arg-type]


_MetaLoader.add_constructor("tag:yaml.org,2002:timestamp", _MetaLoader.construct_yaml_timestamp)


def _front_matter(content: str) -> tuple[dict[str, Any], str | None]:
    try:
        meta = yaml.load(content, Loader=_MetaLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # The YAML starts on the line after the opening "---".
        where = f" (line {mark.line + 2})" if mark else ""
        return {}, f"front matter is not valid YAML{where}: {getattr(exc, 'problem', exc)}"
    except (ValueError, RecursionError) as exc:
        return {}, f"front matter has an impossible value: {exc}"
    if meta is None:
        return {}, None
    if not isinstance(meta, dict):
        return {}, "front matter must be a YAML mapping of keys (title:, date:, ...)"
    date = meta.get("date")
    if date is not None and as_date(date) is None:
        return meta, f"date: {str(date)[:40]!r} is not a date (write YYYY-MM-DD)"
    return meta, None


def _definition(token: Token, pos: Positions) -> Definition:
    assert token.map is not None
    first, last = token.map
    start, end = pos.lines_span(first + 1, last)
    chunk = pos.text[start:end]
    head = _DEFINITION_HEAD.match(chunk)
    label = str(token.meta.get("label", ""))
    if head is None:  # a definition inside a container (list, quote): find its marker
        at = chunk.find(f"[^{label}]:")
        head_end = at + len(label) + 4 if at >= 0 else 0
        column = (at if at >= 0 else 0) + 1
    else:
        head_end = head.end()
        column = head.start(1) - 1  # the "[" two characters before the label, 1-based
    body = chunk[head_end:].rstrip()
    return Definition(label, first + 1, column, body, start + head_end)


def _scan_inline(
    brief: ParsedBrief, token: Token, scanned: set[int], kind: str, note: str | None
) -> None:
    assert token.map is not None
    pos = brief.positions
    lines = [n for n in range(token.map[0] + 1, token.map[1] + 1) if n not in scanned]
    if not lines:
        return
    scanned.update(lines)
    start, end = pos.lines_span(lines[0], lines[-1])
    chunk = pos.text[start:end]
    # The marker that opens a definition is the definition, not a use of it.
    head = _DEFINITION_HEAD.match(chunk)
    skip_to = head.end() if head and _is_definition_line(brief, lines[0]) else 0
    block_kind = "note" if note is not None else kind
    brief.blocks.append(Block(start + skip_to, end, block_kind, note))
    codes = code_spans(chunk)
    for match in _MARKER.finditer(chunk, skip_to):
        if inside(match.start(), codes):
            continue
        line, column = pos.line_col(start + match.start())
        brief.markers.append(
            Marker(match.group(1), start + match.start(), start + match.end(), line, column)
        )
    if note is not None:  # a bracketed @key inside a note is read with the note's body
        return
    for match in INLINE_GROUP_RE.finditer(chunk, skip_to):
        if inside(match.start(), codes):
            continue
        inner_start = start + match.start(1)
        keys = tuple(
            KeyUse(k.key, k.locator, inner_start + k.start, inner_start + k.end)
            for k in find_keys(match.group(1))
        )
        if keys:
            line, column = pos.line_col(start + match.start())
            brief.groups.append(
                InlineGroup(start + match.start(), start + match.end(), line, column, keys)
            )


def _is_definition_line(brief: ParsedBrief, line: int) -> bool:
    return any(d.line == line for d in brief.definitions)
