"""``mkdocs serve`` for authors: a change to a brief, the bibliography or the facts ledger is
rebuilt and its findings appear in the served report, without restarting the server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import SAMPLE_ENTRIES, brief, mkdocs_config, write_site

BRIEF = brief("Leak", "# Leak\n\nThe archive held 24 TB.[^1]\n\n[^1]: @alpha2022\n")
FACTS = """\
facts:
  - id: leak-size
    keywords: [archive]
    about: Size of the archive
    value: {value: 24 TB, as_of: 2022-07-05, source: alpha2022}
"""
WAIT = 60.0  # seconds a rebuild may take on a slow machine before the test gives up


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return str(answer.read().decode("utf-8"))
    except OSError:
        return None


def _until(url: str, ready: Callable[[str], bool]) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and ready(page):
            return page
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show the change within {WAIT:.0f} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = write_site(
        tmp_path / "src",
        {"leak.md": BRIEF},
        {"refs.bib": "\n".join(SAMPLE_ENTRIES), "facts.yml": FACTS},
        config=mkdocs_config({"figures": {"enabled": True}}),
    )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
         "-a", f"127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}/"
        _until(base + "fact-check/", lambda page: "Fact-check report" in page)
        yield root, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_rebuilds_on_brief_bibliography_and_ledger_changes(
    served: tuple[Path, str],
) -> None:
    root, base = served
    report = base + "fact-check/"
    first = _until(report, lambda page: "Fact-check report" in page)
    assert "bib-duplicate-key" not in first and "figure-malformed" not in first

    bib = root / "sources" / "refs.bib"
    bib.write_text(bib.read_text() + "\n" + SAMPLE_ENTRIES[0], encoding="utf-8")
    _until(report, lambda page: "bib-duplicate-key" in page)

    leak = root / "briefs" / "leak.md"
    leak.write_text(BRIEF.replace("24 TB.", "24 TB, sold for $197,00."), encoding="utf-8")
    _until(report, lambda page: "figure-malformed" in page)

    facts = root / "sources" / "facts.yml"
    facts.write_text(FACTS.replace("24 TB", "23 TB"), encoding="utf-8")
    page = _until(report, lambda page: "differs from the facts ledger" in page)
    assert "leak-size is 23 TB" in page
