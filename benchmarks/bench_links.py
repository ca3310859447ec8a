"""Link checking speed: verdicts from a warm cache, and a cold check against slow servers.

What is measured, in this process, through briefcheck's own link API against a local web of
threaded HTTP servers (``http.server.ThreadingHTTPServer``, one per loopback address,
127.0.0.1, 127.0.0.2, ...; on Linux all of 127/8 is loopback), which count every request
they answer and how many are in flight at once per address:

- **(a) warm cache**: ``--warm-urls`` (5,000) URLs are checked once to fill a fresh SQLite
  cache (``links.verify`` with ``LinksConfig(cache=..., allow_private=True)``, servers answering
  at once), then checked again with ``links.verify`` ``--repeat`` (3) times: median wall-clock
  time and the requests sent (the checker's count and the servers' count). Goal: <= 1 s and
  no request at all.
- **(b) cold**: ``--cold-urls`` (1,000) URLs spread evenly over ``--hosts`` (8) loopback
  addresses, each answer delayed ``--latency`` (50 ms), checked with an empty cache through
  ``LinkChecker(open_session(...), Guard(allow_private=True), Policy(...))``, the checker's
  default workers and per-host limit, ``--repeat`` times (a fresh cache each): median URLs per
  second (goal >= 200) and the most requests any one address had in flight at once, as the
  servers saw it and as the checker's own gates recorded it (must not exceed
  ``Policy().per_host``). The ceiling ``min(workers, per_host x hosts) / latency`` is printed
  for context.

The guard refuses loopback addresses unless ``allow_private`` is true, which is set here.
Servers speak HTTP/1.1 with keep-alive and count a request as in flight from its arrival to
just before its answer is written, so a client that waits for answers can never be seen above
its limit.

Run it (seconds with ``--warm-urls 300 --cold-urls 100 --repeat 1``)::

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/bench_links.py [--warm-urls 5000]
        [--cold-urls 1000] [--hosts 8] [--latency 0.05] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import math
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Context, median, table, verdict

from briefcheck.config import LinksConfig
from briefcheck.links import Guard, Link, LinkChecker, Policy, Status, verify
from briefcheck.links.session import open_session

GOAL_WARM_S = 1.0
GOAL_URLS_PER_S = 200.0
BODY = b"<html><body>A cited page.</body></html>"


class Web:
    """Threaded servers on loopback addresses that count requests and concurrency per address."""

    def __init__(self, hosts: int) -> None:
        self.latency = 0.0
        self._lock = threading.Lock()
        self.requests: collections.Counter[str] = collections.Counter()
        self.active: collections.Counter[str] = collections.Counter()
        self.peak: collections.Counter[str] = collections.Counter()
        self.servers: list[ThreadingHTTPServer] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers

            def do_HEAD(self) -> None:
                self._answer(with_body=False)

            def do_GET(self) -> None:
                self._answer(with_body=True)

            def _answer(self, with_body: bool) -> None:
                address = str(self.connection.getsockname()[0])
                web.enter(address)
                try:
                    if web.latency:
                        time.sleep(web.latency)
                finally:
                    web.leave(address)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(BODY)))
                self.end_headers()
                if with_body:
                    self.wfile.write(BODY)

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256  # the listen backlog: far above the checker's workers

        for number in range(1, hosts + 1):
            server = Server((f"127.0.0.{number}", 0), Handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)

    def enter(self, address: str) -> None:
        with self._lock:
            self.requests[address] += 1
            self.active[address] += 1
            self.peak[address] = max(self.peak[address], self.active[address])

    def leave(self, address: str) -> None:
        with self._lock:
            self.active[address] -= 1

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.peak.clear()

    def total(self) -> int:
        with self._lock:
            return sum(self.requests.values())

    def urls(self, count: int, prefix: str) -> list[str]:
        """``count`` distinct URLs, spread round-robin over the servers."""
        out = []
        for index in range(count):
            host, port = self.servers[index % len(self.servers)].socket.getsockname()[:2]
            out.append(f"http://{host}:{port}/{prefix}/page-{index}.html")
        return out

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


def _config(cache: Path) -> LinksConfig:
    return LinksConfig(
        enabled=True,
        timeout=10.0,
        max_age=dt.timedelta(days=7),
        cache=str(cache),
        allow_private=True,
        offline=False,
    )


@dataclass
class WarmResult:
    urls: int
    fill_s: float  # the first, filling check (servers answering at once)
    fill_requests: int
    fill_ok: int
    median_s: float
    max_s: float
    requests_sent: int  # most in any warm run, as the checker counted them
    requests_seen: int  # most in any warm run, as the servers counted them
    ok_from_cache: int  # fewest in any warm run


@dataclass
class ColdResult:
    urls: int
    hosts: int
    latency_s: float
    workers: int
    per_host_limit: int
    ceiling_urls_per_s: float
    median_urls_per_s: float
    min_urls_per_s: float
    server_peak_per_host: int  # most requests in flight at one address, any run
    checker_peak_per_host: int  # the same, from the checker's own gates
    requests_seen: int
    ok: int


def warm_cache(web: Web, count: int, repeat: int, scratch: Path) -> WarmResult:
    cache = scratch / "warm-cache"
    links = [Link(url) for url in web.urls(count, "warm")]
    web.latency = 0.0
    web.reset()
    started = time.perf_counter()
    first = verify(links, _config(cache), scratch)
    fill_s = time.perf_counter() - started
    times, sent, seen, cached = [], [], [], []
    for _ in range(repeat):
        web.reset()
        started = time.perf_counter()
        again = verify(links, _config(cache), scratch)
        times.append(time.perf_counter() - started)
        sent.append(again.requests)
        seen.append(web.total())
        cached.append(sum(v.from_cache and v.status is Status.OK for v in again.verdicts.values()))
    return WarmResult(
        urls=count,
        fill_s=fill_s,
        fill_requests=first.requests,
        fill_ok=sum(v.status is Status.OK for v in first.verdicts.values()),
        median_s=median(times),
        max_s=max(times),
        requests_sent=max(sent),
        requests_seen=max(seen),
        ok_from_cache=min(cached),
    )


def cold(web: Web, count: int, latency: float, repeat: int, scratch: Path) -> ColdResult:
    policy = Policy(timeout=10.0)
    urls = web.urls(count, "cold")
    web.latency = latency
    rates, server_peaks, checker_peaks, seen, ok = [], [], [], [], []
    for attempt in range(repeat):
        web.reset()
        guard = Guard(allow_private=True)
        cache = str(scratch / f"cold-cache-{attempt}")
        session = open_session(cache, scratch, LinksConfig().max_age, guard)
        try:
            checker = LinkChecker(session, guard, policy)
            started = time.perf_counter()
            verdicts = checker.check_all(urls)
            elapsed = time.perf_counter() - started
        finally:
            session.close()  # type: ignore[no-untyped-call]
        rates.append(count / elapsed)
        server_peaks.append(max(web.peak.values(), default=0))
        checker_peaks.append(max(checker.gates.peak.values(), default=0))
        seen.append(web.total())
        ok.append(sum(v.status is Status.OK for v in verdicts.values()))
    hosts = len(web.servers)
    ceiling = min(policy.workers, policy.per_host * hosts) / latency if latency else math.inf
    return ColdResult(
        urls=count,
        hosts=hosts,
        latency_s=latency,
        workers=policy.workers,
        per_host_limit=policy.per_host,
        ceiling_urls_per_s=ceiling,
        median_urls_per_s=median(rates),
        min_urls_per_s=min(rates),
        server_peak_per_host=max(server_peaks),
        checker_peak_per_host=max(checker_peaks),
        requests_seen=max(seen),
        ok=min(ok),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warm-urls", type=int, default=5000)
    parser.add_argument("--cold-urls", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=8, help="loopback addresses (127.0.0.N)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds before each answer")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (median kept)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    context = Context()

    web = Web(args.hosts)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-links-") as scratch:
            warm = warm_cache(web, args.warm_urls, args.repeat, Path(scratch))
            slow = cold(web, args.cold_urls, args.latency, args.repeat, Path(scratch))
    finally:
        web.close()

    if args.json:
        report = {**context.as_dict(), "warm": asdict(warm),
                  "cold": asdict(slow)}  # fmt: skip
        print(json.dumps(report, indent=2))
        return 0
    print(f"link checking against {args.hosts} local servers; {context.describe()}\n")
    print(
        f"(a) {warm.urls:,} URLs from a warm cache (filled first: {warm.fill_s:.2f} s, "
        f"{warm.fill_requests:,} requests, {warm.fill_ok:,} ok)"
    )
    no_requests = warm.requests_sent == warm.requests_seen == 0
    print(table([
        ["", "measured", "goal", ""],
        [f"time (median of {args.repeat})", f"{warm.median_s:.3f} s", f"<= {GOAL_WARM_S} s",
         verdict(warm.median_s <= GOAL_WARM_S)],
        ["requests sent (checker / servers)", f"{warm.requests_sent} / {warm.requests_seen}",
         "0", verdict(no_requests)],
        ["ok verdicts from the cache", f"{warm.ok_from_cache:,}", f"{warm.urls:,}", ""],
    ]))  # fmt: skip
    limit = slow.per_host_limit
    peak = max(slow.server_peak_per_host, slow.checker_peak_per_host)
    print(
        f"\n(b) {slow.urls:,} URLs cold, {slow.hosts} hosts, {1000 * slow.latency_s:.0f} ms per"
        f" answer; {slow.workers} workers, {limit} per host;"
        f" ceiling {slow.ceiling_urls_per_s:.0f} URLs/s"
    )
    print(table([
        ["", "measured", "goal", ""],
        [f"URLs/s (median of {args.repeat})", f"{slow.median_urls_per_s:.0f}",
         f">= {GOAL_URLS_PER_S:.0f}", verdict(slow.median_urls_per_s >= GOAL_URLS_PER_S)],
        ["peak in flight per host (servers / checker)",
         f"{slow.server_peak_per_host} / {slow.checker_peak_per_host}", f"<= {limit}",
         verdict(peak <= limit)],
        ["requests seen / ok verdicts", f"{slow.requests_seen:,} / {slow.ok:,}",
         f"{slow.urls:,}", ""],
    ]))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
