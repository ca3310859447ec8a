"""A requests adapter that connects only where the guard allows, to the address it checked,
and never reads more of a body than it may keep."""

from __future__ import annotations

import socket
import time
from typing import Any

from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter
from requests.exceptions import RequestException
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError, NameResolutionError, NewConnectionError

from .guard import REFUSED, Guard, HostNotFound, Refused

TRUNCATED = "X-Briefcheck-Truncated"  # the body was cut at MAX_BODY or the deadline
BODY_ERROR = "X-Briefcheck-Body-Error"  # the connection broke while the body was read
MAX_BODY = 5_000_000  # bytes kept of any body: enough for a report's text, not an endless stream


def _pinned(base: type[HTTPConnection], guard: Guard) -> type[HTTPConnection]:
    class Pinned(base):  # type: ignore[valid-type,misc]
        def _new_conn(self) -> socket.socket:
            # Resolve and check here, then connect to that very address: a name that resolves
            # to a public address for the check and a private one for the request (DNS
            # rebinding) cannot slip through.
            host: str = self._dns_host  # type: ignore[has-type]
            try:
                address = guard.addresses(host, self.port)[0]
            except HostNotFound as exc:
                raise NameResolutionError(self.host, self, socket.gaierror(str(exc))) from exc
            except Refused as exc:
                raise NewConnectionError(self, f"{REFUSED}: {exc}") from exc
            self._dns_host = address
            try:
                return super()._new_conn()  # type: ignore[no-any-return]
            finally:
                self._dns_host = host

    return Pinned


class GuardedAdapter(HTTPAdapter):
    def __init__(self, guard: Guard, max_body: int = MAX_BODY, **kwargs: Any) -> None:
        self.guard = guard
        self.max_body = max_body
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        http = type(
            "GuardedHTTPPool",
            (HTTPConnectionPool,),
            {"ConnectionCls": _pinned(HTTPConnection, self.guard)},
        )
        https = type(
            "GuardedHTTPSPool", (HTTPSConnectionPool,),
            {"ConnectionCls": _pinned(HTTPSConnection, self.guard)},
        )  # fmt: skip
        self.poolmanager.pool_classes_by_scheme = {"http": http, "https": https}
        self.poolmanager.key_fn_by_scheme = dict(self.poolmanager.key_fn_by_scheme)

    def send(  # type: ignore[override]
        self, request: PreparedRequest, stream: bool = False, timeout: Any = None, **kwargs: Any
    ) -> Response:
        response = super().send(request, stream=True, timeout=timeout, **kwargs)
        if request.method == "HEAD":
            response._content = b""
            response.close()
            return response
        # Read the body ourselves, capped in size and in total time, before the cache asks
        # for all of it: an endless or dripping body ends here.
        limit = timeout[1] if isinstance(timeout, tuple) else timeout
        deadline = time.monotonic() + (3 * float(limit) if limit else 60.0)
        chunks: list[bytes] = []
        size = 0
        try:
            # read1 returns whatever has arrived: a body dripping a byte at a time meets the
            # deadline instead of filling a 64 KB read for minutes.
            while chunk := response.raw.read1(65536, decode_content=True):
                chunks.append(chunk)
                size += len(chunk)
                if size >= self.max_body or time.monotonic() > deadline:
                    response.headers[TRUNCATED] = "1"
                    break
        except (RequestException, HTTPError, OSError) as exc:
            response.headers[BODY_ERROR] = type(exc).__name__
        finally:
            response._content = b"".join(chunks)[: self.max_body]
            response.close()
        return response
