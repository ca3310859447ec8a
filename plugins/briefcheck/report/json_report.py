"""Machine-readable report (``--format json``), version 1 of its shape.

Non-ASCII text is written as is, not as ``\\uXXXX`` escapes: write the result as UTF-8.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..model import Finding, Location, Severity
from .summary import count, ordered

FORMAT_VERSION = 1


def render(
    findings: Sequence[Finding], *, color: bool = False, tool_version: str = __version__
) -> str:
    """``color`` and ``tool_version`` are accepted only so every reporter is called alike."""
    document = {
        "version": FORMAT_VERSION,
        "summary": count(findings).as_dict(),
        "findings": [_finding(f) for f in ordered(findings)],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": Severity(f.severity).value,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "message": f.message,
        "related": [_related(r) for r in f.related],
        "suppressed": f.suppressed,
    }


def _related(place: Location) -> dict[str, Any]:
    return {
        "path": place.path,
        "line": place.line,
        "column": place.column,
        "message": place.message,
    }
