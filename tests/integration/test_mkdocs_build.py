"""A real ``mkdocs build`` of a small site (Material theme, the SPEC §3 configuration) and what
it publishes: Chicago notes, the sources list, escaping, the fact-check report page."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import (
    SAMPLE_ENTRIES,
    Node,
    Run,
    all_attributes,
    article,
    brief,
    dangerous_url,
    listing,
    mkdocs_build,
    mkdocs_config,
    note_text,
    notes,
    online,
    parse_html,
    squash,
    write_site,
)

from briefcheck import disk_cache
from briefcheck.site import Project

FIGURES_SITE = Path(__file__).resolve().parents[1] / "fixtures/figures/acceptance/site27"
EVIL_TITLE = "Evil <script>alert(1)</script> Title"
MD_TITLE = "Click [here](javascript:alert(4)) now"

BIB = "\n".join(
    [
        *SAMPLE_ENTRIES,
        online(
            "delta2022",
            "Delta Files Reveal Sales",
            author="Delta, Dana",
            outlet="Fourth Outlet",
            date="2022-06-02",
            url="https://example.org/delta",
        ),
        online(
            "evil2022",
            EVIL_TITLE,
            outlet="Bad Actor",
            date="2022-06-01",
            url="javascript:alert(2)",
        ),
        online("mdlink2022", MD_TITLE, url="JaVaScRiPt:alert(5)"),
        online("unused2020", "Never Cited Anywhere", date="2020-01-01"),
        "@online{incomplete2021,\n  title = {Incomplete Entry},\n"
        "  url = {https://example.org/incomplete},\n}\n",
    ]
)

LEAK = brief(
    "Leak",
    """
# Leak

One.[^1] Two.[^2] Three.[^3] Four.[^4] Five.[^5] Six.[^6] Seven.[^7] Eight.[^8]

A sentence may also cite inline [@gamma2022, p. 7].

[^1]: @alpha2022
[^2]: Ibid.
[^3]: @beta2022, p. 4
[^4]: @beta2022, p. 6
[^5]: n. 1
[^6]: Dana Delta, "Delta Files Reveal Sales", Fourth Outlet, June 2, 2022.
[^7]: @beta2022
[^8]: @delta2022, p. 9
""",
)

SECOND = brief(
    "Second",
    """
# Second

Again.[^1] Evil.[^2] Other.[^3] Evil again.[^4] Markdown.[^5]

[^1]: @alpha2022
[^2]: @evil2022
[^3]: @gamma2022
[^4]: @evil2022
[^5]: See @mdlink2022 for the details.
""",
)

# Line numbers count the front matter (4 lines).
PROBLEMS = brief(
    "Problems",
    """
# Problems

Orphan.[^1] Unknown.[^2] Undefined.[^9] Unmatched.[^3]

[^1]: Ibid.
[^2]: @nosuchkey2022
[^3]: Someone Else, "A Title Nobody Has", Nowhere Weekly, 2021.
[^4]: @alpha2022
""",
)

PLANTED = {
    ("cite-undefined-note", "briefs/problems.md", 7),
    ("cite-ibid-orphan", "briefs/problems.md", 9),
    ("cite-unknown-key", "briefs/problems.md", 10),
    ("cite-unmatched-note", "briefs/problems.md", 11),
    ("cite-unused-note", "briefs/problems.md", 12),
    (
        "bib-missing-field",
        "sources/refs.bib",
        BIB[: BIB.index("@online{incomplete")].count("\n") + 1,
    ),
    (
        "cite-uncited-entry",
        "sources/refs.bib",
        BIB[: BIB.index("@online{incomplete")].count("\n") + 1,
    ),
    ("cite-uncited-entry", "sources/refs.bib", BIB[: BIB.index("@online{unused")].count("\n") + 1),
}


@dataclass
class Built:
    root: Path
    run: Run
    before: dict[str, str]
    after: dict[str, str]

    def html(self, page: str) -> str:
        return (self.root / "site" / page).read_text(encoding="utf-8")

    def page(self, page: str) -> Node:
        return parse_html(self.html(page))

    def pages(self) -> list[Path]:
        return sorted((self.root / "site").rglob("*.html"))


def _inputs(root: Path) -> dict[str, str]:
    """Every file of the site folder but the built site: briefs/, sources/, mkdocs.yml."""
    return {path: digest for path, digest in listing(root).items() if not path.startswith("site/")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = write_site(
        tmp_path_factory.mktemp("build") / "site-src",
        {
            "index.md": "# Briefs\n\nThree briefs on leaks.\n",
            "leak.md": LEAK,
            "second.md": SECOND,
            "problems.md": PROBLEMS,
        },
        {"refs.bib": BIB},
    )
    before = _inputs(root)
    run = mkdocs_build(root)
    after = _inputs(root)
    assert run.returncode == 0, run.log
    assert "Traceback" not in run.log
    return Built(root, run, before, after)


@pytest.fixture(scope="module")
def leak(built: Built) -> Node:
    return article(built.page("leak/index.html"))


@pytest.fixture(scope="module")
def second(built: Built) -> Node:
    return article(built.page("second/index.html"))


def _texts(page: Node) -> dict[str, str]:
    return {label: note_text(li) for label, li in notes(page).items()}


def _title_link(li: Node, title: str) -> str | None:
    links = [a for a in li.find_all("a") if squash(a.text) == title]
    assert links, f"title {title!r} is not a link in {note_text(li)!r}"
    return links[0].attrs.get("href")


# --- notes ---------------------------------------------------------------------------------


def test_first_citation_is_full_form_with_title_linked(leak: Node) -> None:
    text = _texts(leak)
    assert text["1"] == "Jane Doe, “Alpha Leak Exposes Records,” Example News, July 1, 2022."
    assert (
        _title_link(notes(leak)["1"], "Alpha Leak Exposes Records") == "https://example.org/alpha"
    )
    assert text["3"] == "Richard Roe, “Beta Breach Timeline,” Other Outlet, July 3, 2022, 4."
    assert _title_link(notes(leak)["3"], "Beta Breach Timeline") == "https://example.org/beta"


def test_immediate_repeat_is_ibid(leak: Node) -> None:
    text = _texts(leak)
    assert text["2"] == "Ibid."  # written as Ibid.
    assert text["4"] == "Ibid., 6."  # @beta2022 again, right after note 3


def test_later_citation_is_short_form_with_note_number(leak: Node) -> None:
    text = _texts(leak)
    assert text["5"] == "Doe, “Alpha Leak Exposes Records,” n. 1."  # a bare "n. 1"
    assert (
        _title_link(notes(leak)["5"], "Alpha Leak Exposes Records") == "https://example.org/alpha"
    )
    assert text["7"] == "Roe, “Beta Breach Timeline,” n. 3."


def test_free_text_note_matched_by_title_counts_as_a_citation(built: Built, leak: Node) -> None:
    text = _texts(leak)
    assert text["6"] == 'Dana Delta, "Delta Files Reveal Sales", Fourth Outlet, June 2, 2022.'
    # ... so the next citation of the same entry is a short form pointing back to it,
    assert text["8"] == "Delta, “Delta Files Reveal Sales,” n. 6, 9."
    # it is listed among the sources, and it is no finding.
    assert "Delta, Dana." in squash(leak.find("ul", cls="briefcheck-sources").text)
    assert not re.search(r"briefs/leak\.md:\d+", built.run.log)


def test_inline_citation_becomes_a_footnote(leak: Node) -> None:
    paragraph = next(p for p in leak.find_all("p") if "cite inline" in p.text)
    assert "@" not in paragraph.text and "[" not in paragraph.text
    refs = paragraph.find_all("a", cls="footnote-ref")
    assert len(refs) == 1
    target = (refs[0].attrs["href"] or "").removeprefix("#fn:")
    assert target in notes(leak)
    assert squash(refs[0].text) == str(list(notes(leak)).index(target) + 1) == "9"
    assert (
        _texts(leak)[target]
        == "Edgar Poe, “Gamma Report on Data Sales,” Third Outlet, June 20, 2022, 7."
    )


def test_full_form_again_in_another_brief(second: Node) -> None:
    text = _texts(second)
    assert text["1"] == "Jane Doe, “Alpha Leak Exposes Records,” Example News, July 1, 2022."
    assert text["3"] == "Edgar Poe, “Gamma Report on Data Sales,” Third Outlet, June 20, 2022."


@pytest.mark.parametrize("page", ["leak/index.html", "second/index.html"])
def test_no_raw_citation_syntax_left(built: Built, page: str) -> None:
    text = article(built.page(page)).text
    assert not re.search(r"(?<![\w.\\])@\w", text), re.findall(r".{20}@\w+.{20}", text)
    assert "[@" not in text and "[^" not in text


# --- sources list ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "leak/index.html",
            ["Delta, Dana.", "Doe, Jane.", "Poe, Edgar.", "Roe, Richard."],
        ),
        (
            "second/index.html",
            ["“Click", "Doe, Jane.", f"“{EVIL_TITLE}.”", "Poe, Edgar."],
        ),
    ],
)
def test_sources_list_closes_each_brief(built: Built, page: str, expected: list[str]) -> None:
    content = article(built.page(page))
    blocks = [n for n in content.element_children if n.tag not in ("script", "a")]
    tags = [(n.tag, sorted(n.classes())) for n in blocks]
    sources = content.find("ul", cls="briefcheck-sources")
    at = blocks.index(sources)
    assert blocks[at - 1].tag == "h2" and squash(blocks[at - 1].text) == "Sources", tags
    assert at == len(blocks) - 1, f"something follows the sources list: {tags[at + 1 :]}"
    footnotes = content.find("div", cls="footnote")
    assert blocks.index(footnotes) < at - 1
    items = [squash(li.text) for li in sources.find_all("li")]
    assert len(items) == len(expected)
    for item, start in zip(items, expected, strict=True):
        assert item.startswith(start), items
    assert "https://example.org/alpha" in [a.attrs.get("href") for a in sources.find_all("a")]


def test_every_brief_with_sources_has_the_list(built: Built) -> None:
    for page in ("leak/index.html", "second/index.html", "problems/index.html"):
        assert article(built.page(page)).find_all("ul", cls="briefcheck-sources"), page
    assert not article(built.page("index.html")).find_all("ul", cls="briefcheck-sources")


# --- escaping ----------------------------------------------------------------------------------


def test_bibliography_text_is_escaped(built: Built, second: Node) -> None:
    for path in built.pages():
        raw = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in raw, path
        for script in parse_html(raw).find_all("script"):
            assert "alert(" not in script.text, path
    text = _texts(second)
    # Full form, short form and the sources list all show the title as text.
    assert text["2"] == f"“{EVIL_TITLE},” Bad Actor, June 1, 2022, javascript:alert(2)."
    assert text["4"] == f"“{EVIL_TITLE},” n. 2."
    raw = built.html("second/index.html")
    assert raw.count("Evil &lt;script&gt;alert(1)&lt;/script&gt; Title") == 3


def test_bibliography_text_is_not_read_as_markdown(second: Node) -> None:
    li = notes(second)["5"]
    assert MD_TITLE in note_text(li)
    assert note_text(li).startswith("See “Click [here]")
    assert note_text(li).endswith("for the details.")
    sources = second.find("ul", cls="briefcheck-sources")
    assert MD_TITLE in sources.text


def test_javascript_urls_never_become_links(built: Built) -> None:
    for path in built.pages():
        for node, name, value in all_attributes(parse_html(path.read_text(encoding="utf-8"))):
            assert not dangerous_url(value), f"{path}: <{node.tag} {name}={value!r}>"


# --- report page ---------------------------------------------------------------------------


def _report_rows(page: Node) -> set[tuple[str, str, int]]:
    """(rule, file, line) of every finding row, the file taken from the section heading."""
    rows: set[tuple[str, str, int]] = set()
    current = ""
    for node in article(page).iter():
        if node.tag == "h2":
            current = squash(node.text).split(" ")[0]
        elif node.tag == "tr" and node.attrs.get("data-rule"):
            cells = [squash(td.text) for td in node.find_all("td")]
            rule = node.attrs["data-rule"] or ""
            assert rule in cells[2]
            rows.add((rule, current, int(cells[0].split(":")[0])))
    return rows


def test_report_page_names_each_planted_finding(built: Built) -> None:
    report = built.root / "site" / "fact-check" / "index.html"
    assert report.is_file()
    page = built.page("fact-check/index.html")
    assert _report_rows(page) == PLANTED
    summary = squash(article(page).find("p", cls="briefcheck-summary").text)
    assert summary == "3 errors, 3 warnings, 2 info in 2 files."


def test_report_page_lists_clean_briefs_and_links_to_them(built: Built) -> None:
    page = built.page("fact-check/index.html")
    counts = article(page).find("table", cls="briefcheck-counts")
    files = [squash(row.find("code").text) for row in counts.find_all("tr")[1:]]
    assert sorted(files) == sorted(
        [
            "briefs/index.md",
            "briefs/leak.md",
            "briefs/problems.md",
            "briefs/second.md",
            "sources/refs.bib",
        ]
    )
    opens = [
        a.attrs["href"] or "" for a in article(page).find_all("a") if a.text == "Open the page"
    ]
    assert len(opens) == 4
    for href in opens:
        target = (built.root / "site" / "fact-check" / href).resolve()
        assert (target / "index.html").is_file() or target.is_file(), href


def test_findings_are_logged_by_the_build(built: Built) -> None:
    for rule, path, line in PLANTED:
        level = "INFO" if rule == "cite-uncited-entry" else r"(?:WARNING|ERROR)"
        pattern = rf"^{level}\s+-\s+{re.escape(path)}:{line}(?::\d+)?: {rule}: "
        assert re.search(pattern, built.run.log, re.MULTILINE), (rule, path, line)


def test_report_page_anchors_resolve(built: Built) -> None:
    page = built.page("fact-check/index.html")
    content = article(page)
    ids = {node.attrs.get("id") for node in page.iter()}
    for heading in content.find_all("h2"):
        assert "{#" not in heading.text, heading.text
    for link in content.find_all("a"):
        href = link.attrs.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_build_leaves_the_sources_untouched(built: Built) -> None:
    assert {"mkdocs.yml", "briefs/leak.md", "sources/refs.bib"} <= set(built.before)
    assert built.after == built.before
    assert not (built.root / "briefs" / "fact-check.md").exists()
    assert not list((built.root / "briefs").rglob("fact-check*"))


# --- the Markdown extension listed by hand (SPEC §3) ---------------------------------------------


def test_listed_extension_resolves_paths_from_the_config_folder(tmp_path: Path) -> None:
    config = mkdocs_config()
    config["markdown_extensions"] = [
        "footnotes",
        {"briefcheck.markdown": {"bibliography": "sources"}},
    ]
    root = write_site(tmp_path / "site-src", {"leak.md": LEAK}, {"refs.bib": BIB}, config=config)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = mkdocs_build(root, cwd=elsewhere)
    assert run.returncode == 0, run.log
    page = article(parse_html((root / "site" / "leak" / "index.html").read_text(encoding="utf-8")))
    assert (
        _texts(page)["1"] == "Jane Doe, “Alpha Leak Exposes Records,” Example News, July 1, 2022."
    )
    assert page.find_all("ul", cls="briefcheck-sources")


def test_a_rebuild_from_the_parse_cache_gives_the_same_site(built: Built, tmp_path: Path) -> None:
    project = Project.from_config_file(built.root / "mkdocs.yml")
    assert disk_cache.cache_file(project).is_file()
    assert not (built.root / ".cache").exists()  # never in the project: see disk_cache
    first = tmp_path / "first"
    shutil.copytree(built.root / "site", first)
    again = mkdocs_build(built.root)
    assert again.returncode == 0, again.log
    assert again.log.count("WARNING") == built.run.log.count("WARNING")
    pages = sorted(p.relative_to(first) for p in first.rglob("*.html"))
    assert pages == sorted(p.relative_to(built.root / "site") for p in built.pages())
    for page in pages:
        assert (built.root / "site" / page).read_bytes() == (first / page).read_bytes(), page


def _logged(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def test_figures_read_in_the_background_are_kept_for_the_next_build(tmp_path: Path) -> None:
    # The checks run in a forked child (``background``); what it read must reach the cache.
    root = tmp_path / "site"
    shutil.copytree(FIGURES_SITE, root)
    first = mkdocs_build(root)
    assert first.returncode in (0, 1), first.log
    project = Project.from_config_file(root / "mkdocs.yml")
    kept = disk_cache.load(project)
    assert kept is not None
    briefs = {brief.path for brief in kept.site(project).briefs}
    assert len(briefs) > 1 and kept.memo.briefs() == briefs
    written = disk_cache.cache_file(project).stat().st_ino
    again = mkdocs_build(root)
    assert _logged(again.log) == _logged(first.log) != []
    assert disk_cache.cache_file(project).stat().st_ino == written  # nothing new to keep
