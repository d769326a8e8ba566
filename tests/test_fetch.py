"""SafeHTTP and fetch_feed against a real HTTP server on 127.0.0.1 (allowed via allow_private)."""

from __future__ import annotations

import base64
import contextlib
import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from monitor.errors import FetchError, UnsafeURLError
from monitor.ingest.fetch import Validators, cache_max_age, fetch_feed
from monitor.net.http import SafeHTTP, parse_retry_after

LOOPBACK = ["127.0.0.0/8"]
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'

Route = Callable[[BaseHTTPRequestHandler], None]


class LocalServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 whose paths are answered by test functions."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.requests: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._dispatch()

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self.posted = self.rfile.read(length)
                self._dispatch()

            def _dispatch(self) -> None:
                record = {k.lower(): v for k, v in self.headers.items()}
                record["path"], record["method"] = self.path, self.command
                server.requests.append(record)
                route = server.routes.get(self.path.split("?")[0])
                try:
                    if route is None:
                        reply(self, 404, b"no such path")
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def reply(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"",
          headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture(autouse=True)
def no_real_dns(monkeypatch):
    """Any lookup of a name (not a numeric address) fails here: tests never use real DNS."""
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        if host is not None and not _numeric(str(host)):
            raise socket.gaierror(socket.EAI_NONAME, f"real DNS lookup of {host!r} in a test")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


def _numeric(host: str) -> bool:
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host.split("%")[0])
    except OSError:
        return False
    return True


@pytest.fixture
def server():
    srv = LocalServer({})
    yield srv
    srv.close()


@pytest.fixture
def http():
    client = SafeHTTP(allow_private=LOOPBACK, connect_timeout=2, read_timeout=5)
    yield client
    client.close()


def fetch(http: SafeHTTP, url: str, validators: Validators | None = None, **kw):
    return fetch_feed(http, url, validators or Validators(), max_bytes=kw.pop("max_bytes", 1 << 20),
                      timeout=kw.pop("timeout", 5.0), **kw)


# --- conditional GET and unchanged bodies ----------------------------------------------------

def test_conditional_get_gives_304_and_keeps_validators(server, http):
    def feed(h):
        if h.headers.get("If-None-Match") == '"v1"':
            reply(h, 304, headers={"ETag": '"v1"'})
        else:
            reply(h, 200, FEED, {"ETag": '"v1"', "Last-Modified": "Tue, 26 Nov 2019 09:00:00 GMT",
                                 "Content-Type": "application/rss+xml"})
    server.routes["/feed"] = feed
    first = fetch(http, server.url("/feed"))
    assert (first.status, first.body, first.not_modified) == (200, FEED, False)
    assert first.validators.etag == '"v1"' and first.validators.body_sha256
    second = fetch(http, server.url("/feed"), first.validators)
    assert (second.status, second.body, second.not_modified) == (304, None, True)
    assert second.validators == first.validators
    sent = server.requests[-1]
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Tue, 26 Nov 2019 09:00:00 GMT"
    assert "application/rss+xml" in sent["accept"] and sent["user-agent"].startswith("wirewatch")


def test_same_body_without_validators_is_not_modified_by_sha256(server, http):
    server.routes["/plain"] = lambda h: reply(h, 200, FEED)
    first = fetch(http, server.url("/plain"))
    assert first.body == FEED and first.validators.etag is None
    again = fetch(http, server.url("/plain"), first.validators)
    assert again.status == 200 and again.body is None and again.not_modified
    assert again.validators.body_sha256 == first.validators.body_sha256
    server.routes["/plain"] = lambda h: reply(h, 200, FEED + b"\n")
    changed = fetch(http, server.url("/plain"), first.validators)
    assert changed.body == FEED + b"\n" and not changed.not_modified


def test_cache_control_and_retry_after_hints(server, http):
    server.routes["/hint"] = lambda h: reply(h, 200, FEED, {"Cache-Control": "public, max-age=600"})
    assert fetch(http, server.url("/hint")).ttl_seconds == 600


# --- redirects -------------------------------------------------------------------------------

def redirect(status: int, location: str) -> Route:
    return lambda h: reply(h, status, b"", {"Location": location})


def test_permanent_redirect_chain_is_reported(server, http):
    server.routes.update({"/old": redirect(301, "/older"), "/older": redirect(308, "/new"),
                          "/new": lambda h: reply(h, 200, FEED)})
    result = fetch(http, server.url("/old"))
    assert result.url == server.url("/new") == result.permanent_redirect
    assert result.body == FEED


def test_temporary_hop_stops_the_permanent_redirect(server, http):
    server.routes.update({"/a": redirect(301, "/b"), "/b": redirect(302, "/c"),
                          "/c": redirect(301, "/d"), "/d": lambda h: reply(h, 200, FEED)})
    result = fetch(http, server.url("/a"))
    assert result.permanent_redirect == server.url("/b") and result.url == server.url("/d")
    server.routes["/t"] = redirect(307, "/d")
    assert fetch(http, server.url("/t")).permanent_redirect is None


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/feed", "http://[::1]:1/",
    "file:///etc/passwd", "gopher://127.0.0.1:70/",
])
def test_redirect_to_disallowed_address_is_refused(server, http, target):
    server.routes["/evil"] = redirect(302, target)
    with pytest.raises(UnsafeURLError):
        fetch(http, server.url("/evil"))


def test_redirect_loop_and_missing_location(server, http):
    server.routes.update({"/loop": redirect(302, "/loop"), "/nowhere": lambda h: reply(h, 301)})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(http, server.url("/loop"))
    assert sum(r["path"] == "/loop" for r in server.requests) == 6
    with pytest.raises(FetchError, match="without Location"):
        fetch(http, server.url("/nowhere"))


# --- status classification -------------------------------------------------------------------

def test_429_and_503_carry_retry_after(server, http):
    server.routes["/busy"] = lambda h: reply(h, 429, b"slow down", {"Retry-After": "120"})
    later = formatdate(time.time() + 300, usegmt=True)
    server.routes["/down"] = lambda h: reply(h, 503, b"", {"Retry-After": later})
    with pytest.raises(FetchError) as busy:
        fetch(http, server.url("/busy"))
    assert (busy.value.status, busy.value.transient, busy.value.retry_after) == (429, True, 120)
    with pytest.raises(FetchError) as down:
        fetch(http, server.url("/down"))
    assert down.value.status == 503 and 290 < down.value.retry_after <= 300


@pytest.mark.parametrize(("status", "transient"), [(404, False), (410, False), (403, False),
                                                   (500, True), (502, True), (408, True)])
def test_error_statuses_are_classified(server, http, status, transient):
    server.routes["/s"] = lambda h: reply(h, status, b"error page")
    with pytest.raises(FetchError) as info:
        fetch(http, server.url("/s"))
    assert (info.value.status, info.value.transient) == (status, transient)
    assert str(status) in str(info.value)


def test_connection_refused_is_transient(http):
    with socket.socket() as sock:  # a port that was free a moment ago
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as info:
        fetch(http, f"http://127.0.0.1:{port}/feed")
    assert info.value.transient and "cannot connect" in str(info.value)


def test_private_address_refused_without_allow_private(server):
    server.routes["/feed"] = lambda h: reply(h, 200, FEED)
    with SafeHTTP() as strict, pytest.raises(UnsafeURLError, match="allow_private"):
        fetch(strict, server.url("/feed"))
    assert server.requests == []


@pytest.mark.parametrize(("value", "expected"), [
    ("120", 120.0), (" 0 ", 0.0), (None, None), ("", None), ("soon", None), ("-5", None),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past
])
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value, time.time()) == expected


def test_parse_retry_after_http_date():
    now = time.time()
    assert parse_retry_after(formatdate(now + 90, usegmt=True), now) == pytest.approx(90, abs=1)


@pytest.mark.parametrize(("value", "expected"), [
    ("max-age=300", 300.0), ("public, s-maxage=10, max-age=60", 60.0), ("no-cache", None),
    ("no-store, max-age=60", None), (None, None), ("private", None),
])
def test_cache_max_age(value, expected):
    assert cache_max_age(value) == expected


# --- compression -----------------------------------------------------------------------------

@pytest.mark.parametrize("encode", [
    lambda b: ("gzip", gzip.compress(b)),
    lambda b: ("deflate", zlib.compress(b)),
    lambda b: ("deflate", zlib.compress(b)[2:-4]),  # headerless "deflate" sent by some servers
    lambda b: ("gzip", gzip.compress(b[:40]) + gzip.compress(b[40:])),  # two gzip members
])
def test_compressed_bodies_are_decoded(server, http, encode):
    coding, data = encode(FEED * 50)
    server.routes["/z"] = lambda h: reply(h, 200, data, {"Content-Encoding": coding})
    result = fetch(http, server.url("/z"))
    assert result.body == FEED * 50 and "content-encoding" not in result.headers
    assert server.requests[-1]["accept-encoding"] == "gzip, deflate"


def test_unsupported_encoding_is_an_error(server, http):
    server.routes["/br"] = lambda h: reply(h, 200, b"\x0b\x02\x80", {"Content-Encoding": "br"})
    with pytest.raises(FetchError, match="unsupported Content-Encoding"):
        fetch(http, server.url("/br"))


# --- webhooks (post) -------------------------------------------------------------------------

def test_post_sends_body_never_follows_redirects_and_cuts_the_answer(server, http):
    server.routes["/hook"] = lambda h: reply(h, 200, b"x" * 100_000)
    server.routes["/moved"] = redirect(307, "/hook")
    answer = http.post(server.url("/hook"), content=b'{"a":1}',
                       headers={"Content-Type": "application/json"}, total_timeout=5)
    assert answer.status == 200 and len(answer.body) == 65536
    assert server.requests[-1]["method"] == "POST"
    moved = http.post(server.url("/moved"), content=b"{}", headers={}, total_timeout=5)
    assert moved.status == 307 and server.requests[-1]["path"] == "/moved"


def test_post_to_private_address_is_refused():
    with SafeHTTP() as strict, pytest.raises(UnsafeURLError):
        strict.post("http://192.168.1.10/hook", content=b"{}", headers={}, total_timeout=1)


# --- DNS rebinding: the connection goes to the checked address -------------------------------

def test_connection_is_pinned_to_the_checked_address(server, monkeypatch):
    """The checker sees 127.0.0.1 (allowed); the library itself may not resolve the name at all
    (the autouse guard makes such a lookup fail, and it is recorded). The request must reach our
    server through a socket to 127.0.0.1 only, with the hostname in the Host header. A second
    request is checked again and refused once the DNS answer turns private."""
    answers = iter([["127.0.0.1"], ["10.66.66.66"]])

    def checker_dns(host, port, *args):
        assert host == "rebind.test"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in next(answers)]

    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection
    library_lookups: list[str] = []
    dialled: list[tuple[str, int]] = []

    def trap_getaddrinfo(host, *args, **kwargs):
        if not _numeric(str(host)):
            library_lookups.append(host)  # a re-resolution: fail it (never touch real DNS)
        return real_getaddrinfo(host, *args, **kwargs)

    def spy_connect(address, *args, **kwargs):
        dialled.append(address)
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", trap_getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", spy_connect)
    server.routes["/feed"] = lambda h: reply(h, 200, FEED)
    with SafeHTTP(allow_private=["127.0.0.1/32"], resolve=checker_dns) as http:
        first = http.get(server.url("/feed", host="rebind.test"), max_bytes=1 << 20,
                         total_timeout=5)
        assert first.status == 200 and first.body == FEED
        with pytest.raises(UnsafeURLError, match="10.66.66.66"):
            http.get(server.url("/feed", host="rebind.test"), max_bytes=1 << 20,
                     total_timeout=5)
    assert dialled == [("127.0.0.1", server.port)]
    assert library_lookups == []
    assert server.requests[0]["host"] == f"rebind.test:{server.port}"
    assert len(server.requests) == 1


def test_kept_alive_connection_is_reused_only_for_the_address_just_checked(server, monkeypatch):
    """Polls of one host share a connection while its check keeps returning the address the
    connection goes to; once the answer changes, a new connection goes to the new address."""
    answers = iter([["127.0.0.1"]] * 3 + [["127.0.0.2"]])

    def dns(host, port, *args):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in next(answers)]

    real_connect, dialled = socket.create_connection, []

    def spy_connect(address, *args, **kwargs):
        dialled.append(address[0])
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", spy_connect)
    server.routes["/feed"] = lambda h: reply(h, 200, FEED, {"ETag": '"v1"'}) \
        if h.headers.get("If-None-Match") != '"v1"' else reply(h, 304, b"")
    url = server.url("/feed", host="pool.test")
    with SafeHTTP(allow_private=LOOPBACK, resolve=dns) as http:
        assert http.get(url, max_bytes=1 << 20, total_timeout=5).body == FEED
        assert http.get(url, headers={"If-None-Match": '"v1"'}, max_bytes=1 << 20,
                        total_timeout=5).status == 304
        assert http.get(url, max_bytes=1 << 20, total_timeout=5).body == FEED
        assert dialled == ["127.0.0.1"]
        with contextlib.suppress(FetchError):  # whether 127.0.0.2 answers does not matter
            http.get(url, max_bytes=1 << 20, total_timeout=5)
    assert dialled == ["127.0.0.1", "127.0.0.2"]


# --- TLS: pinned IP, but SNI and certificate checks use the hostname -------------------------

@pytest.fixture(scope="module")
def tls_cert(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl not available")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=feed.test", "-addext", "subjectAltName=DNS:feed.test",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return key, cert


def test_tls_uses_hostname_for_sni_and_verification(tls_cert):
    key, cert = tls_cert
    seen_sni: list[str | None] = []
    server = LocalServer({"/feed": lambda h: reply(h, 200, FEED)})
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen_sni.append(name)
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    client_ctx = ssl.create_default_context(cafile=str(cert))

    def dns(host, port, *args):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    try:
        with SafeHTTP(allow_private=LOOPBACK, resolve=dns, ssl_context=client_ctx) as http:
            ok = http.get(f"https://feed.test:{server.port}/feed", max_bytes=4096,
                          total_timeout=5)
            assert ok.status == 200 and ok.body == FEED
            with pytest.raises(FetchError, match="cannot connect|CERTIFICATE"):
                http.get(f"https://other.test:{server.port}/feed", max_bytes=4096,
                         total_timeout=5)
    finally:
        server.close()
    assert seen_sni[:2] == ["feed.test", "other.test"]


# --- hostile servers: bombs, endless bodies, slow drips --------------------------------------

def test_gzip_bomb_stops_at_max_bytes_with_bounded_memory(server, http):
    bomb = gzip.compress(b"\0" * (10 << 20), 9)  # 10 MiB of zeros in ~10 KB
    server.routes["/bomb"] = lambda h: reply(h, 200, bomb, {"Content-Encoding": "gzip"})
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(FetchError, match="exceeds the limit"):
            fetch(http, server.url("/bomb"), max_bytes=1 << 20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 2
    assert peak < 20 << 20, f"peak {peak / 1e6:.1f} MB"


def test_nested_gzip_bomb_is_bounded_too(server, http):
    bomb = gzip.compress(gzip.compress(b"\0" * (50 << 20), 9), 9)  # 50 MiB in ~1 KB
    server.routes["/bomb2"] = lambda h: reply(h, 200, bomb, {"Content-Encoding": "gzip, gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="exceeds the limit"):
            fetch(http, server.url("/bomb2"), max_bytes=1 << 20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 << 20, f"peak {peak / 1e6:.1f} MB"


def endless(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    chunk = b"<item>" + b"x" * 65536 + b"</item>"
    for _ in range(10_000):  # 650 MB if nobody stops reading
        h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))


def test_endless_chunked_body_is_capped(server, http):
    server.routes["/endless"] = endless
    started = time.monotonic()
    with pytest.raises(FetchError, match="exceeds the limit"):
        fetch(http, server.url("/endless"), max_bytes=2 << 20)
    assert time.monotonic() - started < 3


def test_declared_oversize_body_is_refused_before_reading(server, http):
    def huge(h):
        h.send_response(200)
        h.send_header("Content-Length", str(1 << 40))
        h.end_headers()
    server.routes["/huge"] = huge
    with pytest.raises(FetchError, match="exceeds the limit"):
        fetch(http, server.url("/huge"), max_bytes=1 << 20)


def drip_body(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", "1000")
    h.end_headers()
    for _ in range(1000):
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.5)


def drip_headers(h: BaseHTTPRequestHandler) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" * 100:
        h.wfile.write(bytes([byte]))
        h.wfile.flush()
        time.sleep(0.5)


@pytest.mark.parametrize("route", [drip_body, drip_headers])
def test_slow_drip_is_cut_at_the_total_timeout(server, http, route):
    server.routes["/drip"] = route
    started = time.monotonic()
    with pytest.raises(FetchError, match="time limit") as info:
        fetch(http, server.url("/drip"), timeout=1.5)
    elapsed = time.monotonic() - started
    assert elapsed < 1.5 + 2, elapsed
    assert info.value.transient


# --- cut bodies are never taken for whole ones -----------------------------------------------

def cut_length(h: BaseHTTPRequestHandler) -> None:
    h.close_connection = True
    h.send_response(200)
    h.send_header("Content-Length", str(len(FEED) + 500))
    h.send_header("ETag", '"cut"')
    h.end_headers()
    h.wfile.write(FEED)  # then the server closes: 500 bytes never come


def cut_chunked(last_chunk_started: bool) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        h.close_connection = True
        h.send_response(200)
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        h.wfile.write(b"%x\r\n%s\r\n" % (len(FEED), FEED))
        if last_chunk_started:
            h.wfile.write(b"400\r\n<item>")  # a chunk of 1024 bytes, cut after 6
    return route


@pytest.mark.parametrize("route", [cut_length, cut_chunked(False), cut_chunked(True)],
                         ids=["content-length", "chunked-between-chunks", "chunked-mid-chunk"])
def test_body_cut_short_is_a_transient_error(server, http, route):
    server.routes["/cut"] = route
    with pytest.raises(FetchError, match="without sending complete message body|IncompleteRead") \
            as info:
        fetch(http, server.url("/cut"))
    assert info.value.transient
    server.routes["/cut"] = lambda h: reply(h, 200, FEED)  # the next fetch is a fresh one
    assert fetch(http, server.url("/cut")).body == FEED


def test_truncated_gzip_body_is_an_error(server, http):
    whole = gzip.compress(FEED * 50)
    cut = whole[: len(whole) // 2]  # framing intact: Content-Length is that of the cut stream
    server.routes["/half"] = lambda h: reply(h, 200, cut, {"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="truncated compressed body"):
        fetch(http, server.url("/half"))


def test_trailing_garbage_after_gzip_is_ignored(server, http):
    body = gzip.compress(FEED) + b"\0\0\0garbage"
    server.routes["/tail"] = lambda h: reply(h, 200, body, {"Content-Encoding": "gzip"})
    assert fetch(http, server.url("/tail")).body == FEED


def test_endless_garbage_after_gzip_stops_reading(server, http):
    sent = []

    def endless_tail(h: BaseHTTPRequestHandler) -> None:
        h.close_connection = True
        h.send_response(200)
        h.send_header("Content-Encoding", "gzip")
        h.send_header("Connection", "close")  # body delimited by the close, never comes
        h.end_headers()
        h.wfile.write(gzip.compress(b"<rss/>"))
        for _ in range(100_000):  # 6.5 GB if nobody stops reading
            h.wfile.write(b"A" * 65536)
            sent.append(1)

    server.routes["/tail"] = endless_tail
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = fetch(http, server.url("/tail"), timeout=30)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.body == b"<rss/>"
    assert time.monotonic() - started < 10  # generous: not read until the 30 s deadline
    assert peak < 20 << 20, f"peak {peak / 1e6:.1f} MB"


# --- interim 1xx answers ---------------------------------------------------------------------

def test_interim_1xx_answers_are_skipped(server, http):
    def early_hints(h: BaseHTTPRequestHandler) -> None:
        # all in one write: the final answer is already in the buffer that read the 103
        h.wfile.write(b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                      b"HTTP/1.1 102 Processing\r\n\r\n"
                      b"HTTP/1.1 100 Continue\r\n\r\n"
                      b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                      b"Content-Length: %d\r\n\r\n%s" % (len(FEED), FEED))

    server.routes["/hints"] = early_hints
    for _ in range(2):  # the second one on the kept-alive connection
        result = fetch(http, server.url("/hints"))
        assert result.status == 200
        assert result.body == FEED
        assert result.headers["content-type"] == "application/rss+xml"


# --- credentials in the URL ------------------------------------------------------------------

def test_url_credentials_are_sent_as_basic_auth(server, http):
    server.routes["/private"] = lambda h: reply(h, 200, FEED)
    url = server.url("/private").replace("://", "://wire%20user:p%40ss%3Aw0rd@")
    assert fetch(http, url).body == FEED
    expected = "Basic " + base64.b64encode(b"wire user:p@ss:w0rd").decode()
    assert server.requests[-1]["authorization"] == expected
    fetch(http, server.url("/private"))
    assert "authorization" not in server.requests[-1]


def test_credentials_follow_same_origin_redirects_only(server, http):
    other = LocalServer({"/landing": lambda h: reply(h, 200, FEED)})
    try:
        server.routes["/moved"] = lambda h: reply(h, 301, b"", {"Location": "/here"})
        server.routes["/here"] = lambda h: reply(h, 302, b"",
                                                 {"Location": other.url("/landing")})
        url = server.url("/moved").replace("://", "://user:secret@")
        result = fetch(http, url)
        assert result.body == FEED
        assert [r["path"] for r in server.requests] == ["/moved", "/here"]
        assert all(r["authorization"].startswith("Basic ") for r in server.requests)
        assert "authorization" not in other.requests[0]
        assert result.url == other.url("/landing")
    finally:
        other.close()


@pytest.mark.parametrize("path", ["/gone", "/noloc"])
def test_error_text_holds_no_credentials_or_query(server, http, path):
    server.routes["/gone"] = lambda h: reply(h, 404, b"")
    server.routes["/noloc"] = lambda h: reply(h, 302, b"")
    url = server.url(path).replace("://", "://user:hunter2@") + "?token=s3cret"
    with pytest.raises(FetchError) as info:
        fetch(http, url)
    text = str(info.value)
    assert "127.0.0.1" in text
    for secret in ("user", "hunter2", "token", "s3cret"):
        assert secret not in text, text


def test_a_dns_look_up_that_hangs_counts_against_the_request_deadline():
    """getaddrinfo cannot be cancelled: the request stops waiting at its deadline."""
    release = threading.Event()

    def silent_dns(host, port, *args):
        release.wait(10)  # a DNS server that never answers (the resolver retries for seconds)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    with SafeHTTP(allow_private=LOOPBACK, resolve=silent_dns) as http:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"cannot resolve slow\.test: .*0\.5s limit") as err:
            http.get("http://slow.test/feed", max_bytes=1 << 20, total_timeout=0.5)
        assert time.monotonic() - started < 2.0
        assert err.value.transient
        release.set()
