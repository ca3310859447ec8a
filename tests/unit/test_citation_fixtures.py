"""Each folder of tests/fixtures/citations is a site with its expected bib-*/cite-* findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from briefcheck.checks import run
from briefcheck.site import Project, load_site

CASES = Path(__file__).parent.parent / "fixtures" / "citations"


def _key(item: dict[str, Any], with_column: bool) -> tuple[Any, ...]:
    column = item.get("column") if with_column else None
    return (item["rule"], item["path"], item["line"], column, bool(item.get("suppressed")))


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_case(case: str) -> None:
    folder = CASES / case
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["findings"]
    site = load_site(Project.from_config_file(folder / "mkdocs.yml"))
    found = [
        {
            "rule": f.rule,
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "suppressed": f.suppressed,
        }
        for f in run(site)
        if f.rule.startswith(("bib-", "cite-", "brief-"))
    ]
    # Columns are compared where the label gives one.
    with_column = {(e["rule"], e["path"], e["line"]) for e in expected if "column" in e}
    want = sorted(_key(e, "column" in e) for e in expected)
    got = sorted(_key(f, (f["rule"], f["path"], f["line"]) in with_column) for f in found)
    assert got == want, f"{case}: findings differ\n" + "\n".join(map(str, sorted(found, key=str)))
