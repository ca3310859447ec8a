"""Silencing: ``<!-- briefcheck: ignore RULE -->`` on the line before, or ``ignore:`` in the
config. Silenced findings stay in the results, marked, so reports can count them."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from .model import Finding

_IGNORE = re.compile(r"briefcheck:\s*ignore\b([^\n>]*)", re.IGNORECASE)


def ignored_rules(line: str) -> set[str] | None:
    """Rules an ignore comment on ``line`` names; an empty set means every rule."""
    match = _IGNORE.search(line)
    if match is None:
        return None
    return {r for r in re.split(r"[\s,]+", match.group(1).replace("--", " ")) if r}


def apply(
    findings: Iterable[Finding],
    line_of: Callable[[str, int], str | None],
    project_ignore: Iterable[str] = (),
) -> list[Finding]:
    """Mark findings silenced; ``line_of(path, n)`` returns line n of a file, if known."""
    project = set(project_ignore)
    result = []
    for item in findings:
        rules = None
        if item.line > 1:
            previous = line_of(item.path, item.line - 1)
            rules = ignored_rules(previous) if previous is not None else None
        silenced = item.rule in project or (rules is not None and (not rules or item.rule in rules))
        result.append(dataclasses.replace(item, suppressed=True) if silenced else item)
    return result
