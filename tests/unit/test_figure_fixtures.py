"""Each folder of tests/fixtures/figures/cases is a site with its expected figure findings.

Labels come from the README ("## Figures"), not from the checker; see the README in that folder.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from site_fixtures import check_case

CASES = Path(__file__).parent.parent / "fixtures" / "figures" / "cases"
# A fixed "today" keeps review_by deterministic.
TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_case(case: str) -> None:
    check_case(CASES / case, ("figure-", "facts-"), TODAY)
