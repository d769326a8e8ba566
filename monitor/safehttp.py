"""The one HTTP client of wirewatch: address-checked, pinned, bounded in time and bytes.

Every request goes through `monitor.netguard.check_url`, and the TCP connection is then opened to
one of exactly those checked addresses (a custom httpcore network backend reads them from a
context variable), while the URL keeps its hostname, so the Host header, TLS SNI and certificate
verification are those of the hostname. A DNS answer that changes between the check and the
connect (DNS rebinding) is therefore never used.

Bodies are read raw and decompressed here, in bounded steps, so a gzip bomb stops at `max_bytes`
of output without ever holding more; every socket read is clamped to the request's overall
deadline, so a server dripping one byte at a time cannot hold a fetch past `total_timeout`.
"""

from __future__ import annotations

import contextvars
import http.cookiejar
import socket
import ssl
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from monitor.errors import FetchError, UnsafeURLError
from monitor.netguard import Network, Resolver, check_url, parse_allow_private

DEFAULT_USER_AGENT = "wirewatch/0.1 (+https://github.com/wirewatch)"
ACCEPT_ENCODING = "gzip, deflate"  # only what `_decoder` can bound; never br/zstd
ERROR_BODY_LIMIT = 64 * 1024  # bodies of non-2xx answers are cut here silently
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class HTTPResponse:
    """A complete, already decompressed response (Content-Encoding and Content-Length are
    dropped from `headers` when the body was decoded). Header names are lower-case; repeated
    headers are joined with ", "."""

    status: int
    headers: dict[str, str]
    body: bytes
    url: str


@dataclass(frozen=True)
class _Pin:
    """Where the current request may connect, and when it must be over."""

    host: str
    port: int
    addresses: tuple[str, ...]
    deadline: float


_PIN: contextvars.ContextVar[_Pin | None] = contextvars.ContextVar("wirewatch_pin", default=None)


class SafeHTTP:
    """One per process; wraps an httpx.Client (thread-safe, connection pool shared).

    Every request: `check_url`, then connect to the CHECKED address (DNS rebinding cannot slip
    past) while keeping the Host header and TLS SNI/certificate verification for the hostname.
    No redirects are ever followed here (see `monitor.fetch`), no cookies are kept, and proxy
    settings from the environment are ignored (a proxy would connect on our behalf, unchecked).
    """

    def __init__(self, *, allow_private: Sequence[Network | str] = (),
                 connect_timeout: float = 5.0, read_timeout: float = 15.0,
                 user_agent: str = DEFAULT_USER_AGENT, max_connections: int = 100,
                 resolve: Resolver = socket.getaddrinfo,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self._allow = parse_allow_private([str(n) for n in allow_private])
        self._resolve = resolve
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        limits = httpx.Limits(max_connections=max_connections,
                              max_keepalive_connections=max_connections)
        transport = _PinnedTransport(verify=ssl_context or True, limits=limits)
        self._client = httpx.Client(
            transport=transport, follow_redirects=False, trust_env=False,
            cookies=http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[])),
            headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        )

    def get(self, url: str, *, headers: Mapping[str, str] | None = None, max_bytes: int,
            total_timeout: float) -> HTTPResponse:
        """GET `url`; FetchError when a 2xx body exceeds `max_bytes` (after decompression),
        when `total_timeout` seconds pass, or on any network error (transient)."""
        return self._request("GET", url, headers, None, max_bytes, total_timeout, strict=True)

    def post(self, url: str, *, content: bytes, headers: Mapping[str, str],
             total_timeout: float, max_bytes: int = 65536) -> HTTPResponse:
        """POST `content` (webhooks); the response body is cut at `max_bytes` silently."""
        return self._request("POST", url, headers, content, max_bytes, total_timeout,
                             strict=False)

    def close(self) -> None:
        """Close pooled connections."""
        self._client.close()

    def __enter__(self) -> SafeHTTP:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, method: str, url: str, headers: Mapping[str, str] | None,
                 content: bytes | None, max_bytes: int, total_timeout: float, *,
                 strict: bool) -> HTTPResponse:
        deadline = time.monotonic() + total_timeout
        target = check_url(url, self._allow, self._resolve)
        token = _PIN.set(_Pin(target.host, target.port, target.addresses, deadline))
        try:
            request = self._client.build_request(
                method, target.url, headers=dict(headers or {}), content=content,
                timeout=self._timeouts(total_timeout))
            response = self._client.send(request, stream=True)
            try:
                return _complete(response, target.url, max_bytes, deadline, strict=strict)
            finally:
                response.close()
        except httpx.HTTPError as exc:
            raise _translate(exc, target.host, total_timeout, deadline) from exc
        finally:
            _PIN.reset(token)

    def _timeouts(self, total: float) -> httpx.Timeout:
        return httpx.Timeout(connect=min(self._connect_timeout, total),
                             read=min(self._read_timeout, total),
                             write=min(self._read_timeout, total), pool=total)


def _complete(response: httpx.Response, url: str, max_bytes: int, deadline: float, *,
              strict: bool) -> HTTPResponse:
    """Read and decompress the body within the byte and time limits."""
    headers = _flat_headers(response.headers)
    success = 200 <= response.status_code < 300
    limit = max_bytes if success else min(max_bytes, ERROR_BODY_LIMIT)
    fail = strict and success  # only a feed body that is too big is an error
    declared = headers.get("content-length", "")
    if fail and not headers.get("content-encoding") and declared.isdigit() \
            and int(declared) > limit:
        raise FetchError(f"body of {declared} bytes exceeds the limit of {limit} bytes",
                         transient=False, status=response.status_code)
    coding = headers.get("content-encoding", "")
    body = _read_body(response.iter_raw(_CHUNK), coding, limit, deadline, fail)
    if coding:  # the body is decoded now: describe it as it is
        headers.pop("content-encoding")
        headers.pop("content-length", None)
    return HTTPResponse(status=response.status_code, headers=headers, body=body, url=url)


def _read_body(raw: Iterable[bytes], encoding: str, limit: int, deadline: float,
               fail: bool) -> bytes:
    body = bytearray()
    for piece in _decoded(raw, encoding):
        if time.monotonic() > deadline:
            raise FetchError("total time limit exceeded while reading the body", transient=True)
        if len(body) + len(piece) > limit:
            if fail:
                raise FetchError(f"body exceeds the limit of {limit} bytes"
                                 " (after decompression)", transient=False)
            body += piece[: limit - len(body)]
            break
        body += piece
    return bytes(body)


def _decoded(raw: Iterable[bytes], content_encoding: str) -> Iterator[bytes]:
    """Undo Content-Encoding in pieces of at most _CHUNK bytes (never the whole body at once)."""
    codings = [c.strip().lower() for c in content_encoding.split(",")]
    codings = [c for c in codings if c and c != "identity"]
    stream: Iterable[bytes] = raw
    for coding in reversed(codings):  # the last applied coding is undone first
        stream = _inflate(stream, coding)
    return iter(stream)


def _inflate(chunks: Iterable[bytes], coding: str) -> Iterator[bytes]:
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported Content-Encoding {coding!r}", transient=False)
    decoder = _Inflater(raw_fallback=coding == "deflate")
    for chunk in chunks:
        yield from decoder.feed(chunk)
    yield from decoder.finish()


class _Inflater:
    """zlib with a cap on each output step; handles gzip, zlib, raw deflate, multi-member gzip."""

    def __init__(self, *, raw_fallback: bool) -> None:
        self._obj = zlib.decompressobj(32 + zlib.MAX_WBITS)  # gzip or zlib header, detected
        self._raw_fallback = raw_fallback  # some servers send headerless "deflate"
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while True:
            try:
                out = self._obj.decompress(data, _CHUNK)
            except zlib.error as exc:
                if self._raw_fallback and not self._started:
                    self._raw_fallback = False
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError(f"corrupt compressed body: {exc}", transient=True) from exc
            self._started = True
            if out:
                yield out
            data = self._obj.unconsumed_tail
            if self._obj.eof and self._obj.unused_data.startswith(b"\x1f\x8b"):
                data = self._obj.unused_data  # another gzip member follows
                self._obj = zlib.decompressobj(32 + zlib.MAX_WBITS)
            if not data and len(out) < _CHUNK:
                return

    def finish(self) -> Iterator[bytes]:
        out = self._obj.flush()
        if out:
            yield out


def _flat_headers(headers: httpx.Headers) -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in headers.multi_items():
        key = name.lower()
        flat[key] = f"{flat[key]}, {value}" if key in flat else value
    return flat


def _translate(exc: httpx.HTTPError, host: str, total: float, deadline: float) -> FetchError:
    """httpx errors as FetchError (all transient: the network may be better next time)."""
    if isinstance(exc, httpx.TimeoutException):
        if time.monotonic() >= deadline - 0.01:
            return FetchError(f"{host}: total time limit of {total:g}s exceeded", transient=True)
        phase = "connect" if isinstance(exc, httpx.ConnectTimeout) else "read"
        return FetchError(f"{host}: {phase} timed out", transient=True)
    if isinstance(exc, httpx.ConnectError):
        return FetchError(f"cannot connect to {host}: {exc or type(exc).__name__}",
                          transient=True)
    return FetchError(f"HTTP error from {host}: {type(exc).__name__}: {exc}", transient=True)


# --- pinning: an httpcore network backend that only dials the checked addresses --------------

def _clamped(timeout: float | None, exc_type: type[Exception]) -> float | None:
    """`timeout` shortened to what is left of the current request's deadline."""
    pin = _PIN.get()
    if pin is None:
        return timeout
    left = pin.deadline - time.monotonic()
    if left <= 0:
        raise exc_type("total time limit exceeded")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamped(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamped(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        # server_hostname is the URL's hostname, so the certificate is checked against it.
        tls = self._inner.start_tls(ssl_context, server_hostname,
                                    _clamped(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects `host:port` only to the addresses the current request's check returned."""

    def __init__(self) -> None:
        self._sync = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        pin = _PIN.get()
        if pin is None or host != pin.host or port != pin.port:
            raise httpcore.ConnectError(f"refusing to connect to unchecked {host}:{port}")
        error: Exception | None = None
        for address in pin.addresses:
            try:
                stream = self._sync.connect_tcp(
                    address, port, _clamped(timeout, httpcore.ConnectTimeout),
                    local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc  # try the next checked address, like create_connection would
                continue
            return _DeadlineStream(stream)
        raise error or httpcore.ConnectError(f"no address to connect to for {host}")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's transport with its pool rebuilt on the pinning backend.

    httpx exposes no `network_backend` argument, so the pool (a private attribute) is replaced
    with an equivalent `httpcore.ConnectionPool`; tests/test_fetch.py's rebinding test fails
    loudly if an httpx upgrade ever bypasses it.
    """

    def __init__(self, *, verify: ssl.SSLContext | bool, limits: httpx.Limits) -> None:
        super().__init__(verify=verify, limits=limits, trust_env=False)
        ssl_context = self._pool._ssl_context  # the context httpx built from `verify`
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_PinnedBackend(),
        )


__all__ = ["HTTPResponse", "SafeHTTP", "UnsafeURLError"]
