"""BibTeX name lists: parsing, and the forms Chicago gives them (plain text in and out)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from briefcheck.render.text import clean_text

Form = Literal["note", "short", "bibliography"]


@dataclass(frozen=True)
class Name:
    """One person or organisation. ``literal`` names (``{Acme Corp}``) are never split or inverted;
    ``others`` marks the "and others" of a BibTeX list (rendered "et al.")."""

    first: str
    last: str
    literal: bool = False
    von: str = ""
    jr: str = ""
    others: bool = False

    @property
    def surname(self) -> str:
        """ "van Gogh": what short notes show."""
        return self.last if self.literal else " ".join(p for p in (self.von, self.last) if p)

    @property
    def natural(self) -> str:
        """ "Martin Luther King Jr." (no comma before Jr., as Chicago 17 prefers)."""
        if self.literal:
            return self.last
        return " ".join(p for p in (self.first, self.von, self.last, self.jr) if p)

    @property
    def inverted(self) -> str:
        """ "King, Martin Luther, Jr." for the bibliography."""
        return ", ".join(p for p in (self.surname, self.first, self.jr) if p)


OTHERS = Name("", "et al.", others=True)


def _depths(text: str) -> list[int]:
    """Brace depth of every character; an enclosing ``{`` and its ``}`` sit at the outer depth."""
    out: list[int] = []
    depth = 0
    for ch in text:
        if ch == "}":
            depth = max(depth - 1, 0)
        out.append(depth)
        if ch == "{":
            depth += 1
    return out


def _split(text: str, pattern: str) -> list[str]:
    """Split at matches of ``pattern`` outside braces; pieces stripped (may be empty)."""
    depths = _depths(text)
    pieces: list[str] = []
    start = 0
    for m in re.finditer(pattern, text):
        if depths[m.start()] == 0:
            pieces.append(text[start : m.start()].strip())
            start = m.end()
    pieces.append(text[start:].strip())
    return pieces


def _is_braced(text: str) -> bool:
    depths = _depths(text)
    return len(text) >= 2 and text[0] == "{" and text[-1] == "}" and min(depths[1:-1] or [1]) > 0


def _is_lower(word: str) -> bool:
    """A "von" word starts with a lower-case letter; a brace group counts as upper case."""
    for ch in word:
        if ch == "{":
            return False
        if ch.isalpha():
            return ch.islower()
    return False


def _words(text: str) -> list[str]:
    return [w for w in _split(text, r"\s+") if w]


def _parse(text: str) -> Name:
    if _is_braced(text):
        return Name("", clean_text(text[1:-1]), literal=True)
    parts = _split(text, ",")
    jr = ""
    if len(parts) == 1:  # First von Last
        words = _words(parts[0])
        lower = [i for i, w in enumerate(words[:-1]) if _is_lower(w)]
        if lower:
            i, j = lower[0], lower[-1] + 1
            first, von, last = words[:i], words[i:j], words[j:]
        else:
            first, von, last = words[:-1], [], words[-1:]
    else:  # von Last, First  /  von Last, Jr, First
        words = _words(parts[0])
        k = 0
        while k < len(words) - 1 and _is_lower(words[k]):
            k += 1
        von, last = words[:k], words[k:]
        if len(parts) > 2:
            jr = parts[1]
        first = [", ".join(parts[2:] if len(parts) > 2 else parts[1:])]

    def join(ws: list[str]) -> str:
        return clean_text(" ".join(ws))

    return Name(join(first), join(last), von=join(von), jr=clean_text(jr))


def names(field: str) -> list[Name]:
    """Parse "Last, First and First Last and {Org Name} and others"; "others" → ``OTHERS`` last."""
    return list(_names(field))


@lru_cache(maxsize=8192)  # an entry's names are read for every note that cites it
def _names(field: str) -> tuple[Name, ...]:
    out: list[Name] = []
    others = False
    for piece in _split(field.strip(), r"(?i)\s+and\s+"):
        if piece.casefold() == "others":
            others = True
        elif piece:
            name = _parse(piece)
            if name.last or name.first:
                out.append(name)
    return (*out, OTHERS) if others else tuple(out)


def _series(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def format_names(people: Sequence[Name], form: Form = "note") -> str:
    """Chicago name lists. Notes: "A B", "A B and C D", "A B, C D, and E F", 4+ → "A B et al."
    (``short`` uses surnames). Bibliography: first name inverted, up to ten listed, else seven
    and "et al."."""
    listed = [n for n in people if not n.others]
    etal = len(listed) < len(people)
    if not listed:
        return ""
    if form == "bibliography":
        if len(listed) > 10:
            listed, etal = listed[:7], True
        shown = [listed[0].inverted] + [n.natural for n in listed[1:]]
        if etal:
            return ", ".join([*shown, "et al."])
        return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + ", and " + shown[-1]
    shown = [n.surname if form == "short" else n.natural for n in listed]
    if etal or len(shown) > 3:
        return f"{shown[0]} et al."
    return _series(shown)
