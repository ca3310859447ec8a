"""Load a Site from ``mkdocs.yml``: the project's settings, its briefs and its sources.

The CLI and the Markdown extension read ``mkdocs.yml`` without MkDocs, so the YAML loader
here accepts the tags MkDocs configs use (``!ENV``, ``!!python/name:...``, ``!relative``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .briefs.notes import build_notes
from .briefs.parse import ParsedBrief, parse
from .config import ConfigError, Settings, settings_from
from .model import Entry, Note
from .sources import bibtex
from .sources.match import EntryIndex

if TYPE_CHECKING:
    from .figures.memo import MentionMemo
    from .figures.mentions import Mention
    from .sources.ledger import Ledger
    from .sources.snapshots import Snapshots


class _ConfigLoader(yaml.SafeLoader):
    pass


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1] if len(items) > 1 else None
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    # Python object references and the like mean nothing outside MkDocs.
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read {path}: not UTF-8 ({exc.reason})") from exc
    try:
        data = yaml.load(text, Loader=_ConfigLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None)
        detail = f" ({problem})" if problem else ""
        raise ConfigError(f"{path.name}{where}: not valid YAML{detail}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path.name}: expected a mapping of settings")
    return data


def plugin_block(mkdocs: dict[str, Any]) -> tuple[bool, object]:
    """Whether the briefcheck plugin is listed, and its options."""
    plugins = mkdocs.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    for item in plugins:
        if item == "briefcheck":
            return True, None
        if isinstance(item, dict) and "briefcheck" in item:
            return True, item["briefcheck"]
    return False, None


@dataclass(frozen=True)
class Project:
    """Where things are: the folder of mkdocs.yml, the briefs folder, the settings."""

    root: Path
    docs_dir: Path
    settings: Settings

    @classmethod
    def from_config_file(cls, config_file: Path) -> Project:
        mkdocs = read_mkdocs_yml(config_file)
        _, options = plugin_block(mkdocs)
        root = config_file.resolve().parent
        docs_dir = root / str(mkdocs.get("docs_dir") or "docs")
        if not docs_dir.is_dir():
            raise ConfigError(f"docs_dir {mkdocs.get('docs_dir') or 'docs'} is not a folder")
        return cls(root, docs_dir, settings_from(options))

    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def bibliography_paths(self) -> list[Path]:
        return [self.root / p for p in self.settings.bibliography]

    def _sources_dir(self) -> Path:
        first = self.bibliography_paths()[0] if self.settings.bibliography else self.root
        return first if first.is_dir() else first.parent

    def facts_file(self) -> Path | None:
        """The ledger: as configured, else ``facts.yml`` beside the bibliography if present."""
        if self.settings.facts:
            return self.root / self.settings.facts
        default = self._sources_dir() / "facts.yml"
        return default if default.is_file() else None

    def snapshots_dir(self) -> Path | None:
        target = self.snapshots_target()
        return target if self.settings.snapshots or target.is_dir() else None

    def snapshots_target(self) -> Path:
        """Where snapshots live (or will, once ``briefcheck snapshot`` writes one)."""
        if self.settings.snapshots:
            return self.root / self.settings.snapshots
        return self._sources_dir() / "snapshots"


@dataclass
class Site:
    project: Project
    bibliography: bibtex.Bibliography
    briefs: list[ParsedBrief] = field(default_factory=list)
    notes: dict[str, list[Note]] = field(default_factory=dict)
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False)
    # Where the figures kept between runs are (``serve_cache``), asked only when needed.
    memo_source: Callable[[], MentionMemo] | None = field(default=None, repr=False)

    @property
    def memo(self) -> MentionMemo | None:
        return self.memo_source() if self.memo_source is not None else None

    def entry(self, key: str) -> Entry | None:
        return self.bibliography.get(key)

    def file_lines(self, path: str) -> list[str]:
        """The lines of a project file (a .bib, facts.yml), read once; [] when unreadable."""
        if path not in self._lines:
            try:
                text = (self.project.root / path).read_text(encoding="utf-8-sig")
                self._lines[path] = text.splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines[path] = []
        return self._lines[path]

    @cached_property
    def ledger(self) -> Ledger:
        """The facts ledger, read when a check first asks (the pages never do)."""
        from .sources import ledger

        facts = self.project.facts_file()
        return ledger.load(facts, self.project.rel(facts)) if facts is not None else ledger.Ledger()

    @cached_property
    def snapshots(self) -> Snapshots:
        from .sources.snapshots import Snapshots

        folder = self.project.snapshots_dir()
        return Snapshots(folder, self.project.rel(folder) if folder else None)

    @cached_property
    def mentions(self) -> list[Mention]:
        """Every figure of every brief, read once per run."""
        from .figures.memo import site_mentions
        from .figures.mentions import entry_source_words

        fields = {key: dict(e.fields) for key, e in self.bibliography.entries.items()}
        return site_mentions(self.briefs, self.notes, entry_source_words(fields), self.memo)


def brief_files(docs_dir: Path) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.md") if p.is_file())


def load_bibliography(project: Project) -> bibtex.Bibliography:
    try:
        return bibtex.load(project.bibliography_paths(), project.root)
    except bibtex.SourceError as exc:
        raise ConfigError(str(exc)) from exc


def read_bytes(path: Path, rel: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {rel}: {exc.strerror or exc}") from exc


def parse_brief(data: bytes, rel: str) -> ParsedBrief:
    """A brief from its file's bytes (UTF-8, with or without BOM, any line endings). Bytes that
    are not UTF-8 give an empty brief that carries where the first bad byte is."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        return ParsedBrief(rel, "", encoding_error=(line, column, _byte_reason(data, offset)))
    return parse(text.replace("\r\n", "\n"), rel)


def _byte_reason(data: bytes, offset: int) -> str:
    if b"\0" in data[:8192]:
        return "it looks like a binary file"
    return f"byte 0x{data[offset]:02x} is not UTF-8"


def unreadable_briefs(site: Site) -> set[str]:
    """Paths of briefs that are not UTF-8: left out of the build, reported as brief-encoding."""
    return {b.path for b in site.briefs if b.encoding_error}


def read_brief(path: Path, rel: str) -> ParsedBrief:
    return parse_brief(read_bytes(path, rel), rel)


def resolve_brief(brief: ParsedBrief, bib: bibtex.Bibliography, index: EntryIndex) -> list[Note]:
    return build_notes(brief, bib.__contains__, index)


def load_site(
    project: Project,
    *,
    bibliography: bibtex.Bibliography | None = None,
    briefs: Iterable[ParsedBrief] | None = None,
    resolve: Callable[[ParsedBrief, bibtex.Bibliography], list[Note]] | None = None,
) -> Site:
    """Read everything once; callers that cache (``mkdocs serve``) pass parsed pieces in."""
    bib = bibliography if bibliography is not None else load_bibliography(project)
    if briefs is None:
        briefs = [read_brief(p, project.rel(p)) for p in brief_files(project.docs_dir)]
    site = Site(project, bib, list(briefs))
    for brief in site.briefs:
        if resolve is not None:
            site.notes[brief.path] = resolve(brief, bib)
        else:
            site.notes[brief.path] = resolve_brief(brief, bib, bib.index)
    return site


def select(site: Site, paths: Sequence[str]) -> set[str]:
    """The brief paths named on the command line (files or folders, relative to the cwd)."""
    chosen: set[str] = set()
    for raw in paths:
        target = Path(raw).resolve()
        matched = {
            b.path
            for b in site.briefs
            if (site.project.root / b.path).resolve() == target
            or target in (site.project.root / b.path).resolve().parents
        }
        if not matched and not target.exists():
            raise ConfigError(f"no such file or folder: {raw}")
        chosen |= matched
    return chosen
