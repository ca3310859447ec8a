"""The prose of a brief as plain sentences, with offsets kept: Markdown syntax, code, URLs, note
markers and inline citations are blanked out (same length, so every offset still points into
the brief), then each block is cut into sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..briefs.parse import Block, ParsedBrief
from ..briefs.text import code_spans

_SYNTAX = re.compile(
    r"<!--.*?-->"  # comments (ignore directives included)
    r"|!\[[^\]]*\]\([^)]*\)"  # images
    r"|\]\([^)]*\)"  # link destinations: "](https://...)"
    r"|\]\[[^\]]*\]"  # reference links: "][ref]"
    r"|<https?://[^>]*>|</?[A-Za-z][^>]*>"  # autolinks, HTML tags
    r"|https?://\S+|www\.\S+"
    r"|\{:?[^}]*\}"  # attribute lists
    r"|\\(?=\S)",  # backslash escapes
    re.DOTALL,
)
_LINE_SYNTAX = re.compile(r"^[ \t>]*(?:#{1,6}[ \t]+|(?:\d{1,9}[.)]|[-*+])[ \t]+)?", re.MULTILINE)
_EMPHASIS = re.compile(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}|(?<!\w)\[|==|~~")

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "p", "pp", "n", "nn", "e.g", "i.e",
    "inc", "ltd", "co", "corp", "vs", "v", "etc", "cf", "al", "ed", "eds", "vol", "fig", "art",
    "sec", "gen", "sen", "rep", "gov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "approx", "c", "ca", "u.s", "u.k", "u.n", "a.m", "p.m", "jr",
    "sr", "mt", "ft", "lt", "col", "capt", "sgt", "op", "para", "ch", "est",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\|")


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the brief's text
    end: int
    text: str  # the masked text of the brief from start to end
    block: int  # index into ParsedBrief.blocks


def masked_text(brief: ParsedBrief) -> str:
    """The brief with everything that is not prose blanked (newlines kept)."""
    chars = [" " if ch != "\n" else "\n" for ch in brief.text]
    for block in brief.blocks:
        chunk = _mask_block(brief.text[block.start : block.end])
        chars[block.start : block.end] = chunk
    for marker in brief.markers:
        chars[marker.start : marker.end] = " " * (marker.end - marker.start)
    for group in brief.groups:
        chars[group.start : group.end] = " " * (group.end - group.start)
    return "".join(chars)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def _mask_block(chunk: str) -> str:
    text = list(chunk)
    for start, end in code_spans(chunk):
        text[start:end] = " " * (end - start)
    masked = "".join(text)
    masked = _SYNTAX.sub(_blank, masked)
    masked = _LINE_SYNTAX.sub(_blank, masked)
    return _EMPHASIS.sub(_blank, masked)


def sentences(brief: ParsedBrief, masked: str) -> Iterator[Sentence]:
    for index, block in enumerate(brief.blocks):
        yield from _split(masked, block, index)


def _split(masked: str, block: Block, index: int) -> Iterator[Sentence]:
    start = block.start
    for boundary in _BOUNDARY.finditer(masked, block.start, block.end):
        if boundary.group() != "|" and _abbreviation_before(masked, boundary.start()):
            continue
        end = boundary.end() if boundary.group() != "|" else boundary.start()
        if masked[start:end].strip():
            yield Sentence(start, end, masked[start:end], index)
        start = boundary.end()
    if masked[start : block.end].strip():
        yield Sentence(start, block.end, masked[start : block.end], index)


def _abbreviation_before(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12) : dot])
    if word is None:
        return False
    token = word.group(1).lower().strip(".")
    initials = re.fullmatch(r"(?:[a-z]\.)+[a-z]", token) and word.group(1)[:1].isupper()
    return (
        token in _ABBREVIATIONS or (len(token) == 1 and word.group(1).isupper()) or bool(initials)
    )
