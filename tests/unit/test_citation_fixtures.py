"""Each folder of tests/fixtures/citations is a site with its expected bib-*/cite-* findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_fixtures import check_case

CASES = Path(__file__).parent.parent / "fixtures" / "citations"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_case(case: str) -> None:
    check_case(CASES / case, ("bib-", "cite-", "brief-"))
