"""netguard: which URLs and addresses may be contacted. DNS is always a fake here."""

from __future__ import annotations

import socket

import pytest

from monitor.errors import FetchError, UnsafeURLError
from monitor.net.addresses import check_url, feed_url_for_logs, parse_allow_private


def fake_dns(table: dict[str, list[str]]):
    """A getaddrinfo stand-in answering from `table`; unknown names fail like NXDOMAIN."""
    calls: list[str] = []

    def resolve(host, port, family=0, type=0, proto=0, flags=0):
        calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (a, port)) for a in table[host]]

    resolve.calls = calls
    return resolve


REFUSED = [
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("172.31.255.254", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "metadata"),
    ("169.254.1.1", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("0.0.0.0", "unspecified"),
    ("224.0.0.1", "multicast"),
    ("240.0.0.1", ""),
    ("255.255.255.255", ""),
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("fe80::1", "link-local"),
    ("fc00::1", "unique local"),
    ("fd12:3456::1", "unique local"),
    ("fec0::1", "site-local"),
    ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "127.0.0.1"),
    ("::ffff:10.0.0.1", "10.0.0.1"),
    ("64:ff9b::a00:1", "10.0.0.1"),  # NAT64 of 10.0.0.1
    ("64:ff9b::7f00:1", "127.0.0.1"),
    ("64:ff9b:1::1", "NAT64"),
    ("2002:7f00:1::1", "127.0.0.1"),  # 6to4 wrapping loopback
    ("::7f00:1", ""),  # deprecated IPv4-compatible
]

ALLOWED = ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]


@pytest.mark.parametrize(("address", "why"), REFUSED)
def test_non_global_address_is_refused(address, why):
    resolve = fake_dns({"feed.example": [address]})
    with pytest.raises(UnsafeURLError) as info:
        check_url("http://feed.example/rss", (), resolve)
    assert address in str(info.value) or address.split("::")[0] in str(info.value)
    assert why in str(info.value)
    assert info.value.transient is False


@pytest.mark.parametrize("address", REFUSED)
def test_ip_literal_is_refused_without_dns(address):
    host = address[0] if ":" not in address[0] else f"[{address[0]}]"
    resolve = fake_dns({})
    with pytest.raises(UnsafeURLError):
        check_url(f"https://{host}:8443/feed", (), resolve)
    assert resolve.calls == []


@pytest.mark.parametrize("address", ALLOWED)
def test_global_address_is_allowed(address):
    checked = check_url("https://news.example/feed?x=1", (),
                        fake_dns({"news.example": [address]}))
    assert checked.addresses == (address,)
    assert (checked.scheme, checked.host, checked.port) == ("https", "news.example", 443)
    assert checked.url == "https://news.example/feed?x=1"


def test_one_bad_address_among_good_ones_refuses_the_url():
    resolve = fake_dns({"mixed.example": ["8.8.8.8", "10.0.0.5"]})
    with pytest.raises(UnsafeURLError, match="10.0.0.5"):
        check_url("http://mixed.example/", (), resolve)


@pytest.mark.parametrize(("cidrs", "address", "ok"), [
    (["127.0.0.0/8"], "127.0.0.1", True),
    (["127.0.0.0/8"], "::ffff:127.0.0.1", True),  # the mapped form is the same machine
    (["127.0.0.1/32"], "127.0.0.2", False),
    (["10.0.0.0/8"], "10.20.30.40", True),
    (["10.0.0.0/8"], "192.168.0.1", False),
    (["10.0.0.0/8"], "64:ff9b::a00:1", True),
    (["fd00::/8"], "fd00::5", True),
    (["fd00::/8"], "fc00::5", False),
    (["169.254.0.0/16"], "169.254.169.254", True),  # only when asked for, explicitly
    (["192.168.1.0/24", "::1/128"], "::1", True),
])
def test_allow_private(cidrs, address, ok):
    resolve = fake_dns({"intranet.example": [address]})
    allow = parse_allow_private(cidrs)
    if ok:
        assert check_url("http://intranet.example/", allow, resolve).addresses == (address,)
    else:
        with pytest.raises(UnsafeURLError):
            check_url("http://intranet.example/", allow, resolve)


def test_parse_allow_private_rejects_garbage():
    assert [str(n) for n in parse_allow_private(["10.0.0.1/8", " ::1 "])] == ["10.0.0.0/8",
                                                                              "::1/128"]
    with pytest.raises(ValueError, match="not a CIDR"):
        parse_allow_private(["10.0.0.0/33"])


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://ftp.example/feed.xml", "gopher://example:70/1",
    "javascript:alert(1)", "data:text/xml,<rss/>", "//example.com/feed", "feed.xml",
    "http:///nohost", "dict://127.0.0.1:11211/",
])
def test_non_http_urls_are_refused(url):
    with pytest.raises(UnsafeURLError):
        check_url(url, (), fake_dns({"example.com": ["8.8.8.8"]}))


@pytest.mark.parametrize(("url", "host"), [
    ("http://8.8.8.8@127.0.0.1/", "127.0.0.1"),  # the host is after the '@'
    ("http://news.example@127.0.0.1:8080/", "127.0.0.1"),
    ("http://news.example\\@127.0.0.1/", "127.0.0.1"),  # backslash is not a separator here
    ("http://2130706433/", "127.0.0.1"),  # decimal IPv4
    ("http://0x7f.1/", "127.0.0.1"),  # hex and short forms
    ("http://127.1/", "127.0.0.1"),
    ("http://0177.0.0.1/", "Invalid IPv4"),  # octal: httpx refuses to guess
    ("http://localhost./", "127.0.0.1"),
])
def test_userinfo_and_numeric_host_tricks_are_refused(url, host):
    resolve = fake_dns({"localhost.": ["127.0.0.1"], "news.example": ["8.8.8.8"]})
    with pytest.raises(UnsafeURLError, match=host.replace(".", r"\.")):  # names the address
        check_url(url, (), resolve)


def test_userinfo_pointing_elsewhere_checks_the_real_host():
    resolve = fake_dns({"news.example": ["8.8.8.8"]})
    checked = check_url("http://127.0.0.1@news.example/feed", (), resolve)
    assert checked.host == "news.example" and resolve.calls == ["news.example"]


def test_message_hides_credentials_and_names_the_setting():
    resolve = fake_dns({"intranet.example": ["192.168.0.10"]})
    with pytest.raises(UnsafeURLError) as info:
        check_url("https://user:s3cret@intranet.example/feed", (), resolve)
    assert "s3cret" not in str(info.value)
    assert "network.allow_private" in str(info.value)


def test_dns_failure_is_a_transient_fetch_error():
    with pytest.raises(FetchError) as info:
        check_url("https://missing.example/", (), fake_dns({}))
    assert not isinstance(info.value, UnsafeURLError)
    assert info.value.transient is True and "missing.example" in str(info.value)


def test_idn_host_is_checked_in_its_ascii_form():
    resolve = fake_dns({"xn--bcher-kva.example": ["8.8.8.8"]})
    checked = check_url("https://Bücher.example/feed", (), resolve)
    assert checked.host == "xn--bcher-kva.example"


def test_explicit_port_is_kept():
    checked = check_url("http://news.example:8080/x", (), fake_dns({"news.example": ["8.8.4.4"]}))
    assert checked.port == 8080


@pytest.mark.parametrize("url", [
    "https://user:p/w@feeds.example/x?token=s3cret",  # httpx reads "p" as a port and quotes it
    "ftp://user:pw@feeds.example/x?token=s3cret",
    "https://user:pw@feeds.example:99999/x?token=s3cret",
])
def test_refusals_name_no_credentials_or_query(url):
    with pytest.raises(UnsafeURLError) as info:
        check_url(url, resolve=fake_dns({"feeds.example": ["93.184.216.34"]}))
    text = str(info.value)
    for secret in ("user", "pw", "'p'", "token", "s3cret"):
        assert secret not in text, text


def test_feed_urls_in_logs_keep_their_path_but_no_secret() -> None:
    from_logs = feed_url_for_logs
    assert from_logs("http://user:pw@127.0.0.1:8765/wire.xml?key=s3cret#top") \
        == "http://127.0.0.1:8765/wire.xml?…"
    assert from_logs("https://[::1]:8080/a/b") == "https://[::1]:8080/a/b"
    assert from_logs("https://tass.com/rss/v2.xml") == "https://tass.com/rss/v2.xml"
