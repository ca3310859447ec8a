"""The editors' pages keep their HTML out of Python-Markdown while it runs (``set_aside_html``,
``put_back_html``) and must come out exactly as if it had rendered them in place."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import markdown
import pytest

from briefcheck.checks import run
from briefcheck.model import Finding
from briefcheck.render.figures_page import figures_page
from briefcheck.render.pages import put_back_html, report_page, set_aside_html
from briefcheck.render.sources_page import sources_page
from briefcheck.site import Project, Site, load_site

ROOT = Path(__file__).resolve().parents[2]
Page = Callable[[Sequence[Finding], Site, Callable[[str], str | None]], str]


def _convert(text: str) -> str:
    # MkDocs strips the front matter before Markdown sees the page; so does this.
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
    md = markdown.Markdown(extensions=["toc", "tables", "attr_list", "md_in_html"])
    return md.convert(body)


def _lines(html: str) -> list[str]:
    return [line for line in html.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def demo() -> tuple[Site, list[Finding]]:
    site = load_site(Project.from_config_file(ROOT / "mkdocs.yml"))
    return site, run(site)


@pytest.mark.parametrize("page", [report_page, figures_page, sources_page])
def test_generated_pages_render_as_if_in_place(
    page: Page, demo: tuple[Site, list[Finding]]
) -> None:
    site, findings = demo
    text = page(findings, site, lambda path: f"../{path}")
    stashed, blocks = set_aside_html(text)
    assert blocks, "the page has HTML blocks to set aside"
    assert len(stashed) < len(text) / 2
    assert _lines(put_back_html(_convert(stashed), blocks)) == _lines(_convert(text))


def test_only_whole_html_blocks_are_set_aside() -> None:
    text = "\n\n".join(
        [
            "# Title",
            "<table><tr><td>1</td></tr></table>",
            "<table><tr><td>open across a blank line",  # not closed in its chunk: kept
            "</td></tr></table>",
            "<span>inline HTML is wrapped in a paragraph by Markdown: kept</span>",
            "Text with <b>bold</b>.",
        ]
    )
    stashed, blocks = set_aside_html(text)
    assert blocks == ["<table><tr><td>1</td></tr></table>"]
    assert _lines(put_back_html(_convert(stashed), blocks)) == _lines(_convert(text))
