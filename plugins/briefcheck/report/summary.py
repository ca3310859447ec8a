"""Counting findings, and the one-line summary every human-facing report ends with."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Finding, Severity


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in report order; the message breaks ties so output never depends on input order."""
    return sorted(findings, key=lambda f: (f.sort_key(), f.message))


@dataclass(frozen=True)
class Counts:
    error: int = 0
    warning: int = 0
    info: int = 0
    suppressed: int = 0
    files: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "error": self.error,
            "warning": self.warning,
            "info": self.info,
            "suppressed": self.suppressed,
        }


def count(findings: Sequence[Finding], *, include_suppressed: bool = False) -> Counts:
    """Findings per severity; suppressed ones go only to ``suppressed`` unless asked for.

    ``files`` counts every file with a finding, suppressed or not, since the report lists them all.
    """
    by_severity = Counter(
        Severity(f.severity) for f in findings if include_suppressed or not f.suppressed
    )
    return Counts(
        error=by_severity[Severity.ERROR],
        warning=by_severity[Severity.WARNING],
        info=by_severity[Severity.INFO],
        suppressed=sum(1 for f in findings if f.suppressed),
        files=len({f.path for f in findings}),
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(findings: Sequence[Finding]) -> str:
    """E.g. ``3 errors, 2 warnings, 1 info (1 suppressed) in 2 files``."""
    c = count(findings)
    line = f"{_plural(c.error, 'error')}, {_plural(c.warning, 'warning')}, {c.info} info"
    if c.suppressed:
        line += f" ({c.suppressed} suppressed)"
    return f"{line} in {_plural(c.files, 'file')}"
