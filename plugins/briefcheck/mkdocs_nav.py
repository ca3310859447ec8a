"""The site's navigation when mkdocs.yml gives none: the home page and other pages first, then
the briefs in a section per year (newest first), then the editor's pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

EDITOR_SECTION = "Fact-check"


def by_year(
    nav: Navigation, dates: Mapping[str, dt.date], editor_pages: Collection[str]
) -> Navigation:
    """``dates`` maps a brief's ``src_uri`` to its date; ``editor_pages`` are generated pages."""
    leading: list[Any] = []
    editor: list[StructureItem] = []
    years: dict[int, list[Page]] = {}
    for item in _flatten(nav.items):
        uri = item.file.src_uri if isinstance(item, Page) else None
        if uri is not None and uri in dates:
            years.setdefault(dates[uri].year, []).append(item)
        elif uri in editor_pages:
            editor.append(item)
        else:
            leading.append(item)
    leading.sort(key=lambda item: not (isinstance(item, Page) and item.is_homepage))
    items: list[Any] = list(leading)
    for year in sorted(years, reverse=True):
        pages = sorted(years[year], key=lambda p: (dates[p.file.src_uri], p.file.src_uri))
        items.append(Section(str(year), list[StructureItem](pages[::-1])))
    if editor:
        items.append(Section(EDITOR_SECTION, editor))
    for item in items:
        item.parent = None
        for child in getattr(item, "children", None) or ():
            child.parent = item
    pages = [p for p in _flatten(items) if isinstance(p, Page)]
    bookended = [None, *pages, None]
    for before, page, after in zip(bookended[:-2], pages, bookended[2:], strict=True):
        page.previous_page, page.next_page = before, after
    return Navigation(items, pages)


def _flatten(items: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            flat += _flatten(item.children)
        else:
            flat.append(item)
    return flat
