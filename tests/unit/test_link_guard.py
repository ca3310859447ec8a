"""The SSRF guard: which addresses a link may reach, whatever way they are written."""

from __future__ import annotations

import pytest

from briefcheck.links.guard import Guard, HostNotFound, Refused, forbidden


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("10.0.0.5", "private"),
        ("172.16.3.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("fe80::1%eth0", "link-local"),
    ],
)
def test_forbidden_addresses(address: str, reason: str) -> None:
    assert forbidden(address) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "100.128.0.1"])
def test_public_addresses_pass(address: str) -> None:
    assert forbidden(address) is None


def _resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(f"{host}: not found")
        return table[host]

    return resolve


def test_names_are_judged_by_every_address_they_resolve_to() -> None:
    guard = Guard(resolver=_resolver({"mixed.test": ["93.184.216.34", "10.1.2.3"]}))
    with pytest.raises(Refused, match=r"10\.1\.2\.3, a private address"):
        guard.check_url("https://mixed.test/page")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://[::1]:8080/",
        "http://[::ffff:7f00:1]/",
        "http://169.254.169.254/latest/meta-data/",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://example.org/",
        "http:///no-host",
    ],
)
def test_refused_before_any_request(url: str) -> None:
    guard = Guard(resolver=_resolver({}))
    with pytest.raises(Refused):
        guard.check_url(url)


def test_allow_private_lifts_the_guard_but_not_the_scheme_rule() -> None:
    guard = Guard(allow_private=True, resolver=_resolver({"intranet.test": ["10.0.0.9"]}))
    guard.check_url("http://intranet.test/")
    with pytest.raises(Refused):
        guard.check_url("javascript:alert(1)")


def test_a_name_that_does_not_resolve() -> None:
    with pytest.raises(HostNotFound):
        Guard(resolver=_resolver({})).check_url("https://no-such-host.test/")
