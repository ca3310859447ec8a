"""``briefcheck check`` and ``briefcheck snapshot`` (SPEC §4).

Exit status: 0 clean (with ``--strict``, no warnings either), 1 findings at that level,
2 the run could not happen, with a one-line reason on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .checks import run
from .config import ConfigError
from .model import Finding, Severity
from .report import REPORTERS, render, summary_line
from .site import Project, Site, load_site, select

if TYPE_CHECKING:
    from .links import LinkRun

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def failing(findings: Sequence[Finding], *, strict: bool) -> list[Finding]:
    """The findings that fail a run: errors, and with ``strict`` warnings too."""
    floor = Severity.WARNING if strict else Severity.ERROR
    return [f for f in findings if not f.suppressed and f.severity.rank >= floor.rank]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefcheck", description="Check the citations, figures and links of policy briefs."
    )
    parser.add_argument("--version", action="version", version=f"briefcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="check briefs and sources; report findings")
    check.add_argument("paths", nargs="*", metavar="PATH", help="briefs or folders to check")
    check.add_argument("--config-file", "-f", default=None, help="mkdocs.yml to read")
    check.add_argument("--format", choices=sorted(REPORTERS), default="text")
    check.add_argument("--output", "-o", default=None, help="write the report to this file")
    check.add_argument("--offline", action="store_true", help="use cached link verdicts only")
    check.add_argument("--no-links", action="store_true", help="skip link checking")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    snapshot = commands.add_parser("snapshot", help="fetch cited pages into sources/snapshots")
    snapshot.add_argument("keys", nargs="*", metavar="KEY")
    snapshot.add_argument("--all", action="store_true")
    snapshot.add_argument("--config-file", "-f", default=None)
    return parser


def _config_file(option: str | None) -> Path:
    if option:
        return Path(option)
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if Path(name).is_file():
            return Path(name)
    raise ConfigError("no mkdocs.yml here; run in the site's folder or pass --config-file")


def _links(site: Site, offline: bool) -> LinkRun:
    from .links import CacheError, collect, verify
    from .links.progress import progress_bar, summary

    settings = site.project.settings.links
    with progress_bar() as update:
        try:
            result = verify(collect(site), settings, site.project.root, offline=offline,
                            progress=update)  # fmt: skip
        except CacheError as exc:
            raise ConfigError(str(exc)) from exc
    print(f"briefcheck: {summary(result)}", file=sys.stderr)
    return result


def _check(args: argparse.Namespace) -> int:
    project = Project.from_config_file(_config_file(args.config_file))
    site = load_site(project)
    checked = None
    if project.settings.links.enabled and not args.no_links:
        checked = _links(site, args.offline)
    findings = run(site, links=checked)
    if args.paths:
        chosen = select(site, args.paths)
        brief_paths = {b.path for b in site.briefs}
        findings = [
            f
            for f in findings
            if f.path in chosen or (f.path not in brief_paths and f.rule != "cite-uncited-entry")
        ]
    color = (
        args.format == "text"
        and args.output is None
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
    )
    output = render(args.format, findings, color=color)
    if args.output:
        target = Path(args.output)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(output, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {target}: {exc.strerror or exc}") from exc
        print(f"briefcheck: {summary_line(findings)}; report written to {target}")
    else:
        sys.stdout.write(output)
    return EXIT_FINDINGS if failing(findings, strict=args.strict) else EXIT_OK


def _snapshot(args: argparse.Namespace) -> int:
    from .links import CacheError, Guard
    from .links.session import open_session
    from .links.snapshot import take

    if not args.keys and not args.all:
        raise ConfigError("name the sources to snapshot (KEY ...) or pass --all")
    project = Project.from_config_file(_config_file(args.config_file))
    site = load_site(project)
    cited = sorted({key for notes in site.notes.values() for n in notes for key in n.keys})
    keys = list(dict.fromkeys(args.keys)) if args.keys else cited
    folder = project.snapshots_target()
    settings = project.settings.links
    guard = Guard(settings.allow_private)
    try:
        session = open_session(settings.cache, project.root, settings.max_age, guard)
    except CacheError as exc:
        raise ConfigError(str(exc)) from exc
    failed = 0
    for key in keys:
        entry = site.entry(key)
        if entry is None or not entry.url:
            why = "not in the bibliography" if entry is None else "its entry has no url"
            print(f"{key}: failed: {why}")
            failed += 1
            continue
        outcome = take(key, entry.url, folder, session, guard, settings.timeout)
        failed += outcome.state == "failed"
        print(f"{key}: {outcome.state}: {outcome.detail}")
    return EXIT_FINDINGS if failed else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        return _snapshot(args)
    except ConfigError as exc:
        print(f"briefcheck: error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("briefcheck: interrupted", file=sys.stderr)
        return EXIT_UNUSABLE


if __name__ == "__main__":
    sys.exit(main())
