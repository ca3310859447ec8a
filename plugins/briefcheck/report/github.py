"""GitHub Actions workflow commands: one annotation per finding that is not suppressed.

Paths are written as the findings hold them (relative to the folder of ``mkdocs.yml``); GitHub
places annotations relative to the repository root, so the two should be the same folder.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import __version__
from ..model import Finding, Severity
from .summary import ordered

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(
    findings: Sequence[Finding], *, color: bool = False, tool_version: str = __version__
) -> str:
    """``color`` and ``tool_version`` are accepted only so every reporter is called alike."""
    return "".join(_command(f) + "\n" for f in ordered(findings) if not f.suppressed)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(f: Finding) -> str:
    properties = [f"file={escape_property(f.path)}", f"line={f.line}"]
    if f.column is not None:
        properties.append(f"col={f.column}")
    properties.append(f"title={escape_property(f.rule)}")
    # Related places go into the message: an annotation has no field for them.
    message = f.message
    for r in f.related:
        message += f"\n↳ {r.path}:{r.line}" + (f"  {r.message}" if r.message else "")
    return f"::{_COMMANDS[Severity(f.severity)]} {','.join(properties)}::{escape_data(message)}"
