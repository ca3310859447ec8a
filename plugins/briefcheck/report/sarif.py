"""SARIF 2.1.0 report, shaped for GitHub code scanning (``upload-sarif``) and IDE viewers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Location, Severity
from ..rules import RULES
from .summary import ordered

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/briefcheck/"
SRCROOT = "%SRCROOT%"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(
    findings: Sequence[Finding], *, color: bool = False, tool_version: str = __version__
) -> str:
    """``color`` is accepted only so every reporter can be called the same way."""
    results = ordered(findings)
    rule_ids = sorted({f.rule for f in results})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    run = {
        "tool": {
            "driver": {
                "name": "briefcheck",
                "version": tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule_id, results) for rule_id in rule_ids],
            }
        },
        # Columns count Python characters (code points); SARIF's default is UTF-16 code units.
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule]) for f in results],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule(rule_id: str, findings: list[Finding]) -> dict[str, Any]:
    rule = RULES.get(rule_id)
    if rule is None:
        # A rule this version does not register still needs a descriptor for ruleIndex to point
        # at; its findings' severity is the best default we have.
        severity = Severity(next(f.severity for f in findings if f.rule == rule_id))
        return {"id": rule_id, "defaultConfiguration": {"level": _LEVELS[severity]}}
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _result(f: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[Severity(f.severity)],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": _physical(f.location)}],
    }
    if f.related:
        result["relatedLocations"] = [_related(i, r) for i, r in enumerate(f.related, start=1)]
    if f.suppressed:
        # The model does not say whether an ignore comment or the config silenced it; ignore
        # comments are the usual way, so "inSource".
        result["suppressions"] = [{"kind": "inSource"}]
    return result


def _related(ident: int, place: Location) -> dict[str, Any]:
    related: dict[str, Any] = {"id": ident, "physicalLocation": _physical(place)}
    if place.message:
        related["message"] = {"text": place.message}
    return related


def _physical(place: Location) -> dict[str, Any]:
    # GitHub rejects a whole upload over one startLine below 1.
    region: dict[str, Any] = {"startLine": max(place.line, 1)}
    if place.column is not None:
        region["startColumn"] = max(place.column, 1)
    return {
        "artifactLocation": {"uri": _uri(place.path), "uriBaseId": SRCROOT},
        "region": region,
    }


def _uri(path: str) -> str:
    # A relative URI reference: spaces and non-ASCII must be percent-encoded to be valid.
    return quote(path.replace("\\", "/"), safe="/")
