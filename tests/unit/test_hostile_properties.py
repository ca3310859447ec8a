"""Property-based tests: whatever bytes authors commit as briefs and bibliographies, the core
finishes, and every finding points at a real place of a real file."""

from __future__ import annotations

import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefcheck.checks import run
from briefcheck.config import Settings
from briefcheck.site import Project, load_site

# Pieces that mean something to the brief parser, the note resolver and the figure grammar.
BRIEF_PIECES = [
    "---\n", "title: T\n", "date: 2022-13-45\n", "date: 2022-07-01\n", "tags: [a, b]\n",
    "authors: [\"<b>x</b>\"]\n", ": [\n", "[^1]", "[^2]", "[^1]: @a\n", "[^2]: Ibid.\n",
    "[^3]: n. 3\n", "[^4]: n. 1\n", "[@a, p. 4]", "[@nope]", "@a", "\\@a", " ", "\n", "\n\n",
    "> ", "# ", "- ", "1. ", "`code 24 TB`", "<https://example.org/x>", "$197,00", "1,0000",
    "24 TB", "23 terabytes", "about USD 200,000", "more than 530 million users", "10 bitcoins",
    "€3,5 million", "1.234.5", "per cent", "{", "}", "[", "]", "(", ")", "*", "_", "\x00",
    "<script>alert(1)</script>", "Acme", "Shanghai", "ChinaDan", "Ibid.", "n. 99", "é", "💥",
    "x" * 300,
]  # fmt: skip
BIB_PIECES = [
    "@online{a,\n", "@online{b,\n", "@article{a,\n", "@string{s = s # s}\n", "title = {T},\n",
    "url = {https://example.org/a},\n", "url = {javascript:alert(1)},\n", "date = {2022},\n",
    "urldate = {2022-07-01},\n", "}\n", "{", "}", "\"", "#", ",", "=", "\x00", "%", "é", " ",
    "k" * 200, "{" * 50, "}" * 50, "author = {<img src=x onerror=alert(2)>},\n",
]  # fmt: skip


def _text(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=60).map("".join)


def _site(root: Path, brief: str | bytes, bib: str | bytes) -> Project:
    (root / "briefs").mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    for path, data in ((root / "briefs/a.md", brief), (root / "sources/refs.bib", bib)):
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return Project(root, root / "briefs", Settings(bibliography=("sources",)))


def _check_places(root: Path, project: Project) -> None:
    site = load_site(project)
    for item in run(site, today=datetime.date(2026, 11, 23)):
        assert item.line >= 1, item
        assert item.column is None or item.column >= 1, item
        data = (root / item.path).read_bytes()
        assert item.line <= data.count(b"\n") + 1, item


_SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@_SETTINGS
@given(brief=_text(BRIEF_PIECES), bib=_text(BIB_PIECES))
def test_any_text_gives_findings_at_real_places(
    tmp_path_factory: object, brief: str, bib: str
) -> None:
    root = tmp_path_factory.mktemp("prop")  # type: ignore[attr-defined]
    _check_places(root, _site(root, brief, bib))


@_SETTINGS
@given(brief=st.binary(max_size=400), bib=st.binary(max_size=400))
def test_any_bytes_give_findings_at_real_places(
    tmp_path_factory: object, brief: bytes, bib: bytes
) -> None:
    root = tmp_path_factory.mktemp("bytes")  # type: ignore[attr-defined]
    _check_places(root, _site(root, brief, bib))
