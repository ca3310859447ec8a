"""A small web of answers on loopback addresses, for link tests: every class of failure a
cited page can show, and a log of every request it received."""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Web:
    host: str
    port: int
    log: list[tuple[str, str]] = field(default_factory=list)  # (method, path)
    hits: dict[str, int] = field(default_factory=dict)
    in_flight: int = 0
    peak: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    latency: float = 0.0

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def requests_to(self, path: str) -> int:
        return sum(1 for _, p in self.log if p == path)


def _handler(web: Web) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def _answer(
            self, code: int, headers: dict[str, str] | None = None, body: bytes = b""
        ) -> None:
            # Done before the answer goes out: once the client has read it, it may send its
            # next request to this host before this thread would count this one finished.
            self._finished()
            self.send_response(code)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _route(self) -> None:
            path = self.path
            with web.lock:
                web.log.append((self.command, path))
                web.hits[path] = web.hits.get(path, 0) + 1
                count = web.hits[path]
                web.in_flight += 1
                web.peak = max(web.peak, web.in_flight)
            self._counted = True
            try:
                if web.latency:
                    time.sleep(web.latency)
                self._dispatch(path, count)
            finally:
                self._finished()

        def _finished(self) -> None:
            with web.lock:
                if getattr(self, "_counted", False):
                    self._counted = False
                    web.in_flight -= 1

        def _dispatch(self, path: str, count: int) -> None:
            page = b"<html><body><p>The fine was $80 million.</p></body></html>"
            if path.startswith("/ok"):
                self._answer(200, {"Content-Type": "text/html"}, page)
            elif path in ("/gone", "/missing"):
                self._answer(404)
            elif path == "/removed":
                self._answer(410)
            elif path == "/moved":
                self._answer(301, {"Location": "/ok-new"})
            elif path == "/moved-to-gone":
                self._answer(308, {"Location": "/gone"})
            elif path == "/temporary":
                self._answer(302, {"Location": "/ok-temp"})
            elif path == "/loop-a":
                self._answer(301, {"Location": "/loop-b"})
            elif path == "/loop-b":
                self._answer(301, {"Location": "/loop-a"})
            elif path.startswith("/chain/"):
                n = int(path.rsplit("/", 1)[1])
                self._answer(302, {"Location": f"/chain/{n + 1}"})
            elif path.startswith("/to-private/"):  # /to-private/PORT
                port = path.rsplit("/", 1)[1]
                self._answer(302, {"Location": f"http://intranet.test:{port}/ok"})
            elif path == "/forbidden":
                self._answer(403)
            elif path == "/login":
                self._answer(401)
            elif path == "/limited":  # 429 once, then fine
                if count == 1:
                    self._answer(429, {"Retry-After": "1"})
                else:
                    self._answer(200)
            elif path == "/limited-date":
                if count == 1:
                    when = email.utils.formatdate(time.time() + 1, usegmt=True)
                    self._answer(429, {"Retry-After": when})
                else:
                    self._answer(200)
            elif path == "/always-limited":
                self._answer(429, {"Retry-After": "0"})
            elif path == "/flaky":  # 503 once, then fine
                self._answer(503 if count == 1 else 200)
            elif path == "/down":
                self._answer(500)
            elif path == "/slow":
                time.sleep(1.5)
                self._answer(200)
            elif path == "/no-head":
                self._answer(405 if self.command == "HEAD" else 200, {}, page)
            elif path == "/head-drops":  # a server that hangs up on HEAD
                if self.command == "HEAD":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self._answer(200, {}, page)
            elif path == "/head-404":  # a server that answers HEAD wrongly
                self._answer(404 if self.command == "HEAD" else 200, {}, page)
            elif path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                if self.command == "HEAD":
                    return
                try:
                    while True:
                        self.wfile.write(b"x" * 65536)
                except OSError:
                    pass
            elif path == "/reset":  # headers, then the connection dies mid-body
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(b"partial")
                    self.wfile.flush()
                    self.connection.shutdown(2)
            else:
                self._answer(404)

        do_GET = _route
        do_HEAD = _route

    return Handler


@contextmanager
def running(server: ThreadingHTTPServer) -> Iterator[int]:
    """Serve in a thread for the duration of the block; yields the port."""
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve(host: str = "127.0.0.1") -> Iterator[Web]:
    server = ThreadingHTTPServer((host, 0), BaseHTTPRequestHandler)
    handler_web = Web(host, int(server.server_address[1]))
    server.RequestHandlerClass = _handler(handler_web)
    with running(server):
        yield handler_web


def dead_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
