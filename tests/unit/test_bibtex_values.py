"""What the bibliography reader makes of field values: LaTeX decoded where it is LaTeX, verbatim
fields (url, doi, dates) kept exactly as written."""

from __future__ import annotations

import pytest

from briefcheck.sources.bibtex import parse_text


def _fields(body: str) -> dict[str, str]:
    parsed = parse_text(f"@online{{k,\n{body}}}\n", "refs.bib")
    assert not [f for f in parsed.findings if f.rule == "bib-syntax"], parsed.findings
    return dict(parsed.entries[0].fields)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a%20b",  # a LaTeX comment sign
        "https://example.org/a_b~c-d&e=1#top",  # subscript, tie, alignment, macro parameter
    ],
)
def test_urls_are_kept_verbatim(url: str) -> None:
    assert _fields(f"  title = {{T}},\n  url = {{{url}}},\n")["url"] == url


def test_latex_in_titles_and_names_is_decoded() -> None:
    fields = _fields(
        "  title = {Data--protection in {GDPR} times: M\\\"uller's ``view''},\n"
        "  author = {Fran{\\c{c}}ois, Ana},\n"
    )
    assert fields["title"] == "Data–protection in GDPR times: Müller's “view”"
    assert fields["author"] == "François, Ana"


def test_plain_values_are_left_as_they_are() -> None:
    fields = _fields(
        "  title = {A plain title, with commas: and colons},\n  date = {2022-07-05},\n"
    )
    assert fields["title"] == "A plain title, with commas: and colons"
    assert fields["date"] == "2022-07-05"
