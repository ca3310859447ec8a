"""The line under a brief's title: authors, date and its fact-check status. Pure HTML from
plain values, so any generator can show it."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from ..model import Finding
from ..report.summary import count


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def join_names(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def status_text(findings: Sequence[Finding]) -> tuple[str, str]:
    """A short status ("1 error, 2 warnings"; "passed (3 info)") and its level ("error", "ok")."""
    counts = count(findings, include_suppressed=False)
    parts = [
        f"{n} {word}{'' if n == 1 else 's'}"
        for n, word in ((counts.error, "error"), (counts.warning, "warning"))
        if n
    ]
    info = f" ({counts.info} info)" if counts.info else ""
    if not parts:
        return f"passed{info}", "ok"
    return ", ".join(parts) + info, "error" if counts.error else "warning"


# Where a page's status goes when the byline is written before the checks are done.
STATUS_SLOT = "<!-- briefcheck: status -->"


def status(findings: Sequence[Finding], report_url: str | None) -> str:
    """The fact-check status of a brief, linking to its part of the report if there is one."""
    text, level = status_text(findings)
    label = f"Fact-check: {html.escape(text)}"
    if report_url:
        label = f'<a href="{html.escape(report_url)}">{label}</a>'
    return f'<span class="briefcheck-status briefcheck-status--{level}">{label}</span>'


def byline(authors: Sequence[str], date: dt.date | None, status_html: str | None) -> str:
    """`status_html` None: the page was not checked, so no status is shown."""
    parts = []
    if authors:
        parts.append(f'<span class="briefcheck-authors">{html.escape(join_names(authors))}</span>')
    if date is not None:
        parts.append(f'<time datetime="{date.isoformat()}">{html.escape(long_date(date))}</time>')
    if status_html is not None:
        parts.append(status_html)
    if not parts:
        return ""
    separator = '<span class="briefcheck-sep"> · </span>'
    return f'<p class="briefcheck-byline">{separator.join(parts)}</p>'
