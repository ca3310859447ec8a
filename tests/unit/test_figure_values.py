"""Digit grouping, agreement between values, the ledger file and snapshot text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcheck.figures.digits import read_digits, suggestion
from briefcheck.figures.grammar import _word_before, extract
from briefcheck.figures.quantity import Quantity
from briefcheck.sources.ledger import load
from briefcheck.sources.snapshots import Snapshots, html_text


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1,000", 1000), ("12,34,567", 1234567), ("1.000.000", 1e6), ("1,000.5", 1000.5), ("24", 24)],
)
def test_valid_groupings(raw: str, value: float) -> None:
    digits = read_digits(raw)
    assert (digits.value, digits.malformed, digits.identifier) == (value, None, False)


@pytest.mark.parametrize("raw", ["197,00", "1,0000", "1.234.5", "3,5", "1.000,5", "1234,567"])
def test_malformed_groupings(raw: str) -> None:
    digits = read_digits(raw)
    assert digits.value is None and digits.malformed


@pytest.mark.parametrize("raw", ["3.11.2", "192.168.1.1"])
def test_versions_and_addresses_are_not_numbers(raw: str) -> None:
    assert read_digits(raw).identifier


def test_suggestion_offers_both_readings() -> None:
    assert suggestion("197,00", "$") == "write $197,000 or $197.00"
    assert suggestion("1,0000") == "group the digits in threes: 10,000"


def _one(text: str) -> Quantity:
    (quantity,) = extract(text)
    return quantity


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("more than 530 million users", "533 million users", True),
        ("about 24 TB", "23 TB", False),
        ("around USD 200,000", "$197,000", True),
        ("1.5 TB", "1,500 GB", True),
        ("£20m", "£20 million", True),
        ("between 20 and 30 million", "25 million", True),
        ("up to 500 million", "383 million", True),
        ("fewer than 10 firms", "12 firms", False),
        ("530 million", "533 million", False),
    ],
)
def test_agreement_respects_bounds_and_rounding(a: str, b: str, agree: bool) -> None:
    assert _one(a).agrees(_one(b)) is agree
    assert _one(b).agrees(_one(a)) is agree


def test_tolerance_is_relative() -> None:
    assert _one("530 million").agrees(_one("533 million"), tolerance=0.01)


def test_ledger_reports_each_problem_at_its_line(tmp_path: Path) -> None:
    file = tmp_path / "facts.yml"
    file.write_text(
        "facts:\n"
        "  - id: ok\n"
        "    keywords: [Acme]\n"
        "    value: 383 million guests\n"
        "    as_of: 2019-01-04\n"
        "  - id: words\n"
        "    keywords: [Acme]\n"
        "    value: lots\n"
        "  - id: ok\n"
        "    keywords: [Acme]\n"
        "    value: 5\n"
        "  - id: when\n"
        "    keywords: [Acme]\n"
        "    value: 5 TB\n"
        "    as_of: last spring\n",
        encoding="utf-8",
    )
    ledger = load(file, "sources/facts.yml")
    assert [f.id for f in ledger.facts] == ["ok"]
    assert ledger.facts[0].value.quantity.value == 383e6
    assert [(f.rule, f.line) for f in ledger.findings] == [
        ("facts-syntax", 8),
        ("facts-syntax", 9),
        ("facts-syntax", 15),
    ]


def test_ledger_with_broken_yaml_is_one_finding(tmp_path: Path) -> None:
    file = tmp_path / "facts.yml"
    file.write_text("facts:\n  - id: [unclosed\n", encoding="utf-8")
    (problem,) = load(file, "facts.yml").findings
    assert problem.rule == "facts-syntax" and problem.line >= 2


def test_unquoted_grouped_values_in_braces_read_as_written(tmp_path: Path) -> None:
    """YAML ends ``{value: 328,000}`` at the comma; the digit groups are put back."""
    file = tmp_path / "facts.yml"
    file.write_text(
        "facts:\n  - id: x\n    keywords: [X]\n    value: 14 million\n"
        "    superseded:\n      - {value: 328,000, as_of: 2023-03-16}\n"
        "      - {value: 1,234,567, as_of: 2022-01-02}\n"
        "    variants:\n      - {value: 119,754 BTC, source: doj2022}\n",
        encoding="utf-8",
    )
    ledger = load(file, "sources/facts.yml")
    assert ledger.findings == []
    (fact,) = ledger.facts
    assert [v.text for v in fact.superseded] == ["328,000", "1,234,567"]
    assert [v.quantity.value for v in fact.superseded] == [328_000, 1_234_567]
    assert fact.superseded[0].as_of is not None and fact.superseded[0].as_of.year == 2023
    assert [(v.text, v.source) for v in fact.variants] == [("119,754 BTC", "doj2022")]


def test_a_comma_that_cannot_be_digit_grouping_gets_a_hint(tmp_path: Path) -> None:
    file = tmp_path / "facts.yml"
    file.write_text(
        "facts:\n  - id: x\n    keywords: [X]\n    value: 14 million\n"
        "    superseded:\n      - {value: 328,0000, as_of: 2023-03-16}\n",
        encoding="utf-8",
    )
    (problem,) = load(file, "sources/facts.yml").findings
    assert problem.line == 6
    assert "unknown key '0000'" in problem.message
    assert 'quote it, value: "328,000"' in problem.message


def test_html_snapshot_text_drops_scripts_and_keeps_figures(tmp_path: Path) -> None:
    (tmp_path / "key.html").write_text(
        "<html><head><title>t</title><script>var x = 99;</script></head>"
        "<body><p>The archive holds 24&nbsp;TB.</p><p>Sample: 750,000 records</p></body></html>",
        encoding="utf-8",
    )
    assert "99" not in html_text((tmp_path / "key.html").read_text(encoding="utf-8"))
    snapshot = Snapshots(tmp_path, "sources/snapshots").get("key")
    assert snapshot is not None
    assert [f.quantity.text for f in snapshot.figures] == ["24 TB", "750,000"]
    assert Snapshots(tmp_path, "x").get("../key") is None


def test_snapshot_header_lines_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "k.txt").write_text(
        "URL: https://example.org/2022/07/06\nStatus: 200\n\nIt fell by 95 per cent.\n",
        encoding="utf-8",
    )
    snapshot = Snapshots(tmp_path, "s").get("k")
    assert snapshot is not None
    assert [(f.quantity.text, f.line) for f in snapshot.figures] == [("95 per cent", 4)]


# What ``_word_before`` finds, written as the search it replaced for speed.
_WORD_BEFORE = re.compile(r"([^\W\d][\w'’]*\.?|[§¶#])\s*$")


@given(st.text(alphabet="ab1_'’. §#\n9é²-,xY", max_size=60), st.integers(0, 60))
def test_the_word_before_a_figure_is_what_the_search_finds(text: str, start: int) -> None:
    start = min(start, len(text))
    match = _WORD_BEFORE.search(text, max(0, start - 40), start)
    assert _word_before(text, start) == (match.group(1) if match else "")
