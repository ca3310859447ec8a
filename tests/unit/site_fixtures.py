"""Run a fixture site (a folder with mkdocs.yml and expected.json) and compare its findings.

Rule, path, line and the silenced flag are always compared; column and severity where the
label gives them.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from briefcheck.checks import run
from briefcheck.model import Finding
from briefcheck.site import Project, load_site

_OPTIONAL = ("column", "severity")


def _as_label(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "severity": finding.severity.value,
        "suppressed": finding.suppressed,
    }


def _key(item: dict[str, Any], labelled: set[str]) -> tuple[Any, ...]:
    optional = tuple(item.get(name) if name in labelled else None for name in _OPTIONAL)
    return (item["rule"], item["path"], item["line"], *optional, bool(item.get("suppressed")))


def check_case(folder: Path, rules: tuple[str, ...], today: datetime.date | None = None) -> None:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["findings"]
    site = load_site(Project.from_config_file(folder / "mkdocs.yml"))
    found = [_as_label(f) for f in run(site, today=today) if f.rule.startswith(rules)]
    given = {(e["rule"], e["path"], e["line"]): {n for n in _OPTIONAL if n in e} for e in expected}
    want = sorted(_key(e, {n for n in _OPTIONAL if n in e}) for e in expected)
    got = sorted(_key(f, given.get((f["rule"], f["path"], f["line"]), set())) for f in found)
    assert got == want, (
        f"{folder.name}: findings differ\nexpected:\n"
        + "\n".join(f"  {k}" for k in want)
        + "\ngot:\n"
        + "\n".join(f"  {k}" for k in got)
    )
