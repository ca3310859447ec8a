"""How a link run shows itself: a progress bar on a terminal, one summary line everywhere."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from . import LinkRun, Status


@contextmanager
def progress_bar(stream: TextIO = sys.stderr) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar when ``stream`` is a terminal outside CI; else nothing."""
    if not stream.isatty() or os.environ.get("CI") or os.environ.get("NO_COLOR") == "1":
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "checking links",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=True,
    ) as bar:
        task = bar.add_task("links", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def summary(run: LinkRun) -> str:
    counts: dict[Status, int] = {}
    for verdict in run.verdicts.values():
        counts[verdict.status] = counts.get(verdict.status, 0) + 1
    cached = [v for v in run.verdicts.values() if v.from_cache]
    parts = [f"{len(run.verdicts)} link(s)", f"{counts.get(Status.OK, 0)} ok"]
    parts += [f"{n} {s.value}" for s, n in sorted(counts.items()) if s is not Status.OK]
    text = "links: " + ", ".join(parts)
    text += f"; {run.requests} request(s) sent, {len(cached)} verdict(s) from the cache"
    dated = [v for v in cached if v.checked_at is not None]
    if dated and run.offline:
        oldest = min(dated, key=lambda v: v.checked_at or 0).age()
        text += f" (oldest {oldest})"
    if run.offline:
        text += f"; offline: {run.why_offline}"
    return text
