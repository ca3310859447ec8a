"""Helpers shared by the integration tests: write a small site, run the CLI and MkDocs as
subprocesses, and read the HTML they produce (stdlib ``html.parser`` only)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

# --- sites -------------------------------------------------------------------------------


def online(
    key: str,
    title: str,
    *,
    author: str | None = None,
    outlet: str = "Example News",
    date: str = "2022-07-01",
    url: str | None = None,
    urldate: str | None = "2022-07-05",
) -> str:
    """One complete ``@online`` entry (no ``bib-missing-field``)."""
    fields = {
        "author": author,
        "title": title,
        "organization": outlet,
        "date": date,
        "url": url or f"https://example.org/{key}",
        "urldate": urldate,
    }
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items() if value)
    return f"@online{{{key},\n{body}}}\n"


# Three complete entries the integration tests cite (full form, short form, Ibid., locators).
SAMPLE_ENTRIES = (
    online(
        "alpha2022",
        "Alpha Leak Exposes Records",
        author="Doe, Jane",
        outlet="Example News",
        date="2022-07-01",
        url="https://example.org/alpha",
    ),
    online(
        "beta2022",
        "Beta Breach Timeline",
        author="Roe, Richard",
        outlet="Other Outlet",
        date="2022-07-03",
        url="https://example.org/beta",
    ),
    online(
        "gamma2022",
        "Gamma Report on Data Sales",
        author="Poe, Edgar",
        outlet="Third Outlet",
        date="2022-06-20",
        url="https://example.org/gamma",
    ),
)


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def mkdocs_config(options: Mapping[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """The SPEC §3 config with links and figures off; ``options`` merge into the plugin block."""
    plugin = _merge({"links": {"enabled": False}, "figures": {"enabled": False}}, options or {})
    config: dict[str, Any] = {
        "site_name": "Briefcheck integration test",
        "docs_dir": "briefs",
        "theme": {"name": "material"},
        "markdown_extensions": ["footnotes"],
        "plugins": [{"briefcheck": plugin}],
    }
    config.update(extra)
    return config


def write_site(
    root: Path,
    briefs: Mapping[str, str],
    bib: Mapping[str, str | bytes],
    *,
    options: Mapping[str, Any] | None = None,
    config: Mapping[str, Any] | None = None,
) -> Path:
    """Write mkdocs.yml, ``briefs/`` and ``sources/``; ``config`` replaces the whole mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    data = dict(config) if config is not None else mkdocs_config(options)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for name, text in briefs.items():
        path = root / "briefs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, content in bib.items():
        path = root / "sources" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def brief(title: str, body: str, date: str = "2022-07-10") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\n{body.lstrip()}"


def listing(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes (to compare before and after)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- processes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def log(self) -> str:
        return self.stdout + self.stderr

    def json(self) -> Any:
        return json.loads(self.stdout)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORCE_COLOR", "CLICOLOR"))}
    env.update({"NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    return env


def run_command(args: list[str], cwd: Path) -> Run:
    done = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=_env(), timeout=120
    )
    return Run(args, done.returncode, done.stdout, done.stderr)


def briefcheck(*args: str | Path, cwd: Path) -> Run:
    """``python -m briefcheck.cli check ARGS`` in ``cwd``."""
    return run_command([sys.executable, "-m", "briefcheck.cli", "check", *map(str, args)], cwd)


def mkdocs_build(root: Path, *flags: str, cwd: Path | None = None) -> Run:
    config = root / "mkdocs.yml"
    site = root / "site"
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site), *flags]
    return run_command(args, cwd or root)


# --- HTML --------------------------------------------------------------------------------

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str | None]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def find_all(
        self, tag: str | None = None, *, cls: str | None = None, **attrs: str
    ) -> list[Node]:
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.classes())
            and all(node.attrs.get(name) == value for name, value in attrs.items())
        ]

    def find(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls=cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}> in the page"
        return found[0]

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def element_children(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(text: str) -> Node:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


def article(page: Node) -> Node:
    """The page's content (Material's ``<article class="md-content__inner">``)."""
    return page.find("article", cls="md-content__inner")


_BACKREF = "\u21a9"  # the ↩ of a footnote's back link


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def notes(page: Node) -> dict[str, Node]:
    """The rendered footnotes by label (``fn:LABEL``), in order."""
    box = page.find("div", cls="footnote")
    return {
        li.attrs["id"].removeprefix("fn:"): li  # type: ignore[union-attr]
        for li in box.find_all("li")
        if (li.attrs.get("id") or "").startswith("fn:")
    }


def note_text(li: Node) -> str:
    """A footnote's text without its back link."""
    return squash(li.text.replace(_BACKREF, ""))


def all_attributes(page: Node) -> Iterator[tuple[Node, str, str]]:
    for node in page.iter():
        for name, value in node.attrs.items():
            if value is not None:
                yield node, name, value


def dangerous_url(value: str) -> bool:
    """``javascript:`` (or ``vbscript:``/``data:``) however spaced or cased."""
    compact = re.sub(r"[\x00-\x20]+", "", value).lower()
    return compact.startswith(("javascript:", "vbscript:", "data:text/html"))
