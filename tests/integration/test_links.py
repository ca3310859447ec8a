"""Link checking against a real HTTP server on loopback addresses: every verdict class,
retries and Retry-After, redirects hop by hop, HEAD refused, the guard, the cache, offline runs
and per-host limits. Nothing here touches the internet."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakeweb import Web, dead_port, serve

from briefcheck.config import LinksConfig
from briefcheck.links import Guard, LinkChecker, Policy, Status, verify
from briefcheck.links.adapter import BODY_ERROR, TRUNCATED
from briefcheck.links.collect import Link
from briefcheck.links.session import open_session

FAST = Policy(timeout=0.5, retries=2, backoff=0.02, retry_after_cap=2.0, workers=8, per_host=2)
WEEK = dt.timedelta(days=7)


class Sleeps(list[float]):
    """Records every pause the checker asks for, and takes it (briefly)."""

    def __call__(self, seconds: float) -> None:
        import time

        self.append(seconds)
        time.sleep(min(seconds, 1.2))


def resolve(host: str, port: int) -> list[str]:
    table = {"intranet.test": ["127.0.0.2"], "public.test": ["127.0.0.1"]}
    if host in table:
        return table[host]
    if host.endswith(".test"):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return [info[4][0] for info in socket.getaddrinfo(host, port)]


def _checker(
    tmp_path: Path, *, allow_private: bool = True, sleep: Sleeps | None = None, max_body: int = 0
) -> LinkChecker:
    guard = Guard(allow_private, resolve, exempt=frozenset({"127.0.0.1"}))
    session = open_session(str(tmp_path / "cache"), tmp_path, WEEK, guard)
    if max_body:
        session.get_adapter("http://x").max_body = max_body  # type: ignore[attr-defined]
    return LinkChecker(session, guard, FAST, sleep=sleep if sleep is not None else Sleeps())


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/ok", Status.OK),
        ("/gone", Status.BROKEN),
        ("/removed", Status.BROKEN),
        ("/moved", Status.REDIRECT),
        ("/temporary", Status.OK),
        ("/moved-to-gone", Status.BROKEN),
        ("/forbidden", Status.BLOCKED),
        ("/login", Status.BLOCKED),
        ("/always-limited", Status.BLOCKED),
        ("/flaky", Status.OK),
        ("/down", Status.UNREACHABLE),
        ("/slow", Status.TIMEOUT),
        ("/no-head", Status.OK),
        ("/head-404", Status.OK),
        ("/head-drops", Status.OK),
        ("/loop-a", Status.UNREACHABLE),
        ("/chain/0", Status.UNREACHABLE),
    ],
)
def test_each_answer_gets_its_class(tmp_path: Path, web: Web, path: str, status: Status) -> None:
    verdict = _checker(tmp_path).check(web.url(path))
    assert verdict.status is status, verdict


def test_a_permanent_redirect_names_the_final_address(tmp_path: Path, web: Web) -> None:
    verdict = _checker(tmp_path).check(web.url("/moved"))
    assert verdict.final_url == web.url("/ok-new")


def test_redirect_loops_and_long_chains_say_so(tmp_path: Path, web: Web) -> None:
    checker = _checker(tmp_path)
    assert checker.check(web.url("/loop-a")).detail == "redirects in a loop"
    assert checker.check(web.url("/chain/0")).detail == "more than 10 redirects"
    assert web.requests_to("/chain/11") == 0  # the 11th hop is never asked for


def test_dead_port_and_missing_host(tmp_path: Path) -> None:
    checker = _checker(tmp_path)
    refused = checker.check(f"http://127.0.0.1:{dead_port()}/page")
    assert (refused.status, refused.detail) == (Status.UNREACHABLE, "connection refused")
    missing = checker.check("http://no-such-host.test/page")
    assert (missing.status, missing.detail) == (Status.BROKEN, "the host does not exist")


def test_retry_after_in_seconds_and_as_a_date_is_honoured(tmp_path: Path, web: Web) -> None:
    sleeps = Sleeps()
    checker = _checker(tmp_path, sleep=sleeps)
    assert checker.check(web.url("/limited")).status is Status.OK
    assert 1.0 in sleeps
    assert web.requests_to("/limited") == 2
    sleeps.clear()
    assert checker.check(web.url("/limited-date")).status is Status.OK
    assert any(0 <= s <= 2.0 for s in sleeps)


def test_a_429_slows_the_whole_host(tmp_path: Path, web: Web) -> None:
    checker = _checker(tmp_path)
    checker.check(web.url("/limited"))
    host = checker.gates._host("127.0.0.1")
    assert host.spacing >= 0.5


def test_failures_are_retried_and_then_reported(tmp_path: Path, web: Web) -> None:
    checker = _checker(tmp_path)
    assert checker.check(web.url("/down")).status is Status.UNREACHABLE
    assert web.requests_to("/down") == 3  # one try and two retries
    assert checker.check(web.url("/flaky")).status is Status.OK
    assert web.requests_to("/flaky") == 2


def test_head_refused_falls_back_to_get(tmp_path: Path, web: Web) -> None:
    _checker(tmp_path).check(web.url("/no-head"))
    assert [m for m, p in web.log if p == "/no-head"] == ["HEAD", "GET"]


def test_an_endless_body_is_cut_and_a_reset_body_is_not_cached(tmp_path: Path, web: Web) -> None:
    checker = _checker(tmp_path, max_body=200_000)
    endless = checker.session.get(web.url("/endless"), timeout=(2, 2))
    assert len(endless.content) == 200_000 and endless.headers[TRUNCATED] == "1"
    broken = checker.session.get(web.url("/reset"), timeout=(2, 2))
    assert BODY_ERROR in broken.headers
    again = checker.session.get(web.url("/reset"), timeout=(2, 2))
    assert not getattr(again, "from_cache", False)


def test_a_redirect_to_a_private_address_is_never_followed(tmp_path: Path, web: Web) -> None:
    with serve("127.0.0.2") as private:
        checker = _checker(tmp_path, allow_private=False)
        # "intranet.test" resolves to 127.0.0.2, where the private server listens.
        verdict = checker.check(web.url(f"/to-private/{private.port}"))
        assert verdict.status is Status.UNCHECKED
        assert "127.0.0.2, a loopback address" in verdict.detail
        direct = checker.check(f"http://intranet.test:{private.port}/ok")
        assert direct.status is Status.UNCHECKED
        assert private.log == []


def test_private_links_are_refused_without_a_request(tmp_path: Path) -> None:
    with serve("127.0.0.2") as private:
        checker = _checker(tmp_path, allow_private=False)
        for url in (private.url("/ok"), f"http://[::ffff:127.0.0.2]:{private.port}/ok"):
            assert checker.check(url).status is Status.UNCHECKED
        assert private.log == []


def _config(tmp_path: Path, **changes: object) -> LinksConfig:
    base = LinksConfig(cache=str(tmp_path / "cache"), allow_private=True, timeout=0.5)
    return LinksConfig(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def _links(*urls: str) -> list[Link]:
    return [Link(url) for url in urls]


def test_a_second_run_asks_nothing_of_verified_pages(tmp_path: Path, web: Web) -> None:
    links = _links(web.url("/ok"), web.url("/moved"), web.url("/gone"), web.url("/temporary"))
    first = verify(links, _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    assert first.requests > 0
    before = list(web.log)
    second = verify(links, _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    asked = web.log[len(before) :]
    assert {p for _, p in asked} == {"/gone"}  # failures are asked again, nothing else
    assert second.verdicts[web.url("/ok")].from_cache
    assert second.verdicts[web.url("/moved")].status is Status.REDIRECT
    assert {u: v.status for u, v in second.verdicts.items()} == {
        u: v.status for u, v in first.verdicts.items()
    }


def test_head_refusing_servers_and_loops_on_a_second_run(tmp_path: Path, web: Web) -> None:
    no_head, loop = web.url("/no-head"), web.url("/loop-a")
    links = _links(no_head, web.url("/head-404"), loop)
    verify(links, _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    before = len(web.log)
    second = verify(links, _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    asked = {p for _, p in web.log[before:]}
    assert asked == {"/loop-a", "/loop-b"}  # a loop is a failure: every hop asked again
    assert second.verdicts[no_head].status is Status.OK and second.verdicts[no_head].from_cache
    assert second.verdicts[loop].status is Status.UNREACHABLE
    before = len(web.log)
    offline = verify(links, _config(tmp_path), tmp_path, offline=True, resolver=resolve,
                     policy=FAST)  # fmt: skip
    assert len(web.log) == before
    assert offline.verdicts[no_head].status is Status.OK
    assert offline.verdicts[loop].status is Status.UNCHECKED


def test_requests_that_time_out_are_counted(tmp_path: Path, web: Web) -> None:
    run = verify(_links(web.url("/slow")), _config(tmp_path), tmp_path, resolver=resolve,
                 policy=FAST)  # fmt: skip
    assert run.verdicts[web.url("/slow")].status is Status.TIMEOUT
    assert run.requests == web.requests_to("/slow") == 3


def test_offline_uses_cached_verdicts_and_reports_the_rest(tmp_path: Path, web: Web) -> None:
    verify(_links(web.url("/ok")), _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    count = len(web.log)
    run = verify(
        _links(web.url("/ok"), web.url("/never-checked")),
        _config(tmp_path),
        tmp_path,
        offline=True,
        resolver=resolve,
        policy=FAST,
    )
    assert len(web.log) == count  # not one request
    assert run.offline and run.why_offline == "--offline"
    assert run.verdicts[web.url("/ok")].status is Status.OK
    assert run.verdicts[web.url("/never-checked")].status is Status.UNCHECKED


def test_offline_auto_when_no_host_resolves(tmp_path: Path) -> None:
    links = _links("https://one.test/a", "https://two.test/b")
    run = verify(links, _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    assert run.offline
    assert {v.status for v in run.verdicts.values()} == {Status.UNCHECKED}
    mixed = verify(
        _links("https://one.test/a", "http://127.0.0.1:9/"), _config(tmp_path), tmp_path,
        resolver=resolve, policy=FAST,
    )  # fmt: skip
    assert not mixed.offline
    assert mixed.verdicts["https://one.test/a"].status is Status.BROKEN


def test_per_host_limit_holds_across_several_hosts(tmp_path: Path) -> None:
    with serve("127.0.0.1") as a, serve("127.0.0.2") as b, serve("127.0.0.3") as c:
        for server in (a, b, c):
            server.latency = 0.1
        urls = [s.url(f"/ok-{i}") for s in (a, b, c) for i in range(12)]
        run = verify(_links(*urls), _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
        assert {v.status for v in run.verdicts.values()} == {Status.OK}
        assert all(s.peak <= FAST.per_host for s in (a, b, c))
        assert max(s.peak for s in (a, b, c)) == FAST.per_host  # and the limit is used


def test_a_garbage_cache_file_is_moved_aside(tmp_path: Path, web: Web) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "links.sqlite").write_bytes(b"this is not a database" * 100)
    run = verify(_links(web.url("/ok")), _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    assert run.verdicts[web.url("/ok")].status is Status.OK
    assert [p.name.split(".corrupt-")[0] for p in folder.glob("*.corrupt-*")] == ["links.sqlite"]


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A real redis-server on a free loopback port (installed by `make test`)."""
    import shutil
    import subprocess
    import time

    binary = shutil.which("redis-server")
    assert binary, "redis-server is missing: `make test` installs it with apt-get"
    port = dead_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_team_shares_verdicts_through_redis(tmp_path: Path, web: Web, redis_url: str) -> None:
    links = _links(web.url("/ok"), web.url("/moved"))
    config = _config(tmp_path, cache=redis_url)
    verify(links, config, tmp_path / "alice", resolver=resolve, policy=FAST)
    count = len(web.log)
    second = verify(links, config, tmp_path / "bob", resolver=resolve, policy=FAST)
    assert len(web.log) == count
    assert second.requests == 0
    assert second.verdicts[web.url("/moved")].status is Status.REDIRECT


def test_an_unreachable_redis_is_a_clear_error(tmp_path: Path) -> None:
    from briefcheck.links import CacheError

    config = _config(tmp_path, cache=f"redis://127.0.0.1:{dead_port()}/0")
    with pytest.raises(CacheError, match="cannot reach redis://"):
        verify(_links("http://127.0.0.1:9/"), config, tmp_path, resolver=resolve, policy=FAST)


# --- the verdict store: one read per run (links/store.py) -----------------------------------


def _stored(tmp_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(tmp_path / "cache" / "verdicts.sqlite")


def _http_cache(tmp_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(tmp_path / "cache" / "links.sqlite")


def test_verified_pages_are_answered_by_the_store_alone(tmp_path: Path, web: Web) -> None:
    links = _links(web.url("/ok"), web.url("/moved"), web.url("/gone"))
    first = verify(links, _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    with _stored(tmp_path) as db:
        kept = dict(db.execute("SELECT url, data FROM briefcheck_verdicts"))
    assert set(kept) == {web.url("/ok"), web.url("/moved")}  # a failure is never kept
    # With the HTTP cache emptied, only the store can answer the verified pages.
    with _http_cache(tmp_path) as db:
        db.execute("DELETE FROM responses")
    before = len(web.log)
    second = verify(links, _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    assert {p for _, p in web.log[before:]} == {"/gone"}
    assert second.verdicts[web.url("/moved")] == dataclasses.replace(
        first.verdicts[web.url("/moved")], from_cache=True
    )


def test_stored_verdicts_expire_with_max_age(tmp_path: Path, web: Web) -> None:
    links = _links(web.url("/ok"))
    verify(links, _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    old = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=8)).isoformat()
    with _stored(tmp_path) as db:
        db.execute("UPDATE briefcheck_verdicts SET data = json_set(data, '$[4]', ?)", (old,))
    with _http_cache(tmp_path) as db:
        db.execute("DELETE FROM responses")
    before = len(web.log)
    run = verify(links, _config(tmp_path, max_age=dt.timedelta(days=7)), tmp_path,
                 resolver=resolve, policy=FAST)  # fmt: skip
    assert len(web.log) > before and not run.verdicts[web.url("/ok")].from_cache
    offline = verify(links, _config(tmp_path), tmp_path, offline=True, resolver=resolve,
                     policy=FAST)  # fmt: skip
    assert offline.verdicts[web.url("/ok")].status is Status.OK


def test_a_stored_verdict_never_hides_a_refusal_or_a_damaged_row(tmp_path: Path, web: Web) -> None:
    ok, other = web.url("/ok"), web.url("/moved")
    verify(_links(ok, other), _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    with _stored(tmp_path) as db:
        db.execute("UPDATE briefcheck_verdicts SET data = 'not json' WHERE url = ?", (other,))
    strict = _config(tmp_path, allow_private=False)  # the test server is on 127.0.0.1
    run = verify(_links(ok), strict, tmp_path, resolver=resolve, policy=FAST)
    assert run.verdicts[ok].status is Status.UNCHECKED
    assert "loopback" in run.verdicts[ok].detail
    before = len(web.log)
    again = verify(_links(other), _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    assert again.verdicts[other].status is Status.REDIRECT
    assert len(web.log) == before  # answered by the HTTP cache, as before the store


def test_a_store_that_cannot_be_read_only_costs_the_speed_up(tmp_path: Path, web: Web) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "verdicts.sqlite").write_bytes(b"not a database at all" * 200)
    links = _links(web.url("/ok"))
    first = verify(links, _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    assert first.verdicts[web.url("/ok")].status is Status.OK
    again = verify(links, _config(tmp_path), tmp_path, resolver=resolve, policy=FAST)
    assert again.verdicts[web.url("/ok")].from_cache  # the HTTP cache still answers
