"""The daemon's HTTP endpoint: `/` lists the endpoints, `/healthz` says degraded when every feed
fails (still 200), `/metrics` counts dead letters."""

from __future__ import annotations

import json
import logging
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from redis import Redis

from monitor.config import load_config
from monitor.ops.daemon import Daemon
from monitor.ops.health import HealthServer
from monitor.ops.status import render_status
from monitor.storage.keys import Keys
from monitor.storage.queues import make_queues
from monitor.storage.stores import FeedStates
from tests.helpers import free_port, write_config

FEEDS = ["tass", "trend"]


@pytest.fixture
def server(redis: Redis) -> Iterator[str]:
    keys = Keys()
    redis.set(keys.poller_heartbeat, str(time.time()))
    port = free_port()
    health = HealthServer(f"127.0.0.1:{port}", redis, keys, make_queues(redis, "wirewatch"),
                          expect_workers=False, feed_ids=lambda: FEEDS)
    health.start()
    yield f"http://127.0.0.1:{port}"
    health.stop()


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def test_index_lists_the_endpoints(server: str) -> None:
    status, body = get(server + "/")
    assert status == 200
    assert set(json.loads(body)["endpoints"]) == {"/healthz", "/metrics"}


def test_every_feed_failing_is_degraded_not_unhealthy(server: str, redis: Redis) -> None:
    states = FeedStates(redis, Keys())
    states.update("tass", {"error_streak": 3})
    status, body = get(server + "/healthz")
    assert status == 200
    assert json.loads(body) | {"poller_heartbeat_age_s": 0} == {
        "status": "ok", "poller_heartbeat_age_s": 0, "workers": 0, "feeds": 2,
        "failing_feeds": 1}
    states.update("trend", {"error_streak": 1})
    status, body = get(server + "/healthz")
    assert status == 200
    assert json.loads(body)["status"] == "degraded"
    assert json.loads(body)["failing_feeds"] == 2
    states.update("tass", {"error_streak": 0})
    assert json.loads(get(server + "/healthz")[1])["status"] == "ok"


def test_metrics_count_dead_letters(server: str, redis: Redis) -> None:
    def dead_letters() -> float:
        text = get(server + "/metrics")[1].decode()
        return next(s.value for f in text_string_to_metric_families(text) for s in f.samples
                    if s.name == "wirewatch_dead_letters")

    assert dead_letters() == 0
    redis.zadd(Keys().dead_letters, {"alert_1|hook": time.time(), "alert_2|hook": time.time()})
    assert dead_letters() == 2


def _daemon_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "wirewatch.daemon"]


def test_the_daemon_warns_when_every_feed_fails(tmp_path: Path, redis_url: str, redis: Redis,
                                                caplog: pytest.LogCaptureFixture) -> None:
    config = load_config(write_config(
        tmp_path / "cfg", redis_url=redis_url,
        feeds=[{"id": feed, "url": f"https://{feed}.example/rss"} for feed in FEEDS],
        destinations=[{"id": "log", "type": "log"}]))
    daemon = Daemon(config)
    states = FeedStates(redis, Keys())
    states.update("tass", {"error_streak": 2})
    with caplog.at_level(logging.WARNING, logger="wirewatch.daemon"):
        daemon._warn_if_every_feed_fails(redis)
        assert not _daemon_records(caplog)
        states.update("trend", {"error_streak": 1})
        daemon._warn_if_every_feed_fails(redis)
    assert [r.getMessage() for r in _daemon_records(caplog)] == [
        "every feed is failing; see `wirewatch status` for each feed's last error and next try"]


def test_status_text_of_a_stopped_daemon() -> None:
    """No poller heartbeat reads as such (not "None s ago"); the per-destination total of dead
    letters is not confused with the dead letters waiting now."""
    status = {"redis": {"ok": True}, "poller": {"heartbeat_age_s": None}, "feeds": [],
              "queues": [], "workers": [], "alerts": {"created": 3},
              "destinations": [{"id": "hook", "type": "webhook", "delivered": 1,
                                "failed_attempts": 4, "dead": 2, "disabled": False,
                                "disabled_reason": None}],
              "dead_letters": [{"alert_id": "alert_1", "destination": "hook", "attempts": 3,
                                "last_error": "HTTP 500", "since": "2026-12-04T18:00:00Z"}]}
    text = render_status(status)
    assert "poller heartbeat: none (no poller is running)" in text
    assert "None s ago" not in text
    assert "DEAD_EVER" in text and "dead letters: 1" in text
