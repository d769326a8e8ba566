"""Which addresses wirewatch may talk to: http(s) URLs that resolve only to global addresses.

Feed and webhook URLs come from configuration and from redirects chosen by remote servers, so a
URL must never let a server make wirewatch reach the machine it runs on, the local network or a
cloud metadata service (server-side request forgery). `check_url` resolves the host once and
refuses the URL if ANY of its addresses is not globally routable, unless that address falls in
`network.allow_private`. `monitor.net.http` then connects to exactly the checked addresses, so a
second DNS answer (DNS rebinding) is never used.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network
from typing import Any

import httpx

from monitor.errors import FetchError, UnsafeURLError

Address = IPv4Address | IPv6Address
Network = IPv4Network | IPv6Network
Resolver = Callable[..., Sequence[tuple[Any, ...]]]

DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_ADDRESSES = 32  # a resolver answer longer than this is truncated (each one is still checked)

_SHARED_CGNAT = ip_network("100.64.0.0/10")
_METADATA = ip_address("169.254.169.254")
_NAT64 = ip_network("64:ff9b::/96")
_ULA = ip_network("fc00::/7")
_LOCAL_NAT64 = ip_network("64:ff9b:1::/48")  # RFC 8215 local-use: never global
# Hosts such as "2130706433", "0x7f.1" or "127.1" are IPv4 literals to inet_aton (and to many
# resolvers); they are decoded here so that the check never depends on the resolver's opinion.
_NUMERIC_HOST = re.compile(r"[0-9a-fA-FxX.]+")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


@dataclass(frozen=True)
class ResolvedURL:
    """A URL that passed the check, with the addresses a connection may use (in resolver order)."""

    url: str
    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...]
    target: str = "/"  # the request target: path and query, percent-encoded


def parse_allow_private(cidrs: Sequence[str]) -> tuple[Network, ...]:
    """CIDR strings (e.g. from `network.allow_private`) as networks; ValueError names a bad one."""
    networks = []
    for cidr in cidrs:
        try:
            networks.append(ip_network(str(cidr).strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"not a CIDR: {cidr!r}") from exc
    return tuple(networks)


def check_url(url: str, allow_private: Sequence[Network] = (),
              resolve: Resolver = socket.getaddrinfo) -> ResolvedURL:
    """Parse, resolve and vet `url`; raise UnsafeURLError (or FetchError if DNS fails).

    `resolve` has the signature of `socket.getaddrinfo` and is called as
    `resolve(host, port, 0, socket.SOCK_STREAM)`; tests inject a fake so no real DNS is used.
    """
    parsed = _parse(url)
    scheme, host = parsed.scheme, parsed.raw_host.decode("ascii")
    port = parsed.port or DEFAULT_PORTS[scheme]
    addresses = _addresses(host, port, resolve)
    networks = tuple(ip_network(n) if isinstance(n, str) else n for n in allow_private)
    for text in addresses:
        reason = refusal_reason(ip_address(text), networks)
        if reason:
            raise UnsafeURLError(
                f"refused {_redact(parsed)}: {_subject(host, text)} ({reason}); "
                "add the range to network.allow_private to allow it"
            )
    return ResolvedURL(url=str(parsed), scheme=scheme, host=host, port=port, addresses=addresses,
                       target=parsed.raw_path.decode("ascii") or "/")


def _subject(host: str, address: str) -> str:
    """`example.org resolves to 10.0.0.5`, `2130706433 is 127.0.0.1`, or just `[::1]`."""
    if _literal(host) is None:
        return f"{display_host(host)} resolves to {display_host(address)}"
    if address == host:
        return display_host(address)
    return f"{display_host(host)} is {display_host(address)}"


def offline_refusal(url: str, allow_private: Sequence[Network] = ()) -> str | None:
    """Why `check_url` will certainly refuse `url`, judged without any DNS lookup, or None.

    Certain cases only: a URL that does not parse or is not http(s), an IP address host in
    any notation (`169.254.169.254`, `[::1]`, `2130706433`), and `localhost` names (RFC 6761:
    always loopback). Any other host name is not resolved here, so it is never reported: what
    it resolves to is known only when delivery resolves it (and refuses it then)."""
    try:
        check_url(url, allow_private, resolve=_resolve_offline)
    except UnsafeURLError as exc:
        return str(exc)
    except FetchError:
        return None  # a name that needs DNS: not judged offline
    return None


def _resolve_offline(host: str, port: int, *_: Any) -> list[tuple[Any, ...]]:
    name = host.lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
    raise socket.gaierror(f"{host} is not resolved offline")


def refusal_reason(address: Address, allow_private: Sequence[Network] = ()) -> str | None:
    """Why `address` may not be contacted, or None when it is global or explicitly allowed."""
    if _allowed(address, allow_private):
        return None
    translated = _translated_ipv4(address)
    if translated is not None:
        # ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d are IPv4 connections in disguise: judge the
        # IPv4 address (on an IPv6-only host with DNS64 every public site looks like this).
        inner = refusal_reason(translated, allow_private)
        return f"stands for IPv4 {translated}: {inner}" if inner else None
    reason = _own_reason(address)
    if reason:
        return reason
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        inner = refusal_reason(embedded, allow_private)
        if inner:
            return f"embeds IPv4 {embedded}: {inner}"
    return None


def _parse(url: str) -> httpx.URL:
    """The same parser httpx uses for the request, so the checked host is the contacted host."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        # httpx quotes the part it could not read ("Invalid port: 'p'"), which may be a piece
        # of a password or token: the reason is kept, the quoted text is not
        reason = _QUOTED.sub("'…'", str(exc))
        raise UnsafeURLError(f"invalid URL: {reason}") from exc
    if parsed.scheme not in DEFAULT_PORTS:
        raise UnsafeURLError(f"refused {_redact(parsed)}: only http and https URLs are fetched")
    if not parsed.raw_host:
        raise UnsafeURLError(f"refused {_redact(parsed)}: no host")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise UnsafeURLError(f"refused {_redact(parsed)}: bad port")
    return parsed


def _addresses(host: str, port: int, resolve: Resolver) -> tuple[str, ...]:
    literal = _literal(host)
    if literal is not None:
        return (literal,)
    try:
        answer = resolve(host, port, 0, socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve {display_host(host)}: {exc}", transient=True) from exc
    found: list[str] = []
    for entry in answer:
        text = str(entry[4][0])
        if text not in found:
            found.append(text)
    if not found:
        raise FetchError(f"cannot resolve {display_host(host)}: no addresses", transient=True)
    return tuple(found[:MAX_ADDRESSES])


def _literal(host: str) -> str | None:
    try:
        return str(ip_address(host))
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(host) and any(c.isdigit() for c in host):
        try:
            return socket.inet_ntoa(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _allowed(address: Address, allow_private: Sequence[Network]) -> bool:
    return any(address.version == net.version and address in net for net in allow_private)


def _own_reason(address: Address) -> str | None:
    # Order matters only for the message: the most specific name first.
    checks: list[tuple[bool, str]] = [
        (address == _METADATA, "cloud metadata address"),
        (address.is_unspecified, "unspecified address"),
        (address.is_loopback, "loopback address"),
        (address.is_link_local, "link-local address"),
        (isinstance(address, IPv4Address) and address in _SHARED_CGNAT,
         "shared carrier-grade NAT address"),
        (address.is_multicast, "multicast address"),
        (isinstance(address, IPv6Address) and address.is_site_local, "site-local address"),
        (isinstance(address, IPv6Address) and address in _LOCAL_NAT64, "local-use NAT64 address"),
        (isinstance(address, IPv6Address) and address in _ULA, "unique local address"),
        (address.is_private, "private address"),
        (address.is_reserved, "reserved address"),
        (not address.is_global, "not a globally routable address"),
    ]
    return next((name for hit, name in checks if hit), None)


def _translated_ipv4(address: Address) -> IPv4Address | None:
    """The IPv4 address an IPv4-mapped or NAT64 (64:ff9b::/96) address stands for."""
    if not isinstance(address, IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _embedded_ipv4(address: Address) -> IPv4Address | None:
    """The IPv4 address a 6to4 or Teredo address tunnels to, if any."""
    if not isinstance(address, IPv6Address):
        return None
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def display_host(host: str) -> str:
    """A host as written in URLs and messages: an IPv6 address in brackets (`[::1]`), so that a
    port after it (`[::1]:8080`) or the address itself cannot be misread."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def host_port(host: str, port: int | None) -> str:
    """`host:port` for messages, IPv6 in brackets: `[::1]:8080`, `example.org:443`."""
    shown = display_host(host)
    return f"{shown}:{port}" if port else shown


def _redact(url: httpx.URL) -> str:
    """The URL's origin only, for messages, logs and status: credentials, path and query may
    hold secrets (Slack webhook tokens live in the path, API keys in the query)."""
    rest = "/…" if url.raw_path not in (b"", b"/") else ""
    return f"{url.scheme}://{host_port(url.host, url.port)}{rest}"


def redact_url(url: str) -> str:
    """`_redact` for a URL string; unparsable input is replaced entirely."""
    try:
        return _redact(httpx.URL(url))
    except (httpx.InvalidURL, TypeError, ValueError):
        return "(unparsable URL)"


def feed_url_for_logs(url: str) -> str:
    """A feed URL as logs and status show it: origin and path, so that two feeds of one host
    can be told apart; credentials, query and fragment (where API keys live) are dropped. A
    webhook URL is never shown this way (`redact_url`: its path may be the secret)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return "(unparsable URL)"
    query = "?…" if parsed.query else ""
    return f"{parsed.scheme}://{host_port(parsed.host, parsed.port)}{parsed.path}{query}"
