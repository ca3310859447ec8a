"""The MkDocs plugin: hooks only. It loads the Site, logs every finding through
``mkdocs.plugins.briefcheck`` (so ``mkdocs build --strict`` fails exactly when
``briefcheck check --strict`` does), registers the note renderer, adds the editor's pages, the
byline under each brief's title, the list of briefs and the navigation by year."""

from __future__ import annotations

import gc
import logging
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import disk_cache
from .background import Background
from .config import ConfigError, settings_from
from .markdown import BriefcheckExtension
from .mkdocs_nav import by_year
from .model import Finding, Severity
from .plugin_config import BriefcheckConfig
from .render.byline import STATUS_SLOT, byline, status
from .render.listing import LISTING_MARK, brief_list, home_page
from .render.pages import (
    FIGURES_PATH,
    REPORT_PATH,
    SOURCES_PATH,
    anchor,
    put_back_html,
    report_page,
    set_aside_html,
)
from .report import summary_line
from .serve_cache import ParseCache
from .site import Project, Site, unreadable_briefs

if TYPE_CHECKING:
    from .figures.memo import MentionMemo
    from .links import LinkRun

log = logging.getLogger("mkdocs.plugins.briefcheck")

_LEVELS = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING}
_INFO_SHOWN = 10  # info findings logged one by one, per rule
# Parsed pieces survive `mkdocs serve` rebuilds (module state: the one process serves them all).
_CACHE: ParseCache | None = None
_Render = Callable[[Sequence[Finding], Site, Callable[[str], str | None]], str]
_ASSETS = ("briefcheck.css", "briefcheck.js")
_ASSET_DIR = "assets/briefcheck"
_LEADING_H1 = re.compile(r"\s*<h1\b[^>]*>.*?</h1>", re.DOTALL)
_FRONT_MATTER = re.compile(
    r"-{3}[ \t]*\n.*?^(?:-{3}|\.{3})[ \t]*(?:\n|$)", re.DOTALL | re.MULTILINE
)
# Front matter the theme prints into the page without escaping it.
_PRINTED_META = ("title", "description", "summary")


def _escape_meta(page: Page) -> None:
    """Material writes a page's title and description into the HTML as they are: a title of
    "<script>…" would run. Front matter is text, so it is escaped once here."""
    for key in _PRINTED_META:
        value = page.meta.get(key)
        if value is None:
            continue
        text = value if isinstance(value, str) else str(value)
        page.meta[key] = escape(text, quote=False).replace('"', "&quot;")


def log_finding(item: Finding, quiet: bool = False) -> None:
    level = logging.DEBUG if item.suppressed or quiet else _LEVELS.get(item.severity, logging.INFO)
    column = f":{item.column}" if item.column else ""
    log.log(level, f"{item.path}:{item.line}{column}: {item.rule}: {item.message}")


def log_findings(findings: list[Finding]) -> None:
    """Every warning and error; info findings up to ``_INFO_SHOWN`` per rule, the rest at debug
    level (``mkdocs build -v``) with a count, so 2,000 uncited entries do not bury the build's
    output."""
    shown: Counter[str] = Counter()
    for item in findings:
        quiet = item.severity is Severity.INFO and shown[item.rule] >= _INFO_SHOWN
        if item.severity is Severity.INFO and not item.suppressed:
            shown[item.rule] += 1
        log_finding(item, quiet)
    for rule, count in sorted(shown.items()):
        if count > _INFO_SHOWN:
            log.info(
                f"briefcheck: {count - _INFO_SHOWN} more {rule} (info) not listed here: "
                "see the report page, or build with --verbose"
            )


def _parse_cache(project: Project) -> ParseCache:
    """The process's parse cache; a fresh process starts from the one on disk."""
    global _CACHE
    if _CACHE is None:
        _CACHE = disk_cache.load(project) or ParseCache()
    return _CACHE


@dataclass
class Checked:
    """What the checks give a build: the findings, the editor's pages and, when the figures
    were read afresh, the reading to keep for the next build."""

    findings: list[Finding]
    pages: dict[str, str]
    memo: MentionMemo | None


def _check(site: Site, files: Files, pages: dict[str, File]) -> Checked:
    """Links, checks and the editor's pages; run in the background (``Background``)."""
    # Loaded where the checks run, not where the pages render.
    from . import checks
    from .render.figures_page import figures_page
    from .render.sources_page import sources_page

    links = _check_links(site)
    findings = checks.run(site, links=links)
    project = site.project
    by_path: dict[str, _Render] = {REPORT_PATH: report_page, FIGURES_PATH: figures_page}
    texts: dict[str, str] = {}
    for path, page in pages.items():

        @cache  # a page links each brief many times; resolving a path touches the disk
        def link(brief: str, page: File = page) -> str | None:
            try:
                uri = (project.root / brief).resolve().relative_to(project.docs_dir).as_posix()
            except ValueError:
                return None
            target = files.get_file_from_path(uri)
            return get_relative_url(target.url, page.url) if target else None

        render = by_path.get(path) or partial(sources_page, links=links)
        texts[path] = render(findings, site, link)
    memo = site.memo if site.memo is not None and site.memo.dirty else None
    return Checked(findings, texts, memo)


def _check_links(site: Site) -> LinkRun | None:
    settings = site.project.settings.links
    if not settings.enabled:
        return None
    from .links import CacheError, collect, verify
    from .links.progress import summary

    try:
        result = verify(collect(site), settings, site.project.root)
    except CacheError as exc:
        raise PluginError(f"briefcheck: {exc}") from exc
    log.info(f"briefcheck: {summary(result)}")
    return result


class _LaterFile(File):
    """A generated page whose text is made in the background: reading it waits for that."""

    waits_for: Callable[[], None] | None = None
    _text: str | bytes | None = None

    # Every way File reads its text (as a string, as bytes, to copy it) goes through here.
    @property
    def _content(self) -> str | bytes | None:
        if self.waits_for is not None:
            wait, self.waits_for = self.waits_for, None
            wait()
        return self._text

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._text = value


class BriefcheckPlugin(BasePlugin[BriefcheckConfig]):
    def __init__(self) -> None:
        self.one_shot = False  # `mkdocs build`: the process ends with the build
        self._reset()

    def _reset(self) -> None:
        """Per-build state (with `on_startup`, `mkdocs serve` keeps one plugin for all builds)."""
        self.project: Project | None = None
        self.site: Site | None = None
        self.findings: list[Finding] = []
        self.extension: BriefcheckExtension | None = None
        self.generated: set[str] = set()  # src_uri of the pages this plugin adds
        self.raw_blocks: dict[str, list[str]] = {}  # their HTML, set aside while Markdown runs
        # Looked up once per page by several hooks: indexed once per build.
        self.briefs_by_path: dict[str, Any] = {}
        self.findings_by_path: dict[str, list[Finding]] = {}
        self.background: Background[Checked] | None = None  # the checks, under way
        self.checked: Checked | None = None  # ... and once they are in
        self.pending: dict[str, File] = {}  # editor's pages waiting for them

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.one_shot = command in ("build", "gh-deploy")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return config
        options: dict[str, Any] = {
            **dict(self.config),
            "figures": dict(self.config.figures),
            "links": dict(self.config.links),
        }
        try:
            settings = settings_from(options)
        except ConfigError as exc:
            raise PluginError(f"briefcheck: {exc}") from exc
        root = Path(config.config_file_path or ".").resolve().parent
        self.project = Project(root, Path(config.docs_dir).resolve(), settings)
        extensions = config.markdown_extensions
        if "footnotes" not in extensions:
            extensions.append("footnotes")
        if "briefcheck.markdown" in extensions:
            # Listed by hand: its paths are relative to mkdocs.yml (SPEC §3), not the cwd.
            options = config.mdx_configs.get("briefcheck.markdown") or {}
            options.setdefault("base_dir", str(root))
            config.mdx_configs["briefcheck.markdown"] = options
        else:
            self.extension = BriefcheckExtension(
                bibliography=list(settings.bibliography), base_dir=str(root)
            )
            extensions.append(self.extension)  # type: ignore[arg-type]  # Markdown takes instances
        config.extra_css.append(f"{_ASSET_DIR}/briefcheck.css")
        config.extra_javascript.append(f"{_ASSET_DIR}/briefcheck.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.project is None:
            return files
        try:
            parsed = _parse_cache(self.project)
            self.site = parsed.site(self.project)
            bib = self.site.bibliography
        except ConfigError as exc:
            raise PluginError(f"briefcheck: {exc}") from exc
        if self.extension is not None:
            self.extension.use_bibliography(bib)
            self.extension.use_briefs(
                ((b, self.site.notes[b.path]) for b in self.site.briefs), parsed.rendered
            )
        for path in unreadable_briefs(self.site):
            # MkDocs itself would stop on the bad bytes; the finding tells the author instead.
            uri = (self.project.root / path).relative_to(self.project.docs_dir).as_posix()
            bad = files.get_file_from_path(uri)
            if bad is not None:
                files.remove(bad)
        self.briefs_by_path = {brief.path: brief for brief in self.site.briefs}
        self.findings, self.findings_by_path, self.checked = [], {}, None
        self.generated = set()
        for name in _ASSETS:
            asset = resources.files("briefcheck").joinpath("assets", name).read_text("utf-8")
            files.append(File.generated(config, f"{_ASSET_DIR}/{name}", content=asset))
        if not any(files.get_file_from_path(p) for p in ("index.md", "README.md")):
            home = home_page(config.site_name, config.site_description)
            files.append(File.generated(config, "index.md", content=home))
        self.pending = {}
        if self.project.settings.report:
            wanted = [
                REPORT_PATH,
                *([FIGURES_PATH] if self.project.settings.figures.enabled else []),
            ]
            for path in [*wanted, SOURCES_PATH]:
                if (page := self._add_page(files, config, path)) is not None:
                    self.pending[path] = page
        # The checks and the editor's pages are worked out on another core while MkDocs
        # renders the briefs; `_results` collects them when a page or hook first needs them.
        self.background = Background(partial(_check, self.site, files, dict(self.pending)))
        if self.one_shot and threading.active_count() == 1:
            # The parsed site lives until the process ends: the garbage collector need not
            # walk it again and again, nor at exit (about 0.4 s of a 100-brief build).
            gc.freeze()
        return files

    def _results(self) -> None:
        if self.checked is not None or self.background is None:
            return
        try:
            result = self.background.result()
        except ConfigError as exc:  # a link cache's error is a PluginError already
            raise PluginError(f"briefcheck: {exc}") from exc
        self.checked = result
        self.findings = result.findings
        log_findings(self.findings)
        log.info(f"briefcheck: {summary_line(self.findings)}")
        for item in self.findings:
            self.findings_by_path.setdefault(item.path, []).append(item)
        if result.memo is not None and _CACHE is not None:
            _CACHE.memo = result.memo  # the figures as the checks read them, perhaps elsewhere
        for path, text in result.pages.items():
            self.pending[path].content_string = text

    def _add_page(self, files: Files, config: MkDocsConfig, path: str) -> _LaterFile | None:
        if files.get_file_from_path(path) is not None:
            log.warning(f"briefcheck: {path} exists in docs_dir; the generated page is left out")
            return None
        page = _LaterFile.generated(config, path, content="")
        assert isinstance(page, _LaterFile)
        page.waits_for = self._results
        files.append(page)
        self.generated.add(path)
        return page

    def _brief(self, page: Page) -> Any:
        if self.site is None or self.project is None:
            return None
        path = self.project.rel(Path(self.project.docs_dir) / page.file.src_uri)
        return self.briefs_by_path.get(path)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.site is None or self.project is None or config.nav:
            return nav
        if self.project.settings.navigation != "year":
            return nav
        dates = {}
        for page in nav.pages:
            brief = self._brief(page)
            if brief is not None and brief.date and not page.is_homepage:
                dates[page.file.src_uri] = brief.date
        return by_year(nav, dates, self.generated)

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if page.file.src_uri in self.generated:
            markdown, self.raw_blocks[page.file.src_uri] = set_aside_html(markdown)
            return markdown
        brief = self._brief(page)
        failed = _FRONT_MATTER.match(markdown) if not page.meta else None
        if failed is not None and brief is not None:
            # MkDocs could not read the front matter (a date like 2022-13-45) and left it in
            # the text, where its HTML would run; the finding says what to fix.
            markdown = markdown[failed.end() :]
            page.meta = dict(brief.meta)
        _escape_meta(page)
        if LISTING_MARK not in markdown or self.site is None or self.project is None:
            return markdown
        project = self.project

        def link(brief: Any) -> str | None:
            try:
                uri = (project.root / brief.path).resolve().relative_to(project.docs_dir)
            except ValueError:
                return None
            target = files.get_file_from_path(uri.as_posix())
            if target is None or target.src_uri == page.file.src_uri:
                return None
            return get_relative_url(target.url, page.file.url)

        return markdown.replace(LISTING_MARK, brief_list(self.site.briefs, link))

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if page.file.src_uri in self.raw_blocks:
            return put_back_html(html, self.raw_blocks.pop(page.file.src_uri))
        brief = self._brief(page)
        if brief is None or page.is_homepage or not (brief.date or brief.authors):
            return html
        # The fact-check status waits for the checks (`on_page_context`); a slot holds its place.
        line = byline(brief.authors, brief.date, STATUS_SLOT)
        heading = _LEADING_H1.match(html)
        cut = heading.end() if heading else 0
        return html[:cut] + line + html[cut:]

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self._results()  # every page is read: the checks are wanted from here on
        return env

    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        brief = self._brief(page)
        if brief is None or page.content is None or STATUS_SLOT not in page.content:
            return context
        self._results()
        assert self.project is not None
        findings = self.findings_by_path.get(brief.path, [])
        url = None
        if self.project.settings.report and REPORT_PATH in self.generated:
            report = self.pending[REPORT_PATH]
            url = f"{get_relative_url(report.url, page.file.url)}#{anchor(brief.path)}"
        page.content = page.content.replace(STATUS_SLOT, status(findings, url), 1)
        return context

    def on_build_error(self, *, error: Exception) -> None:
        if self.background is not None:
            self.background.cancel()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._results()
        if self.project is not None and _CACHE is not None:
            disk_cache.save(self.project, _CACHE)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.project is not None:
            sources = [
                *self.project.bibliography_paths(),
                self.project.facts_file(),
                self.project.snapshots_dir(),
            ]
            for path in sources:
                if path is not None and path.exists():
                    server.watch(str(path))
        return server
