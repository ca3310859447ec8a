"""Helpers the benchmarks share: timed child processes with their peak memory, medians, the
machine's description and plain-text tables. Nothing here is a benchmark of its own."""

from __future__ import annotations

import hashlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock, time.perf_counter around start and wait
    max_rss_mb: float  # peak resident set size of the child (its own, from wait4)
    returncode: int
    stderr: str
    timed_out: bool = False  # killed after the timeout: seconds is a lower bound


def child_env() -> dict[str, str]:
    """The environment for timed children: no PYTHON* overrides, MkDocs 2 notice off."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("CI", None)  # briefcheck draws no progress bar on a pipe anyway
    return env


def timed(
    command: Sequence[str],
    cwd: Path,
    ok: Sequence[int] = (0,),
    timeout: float | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``command`` once in a fresh process; stdout is discarded, stderr kept for errors.

    The peak memory is the child's own ``ru_maxrss`` from ``os.wait4`` (Linux reports KiB),
    so each run is measured alone, not the maximum over every child so far. A run still going
    after ``timeout`` seconds is killed and comes back with ``timed_out`` set.
    """
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env={**child_env(), **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        killer = threading.Timer(timeout, process.kill) if timeout else None
        if killer is not None:
            killer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        timed_out = killer is not None and not killer.is_alive()
        if killer is not None:
            killer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    run = Run(seconds, usage.ru_maxrss / 1024, process.returncode, stderr, timed_out)
    if run.returncode not in ok and not timed_out:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise SystemExit(f"{' '.join(command)} exited {run.returncode} in {cwd}:\n{tail}")
    return run


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def machine() -> str:
    """One line: CPUs, Python, OS, and the load average now (other work skews timings)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{cpus} CPU(s) ({platform.processor() or platform.machine()}), "
        f"Python {sys.version.split()[0]}, {platform.system()} {platform.release()}, "
        f"load average {os.getloadavg()[0]:.2f} at start"
    )


def revision() -> str:
    """The briefcheck under test: the commit, and whether plugins/ has uncommitted changes (the
    plugin may be changing while benchmarks run, so every report names what it measured)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown commit"
    if not git("status", "--porcelain", "--", "plugins"):
        return f"briefcheck at {head}"
    diff = hashlib.sha1(git("diff", "HEAD", "--", "plugins").encode()).hexdigest()[:8]
    return f"briefcheck at {head} + uncommitted changes in plugins/ (diff {diff})"


class Context:
    """The machine and the revision when a benchmark starts; the revision again at its end."""

    def __init__(self) -> None:
        self.machine = machine()
        self.revision = revision()

    def as_dict(self) -> dict[str, str]:
        return {"machine": self.machine, "revision": self.revision, "revision_at_end": revision()}

    def describe(self) -> str:
        end = revision()
        if end == self.revision:
            return f"{self.machine}\n{self.revision}"
        return f"{self.machine}\n{self.revision}; by the end {end} (it changed during the run)"


def table(rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned first column, right-aligned others, two spaces apart."""
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "meets goal" if ok else "MISSES goal"
