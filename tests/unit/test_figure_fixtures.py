"""Each folder of tests/fixtures/figures/cases is a site with its expected figure findings.

Labels come from the README ("## Figures"), not from the checker; see the README in that folder.
The acceptance sites were written, with their answer keys (ANSWERS-round*.md), by someone who
had not seen the checker; their expected.json is that key with one place per pair.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from site_fixtures import check_case

FIGURES = Path(__file__).parent.parent / "fixtures" / "figures"
CASES = FIGURES / "cases"
# Whole sites written blind to the checker, with the answer keys (ANSWERS-round*.md) beside them.
ACCEPTANCE = FIGURES / "acceptance"
# A fixed "today" keeps review_by deterministic.
TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_case(case: str) -> None:
    check_case(CASES / case, ("figure-", "facts-"), TODAY)


@pytest.mark.parametrize("site", sorted(p.name for p in ACCEPTANCE.iterdir() if p.is_dir()))
def test_acceptance_site(site: str) -> None:
    check_case(ACCEPTANCE / site, ("figure-", "facts-"), TODAY)
