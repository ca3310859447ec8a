"""Human-readable report: findings grouped by file, then the summary line.

Layout::

    briefs/leak.md
      3:5  error    cite-unknown-key  @foo is not in the bibliography
        ↳ sources/refs.bib:12  closest key
      9    warning  cite-unused-note  [^4] is never used (suppressed)

    1 error, 0 warnings, 0 info (1 suppressed) in 1 file

Suppressed findings are shown, marked "(suppressed)" and dimmed in colour: the summary counts
them, so the reader can see what was counted. A message's line breaks become spaces, so each
finding stays on one line for grep and for editors that jump to ``path`` + ``LINE:COL``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from itertools import groupby

from rich.console import Console
from rich.text import Text

from .. import __version__
from ..model import Finding, Location, Severity
from .summary import ordered, summary_line

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_SEVERITY_WIDTH = max(len(s.value) for s in Severity)

# A line is a list of (text, rich style) pieces, so plain and coloured output share one layout.
_Line = list[tuple[str, str]]


def render(
    findings: Sequence[Finding], *, color: bool = False, tool_version: str = __version__
) -> str:
    """``tool_version`` is accepted only so every reporter can be called the same way."""
    lines = _report_lines(ordered(findings))
    if color:
        return _to_ansi(lines)
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


def _report_lines(findings: list[Finding]) -> list[_Line]:
    lines: list[_Line] = []
    if not findings:
        lines += [[("No findings.", "")], []]
    for path, group in groupby(findings, key=lambda f: f.path):
        lines.append([(path, "bold")])
        lines += _file_lines(list(group))
        lines.append([])
    lines.append([(summary_line(findings), "bold")])
    return lines


def _position(line: int, column: int | None) -> str:
    return f"{line}:{column}" if column is not None else str(line)


def _one_line(message: str) -> str:
    return " ".join(message.splitlines())


def _file_lines(group: list[Finding]) -> list[_Line]:
    pos_width = max(len(_position(f.line, f.column)) for f in group)
    rule_width = max(len(f.rule) for f in group)
    lines: list[_Line] = []
    for f in group:
        severity = Severity(f.severity)
        dim = "dim " if f.suppressed else ""
        message = _one_line(f.message) + (" (suppressed)" if f.suppressed else "")
        # Pad outside the coloured span so colour covers the word only.
        gap = " " * (_SEVERITY_WIDTH - len(severity.value) + 2)
        lines.append(
            [
                (f"  {_position(f.line, f.column).ljust(pos_width)}  ", dim),
                (severity.value, dim + _COLOURS[severity]),
                (f"{gap}{f.rule.ljust(rule_width)}  {message}", dim),
            ]
        )
        lines += [[(_related(r), dim + "italic")] for r in f.related]
    return lines


def _related(place: Location) -> str:
    text = f"    ↳ {place.path}:{place.line}"
    return f"{text}  {_one_line(place.message)}" if place.message else text


def _to_ansi(lines: list[_Line]) -> str:
    buffer = io.StringIO()
    # Everything pinned: the caller already chose colour (NO_COLOR, isatty), and neither the
    # environment nor the terminal width may change what a report says or wrap its lines.
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        no_color=False,
        highlight=False,
        soft_wrap=True,
        legacy_windows=False,
        width=10_000,
    )
    for line in lines:
        console.print(Text.assemble(*line))
    return buffer.getvalue()
