"""What readers and editors see around the briefs, from a real ``mkdocs build`` (and the same
site under ProperDocs): the list of briefs, the byline with its fact-check status, the
navigation by year, the report's filters, a generated home page."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from support import (
    SAMPLE_ENTRIES,
    Node,
    Run,
    article,
    mkdocs_build,
    mkdocs_config,
    parse_html,
    run_command,
    squash,
    write_site,
)

BIB = "\n".join(SAMPLE_ENTRIES)


def _brief(title: str, date: str, body: str, **meta: str) -> str:
    extra = "".join(f"{key}: {value}\n" for key, value in meta.items())
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body.lstrip()}"


BRIEFS = {
    "index.md": "# Our briefs\n\nAll of them, newest first.\n\n<!-- briefcheck: briefs -->\n",
    "old.md": _brief(
        "An Old Brief",
        "2022-08-01",
        "Text.[^1]\n\n[^1]: @alpha2022\n",
        authors="[Ada Lovelace, Grace Hopper]",
        summary="What happened first.",
    ),
    "new.md": _brief(
        "A New Brief",
        "2023-07-12",
        "It cost $197,00 in all.[^1]\n\n[^1]: @beta2022\n",
        authors="[Ada Lovelace]",
        summary="What happened next.",
        tags="[Cyber]",
    ),
    "mid.md": _brief("A Middle Brief", "2023-02-01", "Plain.[^1]\n\n[^1]: @gamma2022\n"),
    "about.md": "---\ntitle: About us\n---\n# About us\n\nNo date, no authors.\n",
}
OPTIONS = {"figures": {"enabled": True}}


THEME = {"name": "material", "features": ["navigation.footer"]}


def _build(root: Path, briefs: dict[str, str], **config: object) -> Path:
    config.setdefault("theme", THEME)
    write_site(root, briefs, {"refs.bib": BIB}, config=mkdocs_config(OPTIONS, **config))
    run = mkdocs_build(root)
    assert run.returncode == 0, run.log
    assert "Traceback" not in run.log
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("pages") / "src", BRIEFS)


def _page(site: Path, path: str) -> Node:
    return parse_html((site / path).read_text(encoding="utf-8"))


def _nav(site: Path, path: str) -> list[str]:
    """The primary navigation's entries, in order, sections included."""
    nav = _page(site, path).find("nav", cls="md-nav--primary")
    labels = []
    for node in nav.iter():
        if node.tag in ("a", "label") and "md-nav__link" in node.classes():
            text = squash(node.text)
            if text and text not in labels:
                labels.append(text)
    return labels


def test_home_page_lists_dated_briefs_newest_first(site: Path) -> None:
    listing = article(_page(site, "index.html")).find("ul", cls="briefcheck-briefs")
    titles = [squash(a.text) for a in listing.find_all("a", cls="briefcheck-brief-title")]
    assert titles == ["A New Brief", "A Middle Brief", "An Old Brief"]  # "About us" is no brief
    first = listing.find_all("li")[0]
    assert first.find("a").attrs["href"] == "new/"
    assert squash(first.find("span", cls="briefcheck-brief-meta").text) == (
        "12 July 2023 · Ada Lovelace"
    )
    assert squash(first.find("span", cls="briefcheck-brief-summary").text) == "What happened next."
    old = listing.find_all("li")[2]
    assert "Ada Lovelace and Grace Hopper" in squash(old.text)


def test_byline_gives_authors_date_and_status_linking_to_the_report(site: Path) -> None:
    page = article(_page(site, "new/index.html"))
    line = page.find("p", cls="briefcheck-byline")
    assert squash(line.text) == "Ada Lovelace · 12 July 2023 · Fact-check: 1 error"
    link = line.find("a")
    assert link.attrs["href"] == "../fact-check/#file-briefs-new-md"
    report = _page(site, "fact-check/index.html")
    assert report.find_all(id="file-briefs-new-md"), "the status links to a missing anchor"
    # The byline sits right under the title.
    heading = page.find("h1")
    siblings = [c for c in heading.parent.element_children if c.tag in ("h1", "p")]
    assert siblings[siblings.index(heading) + 1] is line


def test_a_clean_brief_says_it_passed(site: Path) -> None:
    line = article(_page(site, "mid/index.html")).find("p", cls="briefcheck-byline")
    assert squash(line.text) == "1 February 2023 · Fact-check: passed"
    assert "briefcheck-status--ok" in line.find("span", cls="briefcheck-status").classes()


def test_pages_that_are_not_briefs_get_no_byline(site: Path) -> None:
    assert not article(_page(site, "about/index.html")).find_all("p", cls="briefcheck-byline")
    assert not article(_page(site, "index.html")).find_all("p", cls="briefcheck-byline")


def test_navigation_groups_briefs_by_year_newest_first(site: Path) -> None:
    assert _nav(site, "index.html") == [
        "Our briefs",
        "About us",
        "2023",
        "A New Brief",
        "A Middle Brief",
        "2022",
        "An Old Brief",
        "Fact-check",
        "Fact-check report",
        "Figures",
        "Sources",
    ]
    # Previous/next follow the navigation.
    footer = _page(site, "new/index.html").find("nav", cls="md-footer__inner")
    hrefs = [a.attrs.get("href") for a in footer.find_all("a")]
    assert hrefs == ["../about/", "../mid/"]


def test_report_has_severity_and_rule_filters(site: Path) -> None:
    report = article(_page(site, "fact-check/index.html"))
    form = report.find("form", cls="briefcheck-filters")
    boxes = [i.attrs["data-severity"] for i in form.find_all("input")]
    assert boxes == ["error", "warning", "info", "silenced"]
    rules = [o.attrs["value"] for o in form.find_all("option")]
    assert rules[0] == "" and "figure-malformed" in rules
    rows = report.find_all("tr", cls="briefcheck-error")
    assert rows and rows[0].attrs["data-rule"] == "figure-malformed"
    assert rows[0].attrs["data-severity"] == "error"


def test_assets_are_published_and_linked(site: Path) -> None:
    assert (site / "assets/briefcheck/briefcheck.css").read_text().startswith("/* briefcheck")
    assert "briefcheck-filters" in (site / "assets/briefcheck/briefcheck.js").read_text()
    head = (site / "new/index.html").read_text()
    assert 'href="../assets/briefcheck/briefcheck.css"' in head
    assert 'src="../assets/briefcheck/briefcheck.js"' in head


def test_sources_are_not_written_into_briefs(site: Path) -> None:
    briefs = site.parent / "briefs"
    assert sorted(p.name for p in briefs.iterdir()) == sorted(BRIEFS)


def test_a_site_without_a_home_page_gets_one(tmp_path: Path) -> None:
    briefs = {k: v for k, v in BRIEFS.items() if k != "index.md"}
    site = _build(tmp_path, briefs, site_description="Briefs on leaks.")
    home = article(_page(site, "index.html"))
    assert squash(home.find("h1").text) == "Briefcheck integration test"
    assert "Briefs on leaks." in squash(home.text)
    titles = [squash(a.text) for a in home.find_all("a", cls="briefcheck-brief-title")]
    assert titles == ["A New Brief", "A Middle Brief", "An Old Brief"]
    assert not (tmp_path / "briefs" / "index.md").exists()


def test_an_explicit_nav_is_kept(tmp_path: Path) -> None:
    site = _build(tmp_path, BRIEFS, nav=["index.md", "old.md", "new.md"])
    labels = _nav(site, "index.html")
    assert labels[:3] == ["Our briefs", "An Old Brief", "A New Brief"]
    assert "2023" not in labels


def test_navigation_files_keeps_mkdocs_own_order(tmp_path: Path) -> None:
    root = tmp_path / "src"
    write_site(root, BRIEFS, {"refs.bib": BIB}, options={**OPTIONS, "navigation": "files"})
    run = mkdocs_build(root)
    assert run.returncode == 0, run.log
    labels = _nav(root / "site", "index.html")
    assert "2023" not in labels
    assert labels.index("About us") < labels.index("A Middle Brief") < labels.index("A New Brief")


def test_bad_navigation_value_is_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "src"
    write_site(root, BRIEFS, {"refs.bib": BIB}, options={"navigation": "topic"})
    run = mkdocs_build(root)
    assert run.returncode != 0
    assert "navigation: expected one of year, files, got 'topic'" in run.log
    assert "Traceback" not in run.log


# --- ProperDocs --------------------------------------------------------------------------


def _properdocs(root: Path, *flags: str) -> Run:
    exe = shutil.which("properdocs", path=str(Path(sys.executable).parent))
    assert exe, "properdocs is a test dependency (pip install -e '.[test]')"
    args = [exe, "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "pd-site"), *flags]
    return run_command(args, root)


def _content(path: Path) -> str:
    """A page's article, with whitespace squashed, to compare two generators' output."""
    return squash(re.sub(r"<[^>]+>", " ", str(article(parse_html(path.read_text())).text)))


def test_properdocs_builds_the_same_site(site: Path) -> None:
    root = site.parent
    run = _properdocs(root)
    assert run.returncode == 0, run.log
    assert "Traceback" not in run.log
    other = root / "pd-site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert sorted(p.relative_to(other).as_posix() for p in other.rglob("*.html")) == pages
    for page in ("index.html", "new/index.html", "old/index.html", "fact-check/index.html"):
        assert _content(other / page) == _content(site / page), page
    assert "figure-malformed" in run.log  # findings are logged the same way


def test_properdocs_strict_build_fails_on_errors(site: Path) -> None:
    run = _properdocs(site.parent, "--strict")
    assert run.returncode != 0
    assert "figure-malformed" in run.log
