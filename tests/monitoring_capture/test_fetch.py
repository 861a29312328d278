"""The guarded client's address and URL rules (no network: addresses and URLs only)."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netra.monitoring.capture.fetch import FetchError, check_url, is_public_address, resolve

INTERNAL = [
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "100.64.0.0/10",
    "0.0.0.0/8",
    "224.0.0.0/4",
    "240.0.0.0/4",
]


@given(st.sampled_from(INTERNAL), st.integers(min_value=0, max_value=2**32 - 1))
def test_no_internal_ipv4_address_is_public_nor_its_ipv6_mapped_form(network, offset):
    net = ipaddress.ip_network(network)
    address = net[offset % net.num_addresses]
    assert not is_public_address(str(address))
    assert not is_public_address(f"::ffff:{address}")


@pytest.mark.parametrize("address", ["::1", "fe80::1%eth0", "fc00::5", "fd12:3456::1", "::", "ff02::1"])
def test_internal_ipv6_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are(address):
    assert is_public_address(address)


def test_a_host_resolving_to_any_internal_address_is_refused(monkeypatch):
    import socket

    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 80)),
               (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 80))]  # fmt: skip
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(FetchError) as refused:
        resolve("campuran.example", 80, allow_private=False)
    assert refused.value.refused and "10.0.0.7" in str(refused.value)
    assert resolve("campuran.example", 80, allow_private=True) == "93.184.215.14"


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/",
        "file:///etc/passwd",
        "gopher://example.com/",
        "javascript:alert(1)",
        "http://",
        "http://user:sandi@example.com/",
        "http://example.com:99999/",
        "http://exa mple.com/",
        "http://example.com/\r\nHost: jahat",
        "http://[::1",
        "http://[zz]/",
        "http://a\x00b/",
    ],
)
def test_unacceptable_urls_are_refused_before_any_lookup(url):
    with pytest.raises(FetchError) as refused:
        check_url(url)
    assert refused.value.refused


@given(st.one_of(st.text(max_size=200), st.builds("http://{}".format, st.text(max_size=60))))
def test_check_url_accepts_or_refuses_but_never_fails_otherwise(text):
    try:
        parts = check_url(text)
    except FetchError:
        return
    assert parts.scheme.lower() in ("http", "https") and parts.hostname
