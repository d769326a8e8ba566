"""The one HTTP client of wirewatch: address-checked, pinned, bounded in time and bytes.

Every request goes through `monitor.net.addresses.check_url`, and the TCP connection is then opened to
one of exactly those checked addresses, while the request keeps the hostname, so the Host header,
TLS SNI and certificate verification are those of the hostname. A DNS answer that changes between
the check and the connect (DNS rebinding) is therefore never used; a kept-alive connection is
reused only for a request whose check returned the address it is connected to.

Bodies are read raw and decompressed here, in bounded steps, so a gzip bomb stops at `max_bytes`
of output without ever holding more; every socket read and write is clamped to the request's
overall deadline, so a server dripping one byte at a time cannot hold a fetch past
`total_timeout`.

HTTP/1.1 is spoken by the standard library's `http.client` over sockets opened here: a poll of
an unchanged feed is mostly this client's work, and it costs a fifth of what httpx's layers
(request models, cookie and auth hooks, a connection pool scanned under a lock, h11) did.
"""

from __future__ import annotations

import base64
import email.utils
import http.client
import io
import select
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import UTC

import httpx

from monitor.errors import FetchError, UnsafeURLError
from monitor.net.addresses import (
    Network,
    ResolvedURL,
    Resolver,
    check_url,
    display_host,
    host_port,
    parse_allow_private,
)

DEFAULT_USER_AGENT = "wirewatch/0.1 (+https://github.com/wirewatch)"
ACCEPT_ENCODING = "gzip, deflate"  # only what `_decoder` can bound; never br/zstd
ERROR_BODY_LIMIT = 64 * 1024  # bodies of non-2xx answers are cut here silently
KEEPALIVE_SECONDS = 5.0  # an idle connection older than this is closed, not reused
_CHUNK = 64 * 1024
# Bytes after the end of a complete gzip/deflate stream that are not another gzip member are
# ignored, as curl and browsers do; beyond this many the body is not read any further (an endless
# tail would otherwise keep the fetch busy until its deadline without ever growing the body).
TRAILING_GARBAGE_LIMIT = 64 * 1024
MAX_INTERIM_RESPONSES = 100  # 1xx answers skipped before a final one; more is a hostile server
_GZIP_MAGIC = b"\x1f\x8b"
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


@dataclass(frozen=True)
class HTTPResponse:
    """A complete, already decompressed response (Content-Encoding and Content-Length are
    dropped from `headers` when the body was decoded). Header names are lower-case; repeated
    headers are joined with ", "."""

    status: int
    headers: dict[str, str]
    body: bytes
    url: str


class SafeHTTP:
    """One per process, thread-safe; keeps idle connections for reuse.

    Every request: `check_url`, then connect to the CHECKED address (DNS rebinding cannot slip
    past) while keeping the Host header and TLS SNI/certificate verification for the hostname.
    No redirects are ever followed here (see `monitor.ingest.fetch`), no cookies are kept, and proxy
    settings from the environment are ignored (a proxy would connect on our behalf, unchecked).
    """

    def __init__(self, *, allow_private: Sequence[Network | str] = (),
                 connect_timeout: float = 5.0, read_timeout: float = 15.0,
                 user_agent: str = DEFAULT_USER_AGENT, max_connections: int = 100,
                 resolve: Resolver = socket.getaddrinfo,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self._allow = parse_allow_private([str(n) for n in allow_private])
        self._dns = _BoundedDNS(resolve)
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        # the CA bundle httpx would use (certifi), never the environment's SSL_CERT_* settings
        self._ssl = ssl_context or httpx.create_ssl_context(trust_env=False)
        self._headers = {"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING}
        self._pool = _Pool(max_connections)

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
        """Close pooled connections (look-ups still running finish on their own)."""
        self._pool.close()
        self._dns.close()

    def __enter__(self) -> SafeHTTP:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, method: str, url: str, headers: Mapping[str, str] | None,
                 content: bytes | None, max_bytes: int, total_timeout: float, *,
                 strict: bool) -> HTTPResponse:
        deadline = time.monotonic() + total_timeout
        target = check_url(url, self._allow, self._dns.until(deadline, total_timeout))
        merged = {**self._headers, **(headers or {})}
        authorization = _basic_auth(target.url)
        if authorization and not any(k.lower() == "authorization" for k in merged):
            # credentials in the URL become Basic auth (as HTTP clients do); an explicit header wins
            merged["Authorization"] = authorization
        while True:
            conn = self._pool.take(target)
            reused = conn is not None
            if conn is None:
                conn = self._open(target, deadline, total_timeout)
            conn.deadline = deadline
            try:
                response = conn.send(method, target.target, merged, content)
            except _STALE as exc:
                conn.close()
                if reused and method == "GET":
                    continue  # the server closed the idle connection just now: a new one
                raise _translate(exc, target, total_timeout, deadline, "read") from exc
            except (OSError, http.client.HTTPException, ValueError) as exc:
                conn.close()
                raise _translate(exc, target, total_timeout, deadline, "read") from exc
            return self._finish(conn, response, target, max_bytes, total_timeout, strict)

    def _finish(self, conn: _Connection, response: http.client.HTTPResponse,
                target: ResolvedURL, max_bytes: int, total_timeout: float,
                strict: bool) -> HTTPResponse:
        """Read the body; keep the connection only when the answer was read to its end."""
        try:
            result = _complete(response, target.url, max_bytes, conn.deadline, strict=strict)
        except FetchError:
            conn.close()
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            conn.close()
            raise _translate(exc, target, total_timeout, conn.deadline, "read") from exc
        if response.isclosed() and not response.will_close:
            self._pool.give(conn)
        else:
            conn.close()
        return result

    def _open(self, target: ResolvedURL, deadline: float, total_timeout: float) -> _Connection:
        try:
            return _Connection.open(target, self._ssl if target.scheme == "https" else None,
                                    self._connect_timeout, self._read_timeout, deadline)
        except (OSError, ValueError) as exc:
            raise _translate(exc, target, total_timeout, deadline, "connect") from exc


class _BoundedDNS:
    """DNS look-ups that count against the request's deadline.

    `getaddrinfo` takes no timeout and cannot be cancelled (a slow or silent DNS server holds
    it for the resolver's own retries, 10 s and more), so look-ups run on a few threads of
    their own and the request stops waiting when its time is up; the look-up then ends in the
    background.
    """

    def __init__(self, resolve: Resolver, threads: int = 16) -> None:
        self._resolve = resolve
        self._threads = threads
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def until(self, deadline: float, total: float) -> Resolver:
        """A resolver (as `socket.getaddrinfo`) that raises TimeoutError at `deadline`."""

        def resolve(*args: object) -> Sequence[tuple]:
            future = self._executor().submit(self._resolve, *args)
            try:
                return future.result(timeout=max(0.0, deadline - time.monotonic()))
            except FutureTimeout:
                future.cancel()
                raise TimeoutError(f"no answer within the request's {total:g}s limit") from None

        return resolve

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._threads, thread_name_prefix="dns")
            return self._pool

    def close(self) -> None:
        """Stop the threads once their look-ups end (without waiting for them)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


# --- connections: opened only to checked addresses, every socket call within the deadline ----

def _left(deadline: float, timeout: float) -> float:
    """`timeout` shortened to what is left until `deadline`; TimeoutError when nothing is."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("total time limit exceeded")
    return min(timeout, left)


class _Connection:
    """One kept-alive HTTP/1.1 connection to one checked address of one origin."""

    def __init__(self, sock: socket.socket, target: ResolvedURL, address: str,
                 read_timeout: float, deadline: float) -> None:
        self.sock = sock
        self.origin = (target.scheme, target.host, target.port)
        self.address = address
        self.read_timeout = read_timeout
        self.deadline = deadline
        self.idle_since = time.monotonic()
        self.http = http.client.HTTPConnection(target.host, target.port)
        self.http.sock = _DeadlineSocket(self)  # type: ignore[assignment]
        self.http.auto_open = 0  # never let http.client dial on its own (unchecked)
        self.http.response_class = _FinalResponse
        if target.scheme == "https":
            self.http.default_port = 443  # Host header without ":443"

    @classmethod
    def open(cls, target: ResolvedURL, context: ssl.SSLContext | None, connect_timeout: float,
             read_timeout: float, deadline: float) -> _Connection:
        """Connect to the first checked address that answers (as create_connection would try
        every address of a name), TLS with the hostname for SNI and verification."""
        error: Exception | None = None
        for address in target.addresses:
            try:
                sock = socket.create_connection((address, target.port),
                                                timeout=_left(deadline, connect_timeout))
            except TimeoutError:
                raise
            except OSError as exc:
                error = exc  # try the next checked address
                continue
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                if context is not None:
                    sock.settimeout(_left(deadline, connect_timeout))
                    sock = context.wrap_socket(sock, server_hostname=target.host)
            except BaseException:
                sock.close()
                raise
            return cls(sock, target, address, read_timeout, deadline)
        raise error or OSError(f"no address to connect to for {display_host(target.host)}")

    def send(self, method: str, path: str, headers: Mapping[str, str],
             content: bytes | None) -> http.client.HTTPResponse:
        """Send one request and read the status line and headers."""
        self.http.request(method, path, body=content, headers=dict(headers))
        return self.http.getresponse()

    def usable_for(self, target: ResolvedURL) -> bool:
        """Idle, fresh, still connected to an address `target`'s check returned, and with
        nothing to read (a readable idle socket was closed by the server, or holds junk)."""
        if self.address not in target.addresses:
            return False
        if time.monotonic() - self.idle_since > KEEPALIVE_SECONDS:
            return False
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable

    def close(self) -> None:
        """Close the socket (http.client's view of it too)."""
        self.http.sock = None
        self.sock.close()


class _DeadlineSocket:
    """What http.client sees as its socket: writes and reads end by the request's deadline."""

    def __init__(self, conn: _Connection) -> None:
        self._conn = conn

    def sendall(self, data: bytes) -> None:
        conn = self._conn
        conn.sock.settimeout(_left(conn.deadline, conn.read_timeout))
        conn.sock.sendall(data)

    def makefile(self, mode: str = "rb", *args: object, **kwargs: object) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._conn))

    def close(self) -> None:
        pass  # http.client closes its file when a response ends; the socket stays pooled


class _DeadlineReader(io.RawIOBase):
    """Raw reads from the connection's socket, each one clamped to the deadline."""

    def __init__(self, conn: _Connection) -> None:
        self._conn = conn

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        conn = self._conn
        conn.sock.settimeout(_left(conn.deadline, conn.read_timeout))
        return conn.sock.recv_into(buffer)


class _Pool:
    """Idle connections by origin, at most `limit` kept; thread-safe."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._count = 0
        self._lock = threading.Lock()

    def take(self, target: ResolvedURL) -> _Connection | None:
        """An idle connection fit for `target`, or None; unfit ones met on the way are closed."""
        origin = (target.scheme, target.host, target.port)
        while True:
            with self._lock:
                idle = self._idle.get(origin)
                if not idle:
                    return None
                conn = idle.pop()
                self._count -= 1
            if conn.usable_for(target):
                return conn
            conn.close()

    def give(self, conn: _Connection) -> None:
        """Keep `conn` for reuse (closed instead when the pool is full)."""
        conn.idle_since = time.monotonic()
        with self._lock:
            if self._count < self._limit:
                self._idle.setdefault(conn.origin, []).append(conn)
                self._count += 1
                return
        conn.close()

    def close(self) -> None:
        """Close every idle connection."""
        with self._lock:
            idle, self._idle, self._count = self._idle, {}, 0
        for conns in idle.values():
            for conn in conns:
                conn.close()


# --- responses ---------------------------------------------------------------------------------

def _complete(response: http.client.HTTPResponse, url: str, max_bytes: int, deadline: float, *,
              strict: bool) -> HTTPResponse:
    """Read and decompress the body within the byte and time limits."""
    headers = _flat_headers(response.getheaders())
    success = 200 <= response.status < 300
    limit = max_bytes if success else min(max_bytes, ERROR_BODY_LIMIT)
    fail = strict and success  # only a feed body that is too big is an error
    declared = headers.get("content-length", "")
    if fail and not headers.get("content-encoding") and declared.isdigit() \
            and int(declared) > limit:
        raise FetchError(f"body of {declared} bytes exceeds the limit of {limit} bytes",
                         transient=False, status=response.status)
    coding = headers.get("content-encoding", "")
    body = _read_body(_raw(response), coding, limit, deadline, fail)
    if coding:  # the body is decoded now: describe it as it is
        headers.pop("content-encoding")
        headers.pop("content-length", None)
    return HTTPResponse(status=response.status, headers=headers, body=body, url=url)


def _raw(response: http.client.HTTPResponse) -> Iterator[bytes]:
    """The body as sent (chunked framing undone, Content-Encoding not), one socket read at a
    time, so that every read is clamped to the deadline. IncompleteRead when the peer closes
    before the end of a Content-Length or chunked body."""
    while piece := response.read1(_CHUNK):
        yield piece
    # read1() answers b"" at EOF without complaint even when Content-Length promised more
    # (chunked bodies cut short raise IncompleteRead inside read1 already)
    if response.length:
        raise http.client.IncompleteRead(b"", response.length)
    if response.length == 0:
        response.read()  # marks a Content-Length body as complete (so the connection is reused)


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
        if decoder.trailing > TRAILING_GARBAGE_LIMIT:
            return  # the stream ended long ago: stop reading (the connection is not reused)
    yield from decoder.finish()


class _Inflater:
    """zlib with a cap on each output step; handles gzip, zlib, raw deflate, multi-member gzip."""

    def __init__(self, *, raw_fallback: bool) -> None:
        self._obj = zlib.decompressobj(32 + zlib.MAX_WBITS)  # gzip or zlib header, detected
        self._raw_fallback = raw_fallback  # some servers send headerless "deflate"
        self._started = False
        self.trailing = 0  # bytes seen after the end of the last stream (ignored)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decompressed output of `data`, in pieces of at most _CHUNK bytes."""
        if self.trailing:
            self.trailing += len(data)  # past the end: counted, never kept
            return
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
            if self._obj.eof:
                rest = self._obj.unused_data
                if rest.startswith(_GZIP_MAGIC):
                    data = rest  # another gzip member follows
                    self._obj = zlib.decompressobj(32 + zlib.MAX_WBITS)
                elif rest and not _GZIP_MAGIC.startswith(rest):
                    # Trailing garbage (curl ignores it too). A decompressor past its end keeps
                    # appending input to unused_data, so it is never fed again: memory stays
                    # bounded by one read however long the tail.
                    self.trailing = len(rest)
                    return
                # else: nothing yet, or b"\x1f" that the next read may make a gzip member
            if not data and len(out) < _CHUNK:
                return

    def finish(self) -> Iterator[bytes]:
        """What the decompressor still holds; FetchError when the stream stopped before its
        end (a cut body must never pass for the whole feed)."""
        if self.trailing:
            return
        if self._started and not self._obj.eof:
            raise FetchError("truncated compressed body", transient=True)
        out = self._obj.flush()
        if out:
            yield out


class _FinalResponse(http.client.HTTPResponse):
    """http.client's response, skipping every interim 1xx answer (103 Early Hints, 102...) as
    http.client skips 100 Continue; 101 is final (we never ask to switch protocols). The skip
    happens in this object, whose buffer may already hold the final answer's bytes."""

    def _read_status(self) -> tuple[str, int, str]:
        for _ in range(MAX_INTERIM_RESPONSES):
            version, status, reason = super()._read_status()  # type: ignore[misc]
            if not 100 <= status < 200 or status in (100, 101):
                return version, status, reason  # begin() itself skips 100
            http.client._read_headers(self.fp)  # type: ignore[attr-defined]
        raise http.client.HTTPException(f"more than {MAX_INTERIM_RESPONSES} interim responses")


def _basic_auth(url: str) -> str | None:
    """`Authorization: Basic` value for the URL's userinfo (percent-decoded), or None."""
    if "@" not in url:
        return None  # no userinfo: spare every ordinary poll a second parse of its URL
    parsed = httpx.URL(url)
    if not parsed.username and not parsed.password:
        return None
    userpass = f"{parsed.username}:{parsed.password}".encode()
    return "Basic " + base64.b64encode(userpass).decode("ascii")


def _flat_headers(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        flat[key] = f"{flat[key]}, {value}" if key in flat else value
    return flat


def _translate(exc: Exception, target: ResolvedURL, total: float, deadline: float,
               phase: str) -> FetchError:
    """Network errors as FetchError (all transient: the network may be better next time)."""
    host = host_port(target.host, target.port)
    if isinstance(exc, TimeoutError):
        if time.monotonic() >= deadline - 0.01:
            return FetchError(f"{host}: total time limit of {total:g}s exceeded", transient=True)
        return FetchError(f"{host}: {phase} timed out", transient=True)
    if phase == "connect":
        return FetchError(f"cannot connect to {host}: {exc or type(exc).__name__}",
                          transient=True)
    if isinstance(exc, http.client.IncompleteRead):
        # worded as the other HTTP clients word it, which users search for
        missing = f" ({exc.expected} bytes missing)" if exc.expected else ""
        return FetchError(f"HTTP error from {host}: peer closed connection without sending "
                          f"complete message body{missing}", transient=True)
    return FetchError(f"HTTP error from {host}: {type(exc).__name__}: {exc}", transient=True)


__all__ = ["HTTPResponse", "SafeHTTP", "UnsafeURLError"]


def parse_retry_after(value: str | None, now: float, cap: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delay in seconds, or an HTTP-date); None if absent
    or unreadable. A date in the past gives 0. With `cap`, never more than that: a server
    cannot park a request for years by answering with a huge value."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return _capped(float(text), cap)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; "-0000" parses as naive
        when = when.replace(tzinfo=UTC)
    return _capped(max(0.0, when.timestamp() - now), cap)


def _capped(seconds: float, cap: float | None) -> float:
    return seconds if cap is None else min(seconds, cap)
