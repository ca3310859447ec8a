"""Reporters: findings rendered as text, JSON, SARIF 2.1.0, JUnit XML or GitHub annotations.

Every reporter is ``render(findings, *, color=False, tool_version=...) -> str``, sorts the
findings itself, and returns text ending in a newline (the empty string for GitHub annotations
when there is nothing to annotate). Only ``text`` uses ``color``; only ``sarif`` uses
``tool_version``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import ClassVar

from .. import __version__
from ..model import Finding
from .summary import Counts, count, ordered, summary_line


class _Reporters(Mapping[str, Callable[..., str]]):
    """Format name to reporter, each module imported when first asked for: the MkDocs plugin
    only needs ``summary``, and the text reporter brings in rich."""

    _MODULES: ClassVar[dict[str, str]] = {
        "text": "text", "json": "json_report", "sarif": "sarif", "junit": "junit",
        "github": "github",
    }  # fmt: skip

    def __getitem__(self, fmt: str) -> Callable[..., str]:
        module = importlib.import_module(f"{__name__}.{self._MODULES[fmt]}")
        reporter: Callable[..., str] = module.render
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(self._MODULES)

    def __len__(self) -> int:
        return len(self._MODULES)


REPORTERS: Mapping[str, Callable[..., str]] = _Reporters()


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
