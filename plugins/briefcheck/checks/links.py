"""Link verdicts as findings: one at each place a failing URL is written."""

from __future__ import annotations

from collections.abc import Iterator

from ..links import LinkRun, Status, Verdict
from ..model import Finding
from ..rules import finding

_ADVICE = {
    Status.BROKEN: "find the page's new address or an archived copy (web.archive.org) and cite"
    " that",
    Status.REDIRECT: "cite the new address",
    Status.BLOCKED: "open it in a browser to confirm it still works, or cite an archived copy",
    Status.TIMEOUT: "check it by hand; if it stays down, cite an archived copy",
    Status.UNREACHABLE: "check it by hand; if it stays down, cite an archived copy",
    Status.UNCHECKED: "run the check with network access to verify it",
}


def _message(verdict: Verdict, run: LinkRun) -> str:
    url = verdict.url
    if verdict.status is Status.REDIRECT:
        text = f"{url} moved permanently to {verdict.final_url}"
    elif verdict.status is Status.BROKEN:
        text = f"{url} is broken ({verdict.detail})"
    elif verdict.status is Status.BLOCKED:
        text = f"{url} turned the checker away ({verdict.detail})"
    elif verdict.status is Status.TIMEOUT:
        text = f"{url} did not answer in time, after retries"
    elif verdict.status is Status.UNREACHABLE:
        text = f"{url} could not be reached ({verdict.detail})"
    elif run.offline and verdict.detail.startswith("offline"):
        text = f"{url} was not checked: offline ({run.why_offline}) and no cached verdict"
    else:
        text = f"{url} was not checked ({verdict.detail.removeprefix('not checked: ')})"
    if verdict.from_cache and run.offline and verdict.age():
        text += f" (cached verdict, {verdict.age()} old)"
    return f"{text}: {_ADVICE[verdict.status]}"


def check_links(run: LinkRun) -> Iterator[Finding]:
    for link in run.links:
        verdict = run.verdicts.get(link.url)
        if verdict is None or verdict.status.rule is None:
            continue
        message = _message(verdict, run)
        for place in link.places:
            related = tuple(c for c in link.citing if c.path != place.path)[:5]
            yield finding(
                verdict.status.rule, place.path, place.line, place.column, message, related
            )
