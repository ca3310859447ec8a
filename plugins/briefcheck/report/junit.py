"""JUnit XML report, for CI systems that show test results but not SARIF.

Each error or warning finding is one test case: failed, or skipped when suppressed. Info
findings are left out, as they never fail a run.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from .. import __version__
from ..model import Finding, Severity
from .summary import ordered

# XML 1.0 cannot carry these at all, escaped or not; a stray one would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(
    findings: Sequence[Finding], *, color: bool = False, tool_version: str = __version__
) -> str:
    """``color`` and ``tool_version`` are accepted only so every reporter is called alike."""
    cases = [f for f in ordered(findings) if Severity(f.severity) is not Severity.INFO]
    attributes = {
        "name": "briefcheck",
        "tests": str(len(cases)),
        "failures": str(sum(1 for f in cases if not f.suppressed)),
        "errors": "0",
        "skipped": str(sum(1 for f in cases if f.suppressed)),
    }
    suites = ET.Element("testsuites", attributes)
    suite = ET.SubElement(suites, "testsuite", attributes)
    for f in cases:
        suite.append(_testcase(f))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _position(path: str, line: int, column: int | None) -> str:
    return f"{path}:{line}:{column}" if column is not None else f"{path}:{line}"


def _testcase(f: Finding) -> ET.Element:
    case = ET.Element("testcase", classname=_clean(f.path), name=f"{f.rule} at line {f.line}")
    if f.suppressed:
        ET.SubElement(case, "skipped", message="suppressed")
        return case
    failure = ET.SubElement(case, "failure", type=f.rule, message=_clean(f.message))
    lines = [f"{_position(f.path, f.line, f.column)}: {Severity(f.severity).value}: {f.message}"]
    for r in f.related:
        where = _position(r.path, r.line, r.column)
        lines.append(f"  related: {where}: {r.message}" if r.message else f"  related: {where}")
    failure.text = _clean("\n".join(lines))
    return case
