"""Which form each citation takes, and how written-out notes get their links."""

from __future__ import annotations

from briefcheck.briefs.notes import build_notes
from briefcheck.briefs.parse import parse
from briefcheck.model import Entry
from briefcheck.render.notes import plan
from briefcheck.sources.match import EntryIndex

ENTRY = Entry(
    "cimpanu2022",
    "online",
    {
        "title": "China faces its first truly mega-leak",
        "url": "https://news.example/mega-leak",
        "date": "2022-07-06",
        "author": "Cimpanu, Catalin",
    },
    "sources/r.bib",
    1,
)
BIB = {ENTRY.key: ENTRY}


def _rendered(text: str) -> list[str]:
    brief = parse(text, "b.md")
    notes = build_notes(brief, BIB.__contains__, EntryIndex.build(BIB.values()))
    out = text
    for item in sorted(plan(notes, BIB.get), key=lambda r: r.start, reverse=True):
        out = out[: item.start] + item.html + out[item.end :]
    return [line for line in out.splitlines() if line.startswith("[^")]


def test_full_then_ibid_then_short() -> None:
    lines = _rendered(
        "A[^1] b[^2] c[^3] d[^4]\n\n[^1]: @cimpanu2022\n[^2]: @cimpanu2022, p. 2\n"
        "[^3]: An aside.\n[^4]: @cimpanu2022\n"
    )
    assert "Catalin Cimpanu" in lines[0] and 'href="https://news.example/mega-leak"' in lines[0]
    assert lines[1] == "[^2]: <i>Ibid.</i>, 2."
    assert lines[3].startswith("[^4]: Cimpanu, “") and lines[3].endswith("n. 1.")


def test_free_text_title_becomes_the_link_and_stays_as_written() -> None:
    (line,) = _rendered(
        'A[^1]\n\n[^1]: Catalin Cimpanu, "China Faces Its First Truly Mega-Leak", Risky '
        "Business News, July 6, 2022.\n"
    )
    assert line == (
        '[^1]: Catalin Cimpanu, <a href="https://news.example/mega-leak">"China Faces Its First '
        'Truly Mega-Leak"</a>, Risky Business News, July 6, 2022.'
    )


def test_bare_backref_shows_the_short_form() -> None:
    lines = _rendered("A[^1] b[^2] c[^3]\n\n[^1]: @cimpanu2022\n[^2]: An aside.\n[^3]: n. 1\n")
    assert lines[2].startswith("[^3]: Cimpanu, “") and "n. 1" in lines[2]
