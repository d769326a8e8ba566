"""The HTTP endpoint of `wirewatch run`: `/healthz` and `/metrics`."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import CollectorRegistry
from redis import Redis

from monitor.errors import WirewatchError
from monitor.storage.keys import Keys
from monitor.storage.metrics import RedisCollector
from monitor.storage.queues import Queues

log = logging.getLogger("wirewatch.http")
POLLER_STALE_AFTER = 60.0
INDEX = json.dumps({"service": "wirewatch", "endpoints": {
    "/healthz": "200 ok or degraded (every feed failing), 503 unhealthy; JSON details",
    "/metrics": "Prometheus metrics"}}, indent=2).encode() + b"\n"


def failing_feeds(redis: Redis, keys: Keys, feed_ids: Sequence[str]) -> int:
    """How many of these feeds failed their last poll (an error streak above zero)."""
    pipe = redis.pipeline(transaction=False)
    for feed_id in feed_ids:
        pipe.hget(keys.feed_state(feed_id), "error_streak")
    return sum(1 for streak in pipe.execute() if streak and int(streak) > 0)


def health(redis: Redis, keys: Keys, *, expect_workers: bool,
           feed_ids: Sequence[str] = ()) -> tuple[bool, dict[str, Any]]:
    """(healthy, details): Redis answers, poller heartbeat fresh, at least one worker alive.

    Every feed failing is `degraded`, still healthy: a restart would not fix a network or a
    publisher, so a supervisor must not restart the daemon for it."""
    try:
        redis.ping()
    except Exception as exc:  # any failure to answer is "redis down", whatever the client says
        return False, {"status": "unhealthy", "reason": f"redis unavailable: {exc}"}
    beat = redis.get(keys.poller_heartbeat)
    age = time.time() - float(beat) if beat else None
    if age is None or age > POLLER_STALE_AFTER:
        return False, {"status": "unhealthy", "reason": "poller heartbeat is stale",
                       "poller_heartbeat_age_s": age}
    workers = sum(1 for _ in redis.scan_iter(keys.worker_heartbeat("*"), count=100))
    if expect_workers and workers == 0:
        return False, {"status": "unhealthy", "reason": "no live worker"}
    failing = failing_feeds(redis, keys, feed_ids)
    status = "degraded" if feed_ids and failing == len(feed_ids) else "ok"
    return True, {"status": status, "poller_heartbeat_age_s": round(age, 1), "workers": workers,
                  "feeds": len(feed_ids), "failing_feeds": failing}


class HealthServer:
    """A small threaded HTTP server in the daemon process."""

    def __init__(self, listen: str, redis: Redis, keys: Keys, queues: Queues, *,
                 expect_workers: bool, feed_ids: Callable[[], Sequence[str]] = tuple,
                 story_window: float = 72 * 3600.0) -> None:
        host, _, port = listen.rpartition(":")
        self.address = (host.strip("[]"), int(port))
        registry = CollectorRegistry()
        registry.register(RedisCollector(redis, keys, queues, story_window))
        try:
            self.server = ThreadingHTTPServer(self.address, self._handler(
                redis, keys, registry, expect_workers, feed_ids))
        except OSError as exc:
            raise WirewatchError(f"cannot serve /healthz on {listen}: {exc.strerror or exc} "
                                 "(set http.listen)") from exc
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="http", daemon=True)

    @staticmethod
    def _handler(redis: Redis, keys: Keys, registry: CollectorRegistry, expect_workers: bool,
                 feed_ids: Callable[[], Sequence[str]]) -> type[BaseHTTPRequestHandler]:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path.split("?")[0]
                if path == "/":
                    self._send(200, "application/json", INDEX)
                elif path == "/healthz":
                    ok, details = health(redis, keys, expect_workers=expect_workers,
                                         feed_ids=feed_ids())
                    self._send(200 if ok else 503, "application/json",
                               json.dumps(details).encode())
                elif path == "/metrics":
                    try:
                        body = generate_latest(registry)
                    except Exception as exc:
                        self._send(503, "text/plain", f"metrics unavailable: {exc}\n".encode())
                        return
                    self._send(200, CONTENT_TYPE_LATEST, body)
                else:
                    self._send(404, "text/plain", b"not found\n")

            def _send(self, status: int, ctype: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def start(self) -> None:
        """Serve in a background thread."""
        self.thread.start()
        log.info("http endpoint listening", extra={"address": f"{self.address[0]}:"
                                                              f"{self.server.server_port}"})

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
