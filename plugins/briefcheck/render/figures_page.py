"""The editors' Figures page: every claim with all its mentions, conflicts first. Pure: returns
Markdown whose tables are escaped HTML."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from ..figures.claims import about_fact, group
from ..figures.mentions import Mention
from ..model import Finding
from ..site import Site
from .pages import GENERATED_MARK

_RULES = ("figure-", "facts-")
_KINDS = {
    "count": "Count",
    "currency": "Money",
    "data": "Data size",
    "percent": "Percentage",
    "duration": "Duration",
}


def _key(path: str, line: int, column: int | None) -> tuple[str, int, int | None]:
    return (path, line, column)


def _title(claim: list[Mention], fact_ids: list[str]) -> str:
    first = claim[0]
    kind = _KINDS[first.quantity.dimension.value]
    if fact_ids:
        return f"{kind}: ledger fact {fact_ids[0]}"
    noun = next((m.noun for m in claim if m.noun), None)
    names = sorted(set.intersection(*(set(m.names) for m in claim))) if claim else []
    about = ", ".join(names[:3]) if len(claim) > 1 else ", ".join(sorted(first.names)[:3])
    parts = [kind]
    if noun:
        parts.append(f"of {noun}s" if first.quantity.dimension.value == "count" else f"({noun})")
    if about:
        parts.append(f"— {about}")
    return " ".join(parts)


def figures_page(findings: Sequence[Finding], site: Site, link: Callable[[str], str | None]) -> str:
    mentions = site.mentions
    flagged: dict[tuple[str, int, int | None], list[Finding]] = {}
    for item in findings:
        if item.rule.startswith(_RULES):
            flagged.setdefault(_key(item.path, item.line, item.column), []).append(item)
    claims = group(mentions, site.ledger.facts, site.memo.same_claim if site.memo else None)

    def problems(claim: list[Mention]) -> list[Finding]:
        return [f for m in claim for f in flagged.get(_key(m.path, m.line, m.column), [])]

    def weight(claim: list[Mention]) -> tuple[int, int, str, int]:
        worst = max((f.severity.rank + 1 for f in problems(claim) if not f.suppressed), default=0)
        return (-worst, -len(claim), claim[0].path, claim[0].line)

    claims.sort(key=weight)
    conflicts = [c for c in claims if problems(c)]
    repeated = [c for c in claims if not problems(c) and len(c) > 1]
    single = [c for c in claims if not problems(c) and len(c) == 1]
    lines = [
        "---",
        "title: Figures",
        "search: {exclude: true}",
        "---",
        GENERATED_MARK,
        "# Figures",
        "",
        f'<p class="briefcheck-summary">{len(mentions)} figures in {len(site.briefs)} briefs;'
        f" {len(conflicts)} claims with findings, {len(repeated)} claims stated more than once"
        " and in agreement.</p>",
        "",
    ]
    sections = (
        ("Claims with findings", conflicts),
        ("Claims stated more than once", repeated),
        ("Other figures", single),
    )
    for heading, chosen in sections:
        if not chosen:
            continue
        lines += [f"## {heading}", ""]
        if chosen is single:
            lines += _table(
                [c[0] for c in chosen], flagged, link, heading="Figure", with_claim=True
            )
            continue
        for claim in chosen:
            fact_ids = [f.id for f in site.ledger.facts if any(about_fact(f, m) for m in claim)]
            lines += [f"### {html.escape(_title(claim, fact_ids))}", ""]
            lines += _table(claim, flagged, link)
    return "\n".join(lines) + "\n"


def _table(
    mentions: list[Mention],
    flagged: dict[tuple[str, int, int | None], list[Finding]],
    link: Callable[[str], str | None],
    heading: str = "As written",
    with_claim: bool = False,
) -> list[str]:
    head = (
        f"<tr><th>Brief</th><th>{heading}</th><th>Normalised</th><th>Cited source</th>"
        "<th>Date</th><th>Status</th></tr>"
    )
    rows = []
    for mention in sorted(mentions, key=lambda m: (m.brief_date is None, m.brief_date, m.path)):
        url = link(mention.path)
        where = html.escape(f"{mention.brief_title or mention.path}, line {mention.line}")
        brief = f'<a href="{html.escape(url)}">{where}</a>' if url else where
        sources = ", ".join(html.escape(k) for k in mention.keys) or "—"
        status = (
            "<br>".join(
                f'<span class="briefcheck-{f.severity.value}"><code>{f.rule}</code></span>'
                f"{' (silenced)' if f.suppressed else ''}"
                for f in flagged.get(_key(mention.path, mention.line, mention.column), [])
            )
            or "✓"
        )
        written = html.escape(" ".join(mention.quantity.text.split()))
        if with_claim and mention.noun:
            written += f" <small>({html.escape(mention.noun)})</small>"
        date = mention.brief_date.isoformat() if mention.brief_date else "—"
        rows.append(
            f"<tr><td>{brief}</td><td>{written}</td>"
            f"<td>{html.escape(mention.quantity.normalised())}</td><td>{sources}</td>"
            f"<td>{date}</td><td>{status}</td></tr>"
        )
    return ['<table class="briefcheck-figures">', head, *rows, "</table>", ""]
