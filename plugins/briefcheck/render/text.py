"""Plain-text pieces of a citation: LaTeX cleanup, dates, locators (no HTML here)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from briefcheck.model import Entry

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
# LaTeX accents → combining marks: {\'E}mile, \v{c}, \c c.
_MARKS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
          "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
          "c": "\u0327", "k": "\u0328"}  # fmt: skip
_ACCENT = re.compile(
    r"\\([`'^\"~=.])\s*(?:\{([A-Za-z])\}|([A-Za-z]))"  # \'e, \'{e}
    r"|\\([uvHck])(?:\s*\{([A-Za-z])\}|\s+([A-Za-z]))"  # \v{c}, \c c
)
_COMMAND = re.compile(r"\\[A-Za-z]+\s*(?=\{)")  # \emph{…}, \textit{…}: keep the argument
_BRACES = re.compile(r"\\([&%$#_{}])|[{}]")  # \& → &, grouping braces dropped
_SPACE = re.compile(r"\s+")
_LATEX_LIKE = re.compile(r"[\\{}-]")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?!\d)")
_PAGE = re.compile(r"^(?:pp?\.|pages?\b|pg\.)\s*(?=[0-9ivxlcdm])", re.IGNORECASE)


@lru_cache(maxsize=32768)  # the same fields are cleaned for every note citing an entry
def clean_text(text: str) -> str:
    """Drop LaTeX leftovers (grouping braces, ``\\emph``-like commands, ``\\&``); ``--`` → "–"."""
    if not _LATEX_LIKE.search(text):  # most values are plain text
        return unicodedata.normalize("NFC", _SPACE.sub(" ", text).strip())
    text = _ACCENT.sub(_accent, text)
    text = _COMMAND.sub("", text)
    text = _BRACES.sub(lambda m: m.group(1) or "", text)
    text = text.replace("---", "—").replace("--", "–")
    return unicodedata.normalize("NFC", _SPACE.sub(" ", text).strip())


def _accent(m: re.Match[str]) -> str:
    mark = m.group(1) or m.group(4)
    return (m.group(2) or m.group(3) or m.group(5) or m.group(6)) + _MARKS[mark]


def dashes(text: str) -> str:
    """Number ranges take an en dash: "4-5" → "4–5"."""
    return re.sub(r"(?<=\d)\s*-\s*(?=\d)", "–", text)


def _fmt(year: int, month: int | None, day: int | None, year_only: bool) -> str:
    if year_only or month is None:
        return str(year)
    return f"{MONTHS[month - 1]} {day}, {year}" if day else f"{MONTHS[month - 1]} {year}"


def when_text(value: str, year_only: bool = False) -> str:
    """ "2022-07-06" → "July 6, 2022"; "2022-07" → "July 2022"; unparseable → as written."""
    m = _ISO.match(value.strip())
    month = int(m.group(2)) if m and m.group(2) else None
    day = int(m.group(3)) if m and m.group(3) else None
    if not m or (month and not 1 <= month <= 12) or (day and not 1 <= day <= 31):
        return clean_text(value)
    return _fmt(int(m.group(1)), month, day, year_only)


def _month(value: str | None) -> int | None:
    text = clean_text(value or "").lower()
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return next((i + 1 for i, m in enumerate(MONTHS) if text and text[:3] == m[:3].lower()), None)


def date_text(entry: Entry, *, year_only: bool = False) -> str:
    """Publication date from ``date`` (full or partial ISO) or ``year``/``month``/``day``;
    "" when there is none."""
    if value := entry.get("date"):
        return when_text(value, year_only)
    year = (entry.get("year") or "").strip()
    if not re.fullmatch(r"\d{4}", year):
        return clean_text(year)
    month, day = _month(entry.get("month")), (entry.get("day") or "").strip()
    return _fmt(int(year), month, int(day) if month and day.isdigit() else None, year_only)


def locator_text(locator: str | None) -> str:
    """ "p. 45" → "45", "pp. 4-5" → "4–5"; other terms ("chap. 3", "sec. 2") kept."""
    return dashes(_PAGE.sub("", clean_text(locator or "")))
