"""Cited links: collected from the site, checked through one cached and guarded session."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import LinksConfig
from .collect import Link, collect
from .guard import Guard, Resolver, system_resolver
from .store import open_store, reusable
from .verdict import CacheError, Status, Verdict

if TYPE_CHECKING:
    from .checker import LinkChecker, Policy, Progress

# requests, requests-cache and its backends take a quarter of a second to import: only a run
# that checks links pays for them.
_LAZY = {"LinkChecker": "checker", "Policy": "checker", "Progress": "checker"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class LinkRun:
    links: list[Link]
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    offline: bool = False
    why_offline: str | None = None  # "--offline", "links.offline: true", "no host resolves"
    requests: int = 0  # requests sent over the network (not answered from the cache)


def verify(
    links: list[Link],
    config: LinksConfig,
    root: Path,
    *,
    offline: bool = False,
    progress: Progress | None = None,
    resolver: Resolver = system_resolver,
    policy: Policy | None = None,
) -> LinkRun:
    """Check every link; ``offline`` (from ``--offline``) wins over the config's setting."""
    from .checker import LinkChecker, Policy, network_absent
    from .session import open_session

    guard = Guard(config.allow_private, resolver)
    run = LinkRun(links)
    urls = [link.url for link in links]
    if offline:
        run.offline, run.why_offline = True, "--offline"
    elif config.offline is True:
        run.offline, run.why_offline = True, "links.offline: true"
    elif config.offline == "auto" and network_absent(urls, guard):
        run.offline, run.why_offline = True, "no cited host resolves: the network looks absent"
    session = open_session(config.cache, root, config.max_age, guard)
    policy = policy or Policy(timeout=config.timeout)
    store = open_store(session.cache)
    try:
        known: dict[str, Verdict] = {}
        if store is not None:
            known = reusable(store.get_many(urls), guard, config.max_age, run.offline)
        rest = [url for url in dict.fromkeys(urls) if url not in known]
        checker = LinkChecker(session, guard, policy, offline=run.offline)
        counted = progress
        if progress is not None and known:

            def counted(done: int, total: int) -> None:
                progress(done + len(known), total + len(known))

        checked = checker.check_all(rest, counted)
        if store is not None:
            store.put_many(checked.values())
        run.verdicts = {url: known.get(url) or checked[url] for url in dict.fromkeys(urls)}
        run.requests = checker.sent
    finally:
        if store is not None:
            store.close()
        session.close()  # type: ignore[no-untyped-call]
    return run


__all__ = [
    "CacheError", "Guard", "Link", "LinkChecker", "LinkRun", "Policy", "Status", "Verdict",
    "collect", "verify",
]  # fmt: skip
