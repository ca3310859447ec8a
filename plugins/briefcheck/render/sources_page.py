"""The editors' Sources page: every bibliography entry, the briefs citing it, its link's status
and when that was last verified. Pure: returns Markdown whose table is escaped HTML."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from ..links import LinkRun, Status
from ..model import Finding
from ..site import Site
from .pages import GENERATED_MARK

_SAFE_SCHEMES = ("http://", "https://")
_LABELS = {
    Status.OK: "✓ answers",
    Status.REDIRECT: "moved permanently",
    Status.BROKEN: "broken",
    Status.BLOCKED: "turned the checker away",
    Status.TIMEOUT: "timed out",
    Status.UNREACHABLE: "unreachable",
    Status.UNCHECKED: "not checked",
}


def _status(links: LinkRun | None, url: str | None) -> tuple[str, str]:
    if not url:
        return "no URL", "—"
    if links is None:
        return "links not checked", "—"
    verdict = links.verdicts.get(url)
    if verdict is None:
        return "—", "—"
    css = "ok" if verdict.status is Status.OK else verdict.status.value
    label = html.escape(_LABELS[verdict.status])
    if verdict.status is not Status.OK:
        label += f"<br><small>{html.escape(verdict.detail)}</small>"
    when = verdict.checked_at.strftime("%Y-%m-%d %H:%M UTC") if verdict.checked_at else "—"
    return f'<span class="briefcheck-link-{css}">{label}</span>', when


def sources_page(
    findings: Sequence[Finding],
    site: Site,
    link: Callable[[str], str | None],
    links: LinkRun | None = None,
) -> str:
    del findings  # the page shows verdicts; the report page lists the findings
    citing: dict[str, list[str]] = {}
    titles = {brief.path: brief.title or brief.path for brief in site.briefs}
    for path, notes in site.notes.items():
        for note in notes:
            for key in note.keys:
                citing.setdefault(key, [])
                if path not in citing[key]:
                    citing[key].append(path)
    rows = []
    for key, entry in sorted(site.bibliography.entries.items()):
        url = entry.url
        title = html.escape(entry.title or key)
        if url and url.lower().startswith(_SAFE_SCHEMES):
            title = f'<a href="{html.escape(url)}">{title}</a>'
        briefs = []
        for path in sorted(citing.get(key, [])):
            target = link(path)
            name = html.escape(titles.get(path, path))
            briefs.append(f'<a href="{html.escape(target)}">{name}</a>' if target else name)
        status, when = _status(links, url)
        rows.append(
            f"<tr><td><code>{html.escape(key)}</code></td><td>{title}</td>"
            f"<td>{'<br>'.join(briefs) or 'not cited'}</td><td>{status}</td><td>{when}</td></tr>"
        )
    checked = "" if links is None else f"; {len(links.verdicts)} cited links checked"
    if links is not None and links.offline:
        checked += f" (offline: {html.escape(links.why_offline or '')}; cached verdicts used)"
    return "\n".join(
        [
            "---",
            "title: Sources",
            "search: {exclude: true}",
            "---",
            GENERATED_MARK,
            "# Sources",
            "",
            f'<p class="briefcheck-summary">{len(rows)} entries in the bibliography{checked}.</p>',
            "",
            '<table class="briefcheck-sources">',
            "<tr><th>Key</th><th>Title</th><th>Cited by</th><th>Link</th>"
            "<th>Last verified</th></tr>",
            *rows,
            "</table>",
            "",
        ]
    )
