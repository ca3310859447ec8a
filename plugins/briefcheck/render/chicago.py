"""Chicago (17th ed.) notes-bibliography forms of bibliography entries, as HTML.

Everything taken from an entry is HTML-escaped. Only ``http``/``https`` URLs, and DOIs (as
``https://doi.org/…``), become links; any other URL (``javascript:``…) is shown as escaped text.
The ``*_text`` helpers return plain text: escape it before putting it into HTML.

Entry types: book-like (book, booklet, manual, collection, proceedings) and reports (report,
techreport) get an italic title and "(Place: Publisher, Year)"; incollection/inbook/
inproceedings with a ``booktitle`` get "“Chapter,” in <i>Book</i> (…)"; an article with a
volume or number is a journal article; everything else (online, misc, articles without
volume/number: newspapers, magazines) is cited like a web page: "“Title,” <i>Outlet</i>, Date".
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from briefcheck.model import Entry
from briefcheck.render.names import Form, Name, format_names, names
from briefcheck.render.text import MONTHS, clean_text, dashes, date_text, locator_text, when_text

__all__ = [
    "MONTHS",
    "Name",
    "author_text",
    "bibliography_entry",
    "date_text",
    "full_note",
    "ibid",
    "join_citations",
    "locator_text",
    "names",
    "short_note",
    "short_title_text",
    "sort_key",
]

_BOOKS = frozenset({"book", "mvbook", "booklet", "manual", "collection", "mvcollection",
                    "proceedings", "mvproceedings"})  # fmt: skip
_REPORTS = frozenset({"report", "techreport"})
_PARTS = frozenset({"incollection", "inbook", "inproceedings", "conference", "bookinbook"})
_OUTLETS = ("journaltitle", "journal", "organization", "publisher", "howpublished", "institution")
_TAG = re.compile(r"<[^>]*>")
_KEEP_PERIOD = re.compile(r"(?:\bet al|\betc|\bInc|\bLtd|\bCo|\beds?|\b[A-Za-z])\.$")
_ARTICLE = re.compile(r"^(?:the|an?)\s+")


@dataclass(frozen=True)
class _Seg:
    """A piece of a citation; ``sep`` is the punctuation that comes before it."""

    markup: str
    sep: str = ", "
    quoted: bool = False

    @property
    def end(self) -> str:
        return html.unescape(_TAG.sub("", self.markup))[-1:]


def _render(segs: list[_Seg], final: str = ".") -> str:
    """Join pieces: commas and periods go inside closing quotes and vanish after "?"/"!"."""
    out: list[str] = []
    for i, seg in enumerate(segs):
        nxt = segs[i + 1].sep if i + 1 < len(segs) else final
        punct = nxt.rstrip()
        space = nxt[len(punct) :]
        if (punct in (",", ".") and seg.end in ("?", "!")) or (punct == "." and seg.end == "."):
            punct = ""
        if seg.quoted and punct in (",", "."):
            out.append(f"“{seg.markup}{punct}”{space}")
        elif seg.quoted:
            out.append(f"“{seg.markup}”{punct}{space}")
        else:
            out.append(f"{seg.markup}{punct}{space}")
    return "".join(out)


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _linkable(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _doi_href(entry: Entry) -> str | None:
    doi = re.sub(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", (entry.doi or "").strip())
    return "https://doi.org/" + quote(doi, safe="/:;()._-") if doi.startswith("10.") else None


def _href(entry: Entry) -> str | None:
    """Where the title links: the URL if it is http(s), else the DOI."""
    url = (entry.url or "").strip()
    return url if url and _linkable(url) else _doi_href(entry)


def _link(markup: str, href: str | None) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{markup}</a>' if href else markup


def _url_segs(entry: Entry, always: bool, sep: str) -> list[_Seg]:
    """A non-http URL as text; with ``always``, also the link itself."""
    url = (entry.url or "").strip()
    segs = [_Seg(_e(url), sep)] if url and not _linkable(url) else []
    href = _href(entry)
    if always and href:
        segs.append(_Seg(_link(_e(href), href), sep))
    return segs


def _field(entry: Entry, *fields: str) -> str:
    for name in fields:
        value = clean_text(entry.get(name) or "")
        if value:
            return value
    return ""


def _kind(entry: Entry) -> str:
    t = entry.entry_type
    if t in _BOOKS or t in _REPORTS:
        return "book" if t in _BOOKS else "report"
    if t in _PARTS and entry.get("booktitle"):
        return "part"
    if t == "article" and (entry.get("volume") or entry.get("number")):
        return "journal"
    return "web"


def _title_seg(text: str, kind: str, href: str | None, sep: str = ", ") -> _Seg:
    if kind in ("book", "report"):
        return _Seg(f"<i>{_link(_e(text), href)}</i>", sep)
    # A quotation inside a quoted title takes single quotes.
    inner = re.sub(r'"([^"]*)"|“([^”]*)”', lambda m: f"‘{m.group(1) or m.group(2) or ''}’", text)
    return _Seg(_link(_e(inner), href), sep, quoted=True)


def author_text(entry: Entry, form: Form = "note") -> str:
    """Authors (else editors, with "ed."/"eds." except in short form) in the given form."""
    role, people = "", names(entry.get("author") or "")
    if not people:
        people = names(entry.get("editor") or "")
        role = "ed." if len(people) == 1 and not people[0].others else "eds."
    text = format_names(people, form)
    return f"{text}, {role}" if text and role and form != "short" else text


def short_title_text(entry: Entry) -> str:
    """``shorttitle`` as written; else the title up to its first ":", "?", "!" or dash (a "?"
    or "!" is kept), cut to four words. Leading articles are kept."""
    if short := _field(entry, "shorttitle"):
        return short
    title = _field(entry, "title")
    m = re.search(r"[:?!]|\s*—\s*|\s–\s", title)
    if m:
        title = title[: m.start()] + (m.group() if m.group() in ("?", "!") else "")
    words = title.split()
    if len(words) <= 4:
        return title.strip()
    cut = words[:4]
    # "Joint Statement by the" reads as a typo: end on a word that carries meaning.
    while len(cut) > 1 and cut[-1].lower().strip(",;:") in _FUNCTION_WORDS:
        cut.pop()
    return " ".join(cut).rstrip(",;:.–—-")


_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "nor", "of", "by", "to", "in", "on", "at", "for"}
    | {"with", "from", "as", "into", "over", "about", "its", "their"}
)


def _outlet(entry: Entry, who: str) -> str:
    """The publication or site, unless it merely repeats the (corporate) author."""
    for name in _OUTLETS:
        value = _field(entry, name)
        if value and not re.match(r"(?i)https?://", value):
            return "" if value.casefold() == who.casefold() else value
    return ""


def _facts(entry: Entry, kind: str) -> str:
    """ "Place: Publisher, Year" ("n.d." when there is a publisher or place but no year)."""
    place = _field(entry, "location", "address")
    by = ("institution", "publisher", "organization") if kind == "report" else ("publisher",)
    where = ": ".join(p for p in (place, _field(entry, *by)) if p)
    year = date_text(entry, year_only=True)
    return ", ".join(p for p in (where, year or ("n.d." if where else "")) if p)


def _journal(entry: Entry, sep: str) -> tuple[_Seg, bool]:
    """ "<i>Journal</i> 12, no. 3 (2020)"; also whether a year (in parentheses) closes it."""
    name = _field(entry, "journaltitle", "journal") or _outlet(entry, "")
    markup = f"<i>{_e(name)}</i>" if name else ""
    if volume := _field(entry, "volume"):
        markup += f" {_e(volume)}"
    if number := _field(entry, "number"):
        markup += f", no. {_e(number)}"
    if year := date_text(entry, year_only=True):
        markup += f" ({_e(year)})"
    return _Seg(markup.lstrip(", "), sep), bool(year)


def _with_facts(markup: str, facts: str) -> str:
    return f"{markup} ({_e(facts)})" if facts else markup


def full_note(entry: Entry, locator: str | None = None) -> str:
    """First citation of ``entry`` in a brief; the title links to the URL (or DOI)."""
    kind, title, href = _kind(entry), _field(entry, "title"), _href(entry)
    who = author_text(entry)
    segs = [_Seg(_e(who))] if who else []
    loc_sep = ", "
    if kind in ("book", "report", "part"):
        facts = _facts(entry, kind)
        if title:
            segs.append(_title_seg(title, kind, href))
        if kind == "part":
            segs.append(_Seg(_with_facts(f"in <i>{_e(_field(entry, 'booktitle'))}</i>", facts)))
        elif title:
            segs[-1] = _Seg(_with_facts(segs[-1].markup, facts))
        elif facts:
            segs.append(_Seg(_e(facts)))
    elif kind == "journal":
        if title:
            segs.append(_title_seg(title, kind, href))
        seg, has_year = _journal(entry, ", ")
        segs.append(seg)
        loc_sep = ": " if has_year else ", "
    else:
        if title:
            segs.append(_title_seg(title, kind, href))
        if outlet := _outlet(entry, who):
            segs.append(_Seg(f"<i>{_e(outlet)}</i>"))
        if when := date_text(entry):
            segs.append(_Seg(_e(when)))
        elif urldate := entry.get("urldate"):
            segs.append(_Seg(_e("accessed " + when_text(urldate))))
    if loc := locator_text(locator):
        segs.append(_Seg(_e(loc), loc_sep))
    segs += _url_segs(entry, always=not title, sep=", ")
    return _render(segs or [_Seg(_e(entry.key))])


def short_note(entry: Entry, locator: str | None = None, first_note: int | None = None) -> str:
    """Later citation: surnames, short title (linked), "n. N" of the full note, locator."""
    who = author_text(entry, "short")
    segs = [_Seg(_e(who))] if who else []
    if short := short_title_text(entry):
        segs.append(_title_seg(short, _kind(entry), _href(entry)))
    elif not who:
        segs.append(_Seg(_e(_outlet(entry, "") or entry.key)))
    if first_note is not None:
        segs.append(_Seg(f"n. {int(first_note)}"))
    if loc := locator_text(locator):
        segs.append(_Seg(_e(loc)))
    return _render(segs)


def ibid(locator: str | None = None) -> str:
    """``<i>Ibid.</i>`` or ``<i>Ibid.</i>, 5.``"""
    loc = locator_text(locator)
    return _render([_Seg("<i>Ibid.</i>"), *([_Seg(_e(loc))] if loc else [])])


def bibliography_entry(entry: Entry) -> str:
    """Bibliography form; the URL (or DOI) is given in full, as a link."""
    kind, title = _kind(entry), _field(entry, "title")
    who = author_text(entry, "bibliography")
    segs = [_Seg(_e(who), ". ")] if who else []
    pages = dashes(_field(entry, "pages"))
    if kind in ("book", "report"):
        if title:
            segs.append(_Seg(f"<i>{_e(title)}</i>", ". "))
    elif title:
        segs.append(_title_seg(title, kind, None, ". "))
    if kind == "part":
        segs.append(_Seg(f"In <i>{_e(_field(entry, 'booktitle'))}</i>", ". "))
        if pages:
            segs.append(_Seg(_e(pages)))
    if kind in ("book", "report", "part") and (facts := _facts(entry, kind)):
        segs.append(_Seg(_e(facts), ". "))
    elif kind == "journal":
        seg, has_year = _journal(entry, ". ")
        segs.append(seg)
        if pages:
            segs.append(_Seg(_e(pages), ": " if has_year else ", "))
    elif kind == "web":
        outlet = _outlet(entry, author_text(entry))
        if outlet:
            segs.append(_Seg(f"<i>{_e(outlet)}</i>", ". "))
        if when := date_text(entry):
            segs.append(_Seg(_e(when), ", " if outlet else ". "))
        elif urldate := entry.get("urldate"):
            segs.append(_Seg(_e("Accessed " + when_text(urldate)), ". "))
    segs += _url_segs(entry, always=True, sep=". ")
    return _render(segs or [_Seg(_e(entry.key))])


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _ARTICLE.sub("", text.lstrip("“‘\"'([ "))


def sort_key(entry: Entry) -> tuple[str, str, str, str]:
    """Bibliography order: first author (surname, first name), else title without a leading
    article; case- and accent-insensitive; then title, date and key."""
    title = _fold(_field(entry, "title"))
    who = _fold(author_text(entry, "bibliography"))
    first = who or title or _fold(_outlet(entry, ""))
    return (first, title, entry.get("date") or entry.get("year") or "", entry.key)


def join_citations(parts: list[str]) -> str:
    """Several citations in one note: "A; B; C." with a single final period."""
    items = [p.strip() for p in parts if p.strip()]
    if not items:
        return ""
    body = []
    for part in items[:-1]:
        if part.endswith(".”"):
            part = part[:-2] + "”"
        elif part.endswith(".") and not _KEEP_PERIOD.search(part):
            part = part[:-1]
        body.append(part)
    last = items[-1]
    if html.unescape(_TAG.sub("", last))[-1:] not in (".", "?", "!", "”", "’"):
        last += "."
    return "; ".join([*body, last])
