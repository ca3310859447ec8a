"""How ``briefcheck check`` scales with the number of briefs: time and peak memory.

What is measured: ``briefcheck check --no-links --format json`` (report to /dev/null) on
synthetic sites from ``gen_site.py`` at several sizes (default 250, 1,000 and 4,000 briefs of
25 notes; the bibliography stays at 3,000 entries, so only the briefs grow). Each size runs
``--repeat`` (3) times in a fresh process, after one untimed warm-up run at the smallest size;
the median wall-clock time (``time.perf_counter`` around the child) and the child's own peak
resident set size (``ru_maxrss`` from ``os.wait4``) are reported. The smaller sites are
prefixes of the larger ones (one seed), so each step only adds briefs.

The baseline is the previous size: the time ratio between consecutive sizes, normalised to a
4x step (``ratio ** (log 4 / log step)``), against a goal of <= 4.6 per 4x briefs (linear plus
15%). A run past ``--timeout`` (1,800 s) is killed: its time is a lower bound and larger sizes
are skipped. Fixed costs (start-up, the bibliography) make small sizes look better than
linear, so the table also gives the marginal cost per added brief.

Run it (seconds with ``--sizes 20 80``)::

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/bench_check_scaling.py
        [--sizes 250 1000 4000] [--repeat 3] [--notes 25] [--entries 3000] [--seed 1] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_site
from _common import Context, median, table, timed, verdict

GOAL_PER_4X = 4.6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    gen_site.add_site_arguments(parser, briefs=0)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size (median kept)")
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds before a run is given up (1800)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    context = Context()
    sizes = sorted(set(args.sizes))

    model = gen_site.build_model(
        briefs=sizes[-1], notes=args.notes, entries=args.entries, seed=args.seed
    )
    command = [sys.executable, "-m", "briefcheck.cli", "check", "--no-links",
               "--format", "json", "--output", "/dev/null"]  # fmt: skip
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as scratch:
        for size in sizes:
            site = Path(scratch) / str(size)
            part = gen_site.Model(model.entries, model.briefs[:size], model.seed)
            counts = gen_site.write_site(part, site, "ours")
            if size == sizes[0]:  # warm-up, once: the disk cache, .pyc files
                timed(command, cwd=site, ok=(0, 1), timeout=args.timeout)
            runs = []
            for _ in range(args.repeat):
                runs.append(timed(command, cwd=site, ok=(0, 1), timeout=args.timeout))
                if runs[-1].timed_out:
                    break
            results.append({
                "briefs": size, "notes": counts["notes"], "words": counts["words"],
                "runs": len(runs), "timed_out": runs[-1].timed_out,
                "median_s": median([r.seconds for r in runs]),
                "min_s": min(r.seconds for r in runs),
                "max_rss_mb": max(r.max_rss_mb for r in runs),
            })  # fmt: skip
            if runs[-1].timed_out:
                break
    steps = []
    for before, after in itertools.pairwise(results):
        step = after["briefs"] / before["briefs"]
        ratio = after["median_s"] / before["median_s"]
        per_4x = ratio ** (math.log(4) / math.log(step))
        marginal_ms = (
            1000 * (after["median_s"] - before["median_s"]) / (step - 1) / before["briefs"]
        )
        steps.append({"from": before["briefs"], "to": after["briefs"], "time_ratio": ratio,
                      "per_4x": per_4x, "marginal_ms_per_brief": marginal_ms,
                      "lower_bound": after["timed_out"],
                      "memory_ratio": after["max_rss_mb"] / before["max_rss_mb"]})  # fmt: skip
    if args.json:
        report = {**context.as_dict(), "results": results,
                  "steps": steps, "skipped_sizes": sizes[len(results):]}  # fmt: skip
        print(json.dumps(report, indent=2))
        return 0

    print(f"briefcheck check --no-links --format json; {context.describe()}")
    print(
        f"{args.entries:,} bibliography entries, {args.notes} notes per brief, seed {args.seed}\n"
    )
    rows = [["briefs", "words", "median s", "runs", "min s", "peak RSS MB", "ms/brief"]]
    for row in results:
        over = ">" if row["timed_out"] else ""
        rows.append([f"{row['briefs']:,}", f"{row['words']:,}", f"{over}{row['median_s']:.2f}",
                     str(row["runs"]), f"{over}{row['min_s']:.2f}",
                     f"{row['max_rss_mb']:.0f}" if not over else "killed",
                     f"{over}{1000 * row['median_s'] / row['briefs']:.1f}"])  # fmt: skip
    print(table(rows))
    for size in sizes[len(results) :]:
        print(f"{size:,} briefs: skipped (a smaller size ran past --timeout {args.timeout:g} s)")
    if steps:
        print()
        lines = [
            ["step", "time ratio", "per 4x briefs", "goal", "", "marginal ms/brief", "RSS ratio"]
        ]
        for s in steps:
            over = ">" if s["lower_bound"] else ""
            lines.append([f"{s['from']:,} -> {s['to']:,}", f"{over}{s['time_ratio']:.2f}x",
                          f"{over}{s['per_4x']:.2f}x", f"<= {GOAL_PER_4X}x",
                          verdict(s["per_4x"] <= GOAL_PER_4X),
                          f"{over}{s['marginal_ms_per_brief']:.1f}",
                          f"{s['memory_ratio']:.2f}x" if not over else "n/a"])  # fmt: skip
        print(table(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
