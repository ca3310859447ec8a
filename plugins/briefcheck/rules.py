"""Every rule briefcheck knows: its id, default severity and a one-line summary (SPEC §5)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Finding, Location, Severity


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("bib-syntax", _E, "A BibTeX entry cannot be parsed."),
        Rule("bib-duplicate-key", _E, "A bibliography key is defined twice."),
        Rule("bib-missing-field", _W, "An entry lacks a field its type needs."),
        Rule("cite-unknown-key", _E, "A cited @key is not in the bibliography."),
        Rule("cite-unmatched-note", _W, "A free-text note matches no bibliography entry."),
        Rule("cite-undefined-note", _E, "A footnote marker is used but never defined."),
        Rule("cite-unused-note", _W, "A footnote is defined but never used."),
        Rule("cite-ibid-orphan", _E, "Ibid. has no preceding note with a source."),
        Rule("cite-bad-backref", _E, "n. N points to a note that does not exist or has no source."),
        Rule("cite-anachronism", _W, "A cited source is dated after the brief."),
        Rule("cite-uncited-entry", _I, "A bibliography entry no brief cites."),
        Rule("figure-malformed", _E, "A number that cannot be what it claims."),
        Rule("figure-inconsistent", _W, "The same claim has different values."),
        Rule("figure-source-mismatch", _W, "A figure differs from the snapshot of its source."),
        Rule("figure-stale", _W, "A figure uses a superseded or overdue ledger value."),
        Rule("link-broken", _E, "A cited link answers 404/410 or its host does not exist."),
        Rule("link-redirect", _W, "A cited link redirects permanently."),
        Rule("link-blocked", _W, "A cited link answers 401/403/429."),
        Rule("link-timeout", _W, "A cited link does not answer in time."),
        Rule("link-unreachable", _W, "A cited link refuses connections or fails with 5xx."),
        Rule("link-unchecked", _I, "A cited link could not be checked (offline, no verdict)."),
        Rule("brief-front-matter", _W, "A brief's front matter is not valid YAML."),
        Rule("brief-encoding", _E, "A brief is not UTF-8 text; it is left out of the site."),
        Rule("facts-syntax", _E, "An entry of the facts ledger cannot be read."),
    )
}


def default_severity(rule_id: str) -> Severity:
    return RULES[rule_id].severity


def finding(
    rule_id: str,
    path: str,
    line: int,
    column: int | None,
    message: str,
    related: tuple[Location, ...] = (),
) -> Finding:
    """A finding at the rule's default severity."""
    return Finding(rule_id, RULES[rule_id].severity, path, line, column, message, related)
