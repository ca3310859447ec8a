"""``briefcheck check`` run as a subprocess in small sites with planted defects (SPEC §4, §5)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from support import Run, brief, mkdocs_config, online, write_site
from support import briefcheck as _briefcheck

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"

ALPHA = online("alpha2022", "Alpha Leak Exposes Records", author="Doe, Jane")
BETA = online("beta2022", "Beta Breach Timeline", author="Roe, Richard")
GAMMA = online("gamma2022", "Gamma Report on Data Sales", author="Poe, Edgar")

CLEAN = brief(
    "Clean",
    """
# Clean

One.[^1] Two.[^2]

[^1]: @alpha2022
[^2]: @beta2022, p. 4
""",
)

# cite-unknown-key at line 9 column 7 (the "@"), counting the front matter.
UNKNOWN = brief(
    "Unknown",
    """
# Unknown

Claim.[^1]

[^1]: @nosuchkey
""",
)

# cite-unused-note (a warning) at line 10 column 1.
UNUSED = brief(
    "Unused",
    """
# Unused

Claim.[^1]

[^1]: @gamma2022
[^2]: @gamma2022
""",
)

SILENCED = brief(
    "Silenced",
    """
# Silenced

Claim.[^1]

<!-- briefcheck: ignore cite-unknown-key -->
[^1]: @nosuchkey
""",
)


def check(*args: str | Path, cwd: Path) -> Run:
    """Run ``briefcheck check``; whatever happens, no traceback reaches the user."""
    run = _briefcheck(*args, cwd=cwd)
    assert "Traceback" not in run.stderr, run.stderr
    assert "Traceback" not in run.stdout, run.stdout
    return run


def site(tmp_path: Path, briefs: dict[str, str], bib: str = ALPHA + BETA, **kw: Any) -> Path:
    return write_site(tmp_path / "site", briefs, {"refs.bib": bib}, **kw)


def assert_unusable(run: Run, *words: str) -> None:
    """Exit 2 with one line on stderr naming the problem."""
    assert run.returncode == 2, run.log
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("briefcheck: error: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    assert run.stdout == ""


# --- exit status -----------------------------------------------------------------------------


def test_clean_site_exits_0(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN})
    for flags in ([], ["--strict"]):
        run = check(*flags, cwd=root)
        assert run.returncode == 0, run.log
        assert run.stderr == ""
        assert "No findings." in run.stdout
        assert run.stdout.rstrip().endswith("0 errors, 0 warnings, 0 info in 0 files")


def test_error_exits_1(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN, "unknown.md": UNKNOWN})
    for flags in ([], ["--strict"]):
        run = check(*flags, cwd=root)
        assert run.returncode == 1, run.log
        assert "briefs/unknown.md" in run.stdout
        assert re.search(r"^\s+9:7\s+error\s+cite-unknown-key\s+@nosuchkey", run.stdout, re.M)


def test_warnings_fail_only_under_strict(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN, "unused.md": UNUSED}, bib=ALPHA + BETA + GAMMA)
    relaxed = check(cwd=root)
    assert relaxed.returncode == 0, relaxed.log
    assert re.search(r"^\s+10:1\s+warning\s+cite-unused-note", relaxed.stdout, re.M)
    strict = check("--strict", cwd=root)
    assert strict.returncode == 1, strict.log
    assert strict.stdout == relaxed.stdout


def test_info_never_fails(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN}, bib=ALPHA + BETA + GAMMA)
    run = check("--strict", cwd=root)
    assert run.returncode == 0, run.log
    assert "cite-uncited-entry" in run.stdout
    assert "0 errors, 0 warnings, 1 info in 1 file" in run.stdout


def test_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("briefcheck")
    if not script.exists():
        pytest.skip("no briefcheck console script next to this Python")
    root = site(tmp_path, {"unknown.md": UNKNOWN})
    done = subprocess.run(
        [str(script), "check", "--format", "json"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "cite-unknown-key" in [f["rule"] for f in json.loads(done.stdout)["findings"]]


# --- runs that cannot happen: exit 2, one line ------------------------------------------------


def test_missing_mkdocs_yml(tmp_path: Path) -> None:
    assert_unusable(check(cwd=tmp_path), "mkdocs.yml")
    assert_unusable(check("--config-file", "nope.yml", cwd=tmp_path), "nope.yml")


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"figures": {"tolerance": -1}}, ["figures.tolerance", "-1"]),
        ({"figures": {"tolerance": "lots"}}, ["figures.tolerance"]),
        ({"links": {"timeout": 0}}, ["links.timeout"]),
        ({"links": {"max_age": "soon"}}, ["links.max_age"]),
        ({"links": {"offline": "maybe"}}, ["links.offline"]),
        ({"report": "yes"}, ["report"]),
        ({"colour": "red"}, ["unknown option", "colour"]),
        ({"figures": {"colour": "red"}}, ["unknown option", "colour"]),
        ({"ignore": ["no-such-rule"]}, ["no-such-rule"]),
        ({"bibliography": "nowhere.bib"}, ["nowhere.bib"]),
        ({"bibliography": ["sources", "missing-folder"]}, ["missing-folder"]),
    ],
    ids=lambda v: json.dumps(v) if isinstance(v, dict) else None,
)
def test_bad_configuration(tmp_path: Path, options: dict[str, Any], words: list[str]) -> None:
    root = site(tmp_path, {"clean.md": CLEAN}, options=options)
    assert_unusable(check(cwd=root), *words)


def test_missing_docs_dir(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN})
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = "drafts"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert_unusable(check(cwd=root), "drafts")


def _not_yaml(tmp_path: Path) -> Path:
    root = site(tmp_path, {"clean.md": CLEAN})
    (root / "mkdocs.yml").write_text("plugins: [briefcheck\nsite_name: x\n", encoding="utf-8")
    return root


def test_mkdocs_yml_not_yaml(tmp_path: Path) -> None:
    run = check(cwd=_not_yaml(tmp_path))
    assert run.returncode == 2, run.log
    assert run.stderr.startswith("briefcheck: error: mkdocs.yml line 2: not valid YAML")
    assert run.stdout == ""


def test_mkdocs_yml_not_yaml_reason_is_one_line(tmp_path: Path) -> None:
    assert_unusable(check(cwd=_not_yaml(tmp_path)), "mkdocs.yml")


def test_non_utf8_bibliography(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN})
    (root / "sources" / "latin.bib").write_bytes(
        b"@online{latin1,\n  title = {Caf\xe9 society},\n  url = {https://example.org/c},\n}\n"
    )
    run = check("--format", "json", cwd=root)
    assert run.returncode == 1, run.log
    found = [(f["rule"], f["path"], f["line"]) for f in run.json()["findings"]]
    # One finding at the bad byte; the entry is still known (no unknown key elsewhere).
    assert ("bib-syntax", "sources/latin.bib", 2) in found
    assert not [f for f in found if f[0] == "cite-unknown-key"]


def test_non_utf8_brief(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN})
    (root / "briefs" / "latin.md").write_bytes(b"Caf\xe9.[^1]\n\n[^1]: @alpha2022\n")
    run = check("--format", "json", cwd=root)
    assert run.returncode == 1, run.log
    found = [(f["rule"], f["path"], f["line"], f["column"]) for f in run.json()["findings"]]
    assert found == [("brief-encoding", "briefs/latin.md", 1, 4)]


def test_no_such_path_argument(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN})
    assert_unusable(check("briefs/nope.md", cwd=root), "briefs/nope.md")


def test_mkdocs_yml_not_utf8(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN})
    text = (root / "mkdocs.yml").read_bytes()
    (root / "mkdocs.yml").write_bytes(text.replace(b"integration test", b"caf\xe9"))
    assert_unusable(check(cwd=root), "mkdocs.yml")


def test_missing_absolute_docs_dir(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN})
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(tmp_path / "nowhere" / "briefs")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert_unusable(check(cwd=root), "nowhere")


def test_ignore_with_a_nested_list(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN}, options={"ignore": [["cite-unused-note"]]})
    assert_unusable(check(cwd=root), "ignore")


@pytest.mark.parametrize("target", ["briefs", "clean-file/report.json"])
def test_unwritable_output(tmp_path: Path, target: str) -> None:
    root = site(tmp_path, {"clean.md": CLEAN})
    (root / "clean-file").write_text("not a folder", encoding="utf-8")
    assert_unusable(check("--output", target, cwd=root), target.split("/")[0])


# --- broken inputs are findings, not crashes ---------------------------------------------------


def test_invalid_front_matter_is_a_finding(tmp_path: Path) -> None:
    bad = "---\ntitle: [unclosed\ndate: 2022-07-10\n---\n# Bad\n\nClaim.[^1]\n\n[^1]: @alpha2022\n"
    root = site(tmp_path, {"clean.md": CLEAN, "bad.md": bad})
    run = check("--format", "json", cwd=root)
    findings = run.json()["findings"]
    mine = [f for f in findings if f["path"] == "briefs/bad.md"]
    assert len(mine) == 1, findings
    assert mine[0]["line"] == 1
    assert "front matter" in mine[0]["message"]
    assert run.returncode == (1 if mine[0]["severity"] == "error" else 0)
    assert check("--strict", cwd=root).returncode == 1
    assert check(cwd=root).stderr == ""


def test_bibtex_syntax_error_is_a_finding(tmp_path: Path) -> None:
    broken = "@online{broken2022,\n  title = {Unclosed,\n  url = {https://example.org/x},\n\n"
    root = site(tmp_path, {"clean.md": CLEAN}, bib=ALPHA + BETA + broken)
    run = check("--format", "json", cwd=root)
    assert run.returncode == 1, run.log
    rules = {(f["rule"], f["path"]) for f in run.json()["findings"]}
    assert ("bib-syntax", "sources/refs.bib") in rules


# --- report formats ---------------------------------------------------------------------------

DUPLICATES_REFS = ALPHA + "\n" + BETA + "\n" + GAMMA + "\n" + online("alpha2022", "Alpha again")
DUPLICATES_MORE = online("beta2022", "Beta elsewhere")


@pytest.fixture(scope="module")
def defects(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An error, a warning, an info and two duplicate keys (in one file, across files)."""
    root = tmp_path_factory.mktemp("formats") / "site"
    write_site(
        root,
        {"clean.md": CLEAN, "unknown.md": UNKNOWN, "unused.md": UNUSED},
        {"refs.bib": DUPLICATES_REFS, "more.bib": DUPLICATES_MORE},
    )
    return root


def _line_of(text: str, needle: str, nth: int = 0) -> int:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return text[:at].count("\n") + 1


def test_sarif(defects: Path) -> None:
    run = check("--format", "sarif", cwd=defects)
    assert run.returncode == 1
    log = run.json()
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        by_rule.setdefault(result["ruleId"], []).append(result)
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")) and not re.match(r"^[A-Za-z]:", uri), uri
        assert (defects / uri).is_file(), uri

    def place(result: dict[str, Any]) -> tuple[str, int, int | None]:
        physical = result["locations"][0]["physicalLocation"]
        region = physical["region"]
        return physical["artifactLocation"]["uri"], region["startLine"], region.get("startColumn")

    (unknown,) = by_rule["cite-unknown-key"]
    assert unknown["level"] == "error"
    assert place(unknown) == ("briefs/unknown.md", 9, 7)
    assert "@nosuchkey" in unknown["message"]["text"]
    (unused,) = by_rule["cite-unused-note"]
    assert unused["level"] == "warning"
    assert place(unused) == ("briefs/unused.md", 10, 1)
    # gamma2022 is cited only by an unused note, which still counts as citing it.
    assert "cite-uncited-entry" not in by_rule

    duplicates = sorted(by_rule["bib-duplicate-key"], key=place)
    assert len(duplicates) == 2
    for result in duplicates:
        assert result["level"] == "error"
        uri, line, _ = place(result)
        text = (defects / uri).read_text(encoding="utf-8")
        key = "alpha2022" if "alpha2022" in result["message"]["text"] else "beta2022"
        (related,) = result["relatedLocations"]
        first_uri = related["physicalLocation"]["artifactLocation"]["uri"]
        first_line = related["physicalLocation"]["region"]["startLine"]
        first_text = (defects / first_uri).read_text(encoding="utf-8")
        assert first_text.splitlines()[first_line - 1].startswith(f"@online{{{key},")
        assert text.splitlines()[line - 1].startswith(f"@online{{{key},")
        assert (uri, line) != (first_uri, first_line)
    in_file = next(r for r in duplicates if "alpha2022" in r["message"]["text"])
    assert place(in_file)[:2] == ("sources/refs.bib", _line_of(DUPLICATES_REFS, "@online{alpha", 1))
    related = in_file["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "sources/refs.bib"
    assert related["region"]["startLine"] == 1


def test_json(defects: Path) -> None:
    run = check("--format", "json", cwd=defects)
    assert run.returncode == 1
    document = run.json()
    assert document["summary"] == {"error": 3, "warning": 1, "info": 0, "suppressed": 0}
    keys = {"rule", "severity", "path", "line", "column", "message", "related", "suppressed"}
    for item in document["findings"]:
        assert set(item) == keys
        assert item["severity"] in ("error", "warning", "info")
        assert item["line"] >= 1
        assert not Path(item["path"]).is_absolute()
    rules = sorted((f["rule"], f["path"], f["line"]) for f in document["findings"])
    assert ("cite-unknown-key", "briefs/unknown.md", 9) in rules
    assert ("cite-unused-note", "briefs/unused.md", 10) in rules
    assert sum(1 for r in rules if r[0] == "bib-duplicate-key") == 2


def test_junit(defects: Path) -> None:
    run = check("--format", "junit", cwd=defects)
    assert run.returncode == 1
    suites = ET.fromstring(run.stdout.encode("utf-8"))
    cases = suites.findall(".//testcase")
    assert len(cases) == 4
    failures = [case.find("failure") for case in cases]
    assert sorted(f.get("type") for f in failures if f is not None) == [
        "bib-duplicate-key",
        "bib-duplicate-key",
        "cite-unknown-key",
        "cite-unused-note",
    ]
    assert suites.get("failures") == "4"
    assert {case.get("classname") for case in cases} == {
        "briefs/unknown.md",
        "briefs/unused.md",
        "sources/refs.bib",
    }


def test_github(defects: Path) -> None:
    run = check("--format", "github", cwd=defects)
    assert run.returncode == 1
    pattern = re.compile(
        r"^::(error|warning|notice) file=([^,:]+),line=(\d+)(?:,col=(\d+))?,title=([a-z-]+)::(.+)$"
    )
    lines = run.stdout.splitlines()
    assert len(lines) == 4
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed), lines
    got = {(m.group(1), m.group(2), int(m.group(3)), m.group(5)) for m in parsed if m}
    assert ("error", "briefs/unknown.md", 9, "cite-unknown-key") in got
    assert ("warning", "briefs/unused.md", 10, "cite-unused-note") in got


def test_output_file(defects: Path, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "nested" / "findings.json"
    run = check("--format", "json", "--output", target, cwd=defects)
    assert run.returncode == 1
    assert target.is_file()
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == check("--format", "json", cwd=defects).json()
    assert len(run.stdout.strip().splitlines()) == 1
    assert str(target) in run.stdout and "3 errors, 1 warning" in run.stdout


def test_text_output_is_grouped_by_file(defects: Path) -> None:
    run = check(cwd=defects)
    out = run.stdout.splitlines()
    for path in ("briefs/unknown.md", "briefs/unused.md", "sources/refs.bib"):
        assert path in out
    assert "briefs/clean.md" not in run.stdout
    assert out[-1] == "3 errors, 1 warning, 0 info in 3 files"


# --- choosing briefs --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_briefs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    other = brief("Other", "# Other\n\nClaim.[^1]\n\n[^1]: @otherkey\n")
    nested = brief("Nested", "# Nested\n\nClaim.[^1]\n\n[^1]: @nestedkey\n")
    root = tmp_path_factory.mktemp("paths") / "site"
    return write_site(
        root,
        {"unknown.md": UNKNOWN, "other.md": other, "sub/nested.md": nested},
        {"refs.bib": ALPHA + BETA + GAMMA + online("warn2022", "Incomplete", urldate=None)},
    )


def _paths(run: Run) -> set[tuple[str, str]]:
    return {(f["rule"], f["path"]) for f in run.json()["findings"]}


def test_path_arguments_restrict_findings(two_briefs: Path) -> None:
    everything = _paths(check("--format", "json", cwd=two_briefs))
    assert {p for _, p in everything} >= {"briefs/unknown.md", "briefs/other.md"}
    assert ("cite-uncited-entry", "sources/refs.bib") in everything

    one = check("--format", "json", "briefs/other.md", cwd=two_briefs)
    assert one.returncode == 1
    chosen = _paths(one)
    assert ("cite-unknown-key", "briefs/other.md") in chosen
    briefs = {p for _, p in chosen if p.startswith("briefs/")}
    assert briefs == {"briefs/other.md"}
    # Bibliography findings stay, except "nobody cites this", which a subset cannot tell.
    assert ("bib-missing-field", "sources/refs.bib") in chosen
    assert ("cite-uncited-entry", "sources/refs.bib") not in chosen


def test_path_arguments_folder_and_other_cwd(two_briefs: Path) -> None:
    folder = check("--format", "json", "briefs/sub", cwd=two_briefs)
    assert {p for _, p in _paths(folder) if p.startswith("briefs/")} == {"briefs/sub/nested.md"}
    outside = check(
        "--format",
        "json",
        "--config-file",
        "site/mkdocs.yml",
        "site/briefs/unknown.md",
        cwd=two_briefs.parent,
    )
    assert {p for _, p in _paths(outside) if p.startswith("briefs/")} == {"briefs/unknown.md"}


# --- silencing --------------------------------------------------------------------------------


def test_ignore_comment_silences_but_is_counted(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN, "silenced.md": SILENCED})
    for flags in ([], ["--strict"]):
        assert check(*flags, cwd=root).returncode == 0
    document = check("--format", "json", cwd=root).json()
    (item,) = document["findings"]
    assert item["rule"] == "cite-unknown-key"
    assert item["path"] == "briefs/silenced.md"
    assert item["suppressed"] is True
    assert document["summary"]["suppressed"] == 1
    assert document["summary"]["error"] == 0
    text = check(cwd=root).stdout
    assert "(suppressed)" in text and "(1 suppressed)" in text
    assert check("--format", "github", cwd=root).stdout == ""
    sarif = check("--format", "sarif", cwd=root).json()
    assert sarif["runs"][0]["results"][0]["suppressions"]


def test_ignore_comment_names_the_rule(tmp_path: Path) -> None:
    wrong = SILENCED.replace("ignore cite-unknown-key", "ignore cite-unused-note")
    root = site(tmp_path, {"clean.md": CLEAN, "wrong.md": wrong})
    run = check("--format", "json", cwd=root)
    assert run.returncode == 1
    assert [f["suppressed"] for f in run.json()["findings"]] == [False]


def test_project_wide_ignore(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        {"clean.md": CLEAN, "unused.md": UNUSED},
        bib=ALPHA + BETA + GAMMA,
        options={"ignore": ["cite-unused-note"]},
    )
    run = check("--strict", "--format", "json", cwd=root)
    assert run.returncode == 0, run.log
    assert [(f["rule"], f["suppressed"]) for f in run.json()["findings"]] == [
        ("cite-unused-note", True)
    ]


def test_config_file_option_reads_the_plugin_block(tmp_path: Path) -> None:
    root = site(tmp_path, {"clean.md": CLEAN, "unused.md": UNUSED}, bib=ALPHA + BETA + GAMMA)
    config = mkdocs_config({"ignore": ["cite-unused-note"]})
    (root / "quiet.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert check("--strict", cwd=root).returncode == 1
    assert check("--strict", "--config-file", "quiet.yml", cwd=root).returncode == 0
