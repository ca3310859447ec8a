"""The reporters, checked on their parsed output (JSON, XML, SARIF schema, exact lines)."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from briefcheck.model import Finding, Location, Severity
from briefcheck.report import REPORTERS, count, github, json_report, ordered, render, summary_line
from briefcheck.rules import RULES

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

NASTY = 'Unknown key <&"> in "a, b: c"\nsecond line — café'

UNKNOWN_KEY = Finding(
    "cite-unknown-key",
    Severity.ERROR,
    "briefs/leak.md",
    3,
    5,
    NASTY,
    (Location("sources/refs.bib", 12, None, "closest key: zheng2022, p. 4"),),
)
INCONSISTENT = Finding(
    "figure-inconsistent",
    Severity.WARNING,
    "briefs/leak.md",
    9,
    None,
    "24 TB vs 20 TB, 100% sure",
    (Location("briefs/other.md", 4, 7, "other side"), Location("sources/facts.yml", 2)),
)
UNUSED_SUPPRESSED = Finding(
    "cite-unused-note",
    Severity.WARNING,
    "briefs/leak.md",
    20,
    1,
    "[^4] is never used",
    suppressed=True,
)
UNCHECKED = Finding(
    "link-unchecked", Severity.INFO, "briefs/a brief é.md", 2, 10, "offline: not checked"
)
UNCITED_SUPPRESSED = Finding(
    "cite-uncited-entry",
    Severity.INFO,
    "sources/refs.bib",
    30,
    1,
    "zheng2022 is never cited",
    suppressed=True,
)

# Deliberately out of report order: every reporter must sort.
FINDINGS = [UNCITED_SUPPRESSED, INCONSISTENT, UNUSED_SUPPRESSED, UNKNOWN_KEY, UNCHECKED]


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


# --- summary -------------------------------------------------------------------------------


def test_ordered_sorts_by_path_line_column_then_rule() -> None:
    assert ordered(FINDINGS) == [
        UNCHECKED,
        UNKNOWN_KEY,
        INCONSISTENT,
        UNUSED_SUPPRESSED,
        UNCITED_SUPPRESSED,
    ]


def test_ordered_puts_unknown_column_before_column_one() -> None:
    at_col_1 = Finding("bib-syntax", Severity.ERROR, "x.bib", 4, 1, "b")
    no_col = Finding("bib-syntax", Severity.ERROR, "x.bib", 4, None, "a")
    assert ordered([at_col_1, no_col]) == [no_col, at_col_1]


def test_count_keeps_suppressed_apart_by_default() -> None:
    c = count(FINDINGS)
    assert (c.error, c.warning, c.info, c.suppressed, c.files) == (1, 1, 1, 2, 3)
    assert c.as_dict() == {"error": 1, "warning": 1, "info": 1, "suppressed": 2}


def test_count_including_suppressed_adds_them_to_their_severity() -> None:
    c = count(FINDINGS, include_suppressed=True)
    assert (c.error, c.warning, c.info, c.suppressed) == (1, 2, 2, 2)


def test_summary_line_wording_and_plurals() -> None:
    assert summary_line(FINDINGS) == "1 error, 1 warning, 1 info (2 suppressed) in 3 files"
    assert summary_line([]) == "0 errors, 0 warnings, 0 info in 0 files"
    two = [UNKNOWN_KEY, Finding("bib-syntax", Severity.ERROR, "briefs/leak.md", 1, None, "x")]
    assert summary_line(two) == "2 errors, 0 warnings, 0 info in 1 file"


# --- registry ------------------------------------------------------------------------------


def test_registry_names_every_format() -> None:
    assert set(REPORTERS) == {"text", "json", "sarif", "junit", "github"}


def test_render_rejects_an_unknown_format_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"'yaml'.*text, json, sarif, junit, github"):
        render("yaml", FINDINGS)


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_output_does_not_depend_on_input_order(fmt: str) -> None:
    assert render(fmt, FINDINGS) == render(fmt, list(reversed(FINDINGS)))


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
def test_color_changes_only_the_text_report(fmt: str) -> None:
    assert render(fmt, FINDINGS, color=True) == render(fmt, FINDINGS)


def test_render_dispatches_to_the_module_renderer() -> None:
    assert render("json", FINDINGS) == json_report.render(FINDINGS)
    assert render("github", FINDINGS) == github.render(FINDINGS)


# --- text ----------------------------------------------------------------------------------

EXPECTED_TEXT = [
    "briefs/a brief é.md",
    "  2:10  info     link-unchecked  offline: not checked",
    "",
    "briefs/leak.md",
    '  3:5   error    cite-unknown-key     Unknown key <&"> in "a, b: c" second line — café',
    "    ↳ sources/refs.bib:12  closest key: zheng2022, p. 4",
    "  9     warning  figure-inconsistent  24 TB vs 20 TB, 100% sure",
    "    ↳ briefs/other.md:4  other side",
    "    ↳ sources/facts.yml:2",
    "  20:1  warning  cite-unused-note     [^4] is never used (suppressed)",
    "",
    "sources/refs.bib",
    "  30:1  info     cite-uncited-entry  zheng2022 is never cited (suppressed)",
    "",
    "1 error, 1 warning, 1 info (2 suppressed) in 3 files",
]


def test_text_plain_layout() -> None:
    out = render("text", FINDINGS)
    assert "\x1b" not in out
    assert out.endswith("\n")
    assert out.splitlines() == EXPECTED_TEXT


def test_text_empty() -> None:
    assert render("text", []).splitlines() == [
        "No findings.",
        "",
        "0 errors, 0 warnings, 0 info in 0 files",
    ]


def test_text_color_marks_severities_and_keeps_the_layout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The caller decides on colour; the environment must not undo that decision.
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    out = render("text", FINDINGS, color=True)
    assert "\x1b[31merror\x1b[0m" in out
    assert "\x1b[33mwarning\x1b[0m" in out
    assert "\x1b[34minfo\x1b[0m" in out
    suppressed = next(line for line in out.splitlines() if "cite-unused-note" in line)
    assert "\x1b[2;33mwarning" in suppressed  # dimmed
    assert ANSI.sub("", out).splitlines() == EXPECTED_TEXT


def test_text_color_does_not_wrap_long_lines() -> None:
    long = Finding("bib-syntax", Severity.ERROR, "x.bib", 1, 1, "word " * 100)
    out = ANSI.sub("", render("text", [long], color=True))
    assert out == render("text", [long])
    assert out.splitlines()[1].endswith("bib-syntax  " + "word " * 100)
    assert len(out.splitlines()) == 4  # heading, finding, blank, summary


def test_text_does_not_read_markup_in_messages() -> None:
    tricky = Finding("bib-syntax", Severity.ERROR, "x.bib", 1, 1, "[bold]@key[/bold] :smile:")
    out = ANSI.sub("", render("text", [tricky], color=True))
    assert "[bold]@key[/bold] :smile:" in out


# --- json ----------------------------------------------------------------------------------


def test_json_document() -> None:
    out = render("json", FINDINGS)
    assert out.splitlines()[1] == '  "version": 1,'  # indented by 2
    assert "café" in out  # written as UTF-8 text, not \u escapes
    doc = json.loads(out)
    assert doc["version"] == 1
    assert doc["summary"] == {"error": 1, "warning": 1, "info": 1, "suppressed": 2}
    assert [f["rule"] for f in doc["findings"]] == [
        "link-unchecked",
        "cite-unknown-key",
        "figure-inconsistent",
        "cite-unused-note",
        "cite-uncited-entry",
    ]
    assert doc["findings"][1] == {
        "rule": "cite-unknown-key",
        "severity": "error",
        "path": "briefs/leak.md",
        "line": 3,
        "column": 5,
        "message": NASTY,
        "related": [
            {
                "path": "sources/refs.bib",
                "line": 12,
                "column": None,
                "message": "closest key: zheng2022, p. 4",
            }
        ],
        "suppressed": False,
    }
    inconsistent = doc["findings"][2]
    assert inconsistent["column"] is None
    assert inconsistent["related"][1] == {
        "path": "sources/facts.yml",
        "line": 2,
        "column": None,
        "message": None,
    }
    assert [f["suppressed"] for f in doc["findings"]] == [False, False, False, True, True]


def test_json_empty() -> None:
    doc = json.loads(render("json", []))
    assert doc == {
        "version": 1,
        "summary": {"error": 0, "warning": 0, "info": 0, "suppressed": 0},
        "findings": [],
    }


# --- sarif ---------------------------------------------------------------------------------


def _sarif(findings: list[Finding], **kwargs: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(render("sarif", findings, **kwargs))
    return doc


def test_sarif_validates_against_the_official_schema(sarif_validator: Any) -> None:
    doc = _sarif(FINDINGS)
    sarif_validator.validate(doc)
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"]) == 1


def test_sarif_schema_check_is_not_vacuous(sarif_validator: Any) -> None:
    doc = _sarif(FINDINGS)
    broken = copy.deepcopy(doc)
    broken["runs"][0]["results"][0]["level"] = "info"  # SARIF calls it "note"
    assert not sarif_validator.is_valid(broken)
    broken = copy.deepcopy(doc)
    del broken["runs"][0]["results"][0]["message"]
    assert not sarif_validator.is_valid(broken)


def test_sarif_driver_and_rules() -> None:
    driver = _sarif(FINDINGS, tool_version="9.9.9")["runs"][0]["tool"]["driver"]
    assert driver["name"] == "briefcheck"
    assert driver["version"] == "9.9.9"
    assert driver["informationUri"].startswith("https://")
    used = sorted({f.rule for f in FINDINGS})
    assert [r["id"] for r in driver["rules"]] == used
    for descriptor in driver["rules"]:
        rule = RULES[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == rule.summary
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        assert descriptor["defaultConfiguration"]["level"] == level


def test_sarif_results() -> None:
    run = _sarif(FINDINGS)["runs"][0]
    rules, results = run["tool"]["driver"]["rules"], run["results"]
    assert [r["ruleId"] for r in results] == [f.rule for f in ordered(FINDINGS)]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in results] == ["note", "error", "warning", "warning", "note"]

    unknown_key = results[1]
    assert unknown_key["message"]["text"] == NASTY
    place = unknown_key["locations"][0]["physicalLocation"]
    assert place["artifactLocation"] == {"uri": "briefs/leak.md", "uriBaseId": "%SRCROOT%"}
    assert place["region"] == {"startLine": 3, "startColumn": 5}
    (related,) = unknown_key["relatedLocations"]
    assert related["id"] == 1
    assert related["message"]["text"] == "closest key: zheng2022, p. 4"
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "sources/refs.bib"
    assert related["physicalLocation"]["region"] == {"startLine": 12}
    assert "suppressions" not in unknown_key

    inconsistent = results[2]
    assert inconsistent["locations"][0]["physicalLocation"]["region"] == {"startLine": 9}
    assert [r["id"] for r in inconsistent["relatedLocations"]] == [1, 2]
    assert inconsistent["relatedLocations"][0]["physicalLocation"]["region"] == {
        "startLine": 4,
        "startColumn": 7,
    }
    assert "message" not in inconsistent["relatedLocations"][1]

    assert [r.get("suppressions") for r in results] == [
        None,
        None,
        None,
        [{"kind": "inSource"}],
        [{"kind": "inSource"}],
    ]


def test_sarif_uris_are_relative_forward_slashed_and_encoded(sarif_validator: Any) -> None:
    windows = Finding("bib-syntax", Severity.ERROR, "sources\\old refs.bib", 1, None, "x")
    doc = _sarif([UNCHECKED, windows])
    sarif_validator.validate(doc)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in doc["runs"][0]["results"]
    ]
    assert uris == ["briefs/a%20brief%20%C3%A9.md", "sources/old%20refs.bib"]


def test_sarif_empty_and_unregistered_rule_still_validate(sarif_validator: Any) -> None:
    empty = _sarif([])
    sarif_validator.validate(empty)
    assert empty["runs"][0]["results"] == []
    assert empty["runs"][0]["tool"]["driver"]["rules"] == []

    stray = Finding("future-rule", Severity.WARNING, "briefs/a.md", 1, None, "x")
    doc = _sarif([stray])
    sarif_validator.validate(doc)
    (descriptor,) = doc["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor == {"id": "future-rule", "defaultConfiguration": {"level": "warning"}}


# --- junit ---------------------------------------------------------------------------------


def _junit(findings: list[Finding]) -> ET.Element:
    out = render("junit", findings)
    assert out.startswith("<?xml")
    return ET.fromstring(out)


def test_junit_structure_and_counts() -> None:
    root = _junit(FINDINGS)
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    assert suite.get("name") == "briefcheck"
    for element in (root, suite):
        # Info findings are not test cases; the suppressed warning is a skipped one.
        assert element.get("tests") == "3"
        assert element.get("failures") == "2"
        assert element.get("skipped") == "1"
        assert element.get("errors") == "0"
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("briefs/leak.md", "cite-unknown-key at line 3"),
        ("briefs/leak.md", "figure-inconsistent at line 9"),
        ("briefs/leak.md", "cite-unused-note at line 20"),
    ]


def test_junit_failures_round_trip_escaped_text() -> None:
    unknown_key, inconsistent, suppressed = _junit(FINDINGS).iter("testcase")
    failure = unknown_key.find("failure")
    assert failure is not None
    assert failure.get("type") == "cite-unknown-key"
    assert failure.get("message") == NASTY
    assert failure.text is not None
    assert failure.text.splitlines() == [
        'briefs/leak.md:3:5: error: Unknown key <&"> in "a, b: c"',
        "second line — café",
        "  related: sources/refs.bib:12: closest key: zheng2022, p. 4",
    ]
    failure = inconsistent.find("failure")
    assert failure is not None and failure.text is not None
    assert failure.text.splitlines() == [
        "briefs/leak.md:9: warning: 24 TB vs 20 TB, 100% sure",
        "  related: briefs/other.md:4:7: other side",
        "  related: sources/facts.yml:2",
    ]
    assert suppressed.find("failure") is None
    assert suppressed.find("skipped") is not None


def test_junit_survives_characters_xml_cannot_hold() -> None:
    odd = Finding("bib-syntax", Severity.ERROR, "x.bib", 1, 1, "page\x0cbreak\x00")
    failure = _junit([odd]).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "page\ufffdbreak\ufffd"


def test_junit_empty() -> None:
    root = _junit([])
    assert root.get("tests") == "0"
    assert root.find("testsuite/testcase") is None


# --- github --------------------------------------------------------------------------------


def test_github_lines() -> None:
    out = render("github", FINDINGS)
    assert out.endswith("\n")
    assert out.splitlines() == [
        "::notice file=briefs/a brief é.md,line=2,col=10,title=link-unchecked"
        "::offline: not checked",
        "::error file=briefs/leak.md,line=3,col=5,title=cite-unknown-key"
        '::Unknown key <&"> in "a, b: c"%0Asecond line — café'
        "%0A↳ sources/refs.bib:12  closest key: zheng2022, p. 4",
        "::warning file=briefs/leak.md,line=9,title=figure-inconsistent"
        "::24 TB vs 20 TB, 100%25 sure%0A↳ briefs/other.md:4  other side%0A↳ sources/facts.yml:2",
    ]


def test_github_escapes_properties_more_than_data() -> None:
    odd = Finding("bib-syntax", Severity.ERROR, "a,b:c%d.bib", 7, None, "x: 1,\r\n2% done")
    assert render("github", [odd]) == (
        "::error file=a%2Cb%3Ac%25d.bib,line=7,title=bib-syntax::x: 1,%0D%0A2%25 done\n"
    )


def test_github_leaves_out_suppressed_and_prints_nothing_else() -> None:
    assert render("github", [UNUSED_SUPPRESSED, UNCITED_SUPPRESSED]) == ""
    assert render("github", []) == ""
