"""A hostile site, end to end: bad bytes, bad YAML, huge and deep input, script in the
bibliography and the front matter, a link to a private address. The check and a non-strict
build finish without a traceback, the HTML runs nothing of it, and no request reaches the
private address."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fakeweb import running
from support import Node, briefcheck, mkdocs_build, mkdocs_config, parse_html, write_site

PAYLOAD = "alert("


class _Counting(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        self.send_response(200)
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def private_url() -> Iterator[str]:
    with running(ThreadingHTTPServer(("127.0.0.1", 0), _Counting)) as port:
        yield f"http://127.0.0.1:{port}/admin"


def _huge() -> str:
    notes = " ".join(f"Claim {i}.[^{i}]" for i in range(1, 1501))
    defs = "\n".join(f"[^{i}]: {'@evil' if i == 1 else 'Ibid.'}" for i in range(1, 1501))
    return (
        "---\ntitle: Huge\ndate: 2022-01-01\n---\n"
        + "word " * 200_000  # a megabyte-long line
        + "\n\n"
        + "> " * 400
        + "deep\n\n"
        + "[" * 2000
        + "]" * 2000
        + "\n\n"
        + notes
        + "\n\n"
        + defs
        + "\n[^self]: n. 1501\n"
    )


BRIEFS: dict[str, str | bytes] = {
    "latin1.md": b"---\ntitle: Latin\ndate: 2022-01-01\n---\nCaf\xe9 cost \xa3200.\n",
    "binary.md": bytes(range(256)) * 8,
    "badyaml.md": "---\ntitle: [unclosed\ndate: notadate\n---\nText.\n",
    "xss.md": (
        '---\ntitle: "<script>alert(1)</script>"\nauthors: ["<img src=x onerror=alert(2)>"]\n'
        'date: 2022-13-45\nsummary: "<b onmouseover=alert(3)>s</b>"\n'
        'description: "\\"><script>alert(4)</script>"\n---\nHi.[^1] Also [@private].\n\n'
        "[^1]: @evil\n"
    ),
    "xss2.md": (
        '---\ntitle: "<script>alert(5)</script>"\ndate: 2022-10-05\n'
        'tags: ["<script>alert(6)</script>"]\n---\nHello.[^1]\n\n'
        # A conflict, so that the hostile title reaches the report and the Figures page.
        "Acme lost 5 million users to thieves in 2022.\n\n"
        "Acme lost 4 million users to thieves in 2022.\n\n[^1]: @evil\n"
    ),
    "huge.md": _huge(),
}


def _bib(private: str) -> bytes:
    text = (
        '@online{evil,\n  title = {<script>alert(7)</script> "q" onmouseover=alert(8)},\n'
        "  author = {<img src=x onerror=alert(9)>},\n  url = {javascript:alert(10)},\n"
        "  date = {2021-01-01},\n  urldate = {2021-01-02},\n}\n"
        f"@online{{private,\n  title = {{Private}},\n  url = {{{private}}},\n"
        "  date = {2021},\n  urldate = {2021},\n}\n"
        "@string{a = b # a}\n@online{nul\x00key, title = {N\x00UL}}\n"
        f"@online{{{'k' * 5000}, title = {{long}}}}\n"
        f"@online{{deep, title = {{{'{' * 3000}{'}' * 3000}}}}}\n"
        "@online{unbal, title = {{{{ }\n"
    )
    return text.encode("utf-8") + b"\n@online{latin, title = {Caf\xe9}}\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, private_url: str) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "site-src"
    options = {"figures": {"enabled": True}, "links": {"enabled": True, "timeout": 2}}
    write_site(root, {}, {"refs.bib": _bib(private_url)}, options=options)
    (root / "briefs").mkdir(exist_ok=True)
    for name, data in BRIEFS.items():
        path = root / "briefs" / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def test_check_finishes_with_findings_and_no_traceback(hostile: Path) -> None:
    run = briefcheck("--format", "json", cwd=hostile)
    assert run.returncode == 1, run.log
    assert "Traceback" not in run.log
    found = {(f["rule"], f["path"]) for f in run.json()["findings"]}
    assert ("brief-encoding", "briefs/latin1.md") in found
    assert ("brief-encoding", "briefs/binary.md") in found
    assert ("brief-front-matter", "briefs/badyaml.md") in found
    assert ("brief-front-matter", "briefs/xss.md") in found  # date: 2022-13-45
    assert ("bib-syntax", "sources/refs.bib") in found
    assert ("cite-bad-backref", "briefs/huge.md") in found


def test_no_request_reaches_the_private_address(hostile: Path) -> None:
    before = _Counting.hits
    run = briefcheck("--format", "json", cwd=hostile)
    assert _Counting.hits == before == 0
    refused = [
        f
        for f in run.json()["findings"]
        if f["rule"].startswith("link-") and "127.0.0.1" in f["message"]
    ]
    assert refused and "private" in refused[0]["message"]


def _executable(page: Node) -> list[str]:
    """Script bodies, event-handler attributes and javascript: URLs carrying the payload."""
    found = []
    for node in page.iter():
        if node.tag == "script" and PAYLOAD in node.text:
            found.append(f"<script>{node.text[:60]}")
        for name, value in node.attrs.items():
            if value is None:
                continue
            if name.startswith("on") and PAYLOAD in value:
                found.append(f"{node.tag} {name}={value[:60]}")
            if name in ("href", "src", "action") and value.strip().lower().startswith(
                "javascript:"
            ):
                found.append(f"{node.tag} {name}={value[:60]}")
    return found


def test_build_finishes_and_runs_nothing_it_was_given(hostile: Path) -> None:
    run = mkdocs_build(hostile)
    assert run.returncode == 0, run.log
    assert "Traceback" not in run.log
    site = hostile / "site"
    pages = sorted(site.rglob("*.html"))
    assert {"xss/index.html", "xss2/index.html", "huge/index.html", "fact-check/index.html"} <= {
        p.relative_to(site).as_posix() for p in pages
    }
    assert not (site / "latin1").exists() and not (site / "binary").exists()
    for page in pages:
        assert _executable(parse_html(page.read_text(encoding="utf-8"))) == [], page
    for page in ("figures/index.html", "fact-check/index.html", "index.html"):
        text = parse_html((site / page).read_text(encoding="utf-8")).text
        assert "<script>alert(5)</script>" in text, page  # the hostile title, shown as text


def test_strict_build_fails_on_the_errors(hostile: Path) -> None:
    run = mkdocs_build(hostile, "--strict")
    assert run.returncode != 0
    assert "Traceback" not in run.log


def test_bad_config_value_is_one_line_and_exit_2(hostile: Path, tmp_path: Path) -> None:
    root = write_site(tmp_path / "bad", {"a.md": "Text.\n"}, {"refs.bib": ""},
                      config=mkdocs_config({"links": {"timeout": "soon"}}))  # fmt: skip
    run = briefcheck(cwd=root)
    assert run.returncode == 2
    assert "Traceback" not in run.log
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "timeout" in lines[0]
