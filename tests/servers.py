"""Real local servers for tests: a feed server, a webhook receiver that verifies every Standard
Webhooks signature with the `standardwebhooks` package, and a private redis-server."""

from __future__ import annotations

import contextlib
import hashlib
import json
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from redis import Redis
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from monitor.storage.embedded import find_redis_server
from tests.helpers import free_port, wait_until


class _Server:
    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self  # type: ignore[attr-defined]
        # shutdown() waits for serve_forever's next poll: 0.05 s, not the default 0.5 s, so
        # closing the servers does not add a second to every test's teardown
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class FeedDoc:
    """What the feed server answers for one path."""

    body: bytes
    validators: bool = True  # send ETag/Last-Modified and honour conditional requests
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering: keeps a poll in flight


class FeedServer(_Server):
    """Serves feeds from `self.docs` (path -> FeedDoc) and records every request."""

    def __init__(self) -> None:
        self.docs: dict[str, FeedDoc] = {}
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        super().__init__(_FeedHandler)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.requests if r["path"] == path]


class _FeedHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        owner: FeedServer = self.server.owner  # type: ignore[attr-defined]
        doc = owner.docs.get(self.path)
        record = {"path": self.path, "at": time.time(), "end": None,
                  "headers": {k.lower(): v for k, v in self.headers.items()}}
        with owner.lock:
            owner.requests.append(record)
        try:
            self._answer(doc)
        finally:
            record["end"] = time.time()

    def _answer(self, doc: FeedDoc | None) -> None:
        if doc is not None and doc.delay:
            time.sleep(doc.delay)
        if doc is None:
            self._reply(404, b"not found", {"Content-Type": "text/plain"})
            return
        etag = '"' + hashlib.sha256(doc.body).hexdigest()[:16] + '"'
        headers = {"Content-Type": doc.content_type, **doc.headers}
        if doc.validators:
            headers["ETag"] = etag
            if self.headers.get("If-None-Match") == etag:
                self._reply(304, b"", headers)
                return
        self._reply(doc.status, doc.body, headers)

    def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Received:
    """One request the receiver got, with the outcome of signature verification."""

    headers: dict[str, str]
    body: dict[str, Any]
    verified: bool
    status: int
    at: float


class Gauge:
    """Requests being answered now, and the most at once; one gauge may be shared by several
    receivers to count across them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.peak = 0

    def __enter__(self) -> Gauge:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        return self

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            self.now -= 1


class WebhookReceiver(_Server):
    """Verifies signatures; answers from `self.plan` (statuses, then `default`); counts the
    requests in flight in `gauge`."""

    def __init__(self, secret: str, plan: list[int] | None = None, default: int = 200,
                 headers: dict[int, dict[str, str]] | None = None, delay: float = 0.0,
                 delays: list[float] | None = None, gauge: Gauge | None = None) -> None:
        self.gauge = gauge or Gauge()
        self.secret = secret
        self.delays = list(delays or [])
        self.plan = list(plan or [])
        self.default = default
        self.extra_headers = headers or {}
        self.delay = delay
        self.received: list[Received] = []
        self.started: list[float] = []  # arrival time of every request, answered or not
        self.lock = threading.Lock()
        super().__init__(_ReceiverHandler)

    @property
    def url(self) -> str:
        return self.base + "/hook"

    def next_status(self) -> int:
        with self.lock:
            return self.plan.pop(0) if self.plan else self.default

    def next_delay(self) -> float:
        with self.lock:
            return self.delays.pop(0) if self.delays else self.delay

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.05)
        with self.lock:
            return list(self.received)


def signature_holds(secret: str, raw: bytes, headers: dict[str, str]) -> bool:
    """Whether `raw` carries a valid Standard Webhooks signature of `secret` (headers in lower
    case), as a receiver checks it."""
    try:
        Webhook(secret).verify(raw, headers)
    except WebhookVerificationError:
        return False
    return True


class _ReceiverHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        owner: WebhookReceiver = self.server.owner  # type: ignore[attr-defined]
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k.lower(): v for k, v in self.headers.items()}
        verified = signature_holds(owner.secret, raw, headers)
        arrived = time.time()
        owner.started.append(arrived)
        delay = owner.next_delay()
        with owner.gauge:
            if delay:
                time.sleep(delay)
        status = owner.next_status()
        with owner.lock:
            owner.received.append(Received(headers, json.loads(raw), verified, status, arrived))
        self.send_response(status)
        for key, value in owner.extra_headers.get(status, {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


class RedisServer:
    """A redis-server of the test's own on a free 127.0.0.1 port, its files under `workdir`.

    `persistent` turns on an fsync'd append-only file, so that `stop()` then `start()` is a
    restart that keeps the data (an outage); otherwise nothing is written to disk."""

    def __init__(self, workdir: Path, *, persistent: bool = False) -> None:
        self.workdir = workdir
        self.persistent = persistent
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        """Start (again, on the same port after a stop); returns once it answers PING."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        persistence = (["--appendonly", "yes", "--appendfsync", "always"] if self.persistent
                       else ["--appendonly", "no"])
        # A free port can be taken between our probe and the server's bind (parallel test
        # workers probe too), so a server that does not come up is retried on another port;
        # a restart keeps its port, which the code under test was configured with.
        for _ in range(1 if self.port else 5):
            self.port = self.port or free_port()
            self.proc = subprocess.Popen(
                [find_redis_server(), "--port", str(self.port), "--bind", "127.0.0.1",
                 "--dir", str(self.workdir), "--save", "", *persistence],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if wait_until(self._up, timeout=10) and self.proc.poll() is None:
                return
            self._kill()
            if not self.persistent:
                self.port = 0
        raise RuntimeError(f"redis-server did not start in {self.workdir}")

    def _up(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            return True  # exited (port taken): stop waiting; start() sees that it is gone
        with contextlib.suppress(Exception), Redis(port=self.port, socket_timeout=1) as client:
            return bool(client.ping())
        return False

    def _kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
        if self.proc is not None:
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        """Shut down (a SIGTERM: redis-server flushes its append-only file and exits). Not a
        SHUTDOWN command: redis-py retries the dropped connection with backoff, ~3 s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._kill()
