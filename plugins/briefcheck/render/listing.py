"""The list of briefs, newest first, that a page asks for with ``<!-- briefcheck: briefs -->``
(the home page is generated with one when the site has none)."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence

from ..briefs.parse import ParsedBrief
from .byline import join_names, long_date

LISTING_MARK = "<!-- briefcheck: briefs -->"


def newest_first(briefs: Sequence[ParsedBrief]) -> list[ParsedBrief]:
    """Dated briefs newest first, then undated ones by title."""
    dated = sorted((b for b in briefs if b.date), key=lambda b: (b.date, b.path), reverse=True)
    undated = sorted((b for b in briefs if not b.date), key=lambda b: (b.title or b.path).lower())
    return dated + undated


def brief_list(briefs: Sequence[ParsedBrief], link: Callable[[ParsedBrief], str | None]) -> str:
    items = []
    # A brief says when it was published or who wrote it; other pages (a topics page) do not.
    for brief in newest_first([b for b in briefs if b.date or b.authors]):
        url = link(brief)
        if url is None:
            continue
        title = html.escape(brief.title or brief.path.rsplit("/", 1)[-1].removesuffix(".md"))
        meta = []
        if brief.date:
            meta.append(f'<time datetime="{brief.date.isoformat()}">{long_date(brief.date)}</time>')
        if brief.authors:
            meta.append(html.escape(join_names(brief.authors)))
        parts = [f'<a class="briefcheck-brief-title" href="{html.escape(url)}">{title}</a>']
        if meta:
            parts.append(f'<span class="briefcheck-brief-meta">{" · ".join(meta)}</span>')
        if brief.summary:
            summary = html.escape(brief.summary)
            parts.append(f'<span class="briefcheck-brief-summary">{summary}</span>')
        items.append("<li>" + "".join(parts) + "</li>")
    if not items:
        return '<p class="briefcheck-briefs-empty">No briefs yet.</p>'
    return '<ul class="briefcheck-briefs">' + "".join(items) + "</ul>"


def home_page(site_name: str, description: str | None) -> str:
    lines = ["---", f"title: {json.dumps(site_name or 'Briefs')}", "---", ""]
    lines += [f"# {site_name or 'Briefs'}", ""]
    if description:
        lines += [description, ""]
    return "\n".join([*lines, LISTING_MARK, ""])
