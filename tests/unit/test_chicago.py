"""Chicago note forms: fixture-driven exact-HTML cases, plus names, sorting and joining."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from briefcheck.model import Entry
from briefcheck.render.chicago import (
    Name,
    author_text,
    bibliography_entry,
    date_text,
    full_note,
    ibid,
    join_citations,
    locator_text,
    names,
    short_note,
    sort_key,
)

FIXTURES = Path(__file__).parent / "fixtures" / "chicago.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(FIXTURES.read_text(encoding="utf-8"))


def entry(entry_type: str = "online", key: str = "k", **fields: str) -> Entry:
    return Entry(key=key, entry_type=entry_type, fields=fields, path="sources/refs.bib", line=1)


def render(case: dict[str, Any]) -> str:
    # YAML turns 2022-07-06 into a date and 2020 into an int: fields are text in an Entry.
    fields = {name: str(value) for name, value in (case.get("fields") or {}).items()}
    item = Entry("key", case.get("type", "online"), fields, "sources/refs.bib", 1)
    locator = None if case.get("locator") is None else str(case["locator"])
    form = case["form"]
    if form == "full":
        return full_note(item, locator)
    if form == "short":
        return short_note(item, locator, case.get("first_note"))
    if form == "bibliography":
        return bibliography_entry(item)
    if form == "ibid":
        return ibid(locator)
    raise AssertionError(f"unknown form {form!r}")


def test_fixture_ids_are_unique() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_fixture(case: dict[str, Any]) -> None:
    assert render(case) == case["expected"]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("Cimpanu, Catalin", [Name("Catalin", "Cimpanu")]),
        ("Catalin Cimpanu", [Name("Catalin", "Cimpanu")]),
        ("Reuters", [Name("", "Reuters")]),
        (
            "{Barnes and Noble} and Jane Q. Doe",
            [Name("", "Barnes and Noble", literal=True), Name("Jane Q.", "Doe")],
        ),
        ("Ludwig van Beethoven", [Name("Ludwig", "Beethoven", von="van")]),
        ("van der Berg, Anna", [Name("Anna", "Berg", von="van der")]),
        ("King, Jr., Martin Luther", [Name("Martin Luther", "King", jr="Jr.")]),
        ("Doe, Jane AND Roe, John", [Name("Jane", "Doe"), Name("John", "Roe")]),
        ("{\\'E}mile {Zola}", [Name("Émile", "Zola")]),
        ("Du\\v{s}an Ba\\c{c}", [Name("Dušan", "Baç")]),
        ("", []),
    ],
)
def test_names(field: str, expected: list[Name]) -> None:
    assert names(field) == expected


def test_names_and_others_marks_et_al() -> None:
    parsed = names("Doe, Jane and others")
    assert [n.others for n in parsed] == [False, True]
    assert author_text(entry(author="Doe, Jane and others")) == "Jane Doe et al."
    assert author_text(entry(author="Doe, Jane and others"), "short") == "Doe et al."


def test_author_text_forms() -> None:
    item = entry(author="Lee, Ann and Chen, Bo and Park, Cy")
    assert author_text(item) == "Ann Lee, Bo Chen, and Cy Park"
    assert author_text(item, "short") == "Lee, Chen, and Park"
    assert author_text(item, "bibliography") == "Lee, Ann, Bo Chen, and Cy Park"
    eleven = " and ".join(f"P{i}, A" for i in range(11))
    assert author_text(entry(author=eleven), "bibliography").endswith("A P6, et al.")
    assert author_text(entry(editor="Doe, Jane")) == "Jane Doe, ed."
    assert author_text(entry(editor="Doe, Jane"), "short") == "Doe"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"date": "2022-07-06"}, "July 6, 2022"),
        ({"date": "2022-07"}, "July 2022"),
        ({"date": "2022"}, "2022"),
        ({"date": "2022-07-06T10:00:00Z"}, "July 6, 2022"),
        ({"date": "2022-07-06/2022-07-09"}, "July 6, 2022"),
        ({"date": "Summer 2022"}, "Summer 2022"),
        ({"year": "2019", "month": "Sept"}, "September 2019"),
        ({"year": "2019", "month": "9", "day": "30"}, "September 30, 2019"),
        ({"year": "2019", "day": "30"}, "2019"),
        ({}, ""),
    ],
)
def test_date_text(fields: dict[str, str], expected: str) -> None:
    assert date_text(entry(**fields)) == expected


@pytest.mark.parametrize(
    ("locator", "expected"),
    [
        ("p. 45", "45"),
        ("pp. 4–5", "4–5"),
        ("pp. 4-5", "4–5"),
        ("p.xii", "xii"),
        ("page 7", "7"),
        ("chap. 3", "chap. 3"),
        ("sec. 2", "sec. 2"),
        ("para. 12", "para. 12"),
        (None, ""),
    ],
)
def test_locator_text(locator: str | None, expected: str) -> None:
    assert locator_text(locator) == expected


def test_sort_key_orders_by_author_then_title() -> None:
    items = [
        entry(key="c", title="The Zebra Report"),
        entry(key="b", author="Émile Zola", title="B"),
        entry(key="a", author="{acme}", title="A"),
        entry(key="d", author="Adams, Zoe", title="Z"),
        entry(key="e", title="An Apple"),
    ]
    assert [i.key for i in sorted(items, key=sort_key)] == ["a", "d", "e", "c", "b"]


def test_join_citations() -> None:
    one = full_note(entry(author="Doe, Jane", title="One", url="https://e.org/1", date="2020"))
    two = short_note(entry(author="Roe, John", title="Two", url="https://e.org/2"), "p. 4", 1)
    assert join_citations([one, two]) == (
        'Jane Doe, “<a href="https://e.org/1">One</a>,” 2020; '
        'Roe, “<a href="https://e.org/2">Two</a>,” n. 1, 4.'
    )


def test_join_citations_quoted_title_ending_a_part() -> None:
    one = short_note(entry(author="Doe, Jane", title="One"))
    two = short_note(entry(author="Roe, John", title="Two"))
    assert one == "Doe, “One.”"
    assert join_citations([one, two]) == "Doe, “One”; Roe, “Two.”"


def test_join_citations_keeps_abbreviations_and_adds_final_period() -> None:
    assert join_citations(["Smith et al.", "<i>Ibid.</i>", "see above"]) == (
        "Smith et al.; <i>Ibid.</i>; see above."
    )
    assert join_citations([]) == ""


def test_nothing_but_a_key() -> None:
    assert full_note(entry(key="bare")) == "bare."
    assert short_note(entry(key="bare"), first_note=2) == "bare, n. 2."
    assert bibliography_entry(entry(key="bare")) == "bare."


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "ftp://e.org/x", "//e.org"],
)
def test_only_http_urls_become_links(url: str) -> None:
    item = entry(title="T", url=url, date="2020")
    for html in (full_note(item), short_note(item), bibliography_entry(item)):
        assert "href" not in html
