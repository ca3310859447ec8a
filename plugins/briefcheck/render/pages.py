"""The editors' report page: every finding by file, with counts. Pure: returns Markdown
(headings for the table of contents, tables as escaped HTML)."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from ..model import Finding
from ..report.summary import count, summary_line
from ..site import Site

REPORT_PATH = "fact-check.md"
FIGURES_PATH = "figures.md"  # the figures page (render.figures_page)
SOURCES_PATH = "sources.md"  # the sources page (render.sources_page)
GENERATED_MARK = "<!-- briefcheck: generated -->"


# Python-Markdown passes a raw block that opens with one of these through untouched; running
# its HTML parser over a report of thousands of rows is most of the page's build time.
_RAW_BLOCK = re.compile(r"<(table|form|p|ul|ol|div|details|section|dl)[\s>]")
_SLOT = "BRIEFCHECKRAW{}X"
_SLOT_P = re.compile(r"<p>BRIEFCHECKRAW(\d+)X</p>")


def set_aside_html(markdown: str) -> tuple[str, list[str]]:
    """A generated page with each raw HTML block (a paragraph of its own) replaced by a
    placeholder paragraph, and the blocks in order; ``put_back_html`` restores them after the
    Markdown is rendered, with the same result as rendering them in place."""
    blocks: list[str] = []
    chunks = markdown.split("\n\n")
    for i, chunk in enumerate(chunks):
        opening = _RAW_BLOCK.match(chunk)
        if opening and chunk.rstrip().endswith(f"</{opening.group(1)}>"):
            chunks[i] = _SLOT.format(len(blocks))
            blocks.append(chunk)
    return "\n\n".join(chunks), blocks


def put_back_html(html_text: str, blocks: list[str]) -> str:
    return _SLOT_P.sub(lambda m: blocks[int(m.group(1))], html_text)


def anchor(path: str) -> str:
    """The id of a file's section of the report."""
    return "file-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def _counts_row(label: str, findings: Sequence[Finding]) -> str:
    counts = count(findings, include_suppressed=False)
    cells = [counts.error, counts.warning, counts.info, counts.suppressed]
    return "<tr>" + label + "".join(f"<td>{n}</td>" for n in cells) + "</tr>"


def report_page(findings: Sequence[Finding], site: Site, link: Callable[[str], str | None]) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for item in findings:
        by_file[item.path].append(item)
    for brief in site.briefs:  # a clean brief is news too
        by_file.setdefault(brief.path, [])
    order = sorted(by_file, key=lambda p: (-_weight(by_file[p]), p))
    lines = [
        "---",
        "title: Fact-check report",
        "search: {exclude: true}",
        "---",
        GENERATED_MARK,
        "# Fact-check report",
        "",
        f'<p class="briefcheck-summary">{html.escape(summary_line(findings))}.</p>',
        "",
        '<table class="briefcheck-counts"><thead><tr><th>File</th><th>Errors</th>'
        "<th>Warnings</th><th>Info</th><th>Silenced</th></tr></thead><tbody>",
    ]
    for path in order:
        label = f'<td><a href="#{anchor(path)}"><code>{html.escape(path)}</code></a></td>'
        lines.append(_counts_row(label, by_file[path]))
    lines += ["</tbody></table>", "", *_filters(findings), ""]
    for path in order:
        lines += _file_section(path, by_file[path], link(path))
    return "\n".join(lines) + "\n"


def _filters(findings: Sequence[Finding]) -> list[str]:
    """Severity boxes and a rule menu; briefcheck.js hides the rows they leave out."""
    if not findings:
        return []
    boxes = "".join(
        f'<label><input type="checkbox" data-severity="{name}" checked> {name}</label>'
        for name in ("error", "warning", "info", "silenced")
    )
    rules = "".join(
        f'<option value="{rule}">{rule}</option>' for rule in sorted({f.rule for f in findings})
    )
    return [
        '<form class="briefcheck-filters" aria-label="Filter findings">'
        f"<strong>Show</strong>{boxes}"
        '<label>Rule <select name="rule"><option value="">all rules</option>'
        f'{rules}</select></label><span class="briefcheck-shown"></span></form>'
    ]


def _weight(findings: Sequence[Finding]) -> int:
    return sum(10**f.severity.rank for f in findings if not f.suppressed)


def _file_section(path: str, findings: Sequence[Finding], url: str | None) -> list[str]:
    # Raw HTML: an {#id} needs attr_list, which a site may not enable.
    lines = [f'<h2 id="{anchor(path)}"><code>{html.escape(path)}</code></h2>', ""]
    if url:
        lines += [f'<p><a href="{html.escape(url)}">Open the page</a></p>', ""]
    if not findings:
        return [*lines, "<p>No findings.</p>", ""]
    rows = []
    for item in findings:
        where = f"{item.line}:{item.column}" if item.column else str(item.line)
        related = "".join(
            f'<br><span class="briefcheck-related">↳ {html.escape(r.path)}:{r.line}'
            f"{' ' + html.escape(r.message) if r.message else ''}</span>"
            for r in item.related
        )
        state = " (silenced)" if item.suppressed else ""
        rows.append(
            f'<tr class="briefcheck-{item.severity.value}" data-rule="{item.rule}"'
            f' data-severity="{item.severity.value}"'
            f' data-suppressed="{"true" if item.suppressed else "false"}">'
            f"<td>{where}</td><td>{item.severity.value}{state}</td>"
            f"<td><code>{item.rule}</code></td><td>{html.escape(item.message)}{related}</td></tr>"
        )
    return [
        *lines,
        '<table class="briefcheck-findings"><thead><tr><th>Line</th><th>Severity</th>'
        "<th>Rule</th><th>Finding</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
        "",
    ]


__all__ = [
    "GENERATED_MARK",
    "REPORT_PATH",
    "anchor",
    "put_back_html",
    "report_page",
    "set_aside_html",
]
