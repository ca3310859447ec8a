"""``mkdocs build --strict`` fails exactly when ``briefcheck check --strict`` does (SPEC §4), and
the build logs every finding that counts as ``path:line[:col]: rule-id: message``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from support import Run, brief, briefcheck, mkdocs_build, online, write_site

ALPHA = online("alpha2022", "Alpha Leak Exposes Records", author="Doe, Jane")
BETA = online("beta2022", "Beta Breach Timeline", author="Roe, Richard")
UNCITED = online("uncited2020", "Nobody Cites This", date="2020-01-01")

HOME = "# Briefs\n\nA test site.\n"
CLEAN = brief("Clean", "# Clean\n\nOne.[^1] Two.[^2]\n\n[^1]: @alpha2022\n[^2]: @beta2022\n")
UNUSED = brief("Unused", "# Unused\n\nOne.[^1]\n\n[^1]: @alpha2022\n[^2]: @beta2022\n")
UNKNOWN = brief("Unknown", "# Unknown\n\nOne.[^1]\n\n[^1]: @alpha2022, p. 3; @nosuchkey\n")
SILENCED = brief(
    "Silenced",
    "# Silenced\n\nOne.[^1]\n\n<!-- briefcheck: ignore cite-unknown-key -->\n[^1]: @nosuchkey\n",
)


@dataclass(frozen=True)
class Case:
    briefs: dict[str, str]
    bib: str
    fails: bool  # under --strict


CASES = {
    "info-only": Case({"index.md": HOME, "clean.md": CLEAN}, ALPHA + BETA + UNCITED, False),
    "warning": Case({"index.md": HOME, "clean.md": CLEAN, "unused.md": UNUSED}, ALPHA + BETA, True),
    "error": Case({"index.md": HOME, "clean.md": CLEAN, "unknown.md": UNKNOWN}, ALPHA + BETA, True),
    "silenced-error": Case(
        {"index.md": HOME, "clean.md": CLEAN, "silenced.md": SILENCED}, ALPHA + BETA, False
    ),
    "bib-warning": Case(
        {"index.md": HOME, "clean.md": CLEAN},
        ALPHA + BETA.replace("  urldate = {2022-07-05},\n", ""),
        True,
    ),
}

_LEVEL = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
_LOG_LINE = re.compile(r"^(DEBUG|INFO|WARNING|ERROR)\s+-\s+(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Outcome:
    cli: Run
    build: Run
    findings: list[dict[str, Any]]


@pytest.fixture(scope="module", params=sorted(CASES))
def outcome(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    case = CASES[request.param]
    root = write_site(
        tmp_path_factory.mktemp(request.param) / "site", case.briefs, {"refs.bib": case.bib}
    )
    cli = briefcheck("--strict", "--format", "json", cwd=root)
    build = mkdocs_build(root, "--strict")
    for run in (cli, build):
        assert "Traceback" not in run.log, run.log
    assert cli.returncode in (0, 1), cli.log
    findings = cli.json()["findings"]
    assert (cli.returncode == 1) is case.fails, findings
    return Outcome(cli, build, findings)


def test_strict_build_fails_exactly_when_strict_check_does(outcome: Outcome) -> None:
    assert (outcome.build.returncode != 0) == (outcome.cli.returncode == 1), outcome.build.log


def test_each_counting_finding_is_logged(outcome: Outcome) -> None:
    log = outcome.build.log
    for item in outcome.findings:
        column = rf":{item['column']}" if item["column"] else ""
        where = f"{re.escape(item['path'])}:{item['line']}{column}"
        head = rf"{where}: {re.escape(item['rule'])}: {re.escape(item['message'][:40])}"
        if item["suppressed"]:
            assert not re.search(rf"^(WARNING|ERROR)\s+-\s+{head}", log, re.M), item
            continue
        level = _LEVEL[item["severity"]]
        assert re.search(rf"^{level}\s+-\s+{head}", log, re.M), (item, log)


def test_nothing_else_is_logged_as_a_problem(outcome: Outcome) -> None:
    """Only briefcheck's findings make the build fail: the sites are otherwise clean."""
    counted = {(f["path"], f["line"], f["rule"]) for f in outcome.findings if not f["suppressed"]}
    for level, text in _LOG_LINE.findall(outcome.build.log):
        if level not in ("WARNING", "ERROR") or text.startswith("Aborted"):
            continue
        match = re.match(r"^([\w./-]+):(\d+)(?::\d+)?: ([a-z-]+): ", text)
        assert match, text
        assert (match[1], int(match[2]), match[3]) in counted, text


def test_the_build_summarises_the_findings(outcome: Outcome) -> None:
    counts = outcome.cli.json()["summary"]
    assert re.search(
        rf"^INFO\s+-\s+briefcheck: {counts['error']} errors?, {counts['warning']} warnings?, ",
        outcome.build.log,
        re.M,
    ), outcome.build.log
