"""What each entry type needs (SPEC §5 `bib-missing-field`).

Each requirement is a tuple of alternatives: any one of them satisfies it.
"""

from __future__ import annotations

from ..model import Entry

_WEB = (("title",), ("url",), ("date", "year"), ("urldate",))
_DATED = ("date", "year")

REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "online": _WEB,
    "electronic": _WEB,
    "www": _WEB,
    "article": (("author",), ("title",), ("journaltitle", "journal"), _DATED),
    "book": (("author", "editor"), ("title",), _DATED),
    "inbook": (("author",), ("title",), ("booktitle",), _DATED),
    "incollection": (("author",), ("title",), ("booktitle",), _DATED),
    "inproceedings": (("author",), ("title",), ("booktitle",), _DATED),
    "report": (("title",), ("institution", "organization", "publisher"), _DATED),
    "techreport": (("title",), ("institution", "organization", "publisher"), _DATED),
    "thesis": (("author",), ("title",), ("institution", "school"), _DATED),
    "phdthesis": (("author",), ("title",), ("institution", "school"), _DATED),
    "mastersthesis": (("author",), ("title",), ("institution", "school"), _DATED),
}
_ANY = (("title",),)


def requirements(entry: Entry) -> tuple[tuple[str, ...], ...]:
    # A @misc with a url is a web page in all but name.
    if entry.entry_type == "misc" and entry.get("url"):
        return _WEB
    return REQUIRED.get(entry.entry_type, _ANY)


def missing_fields(entry: Entry) -> list[str]:
    return [
        " or ".join(options)
        for options in requirements(entry)
        if not any(entry.get(name) for name in options)
    ]
