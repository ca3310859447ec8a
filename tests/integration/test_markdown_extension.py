"""The ``briefcheck.markdown`` extension on its own: a bare ``markdown.markdown`` call, no MkDocs
(SPEC §3, "Rendering also runs without the plugin")."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import markdown
import pytest
from support import (
    SAMPLE_ENTRIES,
    Node,
    dangerous_url,
    note_text,
    notes,
    online,
    parse_html,
    squash,
)

from briefcheck.briefs.notes import build_notes
from briefcheck.briefs.parse import parse
from briefcheck.markdown import BriefcheckExtension
from briefcheck.sources import bibtex

BIB = "".join(SAMPLE_ENTRIES) + online(
    "evil2022", r"Evil <b>bold</b> \& *stars*", outlet="Bad", url="javascript:alert(1)"
)

TEXT = """\
# Leak

One.[^1] Two.[^2] Three.[^3] Four.[^4] Five.[^5]

A sentence may also cite inline [@gamma2022, p. 4].

[^1]: @alpha2022
[^2]: Ibid.
[^3]: @beta2022, p. 12
[^4]: n. 1
[^5]: Richard Roe, "Beta Breach Timeline", Other Outlet, July 3, 2022.
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "refs.bib").write_text(BIB, encoding="utf-8")
    return tmp_path


def render(text: str, **config: Any) -> str:
    return markdown.markdown(
        text,
        extensions=["footnotes", "briefcheck.markdown"],
        extension_configs={"briefcheck.markdown": config},
    )


def _texts(page: Node) -> dict[str, str]:
    return {label: note_text(li) for label, li in notes(page).items()}


def test_renders_chicago_notes_and_sources(site: Path) -> None:
    page = parse_html(render(TEXT, bibliography="sources", base_dir=str(site)))
    text = _texts(page)
    assert text["1"] == "Jane Doe, “Alpha Leak Exposes Records,” Example News, July 1, 2022."
    first = notes(page)["1"].find("a", href="https://example.org/alpha")
    assert squash(first.text) == "Alpha Leak Exposes Records"
    assert text["2"] == "Ibid."
    assert text["3"] == "Richard Roe, “Beta Breach Timeline,” Other Outlet, July 3, 2022, 12."
    assert text["4"] == "Doe, “Alpha Leak Exposes Records,” n. 1."
    assert text["5"].startswith('Richard Roe, "Beta Breach Timeline"')
    inline = [label for label in text if label not in {"1", "2", "3", "4", "5"}]
    assert len(inline) == 1
    assert (
        text[inline[0]]
        == "Edgar Poe, “Gamma Report on Data Sales,” Third Outlet, June 20, 2022, 4."
    )
    body = page.text
    assert "@alpha2022" not in body and "[@" not in body

    headings = [squash(h.text) for h in page.find_all("h2")]
    assert headings == ["Sources"]
    items = [squash(li.text) for li in page.find("ul", cls="briefcheck-sources").find_all("li")]
    assert [item.split(".")[0] for item in items] == ["Doe, Jane", "Poe, Edgar", "Roe, Richard"]
    assert items[0].endswith("https://example.org/alpha.")


def test_sources_come_after_the_notes(site: Path) -> None:
    html = render(TEXT, bibliography="sources", base_dir=str(site))
    assert html.index('<div class="footnote">') < html.index("Sources</h2>")
    assert html.index("Sources</h2>") < html.index('<ul class="briefcheck-sources">')


def test_inline_citations_only(site: Path) -> None:
    html = render(
        "Claim [@alpha2022, p. 2]. Another [@beta2022; @alpha2022].\n",
        bibliography="sources",
        base_dir=str(site),
    )
    page = parse_html(html)
    text = list(_texts(page).values())
    assert text == [
        "Jane Doe, “Alpha Leak Exposes Records,” Example News, July 1, 2022, 2.",
        "Richard Roe, “Beta Breach Timeline,” Other Outlet, July 3, 2022; "
        "Doe, “Alpha Leak Exposes Records,” n. 1.",
    ]
    assert "[@" not in page.text
    assert html.index('<div class="footnote">') < html.index('<ul class="briefcheck-sources">')


def test_bibliography_file_and_working_folder(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one_file = render(TEXT, bibliography="sources/refs.bib", base_dir=str(site))
    assert 'Jane Doe, “<a href="https://example.org/alpha">' in one_file
    monkeypatch.chdir(site)
    assert render(TEXT, bibliography=["sources"]) == one_file


def test_escapes_bibliography_text(site: Path) -> None:
    html = render(
        "Claim.[^1] Again.[^2]\n\n[^1]: @evil2022\n[^2]: @alpha2022\n",
        bibliography="sources",
        base_dir=str(site),
    )
    page = parse_html(html)
    assert not page.find_all("b") and not page.find_all("em")
    assert "Evil &lt;b&gt;bold&lt;/b&gt; &amp; *stars*" in html
    assert _texts(page)["1"].startswith("“Evil <b>bold</b> & *stars*,” Bad,")
    for node in page.iter():
        for value in node.attrs.values():
            assert not dangerous_url(value or ""), node


def test_no_bibliography_leaves_text_alone(tmp_path: Path) -> None:
    html = render(TEXT, bibliography="missing", base_dir=str(tmp_path))
    assert "@alpha2022" in html
    assert "briefcheck-sources" not in html


def test_bibliography_changes_are_picked_up(site: Path) -> None:
    before = render(TEXT, bibliography="sources", base_dir=str(site))
    assert "Alpha Leak Exposes Records" in before
    bib = site / "sources" / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace(
            "Alpha Leak Exposes Records", "Alpha Leak, Revised"
        ),
        encoding="utf-8",
    )
    stat = bib.stat()
    os.utime(bib, (stat.st_atime, stat.st_mtime + 5))
    after = render(TEXT, bibliography="sources", base_dir=str(site))
    assert "Alpha Leak, Revised" in after
    assert "Alpha Leak Exposes Records" not in after


def test_a_brief_the_plugin_parsed_renders_without_a_second_parse(site: Path) -> None:
    """The MkDocs plugin hands the briefs it parsed (front matter included) to the extension,
    which then sees only the body; the page must come out as if parsed afresh."""
    bib = bibtex.load([site / "sources"], site)
    full = "---\ntitle: Leak\ndate: 2022-07-04\n---\n\n" + TEXT
    brief = parse(full, "briefs/leak.md")
    assert brief.body == TEXT.strip("\n")

    def convert(text: str, known: bool) -> str:
        extension = BriefcheckExtension(bibliography="sources", base_dir=str(site))
        if known:
            extension.use_briefs([(brief, build_notes(brief, bib.__contains__, bib.index))])
            assert (extension.known_brief(text) is not None) == (text == TEXT)
        return markdown.Markdown(extensions=["footnotes", extension]).convert(text)

    assert (
        convert(TEXT, known=True)
        == convert(TEXT, known=False)
        == render(TEXT, bibliography="sources", base_dir=str(site))
    )
    # A body Markdown changed on the way (a tab expanded) is parsed again, not mis-edited.
    tabbed = TEXT.replace("One.", "\tOne.", 1)
    assert convert(tabbed, known=True) == convert(tabbed, known=False)
