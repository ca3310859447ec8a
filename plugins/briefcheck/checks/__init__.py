"""Checks: each a function of a Site returning findings; ``run`` gathers them all."""

from __future__ import annotations

import datetime as dt

from .. import suppress
from ..links import LinkRun
from ..model import Finding
from ..site import Site
from .citations import check_citations
from .figures import check_figures
from .links import check_links


def run(site: Site, today: dt.date | None = None, links: LinkRun | None = None) -> list[Finding]:
    """Every finding of the site, silenced ones marked, sorted by place; link findings when
    the adapter checked the links (``links``)."""
    found = [*site.bibliography.findings, *check_citations(site)]
    if links is not None:
        found += check_links(links)
    figures = site.project.settings.figures
    if figures.enabled:
        found += check_figures(
            site.mentions,
            site.ledger,
            site.snapshots,
            figures.tolerance,
            today or dt.date.today(),
            site.memo.same_claim if site.memo else None,
        )
    texts = {brief.path: brief.positions for brief in site.briefs}

    def line_of(path: str, number: int) -> str | None:
        if path in texts:
            return texts[path].line_text(number)
        file_lines = site.file_lines(path)
        return file_lines[number - 1] if 0 < number <= len(file_lines) else None

    marked = suppress.apply(found, line_of, site.project.settings.ignore)
    return sorted(marked, key=lambda f: (*f.sort_key(), f.message))


__all__ = ["run"]
