"""The citation syntax of SPEC §1: ``@key`` with locators, ``Ibid.``, ``n. N``, ``[@key]``.

Everything here works on plain strings and returns offsets into them; callers add the
offset of the string in its file to get positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Pandoc's key grammar: starts with a word character, internal punctuation only when a
# word character follows, so "@key." and "@key," end before the punctuation.
_KEY = r"[^\W](?:\w|[:.#$%&+?<>~/-](?=\w))*"
# A key stands after start, whitespace or an opening bracket; "press@example.org" is no key,
# nor is an escaped "\@handle".
KEY_RE = re.compile(r"(?:(?<=^)|(?<=[\s\[(;]))(-?)@(" + _KEY + ")")

_TERMS = (
    r"pp?|pg|pages?|ch|chap|chapters?|sec|sections?|para|paragraphs?|fig|figures?|nn?|notes?"
    r"|vol|volumes?|col|columns?|ll?|lines?|§+|¶+|art|arts?|table|tbl"
)
_ARABIC = r"\d+[a-z]?(?:\s*[-–—]\s*\d+[a-z]?)?"
_ROMAN = r"[ivxlcdm]+(?:\s*[-–—]\s*[ivxlcdm]+)?"
_LIST = r"(?:\s*,\s*(?:" + _ARABIC + r"))*"
# A locator is a term with a number (arabic or roman), or a bare arabic number; a bare
# roman numeral is too easily an ordinary word ("i.e.").
LOCATOR_RE = re.compile(
    r"(?:(?:"
    + _TERMS
    + r")\.?\s*(?:"
    + _ARABIC
    + "|"
    + _ROMAN
    + ")"
    + _LIST
    + "|"
    + _ARABIC
    + _LIST
    + r")(?![\w])",
    re.IGNORECASE,
)
_LOCATOR_AFTER_KEY = re.compile(r",\s*(" + LOCATOR_RE.pattern + ")", re.IGNORECASE)

IBID_RE = re.compile(r"^[\s*_]*(ibid(?:em)?)\b\.?[*_]*", re.IGNORECASE)
_IBID_LOCATOR = re.compile(r"[,\s]*(" + LOCATOR_RE.pattern + ")", re.IGNORECASE)
# "n. 31 of the audit" / "n. 3 in the report" is a note of another work, not of this brief.
BACKREF_RE = re.compile(r"(?<![\w.])n\.\s?(\d+)\b(?!\s+(?:of|in)\b)")

# An inline citation group: [@key], [see @a, p. 4; @b], never a link "[..](...)"
# or a footnote "[^1]".
INLINE_GROUP_RE = re.compile(r"(?<![!\\])\[(?!\^)([^\[\]\n]*?@[^\[\]]*?)\](?![(\[:])")


@dataclass(frozen=True)
class KeyUse:
    key: str
    locator: str | None
    start: int  # offset of "@"
    end: int  # end of the key and its locator


def find_keys(text: str) -> list[KeyUse]:
    uses: list[KeyUse] = []
    for match in KEY_RE.finditer(text):
        if match.start() > 0 and text[match.start() - 1] == "\\":
            continue
        at = match.start(2) - 1
        end = match.end()
        locator = None
        after = _LOCATOR_AFTER_KEY.match(text, end)
        if after:
            locator = after.group(1).strip()
            end = after.end()
        uses.append(KeyUse(match.group(2), locator, at, end))
    return uses


def find_ibid(text: str) -> tuple[int, int, str | None] | None:
    """(start, end, locator) when the text opens with Ibid."""
    match = IBID_RE.match(text)
    if match is None:
        return None
    locator = None
    end = match.end()
    after = _IBID_LOCATOR.match(text, end)
    if after:
        locator = after.group(1).strip()
        end = after.end()
    return match.start(1), end, locator


def find_backrefs(text: str, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(note number, offset) of each ``n. N`` outside the ``skip`` spans (key locators)."""
    return [
        (int(m.group(1)), m.start())
        for m in BACKREF_RE.finditer(text)
        if not any(start <= m.start() < end for start, end in skip)
    ]
