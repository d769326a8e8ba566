"""The HTTP endpoint of `wirewatch run`: `/healthz` and `/metrics`."""

from __future__ import annotations

import json
import logging
import threading
import time
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


def health(redis: Redis, keys: Keys, *, expect_workers: bool) -> tuple[bool, dict[str, Any]]:
    """(healthy, details): Redis answers, poller heartbeat fresh, at least one worker alive."""
    try:
        redis.ping()
    except Exception as exc:  # any failure to answer is "redis down", whatever the client says
        return False, {"status": "unhealthy", "reason": f"redis unavailable: {exc}"}
    beat = redis.get(keys.heartbeat("poller"))
    age = time.time() - float(beat) if beat else None
    if age is None or age > POLLER_STALE_AFTER:
        return False, {"status": "unhealthy", "reason": "poller heartbeat is stale",
                       "poller_heartbeat_age_s": age}
    workers = sum(1 for _ in redis.scan_iter(keys.worker_heartbeat("*"), count=100))
    if expect_workers and workers == 0:
        return False, {"status": "unhealthy", "reason": "no live worker"}
    return True, {"status": "ok", "poller_heartbeat_age_s": round(age, 1), "workers": workers}


class HealthServer:
    """A small threaded HTTP server in the daemon process."""

    def __init__(self, listen: str, redis: Redis, keys: Keys, queues: Queues, *,
                 expect_workers: bool) -> None:
        host, _, port = listen.rpartition(":")
        self.address = (host.strip("[]"), int(port))
        registry = CollectorRegistry()
        registry.register(RedisCollector(redis, keys, queues))
        try:
            self.server = ThreadingHTTPServer(self.address, self._handler(
                redis, keys, registry, expect_workers))
        except OSError as exc:
            raise WirewatchError(f"cannot serve /healthz on {listen}: {exc.strerror or exc} "
                                 "(set http.listen)") from exc
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="http", daemon=True)

    @staticmethod
    def _handler(redis: Redis, keys: Keys, registry: CollectorRegistry,
                 expect_workers: bool) -> type[BaseHTTPRequestHandler]:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                if self.path.split("?")[0] == "/healthz":
                    ok, details = health(redis, keys, expect_workers=expect_workers)
                    self._send(200 if ok else 503, "application/json",
                               json.dumps(details).encode())
                elif self.path.split("?")[0] == "/metrics":
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
