"""What ``mkdocs serve`` pays to re-check a large site after one brief is edited, against a cold
check of the same site.

What is measured, in this process, with the plugin's own steps (``BriefcheckPlugin.on_files``
with links off): ``ParseCache.site(project)`` (bibliography, briefs, notes) and
``checks.run(site, links=None)`` (which reads the figures), each timed with
``time.perf_counter`` on a ``gen_site.py`` site (default 1,000 briefs of 25 notes, 3,000
entries):

- **cold**: a fresh ``ParseCache`` (what the first build of ``mkdocs serve`` does), after one
  untimed warm-up build so imports and compiled patterns are not counted;
- **warm**: the same cache after one sentence was appended to one brief's first paragraph
  (what a rebuild after an edit does): only that brief is parsed and read again, the rest
  comes from the cache, and the checks run over the whole site.

Each is repeated ``--repeat`` (3) times (a new sentence each warm run) and the median kept. The
ratio warm / cold is the result; the goal is <= 10%. The last warm run's findings are compared
with a cold check of the edited site, so the cache is shown to give the same answer.
``--with-build`` also times a cold ``mkdocs build`` of the site in a fresh process, for context.

Run it (seconds with ``--briefs 30``)::

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/bench_serve_edit.py [--briefs 1000]
        [--repeat 3] [--with-build] [--notes 25] [--entries 3000] [--seed 1] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_site
from _common import Context, median, table, timed, verdict

from briefcheck import checks
from briefcheck.model import Finding
from briefcheck.serve_cache import ParseCache
from briefcheck.site import Project

GOAL = 0.10  # warm / cold at most
PHASES = ("site", "checks.run")
EDIT = " A spokesperson declined to comment on the figures."


def rebuild(project: Project, cache: ParseCache) -> tuple[dict[str, float], list[Finding]]:
    """The plugin's on_files steps (links off), each timed."""
    gc.collect()
    spent: dict[str, float] = {}
    started = time.perf_counter()
    site = cache.site(project)
    spent["site"] = time.perf_counter() - started
    started = time.perf_counter()
    findings = checks.run(site, links=None)
    spent["checks.run"] = time.perf_counter() - started
    spent["total"] = sum(spent.values())
    return spent, findings


def edit(path: Path) -> None:
    """Append a sentence to the first paragraph after the front matter and first heading."""
    text = path.read_text(encoding="utf-8")
    heading = text.index("\n## ")
    start = text.index("\n\n", heading) + 2
    end = text.index("\n\n", start)
    path.write_text(text[:end] + EDIT + text[end:], encoding="utf-8")


def _key(finding: Finding) -> tuple[object, ...]:
    return (finding.rule, finding.path, finding.line, finding.column, finding.message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    gen_site.add_site_arguments(parser, briefs=1000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (median kept)")
    parser.add_argument("--with-build", action="store_true", help="also time a cold mkdocs build")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    context = Context()

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        site = Path(scratch) / "site"
        counts = gen_site.generate(site, briefs=args.briefs, notes=args.notes,
                                   entries=args.entries, seed=args.seed)  # fmt: skip
        project = Project.from_config_file(site / "mkdocs.yml")
        first, _ = rebuild(project, ParseCache())  # imports, compiled patterns: untimed
        colds = [rebuild(project, ParseCache())[0] for _ in range(args.repeat)]

        cache = ParseCache()
        rebuild(project, cache)
        briefs = sorted((site / "briefs").glob("*.md"))
        target = [p for p in briefs if p.name != "index.md"][len(briefs) // 2]
        warms = []
        for _ in range(args.repeat):
            edit(target)
            spent, warm_findings = rebuild(project, cache)
            warms.append(spent)
        _, cold_findings = rebuild(project, ParseCache())
        same = sorted(map(_key, warm_findings)) == sorted(map(_key, cold_findings))

        build_s = None
        if args.with_build:
            command = [sys.executable, "-m", "mkdocs", "build"]
            timed(
                command, cwd=site, env={"BRIEFCHECK_NO_CACHE": "1"}
            )  # warm-up: disk cache, .pyc files
            build_s = median(
                [
                    timed(command, cwd=site, env={"BRIEFCHECK_NO_CACHE": "1"}).seconds
                    for _ in range(args.repeat)
                ]
            )

    cold = {p: median([c[p] for c in colds]) for p in (*PHASES, "total")}
    warm = {p: median([w[p] for w in warms]) for p in (*PHASES, "total")}
    ratio = warm["total"] / cold["total"]
    if args.json:
        report = {**context.as_dict(), "corpus": counts,
                  "first_build_s": first["total"],
                  "cold_s": cold, "warm_s": warm, "warm_over_cold": ratio,
                  "same_findings": same, "mkdocs_build_s": build_s}  # fmt: skip
        print(json.dumps(report, indent=2))
        return 0

    print(f"re-check after one edit (in process, plugin steps, links off); {context.describe()}")
    print(f"corpus: {counts['briefs']:,} briefs, {counts['notes']:,} notes, "
          f"{counts['entries']:,} entries; edited {target.name}\n")  # fmt: skip
    rows = [["phase", f"cold ms (median of {args.repeat})", "warm ms (after edit)", "warm/cold"]]
    for phase in (*PHASES, "total"):
        share = warm[phase] / cold[phase] if cold[phase] else 0.0
        rows.append([phase, f"{1000 * cold[phase]:,.1f}", f"{1000 * warm[phase]:,.1f}",
                     f"{100 * share:.1f}%"])  # fmt: skip
    print(table(rows))
    print(f"\nfirst build in this process (imports included): {first['total']:.2f} s")
    if build_s is not None:
        print(f"cold `mkdocs build` of the site (fresh process, median): {build_s:.2f} s")
    print(f"warm run found the same findings as a cold check: {'yes' if same else 'NO'}\n")
    print(table([["ratio", "measured", "goal", ""],
                 ["warm / cold", f"{100 * ratio:.1f}%", f"<= {100 * GOAL:.0f}%",
                  verdict(ratio <= GOAL)]]))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
