"""Figures kept between runs (``figures.memo``): a reused reading must equal a fresh one, and a
brief is read again whenever anything its reading depended on changed, even in another brief."""

from __future__ import annotations

from pathlib import Path

from briefcheck.briefs.notes import build_notes
from briefcheck.briefs.parse import ParsedBrief, parse
from briefcheck.figures.claims import conflicts
from briefcheck.figures.memo import MentionMemo, site_mentions
from briefcheck.figures.mentions import Mention, entry_source_words
from briefcheck.sources import bibtex

ALPHA = """\
---
title: Alpha
---

Services at Harbourline stopped for 12 days in May 2023.

Harbourline and its processor Quaymark said that 4.2 million customers were affected.
"""

BETA = """\
---
title: Beta
---

Rivermoor lost 3 TB of data in 2022, and its Services were down for 9 days.
"""


def _no_sources(key: str) -> set[str]:
    return set()


def _briefs(**texts: str) -> list[ParsedBrief]:
    return [parse(text, f"briefs/{name}.md") for name, text in texts.items()]


def _read(briefs: list[ParsedBrief], memo: MentionMemo | None = None) -> list[Mention]:
    return site_mentions(briefs, {}, _no_sources, memo)


def _names(found: list[Mention], path: str, value: float) -> frozenset[str]:
    (mention,) = [m for m in found if m.path == path and m.quantity.value == value]
    return mention.names


def test_unchanged_briefs_are_reused_and_equal_a_fresh_read() -> None:
    memo = MentionMemo()
    first = _read(_briefs(alpha=ALPHA, beta=BETA), memo)
    assert memo.reused == 0
    edited = BETA.replace("9 days", "10 days")
    again = _read(_briefs(alpha=ALPHA, beta=edited), memo)
    assert memo.reused == 1  # alpha
    assert again == _read(_briefs(alpha=ALPHA, beta=edited))
    assert again != first


def test_an_edit_elsewhere_that_changes_what_names_a_thing_rereads_the_brief() -> None:
    memo = MentionMemo()
    before = _read(_briefs(alpha=ALPHA, beta=BETA), memo)
    # "Services" opens alpha's first sentence; beta capitalises it mid-sentence, so it reads
    # as a name there. Once beta writes "services" in lower case, it no longer is one.
    assert "services" in _names(before, "briefs/alpha.md", 12)
    lower = BETA.replace("its Services were", "its services were")
    after = _read(_briefs(alpha=ALPHA, beta=lower), memo)
    assert memo.reused == 0
    assert "services" not in _names(after, "briefs/alpha.md", 12)
    assert after == _read(_briefs(alpha=ALPHA, beta=lower))


def _library(tmp_path: Path, outlet: str) -> bibtex.Bibliography:
    (tmp_path / "refs.bib").write_text(
        "@online{harbour2023,\n  author = {Jane Doe},\n  title = {Harbourline Outage},\n"
        f"  organization = {{{outlet}}},\n  date = {{2023-06-01}},\n"
        "  url = {https://example.org/h}\n}\n",
        encoding="utf-8",
    )
    return bibtex.load([tmp_path / "refs.bib"], tmp_path)


def test_a_changed_source_rereads_the_briefs_citing_it(tmp_path: Path) -> None:
    cited = ALPHA.replace("affected.", "affected.[^1]\n\n[^1]: @harbour2023")
    memo = MentionMemo()

    def read(outlet: str, memo: MentionMemo | None) -> list[Mention]:
        bib = _library(tmp_path, outlet)
        briefs = _briefs(alpha=cited, beta=BETA)
        notes = {b.path: build_notes(b, bib.__contains__, bib.index) for b in briefs}
        fields = {key: dict(e.fields) for key, e in bib.entries.items()}
        return site_mentions(briefs, notes, entry_source_words(fields), memo)

    before = read("Example News", memo)
    read("Example News", memo)
    assert memo.reused == 2
    # The outlet now bears the company's name, so the name in alpha's sentence is the
    # source speaking, not its subject: alpha must be read again.
    renamed = read("Harbourline", memo)
    assert memo.reused == 1  # beta only
    assert renamed == read("Harbourline", None)
    assert _names(renamed, "briefs/alpha.md", 4.2e6) != _names(before, "briefs/alpha.md", 4.2e6)


def test_a_removed_brief_is_forgotten() -> None:
    gamma = "---\ntitle: Gamma\n---\n\nNorthwind paid a fine of $2 million in 2021.\n"
    memo = MentionMemo()
    _read(_briefs(beta=BETA, gamma=gamma), memo)
    _read(_briefs(gamma=gamma), memo)
    assert memo.reused == 1
    _read(_briefs(beta=BETA, gamma=gamma), memo)
    assert memo.reused == 1  # beta was read again


def test_claims_compared_through_the_memo_match_a_fresh_comparison() -> None:
    one = "---\ntitle: One\n---\n\nHarbourline said intruders copied 3 TB of customer files.\n"
    two = "---\ntitle: Two\n---\n\nHarbourline later said 3 TB of customer files were copied.\n"
    memo = MentionMemo()

    def found(second: str, memo: MentionMemo | None) -> list[tuple[str, int, str]]:
        mentions = _read(_briefs(one=one, two=second), memo)
        same = memo.same_claim if memo else None
        return [
            (c.mention.path, c.mention.line, c.mention.text) for c in conflicts(mentions, 0.0, same)
        ]

    assert found(two, memo) == found(two, None) == []
    edited = two.replace("3 TB", "4 TB")
    assert found(edited, memo) == found(edited, None) == [("briefs/two.md", 5, "4 TB")]
    assert found(two, memo) == []
