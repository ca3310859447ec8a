"""Reporters: findings rendered as text, JSON, SARIF 2.1.0, JUnit XML or GitHub annotations.

Every reporter is ``render(findings, *, color=False, tool_version=...) -> str``, sorts the
findings itself, and returns text ending in a newline (the empty string for GitHub annotations
when there is nothing to annotate). Only ``text`` uses ``color``; only ``sarif`` uses
``tool_version``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .. import __version__
from ..model import Finding
from . import github, json_report, junit, sarif, text
from .summary import Counts, count, ordered, summary_line

REPORTERS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}


def render(
    fmt: str,
    findings: Sequence[Finding],
    *,
    color: bool = False,
    tool_version: str = __version__,
) -> str:
    """Render ``findings`` in format ``fmt``; an unknown format is a ``ValueError``."""
    try:
        reporter = REPORTERS[fmt]
    except KeyError:
        known = ", ".join(REPORTERS)
        raise ValueError(f"unknown report format {fmt!r} (expected one of: {known})") from None
    return reporter(findings, color=color, tool_version=tool_version)


__all__ = ["REPORTERS", "Counts", "count", "ordered", "render", "summary_line"]
