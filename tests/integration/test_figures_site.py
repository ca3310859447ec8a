"""Figure checks end to end: a real ``mkdocs build`` and ``briefcheck check`` on one site with a
cross-brief conflict, a malformed number, a stale ledger value and a snapshot mismatch."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import (
    brief,
    briefcheck,
    listing,
    mkdocs_build,
    online,
    parse_html,
    write_site,
)

FIRST = brief(
    "First <script>alert(1)</script> brief",
    """
The seller offered about 24 terabytes of records from the Shanghai National Police.[^1]
The sample held 750,000 records.[^1]

[^1]: @leak
""",
    date="2022-07-12",
)
SECOND = brief(
    "Second brief",
    """
Attackers took 23 terabytes of material from the Shanghai National Police.[^1] The price
came to $197,00 at the time.[^1]

Marriott said that up to 500 million guests were involved in the Starwood breach.[^2]

[^1]: @leak
[^2]: @hotel
""",
    date="2022-07-15",
)
FACTS = """\
facts:
  - id: starwood-guests
    about: Guests involved in the Starwood breach
    keywords: [Starwood]
    value: 383 million
    as_of: 2019-01-04
    source: hotel
    superseded:
      - {value: 500 million, as_of: 2018-11-30, source: hotel}
"""
SNAPSHOT = "The archive is said to hold 24 TB and a sample of 750,000 records.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(
        tmp_path_factory.mktemp("figures") / "site",
        {"first.md": FIRST, "second.md": SECOND},
        {
            "refs.bib": online("leak", "Police archive for sale", date="2022-07-05")
            + online("hotel", "Starwood update", date="2019-01-04"),
            "facts.yml": FACTS,
            "snapshots/leak.txt": SNAPSHOT,
        },
        options={"figures": {"enabled": True}},
    )
    return root


def _findings(root: Path) -> set[tuple[str, str, int]]:
    run = briefcheck("--format", "json", cwd=root)
    assert run.returncode == 1, run.log
    return {(f["rule"], f["path"], f["line"]) for f in run.json()["findings"]}


def test_check_finds_every_planted_figure_problem(site: Path) -> None:
    assert _findings(site) == {
        ("figure-inconsistent", "briefs/second.md", 5),  # 23 TB against about 24 TB
        ("figure-source-mismatch", "briefs/second.md", 5),  # 23 TB is not in the snapshot
        ("figure-malformed", "briefs/second.md", 6),
        ("figure-stale", "briefs/second.md", 8),  # 500 million, superseded in 2019
    }


def test_build_writes_a_figures_page_with_conflicts_first(site: Path) -> None:
    before = listing(site)
    run = mkdocs_build(site)
    assert run.returncode == 0, run.log
    assert "Traceback" not in run.log
    page = parse_html((site / "site" / "figures" / "index.html").read_text(encoding="utf-8"))
    headings = [h.text for h in page.find_all("h2")]
    assert headings[0].startswith("Claims with findings")
    first_table = page.find("table", cls="briefcheck-figures")
    cells = first_table.text
    assert "figure-malformed" in cells or "figure-inconsistent" in cells
    text = page.text
    for written in ("about 24 terabytes", "23 terabytes", "$197,00", "750,000"):
        assert written in text
    html = (site / "site" / "figures" / "index.html").read_text(encoding="utf-8")
    # Our tables escape brief titles (the theme's own navigation is issue 7's concern).
    assert "&lt;script&gt;alert(1)&lt;/script&gt; brief, line 5" in html
    assert "<script>alert(1)</script> brief, line" not in html
    assert not (site / "briefs" / "figures.md").exists()
    after = {k: v for k, v in listing(site).items() if not k.startswith("site/")}
    assert after == {k: v for k, v in before.items() if not k.startswith("site/")}


def test_strict_build_fails_like_strict_check(site: Path) -> None:
    assert mkdocs_build(site, "--strict").returncode == 1
    assert briefcheck("--strict", cwd=site).returncode == 1


def test_figures_off_means_no_figure_findings_and_no_page(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "site",
        {"second.md": SECOND},
        {"refs.bib": online("leak", "Police archive") + online("hotel", "Starwood update")},
    )
    run = briefcheck("--format", "json", cwd=root)
    assert [f for f in run.json()["findings"] if f["rule"].startswith("figure-")] == []
    assert mkdocs_build(root).returncode == 0
    assert not (root / "site" / "figures").exists()
