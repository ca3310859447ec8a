"""Check URLs through the cached, guarded session: HEAD first, GET when HEAD is refused or
answers an error, redirects followed hop by hop (each hop checked by the guard), retries with
backoff on timeouts, resets, 408, 429 and 5xx, Retry-After honoured up to a cap."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from requests_cache import CachedSession

from .adapter import BODY_ERROR
from .gate import HostGates, retry_after
from .guard import REFUSED, Guard, HostNotFound, Refused, literal_address
from .verdict import Status, Verdict

_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_RETRY_CODES = {408, 429}
MAX_HOPS = 10
_LOOP = "redirects in a loop"
_TOO_MANY = f"more than {MAX_HOPS} redirects"

Progress = Callable[[int, int], None]


@dataclass
class Policy:
    timeout: float = 10.0
    retries: int = 2  # after the first attempt
    backoff: float = 0.5  # seconds, doubled per retry, with jitter
    retry_after_cap: float = 30.0  # longest Retry-After honoured; longer waits give up
    workers: int = 16
    per_host: int = 4


class _Failed(Exception):
    def __init__(self, status: Status, detail: str, retry: bool = False) -> None:
        super().__init__(detail)
        self.status, self.detail, self.retry = status, detail, retry


def _chain(exc: BaseException) -> Iterable[BaseException]:
    seen: BaseException | None = exc
    for _ in range(20):
        if seen is None:
            return
        yield seen
        seen = seen.__cause__ or seen.__context__


def _classify_error(exc: requests.RequestException) -> _Failed:
    text = " ".join(str(e) for e in _chain(exc))
    if isinstance(exc, requests.Timeout):
        return _Failed(Status.TIMEOUT, "no answer in time", retry=True)
    if REFUSED in text:
        reason = text.split(f"{REFUSED}: ", 1)[1].split(")", 1)[0]
        return _Failed(Status.UNCHECKED, f"not checked: {reason}")
    if "NameResolutionError" in text or "does not resolve" in text or "Name or service" in text:
        return _Failed(Status.BROKEN, "the host does not exist")
    if any(isinstance(e, ConnectionRefusedError) for e in _chain(exc)) or "refused" in text:
        return _Failed(Status.UNREACHABLE, "connection refused")
    if isinstance(exc, requests.exceptions.SSLError):
        return _Failed(Status.UNREACHABLE, "TLS handshake failed (invalid certificate?)")
    if isinstance(exc, requests.exceptions.InvalidURL):
        return _Failed(Status.BROKEN, "the URL is not valid")
    return _Failed(Status.UNREACHABLE, "connection reset or broken", retry=True)


class LinkChecker:
    def __init__(
        self,
        session: CachedSession,
        guard: Guard,
        policy: Policy | None = None,
        *,
        offline: bool = False,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.session = session
        self.guard = guard
        self.policy = policy or Policy()
        self.offline = offline
        self.sleep = sleep
        self.gates = HostGates(self.policy.per_host, sleep=sleep)
        self.sent = 0  # requests that went over the network
        self._count = threading.Lock()
        self._local = threading.local()  # per check: requests sent, bypass the cache
        if offline:
            session.settings.stale_if_error = True  # an old verdict beats none when offline

    # ---- one request, with retries ------------------------------------------------------

    def _send(self, method: str, url: str) -> requests.Response:
        timeout = (self.policy.timeout, self.policy.timeout)
        fresh = getattr(self._local, "fresh", False)
        try:
            response = self.session.request(
                method, url, allow_redirects=False, timeout=timeout,
                only_if_cached=self.offline, force_refresh=fresh,
            )  # fmt: skip
        except requests.RequestException:
            self._counted()
            raise
        if not getattr(response, "from_cache", False) and not self.offline:
            self._counted()
        return response

    def _counted(self) -> None:
        if self.offline:
            return
        self._local.sent = getattr(self._local, "sent", 0) + 1
        with self._count:
            self.sent += 1

    def _attempt(self, url: str) -> requests.Response:
        host = urlsplit(url).hostname or ""
        with self.gates.slot(host):
            try:
                try:
                    response = self._send("HEAD", url)
                except requests.RequestException as exc:
                    # Some servers drop the connection on HEAD; GET tells whether the page is up.
                    if _classify_error(exc).detail != "connection reset or broken":
                        raise
                    response = self._send("GET", url)
                # HEAD refused, or an error that many servers give HEAD alone: ask with GET.
                if response.status_code in (405, 501) or (
                    400 <= response.status_code < 500 and response.status_code not in (408, 429)
                ):
                    response = self._send("GET", url)
            except requests.RequestException as exc:
                raise _classify_error(exc) from exc
        if BODY_ERROR in response.headers:
            raise _Failed(Status.UNREACHABLE, "the connection broke while the page was read", True)
        return response

    def _fetch(self, url: str) -> requests.Response:
        host = urlsplit(url).hostname or ""
        attempts = self.policy.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self._attempt(url)
            except _Failed as failed:
                if not failed.retry or last or self.offline:
                    raise
                self.sleep(self._backoff(attempt))
                continue
            code = response.status_code
            if self.offline and code == 504 and response.reason == "Not Cached":
                # requests-cache's answer to only_if_cached when it holds nothing usable
                raise _Failed(Status.UNCHECKED, "offline, and no cached verdict")
            if code in _RETRY_CODES or code >= 500:
                asked = retry_after(response)
                if code == 429:
                    self.gates.slow(host, min(asked or 1.0, self.policy.retry_after_cap))
                if last or (asked is not None and asked > self.policy.retry_after_cap):
                    return response
                self.sleep(asked if asked is not None else self._backoff(attempt))
                continue
            return response
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt

    def _backoff(self, attempt: int) -> float:
        base = float(self.policy.backoff * (2**attempt))
        return base * (0.5 + random.random())

    # ---- one URL, hop by hop ------------------------------------------------------------

    def check(self, url: str, *, fresh: bool = False) -> Verdict:
        self._local.sent, self._local.fresh = 0, fresh
        verdict = self._check(url)
        if verdict.detail in (_LOOP, _TOO_MANY):
            if self.offline:  # failures are never cached: this chain was never verified
                return Verdict(url, Status.UNCHECKED, "offline, and no cached verdict")
            if not fresh:  # cached hops made it: ask every hop again before reporting
                return self.check(url, fresh=True)
        return verdict

    def _check(self, url: str) -> Verdict:
        current, seen, permanent = url, {url}, False
        for _ in range(MAX_HOPS + 1):
            try:
                if self.offline:
                    self.guard.check_scheme(current)  # no request leaves; no name to resolve
                else:
                    self.guard.check_url(current)
                response = self._fetch(current)
            except Refused as exc:
                return Verdict(url, Status.UNCHECKED, f"not checked: {exc}")
            except HostNotFound:
                return Verdict(url, Status.BROKEN, "the host does not exist")
            except _Failed as failed:
                return Verdict(url, failed.status, failed.detail)
            code = response.status_code
            location = response.headers.get("Location")
            if code in _REDIRECTS and location:
                permanent = permanent or code in _PERMANENT
                target = urljoin(current, location)
                if target in seen:
                    return Verdict(url, Status.UNREACHABLE, _LOOP, code, target)
                seen.add(target)
                current = target
                continue
            return self._verdict(url, current, response, permanent)
        return Verdict(url, Status.UNREACHABLE, _TOO_MANY, None, current)

    def _verdict(
        self, url: str, final: str, response: requests.Response, permanent: bool
    ) -> Verdict:
        code = response.status_code
        reason = f"{code} {response.reason or ''}".strip()
        created = getattr(response, "created_at", None)
        when = created if created is not None else dt.datetime.now(dt.timezone.utc)
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
        cached = bool(getattr(response, "from_cache", False)) and not self._local.sent
        if 200 <= code < 300:
            status = Status.REDIRECT if permanent else Status.OK
            detail = f"moved permanently to {final}" if permanent else reason
            return Verdict(url, status, detail, code, final if permanent else None, when, cached)
        if code in (404, 410):
            status = Status.BROKEN
        elif code in (401, 403, 429):
            status = Status.BLOCKED
        elif code in _RETRY_CODES or code >= 500:
            status = Status.UNREACHABLE
        else:
            status = Status.BROKEN
        return Verdict(url, status, reason, code, final if final != url else None, when, cached)

    # ---- many URLs ----------------------------------------------------------------------

    def check_all(
        self, urls: Iterable[str], progress: Progress | None = None
    ) -> dict[str, Verdict]:
        todo = list(dict.fromkeys(urls))
        results: dict[str, Verdict] = {}
        if not todo:
            return results
        with ThreadPoolExecutor(max_workers=self.policy.workers) as pool:
            futures = [pool.submit(self.check, url) for url in todo]
            for done, future in enumerate(as_completed(futures), 1):
                verdict = future.result()
                results[verdict.url] = verdict
                if progress is not None:
                    progress(done, len(todo))
        return {url: results[url] for url in todo}


def network_absent(urls: Iterable[str], guard: Guard) -> bool:
    """Plainly offline: there are host names to look up and not one of them resolves."""
    hosts = {urlsplit(u).hostname for u in urls} - {None, ""}
    names = [h for h in hosts if h is not None and literal_address(h) is None]
    if not names or len(names) < len(hosts):
        return False

    def resolves(host: str) -> bool:
        try:
            return bool(guard.resolver(host, 443))
        except (OSError, UnicodeError):
            return False

    with ThreadPoolExecutor(max_workers=min(16, len(names))) as pool:
        return not any(pool.map(resolves, names[:32]))
