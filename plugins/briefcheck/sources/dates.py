"""Dates of bibliography entries: BibLaTeX ``date`` (ISO 8601, ranges) or ``year``/``month``."""

from __future__ import annotations

import datetime as dt
import re

from ..model import Entry

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


def month_number(value: str | None) -> int | None:
    if not value:
        return None
    value = value.strip().lower().rstrip(".")
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return _MONTHS.get(value)


def date_parts(entry: Entry) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) at the precision the entry gives; the start of a range."""
    match = _ISO.match(entry.get("date") or "")
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        return year, month, day
    year_match = re.search(r"\d{4}", entry.get("year") or "")
    if not year_match:
        return None
    day_text = entry.get("day")
    day = int(day_text) if day_text and day_text.isdigit() else None
    return int(year_match.group()), month_number(entry.get("month")), day


def earliest_date(entry: Entry) -> dt.date | None:
    """The first day the entry's date allows: "2022" is 2022-01-01, "2022-07" 2022-07-01."""
    parts = date_parts(entry)
    if parts is None:
        return None
    year, month, day = parts
    try:
        return dt.date(year, month or 1, day or 1 if month else 1)
    except ValueError:
        return None
