"""Network and cache faults the link checker must survive: an invalid TLS certificate, a body
that drips a byte at a time, two checks at once on one cache, a snapshot write killed halfway."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakeweb import Web, running
from support import brief, mkdocs_config, online, write_site

from briefcheck.links import Guard, LinkChecker, Policy, Status
from briefcheck.links.session import open_session
from briefcheck.links.snapshot import write_atomically

FAST = Policy(timeout=0.5, retries=2, backoff=0.02, retry_after_cap=2.0, workers=8, per_host=2)
# Far above timeout x attempts: a bound that only a hang can break, not a timing claim.
HANG = 30.0


def _checker(tmp_path: Path) -> LinkChecker:
    guard = Guard(True, lambda host, port: ["127.0.0.1"], exempt=frozenset({"127.0.0.1"}))
    session = open_session(str(tmp_path / "cache"), tmp_path, dt.timedelta(days=7), guard)
    return LinkChecker(session, guard, FAST, sleep=lambda seconds: None)


@pytest.fixture
def tls_url(tmp_path: Path) -> Iterator[str]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate nobody trusts."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with running(server) as port:
        yield f"https://127.0.0.1:{port}/page"


def test_an_invalid_certificate_is_unreachable_and_says_why(tmp_path: Path, tls_url: str) -> None:
    started = time.monotonic()
    verdict = _checker(tmp_path).check(tls_url)
    assert time.monotonic() - started < HANG
    assert verdict.status is Status.UNREACHABLE
    assert "TLS" in verdict.detail


class _Drip(http.server.BaseHTTPRequestHandler):
    """Refuses HEAD, then answers GET with a body that never stops dripping."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.send_response(405)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(600):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass


def test_a_dripping_body_is_cut_off_in_time(tmp_path: Path) -> None:
    with running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Drip)) as port:
        started = time.monotonic()
        verdict = _checker(tmp_path).check(f"http://127.0.0.1:{port}/drip")
        elapsed = time.monotonic() - started
    assert elapsed < HANG
    assert verdict.status in (Status.OK, Status.TIMEOUT, Status.UNREACHABLE)


def test_two_checks_at_once_on_one_cache_both_finish(tmp_path: Path, web: Web) -> None:
    bib = "\n".join(
        online(f"page{n}", f"Page {n}", url=web.url(path), date="2022-01-01")
        for n, path in enumerate(("/ok", "/moved", "/temporary", "/no-head"))
    )
    body = "# A\n\n" + " ".join(f"Claim.[^{n}]" for n in range(4)) + "\n\n"
    body += "\n".join(f"[^{n}]: @page{n}" for n in range(4)) + "\n"
    options = {"links": {"enabled": True, "allow_private": True, "timeout": 2}}
    root = write_site(tmp_path / "site", {"a.md": brief("A", body)}, {"refs.bib": bib},
                      config=mkdocs_config(options))  # fmt: skip
    args = [sys.executable, "-m", "briefcheck.cli", "check", "--format", "json"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    runs = [
        subprocess.Popen(args, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(2)
    ]
    results = [run.communicate(timeout=120) for run in runs]
    for run, (out, err) in zip(runs, results, strict=True):
        assert run.returncode in (0, 1), err.decode()
        assert b"Traceback" not in err
        links = sorted(
            (f["rule"], f["line"])
            for f in json.loads(out)["findings"]
            if f["rule"].startswith("link")
        )
        assert [rule for rule, _ in links] == ["link-redirect"], links  # "/moved" only


def test_a_snapshot_write_killed_halfway_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "key.txt"
    target.write_text("old text\n", encoding="utf-8")

    class Killed(BaseException):
        """Stands for the signal that ends the run mid-write."""

    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: object, **kwargs: object) -> object:
        handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

        def write(text: str) -> int:
            handle.buffer.write(text[: len(text) // 2].encode())  # half is on disk …
            handle.buffer.flush()
            raise Killed  # … when the run dies

        handle.write = write  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(Killed):
        write_atomically(target, "new text that never fully lands\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.txt"]
