"""The note syntax of SPEC §1: keys with locators, Ibid., n. N, inline groups."""

from __future__ import annotations

import pytest

from briefcheck.briefs.cite_syntax import (
    INLINE_GROUP_RE,
    find_backrefs,
    find_ibid,
    find_keys,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@indianexpress2022", [("indianexpress2022", None)]),
        ("@zheng2022, p. 4", [("zheng2022", "p. 4")]),
        ("@a; @b, pp. 33–35.", [("a", None), ("b", "pp. 33–35")]),
        (
            "See @cimpanu2022 and @zheng2022 for the timeline.",
            [("cimpanu2022", None), ("zheng2022", None)],
        ),
        ("@doe:2020.", [("doe:2020", None)]),
        ("@report, chap. iv", [("report", "chap. iv")]),
        ("@report, 12, 15", [("report", "12, 15")]),
        ("@a, i.e. the first", [("a", None)]),
        ("Write to press@example.org for copies.", []),
        ("The seller, \\@ChinaDan, posted it.", []),
        ("[@key, p. 4]", [("key", "p. 4")]),
    ],
)
def test_keys(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(k.key, k.locator) for k in find_keys(text)] == expected


def test_key_span_covers_locator() -> None:
    text = "See @key, p. 4; also this."
    (use,) = find_keys(text)
    assert text[use.start : use.end] == "@key, p. 4"


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        ("Ibid.", None),
        ("ibid., p. 5.", "p. 5"),
        ("*Ibid.*, 12", "12"),
        ("Ibidem, pp. 3-4", "pp. 3-4"),
    ],
)
def test_ibid(text: str, locator: str | None) -> None:
    found = find_ibid(text)
    assert found is not None and found[2] == locator


@pytest.mark.parametrize("text", ["See ibid. for more", "Ibidemic", "@a"])
def test_not_ibid(text: str) -> None:
    assert find_ibid(text) is None


def test_backrefs_skip_locators_and_abbreviations() -> None:
    text = '"Title", n. 1; @key, n. 4; Jan. 9 and n.12'
    skip = [(text.index("@key"), text.index("@key") + len("@key, n. 4"))]
    assert [n for n, _ in find_backrefs(text, skip)] == [1, 12]


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("as reported [@zheng2022].", ["@zheng2022"]),
        ("[see @a, p. 4; @b]", ["see @a, p. 4; @b"]),
        ("a [link @x](http://x) and [^1] and ![img @y]", []),
        ("[contact: a@b.org]", ["contact: a@b.org"]),
    ],
)
def test_inline_groups(text: str, groups: list[str]) -> None:
    assert [m.group(1) for m in INLINE_GROUP_RE.finditer(text)] == groups
