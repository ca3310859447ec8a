"""Which addresses a link may reach: http(s) only, and by default no loopback, private,
link-local, CGNAT, multicast, reserved or unspecified address, IPv4 or IPv6.

A cited URL is written by whoever edits a brief or the bibliography; without this guard a
build on a CI runner could be made to probe its own network (SSRF). Hosts are resolved through
an injectable resolver so that tests can point names anywhere.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Resolver = Callable[[str, int], Sequence[str]]

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


REFUSED = "refused by the link guard"  # how a refusal reads inside a requests error


class Refused(Exception):
    """The guard will not let a request go to this URL."""


class HostNotFound(Exception):
    """The host name does not resolve."""


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def forbidden(address: str) -> str | None:
    """Why ``address`` may not be reached, or None when it is a public address."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(
        address.split("%", 1)[0]
    )
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_v4(ip)
        if inner is not None:
            return forbidden(str(inner))
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "carrier-grade NAT"
    if ip.is_multicast:
        return "multicast"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "reserved"
    return None


def literal_address(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]").split("%", 1)[0]))
    except ValueError:
        return None


@dataclass
class Guard:
    allow_private: bool = False
    resolver: Resolver = field(default=system_resolver)
    # Addresses let through although private: one known mirror, or a test's own server.
    exempt: frozenset[str] = frozenset()

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses a request to host:port may connect to (resolved once, then pinned)."""
        literal = literal_address(host)
        if literal is not None:
            found = [literal]
        else:
            try:
                found = list(self.resolver(host, port))
            except (OSError, UnicodeError) as exc:
                raise HostNotFound(f"{host} does not resolve") from exc
            if not found:
                raise HostNotFound(f"{host} does not resolve")
        if not self.allow_private:
            for address in found:
                reason = None if address in self.exempt else forbidden(address)
                if reason is not None:
                    raise Refused(
                        f"{host} resolves to {address}, a {reason} address; links.allow_private"
                        " lets the checker reach it"
                    )
        return found

    @staticmethod
    def check_scheme(url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise Refused(f"only http and https links are checked, not {parts.scheme or 'none'}:")
        if not parts.hostname:
            raise Refused("the URL has no host")

    @classmethod
    def endpoint(cls, url: str) -> tuple[str, int]:
        """The host and port a request for ``url`` goes to; Refused for a URL never checked."""
        cls.check_scheme(url)
        parts = urlsplit(url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise Refused(f"bad port in {url}") from exc
        return parts.hostname or "", port

    def check_url(self, url: str) -> None:
        """Refuse a URL before any request: wrong scheme, no host, or a forbidden address."""
        self.addresses(*self.endpoint(url))
