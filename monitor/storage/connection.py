"""Process-level wiring: the Redis connection (configured or embedded) and shared services."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from redis import Redis

from monitor.errors import StoreUnavailableError
from monitor.settings import Settings
from monitor.storage.embedded import EmbeddedRedis, answers, socket_url

log = logging.getLogger("wirewatch.runtime")


def redis_from_url(url: str) -> Redis:
    """A client with bounded connect time and keepalive health checks."""
    return Redis.from_url(url, socket_connect_timeout=5, health_check_interval=15,
                          retry_on_timeout=True)


@contextmanager
def redis_connection(settings: Settings, *, embedded: bool = True, existing_data: bool = False,
                     ) -> Iterator[tuple[Redis, EmbeddedRedis | None]]:
    """The configured Redis, else the embedded server of `data_dir` (started here if needed).

    `existing_data`: only start an embedded server on a data directory that already holds
    wirewatch data (commands that read state must not create an empty one by running in
    another directory). Yields (client, the embedded server this call started or None)."""
    if settings.redis_url:
        client = redis_from_url(settings.redis_url)
        try:
            yield client, None
        finally:
            client.close()
        return
    data_dir = Path(settings.data_dir)
    url = socket_url(data_dir)
    server: EmbeddedRedis | None = None
    if not answers(url):
        if not embedded:
            raise StoreUnavailableError(f"no Redis answers at {url}; is `wirewatch run` up?")
        if existing_data and not any(data_dir.glob("appendonly*")):
            raise StoreUnavailableError(
                f"no wirewatch data in {data_dir.resolve()} (data_dir is relative to the current "
                "directory; run from where the daemon runs, or set data_dir or redis_url)")
        server = EmbeddedRedis(data_dir)
        server.start()
    client = redis_from_url(url)
    try:
        yield client, server
    finally:
        client.close()
        if server is not None:
            server.stop()
