"""Each folder of tests/fixtures/figures/cases is a site with its expected figure findings.

Labels come from the README ("## Figures"), not from the checker; see the README in that folder.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from briefcheck.checks import run
from briefcheck.site import Project, load_site

CASES = Path(__file__).parent.parent / "fixtures" / "figures" / "cases"
# A fixed "today" keeps review_by deterministic.
TODAY = datetime.date(2026, 11, 23)
RULES = ("figure-", "facts-")


def _key(item: dict[str, Any], with_column: bool) -> tuple[Any, ...]:
    column = item.get("column") if with_column else None
    return (
        item["rule"],
        item["path"],
        item["line"],
        column,
        item["severity"],
        bool(item.get("suppressed")),
    )


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
            "severity": f.severity.value,
            "suppressed": f.suppressed,
        }
        for f in run(site, today=TODAY)
        if f.rule.startswith(RULES)
    ]
    # Columns are compared where the label gives one.
    with_column = {(e["rule"], e["path"], e["line"]) for e in expected if "column" in e}
    want = sorted(_key(e, "column" in e) for e in expected)
    got = sorted(_key(f, (f["rule"], f["path"], f["line"]) in with_column) for f in found)
    assert got == want, (
        f"{case}: findings differ\n"
        + "expected:\n"
        + "\n".join(f"  {k}" for k in want)
        + "\ngot:\n"
        + "\n".join(f"  {k}" for k in got)
    )
